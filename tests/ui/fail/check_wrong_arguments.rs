// A check function that does not take the token, the request's parts and the state.
use auth_runtime::{AuthOptions, Token, with_auth};

async fn owns_post(_: &Token, _: &AuthOptions) -> bool {
    true
}

#[with_auth(check = owns_post, state = AuthOptions)]
async fn edit_post() {}

fn main() {}
