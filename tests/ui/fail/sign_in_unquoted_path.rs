// The path written without quotes.
use auth_runtime::with_auth;

#[with_auth(sign_in = /auth/signin)]
async fn handler() {}

fn main() {}
