//! Database sessions in PostgreSQL: the tables of `@auth/pg-adapter`, Prisma, Kysely or
//! Drizzle, read and written with one statement each on an sqlx pool.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::{Executor, Row};

use super::{SessionStore, StoreError, StoredSession};

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

/// How the ids of users are typed: the type of `users.id` and `sessions."userId"`. User ids
/// reach the store as text ([`StoredSession::user_id`], [`PgStore::create_session`]); this
/// says what to cast them to.
///
/// ```
/// use auth_runtime::store::{PgIdKind, PgSchema};
///
/// // A pg-adapter schema whose ids were changed to uuid.
/// let schema = PgSchema::pg_adapter().id_kind(PgIdKind::Uuid);
/// assert_eq!(schema.get_id_kind(), PgIdKind::Uuid);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PgIdKind {
    /// `integer`, `bigint` or `serial` ids, as `@auth/pg-adapter`'s `SERIAL`.
    Integer,
    /// `text` or `varchar` ids, as Prisma's `cuid()` and Drizzle's `randomUUID()` strings.
    Text,
    /// `uuid` ids, as Kysely's `gen_random_uuid()`.
    Uuid,
}

impl PgIdKind {
    /// The SQL that reads the text parameter `param` as an id of this kind.
    fn cast(self, param: &str) -> String {
        match self {
            PgIdKind::Integer => format!("{param}::int8"),
            PgIdKind::Text => param.to_owned(),
            PgIdKind::Uuid => format!("{param}::uuid"),
        }
    }

    /// Whether `id` can be an id of this kind; one that cannot is refused before any query.
    fn accepts(self, id: &str) -> bool {
        match self {
            PgIdKind::Integer => id.parse::<i64>().is_ok(),
            PgIdKind::Text => true,
            PgIdKind::Uuid => uuid::Uuid::try_parse(id).is_ok(),
        }
    }
}

/// How the session table's timestamps (`expires`, and `createdAt`/`updatedAt` if set) are
/// typed.
///
/// ```
/// use auth_runtime::store::{PgSchema, PgTimestampKind};
///
/// assert_eq!(PgSchema::pg_adapter().get_timestamps(), PgTimestampKind::WithTimeZone);
/// assert_eq!(PgSchema::prisma().get_timestamps(), PgTimestampKind::WithoutTimeZone);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PgTimestampKind {
    /// `timestamptz`: an absolute time, whatever the connection's `TimeZone`
    /// (`@auth/pg-adapter`, Kysely).
    WithTimeZone,
    /// `timestamp` (without time zone) holding the UTC wall time, as Prisma and Drizzle
    /// write it: read and written as UTC, whatever the connection's `TimeZone`.
    WithoutTimeZone,
}

impl PgTimestampKind {
    /// The SQL for the time `epoch_ms` (milliseconds since the Unix epoch, an `int8`
    /// parameter) as a value of this kind.
    fn sql_time_at(self, epoch_ms: &str) -> String {
        let absolute = format!("to_timestamp({epoch_ms}::float8 / 1000)");
        self.sql_of_absolute(&absolute)
    }

    /// The SQL for the current time as a value of this kind.
    fn now(self) -> String {
        self.sql_of_absolute("now()")
    }

    fn sql_of_absolute(self, timestamptz: &str) -> String {
        match self {
            PgTimestampKind::WithTimeZone => timestamptz.to_owned(),
            PgTimestampKind::WithoutTimeZone => format!("({timestamptz} AT TIME ZONE 'UTC')"),
        }
    }

    /// The name PostgreSQL gives a column of this kind.
    fn type_name(self) -> &'static str {
        match self {
            PgTimestampKind::WithTimeZone => "TIMESTAMPTZ",
            PgTimestampKind::WithoutTimeZone => "TIMESTAMP",
        }
    }
}

