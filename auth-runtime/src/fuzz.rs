//! Entry points for the fuzz targets in `fuzz/`: the parsers that read client bytes, reachable
//! without going through a whole request. Not a public API.

use http::HeaderMap;
use serde_json::{Map, Value};

use crate::cookies::CookieNames;
use crate::jwt::JwtError;
use crate::payload::{self, Decoded, Rules, Want};
use crate::source::{self, Lookup};

/// What the token source found in `headers`.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// No session cookie and no bearer token.
    Nothing,
    /// A token, and whether it came from the session cookie.
    Token {
        /// The token, not yet verified.
        token: String,
        /// Whether it came from a cookie (else the bearer header).
        from_cookie: bool,
    },
    /// Session cookies that cannot hold a token.
    Broken,
    /// Session cookies that contradict each other.
    Ambiguous,
}

/// The session token of `headers`, as a guard reads it under the default cookie name (secure
/// or not), with at most `max_bytes` of chunks.
pub fn find_token(headers: &HeaderMap, secure: bool, max_bytes: usize) -> Found {
    let Some(names) = CookieNames::new(None, secure) else {
        return Found::Nothing;
    };
    match source::find(headers, &names, max_bytes) {
        Lookup::Nothing => Found::Nothing,
        Lookup::Found { token, cookies } => Found::Token {
            token: token.into_owned(),
            from_cookie: cookies.is_some(),
        },
        Lookup::Broken(_) => Found::Broken,
        Lookup::Ambiguous(_) => Found::Ambiguous,
    }
}

/// `bytes` read as an authenticated payload, under HS256's rules (what `jsonwebtoken`
/// accepted) or a JWE's (any object): the claims as JSON, and whether the read that only
/// checks them, for typed claims, agrees.
///
/// # Errors
/// Why the payload is not claims.
pub fn read_payload(
    bytes: &[u8],
    jsonwebtoken: bool,
) -> Result<(Map<String, Value>, bool), JwtError> {
    let rules = match jsonwebtoken {
        true => Rules::JsonWebToken,
        false => Rules::Object,
    };
    let checked = payload::read(bytes, rules, Want::Payload);
    let json = payload::read(bytes, rules, Want::Json);
    let agree = match (&json, &checked) {
        (Ok(Decoded::Json(_, registered)), Ok(Decoded::Payload(_, checked, _))) => {
            registered == checked
        }
        (Err(a), Err(b)) => a == b,
        _ => false,
    };
    match json? {
        Decoded::Json(claims, _) => Ok((claims, agree)),
        Decoded::Payload(..) => Err(JwtError::Malformed),
    }
}
