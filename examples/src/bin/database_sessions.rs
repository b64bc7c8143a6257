//! Share the database sessions of your Next.js app: an API that reads the sessions a
//! NextAuth.js or Auth.js app keeps in PostgreSQL (through `@auth/pg-adapter`, Prisma, Kysely
//! or Drizzle) or in Redis (through `@auth/unstorage-adapter` or `@auth/upstash-redis-adapter`).
//!
//! ```text
//! DATABASE_URL=postgres://... AUTH_SCHEMA=prisma cargo run -p auth-examples --bin database_sessions
//! REDIS_URL=redis://127.0.0.1:6379/ cargo run -p auth-examples --bin database_sessions -- --redis
//! ```
//!
//! `AUTH_SCHEMA` names the app's adapter: `pg-adapter` (the default), `prisma`, `kysely` or
//! `drizzle`. `AUTH_REDIS_BASE_PREFIX` is the Redis adapters' `baseKeyPrefix`. With
//! `SIGN_IN_USER_ID=<a user's id>` it creates a session for that user at start-up, as the
//! adapter would, and prints the cookie to try it with. Listens on `127.0.0.1:3011`, or `PORT`.
//!
//! - `GET /api/me`: the user's record (every column), or 401.
//! - `GET /api/admin`: the same for `token.role == 'admin'` (an app's own `role` column), else
//!   403.
//! - `GET /api/auth/session`: the session JSON, as NextAuth.js's endpoint answers it.
//! - `POST /api/sign-out-everywhere`: deletes every session of the signed-in user.
//!
//! When the database cannot be reached, every guarded route answers 503 with `Retry-After`,
//! never a sign-in redirect.

use std::process::ExitCode;
use std::time::SystemTime;

use auth_examples::startup::{self, StartupError};
use auth_runtime::store::{PgSchema, PgStore, RedisStore, StoreError};
use auth_runtime::{
    AuthOptions, AuthOptionsBuilder, SessionCookies, Token, session_endpoint, with_auth,
};
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

const DEFAULT_PORT: u16 = 3011;

/// Where the app keeps its sessions.
#[derive(Clone)]
enum Sessions {
    Postgres(PgStore),
    Redis(RedisStore),
}

impl Sessions {
    /// The options' builder, reading sessions from this store.
    fn configure(&self, builder: AuthOptionsBuilder) -> AuthOptionsBuilder {
        match self {
            Sessions::Postgres(store) => builder.session_store(store.clone()),
            Sessions::Redis(store) => builder.session_store(store.clone()),
        }
    }

    async fn create(&self, user_id: &str, expires: SystemTime) -> Result<String, StoreError> {
        match self {
            Sessions::Postgres(store) => store.create_session(user_id, expires).await,
            Sessions::Redis(store) => store.create_session(user_id, expires).await,
        }
    }

    async fn delete_user_sessions(&self, user_id: &str) -> Result<u64, StoreError> {
        match self {
            Sessions::Postgres(store) => store.delete_user_sessions(user_id).await,
            Sessions::Redis(store) => store.delete_user_sessions(user_id).await,
        }
    }
}

#[derive(Clone, FromRef)]
struct AppState {
    auth: AuthOptions,
    sessions: Sessions,
}

/// The signed-in user's record, as the app's adapter stored it.
#[with_auth(sign_in = false, state = AppState)]
async fn me(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

/// The app's own `role` column, read by the rule.
#[with_auth(authorized = "token.role == 'admin'", sign_in = false, state = AppState)]
async fn admin(token: Token) -> Json<Value> {
    Json(json!({ "admin": token.get_str("email").or(token.get_str("name")) }))
}

/// Ends every session of the signed-in user, on every device: the next request of each is
/// refused.
#[with_auth(sign_in = false, state = AppState)]
async fn sign_out_everywhere(
    State(state): State<AppState>,
    headers: HeaderMap,
    token: Token,
) -> Response {
    let user_id = token.get_str("sub").unwrap_or_default();
    match state.sessions.delete_user_sessions(user_id).await {
        Ok(ended) => (
            SessionCookies::sign_out(&state.auth, &headers),
            Json(json!({ "sessions_ended": ended })),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "could not end the user's sessions");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

fn app(state: AppState) -> Router {
    Router::new()
        .route("/api/me", get(me))
        .route("/api/admin", get(admin))
        .route("/api/sign-out-everywhere", post(sign_out_everywhere))
        .route(
            "/api/auth/session",
            get(session_endpoint).with_state(state.auth.clone()),
        )
        .with_state(state)
}

/// The store the command line and the environment name, checked against the database.
async fn sessions(redis: bool) -> Result<Sessions, StartupError> {
    if redis {
        let mut store = RedisStore::from_env().await?;
        if let Ok(prefix) = std::env::var("AUTH_REDIS_BASE_PREFIX") {
            store = store.base_prefix(prefix);
        }
        return Ok(Sessions::Redis(store));
    }
    let schema = match std::env::var("AUTH_SCHEMA").as_deref() {
        Err(_) | Ok("pg-adapter") => PgSchema::pg_adapter(),
        Ok("prisma") => PgSchema::prisma(),
        Ok("kysely") => PgSchema::kysely(),
        Ok("drizzle") => PgSchema::drizzle(),
        Ok(other) => {
            return Err(StartupError::Setting(format!(
                "AUTH_SCHEMA must be pg-adapter, prisma, kysely or drizzle, not {other:?}"
            )));
        }
    };
    let store = PgStore::from_env(schema).await?;
    // The tables must be the adapter's: better told now than on the first request.
    store.check().await?;
    Ok(Sessions::Postgres(store))
}

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let redis = std::env::args().any(|argument| argument == "--redis");
    let sessions = sessions(redis).await?;
    let auth = sessions.configure(startup::builder()).build()?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    let mut tries = vec![
        (
            "the user's record, with the cookie of your Next.js app",
            format!(
                "curl -i -b '{}=<session token>' {base}/api/me",
                auth.session_cookie_name()
            ),
        ),
        ("401 without a session", format!("curl -i {base}/api/me")),
    ];
    if let Ok(user_id) = std::env::var("SIGN_IN_USER_ID") {
        let token = sessions
            .create(&user_id, SystemTime::now() + auth.max_age())
            .await?;
        let cookie = format!("{}={token}", auth.session_cookie_name());
        tries.push((
            "a session made at start-up for SIGN_IN_USER_ID",
            format!("curl -i -b '{cookie}' {base}/api/admin"),
        ));
        tries.push((
            "end all of that user's sessions",
            format!("curl -i -X POST -b '{cookie}' {base}/api/sign-out-everywhere"),
        ));
    }
    let title = match redis {
        true => "Database sessions in Redis:",
        false => "Database sessions in PostgreSQL:",
    };
    startup::print_tries(title, &base, &auth, &tries);
    startup::serve(listener, app(AppState { auth, sessions })).await
}
