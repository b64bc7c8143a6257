//! `PgStore` against a real PostgreSQL, in the tables each library documents
//! (`tests/sql/*.sql`): the same behaviour, over HTTP through `#[with_auth]` routes, for the
//! tables of `@auth/pg-adapter`, Prisma, Kysely and Drizzle.
//!
//! Each test makes a PostgreSQL schema of its own (so they run in parallel), creates the tables
//! there with a `role` column added to the users, and drops the schema at the end, passed or
//! failed. The connections are in `America/New_York`'s time zone, so a `timestamp` without time
//! zone that is not read and written as UTC shows. Without `DATABASE_URL` (and without
//! `CI=true`) the tests that need the server are ignored, with the reason; the ones about a
//! database that is down need none, and always run.

use std::future::Future;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use auth_runtime::store::{PgIdKind, PgSchema, PgStore, PgTimestampKind, SessionStore, StoreError};
use auth_runtime::{AuthOptions, Token, with_auth};
use auth_tests::stores::{Counting, options_for};
use auth_tests::*;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Map, Value};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Executor, Row};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);
const MAX_AGE: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// The time zone of every connection, the store's included: west of UTC, so a naive
/// timestamp read or written as local time is hours off.
const ZONE: &str = "America/New_York";

#[with_auth(authorized = "token.role == 'admin'")]
async fn admin() -> &'static str {
    "admin"
}

#[with_auth(authorized = "token.role == 'admin'", sign_in = "/auth/signin")]
async fn admin_page() -> &'static str {
    "admin page"
}

async fn me(token: Token) -> Json<Map<String, Value>> {
    Json(token.into_claims())
}

async fn maybe(token: Option<Token>) -> String {
    match token {
        Some(token) => format!("signed in as {}", token.get_str("sub").unwrap_or("?")),
        None => "signed out".into(),
    }
}

fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/admin", get(admin))
        .route("/admin-page", get(admin_page))
        .route("/me", get(me))
        .route("/maybe", get(maybe))
        .with_state(options)
}

fn read_only_options(store: impl SessionStore) -> AuthOptions {
    AuthOptions::builder()
        .secret(SECRET)
        .session_store(store)
        .read_only_sessions(true)
        .build()
        .expect("valid options")
}

/// The libraries whose tables the store reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Preset {
    PgAdapter,
    Prisma,
    Kysely,
    Drizzle,
}

impl Preset {
    fn ddl(self) -> &'static str {
        match self {
            Preset::PgAdapter => include_str!("../sql/pg-adapter.sql"),
            Preset::Prisma => include_str!("../sql/prisma.sql"),
            Preset::Kysely => include_str!("../sql/kysely.sql"),
            Preset::Drizzle => include_str!("../sql/drizzle.sql"),
        }
    }

    fn schema(self) -> PgSchema {
        match self {
            Preset::PgAdapter => PgSchema::pg_adapter(),
            Preset::Prisma => PgSchema::prisma(),
            Preset::Kysely => PgSchema::kysely(),
            Preset::Drizzle => PgSchema::drizzle(),
        }
    }

    /// The sessions table, quoted.
    fn sessions(self) -> &'static str {
        match self {
            Preset::PgAdapter => "sessions",
            Preset::Prisma | Preset::Kysely => "\"Session\"",
            Preset::Drizzle => "\"session\"",
        }
    }

    /// The users table, quoted.
    fn users(self) -> &'static str {
        match self {
            Preset::PgAdapter => "users",
            Preset::Prisma | Preset::Kysely => "\"User\"",
            Preset::Drizzle => "\"user\"",
        }
    }

    /// The type of `expires`, to cast an ISO string to.
    fn expires_type(self) -> &'static str {
        match self {
            Preset::PgAdapter | Preset::Kysely => "timestamptz",
            Preset::Prisma => "timestamp(3)",
            Preset::Drizzle => "timestamp",
        }
    }

    /// The type of user ids, to cast text to.
    fn id_type(self) -> &'static str {
        match self {
            Preset::PgAdapter => "integer",
            Preset::Prisma | Preset::Drizzle => "text",
            Preset::Kysely => "uuid",
        }
    }

    /// Whether deleting a user deletes their sessions (a foreign key `ON DELETE CASCADE`).
    fn cascades(self) -> bool {
        self != Preset::PgAdapter
    }
}