/// Where and how the sessions and users are kept: table and column names, the type of user
/// ids and of timestamps. Start from the preset of the library that made the tables and
/// rename what the app renamed (Prisma's `@@map`, a Drizzle table of its own, a PostgreSQL
/// schema).
///
/// ```
/// use auth_runtime::store::PgSchema;
///
/// // Prisma's "naming conventions" example: models mapped to snake_case tables.
/// let schema = PgSchema::prisma()
///     .db_schema("auth")
///     .sessions_table("sessions")
///     .users_table("users")
///     .session_token_column("session_token")
///     .user_id_column("user_id")
///     .created_at_column(Some("created_at"))
///     .updated_at_column(Some("updated_at"));
/// assert_eq!(schema.get_sessions_table(), "sessions");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgSchema {
    db_schema: Option<String>,
    sessions_table: String,
    users_table: String,
    session_token_column: String,
    user_id_column: String,
    expires_column: String,
    user_key_column: String,
    created_at_column: Option<String>,
    updated_at_column: Option<String>,
    id_kind: PgIdKind,
    timestamps: PgTimestampKind,
}

impl PgSchema {
    /// The tables of `@auth/pg-adapter`'s `schema.sql`: `sessions("sessionToken", "userId"
    /// INTEGER, expires TIMESTAMPTZ)` and `users(id SERIAL, ...)`.
    ///
    /// That schema has no index on `"sessionToken"`, so every lookup scans the sessions; an
    /// app with many of them adds one
    /// (`CREATE UNIQUE INDEX ON sessions ("sessionToken")`).
    ///
    /// ```
    /// use auth_runtime::store::{PgIdKind, PgSchema, PgTimestampKind};
    ///
    /// let schema = PgSchema::pg_adapter();
    /// assert_eq!(schema.get_sessions_table(), "sessions");
    /// assert_eq!(schema.get_users_table(), "users");
    /// assert_eq!(schema.get_id_kind(), PgIdKind::Integer);
    /// assert_eq!(schema.get_timestamps(), PgTimestampKind::WithTimeZone);
    /// ```
    pub fn pg_adapter() -> Self {
        PgSchema {
            db_schema: None,
            sessions_table: "sessions".into(),
            users_table: "users".into(),
            session_token_column: "sessionToken".into(),
            user_id_column: "userId".into(),
            expires_column: "expires".into(),
            user_key_column: "id".into(),
            created_at_column: None,
            updated_at_column: None,
            id_kind: PgIdKind::Integer,
            timestamps: PgTimestampKind::WithTimeZone,
        }
    }

    /// The tables `@auth/prisma-adapter`'s documented schema migrates to: `"Session"` and
    /// `"User"` with text ids, `timestamp(3)` columns holding UTC, and `"createdAt"` /
    /// `"updatedAt"`, which Prisma Client fills itself (`@updatedAt` has no database
    /// default), so the store writes them too.
    ///
    /// ```
    /// use auth_runtime::store::{PgIdKind, PgSchema, PgTimestampKind};
    ///
    /// let schema = PgSchema::prisma();
    /// assert_eq!(schema.get_sessions_table(), "Session");
    /// assert_eq!(schema.get_updated_at_column(), Some("updatedAt"));
    /// assert_eq!(schema.get_id_kind(), PgIdKind::Text);
    /// assert_eq!(schema.get_timestamps(), PgTimestampKind::WithoutTimeZone);
    /// ```
    pub fn prisma() -> Self {
        PgSchema {
            sessions_table: "Session".into(),
            users_table: "User".into(),
            created_at_column: Some("createdAt".into()),
            updated_at_column: Some("updatedAt".into()),
            id_kind: PgIdKind::Text,
            timestamps: PgTimestampKind::WithoutTimeZone,
            ..Self::pg_adapter()
        }
    }

