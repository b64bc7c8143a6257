//! Database sessions in Redis, in the keys and values Auth.js's `@auth/upstash-redis-adapter`
//! and `@auth/unstorage-adapter` write, so a Rust service reads the sessions of a NextAuth.js
//! or Auth.js app that shares its Redis.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ::redis::aio::{ConnectionManager, ConnectionManagerConfig};
use ::redis::{Client, ErrorKind, RedisError};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tokio::sync::OnceCell;

use super::{SessionStore, StoreError, StoredSession};

/// Each attempt to connect gives up after this long.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(2);
/// Each command gives up after this long.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(2);
/// A failed connection is tried once more, after 1 to 2 s (the least wait of the `redis`
/// crate's backoff); its default is 6 more times, waiting up to a minute between them.
const CONNECTION_RETRIES: usize = 1;
/// The longest one store call waits, whatever the connection's own settings.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);
/// How many keys one `SCAN` asks for.
const SCAN_COUNT: usize = 1000;

/// Database sessions in Redis, as Auth.js's Redis adapters (`@auth/upstash-redis-adapter`,
/// `@auth/unstorage-adapter`) keep them:
///
/// | key | value |
/// |---|---|
/// | `user:session:<sessionToken>` | `{"sessionToken":"…","userId":"…","expires":"2026-11-28T07:12:51.000Z"}` |
/// | `user:<userId>` | the user as JSON: `{"id":"…","name":"…","email":"…",…}` |
/// | `user:session:by-user-id:<userId>` | the key of the user's latest session |
///
/// Every key starts with the adapters' `baseKeyPrefix`
/// ([`base_prefix`](Self::base_prefix), empty by default); the other prefixes can be changed
/// as the adapters' options can.
///
/// A lookup reads the session's key, then its user's key: two round trips, as the adapters
/// make. (One Lua script could read both, but only by reading a key it was not given, which
/// Redis Cluster refuses, as Dragonfly does by default, and by rendering the user id in Lua.)
///
/// `expires` must be a date as Auth.js's `isDate` reads one, written in full
/// (`YYYY-MM-DDTHH:MM`, then optionally `:SS` and a fraction, then `Z` or `±HH:MM`); the
/// adapters write `toISOString()` (`2026-11-28T07:12:51.000Z`), and so does this store. Any
/// other `expires` (a number, `2025-01-01 00:00:00Z`, a date with no offset, Feb 30) makes the
/// session unreadable: [`StoreError::Malformed`], no session, and the key is left alone. This
/// is stricter than Auth.js, which also takes text around the date and dates that JavaScript
/// rolls over (Feb 30 as Mar 2, 24:00 as the next day).
///
/// The store waits at most 3 s per call ([`timeout`](Self::timeout)); with
/// [`connect`](Self::connect) each connection attempt and each command also give up after
/// 2 s, and a lost connection is retried once, so a Redis that is down answers with
/// [`StoreError::Unavailable`] or [`StoreError::Timeout`] (a 503) within seconds.
///
/// ```no_run
/// use auth_runtime::AuthOptions;
/// use auth_runtime::store::RedisStore;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let store = RedisStore::from_env().await?;
/// let options = AuthOptions::builder()
///     .secret("a secret of at least thirty-two bytes!")
///     .session_store(store.clone())
///     .build()?;
/// // Sign a user in: store a session, and send its token as the session cookie.
/// let expires = std::time::SystemTime::now() + options.max_age();
/// let token = store.create_session("0b1e6a3c-8f0e-4a7e-9d55-2f1c3e4b5a69", expires).await?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct RedisStore {
    connection: Connection,
    /// Where the server is (`host:port/db`, never a password), for `Debug`.
    server: Option<Arc<str>>,
    base_prefix: String,
    session_prefix: String,
    user_prefix: String,
    session_by_user_id_prefix: String,
    timeout: Duration,
}

/// A connection made, or one to make when first needed.
#[derive(Clone)]
enum Connection {
    Ready(ConnectionManager),
    Lazy(Arc<Lazy>),
}

struct Lazy {
    client: Client,
    manager: OnceCell<ConnectionManager>,
}

