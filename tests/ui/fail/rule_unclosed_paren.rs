// A `(` is never closed.
use auth_runtime::with_auth;

#[with_auth(authorized = "(token.role == 'admin' || token.role == 'editor'")]
async fn handler() {}

fn main() {}
