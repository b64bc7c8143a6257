//! `AuthOptions`: the secret and settings shared by every guard, extractor, layer and codec
//! call.

use std::sync::Arc;
use std::time::Duration;

use crate::callbacks::Callbacks;
use crate::codec::Codecs;
use crate::cookies::CookieNames;
use crate::time::Clock;
use crate::{AuthOptionsBuilder, ConfigError};

/// The configuration every guard reads: the codec and its secrets, session lifetimes, pages,
/// cookie names and callbacks. The Rust side of the object NextAuth.js's `NextAuth(options)`,
/// `getServerSession` and `withAuth` all take.
///
/// Build it once at start-up ([`AuthOptions::from_env`], [`AuthOptions::new`] or
/// [`AuthOptions::builder`]) and hand it to axum as state; guards and extractors find it
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
/// Its `Debug` output never shows a secret.
#[derive(Clone)]
pub struct AuthOptions {
    inner: Arc<Settings>,
}

/// Everything [`AuthOptionsBuilder::build`] checked.
pub(crate) struct Settings {
    pub(crate) codec: Codecs,
    pub(crate) max_age: Duration,
    pub(crate) update_age: Duration,
    pub(crate) max_token_bytes: usize,
    pub(crate) sign_in_page: Option<String>,
    pub(crate) error_page: Option<String>,
    pub(crate) forbidden_page: Option<String>,
    pub(crate) cookies: CookieNames,
    pub(crate) audiences: Vec<String>,
    pub(crate) require_subject: bool,
    pub(crate) trusted_origins: Vec<String>,
    pub(crate) callbacks: Callbacks,
    pub(crate) clock: Clock,
}

impl AuthOptions {
    /// Options signing and verifying HS256 session tokens with `secret`, everything else
    /// default. The secret must be at least 32 bytes.
    ///
    /// # Errors
    /// [`ConfigError::SecretTooShort`] when the secret is shorter than
    /// [`MIN_SECRET_BYTES`](crate::MIN_SECRET_BYTES).
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, ConfigError> {
        Self::builder().secret(secret).build()
    }

    /// Options with the secrets NextAuth.js and Auth.js read: `NEXTAUTH_SECRET`, else
    /// `AUTH_SECRET`, then `AUTH_SECRET_1` to `AUTH_SECRET_3` for rotation; secure cookies when
    /// `NEXTAUTH_URL` starts with `https://`.
    ///
    /// # Errors
    /// [`ConfigError::MissingSecret`] when no secret is set, [`ConfigError::SecretTooShort`]
    /// when one is shorter than 32 bytes.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::builder().secrets_from_env().build()
    }

    /// A builder for every setting.
    pub fn builder() -> AuthOptionsBuilder {
        AuthOptionsBuilder::default()
    }

    pub(crate) fn from_settings(settings: Settings) -> Self {
        Self {
            inner: Arc::new(settings),
        }
    }

    /// How long a session lasts: the `exp - iat` of the tokens issued with these options, and
    /// the `Max-Age` of their cookie.
    pub fn max_age(&self) -> Duration {
        self.inner.max_age
    }

    /// How old a session token may get before a request re-issues it with a new expiry.
    pub fn update_age(&self) -> Duration {
        self.inner.update_age
    }

    /// The largest token accepted from a request.
    pub fn max_token_bytes(&self) -> usize {
        self.inner.max_token_bytes
    }

    /// Where requests without a session are sent, if anywhere (NextAuth.js's `pages.signIn`).
    pub fn sign_in_page(&self) -> Option<&str> {
        self.inner.sign_in_page.as_deref()
    }

    /// The error page (NextAuth.js's `pages.error`), which the layer never guards.
    pub fn error_page(&self) -> Option<&str> {
        self.inner.error_page.as_deref()
    }

    /// Where signed-in requests a rule refuses are sent, if anywhere: the layer's, and the
    /// default of `#[with_auth]`'s `forbidden`.
    pub fn forbidden_page(&self) -> Option<&str> {
        self.inner.forbidden_page.as_deref()
    }

    /// The name of the session cookie written: `next-auth.session-token`, or with the
    /// `__Secure-` prefix when secure cookies are on.
    pub fn session_cookie_name(&self) -> &str {
        self.inner.cookies.name()
    }

    /// Whether session cookies carry the `Secure` flag and the `__Secure-` prefix.
    pub fn secure_cookies(&self) -> bool {
        self.inner.cookies.secure()
    }

    pub(crate) fn settings(&self) -> &Settings {
        &self.inner
    }

    pub(crate) fn now_secs(&self) -> u64 {
        self.inner.clock.now_secs()
    }

    /// The audiences a token's `aud` must name one of; empty when a token must name none.
    pub(crate) fn audiences(&self) -> &[String] {
        &self.inner.audiences
    }

    /// The origins allowed to make writes a cookie session authenticates.
    pub(crate) fn trusted_origins(&self) -> &[String] {
        &self.inner.trusted_origins
    }

    /// Whether a session must carry a string `sub`.
    pub(crate) fn requires_subject(&self) -> bool {
        self.inner.require_subject
    }
}

impl std::fmt::Debug for AuthOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let settings = &self.inner;
        f.debug_struct("AuthOptions")
            .field("secrets", &"<redacted>")
            .field("max_age", &settings.max_age)
            .field("update_age", &settings.update_age)
            .field("max_token_bytes", &settings.max_token_bytes)
            .field("audiences", &settings.audiences)
            .field("require_subject", &settings.require_subject)
            .field("trusted_origins", &settings.trusted_origins)
            .field("sign_in_page", &settings.sign_in_page)
            .field("error_page", &settings.error_page)
            .field("forbidden_page", &settings.forbidden_page)
            .field("session_cookie", &settings.cookies.name())
            .field("secure_cookies", &settings.cookies.secure())
            .finish_non_exhaustive()
    }
}
