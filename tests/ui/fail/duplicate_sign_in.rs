// `sign_in` twice.
use auth_runtime::with_auth;

#[with_auth(sign_in = "/auth/signin", authorized = "token.email_verified", sign_in = "/login")]
async fn handler() {}

fn main() {}
