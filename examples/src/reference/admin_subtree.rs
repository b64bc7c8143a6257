//! The default `withAuth` export in `pages/admin/_middleware.js`: admins only, under `/admin`
//! and every route nested below it.
//!
//! ```js
//! import { withAuth } from "next-auth/middleware"
//!
//! export default withAuth({
//!   callbacks: {
//!     authorized: ({ token }) => token?.role === "admin",
//!   },
//! })
//! ```
//!
//! The `authorized` callback is pasted into [`rule!`](auth_runtime::rule) as it is, and the
//! [`AuthLayer`] goes on the router nested at `/admin`, so it covers `/admin`,
//! `/admin/settings`, `/admin/users/{id}` and any path below `/admin`, while the rest of the
//! site stays public.
//!
//! | route                                 | signed out                                   | role `user` | role `admin` |
//! |---------------------------------------|----------------------------------------------|-------------|--------------|
//! | `GET /`                               | 200                                          | 200         | 200          |
//! | `GET /admin`, `/admin/settings`, ...  | 307 `/auth/signin?callbackUrl=<path>`        | 403 JSON    | 200          |
//! | `GET /auth/signin`, `POST /auth/signin` | the form; 303 with the session cookie      |             |              |
//!
//! A signed-in user the rule refuses gets 403 rather than NextAuth.js's redirect to the
//! sign-in page, which would loop; set `forbidden_page` to redirect them instead.

use auth_runtime::{AuthLayer, AuthOptions, AuthOptionsBuilder, ConfigError, Token, rule};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Html;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use super::sign_in;
use crate::pages::escape;

/// The options this example uses: the secret, and the sign-in page.
///
/// # Errors
/// The builder's.
pub fn options(builder: AuthOptionsBuilder) -> Result<AuthOptions, ConfigError> {
    builder.sign_in_page("/auth/signin").build()
}

/// The site: public `/` and sign-in, and the `/admin` subtree behind the rule.
pub fn app(options: AuthOptions) -> Router {
    // `pages/admin/_middleware.js`
    let admin = admin_routes()
        .layer(AuthLayer::new(options.clone()).rule(rule!("token?.role === 'admin'")));
    Router::new()
        .route("/", get(home))
        .route(
            "/auth/signin",
            get(sign_in::sign_in_page).post(sign_in::sign_in),
        )
        .nest("/admin", admin)
        .with_state(options)
}

/// The pages under `/admin`, unguarded: the caller puts the layer on them.
pub fn admin_routes() -> Router<AuthOptions> {
    Router::new()
        .route("/", get(admin_home))
        .route("/settings", get(settings))
        .route("/users/{id}", get(user))
        // Its own 404, so paths under `/admin` that match no route pass the layer too: as
        // with a `_middleware.js`, signed-out visitors cannot probe which admin pages exist.
        .fallback(not_found)
}

async fn not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "Not found")
}

async fn home() -> Html<&'static str> {
    Html(
        r#"<!doctype html><title>Home</title><p>Public. Admins only:
<a href="/admin">/admin</a>, <a href="/admin/settings">/admin/settings</a>.</p>"#,
    )
}

/// `GET /admin`: the layer put the verified token in the request, so `Token` extracts it
/// without decoding it again.
async fn admin_home(token: Token) -> Html<String> {
    let name = escape(token.get_str("name").unwrap_or("admin"));
    Html(format!(
        "<!doctype html><title>Admin</title><h1>Admin</h1><p>Welcome, {name}.</p>"
    ))
}

/// `GET /admin/settings`: a nested route, guarded by the same layer.
async fn settings(token: Token) -> Json<Value> {
    Json(json!({ "settings": { "theme": "dark" }, "requestedBy": token.get_str("email") }))
}

/// `GET /admin/users/{id}`: nested two levels down, still guarded.
async fn user(Path(id): Path<String>) -> Json<Value> {
    Json(json!({ "user": id }))
}
