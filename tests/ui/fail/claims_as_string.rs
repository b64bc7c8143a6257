// The claims type written as a string.
use auth_runtime::with_auth;

#[with_auth(claims = "AppClaims", authorized = "token.role == 'admin'")]
async fn admin() {}

fn main() {}
