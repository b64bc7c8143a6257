// `#[debug_handler]` under `#[with_auth]`, with no state to check the guard against.
use auth_runtime::{AuthOptions, Token, with_auth};
use axum::debug_handler;
use axum::{Router, routing::get};

#[with_auth(authorized = "token.role == 'admin'")]
#[debug_handler]
async fn admin_panel(token: Token) -> String {
    format!("{:?}", token.get_str("name"))
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _: Router = Router::new()
        .route("/admin", get(admin_panel))
        .with_state(options);
}
