//! `Token`, `Session`, their `Option`s, `get_token` and `get_server_session`.

use auth_runtime::{AuthOptions, Session, Token, get_server_session, get_token, with_auth};
use auth_tests::*;
use axum::extract::Request;
use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde_json::{Value, json};

async fn whoami(token: Option<Token>) -> String {
    token
        .and_then(|token| token.get_str("name").map(str::to_owned))
        .unwrap_or_else(|| "guest".into())
}

async fn session(session: Session) -> Json<Session> {
    Json(session)
}

async fn maybe_session(session: Option<Session>) -> Json<Option<Session>> {
    Json(session)
}

#[with_auth]
async fn guarded_twice(
    token: Token,
    Extension(cached): Extension<Token>,
    session: Session,
) -> Json<Value> {
    Json(json!({
        "same": token == cached,
        "email": session.user.email,
    }))
}

/// The guard's rule reads one claim, and decides on it alone (the handler names no `Token`);
/// what reads the session after it still gets every claim.
#[with_auth(authorized = "token.role == 'user'")]
async fn every_claim(State(options): State<AuthOptions>, request: Request) -> Json<Value> {
    let (mut parts, _) = request.into_parts();
    let looked_up = get_token(&parts, &options).await;
    let extracted = Token::from_request_parts(&mut parts, &options).await.ok();
    let mut names: Vec<String> = looked_up
        .iter()
        .flat_map(|token| token.keys().cloned())
        .collect();
    names.sort();
    Json(json!({ "names": names, "same": looked_up == extracted }))
}

fn app() -> Router {
    Router::new()
        .route("/whoami", get(whoami))
        .route("/session", get(session))
        .route("/maybe-session", get(maybe_session))
        .route("/guarded", get(guarded_twice))
        .route("/every-claim", get(every_claim))
        .with_state(options())
}

#[tokio::test]
async fn optional_token_is_none_for_guests_and_bad_tokens() {
    assert_eq!(send(app(), visit("/whoami")).await.body, "guest");
    let reply = send(app(), visit_with_cookie("/whoami", "garbage")).await;
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (StatusCode::OK, "guest")
    );
    let reply = send(
        app(),
        visit_with_cookie("/whoami", &token_with_role("user")),
    )
    .await;
    assert_eq!(reply.body, "Ada");
}

#[tokio::test]
async fn the_session_has_next_auth_shape() {
    let exp = now() + 3600;
    let token = raw_token(
        SECRET,
        jsonwebtoken::Algorithm::HS256,
        &json!({ "sub": "user-1", "name": "Ada", "email": "ada@example.com", "picture": "https://example.com/ada.png", "exp": exp }),
    );
    let reply = send(app(), visit_with_cookie("/session", &token)).await;
    let session = reply.json();
    assert_eq!(
        session["user"],
        json!({ "name": "Ada", "email": "ada@example.com", "image": "https://example.com/ada.png" })
    );
    let expires = session["expires"].as_str().expect("expires is a string");
    assert_eq!(expires.len(), "2026-12-27T09:00:00.000Z".len());
    assert!(expires.ends_with(".000Z"));
}

#[tokio::test]
async fn session_requires_a_session_and_its_option_does_not() {
    let reply = send(app(), visit("/session")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json(), json!({ "message": "You must be logged in." }));
    let reply = send(app(), visit_with_cookie("/session", "garbage")).await;
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);

    assert_eq!(
        send(app(), visit("/maybe-session")).await.json(),
        Value::Null
    );
    let reply = send(
        app(),
        visit_with_cookie("/maybe-session", &token_with_role("user")),
    )
    .await;
    assert_eq!(reply.json()["user"]["name"], "Ada");
}

#[tokio::test]
async fn the_guard_leaves_the_verified_token_for_the_handler() {
    let reply = send(
        app(),
        visit_with_cookie("/guarded", &token_with_role("user")),
    )
    .await;
    assert_eq!(
        reply.json(),
        json!({ "same": true, "email": "ada@example.com" })
    );
}

#[tokio::test]
async fn get_token_and_get_server_session_read_cookie_or_bearer() {
    let token = token_with_role("admin");
    let parts = |request: Request| request.into_parts().0;
    let options = options();

    let from_cookie = parts(visit_with_cookie("/", &token));
    let found = get_token(&from_cookie, &options).await.expect("a token");
    assert_eq!(found.get_str("role"), Some("admin"));
    let from_bearer = parts(visit_with_bearer("/", &token));
    let (session, cookies) = get_server_session(&from_bearer, &options).await;
    let session = session.expect("a session");
    assert_eq!(session.user.name.as_deref(), Some("Ada"));
    assert_eq!(session.user.image, None);
    assert!(
        cookies.is_empty(),
        "a fresh bearer session writes no cookie"
    );

    assert!(get_token(&parts(visit("/")), &options).await.is_none());
    let (session, cookies) =
        get_server_session(&parts(visit_with_cookie("/", "garbage")), &options).await;
    assert!(session.is_none());
    assert!(!cookies.is_empty(), "a refused cookie is cleared");
}

#[with_auth(authorized = "req.method == 'GET' || token.role == 'admin'")]
async fn read_or_admin() -> &'static str {
    "ok"
}

#[with_auth(authorized = "req.path.starts_with('/reports/') && token.role in ['admin', 'auditor']")]
async fn report() -> &'static str {
    "report"
}

#[tokio::test]
async fn rules_can_read_the_request_method_and_path() {
    let app = || {
        Router::new()
            .route("/doc", get(read_or_admin).delete(read_or_admin))
            .with_state(options())
    };
    let user = token_with_role("user");
    assert_eq!(
        send(app(), visit_with_cookie("/doc", &user)).await.status,
        StatusCode::OK
    );
    let delete = |token: &str| {
        axum::http::Request::delete("/doc")
            .header("cookie", format!("{COOKIE}={token}"))
            .body(axum::body::Body::empty())
            .expect("a valid test request")
    };
    assert_eq!(
        send(app(), delete(&user)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(app(), delete(&token_with_role("admin"))).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn rules_see_the_full_path_under_nest() {
    let reports = Router::new().route("/{id}", get(report));
    let app = || {
        Router::new()
            .nest("/reports", reports.clone())
            .route("/other/{id}", get(report))
            .with_state(options())
    };
    let auditor = token_with_role("auditor");
    assert_eq!(
        send(app(), visit_with_cookie("/reports/7", &auditor))
            .await
            .body,
        "report"
    );
    assert_eq!(
        send(app(), visit_with_cookie("/other/7", &auditor))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(
            app(),
            visit_with_cookie("/reports/7", &token_with_role("user"))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_rule_reading_one_claim_leaves_the_handler_every_claim() {
    let reply = send(
        app(),
        visit_with_cookie("/every-claim", &token_with_role("user")),
    )
    .await;
    assert_eq!(
        reply.json(),
        json!({ "names": ["email", "exp", "iat", "name", "role", "sub"], "same": true })
    );
    let reply = send(
        app(),
        visit_with_cookie("/every-claim", &token_with_role("admin")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}