/// A PostgreSQL schema of one test's own, with the preset's tables in it.
#[derive(Clone)]
struct Db {
    preset: Preset,
    /// The PostgreSQL schema's name.
    name: String,
    /// The test's own connection, with `search_path` set to the schema.
    pool: PgPool,
    base: PgConnectOptions,
}

impl Db {
    async fn new(preset: Preset) -> Db {
        let base: PgConnectOptions = services::database_url()
            .parse()
            .expect("DATABASE_URL is a PostgreSQL URL");
        let name = format!("store_test_{}", uuid::Uuid::new_v4().simple());
        let pool = in_zone(PgPoolOptions::new().max_connections(1), ZONE)
            .connect_with(base.clone().options([("search_path", name.as_str())]))
            .await
            .expect("PostgreSQL at DATABASE_URL answers");
        sqlx::raw_sql(&format!("CREATE SCHEMA \"{name}\""))
            .execute(&pool)
            .await
            .expect("CREATE SCHEMA");
        sqlx::raw_sql(preset.ddl())
            .execute(&pool)
            .await
            .expect("the documented tables");
        sqlx::raw_sql(&format!(
            "ALTER TABLE {} ADD COLUMN role text",
            preset.users()
        ))
        .execute(&pool)
        .await
        .expect("a role column");
        Db {
            preset,
            name,
            pool,
            base,
        }
    }

    /// A store on a pool of its own, in the test's schema, its connections in `zone`.
    async fn store_in(&self, zone: &str) -> PgStore {
        let pool = in_zone(PgPoolOptions::new().max_connections(2), zone)
            .acquire_timeout(Duration::from_secs(3))
            .connect_with(self.base.clone())
            .await
            .expect("a pool for the store");
        let set: String = sqlx::query_scalar("SELECT current_setting('TimeZone')")
            .fetch_one(&pool)
            .await
            .expect("SHOW TimeZone");
        assert_eq!(set, zone);
        PgStore::new(pool, self.preset.schema().db_schema(&self.name))
    }

    async fn store(&self) -> PgStore {
        self.store_in(ZONE).await
    }

    /// A new user with `role`; their id as text.
    async fn add_user(&self, role: &str) -> String {
        let users = self.preset.users();
        let email = format!("{}@example.com", uuid::Uuid::new_v4().simple());
        let sql = match self.preset {
            // Ids from the database: SERIAL, gen_random_uuid().
            Preset::PgAdapter | Preset::Kysely => format!(
                "INSERT INTO {users} (name, email, role) VALUES ('Ada', $1, $2) \
                 RETURNING id::text"
            ),
            // Ids from the app (cuid(), randomUUID()); Prisma sets "updatedAt" itself.
            Preset::Prisma => "INSERT INTO \"User\" (id, name, email, role, \"updatedAt\") \
                 VALUES ('c' || substr(md5(random()::text), 1, 24), 'Ada', $1, $2, \
                 now() AT TIME ZONE 'UTC') RETURNING id"
                .to_owned(),
            Preset::Drizzle => "INSERT INTO \"user\" (id, name, email, role) \
                 VALUES (gen_random_uuid()::text, 'Ada', $1, $2) RETURNING id"
                .to_owned(),
        };
        sqlx::query(&sql)
            .bind(email)
            .bind(role)
            .fetch_one(&self.pool)
            .await
            .expect("INSERT user")
            .get(0)
    }

