//! Database sessions in Redis, in the keys and values Auth.js's `@auth/upstash-redis-adapter`
//! and `@auth/unstorage-adapter` write, so a Rust service reads the sessions of a NextAuth.js
//! or Auth.js app that shares its Redis.

mod dates;
mod ordered;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use ::redis::aio::{ConnectionManager, ConnectionManagerConfig};
use ::redis::{Client, ErrorKind, RedisError};
use serde_json::Value;
use tokio::sync::OnceCell;

use super::{SessionStore, StoreError, StoredSession, within};
use dates::{parse_expires, to_iso_string};
use ordered::Ordered;

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
        within(self.timeout, async {
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
        let mut connection = within(self.timeout, self.manager()).await?;
        let sessions = format!("{}{}", self.base_prefix, self.session_prefix);
        let pattern = format!("{}*", glob_escape(&sessions));
        let pointers = format!("{}{}", self.base_prefix, self.session_by_user_id_prefix);
        let mut cursor: u64 = 0;
        let mut deleted: u64 = 0;
        loop {
            let (next, keys): (u64, Vec<Vec<u8>>) = within(self.timeout, async {
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
                let values: Vec<Option<Vec<u8>>> = within(self.timeout, async {
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
                    let count: u64 = within(self.timeout, async {
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
        within(self.timeout, async {
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
        within(self.timeout, self.find(token)).await
    }

    async fn update_expiry(&self, token: &str, expires: SystemTime) -> Result<(), StoreError> {
        within(self.timeout, self.extend(token, expires)).await
    }

    async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        within(self.timeout, self.delete(token)).await
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

#[cfg(test)]
mod tests {
    use super::*;

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
