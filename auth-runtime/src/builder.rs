//! `AuthOptionsBuilder`: every setting of [`AuthOptions`], checked once by `build`.

use std::fmt;
use std::future::Future;
use std::time::{Duration, SystemTime};

use zeroize::Zeroizing;

use crate::callbacks::Callbacks;
use crate::codec::{AUTHJS_COOKIE, AuthJs, Codec, Codecs, Hs256, NextAuthV4};
use crate::cookies::CookieNames;
use crate::csrf::is_origin;
use crate::options::Settings;
use crate::store::{SessionStore, SessionTokenFormat, Stores};
use crate::time::Clock;
use crate::{AuthOptions, Session, Token};

/// The shortest secret accepted, in bytes: RFC 7518 §3.2 requires an HS256 key of at least
/// 256 bits; the encrypted codecs ask the same of the secret their keys are derived from.
///
/// ```
/// use auth_runtime::{AuthOptions, ConfigError, MIN_SECRET_BYTES};
///
/// let short = "x".repeat(MIN_SECRET_BYTES - 1);
/// assert!(matches!(AuthOptions::new(&short), Err(ConfigError::SecretTooShort { len: 31, .. })));
/// assert!(AuthOptions::new("x".repeat(MIN_SECRET_BYTES)).is_ok());
/// ```
pub const MIN_SECRET_BYTES: usize = 32;

/// How long a session lasts unless configured otherwise: 30 days, NextAuth.js's default.
///
/// ```
/// use auth_runtime::{AuthOptions, DEFAULT_MAX_AGE};
///
/// # fn main() -> Result<(), auth_runtime::ConfigError> {
/// // A shorter session for an admin console: a tenth of the default, three days.
/// let options = AuthOptions::builder()
///     .secret("a secret of at least thirty-two bytes!")
///     .max_age(DEFAULT_MAX_AGE / 10)
///     .build()?;
/// assert_eq!(options.max_age().as_secs(), 3 * 24 * 60 * 60);
/// # Ok(())
/// # }
/// ```
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// How old a session gets before it is re-issued, unless configured otherwise: 24 hours,
/// NextAuth.js's default.
///
/// ```
/// use auth_runtime::{AuthOptions, DEFAULT_UPDATE_AGE};
///
/// # fn main() -> Result<(), auth_runtime::ConfigError> {
/// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
/// assert_eq!(options.update_age(), DEFAULT_UPDATE_AGE);
/// assert_eq!(DEFAULT_UPDATE_AGE.as_secs(), 24 * 60 * 60);
/// # Ok(())
/// # }
/// ```
pub const DEFAULT_UPDATE_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// The largest token read from a request unless configured otherwise: 16 KiB.
///
/// ```
/// use auth_runtime::jwt::{self, JwtError};
/// use auth_runtime::{AuthOptions, DEFAULT_MAX_TOKEN_BYTES};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), auth_runtime::ConfigError> {
/// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
/// let oversized = "a".repeat(DEFAULT_MAX_TOKEN_BYTES + 1);
/// assert_eq!(jwt::decode(&options, &oversized).await.err(), Some(JwtError::TooLarge));
/// # Ok(())
/// # }
/// ```
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 16 * 1024;

/// The variables `secrets_from_env` reads, in order: the first one set is the signing secret,
/// and the rotation slots follow it.
const SECRET_VARIABLES: [&str; 2] = ["NEXTAUTH_SECRET", "AUTH_SECRET"];
const ROTATED_SECRET_VARIABLES: [&str; 3] = ["AUTH_SECRET_1", "AUTH_SECRET_2", "AUTH_SECRET_3"];

