//! Mirrors NextAuth.js's `getServerSession` in `getServerSideProps`: `/profile` loads the
//! session with `get_server_session`, redirects to `/` (307, `permanent: false`) without one,
//! and renders it otherwise, putting the returned `SessionCookies` on its response.
//!
//! ```text
//! cargo run -p auth-examples --bin get_server_session_page
//! ```
//!
//! Listens on `127.0.0.1:3001`, or `PORT`. Without `NEXTAUTH_SECRET` it signs sessions with a
//! random secret made for this run. The app is
//! `auth_examples::reference::get_server_session_page::app`.

use std::process::ExitCode;

use auth_examples::reference::get_server_session_page::{app, options};
use auth_examples::startup::{self, StartupError};

const DEFAULT_PORT: u16 = 3001;

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let options = options(startup::builder())?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    startup::print_tries(
        "getServerSession in getServerSideProps",
        &base,
        &options,
        &[
            ("signed out: 307 to /", format!("curl -i {base}/profile")),
            (
                "sign in (account=user or account=admin): 303, cookie in jar.txt",
                format!(
                    "curl -i -c jar.txt -d account=user -d callbackUrl=/profile {base}/auth/signin"
                ),
            ),
            (
                "signed in: the page with the session as its props",
                format!("curl -i -b jar.txt {base}/profile"),
            ),
        ],
    );
    startup::serve(listener, app(options)).await
}
