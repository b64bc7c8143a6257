// Two arguments with no comma between them.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role == 'admin'" sign_in = "/auth/signin")]
async fn handler() {}

fn main() {}
