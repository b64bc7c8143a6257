//! Async checks (`check = ...`, `AuthLayer::check`): they run after the rule with the app's
//! state, before the handler's other extractors; `false` refuses like the rule, an error is
//! the response.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use auth_runtime::{AuthLayer, AuthOptions, Token, with_auth};
use auth_tests::*;
use axum::body::Body;
use axum::extract::{FromRef, State};
use axum::http::request::Parts;
use axum::http::{Request, StatusCode};
use axum::routing::{get, put};
use axum::{Json, Router};
use serde_json::{Value, json};

/// The app's state: options, and a "database" of post authors.
#[derive(Clone, FromRef)]
struct AppState {
    options: AuthOptions,
    authors: Arc<HashMap<String, String>>,
    checks_run: Arc<AtomicUsize>,
}

fn state() -> AppState {
    let authors = HashMap::from([
        ("1".to_owned(), "ada".to_owned()),
        ("2".to_owned(), "bob".to_owned()),
    ]);
    AppState {
        options: options(),
        authors: Arc::new(authors),
        checks_run: Arc::new(AtomicUsize::new(0)),
    }
}

/// The post's author is the session's user; a post that does not exist is a 404 of the
/// check's own.
async fn owns_post(token: &Token, parts: &Parts, state: &AppState) -> Result<bool, StatusCode> {
    state.checks_run.fetch_add(1, Ordering::SeqCst);
    let post = parts.uri.path().rsplit('/').next().unwrap_or_default();
    let author = state.authors.get(post).ok_or(StatusCode::NOT_FOUND)?;
    Ok(token.get_str("sub") == Some(author.as_str()))
}

#[with_auth(authorized = "token.role != 'banned'", check = owns_post)]
async fn edit_post(State(_): State<AppState>, Json(post): Json<Value>) -> Json<Value> {
    Json(post)
}

mod checks {
    pub(crate) use super::owns_post;
}

// The state named in the attribute, and the check by path.
#[with_auth(check = checks::owns_post, state = AppState, forbidden = "/forbidden")]
async fn delete_post() -> &'static str {
    "deleted"
}

fn app(state: AppState) -> Router {
    Router::new()
        .route("/posts/{id}", put(edit_post).delete(delete_post))
        .with_state(state)
}

fn request(method: &str, path: &str, sub: &str, role: &str, body: &'static str) -> Request<Body> {
    let token = token(json!({ "sub": sub, "role": role }));
    Request::builder()
        .method(method)
        .uri(path)
        .header("cookie", format!("{COOKIE}={token}"))
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("a valid test request")
}

#[tokio::test]
async fn the_check_lets_the_author_through() {
    let reply = send(
        app(state()),
        request("PUT", "/posts/1", "ada", "user", r#"{"t":1}"#),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), json!({ "t": 1 }));
}

#[tokio::test]
async fn a_refusing_check_answers_403_before_the_body_is_read() {
    let reply = send(
        app(state()),
        request("PUT", "/posts/1", "bob", "user", "{ not json"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reply.json(),
        json!({ "message": "You do not have access to this resource." })
    );
}

#[tokio::test]
async fn a_failing_check_answers_with_its_own_response() {
    let reply = send(
        app(state()),
        request("PUT", "/posts/9", "ada", "user", "{}"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_check_runs_only_after_the_rule_and_the_session() {
    let state = state();
    let banned = request("PUT", "/posts/1", "ada", "banned", "{}");
    assert_eq!(
        send(app(state.clone()), banned).await.status,
        StatusCode::FORBIDDEN
    );
    let signed_out = Request::put("/posts/1")
        .body(Body::empty())
        .expect("a request");
    assert_eq!(
        send(app(state.clone()), signed_out).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(state.checks_run.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_refusing_check_uses_the_forbidden_page() {
    let reply = send(
        app(state()),
        request("DELETE", "/posts/2", "ada", "user", ""),
    )
    .await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(reply.header("location"), Some("/forbidden"));
    let reply = send(
        app(state()),
        request("DELETE", "/posts/2", "bob", "user", ""),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "deleted");
}

/// A check for the layer: the state is a plain value given to `check`.
async fn in_team(
    token: &Token,
    parts: &Parts,
    teams: &HashMap<&'static str, &'static str>,
) -> bool {
    let team = parts.uri.path().trim_start_matches("/teams/");
    teams.get(team).copied() == token.get_str("sub")
}

fn layered() -> Router {
    let teams = HashMap::from([("core", "ada")]);
    Router::new()
        .route("/teams/{team}", get(|| async { "team" }))
        .layer(AuthLayer::new(options()).check(teams, in_team))
        .with_state(options())
}

#[tokio::test]
async fn the_layer_runs_its_check_with_its_state() {
    let token = token(json!({ "sub": "ada" }));
    let reply = send(layered(), visit_with_cookie("/teams/core", &token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let other = token_with_role("user");
    let reply = send(layered(), visit_with_cookie("/teams/core", &other)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = send(layered(), visit("/teams/core")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}
