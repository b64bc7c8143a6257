// The rule written as Rust code instead of a string.
use auth_runtime::with_auth;

#[with_auth(authorized = token.role)]
async fn handler() {}

fn main() {}