    /// The tables of `@auth/kysely-adapter`'s documented migration: `"Session"` and `"User"`
    /// with `uuid` ids and `timestamptz` expiries.
    ///
    /// ```
    /// use auth_runtime::store::{PgIdKind, PgSchema, PgTimestampKind};
    ///
    /// let schema = PgSchema::kysely();
    /// assert_eq!(schema.get_users_table(), "User");
    /// assert_eq!(schema.get_id_kind(), PgIdKind::Uuid);
    /// assert_eq!(schema.get_timestamps(), PgTimestampKind::WithTimeZone);
    /// ```
    pub fn kysely() -> Self {
        PgSchema {
            sessions_table: "Session".into(),
            users_table: "User".into(),
            id_kind: PgIdKind::Uuid,
            ..Self::pg_adapter()
        }
    }

    /// The default tables of `@auth/drizzle-adapter` for PostgreSQL: `"session"` and
    /// `"user"` with text ids and a `timestamp` (without time zone) expiry holding UTC.
    ///
    /// ```
    /// use auth_runtime::store::{PgIdKind, PgSchema, PgTimestampKind};
    ///
    /// let schema = PgSchema::drizzle();
    /// assert_eq!(schema.get_sessions_table(), "session");
    /// assert_eq!(schema.get_users_table(), "user");
    /// assert_eq!(schema.get_id_kind(), PgIdKind::Text);
    /// assert_eq!(schema.get_timestamps(), PgTimestampKind::WithoutTimeZone);
    /// ```
    pub fn drizzle() -> Self {
        PgSchema {
            sessions_table: "session".into(),
            users_table: "user".into(),
            id_kind: PgIdKind::Text,
            timestamps: PgTimestampKind::WithoutTimeZone,
            ..Self::pg_adapter()
        }
    }

    /// The PostgreSQL schema both tables are in, instead of the connection's `search_path`.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// let schema = PgSchema::pg_adapter().db_schema("auth");
    /// assert_eq!(schema.get_db_schema(), Some("auth"));
    /// ```
    pub fn db_schema(mut self, name: &str) -> Self {
        self.db_schema = Some(name.to_owned());
        self
    }

    /// The table of sessions.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// let schema = PgSchema::prisma().sessions_table("sessions");
    /// assert_eq!(schema.get_sessions_table(), "sessions");
    /// ```
    pub fn sessions_table(mut self, name: &str) -> Self {
        self.sessions_table = name.to_owned();
        self
    }

    /// The table of users.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// let schema = PgSchema::prisma().users_table("users");
    /// assert_eq!(schema.get_users_table(), "users");
    /// ```
    pub fn users_table(mut self, name: &str) -> Self {
        self.users_table = name.to_owned();
        self
    }

    /// The sessions' column holding the token the cookie carries.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// let schema = PgSchema::prisma().session_token_column("session_token");
    /// assert_eq!(schema.get_session_token_column(), "session_token");
    /// ```
    pub fn session_token_column(mut self, name: &str) -> Self {
        self.session_token_column = name.to_owned();
        self
    }

    /// The sessions' column holding the user's id.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// let schema = PgSchema::prisma().user_id_column("user_id");
    /// assert_eq!(schema.get_user_id_column(), "user_id");
    /// ```
    pub fn user_id_column(mut self, name: &str) -> Self {
        self.user_id_column = name.to_owned();
        self
    }

    /// The sessions' column holding when the session ends.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// let schema = PgSchema::drizzle().expires_column("expires_at");
    /// assert_eq!(schema.get_expires_column(), "expires_at");
    /// ```
    pub fn expires_column(mut self, name: &str) -> Self {
        self.expires_column = name.to_owned();
        self
    }

    /// The users' column the sessions' user id refers to (`users.id`).
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// let schema = PgSchema::pg_adapter().user_key_column("user_id");
    /// assert_eq!(schema.get_user_key_column(), "user_id");
    /// ```
    pub fn user_key_column(mut self, name: &str) -> Self {
        self.user_key_column = name.to_owned();
        self
    }

