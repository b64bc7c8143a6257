// `check` without a state type: the macro cannot read it off the check function.
use auth_runtime::{Token, with_auth};
use axum::http::request::Parts;

async fn owns_post(_: &Token, _: &Parts, _: &auth_runtime::AuthOptions) -> bool {
    true
}

#[with_auth(check = owns_post)]
async fn edit_post() {}

fn main() {}
