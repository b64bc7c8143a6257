//! The options' pages as defaults for `#[with_auth]`, and `false` to answer with a status
//! code instead.

use auth_runtime::{AuthOptions, with_auth};
use auth_tests::*;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;

#[with_auth(authorized = "token.role == 'admin'")]
async fn page() -> &'static str {
    "page"
}

#[with_auth(
    authorized = "token.role == 'admin'",
    sign_in = false,
    forbidden = false
)]
async fn api() -> &'static str {
    "api"
}

#[with_auth(
    authorized = "token.role == 'admin'",
    sign_in = "/login",
    forbidden = "/nope"
)]
async fn own_pages() -> &'static str {
    "own"
}

fn app() -> Router {
    let options = AuthOptions::builder()
        .secret(SECRET)
        .sign_in_page("/auth/signin")
        .forbidden_page("/auth/forbidden")
        .build()
        .expect("valid options");
    Router::new()
        .route("/page", get(page))
        .route("/api", get(api))
        .route("/own", get(own_pages))
        .with_state(options)
}

#[tokio::test]
async fn handlers_without_pages_use_the_options_pages() {
    let reply = send(app(), visit("/page")).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fpage")
    );
    let reply = send(app(), visit_with_cookie("/page", &token_with_role("user"))).await;
    assert_eq!(reply.header("location"), Some("/auth/forbidden"));
}

#[tokio::test]
async fn false_answers_with_status_codes_whatever_the_options_say() {
    let reply = send(app(), visit("/api")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.header("location"), None);
    let reply = send(app(), visit_with_cookie("/api", &token_with_role("user"))).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = send(app(), visit_with_cookie("/api", &token_with_role("admin"))).await;
    assert_eq!(reply.body, "api");
}

#[tokio::test]
async fn the_attributes_own_pages_win_over_the_options() {
    let reply = send(app(), visit("/own")).await;
    assert_eq!(reply.header("location"), Some("/login?callbackUrl=%2Fown"));
    let reply = send(app(), visit_with_cookie("/own", &token_with_role("user"))).await;
    assert_eq!(reply.header("location"), Some("/nope"));
}