/// Builds [`AuthOptions`]; every setting has NextAuth.js's default.
///
/// ```
/// use std::time::Duration;
/// use auth_runtime::{AuthOptions, Session, Token};
///
/// # fn main() -> Result<(), auth_runtime::ConfigError> {
/// let options = AuthOptions::builder()
///     .secret("the newest secret, at least 32 bytes")
///     .secret("the previous one, still accepted....")
///     .max_age(Duration::from_secs(7 * 24 * 3600))
///     .sign_in_page("/auth/signin")
///     .jwt_callback(|token: Token| async move {
///         // End sessions of banned users; keep everyone else's as they are.
///         (token.get("banned") != Some(&true.into())).then_some(token)
///     })
///     .session_callback(|mut session: Session, token: Token| async move {
///         session.user.extra.insert("role".into(), token.get("role").cloned().into());
///         session
///     })
///     .build()?;
/// assert_eq!(options.sign_in_page(), Some("/auth/signin"));
/// # Ok(())
/// # }
/// ```
#[derive(Default)]
#[must_use]
pub struct AuthOptionsBuilder {
    /// The secrets, zeroed in memory when the builder is dropped, and where each came from.
    secrets: Vec<(Zeroizing<Vec<u8>>, &'static str)>,
    codec: Choice,
    max_age: Option<Duration>,
    update_age: Option<Duration>,
    max_token_bytes: Option<usize>,
    sign_in_page: Option<String>,
    error_page: Option<String>,
    forbidden_page: Option<String>,
    cookie_name: Option<String>,
    secure_cookies: Option<bool>,
    audiences: Vec<String>,
    require_subject: Option<bool>,
    trusted_origins: Vec<String>,
    callbacks: Callbacks,
    clock: Option<Clock>,
    store: Option<Stores>,
    token_format: SessionTokenFormat,
    read_only_sessions: bool,
}

impl AuthOptionsBuilder {
    /// Adds a secret. The first signs new tokens; every one verifies, so a rotated-out secret
    /// can stay listed until the tokens it signed have expired.
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, jwt};
    /// use serde_json::json;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let before = AuthOptions::new("last month's secret, 32 bytes or more")?;
    /// let token = jwt::encode(&before, &json!({ "sub": "user-1" })).await?;
    ///
    /// // Rotated: new sessions are signed with the new secret, old ones still verify.
    /// let options = AuthOptions::builder()
    ///     .secret("this month's secret, 32 bytes or more")
    ///     .secret("last month's secret, 32 bytes or more")
    ///     .build()?;
    /// assert_eq!(jwt::decode(&options, &token).await?.get_str("sub"), Some("user-1"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn secret(mut self, secret: impl AsRef<[u8]>) -> Self {
        self.secrets
            .push((Zeroizing::new(secret.as_ref().to_vec()), "the secret"));
        self
    }

    /// Adds the secrets of the environment: `NEXTAUTH_SECRET`, else `AUTH_SECRET`, then any of
    /// `AUTH_SECRET_1`, `AUTH_SECRET_2`, `AUTH_SECRET_3` (Auth.js's rotation slots). Empty
    /// variables count as unset; a value that is not UTF-8 is used as bytes.
    ///
    /// ```no_run
    /// use auth_runtime::AuthOptions;
    ///
    /// // NEXTAUTH_SECRET=<new> AUTH_SECRET_1=<previous> cargo run
    /// let options = AuthOptions::builder()
    ///     .secrets_from_env()
    ///     .sign_in_page("/auth/signin")
    ///     .build()?;
    /// # Ok::<(), auth_runtime::ConfigError>(())
    /// ```
    pub fn secrets_from_env(mut self) -> Self {
        let first = SECRET_VARIABLES.into_iter().find_map(env_secret);
        let rotated = ROTATED_SECRET_VARIABLES.into_iter().filter_map(env_secret);
        self.secrets.extend(first.into_iter().chain(rotated));
        self
    }

    /// Reads and writes tokens with `codec` instead of the default HS256 one; the attribute,
    /// the extractors, the layer and [`jwt`](crate::jwt) all use it. No secret is required
    /// then: the codec holds its own keys. Replaces any codec chosen before.
    ///
    /// ```
    /// use auth_runtime::codec::{Codec, Hs256};
    /// use auth_runtime::jwt::{self, JwtError};
    /// use auth_runtime::AuthOptions;
    /// use serde_json::{Map, Value, json};
    ///
    /// /// HS256, logging every token it refuses.
    /// struct Logged(Hs256);
    ///
    /// impl Codec for Logged {
    ///     async fn encode(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
    ///         self.0.encode(claims).await
    ///     }
    ///
    ///     async fn decode(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
    ///         let claims = self.0.decode(token).await;
    ///         if let Err(error) = &claims {
    ///             eprintln!("refused a session token: {error}");
    ///         }
    ///         claims
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let codec = Logged(Hs256::new(&["a secret of at least thirty-two bytes!"]));
    /// let options = AuthOptions::builder().codec(codec).build()?;
    /// let token = jwt::encode(&options, &json!({ "sub": "user-1" })).await?;
    /// assert!(jwt::decode(&options, &token).await.is_ok());
    /// # Ok(())
    /// # }
    /// ```
    pub fn codec(mut self, codec: impl Codec) -> Self {
        self.codec = Choice::Custom(Codecs::custom(codec));
        self
    }

    /// Reads and writes the session cookie of a NextAuth.js v4 app (`next-auth` 4.x): JWEs
    /// encrypted with `dir` + `A256GCM` under a key derived from the secrets (see
    /// [`NextAuthV4`]). The first secret encrypts, any of them decrypts. Set the app's
    /// `NEXTAUTH_SECRET`; the cookie name stays `next-auth.session-token` unless set. Replaces
    /// any codec chosen before.
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, jwt};
    /// use serde_json::json;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::builder()
    ///     .secret("the NEXTAUTH_SECRET of the Next.js app")
    ///     .nextauth_v4()
    ///     .build()?;
    /// // The sessions the Next.js app writes are read here, and the other way round.
    /// let token = jwt::encode(&options, &json!({ "sub": "user-1" })).await?;
    /// assert_eq!(token.split('.').count(), 5, "a JWE, as next-auth 4 writes");
    /// # Ok(())
    /// # }
    /// ```
    pub fn nextauth_v4(mut self) -> Self {
        self.codec = Choice::NextAuthV4;
        self
    }

    /// Reads and writes the session cookie of an Auth.js app (NextAuth.js v5, `@auth/core`):
    /// JWEs encrypted with `dir` + `A256CBC-HS512` (`A256GCM` read too) under a key derived
    /// from the secrets and salted with the cookie's name (see [`AuthJs`]). The first secret
    /// encrypts; the token's `kid` picks the one that decrypts. The cookie name becomes
    /// Auth.js's `authjs.session-token` (`__Secure-authjs.session-token` with secure cookies)
    /// unless set with [`cookie_name`](Self::cookie_name). Replaces any codec chosen before.
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::builder()
    ///     .secret("the AUTH_SECRET of the Next.js app")
    ///     .authjs()
    ///     .secure_cookies(true)
    ///     .build()?;
    /// assert_eq!(options.session_cookie_name(), "__Secure-authjs.session-token");
    /// # Ok(())
    /// # }
    /// ```
    pub fn authjs(mut self) -> Self {
        self.codec = Choice::AuthJs;
        self
    }

    /// How long a session lasts (its tokens' `exp`, its cookie's `Max-Age`). Default: 30 days.
    ///
    /// ```
    /// use std::time::Duration;
    /// use auth_runtime::{AuthOptions, jwt};
    /// use serde_json::json;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // Sessions of a working day.
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .max_age(Duration::from_secs(8 * 60 * 60))
    ///     .build()?;
    /// let token = jwt::encode(&options, &json!({ "sub": "user-1" })).await?;
    /// let claims = jwt::decode(&options, &token).await?;
    /// let seconds = |claim| claims.get(claim).and_then(|value| value.as_u64()).unwrap();
    /// assert_eq!(seconds("exp") - seconds("iat"), 8 * 60 * 60);
    /// # Ok(())
    /// # }
    /// ```
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// How old a session token may get before a request that loads it re-issues it with a
    /// fresh expiry. Default: 24 hours.
    ///
    /// ```
    /// use std::time::Duration;
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// // Short sessions, extended by activity: 1 hour, re-issued every 5 minutes of use.
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .max_age(Duration::from_secs(60 * 60))
    ///     .update_age(Duration::from_secs(5 * 60))
    ///     .build()?;
    /// assert_eq!(options.update_age(), Duration::from_secs(300));
    /// # Ok(())
    /// # }
    /// ```
    pub fn update_age(mut self, update_age: Duration) -> Self {
        self.update_age = Some(update_age);
        self
    }

    /// Accepts session tokens meant for `audience`: their `aud` claim (a string, or an array
    /// of strings) must name it, or another audience added the same way. Without any, a token
    /// that has an `aud` claim is refused, as `jsonwebtoken` refuses it: a token minted for
    /// another service sharing the secret must not open this one. Tokens issued here get the
    /// first audience as their `aud`.
    ///
    /// ```
    /// # use auth_runtime::AuthOptions;
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .audience("https://api.example.com")
    ///     .build()?;
    /// # Ok::<(), auth_runtime::ConfigError>(())
    /// ```
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audiences.push(audience.into());
        self
    }

    /// Whether a session must carry a string `sub`, the user's id. Default: `true`, as
    /// NextAuth.js always sets one: a verified token without it (such as the state and PKCE
    /// cookies next-auth before 4.24.5 sealed with the session key, CVE-2023-48309's class)
    /// is no session, and [`jwt::encode`](crate::jwt::encode) refuses claims without it.
    /// Turn it off only for an app whose sessions name no user.
    ///
    /// ```
    /// use auth_runtime::jwt::{self, JwtError};
    /// use auth_runtime::AuthOptions;
    /// use serde_json::json;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // Shared kiosks: a session names a device, not a user.
    /// let kiosk = json!({ "device": "kiosk-3" });
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// assert_eq!(jwt::encode(&options, &kiosk).await.err(), Some(JwtError::MissingSubject));
    ///
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .require_subject(false)
    ///     .build()?;
    /// let token = jwt::encode(&options, &kiosk).await?;
    /// assert_eq!(jwt::decode(&options, &token).await?.get_str("device"), Some("kiosk-3"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn require_subject(mut self, required: bool) -> Self {
        self.require_subject = Some(required);
        self
    }

    /// Origins allowed to make writes (`POST`, `PUT`, `PATCH`, `DELETE`, ...) authenticated by
    /// the session cookie, beside the site's own: `https://app.example.com` calling an API on
    /// `api.example.com`. Each is `scheme://host[:port]`, as a browser writes `Origin`.
    ///
    /// Every other cross-origin write a cookie session would authenticate is refused with 403
    /// before the handler and its body extractor run (see the README's CSRF section); requests
    /// authenticated by a bearer token are not checked.
    ///
    /// ```
    /// # use auth_runtime::AuthOptions;
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .trusted_origins(["https://app.example.com"])
    ///     .build()?;
    /// # Ok::<(), auth_runtime::ConfigError>(())
    /// ```
    pub fn trusted_origins<I>(mut self, origins: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.trusted_origins
            .extend(origins.into_iter().map(Into::into));
        self
    }

    /// The largest token accepted from a request, checked before any decoding. Default: 16 KiB.
    ///
    /// ```
    /// use auth_runtime::jwt::{self, JwtError};
    /// use auth_runtime::AuthOptions;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), auth_runtime::ConfigError> {
    /// // Bearer tokens only, which must fit one header line of the proxy in front.
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .max_token_bytes(4096)
    ///     .build()?;
    /// let oversized = "a".repeat(4097);
    /// assert_eq!(jwt::decode(&options, &oversized).await.err(), Some(JwtError::TooLarge));
    /// # Ok(())
    /// # }
    /// ```
    pub fn max_token_bytes(mut self, max_token_bytes: usize) -> Self {
        self.max_token_bytes = Some(max_token_bytes);
        self
    }

    /// The sign-in page (`pages.signIn`): where the layer, and `#[with_auth]` handlers without
    /// their own `sign_in`, send requests that have no session. A path on this site.
    ///
    /// ```
    /// use auth_runtime::{AuthLayer, AuthOptions};
    /// use axum::body::Body;
    /// use axum::http::{Request, StatusCode};
    /// use axum::{Router, routing::get};
    /// use tower::ServiceExt;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .sign_in_page("/login")
    ///     .build()?;
    /// let app: Router = Router::new()
    ///     .route("/dashboard", get(|| async { "dashboard" }))
    ///     .route("/login", get(|| async { "the sign-in form" }))
    ///     .layer(AuthLayer::new(options.clone()))
    ///     .with_state(options);
    ///
    /// let response = app.oneshot(Request::get("/dashboard").body(Body::empty())?).await?;
    /// assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    /// assert_eq!(response.headers()["location"], "/login?callbackUrl=%2Fdashboard");
    /// # Ok(())
    /// # }
    /// ```
    pub fn sign_in_page(mut self, path: impl Into<String>) -> Self {
        self.sign_in_page = Some(path.into());
        self
    }

    /// The error page (`pages.error`), which the layer never guards. A path on this site.
    ///
    /// ```
    /// use auth_runtime::{AuthLayer, AuthOptions};
    /// use axum::body::Body;
    /// use axum::http::{Request, StatusCode};
    /// use axum::{Router, routing::get};
    /// use tower::ServiceExt;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .error_page("/auth/error")
    ///     .build()?;
    /// let app: Router = Router::new()
    ///     .route("/auth/error", get(|| async { "could not sign you in" }))
    ///     .layer(AuthLayer::new(options.clone()))
    ///     .with_state(options);
    ///
    /// // Signed-out visitors see it, though the layer guards everything else.
    /// let response = app.oneshot(Request::get("/auth/error").body(Body::empty())?).await?;
    /// assert_eq!(response.status(), StatusCode::OK);
    /// # Ok(())
    /// # }
    /// ```
    pub fn error_page(mut self, path: impl Into<String>) -> Self {
        self.error_page = Some(path.into());
        self
    }

    /// Where signed-in requests a rule refuses are redirected: by the layer, and by
    /// `#[with_auth]` handlers without their own `forbidden`. Without it they get 403. A path on
    /// this site; the layer never guards it.
    ///
    /// ```
    /// use auth_runtime::{AuthLayer, AuthOptions, jwt, rule};
    /// use axum::body::Body;
    /// use axum::http::{Request, StatusCode};
    /// use axum::{Router, routing::get};
    /// use serde_json::json;
    /// use tower::ServiceExt;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .forbidden_page("/forbidden")
    ///     .build()?;
    /// let app: Router = Router::new()
    ///     .route("/admin", get(|| async { "admin" }))
    ///     .layer(AuthLayer::new(options.clone()).rule(rule!("token.role == 'admin'")))
    ///     .with_state(options.clone());
    ///
    /// let token = jwt::encode(&options, &json!({ "sub": "user-1", "role": "user" })).await?;
    /// let request = Request::get("/admin").header("authorization", format!("Bearer {token}"));
    /// let response = app.oneshot(request.body(Body::empty())?).await?;
    /// assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    /// assert_eq!(response.headers()["location"], "/forbidden");
    /// # Ok(())
    /// # }
    /// ```
    pub fn forbidden_page(mut self, path: impl Into<String>) -> Self {
        self.forbidden_page = Some(path.into());
        self
    }

    /// The session cookie's name, instead of `next-auth.session-token` (`authjs.session-token`
    /// with [`authjs`](Self::authjs)). With secure cookies on, `__Secure-` is put in front of
    /// it.
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// // Two apps on one domain, each with its own session.
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .cookie_name("shop.session-token")
    ///     .secure_cookies(true)
    ///     .build()?;
    /// assert_eq!(options.session_cookie_name(), "__Secure-shop.session-token");
    /// # Ok(())
    /// # }
    /// ```
    pub fn cookie_name(mut self, name: impl Into<String>) -> Self {
        self.cookie_name = Some(name.into());
        self
    }

    /// Whether session cookies get the `Secure` flag and the `__Secure-` prefix. Default: on
    /// when `NEXTAUTH_URL` starts with `https://` at build time, as in NextAuth.js.
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// // Local development over plain HTTP, whatever NEXTAUTH_URL says.
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .secure_cookies(false)
    ///     .build()?;
    /// assert_eq!(options.session_cookie_name(), "next-auth.session-token");
    /// # Ok(())
    /// # }
    /// ```
    pub fn secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = Some(secure);
        self
    }

    /// `callbacks.jwt`: runs on every decoded token, once per request, wherever a session is
    /// loaded. Return the token (changed or not) to keep the session, `None` to end it. A
    /// changed token is re-issued in the session cookie.
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, Token};
    /// # use axum::{Router, body::Body, http::Request, routing::get};
    /// # use tower::ServiceExt;
    /// # use http_body_util::BodyExt;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .jwt_callback(|token: Token| async move {
    ///         // Sessions from before plans existed are on the free plan.
    ///         if token.get("plan").is_some() {
    ///             return Some(token);
    ///         }
    ///         let mut claims = token.into_claims();
    ///         claims.insert("plan".into(), "free".into());
    ///         Some(Token::new(claims))
    ///     })
    ///     .build()?;
    ///
    /// // Every handler sees a plan, whenever its session was issued.
    /// async fn plan(token: Token) -> String {
    ///     token.get_str("plan").unwrap_or_default().to_owned()
    /// }
    /// # let app: Router = Router::new().route("/plan", get(plan)).with_state(options.clone());
    /// # let claims = serde_json::json!({ "sub": "user-1" });
    /// # let token = auth_runtime::jwt::encode(&options, &claims).await?;
    /// # let request = Request::get("/plan").header("authorization", format!("Bearer {token}"));
    /// # let response = app.oneshot(request.body(Body::empty())?).await?;
    /// # assert_eq!(response.into_body().collect().await?.to_bytes(), "free");
    /// # Ok(())
    /// # }
    /// ```
    pub fn jwt_callback<F, Fut>(mut self, callback: F) -> Self
    where
        F: Fn(Token) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Option<Token>> + Send + 'static,
    {
        self.callbacks.set_jwt(callback);
        self
    }

    /// `callbacks.session`: builds the [`Session`] that the `Session` extractor,
    /// `get_server_session` and the session endpoint give, from the default one and the token.
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, Session, Token, get_server_session, jwt};
    /// use axum::http::Request;
    /// use serde_json::json;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // The browser also needs the user's id and role.
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .session_callback(|mut session: Session, token: Token| async move {
    ///         for claim in ["sub", "role"] {
    ///             session.user.extra.insert(claim.into(), token.get(claim).cloned().into());
    ///         }
    ///         session
    ///     })
    ///     .build()?;
    ///
    /// let token = jwt::encode(&options, &json!({ "sub": "user-1", "role": "admin" })).await?;
    /// let request = Request::get("/").header("authorization", format!("Bearer {token}"));
    /// let (parts, ()) = request.body(())?.into_parts();
    /// let (session, _cookies) = get_server_session(&parts, &options).await;
    /// assert_eq!(session.unwrap().user.extra["role"], "admin");
    /// # Ok(())
    /// # }
    /// ```
    pub fn session_callback<F, Fut>(mut self, callback: F) -> Self
    where
        F: Fn(Session, Token) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Session> + Send + 'static,
    {
        self.callbacks.set_session(callback);
        self
    }

    /// Database sessions: the session cookie holds an opaque token, looked up in `store` on
    /// every request, as a NextAuth.js or Auth.js app with an adapter keeps its sessions. The
    /// guards, the layer, the extractors and the session endpoint read sessions from the store
    /// from then on; see [`store`](crate::store) for what each request does to it.
    ///
    /// The secret is still required: [`jwt`](crate::jwt) and
    /// [`SessionCookies::sign_in`](crate::SessionCookies::sign_in) keep working for tokens the
    /// app mints itself.
    ///
    /// ```
    /// # use std::time::SystemTime;
    /// # use auth_runtime::store::{SessionStore, StoreError, StoredSession};
    /// # struct Sessions;
    /// # impl SessionStore for Sessions {
    /// #     async fn session_and_user(&self, _: &str) -> Result<Option<StoredSession>, StoreError> { Ok(None) }
    /// #     async fn update_expiry(&self, _: &str, _: SystemTime) -> Result<(), StoreError> { Ok(()) }
    /// #     async fn delete_session(&self, _: &str) -> Result<(), StoreError> { Ok(()) }
    /// # }
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// // `Sessions` implements `SessionStore`; with the `postgres` feature, a `PgStore`.
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .session_store(Sessions)
    ///     .build()?;
    /// assert!(options.uses_session_store());
    /// # Ok(())
    /// # }
    /// ```
    pub fn session_store(mut self, store: impl SessionStore) -> Self {
        self.store = Some(Stores::new(store));
        self
    }

    /// What a database session token looks like; others are refused without a query. The
    /// default accepts what NextAuth.js and Auth.js generate; an app with its own
    /// `generateSessionToken` says what its tokens look like.
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    /// use auth_runtime::store::SessionTokenFormat;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .session_token_format(SessionTokenFormat::printable())
    ///     .build()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn session_token_format(mut self, format: SessionTokenFormat) -> Self {
        self.token_format = format;
        self
    }

    /// Never writes to the session store: an expired session is refused but not deleted, and
    /// a session due for an update is not extended, so the app that owns the sessions is their
    /// only writer. The session cookie is still re-sent, and cleared when refused.
    ///
    /// ```
    /// use auth_runtime::AuthOptions;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .read_only_sessions(true)
    ///     .build()?;
    /// assert!(options.read_only_sessions());
    /// # Ok(())
    /// # }
    /// ```
    pub fn read_only_sessions(mut self, read_only: bool) -> Self {
        self.read_only_sessions = read_only;
        self
    }

    /// Reads the time from `now` instead of the system clock: for tests of expiry and
    /// refresh that must not sleep.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use std::sync::atomic::{AtomicU64, Ordering};
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use auth_runtime::jwt::{self, JwtError};
    /// use auth_runtime::{AuthOptions, DEFAULT_MAX_AGE};
    /// use serde_json::json;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let now = Arc::new(AtomicU64::new(1_700_000_000));
    /// let clock = Arc::clone(&now);
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .clock(move || UNIX_EPOCH + Duration::from_secs(clock.load(Ordering::Relaxed)))
    ///     .build()?;
    /// let token = jwt::encode(&options, &json!({ "sub": "user-1" })).await?;
    ///
    /// now.fetch_add(DEFAULT_MAX_AGE.as_secs() + 60, Ordering::Relaxed); // a month later
    /// assert_eq!(jwt::decode(&options, &token).await.err(), Some(JwtError::Expired));
    /// # Ok(())
    /// # }
    /// ```
    pub fn clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Some(Clock::custom(now));
        self
    }

    /// Checks the settings and builds the options.
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, ConfigError};
    ///
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .sign_in_page("login") // not a path: `/login` was meant
    ///     .build();
    /// assert!(matches!(options, Err(ConfigError::InvalidPage { .. })));
    /// ```
    ///
    /// # Errors
    /// [`ConfigError::MissingSecret`] without a secret (unless a custom codec is set),
    /// [`ConfigError::SecretTooShort`] for a secret under 32 bytes (whatever the built-in
    /// codec),
    /// [`ConfigError::InvalidPage`] for a page that is not a path on this site,
    /// [`ConfigError::InvalidCookieName`] for a name a cookie cannot have.
    pub fn build(self) -> Result<AuthOptions, ConfigError> {
        let pages = [&self.sign_in_page, &self.error_page, &self.forbidden_page];
        let secure = self.secure_cookies.unwrap_or_else(https_site);
        let default_cookie = matches!(self.codec, Choice::AuthJs).then_some(AUTHJS_COOKIE);
        let cookie_name = self.cookie_name.as_deref().or(default_cookie);
        let cookies =
            CookieNames::new(cookie_name, secure).ok_or(ConfigError::InvalidCookieName)?;
        let codec = match self.codec {
            Choice::Hs256 => Codecs::Hs256(Hs256::new(&checked_secrets(&self.secrets)?)),
            Choice::NextAuthV4 => {
                Codecs::NextAuthV4(NextAuthV4::new(&checked_secrets(&self.secrets)?))
            }
            // Auth.js salts with the name the cookie is written under; a token sealed under
            // its counterpart's salt is accepted too, wherever it is read from.
            Choice::AuthJs => Codecs::AuthJs(AuthJs::with_salts(
                &checked_secrets(&self.secrets)?,
                &cookies.both(),
            )),
            Choice::Custom(codec) => codec,
        };
        for page in pages.into_iter().flatten() {
            check_page(page)?;
        }
        if let Some(origin) = self
            .trusted_origins
            .iter()
            .find(|origin| !is_origin(origin))
        {
            return Err(ConfigError::InvalidTrustedOrigin(origin.clone()));
        }
        Ok(AuthOptions::from_settings(Settings {
            codec,
            max_age: self.max_age.unwrap_or(DEFAULT_MAX_AGE),
            update_age: self.update_age.unwrap_or(DEFAULT_UPDATE_AGE),
            max_token_bytes: self.max_token_bytes.unwrap_or(DEFAULT_MAX_TOKEN_BYTES),
            sign_in_page: self.sign_in_page,
            error_page: self.error_page,
            forbidden_page: self.forbidden_page,
            cookies,
            audiences: self.audiences,
            require_subject: self.require_subject.unwrap_or(true),
            trusted_origins: self.trusted_origins,
            callbacks: self.callbacks,
            clock: self.clock.unwrap_or_else(Clock::system),
            store: self.store,
            token_format: self.token_format,
            read_only_sessions: self.read_only_sessions,
        }))
    }
}

