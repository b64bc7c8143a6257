// A handler that is not `async`.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role == 'admin'")]
fn handler() -> &'static str {
    "admin"
}

fn main() {}