impl RedisStore {
    /// A store on a connection you made: the other settings are the adapters' defaults.
    ///
    /// Build `manager` with [`manager_config`](Self::manager_config), or bound its waits
    /// yourself: the `redis` crate's default retries a lost connection for minutes. The
    /// store's own [`timeout`](Self::timeout) still bounds each call.
    ///
    /// ```no_run
    /// use auth_runtime::store::RedisStore;
    /// use redis::aio::ConnectionManager;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = redis::Client::open("redis://127.0.0.1:6379/")?;
    /// let manager = ConnectionManager::new_with_config(client, RedisStore::manager_config()).await?;
    /// let store = RedisStore::new(manager);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(manager: ConnectionManager) -> Self {
        Self::with(Connection::Ready(manager), None)
    }

    /// Connects to the Redis at `url` (`redis://[user:password@]host[:port][/db]`) with
    /// bounded waits ([`manager_config`](Self::manager_config)).
    ///
    /// `rediss://` (TLS) needs one of the `redis` crate's TLS features, which this crate does
    /// not turn on: add `redis` 0.32 to your own dependencies with `tokio-native-tls-comp` or
    /// `tokio-rustls-comp`.
    ///
    /// # Errors
    /// [`RedisStoreError::InvalidUrl`] when `url` is not a Redis URL, and
    /// [`RedisStoreError::Connect`] when the server cannot be reached. Neither shows the
    /// password.
    ///
    /// ```no_run
    /// use auth_runtime::store::RedisStore;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = RedisStore::connect("redis://127.0.0.1:6379/").await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn connect(url: &str) -> Result<Self, RedisStoreError> {
        let client = Client::open(url).map_err(RedisStoreError::InvalidUrl)?;
        let server = describe(&client);
        let manager = ConnectionManager::new_with_config(client, Self::manager_config())
            .await
            .map_err(|source| RedisStoreError::Connect {
                server: server.to_string(),
                source,
            })?;
        Ok(Self::with(Connection::Ready(manager), Some(server)))
    }

    /// A store for the Redis at `url` that connects when a request first needs it, so the
    /// app starts while Redis is down; until it is up, requests that need a session get 503.
    ///
    /// # Errors
    /// [`RedisStoreError::InvalidUrl`] when `url` is not a Redis URL (the password is not
    /// shown).
    ///
    /// ```
    /// use auth_runtime::store::RedisStore;
    ///
    /// # fn main() -> Result<(), auth_runtime::store::RedisStoreError> {
    /// let store = RedisStore::connect_lazy("redis://127.0.0.1:6379/")?;
    /// assert!(RedisStore::connect_lazy("http://127.0.0.1/").is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub fn connect_lazy(url: &str) -> Result<Self, RedisStoreError> {
        let client = Client::open(url).map_err(RedisStoreError::InvalidUrl)?;
        let server = describe(&client);
        let lazy = Lazy {
            client,
            manager: OnceCell::new(),
        };
        Ok(Self::with(Connection::Lazy(Arc::new(lazy)), Some(server)))
    }

    /// Connects to the Redis that `REDIS_URL` names, as [`connect`](Self::connect) does.
    ///
    /// # Errors
    /// [`RedisStoreError::MissingUrl`] when `REDIS_URL` is unset, empty or not Unicode, and the
    /// errors of
    /// [`connect`](Self::connect).
    ///
    /// ```no_run
    /// use auth_runtime::store::RedisStore;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = RedisStore::from_env().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn from_env() -> Result<Self, RedisStoreError> {
        match std::env::var("REDIS_URL") {
            Ok(url) if !url.is_empty() => Self::connect(&url).await,
            _ => Err(RedisStoreError::MissingUrl),
        }
    }

    /// The connection settings [`connect`](Self::connect) uses: 2 s to connect, 2 s per
    /// command, and one more attempt after a failed connection, so that a Redis that is down
    /// is reported in seconds rather than waited for.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use auth_runtime::store::RedisStore;
    ///
    /// // Longer commands for a distant server; the rest as the store has them.
    /// let config = RedisStore::manager_config().set_response_timeout(Duration::from_secs(5));
    /// ```
    pub fn manager_config() -> ConnectionManagerConfig {
        ConnectionManagerConfig::new()
            .set_connection_timeout(CONNECTION_TIMEOUT)
            .set_response_timeout(RESPONSE_TIMEOUT)
            .set_number_of_retries(CONNECTION_RETRIES)
    }

    /// Puts `prefix` before every key: the adapters' `baseKeyPrefix` (empty by default).
    /// With unstorage's redis driver, its `base` and a colon (`app:` for `base: "app"`).
    ///
    /// ```
    /// use auth_runtime::store::RedisStore;
    ///
    /// # fn main() -> Result<(), auth_runtime::store::RedisStoreError> {
    /// // Sessions under `myapp:user:session:<token>`.
    /// let store = RedisStore::connect_lazy("redis://127.0.0.1:6379/")?.base_prefix("myapp:");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn base_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.base_prefix = prefix.into();
        self
    }

    /// The prefix of session keys, after the base prefix: the adapters' `sessionKeyPrefix`,
    /// `user:session:` by default.
    ///
    /// ```
    /// use auth_runtime::store::RedisStore;
    ///
    /// # fn main() -> Result<(), auth_runtime::store::RedisStoreError> {
    /// let store = RedisStore::connect_lazy("redis://127.0.0.1:6379/")?.session_prefix("session:");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn session_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.session_prefix = prefix.into();
        self
    }

    /// The prefix of user keys, after the base prefix: the adapters' `userKeyPrefix`,
    /// `user:` by default.
    ///
    /// ```
    /// use auth_runtime::store::RedisStore;
    ///
    /// # fn main() -> Result<(), auth_runtime::store::RedisStoreError> {
    /// let store = RedisStore::connect_lazy("redis://127.0.0.1:6379/")?.user_prefix("users:");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn user_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.user_prefix = prefix.into();
        self
    }

    /// The prefix of the keys that name each user's latest session, after the base prefix:
    /// the adapters' `sessionByUserIdKeyPrefix`, `user:session:by-user-id:` by default.
    ///
    /// ```
    /// use auth_runtime::store::RedisStore;
    ///
    /// # fn main() -> Result<(), auth_runtime::store::RedisStoreError> {
    /// let store = RedisStore::connect_lazy("redis://127.0.0.1:6379/")?
    ///     .session_prefix("session:")
    ///     .session_by_user_id_prefix("session:by-user-id:");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn session_by_user_id_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.session_by_user_id_prefix = prefix.into();
        self
    }

    /// The longest one call waits for Redis (connecting included), 3 s by default; past it
    /// the call fails with [`StoreError::Timeout`] and the request gets 503.
    /// [`delete_user_sessions`](Self::delete_user_sessions) allows it per round trip.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use auth_runtime::store::RedisStore;
    ///
    /// # fn main() -> Result<(), auth_runtime::store::RedisStoreError> {
    /// let store = RedisStore::connect_lazy("redis://127.0.0.1:6379/")?.timeout(Duration::from_secs(1));
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Signs a user in: stores a new session for `user_id` until `expires`, as the adapters'
    /// `createSession` does (the session's key, and the user's latest-session key pointing at
    /// it), and returns its token (a random UUID), for the session cookie.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] or [`StoreError::Timeout`] when Redis cannot be asked;
    /// [`StoreError::Malformed`] for an `expires` that JavaScript cannot write (before year 0).
    ///
    /// ```no_run
    /// use std::time::SystemTime;
    ///
    /// use auth_runtime::store::RedisStore;
    /// use auth_runtime::{AuthOptions, SessionCookies};
    /// use axum::http::HeaderMap;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = RedisStore::from_env().await?;
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .session_store(store.clone())
    ///     .build()?;
    /// let expires = SystemTime::now() + options.max_age();
    /// let token = store.create_session("0b1e6a3c-8f0e-4a7e-9d55-2f1c3e4b5a69", expires).await?;
    /// // The sign-in response sets the session cookie to the token.
    /// let cookies = SessionCookies::database_session(&options, &HeaderMap::new(), &token, expires);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn create_session(
        &self,
        user_id: &str,
        expires: SystemTime,
    ) -> Result<String, StoreError> {
        let token = uuid::Uuid::new_v4().to_string();
        let session = Ordered(vec![
            ("sessionToken".into(), Value::String(token.clone())),
            ("userId".into(), Value::String(user_id.into())),
            ("expires".into(), Value::String(to_iso_string(expires)?)),
        ]);
        let value = session.to_json()?;
        let key = self.session_key(&token);
        let pointer = self.pointer_key(user_id);
        self.bounded(async {
            let mut connection = self.manager().await?;
            ::redis::pipe()
                .atomic()
                .cmd("SET")
                .arg(&key)
                .arg(&value)
                .ignore()
                .cmd("SET")
                .arg(&pointer)
                .arg(&key)
                .ignore()
                .query_async::<()>(&mut connection)
                .await
                .map_err(failed)
        })
        .await?;
        Ok(token)
    }

    /// Signs a user out everywhere: deletes every session of `user_id`, and its latest-session
    /// key; returns how many sessions were deleted.
    ///
    /// The adapters keep no list of a user's sessions (the latest-session key names only the
    /// last one), so this `SCAN`s every session key and reads each: O(number of sessions in
    /// the database), in batches of 1000 keys, each round trip bounded by
    /// [`timeout`](Self::timeout). A session created while it runs may be missed.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] or [`StoreError::Timeout`] when Redis cannot be asked; the
    /// sessions deleted until then stay deleted.
    ///
    /// ```no_run
    /// use auth_runtime::store::RedisStore;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = RedisStore::from_env().await?;
    /// let deleted = store.delete_user_sessions("0b1e6a3c-8f0e-4a7e-9d55-2f1c3e4b5a69").await?;
    /// println!("signed out of {deleted} sessions");
    /// # Ok(())
    /// # }
    /// ```
    pub async fn delete_user_sessions(&self, user_id: &str) -> Result<u64, StoreError> {
        let mut connection = self.bounded(self.manager()).await?;
        let sessions = format!("{}{}", self.base_prefix, self.session_prefix);
        let pattern = format!("{}*", glob_escape(&sessions));
        let pointers = format!("{}{}", self.base_prefix, self.session_by_user_id_prefix);
        let mut cursor: u64 = 0;
        let mut deleted: u64 = 0;
        loop {
            let (next, keys): (u64, Vec<Vec<u8>>) = self
                .bounded(async {
                    ::redis::cmd("SCAN")
                        .arg(cursor)
                        .arg("MATCH")
                        .arg(&pattern)
                        .arg("COUNT")
                        .arg(SCAN_COUNT)
                        .query_async(&mut connection)
                        .await
                        .map_err(failed)
                })
                .await?;
            let keys: Vec<Vec<u8>> = keys
                .into_iter()
                .filter(|key| !key.starts_with(pointers.as_bytes()))
                .collect();
            if !keys.is_empty() {
                let values: Vec<Option<Vec<u8>>> = self
                    .bounded(async {
                        ::redis::cmd("MGET")
                            .arg(&keys)
                            .query_async(&mut connection)
                            .await
                            .map_err(failed)
                    })
                    .await?;
                let theirs: Vec<&Vec<u8>> = keys
                    .iter()
                    .zip(&values)
                    .filter(|(_, value)| {
                        value.as_deref().and_then(owner).as_deref() == Some(user_id)
                    })
                    .map(|(key, _)| key)
                    .collect();
                if !theirs.is_empty() {
                    let count: u64 = self
                        .bounded(async {
                            ::redis::cmd("DEL")
                                .arg(&theirs)
                                .query_async(&mut connection)
                                .await
                                .map_err(failed)
                        })
                        .await?;
                    deleted += count;
                }
            }
            cursor = next;
            if cursor == 0 {
                break;
            }
        }
        let pointer = self.pointer_key(user_id);
        self.bounded(async {
            ::redis::cmd("DEL")
                .arg(&pointer)
                .query_async::<()>(&mut connection)
                .await
                .map_err(failed)
        })
        .await?;
        Ok(deleted)
    }

    fn with(connection: Connection, server: Option<Arc<str>>) -> Self {
        RedisStore {
            connection,
            server,
            base_prefix: String::new(),
            session_prefix: "user:session:".into(),
            user_prefix: "user:".into(),
            session_by_user_id_prefix: "user:session:by-user-id:".into(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    fn session_key(&self, token: &str) -> String {
        format!("{}{}{token}", self.base_prefix, self.session_prefix)
    }

    fn user_key(&self, user_id: &str) -> String {
        format!("{}{}{user_id}", self.base_prefix, self.user_prefix)
    }

    fn pointer_key(&self, user_id: &str) -> String {
        format!(
            "{}{}{user_id}",
            self.base_prefix, self.session_by_user_id_prefix
        )
    }

    /// The connection, made now if it is made lazily and not yet.
    async fn manager(&self) -> Result<ConnectionManager, StoreError> {
        match &self.connection {
            Connection::Ready(manager) => Ok(manager.clone()),
            Connection::Lazy(lazy) => lazy
                .manager
                .get_or_try_init(|| {
                    ConnectionManager::new_with_config(lazy.client.clone(), Self::manager_config())
                })
                .await
                .cloned()
                .map_err(failed),
        }
    }

    /// `work`, or [`StoreError::Timeout`] once it has taken longer than the store's timeout.
    async fn bounded<T>(
        &self,
        work: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        tokio::time::timeout(self.timeout, work)
            .await
            .unwrap_or(Err(StoreError::Timeout(self.timeout)))
    }

    async fn get(
        &self,
        connection: &mut ConnectionManager,
        key: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        ::redis::cmd("GET")
            .arg(key)
            .query_async(connection)
            .await
            .map_err(failed)
    }

    async fn find(&self, token: &str) -> Result<Option<StoredSession>, StoreError> {
        let mut connection = self.manager().await?;
        let Some(session) = self.get(&mut connection, &self.session_key(token)).await? else {
            return Ok(None);
        };
        let session = Ordered::from_json(&session)?;
        let expires = match session.get("expires") {
            Some(Value::String(text)) => parse_expires(text),
            _ => None,
        }
        .ok_or_else(|| {
            StoreError::Malformed("the session's `expires` is not a date Auth.js reads".into())
        })?;
        let user_id = user_id(&session)?;
        let Some(user) = self.get(&mut connection, &self.user_key(&user_id)).await? else {
            return Ok(None);
        };
        let user = match serde_json::from_slice(&user) {
            Ok(Value::Object(user)) => user,
            _ => {
                return Err(StoreError::Malformed(
                    "the user is not a JSON object".into(),
                ));
            }
        };
        Ok(Some(StoredSession {
            user_id,
            user,
            expires,
        }))
    }

    async fn extend(&self, token: &str, expires: SystemTime) -> Result<(), StoreError> {
        let mut connection = self.manager().await?;
        let key = self.session_key(token);
        let Some(session) = self.get(&mut connection, &key).await? else {
            return Ok(());
        };
        let mut session = Ordered::from_json(&session)?;
        let user_id = user_id(&session)?;
        // As the adapters' `updateSession` writes `{ ...session, sessionToken, expires }`.
        session.set("sessionToken", Value::String(token.into()));
        session.set("expires", Value::String(to_iso_string(expires)?));
        // Only over a session still there: a sign-out in between must stay signed out.
        let written: Option<String> = ::redis::cmd("SET")
            .arg(&key)
            .arg(session.to_json()?)
            .arg("XX")
            .query_async(&mut connection)
            .await
            .map_err(failed)?;
        if written.is_some() {
            ::redis::cmd("SET")
                .arg(self.pointer_key(&user_id))
                .arg(&key)
                .query_async::<()>(&mut connection)
                .await
                .map_err(failed)?;
        }
        Ok(())
    }

    async fn delete(&self, token: &str) -> Result<(), StoreError> {
        let mut connection = self.manager().await?;
        ::redis::cmd("DEL")
            .arg(self.session_key(token))
            .query_async::<()>(&mut connection)
            .await
            .map_err(failed)
    }
}

impl SessionStore for RedisStore {
    async fn session_and_user(&self, token: &str) -> Result<Option<StoredSession>, StoreError> {
        self.bounded(self.find(token)).await
    }

    async fn update_expiry(&self, token: &str, expires: SystemTime) -> Result<(), StoreError> {
        self.bounded(self.extend(token, expires)).await
    }

    async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        self.bounded(self.delete(token)).await
    }
}

impl fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStore")
            .field("server", &self.server.as_deref().unwrap_or("(given)"))
            .field("base_prefix", &self.base_prefix)
            .field("session_prefix", &self.session_prefix)
            .field("user_prefix", &self.user_prefix)
            .field("session_by_user_id_prefix", &self.session_by_user_id_prefix)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Why a [`RedisStore`] could not be made. No variant shows the URL's password.
///
/// ```
/// use auth_runtime::store::{RedisStore, RedisStoreError};
///
/// let error = RedisStore::connect_lazy("redis://:hunter2@[bad").unwrap_err();
/// assert!(matches!(error, RedisStoreError::InvalidUrl(_)));
/// assert!(!error.to_string().contains("hunter2"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RedisStoreError {
    /// `REDIS_URL` is not set, empty, or not Unicode.
    #[error(
        "REDIS_URL is not set: set it to the Redis that keeps the sessions (redis://host:port/)"
    )]
    MissingUrl,
    /// The URL is not a Redis URL.
    #[error("the Redis URL is not valid: {0}")]
    InvalidUrl(#[source] RedisError),
    /// The server could not be reached.
    #[error("could not connect to Redis at {server}: {source}")]
    Connect {
        /// The server's address and database, `host:port/db`.
        server: String,
        /// Why.
        #[source]
        source: RedisError,
    },
}

