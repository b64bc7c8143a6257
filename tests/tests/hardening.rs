//! Defects found against the real NextAuth.js libraries and an attack corpus, each answered
//! as a browser or an attacker would see it.

use auth_runtime::{Token, with_auth};
use auth_tests::*;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;

#[with_auth]
async fn me(token: Token) -> String {
    token.get_str("sub").unwrap_or_default().to_owned()
}

fn app() -> Router {
    Router::new().route("/me", get(me)).with_state(options())
}

fn session(sub: &str) -> String {
    token(serde_json::json!({ "sub": sub, "name": "Ada" }))
}

#[tokio::test]
async fn a_utf8_cookie_beside_the_session_cookie_keeps_the_user_signed_in() {
    let header = format!("theme=café-crème; {COOKIE}={}; lang=fr", session("ada"));
    let reply = send(app(), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ada");
}

#[tokio::test]
async fn two_different_session_cookies_are_no_session() {
    // An attacker who can set a cookie for a sibling path or domain (session fixation)
    // decides which of two cookies of one name a browser sends first.
    let header = format!(
        "{COOKIE}={}; {COOKIE}={}",
        session("attacker"),
        session("victim")
    );
    let reply = send(app(), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // Neither is cleared: a clearing cookie for `Path=/` cannot reach one set elsewhere.
    assert!(reply.set_cookies().is_empty());

    let victim = session("victim");
    let header = format!("{COOKIE}={victim}; {COOKIE}.0={victim}");
    let reply = send(app(), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_same_session_cookie_twice_is_one_session() {
    let ada = session("ada");
    let header = format!("{COOKIE}={ada}; theme=dark; {COOKIE}={ada}");
    let reply = send(app(), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ada");
}
