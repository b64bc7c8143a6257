// An array literal is never closed.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role in ['admin', 'editor'")]
async fn handler() {}

fn main() {}
