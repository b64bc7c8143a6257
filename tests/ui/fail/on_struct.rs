// The attribute on something that is not a function.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role == 'admin'")]
struct AdminPanel;

fn main() {}
