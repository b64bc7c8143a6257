// An index that is an expression, not a literal.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.permissions[token.role]")]
async fn handler() {}

fn main() {}
