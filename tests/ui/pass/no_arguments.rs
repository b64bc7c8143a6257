//! `#[with_auth]` and `#[with_auth()]` without arguments (any valid session passes), on
//! handlers without parameters; a trailing comma after the last argument is fine.
#![deny(warnings)]

use auth_runtime::{AuthOptions, with_auth};
use axum::{Router, routing::get};

#[with_auth]
async fn bare() -> &'static str {
    "signed in"
}

#[with_auth()]
async fn empty_parentheses() -> &'static str {
    "signed in"
}

#[rustfmt::skip]
#[with_auth(sign_in = "/auth/signin", forbidden = "/auth/forbidden",)]
async fn trailing_comma() -> &'static str {
    "signed in"
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _app: Router = Router::new()
        .route("/a", get(bare))
        .route("/b", get(empty_parentheses))
        .route("/c", get(trailing_comma))
        .with_state(options);
}