    /// The sessions' column set to the current time when a session is created, or `None`
    /// when the store does not write one (the table's default, if any, then applies).
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// let schema = PgSchema::prisma().created_at_column(None);
    /// assert_eq!(schema.get_created_at_column(), None);
    /// ```
    pub fn created_at_column(mut self, name: Option<&str>) -> Self {
        self.created_at_column = name.map(str::to_owned);
        self
    }

    /// The sessions' column set to the current time whenever the store writes a session, as
    /// Prisma's `@updatedAt` is; `None` when there is none.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// let schema = PgSchema::drizzle().updated_at_column(Some("updated_at"));
    /// assert_eq!(schema.get_updated_at_column(), Some("updated_at"));
    /// ```
    pub fn updated_at_column(mut self, name: Option<&str>) -> Self {
        self.updated_at_column = name.map(str::to_owned);
        self
    }

    /// The type of user ids.
    ///
    /// ```
    /// use auth_runtime::store::{PgIdKind, PgSchema};
    ///
    /// let schema = PgSchema::prisma().id_kind(PgIdKind::Uuid);
    /// assert_eq!(schema.get_id_kind(), PgIdKind::Uuid);
    /// ```
    pub fn id_kind(mut self, kind: PgIdKind) -> Self {
        self.id_kind = kind;
        self
    }

    /// The type of the session table's timestamps: with a time zone, or without one and
    /// holding UTC.
    ///
    /// ```
    /// use auth_runtime::store::{PgSchema, PgTimestampKind};
    ///
    /// // A Drizzle table declared with `timestamp("expires", { withTimezone: true })`.
    /// let schema = PgSchema::drizzle().timestamps(PgTimestampKind::WithTimeZone);
    /// assert_eq!(schema.get_timestamps(), PgTimestampKind::WithTimeZone);
    /// ```
    pub fn timestamps(mut self, kind: PgTimestampKind) -> Self {
        self.timestamps = kind;
        self
    }

    /// The PostgreSQL schema of the tables, if one is named.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// assert_eq!(PgSchema::pg_adapter().get_db_schema(), None);
    /// ```
    pub fn get_db_schema(&self) -> Option<&str> {
        self.db_schema.as_deref()
    }

    /// The table of sessions.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// assert_eq!(PgSchema::kysely().get_sessions_table(), "Session");
    /// ```
    pub fn get_sessions_table(&self) -> &str {
        &self.sessions_table
    }

    /// The table of users.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// assert_eq!(PgSchema::drizzle().get_users_table(), "user");
    /// ```
    pub fn get_users_table(&self) -> &str {
        &self.users_table
    }

    /// The sessions' token column.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// assert_eq!(PgSchema::pg_adapter().get_session_token_column(), "sessionToken");
    /// ```
    pub fn get_session_token_column(&self) -> &str {
        &self.session_token_column
    }

    /// The sessions' user id column.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// assert_eq!(PgSchema::pg_adapter().get_user_id_column(), "userId");
    /// ```
    pub fn get_user_id_column(&self) -> &str {
        &self.user_id_column
    }

    /// The sessions' expiry column.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// assert_eq!(PgSchema::pg_adapter().get_expires_column(), "expires");
    /// ```
    pub fn get_expires_column(&self) -> &str {
        &self.expires_column
    }

    /// The users' id column.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// assert_eq!(PgSchema::pg_adapter().get_user_key_column(), "id");
    /// ```
    pub fn get_user_key_column(&self) -> &str {
        &self.user_key_column
    }

    /// The sessions' creation time column, if the store writes one.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// assert_eq!(PgSchema::prisma().get_created_at_column(), Some("createdAt"));
    /// ```
    pub fn get_created_at_column(&self) -> Option<&str> {
        self.created_at_column.as_deref()
    }

    /// The sessions' update time column, if the store writes one.
    ///
    /// ```
    /// use auth_runtime::store::PgSchema;
    ///
    /// assert_eq!(PgSchema::kysely().get_updated_at_column(), None);
    /// ```
    pub fn get_updated_at_column(&self) -> Option<&str> {
        self.updated_at_column.as_deref()
    }

