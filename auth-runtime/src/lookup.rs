//! `get_token` and `get_server_session`: the session of a request, for code that is not an
//! extractor (middleware, services, `tower` layers of your own).

use http::request::Parts;

use crate::decide::peek_session_token;
use crate::{AuthOptions, Session, Token};

/// The verified session token of a request, or `None` when it has no valid one: the Rust
/// counterpart of NextAuth.js's `getToken`.
///
/// Looks for the session cookie, then an `Authorization: Bearer` header. A token already
/// verified for this request (by `#[with_auth]` or an extractor) is reused, not decoded again.
///
/// ```
/// use auth_runtime::{AuthOptions, get_token, jwt};
/// use axum::http::Request;
/// use serde_json::json;
///
/// let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
/// let token = jwt::encode(&options, &json!({ "role": "admin" })).unwrap();
/// let (parts, ()) = Request::get("/admin")
///     .header("cookie", format!("next-auth.session-token={token}"))
///     .body(())
///     .unwrap()
///     .into_parts();
/// assert_eq!(get_token(&parts, &options).unwrap().get_str("role"), Some("admin"));
/// ```
pub fn get_token(parts: &Parts, options: &AuthOptions) -> Option<Token> {
    peek_session_token(parts, options)
}

/// The session of a request in NextAuth.js's shape, or `None` when it has no valid session:
/// the Rust counterpart of `getServerSession`.
///
/// ```
/// use auth_runtime::{AuthOptions, Session, get_server_session};
/// use axum::{Json, http::request::Parts, http::StatusCode};
/// use serde_json::{json, Value};
///
/// // An API route answering like the NextAuth.js example.
/// fn handler(parts: &Parts, options: &AuthOptions) -> (StatusCode, Json<Value>) {
///     match get_server_session(parts, options) {
///         None => (StatusCode::UNAUTHORIZED, Json(json!({ "message": "You must be logged in." }))),
///         Some(_session) => (StatusCode::OK, Json(json!({ "message": "Success" }))),
///     }
/// }
/// ```
pub fn get_server_session(parts: &Parts, options: &AuthOptions) -> Option<Session> {
    get_token(parts, options).map(|token| Session::from_token(&token))
}
