//! Encode and decode session tokens with the options' codec: the Rust side of
//! NextAuth.js's `jwt.encode` / `jwt.decode`.
//!
//! ```
//! use auth_runtime::{AuthOptions, jwt};
//! use serde_json::json;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
//! let token = jwt::encode(&options, &json!({ "sub": "user-1", "name": "Ada", "role": "admin" })).await?;
//! let claims = jwt::decode(&options, &token).await?;
//! assert_eq!(claims.get_str("role"), Some("admin"));
//! assert!(claims.get("exp").is_some() && claims.get("jti").is_some());
//! # Ok(())
//! # }
//! ```

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::payload::{Registered, Want};
use crate::verified::Verified;
use crate::{AuthOptions, Token};

/// Why a token could not be encoded or was not accepted.
///
/// The variants say what was wrong for logs and tests; the client is only ever told that it is
/// not signed in. `Debug` prints the same message as `Display`, as `main`'s and `expect`'s
/// reports use it.
#[derive(Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
///
/// ```
/// use auth_runtime::jwt::{self, JwtError};
/// use auth_runtime::AuthOptions;
/// use serde_json::json;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let ours = AuthOptions::new("a secret of at least thirty-two bytes!")?;
/// let theirs = AuthOptions::new("another service's secret, 32 bytes long")?;
/// let token = jwt::encode(&theirs, &json!({ "sub": "user-1" })).await?;
/// let error = jwt::decode(&ours, &token).await.unwrap_err();
/// assert_eq!(error, JwtError::InvalidSignature);
///
/// // The log says what was wrong; the client only learns whether to sign in again.
/// assert_eq!(error.to_string(), "the token's signature is invalid");
/// let hint = match error {
///     JwtError::Expired => "your session has ended",
///     _ => "you are not signed in",
/// };
/// assert_eq!(hint, "you are not signed in");
/// # Ok(())
/// # }
/// ```
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
    /// The header lists critical extensions (`crit`, RFC 7515 §4.1.11), which no codec here
    /// understands, so the token must be refused.
    #[error("the token's header lists critical extensions, which are not supported")]
    CriticalExtension,
    /// The token's `aud` is none of the options' audiences, or the token names an audience and
    /// the options name none, or the options name some and the token none: a token minted for
    /// another service opens only that one.
    #[error("the token is meant for another audience")]
    WrongAudience,
    /// The claims name no user: no string `sub`. NextAuth.js always sets one; other payloads
    /// sealed with the same secret (the state and PKCE cookies of next-auth before 4.24.5) do
    /// not, and must not pass as a session.
    #[error("the token names no user (a string `sub`)")]
    MissingSubject,
}

impl fmt::Debug for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// NextAuth.js's clock tolerance for `exp` and `nbf`, in seconds.
const LEEWAY_SECS: u64 = 15;

/// Writes `claims` into a session token with the options' codec, setting `iat` (now), `exp`
/// (now + the options' `max_age`) and a fresh random `jti`, as NextAuth.js does, and `aud`
/// (the first of the options' audiences) when the options name audiences and the claims none.
///
/// A token for an API client, which sends it back in `Authorization: Bearer`:
///
/// ```
/// use auth_runtime::{AuthOptions, get_token, jwt};
/// use axum::http::Request;
/// use serde::Serialize;
///
/// #[derive(Serialize)]
/// struct ApiClaims<'a> {
///     sub: &'a str,
///     scope: &'a str,
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
/// let token = jwt::encode(&options, &ApiClaims { sub: "user-1", scope: "read" }).await?;
///
/// let request = Request::get("/api/reports").header("authorization", format!("Bearer {token}"));
/// let (parts, ()) = request.body(())?.into_parts();
/// assert_eq!(get_token(&parts, &options).await.unwrap().get_str("scope"), Some("read"));
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// [`JwtError::ClaimsNotObject`] when `claims` is not a JSON object (a struct or a map),
/// [`JwtError::MissingSubject`] when they have no string `sub` (the user's id; see
/// [`require_subject`](crate::AuthOptionsBuilder::require_subject)), or the codec's error.
pub async fn encode<C: Serialize + ?Sized>(
    options: &AuthOptions,
    claims: &C,
) -> Result<String, JwtError> {
    let Ok(Value::Object(claims)) = serde_json::to_value(claims) else {
        return Err(JwtError::ClaimsNotObject);
    };
    stamp_and_encode(options, claims)
        .await
        .map(|(token, _)| token)
}

