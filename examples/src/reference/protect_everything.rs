//! The default re-export: every page of the site needs a session.
//!
//! ```js
//! // pages/_middleware.js
//! export { default } from "next-auth/middleware"
//! ```
//!
//! One `.layer(AuthLayer::new(options))` over the whole router. [`AuthLayer::new`] lets any
//! valid session through (`authorized: ({ token }) => !!token`); a request without one is
//! sent to the sign-in page with its path as `callbackUrl`. The sign-in page is NextAuth.js's
//! built-in path, `/api/auth/signin`; the layer never guards its own pages, so it stays
//! reachable (its `POST` included) while everything else, unknown paths too, is guarded.
//!
//! | route                          | signed out                                        | signed in      |
//! |--------------------------------|---------------------------------------------------|----------------|
//! | `GET /`, `GET /dashboard`, any | 307 `/api/auth/signin?callbackUrl=<path>`          | 200 (404 for unknown paths) |
//! | `GET /api/auth/signin`         | 200, the sign-in form                             | 200            |
//! | `POST /api/auth/signin`        | 303 to `callbackUrl`, with the session cookie     |                |

use auth_runtime::{AuthLayer, AuthOptions, AuthOptionsBuilder, ConfigError, Session};
use axum::Router;
use axum::response::Html;
use axum::routing::get;

use super::sign_in;
use crate::pages::escape;

/// The sign-in page, where NextAuth.js serves its built-in one.
pub const SIGN_IN_PAGE: &str = "/api/auth/signin";

/// The options this example uses: the secret, and the sign-in page to send visitors to.
///
/// # Errors
/// The builder's.
pub fn options(builder: AuthOptionsBuilder) -> Result<AuthOptions, ConfigError> {
    builder.sign_in_page(SIGN_IN_PAGE).build()
}

/// The site, all of it behind one [`AuthLayer`].
pub fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/dashboard", get(page))
        .route(
            SIGN_IN_PAGE,
            get(sign_in::sign_in_page).post(sign_in::sign_in),
        )
        // `export { default } from "next-auth/middleware"`
        .layer(AuthLayer::new(options.clone()))
        .with_state(options)
}

/// Any page: only signed-in visitors get here, so `Session` always extracts.
async fn page(session: Session) -> Html<String> {
    let who = session.user.email.as_deref().unwrap_or("someone");
    Html(format!(
        "<!doctype html><title>Signed in</title><p>Signed in as {}.</p>\
         <p><a href=\"/\">/</a> <a href=\"/dashboard\">/dashboard</a></p>",
        escape(who)
    ))
}