    /// A new session of `user_id` until `expires`, written as the library's adapter writes
    /// it: `expires` as `toISOString()` (UTC, milliseconds), which a `timestamp` without time
    /// zone keeps as UTC wall time. Its token.
    async fn add_session(&self, user_id: &str, expires: SystemTime) -> String {
        let token = uuid::Uuid::new_v4().to_string();
        let (sessions, id_type, expires_type) = (
            self.preset.sessions(),
            self.preset.id_type(),
            self.preset.expires_type(),
        );
        let stamps = if self.preset == Preset::Prisma {
            (
                ", \"createdAt\", \"updatedAt\"",
                ", now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'",
            )
        } else {
            ("", "")
        };
        sqlx::query(&format!(
            "INSERT INTO {sessions} (\"sessionToken\", \"userId\", expires{}) \
             VALUES ($1, $2::{id_type}, $3::{expires_type}{})",
            stamps.0, stamps.1
        ))
        .bind(&token)
        .bind(user_id)
        .bind(iso(expires))
        .execute(&self.pool)
        .await
        .expect("INSERT session");
        token
    }

    /// A user with `role` and a session until `expires`: the user's id and the token.
    async fn user_with_session(&self, role: &str, expires: SystemTime) -> (String, String) {
        let user = self.add_user(role).await;
        let token = self.add_session(&user, expires).await;
        (user, token)
    }

    /// The stored expiry of the session `token`, in milliseconds since the epoch (a naive
    /// timestamp read as UTC, as PostgreSQL's `extract(epoch ...)` does), if it is there.
    async fn expires_ms(&self, token: &str) -> Option<i64> {
        self.column_ms(token, "expires").await
    }

    async fn column_ms(&self, token: &str, column: &str) -> Option<i64> {
        sqlx::query_scalar(&format!(
            "SELECT floor(extract(epoch FROM \"{column}\") * 1000)::int8 FROM {} \
             WHERE \"sessionToken\" = $1",
            self.preset.sessions()
        ))
        .bind(token)
        .fetch_optional(&self.pool)
        .await
        .expect("SELECT session")
    }

    /// The wall time in the naive timestamp `column` of the session `token`, written as
    /// `toISOString()` writes a time.
    async fn wall_time(&self, token: &str, column: &str) -> String {
        sqlx::query_scalar(&format!(
            "SELECT to_char(\"{column}\", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM {} \
             WHERE \"sessionToken\" = $1",
            self.preset.sessions()
        ))
        .bind(token)
        .fetch_one(&self.pool)
        .await
        .expect("SELECT session")
    }

    async fn has_session(&self, token: &str) -> bool {
        self.expires_ms(token).await.is_some()
    }

    async fn execute(&self, sql: &str, value: &str) {
        sqlx::query(sql)
            .bind(value)
            .execute(&self.pool)
            .await
            .unwrap_or_else(|error| panic!("{sql}: {error}"));
    }

    async fn drop_schema(&self) {
        sqlx::raw_sql(&format!("DROP SCHEMA \"{}\" CASCADE", self.name))
            .execute(&self.pool)
            .await
            .expect("DROP SCHEMA");
        self.pool.close().await;
    }
}

/// `options` with every connection in `zone`. Set after connecting: sqlx sends
/// `TimeZone=UTC` in every startup packet, and that wins over `-c TimeZone=...` options and
/// over a database's or role's default.
fn in_zone(options: PgPoolOptions, zone: &str) -> PgPoolOptions {
    let set = format!("SET TIME ZONE '{zone}'");
    options.after_connect(move |connection, _| {
        let set = set.clone();
        Box::pin(async move { connection.execute(set.as_str()).await.map(drop) })
    })
}

/// Runs `test` in a new schema for `preset`, then drops the schema, whether the test passed
/// or not.
async fn with_db<T, F>(preset: Preset, test: T)
where
    T: FnOnce(Db) -> F,
    F: Future<Output = ()> + Send + 'static,
{
    let db = Db::new(preset).await;
    let outcome = tokio::spawn(test(db.clone())).await;
    db.drop_schema().await;
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

/// `time` as JavaScript's `toISOString()` writes it: UTC, milliseconds, `Z`.
fn iso(time: SystemTime) -> String {
    time::OffsetDateTime::from(time)
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
        ))
        .expect("a formattable time")
}

/// `time` as a cookie's `Expires`.
fn http_date(time: SystemTime) -> String {
    time::OffsetDateTime::from(time)
        .format(time::macros::format_description!(
            "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
        ))
        .expect("a formattable time")
}

fn ms(time: SystemTime) -> i64 {
    let since = time.duration_since(UNIX_EPOCH).expect("after 1970");
    i64::try_from(since.as_millis()).expect("fits")
}

