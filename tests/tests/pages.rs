//! The options' pages as defaults for `#[with_auth]` and `AuthLayer`, `false` (the layer's
//! `without_*_page`) to answer with a status code instead, and pages of their own.

use auth_runtime::{AuthLayer, AuthOptions, ConfigError, rule, with_auth};
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

fn options_with_pages() -> AuthOptions {
    AuthOptions::builder()
        .secret(SECRET)
        .sign_in_page("/auth/signin")
        .forbidden_page("/auth/forbidden")
        .build()
        .expect("valid options")
}

fn app() -> Router {
    let options = options_with_pages();
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

/// A site whose pages redirect, with layered subtrees making each of the layer's choices.
fn layered_app() -> Router {
    let options = options_with_pages();
    let admins = || AuthLayer::new(options.clone()).rule(rule!("token.role == 'admin'"));
    let subtree = |layer: AuthLayer| {
        Router::new()
            .route("/", get(|| async { "inside" }))
            .layer(layer)
    };
    let own = admins()
        .sign_in_page("/console/login")
        .and_then(|layer| layer.forbidden_page("/console/denied"))
        .expect("pages on this site");
    // The console's sign-in page is inside the subtree its layer guards.
    let console = Router::new()
        .route("/", get(|| async { "inside" }))
        .route("/login", get(|| async { "the console's sign-in page" }))
        .layer(own);
    Router::new()
        .nest("/site", subtree(admins()))
        .nest(
            "/api",
            subtree(admins().without_sign_in_page().without_forbidden_page()),
        )
        .nest("/console", console)
        .with_state(options)
}

#[tokio::test]
async fn a_layer_uses_the_options_pages_by_default() {
    let reply = send(layered_app(), visit("/site")).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fsite")
    );
    let user = token_with_role("user");
    let reply = send(layered_app(), visit_with_cookie("/site", &user)).await;
    assert_eq!(reply.header("location"), Some("/auth/forbidden"));
}

#[tokio::test]
async fn a_layer_without_pages_answers_401_and_403_whatever_the_options_say() {
    let reply = send(layered_app(), visit("/api")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.header("location"), None);
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    assert_eq!(reply.json()["message"], "You must be logged in.");
    let user = token_with_role("user");
    let reply = send(layered_app(), visit_with_cookie("/api", &user)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.header("location"), None);
    let admin = token_with_role("admin");
    let reply = send(layered_app(), visit_with_cookie("/api", &admin)).await;
    assert_eq!(reply.body, "inside");
}

#[tokio::test]
async fn a_layers_own_pages_win_over_the_options_and_are_not_guarded() {
    let reply = send(layered_app(), visit("/console")).await;
    assert_eq!(
        reply.header("location"),
        Some("/console/login?callbackUrl=%2Fconsole")
    );
    let user = token_with_role("user");
    let reply = send(layered_app(), visit_with_cookie("/console", &user)).await;
    assert_eq!(reply.header("location"), Some("/console/denied"));
    let reply = send(layered_app(), visit("/console/login")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "the console's sign-in page");
}

#[test]
fn a_layer_refuses_pages_off_this_site() {
    for page in ["https://evil.example", "//evil.example", "login", "/a b"] {
        let layer = AuthLayer::new(options_with_pages());
        let error = layer.sign_in_page(page).err();
        assert!(
            matches!(error, Some(ConfigError::InvalidPage { .. })),
            "{page}: {error:?}"
        );
        let layer = AuthLayer::new(options_with_pages());
        let error = layer.forbidden_page(page).err();
        assert!(
            matches!(error, Some(ConfigError::InvalidPage { .. })),
            "{page}: {error:?}"
        );
    }
}
