// A character that starts no token.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role == 'admin' # admins only")]
async fn handler() {}

fn main() {}
