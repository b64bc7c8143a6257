// Nothing to compare with after `==`.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role ==")]
async fn handler() {}

fn main() {}
