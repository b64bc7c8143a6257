//! Database sessions in PostgreSQL: the tables of `@auth/pg-adapter`, Prisma, Kysely or
//! Drizzle, read and written with one statement each on an sqlx pool.

mod schema;
mod statements;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::{Executor, Row};

use super::{SessionStore, StoreError, StoredSession, within};
pub use schema::{PgIdKind, PgSchema, PgTimestampKind};
use statements::Statements;

/// How long [`PgStore::connect`] waits for a connection from its pool, a new one included.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// The server-side bound [`PgStore::connect`] sets on every statement (`statement_timeout`).
const STATEMENT_TIMEOUT: Duration = Duration::from_secs(3);

/// The most one call of a [`PgStore`] waits, from asking the pool to reading the answer,
/// whatever the pool's own settings: a guard must not hold a request for the pool's default
/// 30 seconds.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// The connections [`PgStore::connect`] keeps at most.
const MAX_CONNECTIONS: u32 = 10;

/// Database sessions in the PostgreSQL tables of a NextAuth.js or Auth.js app (see
/// [`PgSchema`] for which), on an sqlx pool. A [`SessionStore`] for
/// [`AuthOptionsBuilder::session_store`](crate::AuthOptionsBuilder::session_store).
///
/// Each lookup is one statement: the session joined with its user, whose every column
/// (`role` too) reaches rules. The statements are written once, in [`new`](Self::new), with
/// every name quoted; the session token is always a bound parameter.
///
/// Every call is bounded ([`timeout`](Self::timeout), 5 s by default, from asking the pool
/// to reading the answer). A database that cannot be reached, or fails, or does not answer in
/// time is [`StoreError::Unavailable`] or [`StoreError::Timeout`], so the guards answer 503;
/// a row that cannot be read (an `expires` that is `NULL` or infinite, a user id of the
/// wrong type) is [`StoreError::Malformed`].
///
/// Clones share the pool.
///
/// ```no_run
/// use auth_runtime::store::{PgSchema, PgStore};
/// use auth_runtime::{AuthOptions, with_auth};
/// use axum::{Router, routing::get};
///
/// #[with_auth(authorized = "token.role == 'admin'", sign_in = "/api/auth/signin")]
/// async fn admin() -> &'static str {
///     "admin"
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// // The tables `@auth/prisma-adapter` keeps its sessions in, at DATABASE_URL.
/// let store = PgStore::from_env(PgSchema::prisma()).await?;
/// let options = AuthOptions::builder()
///     .secrets_from_env()
///     .session_store(store)
///     .build()?;
/// let app: Router = Router::new().route("/admin", get(admin)).with_state(options);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    statements: Arc<Statements>,
    timeout: Duration,
}

impl PgStore {
    /// A store on `pool`, for the tables `schema` describes. The pool is used as it is: its
    /// acquire timeout is how long a request waits for a connection (within
    /// [`timeout`](Self::timeout)); [`connect`](Self::connect) makes one with settings fit
    /// for a guard.
    ///
    /// Nothing is checked here: [`check`](Self::check) asks the database whether the tables
    /// are as `schema` says.
    ///
    /// ```no_run
    /// use std::time::Duration;
    ///
    /// use auth_runtime::store::{PgSchema, PgStore};
    /// use sqlx::postgres::PgPoolOptions;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let pool = PgPoolOptions::new()
    ///     .max_connections(50)
    ///     .acquire_timeout(Duration::from_secs(2))
    ///     .connect("postgres://app@db.internal/app")
    ///     .await?;
    /// let store = PgStore::new(pool, PgSchema::pg_adapter().db_schema("auth"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(pool: PgPool, schema: PgSchema) -> Self {
        PgStore {
            pool,
            statements: Arc::new(Statements::new(schema)),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// A store on a new pool connected to `url` (`postgres://user:password@host/database`),
    /// for the tables `schema` describes. The pool keeps up to 10 connections, waits at
    /// most 3 s for one, does not ping a connection before each use (a lookup stays one round
    /// trip; a connection the server has closed while idle fails one request with 503, and is
    /// replaced), and has the server end any statement after 3 s (`statement_timeout`). One
    /// connection is made now, so a database that cannot be reached is an error here, not on
    /// the first request.
    ///
    /// ```no_run
    /// use auth_runtime::store::{PgSchema, PgStore};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = PgStore::connect("postgres://app@localhost/app", PgSchema::drizzle()).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn connect(url: &str, schema: PgSchema) -> Result<Self, PgConnectError> {
        let options: PgConnectOptions = url.parse().map_err(PgConnectError::InvalidUrl)?;
        let statement_timeout = STATEMENT_TIMEOUT.as_millis().to_string();
        let options = options.options([("statement_timeout", statement_timeout.as_str())]);
        let target = describe_target(&options);
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .test_before_acquire(false)
            .connect_with(options)
            .await
            .map_err(|source| PgConnectError::Connect { target, source })?;
        Ok(Self::new(pool, schema))
    }

