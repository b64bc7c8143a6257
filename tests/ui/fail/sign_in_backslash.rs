// `/\host` is another host to a browser too.
use auth_runtime::with_auth;

#[with_auth(sign_in = "/\\evil.example")]
async fn handler() {}

fn main() {}
