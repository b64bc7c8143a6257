// A check function that answers something a check cannot.
use auth_runtime::{AuthOptions, Token, with_auth};
use axum::http::request::Parts;

async fn owns_post(_: &Token, _: &Parts, _: &AuthOptions) -> &'static str {
    "yes"
}

#[with_auth(check = owns_post, state = AuthOptions)]
async fn edit_post() {}

fn main() {}
