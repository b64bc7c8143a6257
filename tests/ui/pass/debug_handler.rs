//! `#[with_auth]` with axum's `#[debug_handler]` below it: the guard is checked like any
//! other extractor, against the state `debug_handler` names, the attribute's `state`, or the
//! handler's `State<...>`.
#![deny(warnings)]

use auth_runtime::{AuthOptions, Token, with_auth};
use axum::debug_handler;
use axum::extract::{FromRef, State};
use axum::{Router, routing::get};

#[derive(Clone, FromRef)]
struct AppState {
    auth: AuthOptions,
    greeting: &'static str,
}

#[with_auth(authorized = "token.role == 'admin'")]
#[debug_handler(state = AppState)]
async fn named_by_debug_handler(token: Token) -> String {
    format!("{:?}", token.get_str("name"))
}

#[with_auth(authorized = "token.role == 'admin'", state = AppState)]
#[axum::debug_handler]
async fn named_by_the_attribute(token: Token) -> String {
    format!("{:?}", token.get_str("name"))
}

#[with_auth]
#[debug_handler]
async fn taken_by_the_handler(State(state): State<AppState>) -> &'static str {
    state.greeting
}

fn main() {
    let state = AppState {
        auth: AuthOptions::new("a secret of at least thirty-two bytes!").unwrap(),
        greeting: "hello",
    };
    let _app: Router = Router::new()
        .route("/a", get(named_by_debug_handler))
        .route("/b", get(named_by_the_attribute))
        .route("/c", get(taken_by_the_handler))
        .with_state(state);
}
