//! `get_token` and `get_server_session`: the session of a request, for code that is not an
//! extractor (handlers building their own response, middleware, services).

use http::request::Parts;

use crate::decide::{peek, peek_token};
use crate::{AuthOptions, Session, SessionCookies, Token};

/// The verified session token of a request, or `None` when it has no valid session: the Rust
/// counterpart of NextAuth.js's `getToken`.
///
/// Looks for the session cookie (whole or in chunks), then an `Authorization: Bearer` header,
/// and verifies the token. Like `getToken`, it does not run `callbacks.jwt`. A session already
/// loaded for this request (by `#[with_auth]`, the layer or an extractor) is reused, not
/// decoded again; one it decodes itself cannot be stored for later, since it only reads the
/// request.
///
/// With [database sessions](crate::store) it gives the claims of the stored session (the
/// user's record), and `None` when the store cannot be reached.
///
/// ```
/// use auth_runtime::{AuthOptions, get_token, jwt};
/// use axum::http::Request;
/// use serde_json::json;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
/// let token = jwt::encode(&options, &json!({ "sub": "user-1", "role": "admin" })).await?;
/// let (parts, ()) = Request::get("/admin")
///     .header("cookie", format!("next-auth.session-token={token}"))
///     .body(())?
///     .into_parts();
/// let verified = get_token(&parts, &options).await.expect("a valid session");
/// assert_eq!(verified.get_str("role"), Some("admin"));
/// # Ok(())
/// # }
/// ```
pub async fn get_token(parts: &Parts, options: &AuthOptions) -> Option<Token> {
    peek_token(parts, options).await
}

/// The session of a request in NextAuth.js's shape (built by `callbacks.session`), or `None`
/// when it has no valid session: the Rust counterpart of `getServerSession`.
///
/// Like `getServerSession`, it keeps the session cookie current: the [`SessionCookies`] it
/// returns re-issue a session older than `update_age` (or changed by `callbacks.jwt`), or
/// clear a refused one. Put them in the response.
///
/// With [database sessions](crate::store) whose store cannot be reached, it too gives `None`
/// (and logs the error). Where that must not read as signed out, use the `Token` / `Session`
/// extractors or their `Option`s, which answer 503 instead.
///
/// ```
/// use auth_runtime::{AuthOptions, get_server_session};
/// use axum::extract::{Request, State};
/// use axum::http::StatusCode;
/// use axum::response::{IntoResponse, Response};
/// use axum::Json;
/// use serde_json::json;
///
/// // The API route of NextAuth.js's `getServerSession` example.
/// async fn handler(State(options): State<AuthOptions>, request: Request) -> Response {
///     let (parts, _body) = request.into_parts();
///     let (session, cookies) = get_server_session(&parts, &options).await;
///     if session.is_none() {
///         let body = Json(json!({ "message": "You must be logged in." }));
///         return (StatusCode::UNAUTHORIZED, cookies, body).into_response();
///     }
///     (cookies, Json(json!({ "message": "Success" }))).into_response()
/// }
/// # let _: axum::Router = axum::Router::new()
/// #     .route("/api/restricted", axum::routing::get(handler))
/// #     .with_state(AuthOptions::new("a secret of at least thirty-two bytes!").unwrap());
/// ```
pub async fn get_server_session(
    parts: &Parts,
    options: &AuthOptions,
) -> (Option<Session>, SessionCookies) {
    let loaded = peek(parts, options).await;
    if loaded.refused_cross_origin(parts, options) {
        return (None, SessionCookies::default());
    }
    let session = match &loaded.session {
        Some(session) => Some(options.settings().callbacks.session(session.json()).await),
        None => None,
    };
    (session, loaded.cookies)
}
