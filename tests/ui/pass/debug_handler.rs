//! `#[with_auth]` with axum's `#[debug_handler]` below it: the guard is checked like any
//! other extractor.
#![deny(warnings)]

use auth_runtime::{AuthOptions, Token, with_auth};
use axum::debug_handler;
use axum::{Router, routing::get};

#[with_auth(authorized = "token.role == 'admin'")]
#[debug_handler(state = AuthOptions)]
async fn admin_panel(token: Token) -> String {
    format!("{:?}", token.get_str("name"))
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _app: Router = Router::new()
        .route("/admin", get(admin_panel))
        .with_state(options);
}
