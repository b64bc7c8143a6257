// A misspelled root, close to `token`.
use auth_runtime::with_auth;

#[with_auth(authorized = "tokn.role == 'admin'")]
async fn handler() {}

fn main() {}