    /// The type of user ids.
    ///
    /// ```
    /// use auth_runtime::store::{PgIdKind, PgSchema};
    ///
    /// assert_eq!(PgSchema::drizzle().get_id_kind(), PgIdKind::Text);
    /// ```
    pub fn get_id_kind(&self) -> PgIdKind {
        self.id_kind
    }

    /// The type of the session table's timestamps.
    ///
    /// ```
    /// use auth_runtime::store::{PgSchema, PgTimestampKind};
    ///
    /// assert_eq!(PgSchema::kysely().get_timestamps(), PgTimestampKind::WithTimeZone);
    /// ```
    pub fn get_timestamps(&self) -> PgTimestampKind {
        self.timestamps
    }

    /// `"schema"."table"`, or `"table"` alone.
    fn table(&self, name: &str) -> String {
        match &self.db_schema {
            Some(schema) => format!("{}.{}", quote(schema), quote(name)),
            None => quote(name),
        }
    }
}

/// `name` as a PostgreSQL quoted identifier: in double quotes, its own double quotes doubled,
/// so any name (`user`, `Session`, `a"b`) means exactly that table or column.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The statements of one [`PgSchema`], written once.
#[derive(Debug)]
struct Statements {
    schema: PgSchema,
    /// `$1` token: the session's expiry in whole milliseconds since the Unix epoch, the
    /// user's id as text and the user's row as JSON.
    lookup: String,
    /// `$1` token, `$2` expiry in milliseconds since the Unix epoch.
    update_expiry: String,
    /// `$1` token.
    delete: String,
    /// `$1` token, `$2` user id as text, `$3` expiry in milliseconds since the Unix epoch.
    create: String,
    /// `$1` user id as text.
    delete_user_sessions: String,
    /// The session table's timestamp columns, read without a row, for [`PgStore::check`].
    timestamp_columns: String,
}

