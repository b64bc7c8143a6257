//! The default codec: an HS256-signed JWT (JWS), through `jsonwebtoken` with its RustCrypto
//! backend (pure Rust, no C toolchain needed to build it).

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Map, Value};

use super::Codec;
use crate::jwt::JwtError;

/// HS256 JWTs signed with the first of a list of secrets and verified with any of them, so a
/// secret can be rotated without signing everyone out.
///
/// Only HS256 is accepted: a token naming any other algorithm (`none`, RS256 with the secret
/// as a public key, ...) is refused before its signature is looked at. The keys and validation
/// rules are prepared once, not per request.
#[derive(Clone)]
pub struct Hs256 {
    encoding: EncodingKey,
    decoding: Vec<DecodingKey>,
    validation: Validation,
}

impl Hs256 {
    /// A codec signing with `secrets[0]` and verifying with each of `secrets` in turn.
    ///
    /// Length checks belong to the caller: [`AuthOptions`](crate::AuthOptions) refuses
    /// secrets shorter than 32 bytes. An empty list signs with an empty key and verifies
    /// nothing.
    pub fn new<S: AsRef<[u8]>>(secrets: &[S]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        // `exp` and `nbf` are checked for every codec alike, after decoding, with the
        // options' clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.required_spec_claims.clear();
        // Session tokens carry no audience; one that does is not judged by it.
        validation.validate_aud = false;
        let first = secrets.first().map_or(&[][..], AsRef::as_ref);
        Self {
            encoding: EncodingKey::from_secret(first),
            decoding: secrets
                .iter()
                .map(|secret| DecodingKey::from_secret(secret.as_ref()))
                .collect(),
            validation,
        }
    }

    pub(crate) fn sign(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .map_err(|_| JwtError::Encoding)
    }

    pub(crate) fn verify(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        let mut outcome = Err(JwtError::InvalidSignature);
        for key in &self.decoding {
            outcome = jsonwebtoken::decode::<Map<String, Value>>(token, key, &self.validation)
                .map(|data| data.claims)
                .map_err(|error| classify(error.kind()));
            // Only a signature mismatch is worth another key; anything else is final.
            if outcome != Err(JwtError::InvalidSignature) {
                break;
            }
        }
        outcome
    }
}

impl Codec for Hs256 {
    async fn encode(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        self.sign(claims)
    }

    async fn decode(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        self.verify(token)
    }
}

fn classify(kind: &ErrorKind) -> JwtError {
    match kind {
        ErrorKind::InvalidSignature => JwtError::InvalidSignature,
        ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => JwtError::WrongAlgorithm,
        _ => JwtError::Malformed,
    }
}