/// Whether `stored` (milliseconds) is within a few seconds after `from + MAX_AGE` and before
/// `to + MAX_AGE`.
fn renewed_between(stored: i64, from: SystemTime, to: SystemTime) -> bool {
    (ms(from + MAX_AGE) - 1000..=ms(to + MAX_AGE) + 1000).contains(&stored)
}

/// Asserts `reply` re-sends the session cookie `token` with `Expires` = now + 30 days (for a
/// `now` between `from` and `to`) and no `Max-Age`, as NextAuth.js does.
fn assert_cookie_resent(reply: &Reply, token: &str, from: SystemTime, to: SystemTime) {
    let cookie = reply
        .set_cookie_named(COOKIE)
        .unwrap_or_else(|| panic!("no session cookie in {reply:?}"));
    assert!(
        cookie.starts_with(&format!("{COOKIE}={token};")),
        "{cookie}"
    );
    assert!(!cookie.contains("Max-Age"), "{cookie}");
    let mut at = from - Duration::from_secs(1);
    let mut found = false;
    while at <= to + Duration::from_secs(1) {
        found |= cookie.contains(&format!("Expires={}", http_date(at + MAX_AGE)));
        at += Duration::from_secs(1);
    }
    assert!(found, "Expires is not now + 30 days: {cookie}");
}

/// Asserts `reply` refuses the request as signed out and clears the session cookie.
fn assert_refused_and_cleared(reply: &Reply, with_sign_in_page: bool) {
    if with_sign_in_page {
        assert_eq!(reply.status, 307, "{reply:?}");
        let location = reply.header("location").expect("a redirect");
        assert!(
            location.starts_with("/auth/signin?callbackUrl="),
            "{location}"
        );
    } else {
        assert_eq!(reply.status, 401, "{reply:?}");
    }
    assert_eq!(reply.set_cookies(), vec![CLEARED_COOKIE], "{reply:?}");
}

// 1. A valid session lets its user in; rules and extractors read the user's row.
async fn a_valid_session_lets_its_user_in_and_resends_the_cookie(db: Db) {
    let app = app(options_for(db.store().await));
    let not_due = SystemTime::now() + MAX_AGE - Duration::from_secs(3600);
    let (admin_id, admin_token) = db.user_with_session("admin", not_due).await;

    for path in ["/admin", "/admin-page"] {
        let from = SystemTime::now();
        let reply = send(app.clone(), visit_with_cookie(path, &admin_token)).await;
        let to = SystemTime::now();
        assert_eq!(reply.status, 200, "{path}: {reply:?}");
        assert_cookie_resent(&reply, &admin_token, from, to);
    }

    let claims = send(app.clone(), visit_with_cookie("/me", &admin_token))
        .await
        .json();
    assert_eq!(claims["sub"], Value::String(admin_id.clone()), "{claims}");
    assert_eq!(claims["role"], "admin");
    assert_eq!(claims["name"], "Ada");
    assert_eq!(
        claims["exp"].as_u64().map(|exp| exp * 1000),
        u64::try_from(ms(not_due) / 1000 * 1000).ok(),
        "exp is the stored expiry, in seconds: {claims}"
    );
    if db.preset == Preset::PgAdapter {
        // An integer id: a number in the row, text as `sub`.
        assert_eq!(claims["sub"], "1");
        assert_eq!(claims["id"], 1);
    } else {
        assert_eq!(claims["id"], Value::String(admin_id));
    }

    let (_, user_token) = db.user_with_session("user", not_due).await;
    for path in ["/admin", "/admin-page"] {
        let reply = send(app.clone(), visit_with_cookie(path, &user_token)).await;
        assert_eq!(reply.status, 403, "{path}: {reply:?}");
    }
    let reply = send(app.clone(), visit_with_cookie("/maybe", &user_token)).await;
    assert!(reply.body.starts_with("signed in as "), "{reply:?}");
}

