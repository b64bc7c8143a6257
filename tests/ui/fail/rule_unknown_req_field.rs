// `req` has only `method` and `path`.
use auth_runtime::with_auth;

#[with_auth(authorized = "req.url == '/admin'")]
async fn handler() {}

fn main() {}
