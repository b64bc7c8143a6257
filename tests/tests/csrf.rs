//! Cross-origin writes authenticated by the session cookie (CSRF) are refused with 403 before
//! the handler and its body extractor run; same-origin requests, safe methods, bearer tokens,
//! trusted origins and the opt-outs pass.

use auth_runtime::{AuthLayer, AuthOptions, ConfigError, Token, with_auth};
use auth_tests::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

#[with_auth]
async fn publish(token: Token, Json(post): Json<Value>) -> Json<Value> {
    Json(json!({ "by": token.get_str("sub"), "post": post }))
}

#[with_auth(csrf = false)]
async fn webhook(token: Token, Json(post): Json<Value>) -> Json<Value> {
    Json(json!({ "by": token.get_str("sub"), "post": post }))
}

async fn maybe(token: Option<Token>) -> String {
    token.map_or("nobody".into(), |token| {
        token.get_str("sub").unwrap_or_default().to_owned()
    })
}

fn app_with(options: AuthOptions) -> Router {
    Router::new()
        .route("/posts", post(publish).get(|| async { "list" }))
        .route("/webhook", post(webhook))
        .route("/maybe", post(maybe))
        .route(
            "/token",
            post(|token: Token| async move { token.get_str("sub").unwrap_or_default().to_owned() }),
        )
        .with_state(options)
}

fn app() -> Router {
    app_with(options())
}

/// A request to `path` with the session cookie, the headers given, and `body`.
fn write(method: &str, path: &str, headers: &[(&str, &str)], body: &'static str) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("host", "api.example.com")
        .header("content-type", "application/json")
        .header(
            "cookie",
            format!("{COOKIE}={}", token(json!({ "sub": "ada" }))),
        );
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Body::from(body)).expect("a valid request")
}

const CROSS_SITE: &[(&str, &str)] = &[
    ("sec-fetch-site", "cross-site"),
    ("origin", "https://evil.example"),
];

#[tokio::test]
async fn a_cross_site_write_with_the_cookie_is_refused_before_the_body_is_read() {
    // A body `Json` would refuse with 400: the guard answers first.
    let reply = send(app(), write("POST", "/posts", CROSS_SITE, "{ not json")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reply.json(),
        json!({ "message": "This request came from another site." })
    );
    assert_eq!(reply.header("location"), None);
    assert!(reply.set_cookies().is_empty());
    for method in ["PUT", "PATCH", "DELETE"] {
        let app = Router::new()
            .route("/posts", axum::routing::any(publish))
            .with_state(options());
        let reply = send(
            app,
            write(method, "/posts", &[("sec-fetch-site", "same-site")], "{}"),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{method}");
    }
}

#[tokio::test]
async fn a_bad_cookie_on_a_cross_site_write_is_refused_as_cross_site_and_not_cleared() {
    let request = Request::post("/posts")
        .header("sec-fetch-site", "cross-site")
        .header("cookie", format!("{COOKIE}=garbage"))
        .body(Body::from("{}"))
        .expect("a valid request");
    let reply = send(app(), request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.set_cookies().is_empty());
}

#[tokio::test]
async fn same_origin_writes_typed_urls_and_safe_methods_pass() {
    for site in ["same-origin", "none"] {
        let headers = [("sec-fetch-site", site), ("origin", "https://evil.example")];
        let reply = send(app(), write("POST", "/posts", &headers, r#"{"t":1}"#)).await;
        assert_eq!(reply.status, StatusCode::OK, "{site}");
        assert_eq!(reply.json(), json!({ "by": "ada", "post": { "t": 1 } }));
    }
    let reply = send(app(), write("GET", "/posts", CROSS_SITE, "")).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn browsers_without_fetch_metadata_are_judged_by_origin_and_host() {
    let cases: [(&[(&str, &str)], StatusCode); 4] = [
        (&[], StatusCode::OK),
        (&[("origin", "https://api.example.com")], StatusCode::OK),
        (&[("origin", "https://evil.example")], StatusCode::FORBIDDEN),
        (&[("origin", "null")], StatusCode::FORBIDDEN),
    ];
    for (headers, status) in cases {
        let reply = send(app(), write("POST", "/posts", headers, "{}")).await;
        assert_eq!(reply.status, status, "{headers:?}");
    }
}

#[tokio::test]
async fn a_bearer_token_is_never_checked() {
    let request = Request::post("/posts")
        .header("sec-fetch-site", "cross-site")
        .header("origin", "https://evil.example")
        .header("content-type", "application/json")
        .header(
            "authorization",
            format!("Bearer {}", token(json!({ "sub": "ada" }))),
        )
        .body(Body::from("{}"))
        .expect("a valid request");
    let reply = send(app(), request).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn trusted_origins_may_write() {
    let options = AuthOptions::builder()
        .secret(SECRET)
        .trusted_origins(["https://app.example.com"])
        .build()
        .expect("valid options");
    let trusted = [
        ("sec-fetch-site", "same-site"),
        ("origin", "https://app.example.com"),
    ];
    let reply = send(
        app_with(options.clone()),
        write("POST", "/posts", &trusted, "{}"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let other = [
        ("sec-fetch-site", "same-site"),
        ("origin", "https://admin.example.com"),
    ];
    let reply = send(
        app_with(options.clone()),
        write("POST", "/posts", &other, "{}"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let old_browser = [("origin", "https://app.example.com")];
    let reply = send(
        app_with(options),
        write("POST", "/posts", &old_browser, "{}"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);

    let error = AuthOptions::builder()
        .secret(SECRET)
        .trusted_origins(["app.example.com"])
        .build()
        .expect_err("not an origin");
    assert!(
        matches!(error, ConfigError::InvalidTrustedOrigin(origin) if origin == "app.example.com")
    );
}

#[tokio::test]
async fn a_handler_can_opt_out_and_its_extractors_follow() {
    let reply = send(app(), write("POST", "/webhook", CROSS_SITE, r#"{"t":2}"#)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), json!({ "by": "ada", "post": { "t": 2 } }));
}

#[tokio::test]
async fn the_extractors_refuse_a_cross_site_cookie_session_on_their_own() {
    let reply = send(app(), write("POST", "/token", CROSS_SITE, "")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = send(app(), write("POST", "/maybe", CROSS_SITE, "")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "nobody");
    let reply = send(app(), write("POST", "/maybe", &[], "")).await;
    assert_eq!(reply.body, "ada");
}

fn layered(csrf: bool) -> Router {
    Router::new()
        .route(
            "/inbox",
            post(|| async { "stored" }).get(|| async { "read" }),
        )
        .layer(AuthLayer::new(options()).csrf(csrf))
        .with_state(options())
}

#[tokio::test]
async fn the_layer_refuses_cross_site_writes_unless_told_not_to() {
    let reply = send(layered(true), write("POST", "/inbox", CROSS_SITE, "")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = send(layered(true), write("GET", "/inbox", CROSS_SITE, "")).await;
    assert_eq!(reply.status, StatusCode::OK);
    let reply = send(layered(false), write("POST", "/inbox", CROSS_SITE, "")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "stored");
}

#[tokio::test]
async fn routes_without_a_guard_are_not_touched() {
    let app = Router::new()
        .route(
            "/open",
            get(|| async { "open" }).post(|| async { "posted" }),
        )
        .with_state(options());
    let reply = send(app, write("POST", "/open", CROSS_SITE, "")).await;
    assert_eq!(reply.status, StatusCode::OK);
}