// 2. An expired session is refused, its cookie cleared and its row deleted.
async fn an_expired_session_is_refused_cleared_and_deleted(db: Db) {
    let app = app(options_for(db.store().await));
    for (path, sign_in) in [("/admin", false), ("/admin-page", true)] {
        let expired = SystemTime::now() - Duration::from_secs(1);
        let (_, token) = db.user_with_session("admin", expired).await;
        assert!(db.has_session(&token).await);
        let reply = send(app.clone(), visit_with_cookie(path, &token)).await;
        assert_refused_and_cleared(&reply, sign_in);
        assert!(!db.has_session(&token).await, "{path}: the row is deleted");
    }
}

// 3. A session due for an update is extended; one that is not is left as it is.
async fn a_due_session_is_extended_and_one_not_due_is_not(db: Db) {
    let app = app(options_for(db.store().await));
    let due = SystemTime::now() + MAX_AGE - DAY - Duration::from_secs(60);
    let (_, token) = db.user_with_session("admin", due).await;
    let from = SystemTime::now();
    let reply = send(app.clone(), visit_with_cookie("/admin", &token)).await;
    let to = SystemTime::now();
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_cookie_resent(&reply, &token, from, to);
    let stored = db.expires_ms(&token).await.expect("the session is kept");
    assert!(
        renewed_between(stored, from, to),
        "expires {stored} is not now + 30 days"
    );

    let not_due = SystemTime::now() + MAX_AGE - Duration::from_secs(3600);
    let (_, token) = db.user_with_session("admin", not_due).await;
    let before = db.expires_ms(&token).await;
    assert_eq!(before, Some(ms(not_due)), "written to the millisecond");
    let from = SystemTime::now();
    let reply = send(app.clone(), visit_with_cookie("/admin", &token)).await;
    let to = SystemTime::now();
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_cookie_resent(&reply, &token, from, to);
    assert_eq!(db.expires_ms(&token).await, before, "not due: unchanged");
}

// 4. Read-only sessions: refused or let in as usual, and never written.
async fn read_only_sessions_are_never_written(db: Db) {
    let app = app(read_only_options(db.store().await));
    let expired = SystemTime::now() - Duration::from_secs(1);
    let (_, token) = db.user_with_session("admin", expired).await;
    let reply = send(app.clone(), visit_with_cookie("/admin", &token)).await;
    assert_refused_and_cleared(&reply, false);
    assert_eq!(db.expires_ms(&token).await, Some(ms(expired)), "kept");

    let due = SystemTime::now() + MAX_AGE - DAY - Duration::from_secs(60);
    let (_, token) = db.user_with_session("admin", due).await;
    let reply = send(app.clone(), visit_with_cookie("/admin", &token)).await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(db.expires_ms(&token).await, Some(ms(due)), "not extended");
}

// 5. A session whose row, or whose user, is gone is refused and its cookie cleared.
async fn a_deleted_session_or_user_is_refused(db: Db) {
    let app = app(options_for(db.store().await));
    let sessions = db.preset.sessions();
    let users = db.preset.users();
    let valid = SystemTime::now() + MAX_AGE - Duration::from_secs(3600);

    let (_, token) = db.user_with_session("admin", valid).await;
    assert_eq!(
        send(app.clone(), visit_with_cookie("/admin", &token))
            .await
            .status,
        200
    );
    db.execute(
        &format!("DELETE FROM {sessions} WHERE \"sessionToken\" = $1"),
        &token,
    )
    .await;
    let reply = send(app.clone(), visit_with_cookie("/admin", &token)).await;
    assert_refused_and_cleared(&reply, false);

    let (user, token) = db.user_with_session("admin", valid).await;
    db.execute(
        &format!("DELETE FROM {users} WHERE id = $1::{}", db.preset.id_type()),
        &user,
    )
    .await;
    let reply = send(app.clone(), visit_with_cookie("/admin-page", &token)).await;
    assert_refused_and_cleared(&reply, true);
    // As next-auth: an orphan session is refused, not deleted. Only a foreign key deletes it.
    assert_eq!(db.has_session(&token).await, !db.preset.cascades());
}

