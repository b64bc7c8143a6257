// A trait implementation cannot take the hidden function the attribute adds.
use auth_runtime::with_auth;

struct Handlers;

trait Panel {
    async fn admin_panel() -> &'static str;
}

#[with_auth]
impl Panel for Handlers {
    #[with_auth(authorized = "token.role == 'admin'")]
    async fn admin_panel() -> &'static str {
        "admin"
    }
}

fn main() {}
