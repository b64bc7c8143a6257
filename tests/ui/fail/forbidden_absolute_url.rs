// A page on another site.
use auth_runtime::with_auth;

#[with_auth(forbidden = "https://evil.example/forbidden")]
async fn handler() {}

fn main() {}
