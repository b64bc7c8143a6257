//! A custom `jwt.encode` / `jwt.decode`, shared by the sign-in and every guard.
//!
//! ```ts
//! // [...nextauth].ts
//! export default NextAuth({
//!   jwt: {
//!     encode: async ({ secret, token }) => jwt.sign(token as any, secret),
//!     decode: async ({ secret, token }) => jwt.verify(token as string, secret) as any,
//!   },
//! })
//!
//! // any _middleware.ts: the same decode must be passed again
//! export default withAuth({
//!   jwt: { decode: async ({ secret, token }) => jwt.verify(token, secret) as any },
//!   callbacks: { authorized: ({ token }) => !!token },
//! })
//! ```
//!
//! Here the codec is set once, in [`AuthOptions`], and the sign-in (`SessionCookies::sign_in`),
//! the [`AuthLayer`], the `Session` extractor and `jwt::encode` / `jwt::decode` all read it
//! from there: there is no second `decode` to keep in step.
//!
//! The codec, [`Hs512Keys`], signs HS512 JWTs with `jsonwebtoken` and names the signing key in
//! the `kid` header; it verifies with whichever listed key the `kid` names, so a retired key
//! can stay listed while its tokens live. Tokens of the default HS256 codec, or with an
//! unknown `kid`, are refused. `exp` and `nbf` are checked by the crate after any codec.
//!
//! | route               | signed out                               | signed in         |
//! |---------------------|------------------------------------------|-------------------|
//! | `GET /`             | 200                                      | 200               |
//! | `GET /dashboard`    | 307 `/auth/signin?callbackUrl=%2Fdashboard` (the `AuthLayer`) | 200 |
//! | `GET /api/me`       | 401 JSON (the `Session` extractor)       | 200, the session  |
//! | `GET`/`POST /auth/signin` | the form; 303 with the session cookie, encoded by the codec | |

use std::collections::HashMap;

use auth_runtime::codec::Codec;
use auth_runtime::jwt::JwtError;
use auth_runtime::{AuthLayer, AuthOptions, ConfigError, Session};
use axum::response::Html;
use axum::routing::get;
use axum::{Json, Router};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Map, Value};

use super::sign_in;
use crate::pages::escape;

/// The shortest HS512 key accepted, in bytes: RFC 7518 §3.2 asks for a key at least as long
/// as the hash, 512 bits.
pub const MIN_KEY_BYTES: usize = 64;

/// Why [`Hs512Keys`] refused a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The key is shorter than [`MIN_KEY_BYTES`].
    #[error(
        "the HS512 key `{kid}` is {len} bytes long; it needs at least 64 (RFC 7518): set \
         NEXTAUTH_SECRET to the output of `openssl rand -base64 48`"
    )]
    TooShort {
        /// The key's id.
        kid: String,
        /// Its length in bytes.
        len: usize,
    },
}

/// HS512 JWTs with a `kid` header: signed with the newest key, verified with the key the
/// `kid` names.
pub struct Hs512Keys {
    signing_kid: String,
    signing: EncodingKey,
    verifying: HashMap<String, DecodingKey>,
    validation: Validation,
}

impl Hs512Keys {
    /// A key set signing (and verifying) with `secret`, named `kid`.
    ///
    /// # Errors
    /// [`KeyError::TooShort`] for a secret under [`MIN_KEY_BYTES`].
    pub fn new(kid: impl Into<String>, secret: &[u8]) -> Result<Self, KeyError> {
        let kid = check(kid.into(), secret)?;
        let mut validation = Validation::new(Algorithm::HS512);
        // The crate checks `exp` and `nbf` after every codec, with the options' clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        Ok(Self {
            verifying: HashMap::from([(kid.clone(), DecodingKey::from_secret(secret))]),
            signing: EncodingKey::from_secret(secret),
            signing_kid: kid,
            validation,
        })
    }

    /// Also verifies tokens whose `kid` is `kid` with `secret`: a retired key, kept until the
    /// sessions it signed have expired.
    ///
    /// # Errors
    /// [`KeyError::TooShort`] for a secret under [`MIN_KEY_BYTES`].
    pub fn with_previous(
        mut self,
        kid: impl Into<String>,
        secret: &[u8],
    ) -> Result<Self, KeyError> {
        let kid = check(kid.into(), secret)?;
        self.verifying
            .entry(kid)
            .or_insert_with(|| DecodingKey::from_secret(secret));
        Ok(self)
    }
}

fn check(kid: String, secret: &[u8]) -> Result<String, KeyError> {
    if secret.len() < MIN_KEY_BYTES {
        return Err(KeyError::TooShort {
            kid,
            len: secret.len(),
        });
    }
    Ok(kid)
}

impl Codec for Hs512Keys {
    /// `jwt.encode`: `jwt.sign(token, secret)`, with HS512 and the signing key's `kid`.
    async fn encode(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        let mut header = Header::new(Algorithm::HS512);
        header.kid = Some(self.signing_kid.clone());
        jsonwebtoken::encode(&header, claims, &self.signing).map_err(|_| JwtError::Encoding)
    }

    /// `jwt.decode`: `jwt.verify(token, secret)` with the key the `kid` names; only HS512.
    async fn decode(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| JwtError::Malformed)?;
        if header.alg != Algorithm::HS512 {
            return Err(JwtError::WrongAlgorithm);
        }
        let key = header
            .kid
            .as_deref()
            .and_then(|kid| self.verifying.get(kid))
            .ok_or(JwtError::InvalidSignature)?;
        jsonwebtoken::decode::<Map<String, Value>>(token, key, &self.validation)
            .map(|data| data.claims)
            .map_err(|error| match error.kind() {
                ErrorKind::InvalidSignature => JwtError::InvalidSignature,
                ErrorKind::InvalidAlgorithm => JwtError::WrongAlgorithm,
                _ => JwtError::Malformed,
            })
    }
}

/// The options this example uses: the codec instead of a secret (it holds its own keys), and
/// the sign-in page.
///
/// # Errors
/// The builder's.
pub fn options(keys: Hs512Keys) -> Result<AuthOptions, ConfigError> {
    AuthOptions::builder()
        .codec(keys)
        .sign_in_page("/auth/signin")
        .build()
}

/// The site: `/dashboard` behind an [`AuthLayer`], `/api/me` behind the `Session` extractor,
/// both reading tokens the sign-in wrote, all through the one codec.
pub fn app(options: AuthOptions) -> Router {
    // `withAuth({ jwt: { decode }, callbacks: { authorized: ({ token }) => !!token } })`: the
    // decode comes with the options.
    let dashboard = Router::new()
        .route("/dashboard", get(dashboard))
        .layer(AuthLayer::new(options.clone()));
    Router::new()
        .route("/", get(home))
        .route(
            "/auth/signin",
            get(sign_in::sign_in_page).post(sign_in::sign_in),
        )
        .route("/api/me", get(me))
        .merge(dashboard)
        .with_state(options)
}

async fn home() -> Html<&'static str> {
    Html(
        r#"<!doctype html><title>Home</title><p>Public. Signed in only:
<a href="/dashboard">/dashboard</a>, <a href="/api/me">/api/me</a>.</p>"#,
    )
}

async fn dashboard(session: Session) -> Html<String> {
    let who = escape(session.user.email.as_deref().unwrap_or("someone"));
    Html(format!(
        "<!doctype html><title>Dashboard</title><p>Signed in as {who}, with an HS512 token.</p>"
    ))
}

/// `GET /api/me`: the session; the extractor answers 401 without one.
async fn me(session: Session) -> Json<Session> {
    Json(session)
}
