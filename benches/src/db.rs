//! Database sessions under load: the sessions of `@auth/pg-adapter`'s tables in a real
//! PostgreSQL, read by the guard (`PgStore`) and by [`DbBaseline`], what a careful user writes
//! without this library.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use auth_runtime::store::{PgSchema, PgStore};
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use sqlx::PgPool;

use crate::session_cookie;

/// The Postgres schema the load test's tables live in, made afresh at each start.
pub const SCHEMA: &str = "auth_load";

/// The tables of `@auth/pg-adapter` (its documented schema), with an app's `role` column on
/// `users`.
const TABLES: &str = r#"
CREATE TABLE auth_load.sessions (id SERIAL, "userId" INTEGER NOT NULL, expires TIMESTAMPTZ NOT NULL,
  "sessionToken" VARCHAR(255) NOT NULL, PRIMARY KEY (id));
CREATE TABLE auth_load.users (id SERIAL, name VARCHAR(255), email VARCHAR(255),
  "emailVerified" TIMESTAMPTZ, image TEXT, role TEXT NOT NULL, PRIMARY KEY (id));
"#;

/// The baseline's query: the user's role and the session's expiry, one round trip, typed.
const LOOKUP: &str = r#"SELECT u.role, (extract(epoch from s.expires) * 1000)::float8
  FROM auth_load.sessions s JOIN auth_load.users u ON u.id = s."userId"
  WHERE s."sessionToken" = $1"#;

static POOL: OnceLock<PgPool> = OnceLock::new();

/// The guard's store and the session tokens of an admin and of a user, both valid for 30 days
/// and not due for an update, so no request writes.
pub struct Prepared {
    /// The store the guarded routes read.
    pub store: PgStore,
    /// The admin's session token.
    pub admin: String,
    /// The user's session token.
    pub user: String,
}

/// Makes the tables in [`SCHEMA`] (dropping any left from an earlier run), an admin and a
/// user with a session each, and the baseline's pool; the pool and the store are warmed by a
/// first query.
///
/// # Errors
/// When the database cannot be reached or refuses the statements.
pub async fn prepare(url: &str) -> Result<Prepared, Box<dyn std::error::Error>> {
    let store = PgStore::connect(url, PgSchema::pg_adapter().db_schema(SCHEMA)).await?;
    let pool = store.pool().clone();
    sqlx::raw_sql(&format!(
        "DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}; {TABLES}"
    ))
    .execute(&pool)
    .await?;
    let expires = SystemTime::now() + Duration::from_secs(30 * 24 * 60 * 60);
    let mut tokens = Vec::new();
    for (name, role) in [("Demo Admin", "admin"), ("Demo User", "user")] {
        let (id,): (i32,) = sqlx::query_as(&format!(
            "INSERT INTO {SCHEMA}.users (name, email, role) VALUES ($1, $2, $3) RETURNING id"
        ))
        .bind(name)
        .bind(format!("{role}@example.com"))
        .bind(role)
        .fetch_one(&pool)
        .await?;
        tokens.push(store.create_session(&id.to_string(), expires).await?);
    }
    let _ = POOL.set(pool);
    let [admin, user] = <[String; 2]>::try_from(tokens).map_err(|_| "two sessions")?;
    Ok(Prepared { store, admin, user })
}

/// The hand-written guard of a database session: the cookie found as [`session_cookie`] finds
/// it, one prepared query for the role and the expiry into a typed row, `expires < now`
/// refused, then `role == "admin"`. 401 without a valid session, 403 for another role, 503 when
/// the database fails. It neither extends nor deletes sessions.
pub struct DbBaseline;

impl<S: Send + Sync> FromRequestParts<S> for DbBaseline {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, StatusCode> {
        let token = session_cookie(parts).ok_or(StatusCode::UNAUTHORIZED)?;
        let pool = POOL.get().ok_or(StatusCode::SERVICE_UNAVAILABLE)?;
        let row: Option<(String, f64)> = sqlx::query_as(LOOKUP)
            .bind(token)
            .fetch_optional(pool)
            .await
            .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
        let (role, expires_ms) = row.ok_or(StatusCode::UNAUTHORIZED)?;
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |now| now.as_millis() as f64);
        if expires_ms < now_ms {
            return Err(StatusCode::UNAUTHORIZED);
        }
        match role == "admin" {
            true => Ok(DbBaseline),
            false => Err(StatusCode::FORBIDDEN),
        }
    }
}
