// The JavaScript name of `starts_with`.
use auth_runtime::with_auth;

#[with_auth(authorized = "req.path.startsWith('/admin')")]
async fn handler() {}

fn main() {}
