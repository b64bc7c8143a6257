//! `callbacks` (`authorized`, `jwt`, `session`), `pages` and the session endpoint.
//!
//! ```js
//! callbacks: {
//!   authorized({ req, token }) {
//!     if (token) return true // If there is a token, the user is authenticated
//!   }
//! }
//! pages: {
//!   signIn: '/auth/signin',
//!   error: '/auth/error',
//! }
//! ```
//!
//! - `callbacks.authorized` is the layer's rule, here a plain closure over the token and the
//!   request ([`authorized`]): any session passes, as in the default, except under `/admin`,
//!   which needs role `admin`.
//! - `callbacks.jwt` ([`jwt`]) runs on every verified token, once per request: it reads the
//!   account from a user directory, ends the session of an account that no longer exists and
//!   updates a stale `role`; a changed token is re-issued in the session cookie.
//! - `callbacks.session` ([`session_with_role`]) adds the role to the session that `Session`,
//!   `get_server_session` and `GET /api/auth/session` give.
//! - `pages.signIn` and `pages.error` are `sign_in_page` and `error_page`; the layer never
//!   guards them. `session.maxAge` and `session.updateAge` are `max_age` and `update_age`.
//!
//! | route                   | signed out                           | role `user`  | role `admin` |
//! |-------------------------|--------------------------------------|--------------|--------------|
//! | `GET /`                 | 307 `/auth/signin?callbackUrl=%2F`   | 200          | 200          |
//! | `GET /admin`            | 307 `/auth/signin?callbackUrl=%2Fadmin` | 403 JSON  | 200          |
//! | `GET /api/auth/session` | 200 `{}`                             | 200 session JSON, with `user.role` | same |
//! | `GET /auth/error`       | 200, the error page                  | 200          | 200          |
//! | `POST /auth/signin`     | 303 with the cookie; an unknown account: 303 `/auth/error?error=CredentialsSignin` | | |
//!
//! `/api/auth/session` is routed after the layer, so the layer does not cover it (in Next.js,
//! a middleware `matcher` leaving out `/api/auth`): a signed-out client gets `{}`, not a
//! redirect.

use std::time::Duration;

use auth_runtime::{
    AuthLayer, AuthOptions, AuthOptionsBuilder, ConfigError, RequestInfo, Session, Token,
    session_endpoint,
};
use axum::Router;
use axum::extract::Query;
use axum::response::Html;
use axum::routing::get;
use serde::Deserialize;
use serde_json::Value;

use super::sign_in;
use crate::pages::escape;

/// `session.maxAge`: a week instead of NextAuth.js's 30 days.
pub const MAX_AGE: Duration = Duration::from_secs(7 * 24 * 60 * 60);
/// `session.updateAge`: re-issue a session token once it is an hour old.
pub const UPDATE_AGE: Duration = Duration::from_secs(60 * 60);

/// The options of `[...nextauth].js`: session lifetimes, pages and callbacks.
///
/// # Errors
/// The builder's.
pub fn options(builder: AuthOptionsBuilder) -> Result<AuthOptions, ConfigError> {
    builder
        .max_age(MAX_AGE)
        .update_age(UPDATE_AGE)
        .sign_in_page("/auth/signin")
        .error_page("/auth/error")
        .jwt_callback(|token| async move { jwt(token) })
        .session_callback(|session, token| async move { session_with_role(session, &token) })
        .build()
}

/// The site: everything behind the layer and its `authorized` rule, but the sign-in and error
/// pages (never guarded) and the session endpoint (routed after the layer).
pub fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/admin", get(admin))
        .route(
            "/auth/signin",
            get(sign_in::sign_in_page).post(sign_in::sign_in),
        )
        .route("/auth/error", get(error_page))
        .layer(AuthLayer::new(options.clone()).rule(authorized))
        .route("/api/auth/session", get(session_endpoint))
        .with_state(options)
}

/// `callbacks.authorized({ req, token })`: a verified token is enough, but `/admin` and below
/// need role `admin`.
pub fn authorized(token: &Token, req: &RequestInfo<'_>) -> bool {
    let path = req.path();
    let admin_only = path == "/admin" || path.starts_with("/admin/");
    !admin_only || token.get_str("role") == Some("admin")
}

/// `callbacks.jwt({ token })`: the account's current role from the directory; `None` ends the
/// session of an account that is gone.
pub fn jwt(token: Token) -> Option<Token> {
    let role = directory_role(token.get_str("sub")?)?;
    if token.get_str("role") == Some(role) {
        return Some(token);
    }
    let mut claims = token.into_claims();
    claims.insert("role".into(), role.into());
    Some(Token::new(claims))
}

/// The accounts that exist, and their roles: the demo's two (`sub` 1 and 2). A real app asks
/// its database.
fn directory_role(sub: &str) -> Option<&'static str> {
    match sub {
        "1" => Some("user"),
        "2" => Some("admin"),
        _ => None,
    }
}

/// `callbacks.session({ session, token })`: `session.user.role` from the token.
pub fn session_with_role(mut session: Session, token: &Token) -> Session {
    let role = token.get("role").cloned().unwrap_or(Value::Null);
    session.user.extra.insert("role".into(), role);
    session
}

async fn home(session: Session) -> Html<String> {
    let json = serde_json::to_string_pretty(&session).unwrap_or_default();
    Html(format!(
        "<!doctype html><title>Home</title><p>Your session, as <code>callbacks.session</code> \
         built it:</p><pre>{}</pre><p><a href=\"/admin\">/admin</a> (admins only)</p>",
        escape(&json)
    ))
}

async fn admin(token: Token) -> Html<String> {
    let name = escape(token.get_str("name").unwrap_or("admin"));
    Html(format!(
        "<!doctype html><title>Admin</title><p>Welcome, {name}.</p>"
    ))
}

/// The query NextAuth.js sends to the error page.
#[derive(Debug, Deserialize)]
struct ErrorQuery {
    error: Option<String>,
}

/// `pages.error`: reachable signed out; the layer never guards it.
async fn error_page(Query(query): Query<ErrorQuery>) -> Html<String> {
    let error = escape(query.error.as_deref().unwrap_or("Default"));
    Html(format!(
        "<!doctype html><title>Error</title><h1>Sign-in error</h1><p>Error: <code>{error}</code></p>\
         <p><a href=\"/auth/signin\">Try again</a></p>"
    ))
}
