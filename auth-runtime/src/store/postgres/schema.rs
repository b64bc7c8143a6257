//! Which tables and columns hold the sessions and users, and how their ids and timestamps are
//! typed: a [`PgSchema`] and its presets.

use super::statements::quote;

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
///
/// [`StoredSession::user_id`]: crate::store::StoredSession::user_id
/// [`PgStore::create_session`]: super::PgStore::create_session
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
    pub(super) fn cast(self, param: &str) -> String {
        match self {
            PgIdKind::Integer => format!("{param}::int8"),
            PgIdKind::Text => param.to_owned(),
            PgIdKind::Uuid => format!("{param}::uuid"),
        }
    }

    /// Whether `id` can be an id of this kind; one that cannot is refused before any query.
    pub(super) fn accepts(self, id: &str) -> bool {
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
    pub(super) fn sql_time_at(self, epoch_ms: &str) -> String {
        let absolute = format!("to_timestamp({epoch_ms}::float8 / 1000)");
        self.sql_of_absolute(&absolute)
    }

    /// The SQL for the current time as a value of this kind.
    pub(super) fn now(self) -> String {
        self.sql_of_absolute("now()")
    }

    fn sql_of_absolute(self, timestamptz: &str) -> String {
        match self {
            PgTimestampKind::WithTimeZone => timestamptz.to_owned(),
            PgTimestampKind::WithoutTimeZone => format!("({timestamptz} AT TIME ZONE 'UTC')"),
        }
    }

    /// The name PostgreSQL gives a column of this kind.
    pub(super) fn type_name(self) -> &'static str {
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
    pub(super) sessions_table: String,
    pub(super) users_table: String,
    pub(super) session_token_column: String,
    pub(super) user_id_column: String,
    pub(super) expires_column: String,
    pub(super) user_key_column: String,
    pub(super) created_at_column: Option<String>,
    pub(super) updated_at_column: Option<String>,
    pub(super) id_kind: PgIdKind,
    pub(super) timestamps: PgTimestampKind,
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
    pub(super) fn table(&self, name: &str) -> String {
        match &self.db_schema {
            Some(schema) => format!("{}.{}", quote(schema), quote(name)),
            None => quote(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_of_the_wrong_kind_are_refused_before_a_query() {
        assert!(PgIdKind::Integer.accepts("42"));
        assert!(!PgIdKind::Integer.accepts("1; DROP TABLE users"));
        assert!(!PgIdKind::Integer.accepts("99999999999999999999"));
        assert!(PgIdKind::Uuid.accepts("9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d80"));
        assert!(!PgIdKind::Uuid.accepts("42"));
        assert!(PgIdKind::Text.accepts("clx2v1b9k0000qz8h3f5d7a1e"));
    }
}