impl Statements {
    fn new(schema: PgSchema) -> Self {
        let sessions = schema.table(&schema.sessions_table);
        let users = schema.table(&schema.users_table);
        let token = quote(&schema.session_token_column);
        let user_id = quote(&schema.user_id_column);
        let expires = quote(&schema.expires_column);
        let user_key = quote(&schema.user_key_column);
        let stamps = schema.timestamps;
        let now = stamps.now();

        // `extract(epoch ...)` reads a `timestamp` without time zone as UTC, and a
        // `timestamptz` as the absolute time it is; whole milliseconds, as a JavaScript
        // `Date` holds them, so `expires < now` decides to the millisecond as next-auth does.
        let lookup = format!(
            "SELECT floor(extract(epoch FROM s.{expires}) * 1000)::int8 AS expires_ms, \
             u.{user_key}::text AS user_id, to_jsonb(u) AS user_row \
             FROM {sessions} AS s JOIN {users} AS u ON u.{user_key} = s.{user_id} \
             WHERE s.{token} = $1 LIMIT 1"
        );

        let mut set = format!("{expires} = {}", stamps.sql_time_at("$2"));
        if let Some(updated_at) = &schema.updated_at_column {
            set.push_str(&format!(", {} = {now}", quote(updated_at)));
        }
        let update_expiry = format!("UPDATE {sessions} SET {set} WHERE {token} = $1");

        let delete = format!("DELETE FROM {sessions} WHERE {token} = $1");

        let mut columns = vec![token.clone(), user_id.clone(), expires.clone()];
        let mut values = vec![
            "$1".to_owned(),
            schema.id_kind.cast("$2"),
            stamps.sql_time_at("$3"),
        ];
        for column in [&schema.created_at_column, &schema.updated_at_column]
            .into_iter()
            .flatten()
        {
            columns.push(quote(column));
            values.push(now.clone());
        }
        let create = format!(
            "INSERT INTO {sessions} ({}) VALUES ({})",
            columns.join(", "),
            values.join(", ")
        );

        let delete_user_sessions = format!(
            "DELETE FROM {sessions} WHERE {user_id} = {}",
            schema.id_kind.cast("$1")
        );

        let mut stamped = vec![expires];
        stamped.extend(
            [&schema.created_at_column, &schema.updated_at_column]
                .into_iter()
                .flatten()
                .map(|column| quote(column)),
        );
        let timestamp_columns = format!("SELECT {} FROM {sessions} LIMIT 0", stamped.join(", "));

        Statements {
            schema,
            lookup,
            update_expiry,
            delete,
            create,
            delete_user_sessions,
            timestamp_columns,
        }
    }
}

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
            self.bounded(async {
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
        let described = self
            .bounded(async {
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
        self.bounded(async {
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
        let done = self
            .bounded(async {
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

    /// `work`, given at most [`timeout`](Self::timeout).
    async fn bounded<T>(
        &self,
        work: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        tokio::time::timeout(self.timeout, work)
            .await
            .unwrap_or(Err(StoreError::Timeout(self.timeout)))
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
        let row = self
            .bounded(async {
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
        self.bounded(async {
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
        self.bounded(async {
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

    fn statements(schema: PgSchema) -> Statements {
        Statements::new(schema)
    }

    #[test]
    fn pg_adapter_statements() {
        let sql = statements(PgSchema::pg_adapter());
        assert_eq!(
            sql.lookup,
            "SELECT floor(extract(epoch FROM s.\"expires\") * 1000)::int8 AS expires_ms, \
             u.\"id\"::text AS user_id, to_jsonb(u) AS user_row \
             FROM \"sessions\" AS s JOIN \"users\" AS u ON u.\"id\" = s.\"userId\" \
             WHERE s.\"sessionToken\" = $1 LIMIT 1"
        );
        assert_eq!(
            sql.update_expiry,
            "UPDATE \"sessions\" SET \"expires\" = to_timestamp($2::float8 / 1000) \
             WHERE \"sessionToken\" = $1"
        );
        assert_eq!(
            sql.delete,
            "DELETE FROM \"sessions\" WHERE \"sessionToken\" = $1"
        );
        assert_eq!(
            sql.create,
            "INSERT INTO \"sessions\" (\"sessionToken\", \"userId\", \"expires\") \
             VALUES ($1, $2::int8, to_timestamp($3::float8 / 1000))"
        );
        assert_eq!(
            sql.delete_user_sessions,
            "DELETE FROM \"sessions\" WHERE \"userId\" = $1::int8"
        );
    }

    #[test]
    fn prisma_statements_write_utc_and_updated_at() {
        let sql = statements(PgSchema::prisma());
        assert_eq!(
            sql.lookup,
            "SELECT floor(extract(epoch FROM s.\"expires\") * 1000)::int8 AS expires_ms, \
             u.\"id\"::text AS user_id, to_jsonb(u) AS user_row \
             FROM \"Session\" AS s JOIN \"User\" AS u ON u.\"id\" = s.\"userId\" \
             WHERE s.\"sessionToken\" = $1 LIMIT 1"
        );
        assert_eq!(
            sql.update_expiry,
            "UPDATE \"Session\" SET \
             \"expires\" = (to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC'), \
             \"updatedAt\" = (now() AT TIME ZONE 'UTC') WHERE \"sessionToken\" = $1"
        );
        assert_eq!(
            sql.create,
            "INSERT INTO \"Session\" (\"sessionToken\", \"userId\", \"expires\", \
             \"createdAt\", \"updatedAt\") VALUES ($1, $2, \
             (to_timestamp($3::float8 / 1000) AT TIME ZONE 'UTC'), \
             (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))"
        );
        assert_eq!(
            sql.delete_user_sessions,
            "DELETE FROM \"Session\" WHERE \"userId\" = $1"
        );
        assert_eq!(
            sql.timestamp_columns,
            "SELECT \"expires\", \"createdAt\", \"updatedAt\" FROM \"Session\" LIMIT 0"
        );
    }

    #[test]
    fn kysely_statements_cast_ids_to_uuid() {
        let sql = statements(PgSchema::kysely());
        assert!(
            sql.lookup
                .contains("FROM \"Session\" AS s JOIN \"User\" AS u ON u.\"id\" = s.\"userId\"")
        );
        assert_eq!(
            sql.update_expiry,
            "UPDATE \"Session\" SET \"expires\" = to_timestamp($2::float8 / 1000) \
             WHERE \"sessionToken\" = $1"
        );
        assert_eq!(
            sql.create,
            "INSERT INTO \"Session\" (\"sessionToken\", \"userId\", \"expires\") \
             VALUES ($1, $2::uuid, to_timestamp($3::float8 / 1000))"
        );
        assert_eq!(
            sql.delete_user_sessions,
            "DELETE FROM \"Session\" WHERE \"userId\" = $1::uuid"
        );
    }

    #[test]
    fn drizzle_statements_quote_the_reserved_user() {
        let sql = statements(PgSchema::drizzle());
        // Unquoted, `user` would be `current_user`.
        assert!(
            sql.lookup
                .contains("FROM \"session\" AS s JOIN \"user\" AS u ON u.\"id\" = s.\"userId\"")
        );
        assert_eq!(
            sql.update_expiry,
            "UPDATE \"session\" SET \
             \"expires\" = (to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC') \
             WHERE \"sessionToken\" = $1"
        );
        assert_eq!(
            sql.create,
            "INSERT INTO \"session\" (\"sessionToken\", \"userId\", \"expires\") \
             VALUES ($1, $2, (to_timestamp($3::float8 / 1000) AT TIME ZONE 'UTC'))"
        );
        assert_eq!(
            sql.delete,
            "DELETE FROM \"session\" WHERE \"sessionToken\" = $1"
        );
    }

    #[test]
    fn every_name_is_quoted_and_its_quotes_doubled() {
        let schema = PgSchema::pg_adapter()
            .db_schema("my \"auth\"")
            .sessions_table("sess\"; DROP TABLE users; --")
            .users_table("Users")
            .session_token_column("token")
            .user_id_column("user_id")
            .expires_column("expires_at")
            .user_key_column("user id")
            .updated_at_column(Some("updated\"at"));
        let sql = statements(schema);
        assert_eq!(
            sql.lookup,
            "SELECT floor(extract(epoch FROM s.\"expires_at\") * 1000)::int8 AS expires_ms, \
             u.\"user id\"::text AS user_id, to_jsonb(u) AS user_row \
             FROM \"my \"\"auth\"\"\".\"sess\"\"; DROP TABLE users; --\" AS s \
             JOIN \"my \"\"auth\"\"\".\"Users\" AS u ON u.\"user id\" = s.\"user_id\" \
             WHERE s.\"token\" = $1 LIMIT 1"
        );
        assert_eq!(
            sql.update_expiry,
            "UPDATE \"my \"\"auth\"\"\".\"sess\"\"; DROP TABLE users; --\" SET \
             \"expires_at\" = to_timestamp($2::float8 / 1000), \"updated\"\"at\" = now() \
             WHERE \"token\" = $1"
        );
        assert_eq!(quote("a\"\"b"), "\"a\"\"\"\"b\"");
        assert_eq!(quote(""), "\"\"");
    }

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
    fn user_ids_of_the_wrong_kind_are_refused_before_a_query() {
        assert!(PgIdKind::Integer.accepts("42"));
        assert!(!PgIdKind::Integer.accepts("1; DROP TABLE users"));
        assert!(!PgIdKind::Integer.accepts("99999999999999999999"));
        assert!(PgIdKind::Uuid.accepts("9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d80"));
        assert!(!PgIdKind::Uuid.accepts("42"));
        assert!(PgIdKind::Text.accepts("clx2v1b9k0000qz8h3f5d7a1e"));
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
