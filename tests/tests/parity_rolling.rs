//! Rolling sessions, as NextAuth.js keeps them: a session token older than `update_age` is
//! re-issued with a fresh `exp` by whatever loaded it (the attribute, the layer,
//! `get_server_session`), never for a bearer token; `exp` is enforced with a 15 s leeway.
//! Time only moves through the options' clock.

use std::time::Duration;

use auth_runtime::{
    AuthLayer, AuthOptions, DEFAULT_MAX_AGE, DEFAULT_UPDATE_AGE, Token, get_server_session, jwt,
    with_auth,
};
use auth_tests::*;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

const T: u64 = 1_750_000_000;
const MAX_AGE: u64 = DEFAULT_MAX_AGE.as_secs();
const UPDATE_AGE: u64 = DEFAULT_UPDATE_AGE.as_secs();

#[with_auth]
async fn attribute(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

#[with_auth(sign_in = "/auth/signin")]
async fn attribute_with_sign_in(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

async fn layered(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

async fn server_session(State(options): State<AuthOptions>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let (session, cookies) = get_server_session(&parts, &options).await;
    match session {
        Some(session) => (cookies, Json(session)).into_response(),
        None => (StatusCode::UNAUTHORIZED, cookies, "signed out").into_response(),
    }
}

/// A guarded handler that also follows `get_server_session`'s docs and puts its cookies in the
/// response.
#[with_auth]
async fn attribute_with_server_session(
    State(options): State<AuthOptions>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let (session, cookies) = get_server_session(&parts, &options).await;
    (cookies, Json(session)).into_response()
}

fn app(options: AuthOptions) -> Router {
    let behind_layer = Router::new()
        .route("/page", get(layered))
        .route("/guarded", get(attribute))
        .layer(AuthLayer::new(options.clone()));
    Router::new()
        .route("/attribute", get(attribute))
        .route("/signin-attribute", get(attribute_with_sign_in))
        .route("/server-session", get(server_session))
        .route(
            "/attribute-server-session",
            get(attribute_with_server_session),
        )
        .nest("/layered", behind_layer)
        .with_state(options)
}

/// Every way of loading a session that can write the response.
const LOADERS: [&str; 3] = ["/attribute", "/layered/page", "/server-session"];

fn options_at(clock: &ManualClock) -> AuthOptions {
    AuthOptions::builder()
        .secret(SECRET)
        .clock(clock.time())
        .build()
        .expect("valid options")
}

fn options_with_ages(clock: &ManualClock, max_age: u64, update_age: u64) -> AuthOptions {
    AuthOptions::builder()
        .secret(SECRET)
        .clock(clock.time())
        .max_age(Duration::from_secs(max_age))
        .update_age(Duration::from_secs(update_age))
        .build()
        .expect("valid options")
}

async fn issue(options: &AuthOptions) -> String {
    let claims =
        json!({ "sub": "user-1", "name": "Ada", "email": "ada@example.com", "role": "admin" });
    jwt::encode(options, &claims).await.expect("encodes")
}

/// Asserts that `reply` re-issued the session, issued at `now` for `max_age` seconds, and
/// returns the new token.
async fn assert_reissued(
    reply: &Reply,
    options: &AuthOptions,
    now: u64,
    max_age: u64,
    old: &str,
    context: &str,
) -> String {
    assert_eq!(reply.status, StatusCode::OK, "{context}: {}", reply.body);
    let cookies = reply.set_cookies();
    assert_eq!(
        cookies.len(),
        1,
        "{context}: exactly one Set-Cookie: {cookies:?}"
    );
    let value = reply
        .cookie_value(COOKIE)
        .unwrap_or_else(|| panic!("{context}: no session cookie in {cookies:?}"))
        .to_owned();
    assert_eq!(
        cookies,
        [issued_cookie(COOKIE, &value, max_age)],
        "{context}"
    );
    assert_eq!(
        reply.header("cache-control"),
        Some(PRIVATE_NO_STORE),
        "{context}"
    );
    assert_ne!(value, old, "{context}: a new token");
    let fresh = jwt::decode(options, &value)
        .await
        .unwrap_or_else(|error| panic!("{context}: the new token does not verify: {error}"));
    assert_eq!(fresh.get("iat"), Some(&json!(now)), "{context}: iat");
    assert_eq!(
        fresh.get("exp"),
        Some(&json!(now + max_age)),
        "{context}: exp"
    );
    assert_eq!(fresh.get_str("name"), Some("Ada"), "{context}: claims kept");
    assert_eq!(
        fresh.get_str("role"),
        Some("admin"),
        "{context}: claims kept"
    );
    let old_jti = jwt::decode(options, old)
        .await
        .ok()
        .and_then(|token| token.get("jti").cloned());
    if old_jti.is_some() {
        assert_ne!(fresh.get("jti"), old_jti.as_ref(), "{context}: a new jti");
    }
    value
}

fn assert_untouched(reply: &Reply, context: &str) {
    assert_eq!(reply.status, StatusCode::OK, "{context}: {}", reply.body);
    assert!(
        reply.set_cookies().is_empty(),
        "{context}: {:?}",
        reply.set_cookies()
    );
    assert_eq!(reply.header("cache-control"), None, "{context}");
}

#[tokio::test]
async fn a_token_exactly_update_age_old_is_not_reissued() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let token = issue(&options).await;
    assert_eq!(
        jwt::decode(&options, &token)
            .await
            .expect("verifies")
            .get("iat"),
        Some(&json!(T))
    );
    for now in [T, T + 1, T + UPDATE_AGE - 1, T + UPDATE_AGE] {
        clock.set(now);
        for path in LOADERS {
            let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
            assert_untouched(&reply, &format!("{path} at T+{}", now - T));
        }
    }
}

#[tokio::test]
async fn a_token_older_than_update_age_is_reissued_with_a_fresh_expiry() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let token = issue(&options).await;
    let now = T + UPDATE_AGE + 1;
    clock.set(now);
    for path in LOADERS {
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_reissued(&reply, &options, now, MAX_AGE, &token, path).await;
    }
}

#[tokio::test]
async fn a_guarded_handler_behind_the_layer_reissues_the_session_once() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let token = issue(&options).await;
    clock.set(T + UPDATE_AGE);
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/layered/guarded", &token),
    )
    .await;
    assert_untouched(&reply, "/layered/guarded, not due");
    let now = T + UPDATE_AGE + 1;
    clock.set(now);
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/layered/guarded", &token),
    )
    .await;
    assert_reissued(&reply, &options, now, MAX_AGE, &token, "/layered/guarded").await;
}

