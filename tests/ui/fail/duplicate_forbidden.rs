// `forbidden` twice.
use auth_runtime::with_auth;

#[with_auth(forbidden = "/403", forbidden = "/forbidden")]
async fn handler() {}

fn main() {}
