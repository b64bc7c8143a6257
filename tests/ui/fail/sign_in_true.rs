// `true` names no page: `sign_in` takes a path, or `false` for no redirect.
use auth_runtime::with_auth;

#[with_auth(sign_in = true)]
async fn handler() {}

fn main() {}
