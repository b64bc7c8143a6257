// `//host/path` is another host to a browser.
use auth_runtime::with_auth;

#[with_auth(sign_in = "//evil.example/signin")]
async fn handler() {}

fn main() {}
