//! What the example apps' tests share: sending requests through a `Router` without a socket,
//! signing in through the sign-in form, and reading responses.
//!
//! Each test crate uses a different part of it.
#![allow(dead_code, reason = "each test crate uses a different part")]

use auth_examples::SESSION_COOKIE;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// The secret the tests' options sign with.
pub const SECRET: &str = "a test secret of at least thirty-two bytes";

/// `request` through `app`.
pub async fn send(app: &Router, request: Request<Body>) -> Response {
    app.clone().oneshot(request).await.unwrap()
}

/// `GET path`, with `cookie` as the `Cookie` header if given.
pub async fn get(app: &Router, path: &str, cookie: Option<&str>) -> Response {
    let mut request = Request::get(path);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

/// `POST /auth/signin` with an already url-encoded form body.
pub async fn post_sign_in(app: &Router, form: &str, extra: &[(&str, &str)]) -> Response {
    let mut request = Request::post("/auth/signin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    for &(name, value) in extra {
        request = request.header(name, value);
    }
    send(app, request.body(Body::from(form.to_owned())).unwrap()).await
}

/// Signs in as `account` and returns the `name=value` pair to send back as `Cookie`.
pub async fn signed_in_as(app: &Router, account: &str) -> String {
    let response = post_sign_in(app, &format!("account={account}"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    session_cookie(response.headers())
}

/// The one `Set-Cookie` header.
pub fn set_cookie(headers: &HeaderMap) -> &str {
    let value = headers
        .get(header::SET_COOKIE)
        .expect("a Set-Cookie header");
    value.to_str().unwrap()
}

/// The session cookie's `name=value` pair that `Set-Cookie` sets.
pub fn session_cookie(headers: &HeaderMap) -> String {
    let cookie = set_cookie(headers);
    let pair = cookie.split(';').next().unwrap();
    assert!(pair.starts_with(&format!("{SESSION_COOKIE}=")), "{cookie}");
    pair.to_owned()
}

/// The `Location` header.
pub fn location(response: &Response) -> &str {
    response.headers()[header::LOCATION].to_str().unwrap()
}

/// The body, as text.
pub async fn text(response: Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The body, as JSON.
pub async fn json(response: Response) -> Value {
    serde_json::from_str(&text(response).await).unwrap()
}