fn env_secret(name: &'static str) -> Option<(Zeroizing<Vec<u8>>, &'static str)> {
    let value = Zeroizing::new(std::env::var_os(name)?.into_encoded_bytes());
    (!value.is_empty()).then_some((value, name))
}

/// Which codec [`AuthOptionsBuilder::build`] sets up.
#[derive(Default)]
enum Choice {
    #[default]
    Hs256,
    NextAuthV4,
    AuthJs,
    Custom(Codecs),
}

/// The secrets, once each is known to be long enough.
fn checked_secrets<'a>(
    secrets: &'a [(Zeroizing<Vec<u8>>, &'static str)],
) -> Result<Vec<&'a [u8]>, ConfigError> {
    if secrets.is_empty() {
        return Err(ConfigError::MissingSecret);
    }
    if let Some((secret, variable)) = secrets
        .iter()
        .find(|(secret, _)| secret.len() < MIN_SECRET_BYTES)
    {
        return Err(ConfigError::SecretTooShort {
            variable,
            len: secret.len(),
        });
    }
    Ok(secrets
        .iter()
        .map(|(secret, _)| secret.as_slice())
        .collect())
}

fn https_site() -> bool {
    std::env::var("NEXTAUTH_URL").is_ok_and(|url| url.starts_with("https://"))
}

