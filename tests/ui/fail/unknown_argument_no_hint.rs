// An argument of NextAuth.js's `withAuth` that `#[with_auth]` does not have.
use auth_runtime::with_auth;

#[with_auth(callbacks = "token.role == 'admin'")]
async fn handler() {}

fn main() {}
