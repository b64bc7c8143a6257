// A check function that is not `async`.
use auth_runtime::{AuthOptions, Token, with_auth};
use axum::http::request::Parts;

fn owns_post(_: &Token, _: &Parts, _: &AuthOptions) -> bool {
    true
}

#[with_auth(check = owns_post, state = AuthOptions)]
async fn edit_post() {}

fn main() {}