    /// [`connect`](Self::connect) to the database at `DATABASE_URL`.
    ///
    /// ```no_run
    /// use auth_runtime::store::{PgConnectError, PgSchema, PgStore};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// match PgStore::from_env(PgSchema::kysely()).await {
    ///     Ok(_store) => {}
    ///     Err(PgConnectError::MissingUrl) => eprintln!("set DATABASE_URL"),
    ///     Err(error) => eprintln!("{error}"),
    /// }
    /// # }
    /// ```
    pub async fn from_env(schema: PgSchema) -> Result<Self, PgConnectError> {
        match std::env::var("DATABASE_URL") {
            Ok(url) if !url.is_empty() => Self::connect(&url, schema).await,
            _ => Err(PgConnectError::MissingUrl),
        }
    }

    /// Bounds every call of this store (from asking the pool for a connection to reading the
    /// answer) to `limit`; past it the call is [`StoreError::Timeout`]. 5 s by default.
    ///
    /// ```no_run
    /// use std::time::Duration;
    ///
    /// use auth_runtime::store::{PgSchema, PgStore};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = PgStore::from_env(PgSchema::pg_adapter())
    ///     .await?
    ///     .timeout(Duration::from_secs(2));
    /// # Ok(())
    /// # }
    /// ```
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.timeout = limit;
        self
    }

    /// The pool, for the app's own queries.
    ///
    /// ```no_run
    /// use auth_runtime::store::{PgSchema, PgStore};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = PgStore::from_env(PgSchema::pg_adapter()).await?;
    /// let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
    ///     .fetch_one(store.pool())
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// The tables this store reads and writes.
    ///
    /// ```
    /// use auth_runtime::store::{PgSchema, PgStore};
    /// use sqlx::postgres::PgPoolOptions;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // A pool that connects on first use only.
    /// let pool = PgPoolOptions::new().connect_lazy("postgres://app@localhost/app")?;
    /// let store = PgStore::new(pool, PgSchema::drizzle());
    /// assert_eq!(store.schema().get_sessions_table(), "session");
    /// # Ok(())
    /// # }
    /// ```
    pub fn schema(&self) -> &PgSchema {
        &self.statements.schema
    }

    /// Asks the database whether the tables are as the schema says: every statement of the
    /// store is prepared (so a missing table or column, or user ids of two types that cannot
    /// be compared, is found), and the session table's timestamps are of the
    /// [`PgTimestampKind`] it names. For an app's start, or a health check; it reads no row.
    ///
    /// A mismatch is [`StoreError::Malformed`], saying what; a database that cannot be
    /// reached is [`StoreError::Unavailable`] or [`StoreError::Timeout`].
    ///
    /// ```no_run
    /// use auth_runtime::store::{PgSchema, PgStore};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = PgStore::from_env(PgSchema::prisma()).await?;
    /// store.check().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn check(&self) -> Result<(), StoreError> {
        let statements = &*self.statements;
        for sql in [
            &statements.lookup,
            &statements.update_expiry,
            &statements.delete,
            &statements.create,
            &statements.delete_user_sessions,
        ] {
            within(self.timeout, async {
                match (&self.pool).prepare(sql).await {
                    Ok(_) => Ok(()),
                    Err(sqlx::Error::Database(error)) if is_schema_error(error.code()) => {
                        Err(StoreError::Malformed(format!(
                            "the tables are not as the schema says: {} (in `{sql}`)",
                            error.message()
                        )))
                    }
                    Err(error) => Err(self.error(error)),
                }
            })
            .await?;
        }
        let described = within(self.timeout, async {
            (&self.pool)
                .prepare(&statements.timestamp_columns)
                .await
                .map_err(|error| self.error(error))
        })
        .await?;
        let wanted = statements.schema.timestamps;
        for column in sqlx::Statement::columns(&described) {
            let found = sqlx::TypeInfo::name(sqlx::Column::type_info(column));
            if found != wanted.type_name() {
                return Err(StoreError::Malformed(format!(
                    "column {} is {found}, but the schema says {:?} ({})",
                    sqlx::Column::name(column),
                    wanted,
                    wanted.type_name()
                )));
            }
        }
        Ok(())
    }

    /// Creates a session for the user `user_id` until `expires`, as an adapter's
    /// `createSession` does at sign-in, and returns its token: a random UUID, as
    /// `crypto.randomUUID()` makes them. Set it as the session cookie
    /// ([`SessionCookies::database_session`](crate::SessionCookies::database_session)).
    ///
    /// The creation and update columns of the schema, if any, are set to now. A `user_id`
    /// that is not of the schema's [`PgIdKind`], or names no user where a foreign key says it
    /// must, is [`StoreError::Malformed`].
    ///
    /// ```no_run
    /// use std::time::SystemTime;
    ///
    /// use auth_runtime::store::{PgSchema, PgStore};
    /// use auth_runtime::{AuthOptions, SessionCookies};
    /// use axum::http::HeaderMap;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = PgStore::from_env(PgSchema::pg_adapter()).await?;
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .session_store(store.clone())
    ///     .build()?;
    ///
    /// // After the user with id 1 has signed in:
    /// let expires = SystemTime::now() + options.max_age();
    /// let token = store.create_session("1", expires).await?;
    /// let cookies = SessionCookies::database_session(&options, &HeaderMap::new(), &token, expires);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn create_session(
        &self,
        user_id: &str,
        expires: SystemTime,
    ) -> Result<String, StoreError> {
        self.check_user_id(user_id)?;
        let token = uuid::Uuid::new_v4().to_string();
        let expires_ms = epoch_ms(expires)?;
        within(self.timeout, async {
            sqlx::query(&self.statements.create)
                .bind(&token)
                .bind(user_id)
                .bind(expires_ms)
                .execute(&self.pool)
                .await
                .map_err(|error| self.error(error))
        })
        .await?;
        Ok(token)
    }

    /// Deletes every session of the user `user_id`, signing them out everywhere, and returns
    /// how many there were. Each is refused from its next request on, and its cookie
    /// cleared.
    ///
    /// ```no_run
    /// use auth_runtime::store::{PgSchema, PgStore};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = PgStore::from_env(PgSchema::prisma()).await?;
    /// let ended = store.delete_user_sessions("clx2v1b9k0000qz8h3f5d7a1e").await?;
    /// println!("signed out of {ended} sessions");
    /// # Ok(())
    /// # }
    /// ```
    pub async fn delete_user_sessions(&self, user_id: &str) -> Result<u64, StoreError> {
        self.check_user_id(user_id)?;
        let done = within(self.timeout, async {
            sqlx::query(&self.statements.delete_user_sessions)
                .bind(user_id)
                .execute(&self.pool)
                .await
                .map_err(|error| self.error(error))
        })
        .await?;
        Ok(done.rows_affected())
    }

    fn check_user_id(&self, user_id: &str) -> Result<(), StoreError> {
        let kind = self.statements.schema.id_kind;
        if kind.accepts(user_id) {
            Ok(())
        } else {
            Err(StoreError::Malformed(format!(
                "the user id {user_id:?} is not of the schema's id kind, {kind:?}"
            )))
        }
    }

    /// What an sqlx error means to the guards.
    fn error(&self, error: sqlx::Error) -> StoreError {
        match error {
            sqlx::Error::PoolTimedOut => {
                StoreError::Timeout(self.pool.options().get_acquire_timeout())
            }
            // A value the statement cannot take or give (a user id out of range, an infinite
            // expiry) or a constraint it breaks (a user that is not there): about the data,
            // not the database.
            sqlx::Error::Database(error)
                if error
                    .code()
                    .is_some_and(|code| code.starts_with("22") || code.starts_with("23")) =>
            {
                StoreError::Malformed(error.message().to_owned())
            }
            sqlx::Error::ColumnDecode { .. }
            | sqlx::Error::Decode(_)
            | sqlx::Error::ColumnNotFound(_)
            | sqlx::Error::ColumnIndexOutOfBounds { .. }
            | sqlx::Error::TypeNotFound { .. } => StoreError::Malformed(error.to_string()),
            other => StoreError::unavailable(other),
        }
    }
}