/// The server a client connects to, without its user name or password.
fn describe(client: &Client) -> Arc<str> {
    let info = client.get_connection_info();
    format!("{}/{}", info.addr, info.redis.db).into()
}

/// A Redis error as the store's error: a key of another type, or a reply of another shape,
/// makes the session unreadable; anything else means Redis could not answer.
fn failed(error: RedisError) -> StoreError {
    if error.code() == Some("WRONGTYPE") || error.kind() == ErrorKind::TypeError {
        StoreError::Malformed(format!("a key holds another type: {error}"))
    } else {
        StoreError::unavailable(error)
    }
}

/// `*`, `?`, `[`, `]` and `\` escaped for a `SCAN ... MATCH` pattern.
fn glob_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The `userId` of a session's JSON, or `None` when it cannot be read.
fn owner(session: &[u8]) -> Option<String> {
    Ordered::from_json(session)
        .ok()
        .and_then(|session| user_id(&session).ok())
}

/// A session's `userId` as text: a string, or an integer as JavaScript writes it.
fn user_id(session: &Ordered) -> Result<String, StoreError> {
    match session.get("userId") {
        Some(Value::String(id)) => Ok(id.clone()),
        Some(Value::Number(id)) if id.is_i64() || id.is_u64() => Ok(id.to_string()),
        _ => Err(StoreError::Malformed(
            "the session's `userId` is not a string or an integer".into(),
        )),
    }
}

