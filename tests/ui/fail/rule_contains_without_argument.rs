// `contains` called with nothing.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.roles.contains()")]
async fn handler() {}

fn main() {}
