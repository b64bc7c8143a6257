//! Secret rotation and cookie naming: every listed secret verifies, only the first signs;
//! secure cookies take the `__Secure-` prefix and the `Secure` flag on every cookie written or
//! cleared; a custom cookie name is used for writing and reading.
//!
//! The environment (`AUTH_SECRET_1..3`, `NEXTAUTH_URL`) is covered in `parity_env.rs`.

use auth_runtime::{AuthOptions, DEFAULT_MAX_AGE, DEFAULT_UPDATE_AGE, SessionCookies, Token, jwt};
use auth_tests::*;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use jsonwebtoken::Algorithm;
use serde_json::{Value, json};

const T: u64 = 1_750_000_000;
const MAX_AGE: u64 = DEFAULT_MAX_AGE.as_secs();

const NEW: &str = "the newest secret, at least 32 bytes";
const OLD: &str = "the previous one, still accepted....";
const UNKNOWN: &str = "a secret nobody configured, 32+ bytes";

const SECURE_COOKIE: &str = "__Secure-next-auth.session-token";

async fn me(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

#[auth_runtime::with_auth]
async fn guarded(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

async fn sign_in(State(options): State<AuthOptions>, headers: HeaderMap) -> Response {
    let claims = json!({ "sub": "user-1", "name": "Ada", "email": "ada@example.com" });
    match SessionCookies::sign_in(&options, &headers, &claims).await {
        Ok(cookies) => (cookies, "signed in").into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

async fn big_sign_in(State(options): State<AuthOptions>, headers: HeaderMap) -> Response {
    let claims = json!({ "sub": "user-1", "name": "Ada", "bio": "x".repeat(4_000) });
    match SessionCookies::sign_in(&options, &headers, &claims).await {
        Ok(cookies) => (cookies, "signed in").into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

async fn sign_out(State(options): State<AuthOptions>, headers: HeaderMap) -> Response {
    (SessionCookies::sign_out(&options, &headers), "signed out").into_response()
}

fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/me", get(me))
        .route("/guarded", get(guarded))
        .route("/sign-in", get(sign_in))
        .route("/big-sign-in", get(big_sign_in))
        .route("/sign-out", get(sign_out))
        .with_state(options)
}

fn with_secrets(clock: &ManualClock, secrets: &[&str]) -> AuthOptions {
    let builder = secrets
        .iter()
        .fold(AuthOptions::builder(), |builder, secret| {
            builder.secret(secret)
        });
    builder.clock(clock.time()).build().expect("valid options")
}

/// A token signed with `secret`, issued at `iat` for the default 30 days.
fn signed_with(secret: &str, iat: u64) -> String {
    raw_token(
        secret,
        Algorithm::HS256,
        &json!({ "sub": "user-1", "name": "Ada", "role": "admin", "iat": iat, "exp": iat + MAX_AGE }),
    )
}

#[tokio::test]
async fn a_token_signed_with_a_rotated_out_secret_is_still_accepted() {
    let clock = ManualClock::at(T);
    let rotating = with_secrets(&clock, &[NEW, OLD]);
    for (secret, which) in [(NEW, "new"), (OLD, "old")] {
        let token = signed_with(secret, T);
        for path in ["/me", "/guarded"] {
            let reply = send(app(rotating.clone()), visit_with_cookie(path, &token)).await;
            assert_eq!(reply.status, StatusCode::OK, "{which} secret, {path}");
            assert_eq!(reply.json()["name"], "Ada");
            assert!(
                reply.set_cookies().is_empty(),
                "{which}: a fresh token is kept"
            );
        }
        let reply = send(app(rotating.clone()), visit_with_bearer("/me", &token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{which} secret, bearer");
    }
}

#[tokio::test]
async fn tokens_are_issued_with_the_first_secret() {
    let clock = ManualClock::at(T);
    let rotating = with_secrets(&clock, &[NEW, OLD]);
    let new_only = with_secrets(&clock, &[NEW]);
    let old_only = with_secrets(&clock, &[OLD]);

    let fresh = jwt::encode(&rotating, &json!({ "sub": "user-1", "name": "Ada" }))
        .await
        .expect("encodes");
    assert!(jwt::decode(&rotating, &fresh).await.is_ok());
    assert!(jwt::decode(&new_only, &fresh).await.is_ok());
    assert_eq!(
        jwt::decode(&old_only, &fresh).await.err(),
        Some(jwt::JwtError::InvalidSignature)
    );

    let reply = send(app(rotating.clone()), visit("/sign-in")).await;
    let cookie = reply.cookie_value(COOKIE).expect("signed in");
    assert!(jwt::decode(&new_only, cookie).await.is_ok());
    assert!(jwt::decode(&old_only, cookie).await.is_err());
}

#[tokio::test]
async fn a_session_signed_with_the_old_secret_is_reissued_with_the_new_one() {
    let clock = ManualClock::at(T);
    let rotating = with_secrets(&clock, &[NEW, OLD]);
    let old_token = signed_with(OLD, T);
    let now = T + DEFAULT_UPDATE_AGE.as_secs() + 1;
    clock.set(now);
    let reply = send(
        app(rotating.clone()),
        visit_with_cookie("/guarded", &old_token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let value = reply.cookie_value(COOKIE).expect("re-issued");
    assert_eq!(reply.set_cookies(), [issued_cookie(COOKIE, value, MAX_AGE)]);
    let new_only = with_secrets(&clock, &[NEW]);
    let old_only = with_secrets(&clock, &[OLD]);
    assert!(jwt::decode(&new_only, value).await.is_ok());
    assert!(jwt::decode(&old_only, value).await.is_err());
}

#[tokio::test]
async fn a_token_signed_with_an_unknown_secret_is_refused_and_cleared() {
    let clock = ManualClock::at(T);
    let rotating = with_secrets(&clock, &[NEW, OLD]);
    let foreign = signed_with(UNKNOWN, T);
    for path in ["/me", "/guarded"] {
        let reply = send(app(rotating.clone()), visit_with_cookie(path, &foreign)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(reply.set_cookies(), [clearing_cookie(COOKIE)], "{path}");
    }
    assert_eq!(
        jwt::decode(&rotating, &foreign).await.err(),
        Some(jwt::JwtError::InvalidSignature)
    );
    // The old secret alone does not accept the new secret's tokens either.
    let old_only = with_secrets(&clock, &[OLD]);
    let reply = send(
        app(old_only),
        visit_with_cookie("/me", &signed_with(NEW, T)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

fn secure(clock: &ManualClock) -> AuthOptions {
    AuthOptions::builder()
        .secret(SECRET)
        .secure_cookies(true)
        .clock(clock.time())
        .build()
        .expect("valid options")
}

fn secure_issued(name: &str, value: &str) -> String {
    format!("{name}={value}; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age={MAX_AGE}")
}

fn secure_clearing(name: &str) -> String {
    format!(
        "{name}=; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
    )
}

#[tokio::test]
async fn the_session_cookie_name_follows_the_secure_setting() {
    let clock = ManualClock::at(T);
    let plain = with_secrets(&clock, &[SECRET]);
    assert_eq!(plain.session_cookie_name(), COOKIE);
    assert!(!plain.secure_cookies());
    let secure = secure(&clock);
    assert_eq!(secure.session_cookie_name(), SECURE_COOKIE);
    assert!(secure.secure_cookies());
    let off = AuthOptions::builder()
        .secret(SECRET)
        .secure_cookies(false)
        .build()
        .expect("valid options");
    assert_eq!(off.session_cookie_name(), COOKIE);
}

#[tokio::test]
async fn secure_cookies_are_written_with_the_prefix_and_the_secure_flag() {
    let clock = ManualClock::at(T);
    let options = secure(&clock);
    let reply = send(app(options.clone()), visit("/sign-in")).await;
    let value = reply
        .cookie_value(SECURE_COOKIE)
        .expect("signed in")
        .to_owned();
    assert_eq!(reply.set_cookies(), [secure_issued(SECURE_COOKIE, &value)]);
    assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));

    // Read back under the prefixed name.
    let reply = send(
        app(options.clone()),
        visit_with_cookies("/me", &format!("{SECURE_COOKIE}={value}")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["name"], "Ada");

    // Re-issued with the flag too.
    let now = T + DEFAULT_UPDATE_AGE.as_secs() + 1;
    clock.set(now);
    let reply = send(
        app(options.clone()),
        visit_with_cookies("/guarded", &format!("{SECURE_COOKIE}={value}")),
    )
    .await;
    let fresh = reply
        .cookie_value(SECURE_COOKIE)
        .expect("re-issued")
        .to_owned();
    assert_eq!(reply.set_cookies(), [secure_issued(SECURE_COOKIE, &fresh)]);

    // Chunks too.
    let reply = send(app(options), visit("/big-sign-in")).await;
    let cookies = reply.set_cookies();
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    for (index, cookie) in cookies.iter().enumerate() {
        let name = format!("{SECURE_COOKIE}.{index}");
        let value = reply.cookie_value(&name).expect("a chunk");
        assert_eq!(*cookie, secure_issued(&name, value));
    }
}

#[tokio::test]
async fn secure_cookies_are_cleared_with_the_secure_flag() {
    let clock = ManualClock::at(T);
    let options = secure(&clock);
    let reply = send(
        app(options.clone()),
        visit_with_cookies("/me", &format!("{SECURE_COOKIE}=garbage")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), [secure_clearing(SECURE_COOKIE)]);

    let chunks = format!("{SECURE_COOKIE}.0=a; {SECURE_COOKIE}.1=b; {SECURE_COOKIE}.2=c");
    let reply = send(
        app(options.clone()),
        visit_with_cookies("/sign-out", &chunks),
    )
    .await;
    let mut cookies = reply.set_cookies();
    cookies.sort_unstable();
    assert_eq!(
        cookies,
        [0, 1, 2].map(|index| secure_clearing(&format!("{SECURE_COOKIE}.{index}")))
    );
}

#[tokio::test]
async fn with_secure_cookies_a_plain_session_cookie_is_not_read() {
    // The plain name can be set by a sibling subdomain or over plain HTTP (cookie tossing);
    // the `__Secure-` prefix exists to prevent that, so secure mode reads only that name.
    let clock = ManualClock::at(T);
    let options = secure(&clock);
    let token = jwt::encode(&options, &json!({ "sub": "ada", "name": "Ada" }))
        .await
        .expect("encodes");
    let reply = send(app(options.clone()), visit_with_cookie("/me", &token)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // Not read, so not cleared either: it is not this site's cookie.
    assert!(reply.set_cookies().is_empty());
    let reply = send(app(options.clone()), visit_with_cookie("/me", "garbage")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.set_cookies().is_empty());

    let both = format!("{COOKIE}=garbage; {SECURE_COOKIE}={token}");
    let reply = send(app(options.clone()), visit_with_cookies("/me", &both)).await;
    assert_eq!(reply.status, StatusCode::OK);

    // Signing in writes the secure cookie and leaves the plain one alone.
    let reply = send(app(options), visit_with_cookie("/sign-in", &token)).await;
    let value = reply
        .cookie_value(SECURE_COOKIE)
        .expect("signed in")
        .to_owned();
    assert_eq!(
        reply.set_cookies(),
        [secure_issued(SECURE_COOKIE, &value).as_str()]
    );
}

fn named(clock: &ManualClock, secure: bool) -> AuthOptions {
    AuthOptions::builder()
        .secret(SECRET)
        .cookie_name("app.session")
        .secure_cookies(secure)
        .clock(clock.time())
        .build()
        .expect("valid options")
}

#[tokio::test]
async fn a_custom_cookie_name_is_used_for_writing_and_reading() {
    let clock = ManualClock::at(T);
    let options = named(&clock, false);
    assert_eq!(options.session_cookie_name(), "app.session");

    let reply = send(app(options.clone()), visit("/sign-in")).await;
    let value = reply
        .cookie_value("app.session")
        .expect("signed in")
        .to_owned();
    assert_eq!(
        reply.set_cookies(),
        [issued_cookie("app.session", &value, MAX_AGE)]
    );

    let reply = send(
        app(options.clone()),
        visit_with_cookies("/me", &format!("app.session={value}")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["name"], "Ada");

    // The default name is not read.
    let reply = send(app(options.clone()), visit_with_cookie("/me", &value)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.set_cookies().is_empty(), "{:?}", reply.set_cookies());

    // A bad cookie under the custom name is cleared under it.
    let reply = send(
        app(options.clone()),
        visit_with_cookies("/guarded", "app.session=garbage"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), [clearing_cookie("app.session")]);

    // Re-issued under it.
    clock.set(T + DEFAULT_UPDATE_AGE.as_secs() + 1);
    let reply = send(
        app(options),
        visit_with_cookies("/guarded", &format!("app.session={value}")),
    )
    .await;
    let fresh = reply.cookie_value("app.session").expect("re-issued");
    assert_eq!(
        reply.set_cookies(),
        [issued_cookie("app.session", fresh, MAX_AGE)]
    );
}

#[tokio::test]
async fn a_custom_cookie_name_with_secure_cookies_gets_the_prefix() {
    let clock = ManualClock::at(T);
    let options = named(&clock, true);
    assert_eq!(options.session_cookie_name(), "__Secure-app.session");
    let reply = send(app(options.clone()), visit("/sign-in")).await;
    let value = reply
        .cookie_value("__Secure-app.session")
        .expect("signed in")
        .to_owned();
    assert_eq!(
        reply.set_cookies(),
        [secure_issued("__Secure-app.session", &value)]
    );
    let reply = send(
        app(options),
        visit_with_cookies("/me", &format!("__Secure-app.session={value}")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
}
