//! Mirrors NextAuth.js's "wrap middleware" example in `pages/admin/_middleware.ts`:
//! `withAuth(function middleware(req) { console.log(req.nextauth.token) }, { callbacks: {
//! authorized: ({ token }) => token?.role === "admin" } })`. The middleware is an
//! `axum::middleware::from_fn` inside the `AuthLayer`: it runs only when the rule passed, and
//! prints the token the layer put in the request's extensions.
//!
//! ```text
//! cargo run -p auth-examples --bin wrap_middleware
//! ```
//!
//! Listens on `127.0.0.1:3005`, or `PORT`. Without `NEXTAUTH_SECRET` it signs sessions with a
//! random secret made for this run. The app is `auth_examples::reference::wrap_middleware::app`.

use std::process::ExitCode;

use auth_examples::reference::wrap_middleware::{app, options};
use auth_examples::startup::{self, StartupError};

const DEFAULT_PORT: u16 = 3005;

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let options = options(startup::builder())?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    startup::print_tries(
        "withAuth(middleware, { callbacks: { authorized } }) on /admin",
        &base,
        &options,
        &[
            (
                "signed out: 307, and the middleware does not run (nothing printed)",
                format!("curl -i {base}/admin"),
            ),
            (
                "sign in as the user, then: 403, the middleware does not run",
                format!(
                    "curl -s -c user.txt -d account=user {base}/auth/signin && curl -i -b user.txt {base}/admin"
                ),
            ),
            (
                "sign in as the admin, then: 200, and this window prints req.nextauth.token",
                format!(
                    "curl -s -c admin.txt -d account=admin {base}/auth/signin && curl -i -b admin.txt {base}/admin"
                ),
            ),
        ],
    );
    startup::serve(listener, app(options)).await
}