// 6. Signing a user out everywhere ends every session of theirs, and no one else's.
async fn signing_out_everywhere_ends_every_session(db: Db) {
    let store = db.store().await;
    let app = app(options_for(store.clone()));
    let user = db.add_user("admin").await;
    let other = db.add_user("admin").await;
    let expires = SystemTime::now() + MAX_AGE;
    let mut tokens = Vec::new();
    for _ in 0..2 {
        tokens.push(store.create_session(&user, expires).await.expect("created"));
    }
    let others = store
        .create_session(&other, expires)
        .await
        .expect("created");
    for token in tokens.iter().chain([&others]) {
        assert_eq!(db.expires_ms(token).await, Some(ms(expires)));
        let reply = send(app.clone(), visit_with_cookie("/admin", token)).await;
        assert_eq!(reply.status, 200, "{reply:?}");
    }

    assert_eq!(store.delete_user_sessions(&user).await.ok(), Some(2));
    for token in &tokens {
        let reply = send(app.clone(), visit_with_cookie("/admin", token)).await;
        assert_refused_and_cleared(&reply, false);
    }
    let reply = send(app.clone(), visit_with_cookie("/admin", &others)).await;
    assert_eq!(reply.status, 200, "another user's session stays: {reply:?}");

    // A user id that cannot be one is refused without a query.
    if db.preset.schema().get_id_kind() != PgIdKind::Text {
        let refused = store.create_session("1; DROP TABLE users", expires).await;
        assert!(
            matches!(refused, Err(StoreError::Malformed(_))),
            "{refused:?}"
        );
        let refused = store.delete_user_sessions("not an id").await;
        assert!(
            matches!(refused, Err(StoreError::Malformed(_))),
            "{refused:?}"
        );
    }
    // Where a foreign key says the user must exist, a session of no one is refused.
    if db.preset.cascades() {
        let nobody = match db.preset.schema().get_id_kind() {
            PgIdKind::Uuid => uuid::Uuid::new_v4().to_string(),
            _ => "nobody".to_owned(),
        };
        let refused = store.create_session(&nobody, expires).await;
        assert!(
            matches!(refused, Err(StoreError::Malformed(_))),
            "{refused:?}"
        );
    }
}

// 7. A cookie that cannot be a session token never reaches the database; one that reaches
// it anyway is a bound parameter.
async fn garbage_cookies_never_reach_the_database(db: Db) {
    let store = db.store().await;
    let counting = Counting::new(store.clone());
    let app = app(options_for(counting.clone()));
    let valid = SystemTime::now() + MAX_AGE - Duration::from_secs(3600);
    let (_, token) = db.user_with_session("admin", valid).await;

    let long = "a".repeat(10 * 1024);
    let upper = token.to_uppercase();
    let quoted = format!("{token}'");
    for garbage in [
        "' OR 1=1 --",
        "x' UNION SELECT 1 --",
        long.as_str(),
        "not-a-uuid",
        upper.as_str(),
        quoted.as_str(),
    ] {
        let reply = send(app.clone(), visit_with_cookie("/admin", garbage)).await;
        assert_refused_and_cleared(&reply, false);
    }
    assert_eq!(counting.calls(), 0, "no query for garbage");

    let reply = send(app.clone(), visit_with_cookie("/admin", &token)).await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(counting.calls(), 1, "one lookup for a token");

    // Asked directly, past the format check: the token is a parameter, not SQL.
    for injection in ["' OR 1=1 --", "x\" OR \"1\"=\"1", "'; DROP TABLE users; --"] {
        let found = store.session_and_user(injection).await;
        assert!(matches!(found, Ok(None)), "{injection}: {found:?}");
        store
            .delete_session(injection)
            .await
            .expect("deletes nothing");
    }
    assert!(db.has_session(&token).await);
}

