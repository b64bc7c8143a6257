// A handler whose check takes one state, routed on a router with another.
use auth_runtime::{AuthOptions, Token, with_auth};
use axum::extract::FromRef;
use axum::http::request::Parts;
use axum::{Router, routing::get};

#[derive(Clone, FromRef)]
struct AppState {
    options: AuthOptions,
}

async fn owns_post(_: &Token, _: &Parts, _: &AppState) -> bool {
    true
}

#[with_auth(check = owns_post, state = AppState)]
async fn edit_post() {}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _: Router = Router::new().route("/posts/{id}", get(edit_post)).with_state(options);
}
