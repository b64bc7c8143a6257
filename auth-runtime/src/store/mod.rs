//! Database sessions: the session cookie holds an opaque token, looked up in a store on every
//! request, as a NextAuth.js or Auth.js app with an adapter keeps its sessions.
//!
//! A codec proves a self-contained token; a store answers what an opaque one stands for. Both
//! give the decision path the same claims and the same cookie upkeep, so `#[with_auth]`, the
//! layer, the extractors, [`get_server_session`](crate::get_server_session) and
//! [`session_endpoint`](crate::session_endpoint) work unchanged once
//! [`AuthOptionsBuilder::session_store`](crate::AuthOptionsBuilder::session_store) sets one.
//!
//! For rules, `token` is the user's record (every column or field, so an app's own `role` works:
//! `token.role == 'admin'`), with `sub` the user's id as text, `picture` the user's `image`
//! (as NextAuth.js's JWT sessions name it) and `exp` the session's expiry in seconds; the
//! same rules serve both strategies. As in NextAuth.js, `callbacks.jwt` does not run for
//! database sessions (there is no token to change); `callbacks.session` does.
//!
//! On each request, as NextAuth.js's `getServerSession` does:
//! - a cookie value that cannot be a session token ([`SessionTokenFormat`]) is refused and
//!   cleared without reaching the store;
//! - a session that is missing, or whose user is missing, is refused and its cookie cleared;
//! - a session whose `expires` is in the past is deleted from the store and its cookie cleared;
//! - a session due for an update (`expires - max_age + update_age <= now`) gets
//!   `expires = now + max_age` in the store;
//! - every valid session's cookie is sent again with `Expires = now + max_age`.
//!
//! ```no_run
//! # #[cfg(feature = "postgres")]
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use auth_runtime::store::{PgSchema, PgStore};
//! use auth_runtime::{AuthOptions, Token, with_auth};
//! use axum::{Router, routing::get};
//!
//! // The tables of the Next.js app's Prisma schema, in the database DATABASE_URL names.
//! let store = PgStore::from_env(PgSchema::prisma()).await?;
//! let options = AuthOptions::builder()
//!     .secrets_from_env()
//!     .session_store(store)
//!     .build()?;
//!
//! // `role` is a column of the app's `User` table.
//! #[with_auth(authorized = "token.role == 'admin'", sign_in = "/api/auth/signin")]
//! async fn admin(token: Token) -> String {
//!     format!("hello {}", token.get_str("name").unwrap_or_default())
//! }
//!
//! let app: Router = Router::new().route("/admin", get(admin)).with_state(options);
//! # Ok(())
//! # }
//! # fn main() {}
//! ```
//!
//! [`AuthOptionsBuilder::read_only_sessions`](crate::AuthOptionsBuilder::read_only_sessions)
//! leaves the extending and deleting to the app that owns the sessions. A store that cannot be
//! reached refuses the request with `503 Service Unavailable` and `Retry-After`, never as
//! signed out: that would send every user to sign in, again and again.
//!
//! The stores for the adapters' own tables and keys are behind cargo features:
//! `postgres` and `redis`. `PgStore` (feature `postgres`) reads the tables of
//! `@auth/pg-adapter`, Prisma, Kysely or Drizzle (`PgSchema`); `RedisStore` (feature `redis`)
//! the keys of Auth.js's Redis adapters.

mod erased;
mod lookup;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "redis")]
mod redis;
mod token_format;

use std::error::Error as StdError;
use std::future::Future;
use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};

#[cfg(feature = "redis")]
pub use self::redis::{RedisStore, RedisStoreError};
pub(crate) use erased::Stores;
pub(crate) use lookup::look_up;
#[cfg(feature = "postgres")]
pub use postgres::{PgConnectError, PgIdKind, PgSchema, PgStore, PgTimestampKind};
pub use token_format::SessionTokenFormat;

