// A guarded associated function in an `impl` block the attribute is not on: rustc refuses the
// hidden items the attribute writes, before the macro can tell. The fix: `#[with_auth]` on the block.
use auth_runtime::{AuthOptions, with_auth};
use axum::{Router, routing::get};

struct Handlers;

impl Handlers {
    #[with_auth(authorized = "token.role == 'admin'")]
    async fn admin_panel() -> &'static str {
        "admin"
    }
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _: Router = Router::new()
        .route("/admin", get(Handlers::admin_panel))
        .with_state(options);
}
