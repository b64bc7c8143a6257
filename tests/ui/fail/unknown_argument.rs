// The NextAuth.js spelling of `sign_in`.
use auth_runtime::with_auth;

#[with_auth(signIn = "/auth/signin")]
async fn handler() {}

fn main() {}
