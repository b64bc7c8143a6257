// `#[with_auth]` on a block with no `#[with_auth(...)]` function guards nothing.
use auth_runtime::with_auth;

struct Handlers;

#[with_auth]
impl Handlers {
    async fn admin_panel() -> &'static str {
        "admin"
    }
}

fn main() {}
