// `state = ...` names a state that does not provide `AuthOptions`: the attribute says so.
use auth_runtime::{AuthOptions, Token, with_auth};

#[derive(Clone)]
struct AppState {
    options: AuthOptions,
}

#[with_auth(authorized = "token.role == 'admin'", state = AppState)]
async fn admin_panel(token: Token) -> String {
    format!("{:?}", token.get_str("name"))
}

fn main() {}