/// Whether a database error while preparing means the tables are not what the statement
/// names: an undefined table, column or function (`42P01`, `42703`, `42883`: ids of two types
/// that cannot be compared), or a datatype mismatch (`42804`).
fn is_schema_error(code: Option<std::borrow::Cow<'_, str>>) -> bool {
    code.is_some_and(|code| matches!(&*code, "42P01" | "42703" | "42883" | "42804" | "3F000"))
}

impl SessionStore for PgStore {
    async fn session_and_user(&self, token: &str) -> Result<Option<StoredSession>, StoreError> {
        let row = within(self.timeout, async {
            sqlx::query(&self.statements.lookup)
                .bind(token)
                .fetch_optional(&self.pool)
                .await
                .map_err(|error| self.error(error))
        })
        .await?;
        row.map(|row| read_session(&row)).transpose()
    }

    async fn update_expiry(&self, token: &str, expires: SystemTime) -> Result<(), StoreError> {
        let expires_ms = epoch_ms(expires)?;
        within(self.timeout, async {
            sqlx::query(&self.statements.update_expiry)
                .bind(token)
                .bind(expires_ms)
                .execute(&self.pool)
                .await
                .map_err(|error| self.error(error))
        })
        .await?;
        Ok(())
    }

    async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        within(self.timeout, async {
            sqlx::query(&self.statements.delete)
                .bind(token)
                .execute(&self.pool)
                .await
                .map_err(|error| self.error(error))
        })
        .await?;
        Ok(())
    }
}

