// `or` instead of `||`.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role == 'admin' or token.role == 'editor'")]
async fn handler() {}

fn main() {}