/// A session's `expires` as a time, if Auth.js's `isDate` would make it a `Date` and it is a
/// date of the calendar: `YYYY-MM-DDTHH:MM`, optionally `:SS` and then a fraction of any
/// length, then `Z` or `±HH:MM`, and nothing around it. Stricter than `isDate`, whose pattern
/// is unanchored and whose `Date.parse` rolls Feb 30 over to March: those are refused.
fn parse_expires(text: &str) -> Option<SystemTime> {
    let seconds = iso_date_shape(text.as_bytes())?;
    let date = if seconds {
        OffsetDateTime::parse(text, &Rfc3339)
    } else {
        // RFC 3339 needs the seconds: `HH:MM` is `HH:MM:00`, as JavaScript reads it.
        let (minutes, offset) = text.split_at(16);
        OffsetDateTime::parse(&format!("{minutes}:00{offset}"), &Rfc3339)
    }
    .ok()?;
    let seconds = date.unix_timestamp();
    let since_second = Duration::from_nanos(u64::from(date.nanosecond()));
    let second = if seconds >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(seconds.unsigned_abs()))
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(seconds.unsigned_abs()))
    };
    second?.checked_add(since_second)
}

/// Whether `text` is wholly one of the three forms of `isDate`'s pattern, and if so whether it
/// has seconds:
/// `\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-][0-2]\d:[0-5]\d)`.
fn iso_date_shape(text: &[u8]) -> Option<bool> {
    fn digit(byte: Option<&u8>, max: u8) -> bool {
        byte.is_some_and(|&b| (b'0'..=max).contains(&b))
    }
    const NINE: u8 = b'9';
    let at = |i: usize| text.get(i);
    let date_and_minutes = (0..4).all(|i| digit(at(i), NINE))
        && at(4) == Some(&b'-')
        && digit(at(5), b'1')
        && digit(at(6), NINE)
        && at(7) == Some(&b'-')
        && digit(at(8), b'3')
        && digit(at(9), NINE)
        && at(10) == Some(&b'T')
        && digit(at(11), b'2')
        && digit(at(12), NINE)
        && at(13) == Some(&b':')
        && digit(at(14), b'5')
        && digit(at(15), NINE);
    if !date_and_minutes {
        return None;
    }
    let mut i = 16;
    let seconds = at(i) == Some(&b':');
    if seconds {
        if !(digit(at(i + 1), b'5') && digit(at(i + 2), NINE)) {
            return None;
        }
        i += 3;
        if at(i) == Some(&b'.') {
            let digits = text.get(i + 1..).map_or(0, |rest| {
                rest.iter().take_while(|b| b.is_ascii_digit()).count()
            });
            if digits == 0 {
                return None;
            }
            i += 1 + digits;
        }
    }
    let offset = match text.get(i..)? {
        b"Z" => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            digit(Some(h1), b'2')
                && digit(Some(h2), NINE)
                && digit(Some(m1), b'5')
                && digit(Some(m2), NINE)
        }
        _ => false,
    };
    offset.then_some(seconds)
}

