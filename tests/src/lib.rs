//! Shared helpers for the behaviour tests: options, tokens, requests and replies.

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

/// A valid session token carrying `claims`, issued now and expiring in an hour.
pub fn token(claims: Value) -> String {
    let mut claims = claims;
    claims["iat"] = now().into();
    claims["exp"] = (now() + 3600).into();
    raw_token(SECRET, jsonwebtoken::Algorithm::HS256, &claims)
}

/// A token for `{ name: "Ada", role }`.
pub fn token_with_role(role: &str) -> String {
    token(json!({ "name": "Ada", "email": "ada@example.com", "role": role }))
}

/// A token signed with `secret` and exactly `claims`, bypassing [`jwt::encode`] so tests can
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
