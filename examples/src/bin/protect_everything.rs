//! Mirrors NextAuth.js's one-line default re-export in `pages/_middleware.js`,
//! `export { default } from "next-auth/middleware"`: one `AuthLayer::new(options)` over the
//! whole app. Every page needs a session; the sign-in page (`/api/auth/signin`) stays
//! reachable.
//!
//! ```text
//! cargo run -p auth-examples --bin protect_everything
//! ```
//!
//! Listens on `127.0.0.1:3003`, or `PORT`. Without `NEXTAUTH_SECRET` it signs sessions with a
//! random secret made for this run. The app is
//! `auth_examples::reference::protect_everything::app`.

use std::process::ExitCode;

use auth_examples::reference::protect_everything::{app, options};
use auth_examples::startup::{self, StartupError};

const DEFAULT_PORT: u16 = 3003;

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let options = options(startup::builder())?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    startup::print_tries(
        "export { default } from \"next-auth/middleware\"",
        &base,
        &options,
        &[
            (
                "signed out, any page: 307 to /api/auth/signin?callbackUrl=...",
                format!("curl -i {base}/dashboard"),
            ),
            (
                "the sign-in page stays reachable: 200",
                format!("curl -i {base}/api/auth/signin"),
            ),
            (
                "sign in: 303 back to /dashboard, cookie in jar.txt",
                format!(
                    "curl -i -c jar.txt -d account=user -d callbackUrl=/dashboard {base}/api/auth/signin"
                ),
            ),
            (
                "signed in: 200",
                format!("curl -i -b jar.txt {base}/dashboard"),
            ),
        ],
    );
    startup::serve(listener, app(options)).await
}
