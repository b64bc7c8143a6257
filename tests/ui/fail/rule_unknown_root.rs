// A bare claim name instead of `token.<claim>`.
use auth_runtime::with_auth;

#[with_auth(authorized = "role == 'admin'")]
async fn handler() {}

fn main() {}
