//! Serves the `auth-runtime` demo site: a public home page, a sign-in form with two demo
//! accounts (role `user` and role `admin`), an admin page guarded by
//! `#[with_auth(authorized = "token.role == 'admin'", ...)]` and two guarded JSON APIs.
//!
//! ```text
//! cargo run -p auth-examples --bin demo
//! ```
//!
//! No setup is needed: without `NEXTAUTH_SECRET` (or `AUTH_SECRET`) the demo signs sessions
//! with a random secret made for this run. Set one to keep sessions across restarts:
//! `NEXTAUTH_SECRET="$(openssl rand -base64 32)"`. It listens on `127.0.0.1:3000`, or on
//! `PORT` (`PORT=0` picks a free port). Ctrl-C stops it after finishing open requests.
//!
//! The site itself is `auth_examples::demo_app`; this file only starts it.

use std::process::ExitCode;

use auth_examples::demo_app;
use auth_examples::startup::{self, StartupError};

const DEFAULT_PORT: u16 = 3000;

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let options = startup::builder().build()?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    let tries = [
        (
            "signed out, the API answers 401",
            format!("curl -i {base}/api/me"),
        ),
        (
            "signed out, /admin redirects to the sign-in page",
            format!("curl -i {base}/admin"),
        ),
        (
            "sign in as the admin (account=user for the user): 303 to /admin, cookie in jar.txt",
            format!("curl -i -c jar.txt -d account=admin -d callbackUrl=/admin {base}/auth/signin"),
        ),
        (
            "the session as JSON",
            format!("curl -i -b jar.txt {base}/api/me"),
        ),
        (
            "200 for the admin, 403 for the user",
            format!("curl -i -b jar.txt {base}/api/admin/stats"),
        ),
        (
            "sign out: 303 to /, clearing the cookie",
            format!("curl -i -b jar.txt -c jar.txt -X POST {base}/auth/signout"),
        ),
    ];
    startup::print_tries(
        "auth-runtime demo (open it in a browser)",
        &base,
        &options,
        &tries,
    );
    startup::serve(listener, demo_app(options)).await
}
