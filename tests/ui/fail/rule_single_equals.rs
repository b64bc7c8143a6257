// `=` instead of `==`.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role = 'admin'")]
async fn handler() {}

fn main() {}
