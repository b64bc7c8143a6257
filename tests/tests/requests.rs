//! What a guard reads of a request: the body it must not touch, nesting, hostile URIs and
//! headers, and the state it finds its options in.

use std::sync::atomic::{AtomicUsize, Ordering};

use auth_runtime::{AuthOptions, Token, with_auth};
use auth_tests::*;
use axum::body::Body;
use axum::extract::{FromRef, FromRequest, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

#[with_auth(sign_in = "/auth/signin")]
async fn create(Json(body): Json<Value>) -> Json<Value> {
    Json(body)
}

fn post_json(path: &str, body: &'static str, cookie: Option<&str>) -> axum::http::Request<Body> {
    let mut request = axum::http::Request::post(path).header("content-type", "application/json");
    if let Some(token) = cookie {
        request = request.header("cookie", format!("{COOKIE}={token}"));
    }
    request
        .body(Body::from(body))
        .expect("a valid test request")
}

#[tokio::test]
async fn a_refused_request_with_an_invalid_json_body_is_redirected_not_422() {
    let app = Router::new()
        .route("/posts", post(create))
        .with_state(options());
    let reply = send(app, post_json("/posts", "{ not json", None)).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fposts")
    );
}

#[tokio::test]
async fn an_accepted_request_reads_its_body_as_usual() {
    let app = || {
        Router::new()
            .route("/posts", post(create))
            .with_state(options())
    };
    let token = token_with_role("user");
    let reply = send(
        app(),
        post_json("/posts", r#"{"title":"hi"}"#, Some(&token)),
    )
    .await;
    assert_eq!(reply.json(), json!({ "title": "hi" }));
    let reply = send(app(), post_json("/posts", "{ not json", Some(&token))).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

static BODIES_READ: AtomicUsize = AtomicUsize::new(0);

/// A body extractor that counts how often it runs.
struct CountedBody;

impl<S: Send + Sync> FromRequest<S> for CountedBody {
    type Rejection = StatusCode;

    async fn from_request(_: Request, _: &S) -> Result<Self, Self::Rejection> {
        BODIES_READ.fetch_add(1, Ordering::SeqCst);
        Ok(CountedBody)
    }
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn upload(_: Token, _: CountedBody) -> &'static str {
    "stored"
}

#[tokio::test]
async fn a_refused_request_never_reaches_the_body_extractor() {
    let app = || {
        Router::new()
            .route("/upload", post(upload))
            .with_state(options())
    };
    let refused = [
        None,
        Some(token_with_role("user")),
        Some("garbage".to_owned()),
    ];
    for cookie in &refused {
        let reply = send(app(), post_json("/upload", "{}", cookie.as_deref())).await;
        assert_ne!(reply.status, StatusCode::OK);
    }
    assert_eq!(BODIES_READ.load(Ordering::SeqCst), 0);

    let reply = send(
        app(),
        post_json("/upload", "{}", Some(&token_with_role("admin"))),
    )
    .await;
    assert_eq!(reply.body, "stored");
    assert_eq!(BODIES_READ.load(Ordering::SeqCst), 1);
}

#[with_auth(sign_in = "/auth/signin")]
async fn settings() -> &'static str {
    "settings"
}

#[tokio::test]
async fn the_callback_url_is_the_full_path_under_nest() {
    let admin = Router::new().route("/settings", get(settings));
    let app = Router::new().nest("/admin", admin).with_state(options());
    let reply = send(app, visit("/admin/settings?x=1")).await;
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fadmin%2Fsettings%3Fx%3D1")
    );
}

fn settings_app() -> Router {
    Router::new().fallback(settings).with_state(options())
}

#[tokio::test]
async fn the_callback_url_cannot_name_another_site() {
    let cases = [
        ("//evil.example/path", "%2Fevil.example%2Fpath"),
        ("/\\evil.example", "%2Fevil.example"),
        ("http://evil.example/admin?x=1", "%2Fadmin%3Fx%3D1"),
        (
            "/admin?callbackUrl=https://evil.example",
            "%2Fadmin%3FcallbackUrl%3Dhttps%3A%2F%2Fevil.example",
        ),
    ];
    for (uri, callback) in cases {
        let request = axum::http::Request::get(uri)
            .header("host", "evil.example")
            .header("x-forwarded-host", "evil.example")
            .header("x-forwarded-proto", "https")
            .body(Body::empty())
            .expect("a valid test request");
        let reply = send(settings_app(), request).await;
        let expected = format!("/auth/signin?callbackUrl={callback}");
        assert_eq!(reply.header("location"), Some(expected.as_str()), "{uri}");
    }
}

#[tokio::test]
async fn hostile_headers_get_a_rejection_never_a_server_error() {
    let hostile: [&[u8]; 6] = [
        b"\xff\xfe\xfd",
        b"next-auth.session-token=\xff\xff",
        b"next-auth.session-token",
        b"=;;;=; next-auth.session-token=",
        b"next-auth.session-token=a.b.c; next-auth.session-token=x",
        b"next-auth.session-token=\"quoted\"",
    ];
    for value in hostile {
        for header in ["cookie", "authorization"] {
            let request = axum::http::Request::get("/")
                .header(
                    header,
                    HeaderValue::from_bytes(value).expect("an opaque header"),
                )
                .body(Body::empty())
                .expect("a valid test request");
            let reply = send(settings_app(), request).await;
            assert_eq!(
                reply.status,
                StatusCode::TEMPORARY_REDIRECT,
                "{header}: {value:?}"
            );
        }
    }
}

#[derive(Clone, FromRef)]
struct AppState {
    auth: AuthOptions,
    greeting: &'static str,
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn greet(State(greeting): State<&'static str>, token: Token) -> String {
    format!("{greeting}, {}", token.get_str("name").unwrap_or("?"))
}

#[tokio::test]
async fn options_can_live_in_a_larger_app_state() {
    let state = AppState {
        auth: options(),
        greeting: "welcome",
    };
    let app = Router::new().route("/", get(greet)).with_state(state);
    let reply = send(
        app.clone(),
        visit_with_cookie("/", &token_with_role("admin")),
    )
    .await;
    assert_eq!(reply.body, "welcome, Ada");
    let reply = send(app, visit("/")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}