/// Where database sessions are kept: the three adapter calls NextAuth.js's session check makes
/// (`getSessionAndUser`, `updateSession`, `deleteSession`).
///
/// A store bounds its own waits (a pool's acquire timeout, a command timeout) and reports a
/// store it cannot reach as [`StoreError::Unavailable`] or [`StoreError::Timeout`]: the request
/// is then answered with 503, not as signed out.
///
/// ```
/// use std::collections::HashMap;
/// use std::sync::Mutex;
/// use std::time::SystemTime;
///
/// use auth_runtime::store::{SessionStore, StoreError, StoredSession};
///
/// /// Sessions in memory, for tests.
/// #[derive(Default)]
/// struct InMemory(Mutex<HashMap<String, StoredSession>>);
///
/// impl SessionStore for InMemory {
///     async fn session_and_user(&self, token: &str) -> Result<Option<StoredSession>, StoreError> {
///         Ok(self.0.lock().unwrap().get(token).cloned())
///     }
///
///     async fn update_expiry(&self, token: &str, expires: SystemTime) -> Result<(), StoreError> {
///         if let Some(session) = self.0.lock().unwrap().get_mut(token) {
///             session.expires = expires;
///         }
///         Ok(())
///     }
///
///     async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
///         self.0.lock().unwrap().remove(token);
///         Ok(())
///     }
/// }
/// ```
pub trait SessionStore: Send + Sync + 'static {
    /// The session stored under `token` with its user's record, or `None` when either is
    /// missing (the adapters' `getSessionAndUser`).
    fn session_and_user(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<Option<StoredSession>, StoreError>> + Send;

    /// Sets the expiry of the session stored under `token`, if it is still there (the
    /// adapters' `updateSession` with `{ sessionToken, expires }`).
    fn update_expiry(
        &self,
        token: &str,
        expires: SystemTime,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Deletes the session stored under `token`, if it is there (the adapters'
    /// `deleteSession`).
    fn delete_session(&self, token: &str) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// A stored session and its user, as a [`SessionStore`] found them.
///
/// ```
/// use std::time::{Duration, SystemTime};
///
/// use auth_runtime::store::StoredSession;
/// use serde_json::json;
///
/// let user = json!({ "id": 1, "name": "Ada", "role": "admin" });
/// let session = StoredSession {
///     user_id: "1".into(),
///     user: user.as_object().unwrap().clone(),
///     expires: SystemTime::now() + Duration::from_secs(30 * 24 * 60 * 60),
/// };
/// assert_eq!(session.user["role"], "admin");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSession {
    /// The user's id as text, whatever its type in the store: the claims' `sub`.
    pub user_id: String,
    /// The user's record: every column or field, as JSON.
    pub user: Map<String, Value>,
    /// When the session ends.
    pub expires: SystemTime,
}

/// Why a [`SessionStore`] could not answer.
///
/// ```
/// use std::time::Duration;
///
/// use auth_runtime::store::StoreError;
///
/// let error = StoreError::Timeout(Duration::from_secs(2));
/// assert_eq!(error.to_string(), "the session store did not answer within 2s");
/// assert!(error.is_unavailable());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The store could not be reached, or failed the query: the request gets 503.
    #[error("the session store is unavailable: {0}")]
    Unavailable(#[source] Box<dyn StdError + Send + Sync>),
    /// The store did not answer in time: the request gets 503.
    #[error("the session store did not answer within {0:?}")]
    Timeout(Duration),
    /// The stored session or user cannot be read (an `expires` that is no date, a record that
    /// is not an object): that session is no session, and it is left where it is.
    #[error("a stored session cannot be read: {0}")]
    Malformed(String),
}

impl StoreError {
    /// An [`Unavailable`](Self::Unavailable) error with `source` as its cause.
    ///
    /// ```
    /// use auth_runtime::store::StoreError;
    ///
    /// let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
    /// assert!(StoreError::unavailable(io).is_unavailable());
    /// ```
    pub fn unavailable(source: impl StdError + Send + Sync + 'static) -> Self {
        StoreError::Unavailable(Box::new(source))
    }

    /// Whether the store could not answer at all (unreachable, failing or timing out), as
    /// opposed to answering with a session it cannot read.
    ///
    /// ```
    /// use auth_runtime::store::StoreError;
    ///
    /// assert!(!StoreError::Malformed("expires is not a date".into()).is_unavailable());
    /// ```
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_) | StoreError::Timeout(_))
    }
}

/// `work`, or [`StoreError::Timeout`] once it has taken longer than `limit`: the bound the
/// built-in stores put on every call, whatever their driver's own settings, so a guard never
/// holds a request for a driver's default of 30 seconds or more.
#[cfg(any(feature = "postgres", feature = "redis"))]
async fn within<T>(
    limit: Duration,
    work: impl Future<Output = Result<T, StoreError>>,
) -> Result<T, StoreError> {
    tokio::time::timeout(limit, work)
        .await
        .unwrap_or(Err(StoreError::Timeout(limit)))
}
