// A mistake in a guarded associated function's rule is reported at the rule, as for a free
// function, and the function is still there for the route.
use auth_runtime::{AuthOptions, with_auth};
use axum::{Router, routing::get};

struct Handlers;

#[with_auth]
impl Handlers {
    #[with_auth(authorized = "token.role = 'admin'")]
    async fn admin_panel() -> &'static str {
        "admin"
    }
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _: Router = Router::new()
        .route("/admin", get(Handlers::admin_panel))
        .with_state(options);
}
