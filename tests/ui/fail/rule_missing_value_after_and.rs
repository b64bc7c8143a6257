// Nothing after `&&`.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.email_verified &&")]
async fn handler() {}

fn main() {}