/// Sets `iat`, `exp` and `jti` (and `aud`, when the options name audiences and the claims
/// none) on `claims` and encodes them: the token and the claims it holds.
pub(crate) async fn stamp_and_encode(
    options: &AuthOptions,
    mut claims: Map<String, Value>,
) -> Result<(String, Map<String, Value>), JwtError> {
    if options.requires_subject() && !claims.get("sub").is_some_and(Value::is_string) {
        return Err(JwtError::MissingSubject);
    }
    stamp(&mut claims, options);
    let token = options.settings().codec.encode(&claims).await?;
    Ok((token, claims))
}

/// Reads a session token with the options' codec and checks its times: `exp` is required and
/// must not be past, `nbf` must not be future, both with a 15 s tolerance.
///
/// The audience ([`AuthOptionsBuilder::audience`](crate::AuthOptionsBuilder::audience)) and
/// the subject (a string `sub`, unless
/// [`require_subject(false)`](crate::AuthOptionsBuilder::require_subject)) are checked too.
///
/// A token that comes another way than a request's headers, such as the first message of a
/// WebSocket:
///
/// ```
/// use auth_runtime::jwt::{self, JwtError};
/// use auth_runtime::AuthOptions;
/// use serde_json::json;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
/// let message = jwt::encode(&options, &json!({ "sub": "user-1" })).await?;
///
/// let claims = jwt::decode(&options, &message).await?;
/// assert_eq!(claims.get_str("sub"), Some("user-1"));
///
/// let tampered = format!("{message}x");
/// assert_eq!(jwt::decode(&options, &tampered).await.err(), Some(JwtError::InvalidSignature));
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// Any [`JwtError`] but the encoding ones: the token is too large, malformed, signed with
/// another algorithm or secret, lists critical header extensions, expired, not yet valid, has
/// no `exp`, is meant for another audience, or names no user.
pub async fn decode(options: &AuthOptions, token: &str) -> Result<Token, JwtError> {
    verify(options, token, Want::Json)
        .await
        .map(|verified| verified.json().clone())
}

/// What [`decode`] checks, the claims read as `want` asks.
pub(crate) async fn verify(
    options: &AuthOptions,
    token: &str,
    want: Want,
) -> Result<Verified, JwtError> {
    if token.len() > options.max_token_bytes() {
        return Err(JwtError::TooLarge);
    }
    let decoded = options.settings().codec.decode(token, want).await?;
    let registered = decoded.registered();
    check_times(registered, options.now_secs())?;
    check_audience(registered.aud.as_ref(), options.audiences())?;
    if options.requires_subject() && !registered.sub.as_ref().is_some_and(Value::is_string) {
        return Err(JwtError::MissingSubject);
    }
    Ok(Verified::new(decoded))
}

fn stamp(claims: &mut Map<String, Value>, options: &AuthOptions) {
    let now = options.now_secs();
    let exp = now.saturating_add(options.max_age().as_secs());
    claims.insert("iat".into(), now.into());
    claims.insert("exp".into(), exp.into());
    claims.insert("jti".into(), uuid::Uuid::new_v4().to_string().into());
    if let (Some(audience), false) = (options.audiences().first(), claims.contains_key("aud")) {
        claims.insert("aud".into(), audience.clone().into());
    }
}

/// `aud` (a string or an array of strings) against the accepted audiences, as
/// `jsonwebtoken` checks it: with none accepted a token must name none; with some, it must
/// name one of them.
fn check_audience(aud: Option<&Value>, accepted: &[String]) -> Result<(), JwtError> {
    let named = |audience: &str| accepted.iter().any(|accepted| accepted == audience);
    let matches = match aud {
        None => accepted.is_empty(),
        Some(Value::String(audience)) => named(audience),
        Some(Value::Array(audiences)) => audiences
            .iter()
            .any(|audience| audience.as_str().is_some_and(named)),
        Some(_) => return Err(JwtError::Malformed),
    };
    match matches {
        true => Ok(()),
        false => Err(JwtError::WrongAudience),
    }
}

