// `sign-in` instead of `sign_in`.
use auth_runtime::with_auth;

#[with_auth(sign-in = "/auth/signin")]
async fn handler() {}

fn main() {}
