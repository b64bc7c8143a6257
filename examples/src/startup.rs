//! What every example binary does before and while serving: find the secret, bind
//! `127.0.0.1:<PORT>`, print what to try, serve until Ctrl-C.

use std::net::Ipv4Addr;
use std::process::ExitCode;

use auth_runtime::jwt::JwtError;
use auth_runtime::{AuthOptions, AuthOptionsBuilder, ConfigError};
use axum::Router;
use tokio::net::TcpListener;

use crate::reference::custom_codec::KeyError;

/// The variables NextAuth.js and Auth.js read the secret from, in order.
const SECRET_VARIABLES: [&str; 2] = ["NEXTAUTH_SECRET", "AUTH_SECRET"];

/// Why an example could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The options were refused.
    #[error("{0}")]
    Config(#[from] ConfigError),
    /// The custom codec refused its key.
    #[error("{0}")]
    Key(#[from] KeyError),
    /// A token printed at start-up could not be made.
    #[error("could not make a session token: {0}")]
    Token(#[from] JwtError),
    /// `PORT` is not a port number.
    #[error("PORT must be a number from 0 to 65535, not {0:?}")]
    Port(String),
    /// The port is taken, or not ours to take.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for.
        port: u16,
        /// Why binding failed.
        source: std::io::Error,
    },
    /// The PostgreSQL of database sessions could not be reached.
    #[error("{0}")]
    Postgres(#[from] auth_runtime::store::PgConnectError),
    /// The Redis of database sessions could not be reached.
    #[error("{0}")]
    Redis(#[from] auth_runtime::store::RedisStoreError),
    /// The session store refused a call, or its tables are not as configured.
    #[error("{0}")]
    Store(#[from] auth_runtime::store::StoreError),
    /// A setting in the environment is not one of the values it can take.
    #[error("{0}")]
    Setting(String),
    /// The server failed while running.
    #[error("the server stopped with an error: {0}")]
    Serve(std::io::Error),
}

/// The exit code for `result`, printing the error if there is one.
pub fn exit(result: Result<(), StartupError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// A builder holding the secrets of the environment (`NEXTAUTH_SECRET`, else `AUTH_SECRET`,
/// plus `AUTH_SECRET_1..3`) when one is set, else a random secret made for this run.
pub fn builder() -> AuthOptionsBuilder {
    if secret_from_env().is_some() {
        AuthOptions::builder().secrets_from_env()
    } else {
        AuthOptions::builder().secret(run_secret())
    }
}

/// The secret itself, for a codec that holds its own keys: `NEXTAUTH_SECRET`, else
/// `AUTH_SECRET`, else a random secret made for this run.
pub fn secret() -> Vec<u8> {
    secret_from_env().unwrap_or_else(|| run_secret().into_bytes())
}

fn secret_from_env() -> Option<Vec<u8>> {
    SECRET_VARIABLES.iter().find_map(|name| {
        let value = std::env::var_os(name)?.into_encoded_bytes();
        (!value.is_empty()).then_some(value)
    })
}

/// 64 hex characters from two version 4 UUIDs (244 random bits), announced as such.
fn run_secret() -> String {
    println!(
        "NEXTAUTH_SECRET is not set: signing sessions with a random secret made for this run. \
         Sessions will not survive a restart."
    );
    let (first, second) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    format!("{}{}", first.simple(), second.simple())
}

/// Binds `127.0.0.1:<PORT>` (`default_port` when `PORT` is unset; `PORT=0` picks a free
/// port) and returns the listener with its base URL.
///
/// # Errors
/// A `PORT` that is not a number, or a port that cannot be bound.
pub async fn listen(default_port: u16) -> Result<(TcpListener, String), StartupError> {
    let port = port(default_port)?;
    let bind_error = |source| StartupError::Bind { port, source };
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .map_err(bind_error)?;
    let address = listener.local_addr().map_err(bind_error)?;
    Ok((listener, format!("http://{address}")))
}

fn port(default_port: u16) -> Result<u16, StartupError> {
    match std::env::var("PORT") {
        Ok(value) => value.trim().parse().map_err(|_| StartupError::Port(value)),
        Err(std::env::VarError::NotPresent) => Ok(default_port),
        Err(std::env::VarError::NotUnicode(value)) => {
            Err(StartupError::Port(value.to_string_lossy().into_owned()))
        }
    }
}

/// Prints the address, the session cookie's name and the commands to try, each as
/// `(what it shows, command)`.
pub fn print_tries(title: &str, base: &str, options: &AuthOptions, tries: &[(&str, String)]) {
    println!("{title} listening on {base}");
    println!(
        "Session cookie: {} (secure cookies: {})\n",
        options.session_cookie_name(),
        options.secure_cookies()
    );
    println!("Try:");
    for (what, command) in tries {
        println!("  # {what}\n  {command}");
    }
    println!("\nPress Ctrl-C to stop.");
}

/// Serves `app` until Ctrl-C (or SIGTERM), finishing open requests.
///
/// # Errors
/// The server's I/O error.
pub async fn serve(listener: TcpListener, app: Router) -> Result<(), StartupError> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(StartupError::Serve)?;
    println!("Stopped.");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
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
