//! `withAuth` wrapping a middleware function, which runs only for requests the `authorized`
//! callback let through, and reads their token.
//!
//! ```ts
//! // pages/admin/_middleware.ts
//! export default withAuth(
//!   function middleware(req: NextRequest & { nextauth: { token: JWT } }) {
//!     console.log(req.nextauth.token)
//!   },
//!   {
//!     callbacks: {
//!       authorized: ({ token }) => token?.role === "admin",
//!     },
//!   }
//! )
//! ```
//!
//! The middleware is an `axum::middleware::from_fn` layer put *inside* the [`AuthLayer`]:
//! axum runs the last `.layer(...)` first, so the `AuthLayer` decides, and only a request it
//! lets through reaches [`middleware`]. `req.nextauth.token` is the [`Token`] the layer left in
//! the request's extensions.
//!
//! The routes are those of [`admin_subtree`]: `/admin` and below for
//! admins, `/` and `/auth/signin` public.

use std::sync::Arc;

use auth_runtime::{AuthLayer, AuthOptions, AuthOptionsBuilder, ConfigError, Token, rule};
use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{Html, Response};
use axum::routing::get;
use serde_json::Value;

use super::{admin_subtree, sign_in};

/// What the middleware does with the token: the binary prints it, the tests record it.
pub type TokenLog = Arc<dyn Fn(&Token) + Send + Sync>;

/// The options this example uses: the secret, and the sign-in page.
///
/// # Errors
/// The builder's.
pub fn options(builder: AuthOptionsBuilder) -> Result<AuthOptions, ConfigError> {
    builder.sign_in_page("/auth/signin").build()
}

/// The site, its middleware printing each admitted request's token:
/// `console.log(req.nextauth.token)`.
pub fn app(options: AuthOptions) -> Router {
    app_with_log(
        options,
        Arc::new(|token: &Token| {
            // Like `console.log`, this prints every claim; a real app logs less personal data.
            println!(
                "req.nextauth.token: {}",
                Value::Object(token.claims().clone())
            );
        }),
    )
}

/// The site, its middleware handing each admitted request's token to `log`.
pub fn app_with_log(options: AuthOptions, log: TokenLog) -> Router {
    let admin = admin_subtree::admin_routes()
        // `function middleware(req) { ... }`: inside, so it runs after the rule passed.
        .layer(from_fn_with_state(log, middleware))
        // `withAuth(middleware, { callbacks: { authorized } })`
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

/// `function middleware(req)`: reads `req.nextauth.token` and lets the request go on.
pub async fn middleware(State(log): State<TokenLog>, request: Request, next: Next) -> Response {
    // Always there: the `AuthLayer` outside this middleware only lets signed-in requests in.
    if let Some(token) = request.extensions().get::<Token>() {
        log(token);
    }
    next.run(request).await
}

async fn home() -> Html<&'static str> {
    Html(
        r#"<!doctype html><title>Home</title><p>Public. Admins only, logged by the middleware:
<a href="/admin">/admin</a>, <a href="/admin/settings">/admin/settings</a>.</p>"#,
    )
}
