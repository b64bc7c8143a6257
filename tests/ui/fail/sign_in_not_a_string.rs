// A page that is not a string literal.
use auth_runtime::with_auth;

#[with_auth(sign_in = 42)]
async fn handler() {}

fn main() {}
