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

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use auth_examples::demo_app;
use auth_runtime::{AuthOptions, ConfigError};
use tokio::net::TcpListener;

const DEFAULT_PORT: u16 = 3000;
const SECRET_VARIABLES: [&str; 2] = ["NEXTAUTH_SECRET", "AUTH_SECRET"];

/// Why the demo could not start.
#[derive(Debug, thiserror::Error)]
enum StartupError {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("PORT must be a number from 0 to 65535, not {0:?}")]
    Port(String),
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("the server stopped with an error: {0}")]
    Serve(std::io::Error),
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), StartupError> {
    let port = port()?;
    let options = auth_options()?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .map_err(|source| StartupError::Bind { port, source })?;
    let address = listener
        .local_addr()
        .map_err(|source| StartupError::Bind { port, source })?;
    print_what_to_try(address);
    axum::serve(listener, demo_app(options))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(StartupError::Serve)?;
    println!("Stopped.");
    Ok(())
}

/// The options from `NEXTAUTH_SECRET` / `AUTH_SECRET` when either is set, else with a random
/// secret for this run only.
fn auth_options() -> Result<AuthOptions, ConfigError> {
    let configured = SECRET_VARIABLES
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()));
    if configured {
        return AuthOptions::from_env();
    }
    println!(
        "NEXTAUTH_SECRET is not set: signing sessions with a random secret made for this run. \
         Sessions will not survive a restart."
    );
    AuthOptions::new(random_secret())
}

/// 244 random bits from the OS generator, as 64 hex characters: two version 4 UUIDs.
fn random_secret() -> String {
    let (first, second) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    format!("{}{}", first.simple(), second.simple())
}

/// `PORT`, or 3000 when it is unset.
fn port() -> Result<u16, StartupError> {
    match std::env::var("PORT") {
        Ok(value) => value.trim().parse().map_err(|_| StartupError::Port(value)),
        Err(std::env::VarError::NotPresent) => Ok(DEFAULT_PORT),
        Err(std::env::VarError::NotUnicode(value)) => {
            Err(StartupError::Port(value.to_string_lossy().into_owned()))
        }
    }
}

fn print_what_to_try(address: SocketAddr) {
    let base = format!("http://{address}");
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
    println!("auth-runtime demo listening on {base}\n");
    println!("Open {base}/ in a browser, or try:");
    for (what, command) in tries {
        println!("  # {what}\n  {command}");
    }
    println!("\nPress Ctrl-C to stop.");
}

/// Resolves on Ctrl-C (or SIGTERM on Unix), letting the server finish open requests.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            eprintln!("cannot listen for Ctrl-C ({error}); stop the demo by killing its process");
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = terminate() => {}
    }
    println!("\nShutting down: finishing open requests.");
}

#[cfg(unix)]
async fn terminate() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut sigterm) => {
            sigterm.recv().await;
        }
        Err(_) => std::future::pending().await,
    }
}

#[cfg(not(unix))]
async fn terminate() {
    std::future::pending().await
}