/// `exp` and `nbf` against `now`, whatever codec decoded them.
fn check_times(times: &Registered, now: u64) -> Result<(), JwtError> {
    let exp = times.exp.as_ref().ok_or(JwtError::MissingExpiry)?;
    let exp = seconds(exp).ok_or(JwtError::Malformed)?;
    if exp.saturating_add(LEEWAY_SECS) < now {
        return Err(JwtError::Expired);
    }
    if let Some(nbf) = &times.nbf {
        let nbf = seconds(nbf).ok_or(JwtError::Malformed)?;
        if nbf > now.saturating_add(LEEWAY_SECS) {
            return Err(JwtError::NotYetValid);
        }
    }
    Ok(())
}

/// A NumericDate (RFC 7519 §2): seconds, possibly fractional; negative counts as 0.
fn seconds(value: &Value) -> Option<u64> {
    let number = value.as_number()?;
    number
        .as_u64()
        .or_else(|| number.as_i64().map(|_| 0))
        .or_else(|| number.as_f64().map(|f| if f > 0.0 { f as u64 } else { 0 }))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn claims(value: Value) -> Registered {
        Registered::of(&value.as_object().cloned().unwrap_or_default())
    }

    #[test]
    fn times_are_checked_with_fifteen_seconds_of_tolerance() {
        let now = 1_000_000;
        assert_eq!(
            check_times(&claims(json!({ "exp": now - 15 })), now),
            Ok(())
        );
        assert_eq!(
            check_times(&claims(json!({ "exp": now - 16 })), now),
            Err(JwtError::Expired)
        );
        assert_eq!(
            check_times(&claims(json!({ "exp": now + 60, "nbf": now + 15 })), now),
            Ok(())
        );
        assert_eq!(
            check_times(&claims(json!({ "exp": now + 60, "nbf": now + 16 })), now),
            Err(JwtError::NotYetValid)
        );
        assert_eq!(
            check_times(&claims(json!({ "exp": (now + 1) as f64 + 0.5 })), now),
            Ok(())
        );
    }

    #[test]
    fn debug_prints_the_message_a_report_needs() {
        let error: Box<dyn std::error::Error> = Box::new(JwtError::MissingSubject);
        assert_eq!(
            format!("{error:?}"),
            "the token names no user (a string `sub`)"
        );
    }

    #[test]
    fn exp_is_required_and_must_be_a_number() {
        let now = 1_000_000;
        assert_eq!(
            check_times(&claims(json!({})), now),
            Err(JwtError::MissingExpiry)
        );
        assert_eq!(
            check_times(&claims(json!({ "exp": "tomorrow" })), now),
            Err(JwtError::Malformed)
        );
        assert_eq!(
            check_times(&claims(json!({ "exp": -5 })), now),
            Err(JwtError::Expired)
        );
        assert_eq!(
            check_times(&claims(json!({ "exp": now + 60, "nbf": null })), now),
            Err(JwtError::Malformed)
        );
    }

    #[test]
    fn an_audience_must_be_one_accepted_and_none_without_any() {
        let accepted = ["api".to_owned(), "admin".to_owned()];
        let none: [String; 0] = [];
        assert_eq!(check_audience(None, &none), Ok(()));
        assert_eq!(
            check_audience(Some(&json!("api")), &none),
            Err(JwtError::WrongAudience)
        );
        assert_eq!(
            check_audience(Some(&json!([])), &none),
            Err(JwtError::WrongAudience)
        );
        assert_eq!(
            check_audience(None, &accepted),
            Err(JwtError::WrongAudience)
        );
        assert_eq!(check_audience(Some(&json!("api")), &accepted), Ok(()));
        assert_eq!(
            check_audience(Some(&json!(["x", "admin"])), &accepted),
            Ok(())
        );
        assert_eq!(
            check_audience(Some(&json!(["x", 7])), &accepted),
            Err(JwtError::WrongAudience)
        );
        assert_eq!(
            check_audience(Some(&json!("other")), &accepted),
            Err(JwtError::WrongAudience)
        );
        assert_eq!(
            check_audience(Some(&json!(7)), &accepted),
            Err(JwtError::Malformed)
        );
    }
}