/// `time` as JavaScript's `Date.prototype.toISOString()` writes it:
/// `2026-11-28T07:12:51.000Z`, milliseconds always, in UTC.
fn to_iso_string(time: SystemTime) -> Result<String, StoreError> {
    let nanos = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).ok(),
        Err(before) => i128::try_from(before.duration().as_nanos())
            .ok()
            .map(|nanos| -nanos),
    };
    let date = nanos
        .and_then(|nanos| OffsetDateTime::from_unix_timestamp_nanos(nanos).ok())
        .ok_or_else(|| StoreError::Malformed("the expiry is out of JavaScript's range".into()))?;
    let year = date.year();
    let year = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        // JavaScript's expanded years: `+010000`, `-000001`.
        format!("{year:+07}")
    };
    Ok(format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        u8::from(date.month()),
        date.day(),
        date.hour(),
        date.minute(),
        date.second(),
        date.millisecond(),
    ))
}

/// A JSON object with its members in the order they were written, so a session written back
/// keeps the adapters' order (`sessionToken`, `userId`, `expires`). A repeated name keeps its
/// first place and its last value, as `JSON.parse` does.
#[derive(Debug, PartialEq)]
struct Ordered(Vec<(String, Value)>);

impl Ordered {
    fn from_json(json: &[u8]) -> Result<Self, StoreError> {
        serde_json::from_slice(json)
            .map_err(|_| StoreError::Malformed("the session is not a JSON object".into()))
    }

