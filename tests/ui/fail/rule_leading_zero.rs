// A number with a leading zero.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.level == 007")]
async fn handler() {}

fn main() {}
