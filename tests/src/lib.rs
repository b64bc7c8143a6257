//! Shared helpers for the behaviour tests: options, tokens, requests and replies, and the
//! claims the compile-error tests check rules against.

pub mod claims;
pub mod services;
pub mod stores;

use std::time::{SystemTime, UNIX_EPOCH};

use auth_runtime::AuthOptions;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// The secret every test signs with.
pub const SECRET: &str = "behaviour-test-secret-of-32-bytes-or-more";

/// The session cookie NextAuth.js sets over plain HTTP.
pub const COOKIE: &str = "next-auth.session-token";

/// Options with [`SECRET`].
pub fn options() -> AuthOptions {
    AuthOptions::new(SECRET).expect("the test secret is long enough")
}

/// A valid session token carrying `claims`, issued now and expiring in an hour, with
/// `sub: "user-1"` unless the claims name their own user (a session always names one).
pub fn token(claims: Value) -> String {
    let mut claims = claims;
    if claims.get("sub").is_none() {
        claims["sub"] = "user-1".into();
    }
    claims["iat"] = now().into();
    claims["exp"] = (now() + 3600).into();
    raw_token(SECRET, jsonwebtoken::Algorithm::HS256, &claims)
}

/// A token for `{ name: "Ada", role }`.
pub fn token_with_role(role: &str) -> String {
    token(json!({ "name": "Ada", "email": "ada@example.com", "role": role }))
}

/// A token signed with `secret` and exactly `claims`, bypassing [`auth_runtime::jwt::encode`] so tests can
/// build expired, unexpiring or foreign tokens.
pub fn raw_token(secret: &str, algorithm: jsonwebtoken::Algorithm, claims: &Value) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(algorithm),
        claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("HMAC signing does not fail")
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970");
    i64::try_from(elapsed.as_secs()).expect("the clock fits an i64")
}

/// `GET path`.
pub fn visit(path: &str) -> Request<Body> {
    Request::get(path)
        .body(Body::empty())
        .expect("a valid test request")
}

/// `GET path` with the session cookie set to `token`, between two other cookies.
pub fn visit_with_cookie(path: &str, token: &str) -> Request<Body> {
    Request::get(path)
        .header("cookie", format!("theme=dark; {COOKIE}={token}; lang=en"))
        .body(Body::empty())
        .expect("a valid test request")
}

/// `GET path` with `Authorization: Bearer token`.
pub fn visit_with_bearer(path: &str, token: &str) -> Request<Body> {
    Request::get(path)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .expect("a valid test request")
}

/// What a client sees of a response.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body, as text.
    pub body: String,
}

impl Reply {
    /// A header as text, or `None` when absent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .map(|value| value.to_str().expect("a text header"))
    }

    /// Every `Set-Cookie` header.
    pub fn set_cookies(&self) -> Vec<&str> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|value| value.to_str().expect("a text header"))
            .collect()
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

/// Sends one request through `app`.
pub async fn send(app: Router, request: Request<Body>) -> Reply {
    let response = app.oneshot(request).await.expect("routers are infallible");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("a readable body").to_bytes();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body: String::from_utf8(bytes.to_vec()).expect("a text body"),
    }
}

/// The `Set-Cookie` that clears the plain session cookie.
pub const CLEARED_COOKIE: &str = "next-auth.session-token=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";

/// A clock a test moves by hand, for `AuthOptions::builder().clock(...)`: whole seconds since
/// the Unix epoch, shared by every clone.
#[derive(Debug, Clone)]
pub struct ManualClock(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl ManualClock {
    /// A clock reading `secs`.
    pub fn at(secs: u64) -> Self {
        Self(std::sync::Arc::new(std::sync::atomic::AtomicU64::new(secs)))
    }

    /// The time it reads, in seconds.
    pub fn secs(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Sets the time to `secs`.
    pub fn set(&self, secs: u64) {
        self.0.store(secs, std::sync::atomic::Ordering::SeqCst);
    }

    /// The function to give `AuthOptionsBuilder::clock`.
    pub fn time(&self) -> impl Fn() -> SystemTime + Send + Sync + 'static {
        let secs = self.0.clone();
        move || {
            UNIX_EPOCH
                + std::time::Duration::from_secs(secs.load(std::sync::atomic::Ordering::SeqCst))
        }
    }
}

/// `GET path` with `cookies` as the whole `Cookie` header.
pub fn visit_with_cookies(path: &str, cookies: &str) -> Request<Body> {
    Request::get(path)
        .header("cookie", cookies)
        .body(Body::empty())
        .expect("a valid test request")
}

impl Reply {
    /// The one `Set-Cookie` header that sets the cookie `name`; panics if there are several.
    pub fn set_cookie_named(&self, name: &str) -> Option<&str> {
        let prefix = format!("{name}=");
        let mut found = self
            .set_cookies()
            .into_iter()
            .filter(|cookie| cookie.starts_with(&prefix));
        let first = found.next();
        assert!(found.next().is_none(), "several Set-Cookie for {name}");
        first
    }

    /// The value a `Set-Cookie` header gives the cookie `name`.
    pub fn cookie_value(&self, name: &str) -> Option<&str> {
        let header = self.set_cookie_named(name)?;
        let pair = header.split(';').next().unwrap_or_default();
        pair.split_once('=').map(|(_, value)| value)
    }
}

/// The `Set-Cookie` that issues `name=value` with NextAuth.js's attributes for `max_age`
/// seconds, over plain HTTP.
pub fn issued_cookie(name: &str, value: &str, max_age: u64) -> String {
    format!("{name}={value}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age}")
}

/// The `Set-Cookie` that clears the cookie `name`, over plain HTTP.
pub fn clearing_cookie(name: &str) -> String {
    format!(
        "{name}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
    )
}

/// The `Cache-Control` of every response that writes a session cookie.
pub const PRIVATE_NO_STORE: &str = "private, no-cache, no-store";
