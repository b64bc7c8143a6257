// A page with a space in it.
use auth_runtime::with_auth;

#[with_auth(forbidden = "/access denied")]
async fn handler() {}

fn main() {}
