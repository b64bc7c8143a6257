//! Encode and decode session tokens with the options' codec: the Rust side of
//! NextAuth.js's `jwt.encode` / `jwt.decode`.
//!
//! ```
//! use auth_runtime::{AuthOptions, jwt};
//! use serde_json::json;
//!
//! let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
//! let token = jwt::encode(&options, &json!({ "name": "Ada", "role": "admin" })).unwrap();
//! let claims = jwt::decode(&options, &token).unwrap();
//! assert_eq!(claims.get_str("role"), Some("admin"));
//! assert!(claims.get("exp").is_some() && claims.get("jti").is_some());
//! ```

use serde::Serialize;
use serde_json::{Map, Value};

use crate::{AuthOptions, Token};

/// Why a token could not be encoded or was not accepted.
///
/// The variants say what was wrong for logs and tests; the client is only ever told that it is
/// not signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JwtError {
    /// The token is longer than the options' `max_token_bytes`; it was not decoded.
    #[error("the token is larger than the configured maximum")]
    TooLarge,
    /// Not a well-formed JWT whose claims are a JSON object.
    #[error("the token is malformed")]
    Malformed,
    /// The header names an algorithm other than the one the codec is pinned to.
    #[error("the token is signed with an algorithm that is not accepted")]
    WrongAlgorithm,
    /// The signature does not match: a different secret, or altered content.
    #[error("the token's signature is invalid")]
    InvalidSignature,
    /// The token has no `exp` claim; session tokens must expire.
    #[error("the token has no expiry (`exp`)")]
    MissingExpiry,
    /// `exp` is in the past, beyond the clock tolerance.
    #[error("the token has expired")]
    Expired,
    /// `nbf` is in the future, beyond the clock tolerance.
    #[error("the token is not valid yet")]
    NotYetValid,
    /// The claims to encode do not serialize to a JSON object.
    #[error("the claims must serialize to a JSON object")]
    ClaimsNotObject,
    /// The signer failed.
    #[error("the token could not be signed")]
    Encoding,
}

/// Signs `claims` into a session token, setting `iat` (now), `exp` (now + the options'
/// `max_age`) and a fresh random `jti`, as NextAuth.js does.
///
/// # Errors
/// [`JwtError::ClaimsNotObject`] when `claims` is not a JSON object (a struct or a map).
pub fn encode<C: Serialize + ?Sized>(
    options: &AuthOptions,
    claims: &C,
) -> Result<String, JwtError> {
    let Ok(Value::Object(mut claims)) = serde_json::to_value(claims) else {
        return Err(JwtError::ClaimsNotObject);
    };
    stamp(&mut claims, options);
    options.codec().encode(&claims)
}

/// Verifies a session token and returns its claims.
///
/// # Errors
/// Any [`JwtError`] but the encoding ones: the token is too large, malformed, signed with
/// another algorithm or secret, expired, not yet valid, or has no `exp`.
pub fn decode(options: &AuthOptions, token: &str) -> Result<Token, JwtError> {
    if token.len() > options.max_token_bytes() {
        return Err(JwtError::TooLarge);
    }
    options.codec().decode(token).map(Token::new)
}

fn stamp(claims: &mut Map<String, Value>, options: &AuthOptions) {
    let now = crate::time::now_secs();
    let exp = now.saturating_add(options.max_age().as_secs());
    claims.insert("iat".into(), now.into());
    claims.insert("exp".into(), exp.into());
    claims.insert("jti".into(), uuid::Uuid::new_v4().to_string().into());
}
