// A router whose state does not provide `AuthOptions`, and a handler that does not name the
// state: rustc reports it at the route, as axum does for any extractor. `state = AppState` on
// the attribute (`state_argument_without_options.rs`) says why, at the attribute.
use auth_runtime::{AuthOptions, Token, with_auth};
use axum::{Router, routing::get};

#[derive(Clone)]
struct AppState {
    options: AuthOptions,
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn admin_panel(token: Token) -> String {
    format!("{:?}", token.get_str("name"))
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _: Router = Router::new()
        .route("/admin", get(admin_panel))
        .with_state(AppState { options });
}
