//! Session token codecs: how claims become a token string and back.
//!
//! One [`AuthOptions`](crate::AuthOptions) carries one codec, and every part of the crate (the
//! attribute, the extractors, the layer, [`jwt`](crate::jwt)) reads and writes tokens through
//! it, so they cannot disagree. The default is [`Hs256`]; [`NextAuthV4`] and [`AuthJs`] read
//! and write the encrypted cookies of a NextAuth.js v4 or an Auth.js app (select them with
//! [`AuthOptionsBuilder::nextauth_v4`](crate::AuthOptionsBuilder::nextauth_v4) and
//! [`AuthOptionsBuilder::authjs`](crate::AuthOptionsBuilder::authjs)); plug in another with
//! [`AuthOptionsBuilder::codec`](crate::AuthOptionsBuilder::codec).
//!
//! ```
//! use auth_runtime::{AuthOptions, jwt};
//! use serde_json::json;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let secret = "a secret of at least thirty-two bytes!";
//! let claims = json!({ "sub": "user-1" });
//!
//! // A signed JWT by default; the encrypted JWE of a Next.js app with `.authjs()`.
//! let hs256 = AuthOptions::new(secret)?;
//! let authjs = AuthOptions::builder().secret(secret).authjs().build()?;
//! assert_eq!(jwt::encode(&hs256, &claims).await?.split('.').count(), 3);
//! assert_eq!(jwt::encode(&authjs, &claims).await?.split('.').count(), 5);
//! # Ok(())
//! # }
//! ```

mod authjs;
mod erased;
mod hs256;
mod jwe;
mod nextauth;

use std::future::Future;

use serde_json::{Map, Value};

pub(crate) use authjs::AUTHJS_COOKIE;
pub use authjs::AuthJs;
pub(crate) use erased::Codecs;
pub use hs256::Hs256;
pub use nextauth::NextAuthV4;

use crate::jwt::JwtError;

/// Writes claims into a token and reads them back: NextAuth.js's `jwt.encode` / `jwt.decode`.
///
/// `decode` proves the token is authentic (a signature, an authentication tag) and returns its
/// claims. It need not check `exp` or `nbf`: the crate checks them after every codec, with the
/// options' clock and NextAuth.js's 15 s tolerance, so no codec can forget to.
///
/// Both methods may be `async`, for codecs that fetch keys or call a service.
///
/// ```
/// use auth_runtime::codec::Codec;
/// use auth_runtime::jwt::JwtError;
/// use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
/// use serde_json::{Map, Value};
///
/// /// HS512 instead of HS256.
/// struct Hs512 {
///     encoding: EncodingKey,
///     decoding: DecodingKey,
///     validation: Validation,
/// }
///
/// impl Codec for Hs512 {
///     async fn encode(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
///         jsonwebtoken::encode(&Header::new(Algorithm::HS512), claims, &self.encoding)
///             .map_err(|_| JwtError::Encoding)
///     }
///
///     async fn decode(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
///         jsonwebtoken::decode(token, &self.decoding, &self.validation)
///             .map(|data| data.claims)
///             .map_err(|_| JwtError::InvalidSignature)
///     }
/// }
/// ```
pub trait Codec: Send + Sync + 'static {
    /// The token for `claims`, which already carry `iat`, `exp` and `jti`.
    fn encode(
        &self,
        claims: &Map<String, Value>,
    ) -> impl Future<Output = Result<String, JwtError>> + Send;

    /// The claims of an authentic `token`, or why it is not one.
    fn decode(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<Map<String, Value>, JwtError>> + Send;
}