#[tokio::test]
async fn a_guarded_handler_returning_get_server_session_cookies_reissues_the_session_once() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let token = issue(&options).await;
    let now = T + UPDATE_AGE + 1;
    clock.set(now);
    let path = "/attribute-server-session";
    let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
    assert_eq!(reply.json()["user"]["name"], "Ada");
    assert_reissued(&reply, &options, now, MAX_AGE, &token, path).await;
}

#[tokio::test]
async fn the_handler_still_reads_the_session_when_it_is_reissued() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let token = issue(&options).await;
    clock.set(T + UPDATE_AGE + 1);
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/attribute", &token),
    )
    .await;
    assert_eq!(reply.json()["name"], "Ada");
    let reply = send(app(options), visit_with_cookie("/server-session", &token)).await;
    assert_eq!(reply.json()["user"]["email"], "ada@example.com");
}

#[tokio::test]
async fn a_bearer_token_is_never_given_a_cookie() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let token = issue(&options).await;
    for now in [T + UPDATE_AGE + 1, T + MAX_AGE - 1, T + MAX_AGE + 15] {
        clock.set(now);
        for path in LOADERS {
            let reply = send(app(options.clone()), visit_with_bearer(path, &token)).await;
            assert_untouched(&reply, &format!("bearer {path} at T+{}", now - T));
        }
    }
}

