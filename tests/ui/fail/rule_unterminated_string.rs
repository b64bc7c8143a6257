// A string in the rule is never closed.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role == 'admin")]
async fn handler() {}

fn main() {}