impl fmt::Debug for PgStore {
    /// The schema and the pool's size; never the connection options, which hold the
    /// password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgStore")
            .field("schema", &self.statements.schema)
            .field("timeout", &self.timeout)
            .field("pool_size", &self.pool.size())
            .finish_non_exhaustive()
    }
}

/// A row of the lookup as a session.
fn read_session(row: &PgRow) -> Result<StoredSession, StoreError> {
    let malformed = |error: sqlx::Error| StoreError::Malformed(error.to_string());
    let expires_ms: Option<i64> = row.try_get("expires_ms").map_err(malformed)?;
    let user_id: Option<String> = row.try_get("user_id").map_err(malformed)?;
    let user: Option<Value> = row.try_get("user_row").map_err(malformed)?;
    let expires = expires_ms
        .ok_or_else(|| StoreError::Malformed("the session's expires is NULL".into()))
        .and_then(from_epoch_ms)?;
    let user_id =
        user_id.ok_or_else(|| StoreError::Malformed("the session's user id is NULL".into()))?;
    let Some(Value::Object(user)) = user else {
        return Err(StoreError::Malformed(
            "the user's row is not an object".into(),
        ));
    };
    Ok(StoredSession {
        user_id,
        user,
        expires,
    })
}

/// `time` in whole milliseconds since the Unix epoch, rounded down, as a JavaScript `Date`.
fn epoch_ms(time: SystemTime) -> Result<i64, StoreError> {
    let too_far = || StoreError::Malformed(format!("{time:?} is too far from 1970"));
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_millis()).map_err(|_| too_far()),
        Err(before) => {
            let before = before.duration();
            let whole = i64::try_from(before.as_millis()).map_err(|_| too_far())?;
            let part = i64::from(before.subsec_nanos() % 1_000_000 != 0);
            Ok(-whole - part)
        }
    }
}

