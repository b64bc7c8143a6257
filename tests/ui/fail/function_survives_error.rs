// On a mistake the function is still emitted, unguarded, beside the error: the handler is
// registered on a router and called below, and under `deny(dead_code)`, yet the rule's error
// is the only one reported (no "cannot find function", no unused warning).
#![deny(dead_code, unused)]

use auth_runtime::{AuthOptions, with_auth};
use axum::{Router, routing::get};

#[with_auth(authorized = "token.role == 'admin", sign_in = "/auth/signin")]
async fn admin_panel() -> &'static str {
    "admin"
}

#[with_auth(authorized = "token.role == 'admin'")]
fn not_async() -> u8 {
    1
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _app: Router = Router::new()
        .route("/admin", get(admin_panel))
        .with_state(options);
    let _future = admin_panel();
    let _one: u8 = not_async();
}
