//! Which entry points write the session cookie. The guards (`#[with_auth]`, `AuthLayer`) and
//! `get_server_session` keep it: they re-issue a session older than `update_age` and clear a
//! cookie that holds no valid session. The extractors on an unguarded handler only read: they
//! never re-issue, and only a refusal (`Token`, `Session`) clears the cookie it refused.

use auth_runtime::{
    AuthLayer, AuthOptions, Session, Token, get_server_session, get_token, with_auth,
};
use auth_tests::*;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

#[with_auth]
async fn guarded() -> &'static str {
    "ok"
}

async fn plain() -> &'static str {
    "ok"
}

async fn optional_token(_: Option<Token>) -> &'static str {
    "ok"
}

async fn optional_session(_: Option<Session>) -> &'static str {
    "ok"
}

async fn token(_: Token) -> &'static str {
    "ok"
}

async fn session(_: Session) -> &'static str {
    "ok"
}

async fn server_session(State(options): State<AuthOptions>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let (_, cookies) = get_server_session(&parts, &options).await;
    (cookies, "ok").into_response()
}

async fn token_lookup(State(options): State<AuthOptions>, request: Request) -> &'static str {
    let (parts, _) = request.into_parts();
    let _ = get_token(&parts, &options).await;
    "ok"
}

fn app() -> Router {
    let layered = Router::new()
        .route("/page", get(plain))
        .layer(AuthLayer::new(options()));
    Router::new()
        .route("/guarded", get(guarded))
        .route("/server-session", get(server_session))
        .route("/optional-token", get(optional_token))
        .route("/optional-session", get(optional_session))
        .route("/token", get(token))
        .route("/session", get(session))
        .route("/get-token", get(token_lookup))
        .nest("/layered", layered)
        .with_state(options())
}

const KEEPERS: [&str; 3] = ["/guarded", "/layered/page", "/server-session"];
const READERS: [&str; 5] = [
    "/optional-token",
    "/optional-session",
    "/token",
    "/session",
    "/get-token",
];

/// A valid session issued two days ago: older than the default `update_age` of a day.
fn old_session() -> String {
    let claims = json!({ "sub": "user-1", "iat": now() - 2 * 86_400, "exp": now() + 3600 });
    raw_token(SECRET, jsonwebtoken::Algorithm::HS256, &claims)
}

#[tokio::test]
async fn the_guards_and_get_server_session_reissue_an_old_session() {
    for path in KEEPERS {
        let reply = send(app(), visit_with_cookie(path, &old_session())).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let cookies = reply.set_cookies();
        assert_eq!(cookies.len(), 1, "{path}: {cookies:?}");
        assert!(
            cookies[0].starts_with(&format!("{COOKIE}=ey")),
            "{path}: {cookies:?}"
        );
    }
}

#[tokio::test]
async fn the_extractors_never_reissue_an_old_session() {
    for path in READERS {
        let reply = send(app(), visit_with_cookie(path, &old_session())).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(
            reply.set_cookies().is_empty(),
            "{path}: {:?}",
            reply.set_cookies()
        );
    }
}

#[tokio::test]
async fn the_guards_and_get_server_session_clear_a_garbage_cookie() {
    for path in KEEPERS {
        let reply = send(app(), visit_with_cookie(path, "garbage")).await;
        assert_eq!(reply.set_cookies(), [CLEARED_COOKIE], "{path}");
    }
}

#[tokio::test]
async fn optional_extractors_and_get_token_leave_a_garbage_cookie_alone() {
    for path in ["/optional-token", "/optional-session", "/get-token"] {
        let reply = send(app(), visit_with_cookie(path, "garbage")).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(
            reply.set_cookies().is_empty(),
            "{path}: {:?}",
            reply.set_cookies()
        );
    }
}

#[tokio::test]
async fn a_refusing_extractor_clears_the_cookie_it_refused() {
    for path in ["/token", "/session"] {
        let reply = send(app(), visit_with_cookie(path, "garbage")).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(reply.set_cookies(), [CLEARED_COOKIE], "{path}");
    }
}
