//! `AuthOptions`: the secret and settings shared by every guard, extractor and codec call.

use std::sync::Arc;
use std::time::Duration;

use crate::codec::Hs256;

/// The shortest secret accepted, in bytes: RFC 7518 §3.2 requires an HS256 key of at least
/// 256 bits.
pub const MIN_SECRET_BYTES: usize = 32;

/// How long a session lasts unless configured otherwise: 30 days, NextAuth.js's default.
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// The largest token read from a request unless configured otherwise: 16 KiB.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 16 * 1024;

const SECRET_VARIABLES: [&str; 2] = ["NEXTAUTH_SECRET", "AUTH_SECRET"];

/// The configuration every guard reads: the secret, the session lifetime, the token size cap.
///
/// Build it once at start-up and hand it to axum as state; the guards and extractors find it
/// through [`FromRef`](axum::extract::FromRef), so it can be the whole state or one field of a
/// `#[derive(FromRef)]` app state. Cloning is cheap (one reference count).
///
/// ```
/// use auth_runtime::AuthOptions;
/// use axum::{Router, routing::get};
///
/// # fn main() -> Result<(), auth_runtime::ConfigError> {
/// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
/// let app: Router = Router::new().route("/", get(|| async { "hi" })).with_state(options);
/// # Ok(())
/// # }
/// ```
///
/// Its `Debug` output never shows the secret.
#[derive(Clone)]
pub struct AuthOptions {
    inner: Arc<Settings>,
}

#[derive(Clone)]
struct Settings {
    codec: Hs256,
    max_age: Duration,
    max_token_bytes: usize,
}

impl AuthOptions {
    /// Options signing and verifying HS256 session tokens with `secret`.
    ///
    /// # Errors
    /// [`ConfigError::SecretTooShort`] when the secret is shorter than [`MIN_SECRET_BYTES`].
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, ConfigError> {
        Self::with_secret(secret.as_ref(), "the secret")
    }

    /// Options with the secret from `NEXTAUTH_SECRET`, or else `AUTH_SECRET`, as NextAuth.js
    /// and Auth.js read it.
    ///
    /// # Errors
    /// [`ConfigError::MissingSecret`] when neither variable is set to a non-empty value,
    /// [`ConfigError::SecretTooShort`] when the one found is shorter than [`MIN_SECRET_BYTES`].
    pub fn from_env() -> Result<Self, ConfigError> {
        let found = SECRET_VARIABLES.iter().find_map(|&name| {
            // The secret is bytes to the HMAC: a value that is not UTF-8 is still a secret.
            let value = std::env::var_os(name)?.into_encoded_bytes();
            (!value.is_empty()).then_some((name, value))
        });
        match found {
            Some((name, secret)) => Self::with_secret(&secret, name),
            None => Err(ConfigError::MissingSecret),
        }
    }

    fn with_secret(secret: &[u8], source: &'static str) -> Result<Self, ConfigError> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(ConfigError::SecretTooShort {
                variable: source,
                len: secret.len(),
            });
        }
        Ok(Self {
            inner: Arc::new(Settings {
                codec: Hs256::new(secret),
                max_age: DEFAULT_MAX_AGE,
                max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            }),
        })
    }

    /// How long a session token issued by [`crate::jwt::encode`] stays valid (its `exp`).
    /// Default: 30 days.
    #[must_use]
    pub fn with_max_age(mut self, max_age: Duration) -> Self {
        Arc::make_mut(&mut self.inner).max_age = max_age;
        self
    }

    /// The largest token accepted from a request, checked before any decoding; a longer one is
    /// rejected as invalid. Default: 16 KiB.
    #[must_use]
    pub fn with_max_token_bytes(mut self, max_token_bytes: usize) -> Self {
        Arc::make_mut(&mut self.inner).max_token_bytes = max_token_bytes;
        self
    }

    /// How long a session lasts: the `exp - iat` of tokens issued with these options, and the
    /// `Max-Age` their cookie should carry.
    pub fn max_age(&self) -> Duration {
        self.inner.max_age
    }

    /// The largest token accepted from a request.
    pub fn max_token_bytes(&self) -> usize {
        self.inner.max_token_bytes
    }

    pub(crate) fn codec(&self) -> &Hs256 {
        &self.inner.codec
    }
}

impl std::fmt::Debug for AuthOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthOptions")
            .field("secret", &"<redacted>")
            .field("max_age", &self.inner.max_age)
            .field("max_token_bytes", &self.inner.max_token_bytes)
            .finish()
    }
}

/// Why [`AuthOptions`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// Neither `NEXTAUTH_SECRET` nor `AUTH_SECRET` is set.
    #[error(
        "NEXTAUTH_SECRET is not set (nor AUTH_SECRET): set it to a random secret of at least \
         32 bytes, for example the output of `openssl rand -base64 32`"
    )]
    MissingSecret,
    /// The secret is shorter than [`MIN_SECRET_BYTES`].
    #[error(
        "{variable} is {len} bytes long; HS256 needs a secret of at least 32 bytes (RFC 7518): \
         generate one with `openssl rand -base64 32`"
    )]
    SecretTooShort {
        /// Where the secret came from: the environment variable's name, or `the secret`.
        variable: &'static str,
        /// Its length in bytes.
        len: usize,
    },
}
