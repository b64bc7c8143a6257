//! Mirrors NextAuth.js's `getServerSession` in an API route: `GET /api/restricted` answers 401
//! `{"message":"You must be logged in."}` without a session and `{"message":"Success"}` with
//! one; `GET /api/jwt` answers the token's claims, read with `get_token` (NextAuth.js's
//! `getToken`).
//!
//! ```text
//! cargo run -p auth-examples --bin get_server_session_api
//! ```
//!
//! Listens on `127.0.0.1:3002`, or `PORT`. Without `NEXTAUTH_SECRET` it signs sessions with a
//! random secret made for this run. The app is
//! `auth_examples::reference::get_server_session_api::app`.

use std::process::ExitCode;

use auth_examples::reference::get_server_session_api::{app, options};
use auth_examples::startup::{self, StartupError};

const DEFAULT_PORT: u16 = 3002;

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let options = options(startup::builder())?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    let token = auth_runtime::jwt::encode(
        &options,
        &serde_json::json!({ "sub": "1", "name": "Demo User" }),
    )
    .await?;
    startup::print_tries(
        "getServerSession in an API route",
        &base,
        &options,
        &[
            (
                "signed out: 401 {\"message\":\"You must be logged in.\"}",
                format!("curl -i {base}/api/restricted"),
            ),
            (
                "sign in: 303, cookie in jar.txt",
                format!("curl -i -c jar.txt -d account=user {base}/auth/signin"),
            ),
            (
                "signed in: 200 {\"message\":\"Success\"}",
                format!("curl -i -b jar.txt {base}/api/restricted"),
            ),
            (
                "getToken: the token's claims",
                format!("curl -i -b jar.txt {base}/api/jwt"),
            ),
            (
                "or with a ready-made token as a bearer token",
                format!("curl -i -H 'Authorization: Bearer {token}' {base}/api/restricted"),
            ),
        ],
    );
    startup::serve(listener, app(options)).await
}
