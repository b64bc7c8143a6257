//! `session_endpoint` at `/api/auth/session`, answering as NextAuth.js's: `{}` when signed
//! out, `{ user: { name, email, image }, expires }` (shaped by `callbacks.session`) when signed
//! in, and a bad cookie cleared.

use auth_runtime::{
    AuthOptions, DEFAULT_MAX_AGE, DEFAULT_UPDATE_AGE, Session, Token, jwt, session_endpoint,
};
use auth_tests::*;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use jsonwebtoken::Algorithm;
use serde_json::{Value, json};

const PATH: &str = "/api/auth/session";
/// Issued at `T`, a default session expires at 2025-07-15T15:06:40Z.
const T: u64 = 1_750_000_000;
const EXPIRES: &str = "2025-07-15T15:06:40.000Z";

fn app(options: AuthOptions) -> Router {
    Router::new()
        .route(PATH, get(session_endpoint))
        .with_state(options)
}

fn options_at(clock: &ManualClock) -> AuthOptions {
    AuthOptions::builder()
        .secret(SECRET)
        .clock(clock.time())
        .build()
        .expect("valid options")
}

fn ada() -> Value {
    json!({
        "sub": "user-1",
        "name": "Ada",
        "email": "ada@example.com",
        "picture": "https://example.com/ada.png",
        "role": "admin",
    })
}

async fn issue(options: &AuthOptions) -> String {
    jwt::encode(options, &ada()).await.expect("encodes")
}

#[tokio::test]
async fn signed_out_is_200_with_an_empty_object() {
    let options = options_at(&ManualClock::at(T));
    let reply = send(app(options), visit(PATH)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body, "{}");
    assert!(reply.set_cookies().is_empty());
}

#[tokio::test]
async fn signed_in_gives_the_user_and_the_expiry() {
    let options = options_at(&ManualClock::at(T));
    let token = issue(&options).await;
    let reply = send(app(options), visit_with_cookie(PATH, &token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(
        reply.json(),
        json!({
            "user": {
                "name": "Ada",
                "email": "ada@example.com",
                "image": "https://example.com/ada.png",
            },
            "expires": EXPIRES,
        })
    );
    assert!(reply.set_cookies().is_empty(), "a fresh session is kept");
}

#[tokio::test]
async fn expires_is_the_token_expiry_in_javascript_iso_format() {
    let options = options_at(&ManualClock::at(T));
    let token = raw_token(
        SECRET,
        Algorithm::HS256,
        &json!({ "sub": "user-1", "name": "Ada", "iat": T, "exp": T + 90 }),
    );
    let reply = send(app(options), visit_with_cookie(PATH, &token)).await;
    assert_eq!(reply.json()["expires"], "2025-06-15T15:08:10.000Z");
}

#[tokio::test]
async fn the_session_callback_adds_its_extras() {
    let options = AuthOptions::builder()
        .secret(SECRET)
        .clock(ManualClock::at(T).time())
        .session_callback(|mut session: Session, token: Token| async move {
            let role = token.get("role").cloned().unwrap_or(Value::Null);
            session.user.extra.insert("role".into(), role);
            session.extra.insert("tenant".into(), "acme".into());
            session
        })
        .build()
        .expect("valid options");
    let token = issue(&options).await;
    let reply = send(app(options), visit_with_cookie(PATH, &token)).await;
    assert_eq!(
        reply.json(),
        json!({
            "user": {
                "name": "Ada",
                "email": "ada@example.com",
                "image": "https://example.com/ada.png",
                "role": "admin",
            },
            "expires": EXPIRES,
            "tenant": "acme",
        })
    );
}

#[tokio::test]
async fn a_bad_cookie_gives_an_empty_object_and_is_cleared() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let token = issue(&options).await;
    let expired = {
        clock.set(T + DEFAULT_MAX_AGE.as_secs() + 16);
        token
    };
    let foreign = raw_token(
        "another-secret-that-is-32-bytes-long",
        Algorithm::HS256,
        &json!({ "sub": "user-1", "name": "Eve", "exp": T + DEFAULT_MAX_AGE.as_secs() + 3600 }),
    );
    for (case, bad) in [
        ("garbage", "garbage".to_owned()),
        ("expired", expired),
        ("foreign", foreign),
    ] {
        let reply = send(app(options.clone()), visit_with_cookie(PATH, &bad)).await;
        assert_eq!(reply.status, StatusCode::OK, "{case}");
        assert_eq!(reply.body, "{}", "{case}");
        assert_eq!(reply.set_cookies(), [clearing_cookie(COOKIE)], "{case}");
        assert_eq!(
            reply.header("cache-control"),
            Some(PRIVATE_NO_STORE),
            "{case}"
        );
    }
    let broken_chunks = format!("{COOKIE}.0=abc; {COOKIE}.2=def");
    let reply = send(app(options), visit_with_cookies(PATH, &broken_chunks)).await;
    assert_eq!(reply.body, "{}");
    let mut cleared = reply.set_cookies();
    cleared.sort_unstable();
    assert_eq!(
        cleared,
        [
            clearing_cookie(&format!("{COOKIE}.0")),
            clearing_cookie(&format!("{COOKIE}.2"))
        ]
    );
}

#[tokio::test]
async fn a_session_due_for_refresh_is_reissued_by_the_endpoint() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let token = issue(&options).await;
    let now = T + DEFAULT_UPDATE_AGE.as_secs() + 1;
    clock.set(now);
    let reply = send(app(options.clone()), visit_with_cookie(PATH, &token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["user"]["name"], "Ada");
    let value = reply.cookie_value(COOKIE).expect("re-issued");
    assert_eq!(
        reply.set_cookies(),
        [issued_cookie(COOKIE, value, DEFAULT_MAX_AGE.as_secs())]
    );
    assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));
    let fresh = jwt::decode(&options, value).await.expect("verifies");
    assert_eq!(
        fresh.get("exp"),
        Some(&json!(now + DEFAULT_MAX_AGE.as_secs()))
    );
}