#[tokio::test]
async fn custom_max_age_and_update_age_are_respected() {
    let clock = ManualClock::at(T);
    let options = options_with_ages(&clock, 3600, 600);
    let token = issue(&options).await;
    let decoded = jwt::decode(&options, &token).await.expect("verifies");
    assert_eq!(decoded.get("exp"), Some(&json!(T + 3600)));

    clock.set(T + 600);
    for path in LOADERS {
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_untouched(&reply, &format!("{path} at T+600"));
    }
    clock.set(T + 601);
    for path in LOADERS {
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_reissued(&reply, &options, T + 601, 3600, &token, path).await;
    }
}

#[tokio::test]
async fn a_rolling_session_outlives_its_first_token() {
    let clock = ManualClock::at(T);
    let options = options_with_ages(&clock, 3600, 600);
    let first = issue(&options).await;

    clock.set(T + 3000);
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/attribute", &first),
    )
    .await;
    let second = assert_reissued(&reply, &options, T + 3000, 3600, &first, "renewal").await;

    // Past the first token's expiry and leeway, the renewed one is still valid (and not yet
    // due again: issued 900 s ago).
    clock.set(T + 3900);
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/attribute", &first),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/attribute", &second),
    )
    .await;
    assert_reissued(&reply, &options, T + 3900, 3600, &second, "second renewal").await;
}

#[tokio::test]
async fn a_token_expired_beyond_the_leeway_is_refused_and_cleared() {
    let clock = ManualClock::at(T);
    let options = options_with_ages(&clock, 3600, 600);
    let token = issue(&options).await;
    clock.set(T + 3600 + 16);
    let cleared = [clearing_cookie(COOKIE)];

    let reply = send(
        app(options.clone()),
        visit_with_cookie("/attribute", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json(), json!({ "message": "You must be logged in." }));
    assert_eq!(reply.set_cookies(), cleared);
    assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));

    let reply = send(
        app(options.clone()),
        visit_with_cookie("/signin-attribute", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fsignin-attribute")
    );
    assert_eq!(reply.set_cookies(), cleared);

    for path in ["/layered/page", "/layered/guarded", "/server-session"] {
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(reply.set_cookies(), cleared, "{path}");
    }

    // A bearer token past its leeway is refused too, without cookies.
    let reply = send(
        app(options.clone()),
        visit_with_bearer("/attribute", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.set_cookies().is_empty());
    assert_eq!(
        jwt::decode(&options, &token).await.err(),
        Some(jwt::JwtError::Expired)
    );
}

#[tokio::test]
async fn a_token_expired_within_the_leeway_is_accepted() {
    let clock = ManualClock::at(T);
    let options = options_with_ages(&clock, 3600, 600);
    let token = issue(&options).await;
    for now in [T + 3600, T + 3600 + 1, T + 3600 + 15] {
        clock.set(now);
        assert!(jwt::decode(&options, &token).await.is_ok(), "T+{}", now - T);
        for path in LOADERS {
            let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
            // Accepted, and due for a refresh.
            assert_reissued(
                &reply,
                &options,
                now,
                3600,
                &token,
                &format!("{path} at T+{}", now - T),
            )
            .await;
        }
        let reply = send(
            app(options.clone()),
            visit_with_bearer("/attribute", &token),
        )
        .await;
        assert_untouched(&reply, "bearer within the leeway");
    }
}

#[tokio::test]
async fn the_default_lifetimes_are_next_auths() {
    let options = options_at(&ManualClock::at(T));
    assert_eq!(options.max_age(), Duration::from_secs(30 * 24 * 3600));
    assert_eq!(options.update_age(), Duration::from_secs(24 * 3600));
    let token = issue(&options).await;
    let decoded = jwt::decode(&options, &token).await.expect("verifies");
    assert_eq!(decoded.get("iat"), Some(&json!(T)));
    assert_eq!(decoded.get("exp"), Some(&json!(T + 30 * 24 * 3600)));
}
