// A method called like a function.
use auth_runtime::with_auth;

#[with_auth(authorized = "contains(token.roles, 'admin')")]
async fn handler() {}

fn main() {}
