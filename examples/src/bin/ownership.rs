//! Serves a small blog API whose routes are guarded by ownership: your own drafts, your own
//! posts (found by an async check), your own organization's billing. The rules are checked
//! against the typed claims `AppClaims` when the crate compiles.
//!
//! ```text
//! cargo run -p auth-examples --bin ownership
//! ```
//!
//! Listens on `127.0.0.1:3008`, or `PORT`. Without `NEXTAUTH_SECRET` it signs sessions with a
//! random secret made for this run. The app is `auth_examples::ownership::ownership_app`; this
//! file only starts it and prints a curl command for each outcome.

use std::process::ExitCode;

use auth_examples::ownership::ownership_app;
use auth_examples::startup::{self, StartupError};

const DEFAULT_PORT: u16 = 3008;

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let options = startup::builder().build()?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    let put = "curl -i -X PUT -H 'content-type: application/json'";
    let tries = [
        (
            "signed out: 401",
            format!("curl -i {base}/users/ada/drafts"),
        ),
        (
            "sign in as ada (author, org 7), bob (reader, unverified) and root (admin): a cookie jar each",
            format!(
                "for a in ada bob root; do curl -s -o /dev/null -c $a.txt -d account=$a {base}/auth/signin; done"
            ),
        ),
        (
            "ada reads her own drafts: 200",
            format!("curl -i -b ada.txt {base}/users/ada/drafts"),
        ),
        (
            "grace's drafts: 403 for ada, 200 for root",
            format!(
                "curl -i -b ada.txt {base}/users/grace/drafts; echo; curl -i -b root.txt {base}/users/grace/drafts"
            ),
        ),
        (
            "ada retitles her post 1: 200",
            format!(r#"{put} -b ada.txt -d '{{"title":"Note G"}}' {base}/posts/1"#),
        ),
        (
            "ada and grace's post 3: the check refuses, 403",
            format!(r#"{put} -b ada.txt -d '{{"title":"Mine now"}}' {base}/posts/3"#),
        ),
        (
            "a post that does not exist: the check's 404",
            format!(r#"{put} -b ada.txt -d '{{"title":"Nothing"}}' {base}/posts/9"#),
        ),
        (
            "bob is not a verified author: the rule refuses, 403, before the bad body is read",
            format!("{put} -b bob.txt -d 'not json' {base}/posts/1"),
        ),
        (
            "root edits any post: 200",
            format!(r#"{put} -b root.txt -d '{{"title":"Edited"}}' {base}/posts/3"#),
        ),
        (
            "ada's org: 200 at /orgs/7, 403 at /orgs/07 and /orgs/8",
            format!("for o in 7 07 8; do curl -i -b ada.txt {base}/orgs/$o/billing; echo; done"),
        ),
    ];
    startup::print_tries("blog API with ownership guards", &base, &options, &tries);
    startup::serve(listener, ownership_app(options)).await
}
