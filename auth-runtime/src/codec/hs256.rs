//! The default codec: an HS256-signed JWT (JWS), through `jsonwebtoken` with its RustCrypto
//! backend (pure Rust, no C toolchain needed to build it).

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Map, Value};

use crate::jwt::JwtError;

/// NextAuth.js's clock tolerance for `exp` and `nbf`.
const LEEWAY_SECS: u64 = 15;

/// Keys and validation rules, prepared once at start-up rather than per request.
#[derive(Clone)]
pub(crate) struct Hs256 {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl Hs256 {
    pub(crate) fn new(secret: &[u8]) -> Self {
        // Pinned to HS256: a token naming any other algorithm (`none`, RS256 with the secret
        // as a public key, ...) is rejected before its signature is looked at.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp"]);
        // Session tokens carry no audience; one that does is not ours to judge by it.
        validation.validate_aud = false;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub(crate) fn encode(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .map_err(|_| JwtError::Encoding)
    }

    pub(crate) fn decode(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        jsonwebtoken::decode::<Map<String, Value>>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|error| classify(error.kind()))
    }
}

fn classify(kind: &ErrorKind) -> JwtError {
    match kind {
        ErrorKind::ExpiredSignature => JwtError::Expired,
        ErrorKind::ImmatureSignature => JwtError::NotYetValid,
        ErrorKind::InvalidSignature => JwtError::InvalidSignature,
        ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => JwtError::WrongAlgorithm,
        ErrorKind::MissingRequiredClaim(_) => JwtError::MissingExpiry,
        _ => JwtError::Malformed,
    }
}
