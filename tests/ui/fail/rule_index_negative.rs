// A negative array index.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.roles[-1] == 'admin'")]
async fn handler() {}

fn main() {}
