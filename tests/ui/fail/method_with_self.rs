// A method taking `self`: axum handlers are free functions.
use auth_runtime::with_auth;

struct Admin;

impl Admin {
    #[with_auth(authorized = "token.role == 'admin'")]
    async fn panel(&self) -> &'static str {
        "admin"
    }
}

fn main() {}