/// A page must be a path on this site, or redirects to it could send users elsewhere.
pub(crate) fn check_page(page: &str) -> Result<(), ConfigError> {
    let problem = if !page.starts_with('/') {
        Some("it must start with `/`")
    } else if page.starts_with("//") || page.starts_with("/\\") {
        Some("it must not start with `//` or `/\\`, which browsers read as another host")
    } else if page.contains('#') || !page.bytes().all(|byte| byte.is_ascii_graphic()) {
        Some("it must not contain `#`, spaces, control or non-ASCII characters")
    } else {
        None
    };
    match problem {
        Some(problem) => Err(ConfigError::InvalidPage {
            page: page.to_owned(),
            problem,
        }),
        None => Ok(()),
    }
}

/// Why [`AuthOptions`] could not be built.
///
/// `Debug` prints the same message as `Display`, so the fix reaches the terminal whichever one
/// a program prints: `main() -> Result<(), Box<dyn Error>>` and `.expect(...)` print `Debug`.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
///
/// ```
/// use auth_runtime::{AuthOptions, ConfigError};
///
/// let error = AuthOptions::new("changeme").unwrap_err();
/// assert_eq!(error, ConfigError::SecretTooShort { variable: "the secret", len: 8 });
/// // The message says how to fix it, for the start-up log.
/// assert_eq!(
///     error.to_string(),
///     "the secret is 8 bytes long; a session secret must be at least 32 bytes (RFC 7518): \
///      generate one with `openssl rand -base64 32`"
/// );
/// ```
pub enum ConfigError {
    /// No secret was given, and no custom codec.
    #[error(
        "NEXTAUTH_SECRET is not set (nor AUTH_SECRET): set it to a random secret of at least \
         32 bytes, for example the output of `openssl rand -base64 32`"
    )]
    MissingSecret,
    /// A secret is shorter than [`MIN_SECRET_BYTES`].
    #[error(
        "{variable} is {len} bytes long; a session secret must be at least 32 bytes (RFC 7518): \
         generate one with `openssl rand -base64 32`"
    )]
    SecretTooShort {
        /// Where the secret came from: the environment variable's name, or `the secret`.
        variable: &'static str,
        /// Its length in bytes.
        len: usize,
    },
    /// A sign-in or error page is not a path on this site.
    #[error("the page `{page}` is not a path on this site: {problem}")]
    InvalidPage {
        /// The page as given.
        page: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// The cookie name is empty or holds characters a cookie name cannot.
    #[error(
        "the session cookie name must be a non-empty token of visible ASCII characters without separators"
    )]
    InvalidCookieName,
    /// A trusted origin is not `scheme://host[:port]`.
    #[error(
        "the trusted origin `{0}` is not an origin: write it as a browser sends `Origin`, \
         `scheme://host[:port]` with nothing after, like `https://app.example.com`"
    )]
    InvalidTrustedOrigin(String),
}

impl fmt::Debug for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