// 9. Timestamps are read and written as UTC whatever the connection's time zone: west of UTC
// an expired session is not taken for a valid one, east of it a valid one is not taken for an
// expired one, and the update time (Prisma's "updatedAt") is bumped in UTC.
async fn timestamps_are_utc_whatever_the_time_zone(db: Db) {
    let west = app(options_for(db.store_in("America/New_York").await));
    let east = app(options_for(db.store_in("Asia/Tokyo").await));

    let expired = SystemTime::now() - Duration::from_secs(3600);
    let (_, token) = db.user_with_session("admin", expired).await;
    let reply = send(west.clone(), visit_with_cookie("/admin", &token)).await;
    assert_refused_and_cleared(&reply, false);
    assert!(!db.has_session(&token).await);

    let valid = SystemTime::now() + Duration::from_secs(3600);
    let (_, token) = db.user_with_session("admin", valid).await;
    let reply = send(east.clone(), visit_with_cookie("/admin", &token)).await;
    assert_eq!(reply.status, 200, "{reply:?}");

    let due = SystemTime::now() + MAX_AGE - DAY - Duration::from_secs(60);
    let (_, token) = db.user_with_session("admin", due).await;
    let updated_at = db
        .preset
        .schema()
        .get_updated_at_column()
        .map(str::to_owned);
    if let Some(column) = &updated_at {
        db.execute(
            &format!(
                "UPDATE {} SET \"{column}\" = '2020-01-01T00:00:00.000Z'::timestamp(3) \
                 WHERE \"sessionToken\" = $1",
                db.preset.sessions()
            ),
            &token,
        )
        .await;
    }
    let from = SystemTime::now();
    let reply = send(east.clone(), visit_with_cookie("/admin", &token)).await;
    let to = SystemTime::now();
    assert_eq!(reply.status, 200, "{reply:?}");
    let stored = db.expires_ms(&token).await.expect("kept");
    assert!(renewed_between(stored, from, to), "expires {stored}");
    if db.preset.schema().get_timestamps() == PgTimestampKind::WithoutTimeZone {
        // The wall time in the column is UTC's.
        let stored_at = UNIX_EPOCH + Duration::from_millis(stored.unsigned_abs());
        assert_eq!(db.wall_time(&token, "expires").await, iso(stored_at));
    }
    if let Some(column) = &updated_at {
        let bumped = db.column_ms(&token, column).await.expect("kept");
        assert!(
            (ms(from) - 2000..=ms(to) + 2000).contains(&bumped),
            "{column} {bumped} is not now ({})",
            ms(from)
        );
    }

    // Created east of UTC, written as UTC.
    let store = db.store_in("Asia/Tokyo").await;
    let user = db.add_user("admin").await;
    let expires = SystemTime::now() + MAX_AGE;
    let token = store.create_session(&user, expires).await.expect("created");
    assert_eq!(db.expires_ms(&token).await, Some(ms(expires)));
    for column in [
        db.preset.schema().get_created_at_column(),
        db.preset.schema().get_updated_at_column(),
    ]
    .into_iter()
    .flatten()
    {
        let at = db.column_ms(&token, column).await.expect("kept");
        let now = ms(SystemTime::now());
        assert!(
            (now - 5000..=now + 5000).contains(&at),
            "{column} {at} is not now"
        );
    }
}

// The store's own check: the documented tables pass, tables unlike the schema do not.
async fn check_finds_tables_unlike_the_schema(db: Db) {
    let store = db.store().await;
    store.check().await.expect("the documented tables");
    let pool = store.pool().clone();
    let schema = db.preset.schema().db_schema(&db.name);

    let flipped = match schema.get_timestamps() {
        PgTimestampKind::WithTimeZone => PgTimestampKind::WithoutTimeZone,
        _ => PgTimestampKind::WithTimeZone,
    };
    let wrong = PgStore::new(pool.clone(), schema.clone().timestamps(flipped));
    let error = wrong
        .check()
        .await
        .expect_err("timestamps of the other kind");
    assert!(matches!(error, StoreError::Malformed(_)), "{error:?}");
    assert!(error.to_string().contains("expires"), "{error}");

    let wrong = PgStore::new(pool.clone(), schema.clone().sessions_table("Sessions"));
    let error = wrong.check().await.expect_err("no such table");
    assert!(matches!(error, StoreError::Malformed(_)), "{error:?}");

    if schema.get_id_kind() != PgIdKind::Text {
        // Users joined on their (text) email: not comparable with an integer or uuid user id.
        let wrong = PgStore::new(pool.clone(), schema.clone().user_key_column("email"));
        let error = wrong.check().await.expect_err("ids of two types");
        assert!(
            error.to_string().contains("operator does not exist"),
            "{error}"
        );
    }
}

