//! Mirrors NextAuth.js's `callbacks` (`authorized`, and the `jwt` and `session` callbacks of
//! the options) and `pages` (`signIn: '/auth/signin'`, `error: '/auth/error'`), with
//! `session.maxAge` / `updateAge` and the `/api/auth/session` endpoint (`session_endpoint`).
//!
//! ```text
//! cargo run -p auth-examples --bin callbacks
//! ```
//!
//! Listens on `127.0.0.1:3007`, or `PORT`. Without `NEXTAUTH_SECRET` it signs sessions with a
//! random secret made for this run. The app is `auth_examples::reference::callbacks::app`.

use std::process::ExitCode;

use auth_examples::reference::callbacks::{app, options};
use auth_examples::startup::{self, StartupError};
use serde_json::json;

const DEFAULT_PORT: u16 = 3007;

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let options = options(startup::builder())?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    let cookie = options.session_cookie_name();
    // Sessions `callbacks.jwt` acts on: an account since deleted, and a stale role.
    let deleted =
        auth_runtime::jwt::encode(&options, &json!({ "sub": "99", "role": "admin" })).await?;
    let stale = auth_runtime::jwt::encode(&options, &json!({ "sub": "2", "role": "user" })).await?;
    startup::print_tries(
        "callbacks and pages",
        &base,
        &options,
        &[
            (
                "signed out: {} from the session endpoint, 307 to pages.signIn elsewhere",
                format!("curl -i {base}/api/auth/session; curl -i {base}/"),
            ),
            (
                "an unknown account: 303 to pages.error, which stays reachable",
                format!(
                    "curl -i -d account=nobody {base}/auth/signin; curl -i '{base}/auth/error?error=CredentialsSignin'"
                ),
            ),
            (
                "sign in as the user; callbacks.session adds user.role",
                format!(
                    "curl -s -c jar.txt -d account=user {base}/auth/signin && curl -i -b jar.txt {base}/api/auth/session"
                ),
            ),
            (
                "callbacks.authorized: /admin is for admins only, 403",
                format!("curl -i -b jar.txt {base}/admin"),
            ),
            (
                "callbacks.jwt ends the session of a deleted account: 307 and a cleared cookie",
                format!("curl -i -b '{cookie}={deleted}' {base}/"),
            ),
            (
                "callbacks.jwt updates a stale role: 200 and a re-issued cookie",
                format!("curl -i -b '{cookie}={stale}' {base}/admin"),
            ),
        ],
    );
    startup::serve(listener, app(options)).await
}
