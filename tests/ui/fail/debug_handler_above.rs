// `#[debug_handler]` above `#[with_auth]` checks the handler as written, before the guard is
// added, and cannot work; `#[with_auth]` never sees it (axum's attribute runs first). The fix is
// the other order: `#[with_auth(...)]` first, `#[debug_handler]` below it.
use auth_runtime::{AuthOptions, with_auth};
use axum::debug_handler;
use axum::{Router, routing::get};

#[debug_handler]
#[with_auth(authorized = "token.role == 'admin'")]
async fn admin_panel() -> &'static str {
    "admin"
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _: Router = Router::new()
        .route("/admin", get(admin_panel))
        .with_state(options);
}
