//! Every outcome of a `#[with_auth]` handler, as a client sees it.

use std::sync::atomic::{AtomicUsize, Ordering};

use auth_runtime::{Token, with_auth};
use auth_tests::*;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use jsonwebtoken::Algorithm;
use serde_json::json;

/// An admin page behind the sign-in redirect.
#[with_auth(authorized = "token.role == 'admin'", sign_in = "/auth/signin")]
async fn admin_page(token: Token) -> String {
    format!("hello {}", token.get_str("name").unwrap_or("admin"))
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn admin_api(token: Token) -> String {
    format!("stats for {}", token.get_str("name").unwrap_or("?"))
}

#[with_auth(
    authorized = "token.role == 'admin'",
    sign_in = "/auth/signin",
    forbidden = "/auth/forbidden"
)]
async fn admin_with_forbidden_page() -> &'static str {
    "admin"
}

fn app() -> Router {
    Router::new()
        .route("/admin", get(admin_page))
        .route("/api/admin", get(admin_api))
        .route("/strict", get(admin_with_forbidden_page))
        .with_state(options())
}

#[tokio::test]
async fn an_admin_reaches_the_handler_with_the_token() {
    let reply = send(
        app(),
        visit_with_cookie("/admin", &token_with_role("admin")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "hello Ada");
    assert!(reply.set_cookies().is_empty());
}

#[tokio::test]
async fn a_bearer_token_is_accepted_too() {
    let reply = send(
        app(),
        visit_with_bearer("/api/admin", &token_with_role("admin")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "stats for Ada");
}

#[tokio::test]
async fn no_session_redirects_to_sign_in_with_the_callback_url() {
    let reply = send(app(), visit("/admin")).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fadmin")
    );
    assert!(reply.set_cookies().is_empty());
}

#[tokio::test]
async fn the_callback_url_keeps_the_query() {
    let reply = send(app(), visit("/admin?tab=users&q=a%20b")).await;
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fadmin%3Ftab%3Dusers%26q%3Da%2520b")
    );
}

#[tokio::test]
async fn no_session_without_a_sign_in_page_is_401_with_a_json_body() {
    let reply = send(app(), visit("/api/admin")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.json(), json!({ "message": "You must be logged in." }));
    assert!(reply.set_cookies().is_empty());
}

#[tokio::test]
async fn an_expired_token_is_refused_and_its_cookie_cleared() {
    let expired = raw_token(
        SECRET,
        Algorithm::HS256,
        &json!({ "role": "admin", "exp": now() - 60 }),
    );
    let reply = send(app(), visit_with_cookie("/admin", &expired)).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fadmin")
    );
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);

    let reply = send(app(), visit_with_cookie("/api/admin", &expired)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
}

#[tokio::test]
async fn a_token_inside_the_clock_tolerance_still_passes() {
    let just_expired = raw_token(
        SECRET,
        Algorithm::HS256,
        &json!({ "sub": "user-1", "role": "admin", "exp": now() - 5 }),
    );
    let reply = send(app(), visit_with_cookie("/api/admin", &just_expired)).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn bad_tokens_are_refused_and_cleared() {
    let exp = now() + 3600;
    let claims = json!({ "role": "admin", "exp": exp });
    let valid = token_with_role("admin");
    let tampered = {
        let mut parts: Vec<&str> = valid.split('.').collect();
        let forged = jsonwebtoken_payload(&json!({ "role": "admin", "exp": exp, "name": "Eve" }));
        parts[1] = &forged;
        parts.join(".")
    };
    let cases = [
        (
            "wrong secret",
            raw_token(
                "another-secret-that-is-32-bytes-long",
                Algorithm::HS256,
                &claims,
            ),
        ),
        (
            "other algorithm",
            raw_token(SECRET, Algorithm::HS512, &claims),
        ),
        (
            "no exp",
            raw_token(SECRET, Algorithm::HS256, &json!({ "role": "admin" })),
        ),
        (
            "not yet valid",
            raw_token(
                SECRET,
                Algorithm::HS256,
                &json!({ "role": "admin", "exp": exp, "nbf": exp - 60 }),
            ),
        ),
        (
            "unsigned",
            format!(
                "{}.{}.",
                jsonwebtoken_payload(&json!({ "alg": "none" })),
                jsonwebtoken_payload(&claims)
            ),
        ),
        ("tampered", tampered),
        ("garbage", "not-a-token".to_owned()),
        ("empty", String::new()),
        ("too large", format!("{valid}{}", "A".repeat(16 * 1024))),
    ];
    for (case, bad) in cases {
        let reply = send(app(), visit_with_cookie("/api/admin", &bad)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{case}");
        assert_eq!(reply.set_cookies(), [CLEARED_COOKIE], "{case}");
        assert_eq!(
            reply.json(),
            json!({ "message": "You must be logged in." }),
            "{case}"
        );
    }
}

/// A JSON value as a JWT segment (unpadded base64url), to forge tokens.
fn jsonwebtoken_payload(value: &serde_json::Value) -> String {
    use base64::Engine;
    let json = serde_json::to_vec(value).expect("JSON values serialize");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

#[tokio::test]
async fn an_invalid_bearer_token_gets_401_without_touching_cookies() {
    let reply = send(app(), visit_with_bearer("/api/admin", "not-a-token")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.set_cookies().is_empty());
}

#[tokio::test]
async fn a_signed_in_user_failing_the_rule_gets_403_not_the_sign_in_page() {
    let reply = send(app(), visit_with_cookie("/admin", &token_with_role("user"))).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.header("location"), None);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(
        reply.json(),
        json!({ "message": "You do not have access to this resource." })
    );
    assert!(reply.set_cookies().is_empty());
}

#[tokio::test]
async fn a_forbidden_page_receives_signed_in_users_the_rule_refuses() {
    let reply = send(
        app(),
        visit_with_cookie("/strict", &token_with_role("user")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(reply.header("location"), Some("/auth/forbidden"));

    let reply = send(app(), visit("/strict")).await;
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fstrict")
    );
}

static COUNTED_RUNS: AtomicUsize = AtomicUsize::new(0);

#[with_auth(authorized = "token.role == 'admin'", sign_in = "/auth/signin")]
async fn counted() -> &'static str {
    COUNTED_RUNS.fetch_add(1, Ordering::SeqCst);
    "ran"
}

#[tokio::test]
async fn a_refused_request_never_runs_the_handler() {
    let app = || {
        Router::new()
            .route("/counted", get(counted))
            .with_state(options())
    };
    for refused in [
        visit("/counted"),
        visit_with_cookie("/counted", "garbage"),
        visit_with_cookie("/counted", &token_with_role("user")),
    ] {
        let reply = send(app(), refused).await;
        assert_ne!(reply.status, StatusCode::OK);
    }
    assert_eq!(COUNTED_RUNS.load(Ordering::SeqCst), 0);

    let reply = send(
        app(),
        visit_with_cookie("/counted", &token_with_role("admin")),
    )
    .await;
    assert_eq!(reply.body, "ran");
    assert_eq!(COUNTED_RUNS.load(Ordering::SeqCst), 1);
}
