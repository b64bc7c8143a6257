//! Guarded handlers are as lint-clean as plain ones: this file denies `clippy::pedantic`, and
//! the workspace's `cargo clippy --all-targets -- -D warnings` lints it. Its handlers do not
//! await (`unused_async` fires on such plain handlers, and removing `async` is not an option
//! under `#[with_auth]`), take extractors by value and return `impl IntoResponse`.
#![deny(clippy::pedantic)]

use auth_runtime::{AuthOptions, Claims, Token, with_auth};
use auth_tests::{SECRET, send, token, visit_with_cookie};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize, Claims)]
struct AppClaims {
    sub: String,
    role: String,
}

#[with_auth(claims = AppClaims, authorized = "token.role == 'admin'")]
async fn admin(token: Token<AppClaims>) -> String {
    format!("hello {}", token.sub)
}

#[with_auth(authorized = "token.sub == path.user_id", sign_in = false)]
async fn profile(Path(user_id): Path<String>) -> impl IntoResponse {
    Json(json!({ "user": user_id }))
}

struct Handlers;

#[with_auth]
impl Handlers {
    #[with_auth(claims = AppClaims, authorized = "token.role == 'admin'")]
    async fn associated(token: Token<AppClaims>) -> String {
        format!("hello again {}", token.sub)
    }
}

fn app() -> Router {
    let options = AuthOptions::new(SECRET).expect("a valid secret");
    Router::new()
        .route("/admin", get(admin))
        .route("/users/{user_id}", get(profile))
        .route("/associated", get(Handlers::associated))
        .with_state(options)
}

#[tokio::test]
async fn lint_clean_handlers_still_guard() {
    let admin_token = token(json!({ "sub": "u1", "role": "admin" }));
    let reply = send(app(), visit_with_cookie("/admin", &admin_token)).await;
    assert_eq!(reply.body, "hello u1");
    let reply = send(app(), visit_with_cookie("/users/u2", &admin_token)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = send(app(), visit_with_cookie("/users/u1", &admin_token)).await;
    assert_eq!(reply.json()["user"], "u1");
    let reply = send(app(), visit_with_cookie("/associated", &admin_token)).await;
    assert_eq!(reply.body, "hello again u1");
}