    fn to_json(&self) -> Result<String, StoreError> {
        serde_json::to_string(self).map_err(|error| {
            StoreError::Malformed(format!("the session cannot be written: {error}"))
        })
    }

    fn get(&self, name: &str) -> Option<&Value> {
        self.0
            .iter()
            .find(|(member, _)| member == name)
            .map(|(_, value)| value)
    }

    fn set(&mut self, name: &str, value: Value) {
        match self.0.iter_mut().find(|(member, _)| member == name) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((name.into(), value)),
        }
    }
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;

        impl<'de> Visitor<'de> for Members {
            type Value = Ordered;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut object = Ordered(Vec::new());
                while let Some((name, value)) = map.next_entry::<String, Value>()? {
                    object.set(&name, value);
                }
                Ok(object)
            }
        }

        deserializer.deserialize_map(Members)
    }
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, value)| (name, value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(text: &str) -> Option<i128> {
        parse_expires(text).map(|time| match time.duration_since(UNIX_EPOCH) {
            Ok(after) => i128::try_from(after.as_millis()).unwrap_or(i128::MAX),
            Err(before) => -i128::try_from(before.duration().as_millis()).unwrap_or(i128::MAX),
        })
    }

    /// 2025-01-01T00:00:00Z in milliseconds since the epoch.
    const NEW_YEAR: i128 = 1_735_689_600_000;

    #[test]
    fn expires_accepted_as_auth_js_hydrates_it() {
        let accepted = [
            ("2025-01-01T00:00:00.000Z", NEW_YEAR),
            ("2025-01-01T00:00:00Z", NEW_YEAR),
            ("2025-01-01T00:00Z", NEW_YEAR),
            ("2025-01-01T00:00:00.123456Z", NEW_YEAR + 123),
            ("2025-01-01T00:00:00.1Z", NEW_YEAR + 100),
            ("2025-01-01T00:00:00.123456789123Z", NEW_YEAR + 123),
            ("2025-01-01T02:00:00+02:00", NEW_YEAR),
            ("2025-01-01T02:00+02:00", NEW_YEAR),
            ("2024-12-31T22:30:00.000-01:30", NEW_YEAR),
            ("2025-01-01T00:00:00.000-00:00", NEW_YEAR),
            ("2024-02-29T00:00:00.000Z", NEW_YEAR - 307 * 86_400_000),
            ("1969-12-31T23:59:59.500Z", -500),
            ("2026-11-28T07:12:51.000Z", 1_795_849_971_000),
        ];
        for (text, expected) in accepted {
            assert_eq!(millis(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn expires_refused_where_auth_js_leaves_a_string() {
        // Each of these stays a string in Auth.js (checked against `isDate` on Node 20).
        let refused = [
            "2025-01-01 00:00:00Z",
            "2025-01-01 00:00:00.000Z",
            "2025-01-01T00:00:00",
            "2025-01-01T00:00:00.000",
            "2025-01-01",
            "1735689600000",
            "",
            "garbage",
            "2025-01-01t00:00:00.000z",
            "2025-01-01T00:00:00.000z",
            "2025-01-01T00:00:00+0200",
            "2025-01-01T00:00:00+02",
            "2025-01-01T00:00:00.Z",
            "2025-01-01T00:00:00.000Z ",
            " 2025-01-01T00:00:00.000Z",
            "x2025-01-01T00:00:00.000Zx",
            "2025-13-01T00:00:00.000Z",
            "2025-01-01T23:60:00.000Z",
            "2025-01-01T23:59:60.000Z",
            "2025-01-01T00:00:00+24:00",
            "2025-01-01T00:00:00+02:60",
            "Wed, 01 Jan 2025 00:00:00 GMT",
            "\u{ff12}025-01-01T00:00:00.000Z",
        ];
        for text in refused {
            assert_eq!(parse_expires(text), None, "{text:?}");
        }
    }

    #[test]
    fn expires_refused_where_javascript_would_guess() {
        // Auth.js makes these dates, by rolling them over or ignoring what follows; a session
        // that says so was not written by an adapter, and is refused.
        let refused = [
            "2025-02-30T00:00:00.000Z",
            "2025-01-01T24:00:00.000Z",
            "+012025-01-01T00:00:00.000Z",
            "2025-01-01T00:00:00.000Z\u{0}",
        ];
        for text in refused {
            assert_eq!(parse_expires(text), None, "{text:?}");
        }
    }

    #[test]
    fn expiry_is_written_as_to_iso_string_writes_it() {
        let at = |millis: u64| UNIX_EPOCH + Duration::from_millis(millis);
        let cases = [
            (at(1_795_849_971_000), "2026-11-28T07:12:51.000Z"),
            (at(1_735_689_600_123), "2025-01-01T00:00:00.123Z"),
            (at(0), "1970-01-01T00:00:00.000Z"),
            (at(1_709_164_800_007), "2024-02-29T00:00:00.007Z"),
            (
                // Below a millisecond is dropped, as a `Date` has none.
                UNIX_EPOCH + Duration::from_nanos(1_735_689_600_999_999_999),
                "2025-01-01T00:00:00.999Z",
            ),
            (
                UNIX_EPOCH - Duration::from_millis(500),
                "1969-12-31T23:59:59.500Z",
            ),
            (
                UNIX_EPOCH + Duration::from_secs(253_402_300_799),
                "9999-12-31T23:59:59.000Z",
            ),
        ];
        for (time, expected) in cases {
            let written = to_iso_string(time).ok();
            assert_eq!(written.as_deref(), Some(expected));
            let read = written.as_deref().and_then(parse_expires);
            let lost = read.and_then(|read| time.duration_since(read).ok());
            assert!(
                lost.is_some_and(|lost| lost < Duration::from_millis(1)),
                "{expected}"
            );
        }
    }

    #[test]
    fn a_session_written_back_keeps_its_members_in_order() {
        let mut session = Ordered::from_json(
            br#"{"sessionToken":"t","userId":"u","expires":"2025-01-01T00:00:00Z","extra":[1,{"b":2,"a":1}]}"#,
        )
        .ok();
        if let Some(session) = session.as_mut() {
            session.set("expires", Value::String("2026-11-28T07:12:51.000Z".into()));
        }
        assert_eq!(
            session
                .and_then(|session| session.to_json().ok())
                .as_deref(),
            Some(
                r#"{"sessionToken":"t","userId":"u","expires":"2026-11-28T07:12:51.000Z","extra":[1,{"a":1,"b":2}]}"#
            )
        );
    }

    #[test]
    fn a_repeated_member_keeps_its_first_place_and_last_value() {
        let session = Ordered::from_json(br#"{"userId":"a","expires":"x","userId":"b"}"#).ok();
        assert_eq!(
            session
                .and_then(|session| session.to_json().ok())
                .as_deref(),
            Some(r#"{"userId":"b","expires":"x"}"#)
        );
    }

    #[test]
    fn only_objects_are_sessions() {
        for json in [&b"[]"[..], b"\"s\"", b"1", b"null", b"{", b"\xff"] {
            assert!(Ordered::from_json(json).is_err());
        }
    }

    #[test]
    fn a_user_id_is_a_string_or_an_integer() {
        let id = |json: &[u8]| owner(json);
        assert_eq!(id(br#"{"userId":"abc"}"#).as_deref(), Some("abc"));
        assert_eq!(id(br#"{"userId":42}"#).as_deref(), Some("42"));
        assert_eq!(id(br#"{"userId":-7}"#).as_deref(), Some("-7"));
        assert_eq!(id(br#"{"userId":1.5}"#), None);
        assert_eq!(id(br#"{"userId":null}"#), None);
        assert_eq!(id(br#"{"userId":["a"]}"#), None);
        assert_eq!(id(br#"{}"#), None);
    }

    #[test]
    fn scan_patterns_match_the_prefix_literally() {
        assert_eq!(glob_escape("user:session:"), "user:session:");
        assert_eq!(glob_escape(r"a*b?c[d]e\f"), r"a\*b\?c\[d\]e\\f");
    }

    #[test]
    fn the_store_never_shows_a_password() {
        let store = RedisStore::connect_lazy("redis://ada:hunter2@127.0.0.1:6390/3");
        let shown = format!("{store:?}");
        assert!(shown.contains("127.0.0.1:6390/3"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
