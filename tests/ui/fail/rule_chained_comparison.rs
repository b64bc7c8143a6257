// A range written as a chained comparison.
use auth_runtime::with_auth;

#[with_auth(authorized = "18 <= token.age < 65")]
async fn handler() {}

fn main() {}
