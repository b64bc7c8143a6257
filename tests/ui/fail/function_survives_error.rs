// On a mistake the function is still emitted, unguarded, beside the error: the handlers are
// registered on a router and called below, and under `deny(dead_code)`, yet the attribute's
// errors are the only ones reported (no "cannot find function", no unused warning, and no
// `Handler` error for the function written without `async`, which is emitted `async`).
#![deny(dead_code, unused)]

use auth_runtime::{AuthOptions, with_auth};
use axum::{Router, routing::get};

#[with_auth(authorized = "token.role == 'admin", sign_in = "/auth/signin")]
async fn admin_panel() -> &'static str {
    "admin"
}

#[with_auth(authorized = "token.role == 'admin'")]
fn not_async() -> &'static str {
    "sync"
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _app: Router = Router::new()
        .route("/admin", get(admin_panel))
        .route("/sync", get(not_async))
        .with_state(options);
    let _future = admin_panel();
}