// 8. A database that cannot be reached: 503 with Retry-After, never a sign-in, no cookie
// touched, no panic. Needs no server.
async fn a_store_that_is_down_gives_503(preset: Preset) {
    let pool = PgPoolOptions::new()
        .acquire_timeout(Duration::from_millis(300))
        .connect_lazy("postgres://postgres@127.0.0.1:1/auth_guard")
        .expect("a lazy pool");
    let store = PgStore::new(pool, preset.schema());
    let started = Instant::now();
    let error = store
        .session_and_user(&uuid::Uuid::new_v4().to_string())
        .await
        .expect_err("nothing listens on port 1");
    assert!(error.is_unavailable(), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(3), "bounded");

    let app = app(options_for(store));
    let token = uuid::Uuid::new_v4().to_string();
    for path in ["/admin", "/admin-page", "/me", "/maybe"] {
        let reply = send(app.clone(), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, 503, "{path}: {reply:?}");
        assert!(reply.header("retry-after").is_some(), "{path}: {reply:?}");
        assert_eq!(reply.header("location"), None, "{path}");
        assert!(reply.set_cookies().is_empty(), "{path}: {reply:?}");
    }
}

/// The tests above, for each preset: `<preset>::<test>`.
macro_rules! for_every_preset {
    ($($preset:ident => $value:expr),* $(,)?) => {
        $(
            mod $preset {
                use super::*;

                for_every_preset!(@live $value;
                    a_valid_session_lets_its_user_in_and_resends_the_cookie,
                    an_expired_session_is_refused_cleared_and_deleted,
                    a_due_session_is_extended_and_one_not_due_is_not,
                    read_only_sessions_are_never_written,
                    a_deleted_session_or_user_is_refused,
                    signing_out_everywhere_ends_every_session,
                    garbage_cookies_never_reach_the_database,
                    timestamps_are_utc_whatever_the_time_zone,
                    check_finds_tables_unlike_the_schema,
                );

                #[tokio::test]
                async fn a_store_that_is_down_gives_503() {
                    super::a_store_that_is_down_gives_503($value).await;
                }
            }
        )*
    };
    (@live $value:expr; $($test:ident),* $(,)?) => {
        $(
            #[tokio::test]
            #[cfg_attr(
                not(postgres_live),
                ignore = "needs PostgreSQL: run `bash scripts/services.sh start && source target/services/env`"
            )]
            async fn $test() {
                with_db($value, super::$test).await;
            }
        )*
    };
}

for_every_preset! {
    pg_adapter => Preset::PgAdapter,
    prisma => Preset::Prisma,
    kysely => Preset::Kysely,
    drizzle => Preset::Drizzle,
}

#[tokio::test]
#[cfg_attr(
    not(postgres_live),
    ignore = "needs PostgreSQL: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn connect_makes_a_pool_with_a_statement_timeout() {
    let store = PgStore::connect(&services::database_url(), PgSchema::pg_adapter())
        .await
        .expect("connected");
    let timeout: String = sqlx::query_scalar("SHOW statement_timeout")
        .fetch_one(store.pool())
        .await
        .expect("SHOW");
    assert_eq!(timeout, "3s");
    assert!(!format!("{store:?}").contains("password"));
}

#[tokio::test]
async fn a_connection_error_names_the_server_but_not_the_password() {
    let started = Instant::now();
    let error = PgStore::connect(
        "postgres://app:hunter2-secret@127.0.0.1:1/sessions",
        PgSchema::pg_adapter(),
    )
    .await
    .expect_err("nothing listens on port 1");
    assert!(started.elapsed() < Duration::from_secs(6), "bounded");
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("app@127.0.0.1:1/sessions"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");

    let error = PgStore::connect("mysql://app:hunter2-secret@db/x", PgSchema::pg_adapter())
        .await
        .expect_err("not PostgreSQL");
    assert!(
        !format!("{error} {error:?}").contains("hunter2"),
        "{error:?}"
    );
}
