//! `AuthOptions`: the secret and settings shared by every guard, extractor, layer and codec
//! call.

use std::sync::Arc;
use std::time::Duration;

use crate::callbacks::Callbacks;
use crate::codec::Codecs;
use crate::cookies::CookieNames;
use crate::store::{SessionTokenFormat, Stores};
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
    /// The database sessions' store, when sessions are looked up rather than decoded.
    pub(crate) store: Option<Stores>,
    pub(crate) token_format: SessionTokenFormat,
    pub(crate) read_only_sessions: bool,
}

impl AuthOptions {
    /// Options signing and verifying HS256 session tokens with `secret`, everything else
    /// default. The secret must be at least 32 bytes.
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, ConfigError};
    ///
    /// # fn main() -> Result<(), ConfigError> {
    /// // In a test: a fixed secret, no environment needed.
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// assert!(options.sign_in_page().is_none());
    ///
    /// assert!(matches!(AuthOptions::new("changeme"), Err(ConfigError::SecretTooShort { .. })));
    /// # Ok(())
    /// # }
    /// ```
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
    /// ```no_run
    /// use auth_runtime::AuthOptions;
    /// use axum::{Router, routing::get};
    ///
    /// // NEXTAUTH_SECRET="$(openssl rand -base64 32)" cargo run
    /// fn main() -> Result<(), auth_runtime::ConfigError> {
    ///     let options = AuthOptions::from_env()?;
    ///     let app: Router = Router::new().route("/", get(|| async { "hi" })).with_state(options);
    ///     // ... serve `app`.
    ///     Ok(())
    /// }
    /// ```
    ///
    /// # Errors
    /// [`ConfigError::MissingSecret`] when no secret is set, [`ConfigError::SecretTooShort`]
    /// when one is shorter than 32 bytes.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::builder().secrets_from_env().build()
    }

    /// A builder for every setting.
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .sign_in_page("/auth/signin")
    ///     .build()?;
    /// assert_eq!(options.sign_in_page(), Some("/auth/signin"));
    /// # Ok(())
    /// # }
    /// ```
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
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, DEFAULT_MAX_AGE};
    /// use serde_json::json;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// assert_eq!(options.max_age(), DEFAULT_MAX_AGE);
    ///
    /// // A sign-in response can tell an API client when its session ends.
    /// let body = json!({ "expires_in": options.max_age().as_secs() });
    /// assert_eq!(body["expires_in"], 30 * 24 * 60 * 60);
    /// # Ok(())
    /// # }
    /// ```
    pub fn max_age(&self) -> Duration {
        self.inner.max_age
    }

    /// How old a session token may get before a request re-issues it with a new expiry.
    ///
    /// ```
    /// use std::time::Duration;
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .update_age(Duration::from_secs(60 * 60))
    ///     .build()?;
    /// assert_eq!(options.update_age(), Duration::from_secs(3600));
    /// # Ok(())
    /// # }
    /// ```
    pub fn update_age(&self) -> Duration {
        self.inner.update_age
    }

    /// The largest token accepted from a request.
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, DEFAULT_MAX_TOKEN_BYTES};
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// assert_eq!(options.max_token_bytes(), DEFAULT_MAX_TOKEN_BYTES);
    /// # Ok(())
    /// # }
    /// ```
    pub fn max_token_bytes(&self) -> usize {
        self.inner.max_token_bytes
    }

    /// Where requests without a session are sent, if anywhere (NextAuth.js's `pages.signIn`).
    ///
    /// A handler that lets visitors in but sends them to sign in for one action:
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, Token};
    /// use axum::extract::State;
    /// use axum::response::{IntoResponse, Redirect, Response};
    ///
    /// async fn checkout(State(options): State<AuthOptions>, token: Option<Token>) -> Response {
    ///     let Some(token) = token else {
    ///         return Redirect::to(options.sign_in_page().unwrap_or("/")).into_response();
    ///     };
    ///     format!("order placed for {}", token.get_str("sub").unwrap_or_default()).into_response()
    /// }
    /// # let options = AuthOptions::builder()
    /// #     .secret("a secret of at least thirty-two bytes!")
    /// #     .sign_in_page("/auth/signin")
    /// #     .build()
    /// #     .unwrap();
    /// # assert_eq!(options.sign_in_page(), Some("/auth/signin"));
    /// # let _: axum::Router = axum::Router::new()
    /// #     .route("/checkout", axum::routing::post(checkout))
    /// #     .with_state(options);
    /// ```
    pub fn sign_in_page(&self) -> Option<&str> {
        self.inner.sign_in_page.as_deref()
    }

    /// The error page (NextAuth.js's `pages.error`), which the layer never guards.
    ///
    /// A sign-in handler sends a failed attempt there, as NextAuth.js does:
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    /// use axum::response::Redirect;
    ///
    /// fn failed_sign_in(options: &AuthOptions) -> Redirect {
    ///     let page = options.error_page().unwrap_or("/auth/signin");
    ///     Redirect::to(&format!("{page}?error=CredentialsSignin"))
    /// }
    /// # let options = AuthOptions::builder()
    /// #     .secret("a secret of at least thirty-two bytes!")
    /// #     .error_page("/auth/error")
    /// #     .build()
    /// #     .unwrap();
    /// # let response = axum::response::IntoResponse::into_response(failed_sign_in(&options));
    /// # assert_eq!(response.headers()["location"], "/auth/error?error=CredentialsSignin");
    /// ```
    pub fn error_page(&self) -> Option<&str> {
        self.inner.error_page.as_deref()
    }

    /// Where signed-in requests a rule refuses are sent, if anywhere: the layer's, and the
    /// default of `#[with_auth]`'s `forbidden`.
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .forbidden_page("/forbidden")
    ///     .build()?;
    /// assert_eq!(options.forbidden_page(), Some("/forbidden"));
    ///
    /// // Without one, refused requests get 403.
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// assert_eq!(options.forbidden_page(), None);
    /// # Ok(())
    /// # }
    /// ```
    pub fn forbidden_page(&self) -> Option<&str> {
        self.inner.forbidden_page.as_deref()
    }

    /// The name of the session cookie written: `next-auth.session-token`, or with the
    /// `__Secure-` prefix when secure cookies are on.
    ///
    /// A test signing a request in, whatever the options' cookie name:
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, get_token, jwt};
    /// use axum::http::Request;
    /// use serde_json::json;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// let token = jwt::encode(&options, &json!({ "sub": "user-1" })).await?;
    /// let cookie = format!("{}={token}", options.session_cookie_name());
    /// let (parts, ()) = Request::get("/").header("cookie", cookie).body(())?.into_parts();
    /// assert!(get_token(&parts, &options).await.is_some());
    /// # Ok(())
    /// # }
    /// ```
    pub fn session_cookie_name(&self) -> &str {
        self.inner.cookies.name()
    }

    /// Whether session cookies carry the `Secure` flag and the `__Secure-` prefix.
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .secure_cookies(true)
    ///     .build()?;
    /// assert!(options.secure_cookies());
    /// assert_eq!(options.session_cookie_name(), "__Secure-next-auth.session-token");
    /// # Ok(())
    /// # }
    /// ```
    pub fn secure_cookies(&self) -> bool {
        self.inner.cookies.secure()
    }

    /// The session token `request` carries (the session cookie, whole or in chunks, else an
    /// `Authorization: Bearer` header), unverified: for a sign-out handler that deletes the
    /// database session it names.
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    /// use axum::http::HeaderMap;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// let mut request = HeaderMap::new();
    /// request.insert("cookie", "next-auth.session-token=9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d80".parse()?);
    /// assert_eq!(
    ///     options.session_token(&request).as_deref(),
    ///     Some("9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d80"),
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn session_token(&self, request: &http::HeaderMap) -> Option<String> {
        match crate::source::find(request, &self.inner.cookies, self.max_token_bytes()) {
            crate::source::Lookup::Found { token, .. } => Some(token.into_owned()),
            _ => None,
        }
    }

    /// Whether sessions are looked up in a session store (database sessions) rather than
    /// decoded from the cookie.
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// assert!(!options.uses_session_store());
    /// # Ok(())
    /// # }
    /// ```
    pub fn uses_session_store(&self) -> bool {
        self.inner.store.is_some()
    }

    /// Whether this side never writes to the session store
    /// ([`AuthOptionsBuilder::read_only_sessions`]).
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// assert!(!options.read_only_sessions());
    /// # Ok(())
    /// # }
    /// ```
    pub fn read_only_sessions(&self) -> bool {
        self.inner.read_only_sessions
    }

    pub(crate) fn settings(&self) -> &Settings {
        &self.inner
    }

    pub(crate) fn now_secs(&self) -> u64 {
        self.inner.clock.now_secs()
    }

    pub(crate) fn now(&self) -> std::time::SystemTime {
        self.inner.clock.now()
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
            .field("session_store", &settings.store.is_some())
            .field("session_token_format", &settings.token_format)
            .field("read_only_sessions", &settings.read_only_sessions)
            .finish_non_exhaustive()
    }
}
