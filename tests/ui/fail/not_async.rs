// A handler that is not `async`: one error, at the attribute's, and none at the route.
use auth_runtime::{AuthOptions, with_auth};
use axum::{Router, routing::get};

#[with_auth(authorized = "token.role == 'admin'")]
fn handler() -> &'static str {
    "admin"
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _: Router = Router::new().route("/admin", get(handler)).with_state(options);
}
