// `not` instead of `!`.
use auth_runtime::with_auth;

#[with_auth(authorized = "not token.banned")]
async fn handler() {}

fn main() {}
