// An array literal holding a non-literal.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role in ['admin', token.fallback]")]
async fn handler() {}

fn main() {}
