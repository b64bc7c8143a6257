// On an `impl` block, the attribute takes no arguments: each function has its own.
use auth_runtime::with_auth;

struct Handlers;

#[with_auth(authorized = "token.role == 'admin'")]
impl Handlers {
    #[with_auth(authorized = "token.role == 'admin'")]
    async fn admin_panel() -> &'static str {
        "admin"
    }
}

fn main() {}
