//! Mirrors NextAuth.js's default `withAuth` export in `pages/admin/_middleware.js`, with
//! `authorized: ({ token }) => token?.role === "admin"`: an
//! `AuthLayer::new(options).rule(rule!("token?.role === 'admin'"))` on the router nested at
//! `/admin`, covering `/admin/settings` and every other nested route.
//!
//! ```text
//! cargo run -p auth-examples --bin admin_subtree
//! ```
//!
//! Listens on `127.0.0.1:3004`, or `PORT`. Without `NEXTAUTH_SECRET` it signs sessions with a
//! random secret made for this run. The app is `auth_examples::reference::admin_subtree::app`.

use std::process::ExitCode;

use auth_examples::reference::admin_subtree::{app, options};
use auth_examples::startup::{self, StartupError};

const DEFAULT_PORT: u16 = 3004;

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let options = options(startup::builder())?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    startup::print_tries(
        "withAuth({ callbacks: { authorized } }) on /admin",
        &base,
        &options,
        &[
            (
                "signed out: 307 to /auth/signin?callbackUrl=%2Fadmin%2Fsettings",
                format!("curl -i {base}/admin/settings"),
            ),
            (
                "sign in as the user: 303, cookie in user.txt",
                format!("curl -i -c user.txt -d account=user {base}/auth/signin"),
            ),
            (
                "the user is refused: 403",
                format!("curl -i -b user.txt {base}/admin/settings"),
            ),
            (
                "sign in as the admin: 303, cookie in admin.txt",
                format!("curl -i -c admin.txt -d account=admin {base}/auth/signin"),
            ),
            (
                "the admin gets every nested route: 200",
                format!("curl -i -b admin.txt {base}/admin/users/42"),
            ),
        ],
    );
    startup::serve(listener, app(options)).await
}
