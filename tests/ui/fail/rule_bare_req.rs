// `req` is not a value by itself.
use auth_runtime::with_auth;

#[with_auth(authorized = "req == 'GET'")]
async fn handler() {}

fn main() {}