fn from_epoch_ms(ms: i64) -> Result<SystemTime, StoreError> {
    let span = Duration::from_millis(ms.unsigned_abs());
    let time = if ms >= 0 {
        UNIX_EPOCH.checked_add(span)
    } else {
        UNIX_EPOCH.checked_sub(span)
    };
    time.ok_or_else(|| StoreError::Malformed(format!("an expires of {ms} ms is out of range")))
}

/// `user@host:port/database` of `options`, for errors: never the password.
fn describe_target(options: &PgConnectOptions) -> String {
    format!(
        "{}@{}:{}/{}",
        options.get_username(),
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or_default()
    )
}

/// Why [`PgStore::connect`] or [`PgStore::from_env`] could not make a store. Its messages
/// never hold the URL's password.
///
/// ```no_run
/// use auth_runtime::store::{PgConnectError, PgSchema, PgStore};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let error = PgStore::connect("postgres://app:hunter2@localhost:1/app", PgSchema::pg_adapter())
///     .await
///     .unwrap_err();
/// assert!(matches!(error, PgConnectError::Connect { .. }));
/// assert!(!error.to_string().contains("hunter2"));
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PgConnectError {
    /// `DATABASE_URL` is not set, or empty.
    #[error("DATABASE_URL is not set: it names the PostgreSQL database the sessions are in")]
    MissingUrl,
    /// The URL is not a PostgreSQL connection URL.
    #[error("the database URL is not a valid PostgreSQL URL: {0}")]
    InvalidUrl(#[source] sqlx::Error),
    /// The database could not be reached, or refused the connection.
    #[error("could not connect to PostgreSQL at {target}: {source}")]
    Connect {
        /// `user@host:port/database`, without the password.
        target: String,
        /// What went wrong.
        #[source]
        source: sqlx::Error,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_round_down_as_a_javascript_date() {
        let at = |ms: i64| from_epoch_ms(ms).map_err(|error| error.to_string());
        assert_eq!(epoch_ms(UNIX_EPOCH).ok(), Some(0));
        let later = UNIX_EPOCH + Duration::from_nanos(1_700_000_000_123_999_999);
        assert_eq!(epoch_ms(later).ok(), Some(1_700_000_000_123));
        let earlier = UNIX_EPOCH - Duration::from_nanos(1_500_000);
        assert_eq!(epoch_ms(earlier).ok(), Some(-2));
        assert_eq!(
            at(1_700_000_000_123),
            Ok(UNIX_EPOCH + Duration::from_millis(1_700_000_000_123))
        );
        assert_eq!(at(-2), Ok(UNIX_EPOCH - Duration::from_millis(2)));
    }

    #[test]
    fn the_target_of_a_connection_error_has_no_password() {
        let options: PgConnectOptions = "postgres://app:hunter2@db.internal:6543/sessions"
            .parse()
            .unwrap_or_else(|_| PgConnectOptions::new_without_pgpass());
        let target = describe_target(&options);
        assert_eq!(target, "app@db.internal:6543/sessions");
    }
}
