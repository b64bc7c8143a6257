//! The default codec: an HS256-signed JWT (JWS), with the RustCrypto crates `jsonwebtoken`
//! itself uses (pure Rust, no C toolchain needed to build it).
//!
//! Signing goes through `jsonwebtoken::encode`; it happens at sign-in and on a session refresh,
//! not on every request. Verifying is on every guarded request, so it makes the checks
//! `jsonwebtoken::decode` makes, with the same `hmac`, `sha2` and `base64` code, without what
//! that function repeats on each call: keying the HMAC (two SHA-256 blocks and a boxed
//! verifier), decoding and parsing the header twice, and parsing the claims twice (once into
//! the map, once more to look at `exp`, `nbf`, `sub`, `iss` and `aud`). The header, signature
//! and usual payloads are decoded on the stack.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Map, Value};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::Codec;
use crate::jwt::JwtError;
use crate::payload::{self, Decoded, Rules, Want};

type HmacSha256 = Hmac<Sha256>;

/// HS256 JWTs signed with the first of a list of secrets and verified with any of them, so a
/// secret can be rotated without signing everyone out.
///
/// Only HS256 is accepted: a token naming any other algorithm (`none`, RS256 with the secret
/// as a public key, ...) is refused before its signature is looked at. Signatures are compared
/// in constant time. The secrets are zeroed in memory when the codec is dropped.
///
/// It is the codec of [`AuthOptions::new`](crate::AuthOptions::new) and of the builder's
/// secrets. Used directly, it is the base of a [custom codec](super::Codec), or a check of
/// tokens in a test:
///
/// ```
/// use auth_runtime::codec::{Codec, Hs256};
/// use serde_json::json;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let old = "last month's secret, 32 bytes or more";
/// let new = "this month's secret, 32 bytes or more";
/// let before = Hs256::new(&[old]);
/// let rotated = Hs256::new(&[new, old]);
///
/// let claims = json!({ "sub": "user-1" }).as_object().unwrap().clone();
/// let token = before.encode(&claims).await?;
/// assert_eq!(rotated.decode(&token).await?, claims);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Hs256 {
    encoding: EncodingKey,
    /// The secrets that verify. An HMAC keyed once would save a request hashing the key (two
    /// SHA-256 blocks), but its state, which is as good as the key, cannot be zeroed: the
    /// `hmac` crate keeps it private and has no zeroizing drop.
    verifying: Vec<Zeroizing<Vec<u8>>>,
}

impl Hs256 {
    /// A codec signing with `secrets[0]` and verifying with each of `secrets` in turn.
    ///
    /// Length checks belong to the caller: [`AuthOptions`](crate::AuthOptions) refuses
    /// secrets shorter than 32 bytes. An empty list signs with an empty key and verifies
    /// nothing.
    ///
    /// ```
    /// use auth_runtime::codec::Hs256;
    /// use auth_runtime::{AuthOptions, MIN_SECRET_BYTES};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // Keys from the app's key store, newest first.
    /// let keys: Vec<Vec<u8>> = vec![vec![7; 32], vec![3; 32]];
    /// assert!(keys.iter().all(|key| key.len() >= MIN_SECRET_BYTES));
    ///
    /// let options = AuthOptions::builder().codec(Hs256::new(&keys)).build()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn new<S: AsRef<[u8]>>(secrets: &[S]) -> Self {
        let first = secrets.first().map_or(&[][..], AsRef::as_ref);
        Self {
            encoding: EncodingKey::from_secret(first),
            verifying: secrets
                .iter()
                .map(|secret| Zeroizing::new(secret.as_ref().to_vec()))
                .collect(),
        }
    }

    pub(crate) fn sign(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .map_err(|_| JwtError::Encoding)
    }

    /// The claims of `token` if it is an HS256 JWS signed with one of the secrets.
    ///
    /// Accepts and refuses exactly what `jsonwebtoken::decode` did with HS256 pinned and its
    /// claim checks off (the crate checks `exp` and `nbf` after every codec), with the same
    /// errors: a header that does not parse, a signature that is not base64url or a payload
    /// that is not a JSON object is `Malformed`; another algorithm is `WrongAlgorithm`,
    /// checked before the signature; a signature no secret made is `InvalidSignature`.
    pub(crate) fn verify(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        match self.verify_as(token, Want::Json)? {
            Decoded::Json(claims, _) => Ok(claims),
            Decoded::Payload(..) => Err(JwtError::Malformed),
        }
    }

    /// What [`verify`](Self::verify) checks, the payload read as `want` asks.
    pub(crate) fn verify_as(&self, token: &str, want: Want) -> Result<Decoded, JwtError> {
        if self.verifying.is_empty() {
            return Err(JwtError::InvalidSignature);
        }
        // Split from the right, as `jsonwebtoken` does: a dot too many lands in the header,
        // which then does not decode.
        let (message, signature) = token.rsplit_once('.').ok_or(JwtError::Malformed)?;
        let (header, payload) = message.rsplit_once('.').ok_or(JwtError::Malformed)?;

        check_header(header)?;

        let mut buffer = [0; 64];
        let mut spill = Vec::new();
        let signature = decode_base64(signature, &mut buffer, &mut spill)?;
        // `verify_slice` compares in constant time, and refuses a tag of another length.
        let signed = self.verifying.iter().any(|secret| {
            // HMAC takes a key of any length, so this never fails; were one refused, the
            // tokens it signed would be refused too: the codec fails closed.
            HmacSha256::new_from_slice(secret).is_ok_and(|mut mac| {
                mac.update(message.as_bytes());
                mac.verify_slice(signature).is_ok()
            })
        });
        if !signed {
            return Err(JwtError::InvalidSignature);
        }

        let mut buffer = [0; 1024];
        let payload = decode_base64(payload, &mut buffer, &mut spill)?;
        payload::read(payload, Rules::JsonWebToken, want)
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

/// The headers `jsonwebtoken` and `jose` write for HS256: known to parse, with `alg` HS256.
const USUAL_HEADERS: [&[u8]; 2] = [
    br#"{"typ":"JWT","alg":"HS256"}"#,
    br#"{"alg":"HS256","typ":"JWT"}"#,
];

/// The header must be a JOSE header (as `jsonwebtoken` reads one) naming HS256, and list no
/// critical extension.
fn check_header(encoded: &str) -> Result<(), JwtError> {
    let mut buffer = [0; 128];
    let mut spill = Vec::new();
    let decoded = decode_base64(encoded, &mut buffer, &mut spill)?;
    if USUAL_HEADERS.contains(&decoded) {
        return Ok(());
    }
    let header: Header = serde_json::from_slice(decoded).map_err(|_| JwtError::Malformed)?;
    if header.alg != Algorithm::HS256 {
        return Err(JwtError::WrongAlgorithm);
    }
    // `jsonwebtoken::Header` drops what it does not know, `crit` included; no extension is
    // understood here, so a critical one refuses the token (RFC 7515 §4.1.11).
    let fields: Map<String, Value> =
        serde_json::from_slice(decoded).map_err(|_| JwtError::Malformed)?;
    if fields.contains_key("crit") {
        return Err(JwtError::CriticalExtension);
    }
    Ok(())
}

/// Unpadded base64url, as in a JWT, into `buffer` when it is sure to fit, else into `spill`.
fn decode_base64<'a>(
    encoded: &str,
    buffer: &'a mut [u8],
    spill: &'a mut Vec<u8>,
) -> Result<&'a [u8], JwtError> {
    if base64::decoded_len_estimate(encoded.len()) <= buffer.len() {
        let len = URL_SAFE_NO_PAD
            .decode_slice(encoded, buffer)
            .map_err(|_| JwtError::Malformed)?;
        Ok(&buffer[..len])
    } else {
        *spill = URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|_| JwtError::Malformed)?;
        Ok(spill)
    }
}

#[cfg(test)]
mod tests {
    use jsonwebtoken::{DecodingKey, Validation};
    use serde_json::json;

    use super::*;

    const SECRET: &[u8] = b"a secret of at least thirty-two bytes!";
    const OTHER: &[u8] = b"another secret, also thirty-two bytes";

    /// The previous implementation, through `jsonwebtoken::decode`: what `verify` must match.
    fn reference(secrets: &[&[u8]], token: &str) -> Result<Map<String, Value>, JwtError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.required_spec_claims.clear();
        validation.validate_aud = false;
        let mut outcome = Err(JwtError::InvalidSignature);
        for secret in secrets {
            let key = DecodingKey::from_secret(secret);
            outcome = jsonwebtoken::decode::<Map<String, Value>>(token, &key, &validation)
                .map(|data| data.claims)
                .map_err(|error| {
                    use jsonwebtoken::errors::ErrorKind;
                    match error.kind() {
                        ErrorKind::InvalidSignature => JwtError::InvalidSignature,
                        ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => {
                            JwtError::WrongAlgorithm
                        }
                        _ => JwtError::Malformed,
                    }
                });
            if outcome != Err(JwtError::InvalidSignature) {
                break;
            }
        }
        outcome
    }

    fn b64(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// `header.payload` signed with `secret`, both given as raw bytes (not necessarily JSON).
    fn forge(secret: &[u8], header: &[u8], payload: &[u8]) -> String {
        let message = format!("{}.{}", b64(header), b64(payload));
        let mut mac = HmacSha256::new_from_slice(secret).unwrap();
        mac.update(message.as_bytes());
        format!("{message}.{}", b64(&mac.finalize().into_bytes()))
    }

    fn same_as_reference(secrets: &[&[u8]], token: &str) {
        let codec = Hs256::new(secrets);
        assert_eq!(
            codec.verify(token),
            reference(secrets, token),
            "token {token:?}"
        );
    }

    #[test]
    fn round_trips_and_rotates_secrets() {
        let claims = json!({ "role": "admin", "exp": 2_000_000_000u64 });
        let Value::Object(claims) = claims else {
            unreachable!()
        };
        let old = Hs256::new(&[OTHER]);
        let token = old.sign(&claims).unwrap();
        assert_eq!(
            Hs256::new(&[SECRET, OTHER]).verify(&token),
            Ok(claims.clone())
        );
        assert_eq!(Hs256::new(&[OTHER, SECRET]).verify(&token), Ok(claims));
        assert_eq!(
            Hs256::new(&[SECRET]).verify(&token),
            Err(JwtError::InvalidSignature)
        );
        assert_eq!(
            Hs256::new::<&[u8]>(&[]).verify(&token),
            Err(JwtError::InvalidSignature)
        );
    }

    #[test]
    fn matches_jsonwebtoken_on_headers() {
        let payload = br#"{"role":"admin","exp":2000000000}"#;
        let headers: [&[u8]; 14] = [
            br#"{"typ":"JWT","alg":"HS256"}"#,
            br#"{"alg":"HS256","typ":"JWT"}"#,
            br#"{"alg":"HS256"}"#,
            br#"{ "alg" : "HS256", "kid": "k1", "cty": "JWT" }"#,
            br#"{"alg":"HS512","typ":"JWT"}"#,
            br#"{"alg":"RS256"}"#,
            br#"{"alg":"none"}"#,
            br#"{"alg":"hs256"}"#,
            br#"{"typ":"JWT"}"#,
            br#"{"alg":"HS256","alg":"HS256"}"#,
            br#"{"alg":"HS256","typ":5}"#,
            br#"["HS256"]"#,
            b"not json",
            b"",
        ];
        for header in headers {
            for secrets in [&[SECRET][..], &[OTHER, SECRET], &[OTHER]] {
                same_as_reference(secrets, &forge(SECRET, header, payload));
            }
        }
        // A long header goes through the heap, not the stack buffer.
        let kid = "k".repeat(400);
        let long = format!(r#"{{"alg":"HS256","kid":"{kid}"}}"#);
        same_as_reference(&[SECRET], &forge(SECRET, long.as_bytes(), payload));
    }

    #[test]
    fn a_critical_extension_is_refused_where_jsonwebtoken_ignored_it() {
        let payload = br#"{"role":"admin","exp":2000000000}"#;
        for header in [
            &br#"{"alg":"HS256","crit":["anything"]}"#[..],
            br#"{"alg":"HS256","typ":"JWT","crit":[]}"#,
            br#"{"crit":null,"alg":"HS256"}"#,
        ] {
            let token = forge(SECRET, header, payload);
            assert!(
                reference(&[SECRET], &token).is_ok(),
                "jsonwebtoken accepts it"
            );
            assert_eq!(
                Hs256::new(&[SECRET]).verify(&token),
                Err(JwtError::CriticalExtension),
                "{}",
                String::from_utf8_lossy(header)
            );
        }
    }

    #[test]
    fn matches_jsonwebtoken_on_payloads() {
        let header = br#"{"typ":"JWT","alg":"HS256"}"#;
        let big = format!(r#"{{"exp":1,"groups":"{}"}}"#, "g".repeat(3000));
        let payloads: Vec<&[u8]> = vec![
            br#"{"role":"admin","exp":2000000000}"#,
            br#"{}"#,
            br#"{"exp":1,"exp":2}"#,
            br#"{"sub":"a","sub":"b"}"#,
            br#"{"iss":"a","iss":"a"}"#,
            br#"{"aud":"a","aud":["b"]}"#,
            br#"{"nbf":1,"nbf":1}"#,
            br#"{"role":"a","role":"b"}"#,
            br#"{"exp":[]}"#,
            br#"{"exp":[1]}"#,
            br#"{"exp":{}}"#,
            br#"{"exp":{"a":1}}"#,
            br#"{"nbf":[[]]}"#,
            br#"{"exp":"soon","nbf":-5,"sub":7,"iss":{"a":1},"aud":[1,{"b":2}]}"#,
            br#"{"exp":1.5,"nbf":null,"sub":null,"iss":null,"aud":null}"#,
            br#"{"sub":[]}"#,
            br#"{"sub":{}}"#,
            br#"{"sub":["a"]}"#,
            br#"{"sub":true}"#,
            br#"{"\u0065xp":1,"exp":2}"#,
            br#"{"nested":{"exp":[1],"sub":{}}}"#,
            br#"[1,2]"#,
            br#"null"#,
            br#""text""#,
            br#"{"a":1"#,
            br#"{"a":1} trailing"#,
            b"\xff\xfe",
            b"",
            big.as_bytes(),
        ];
        for payload in payloads {
            same_as_reference(&[SECRET], &forge(SECRET, header, payload));
            same_as_reference(&[OTHER], &forge(SECRET, header, payload));
        }
        // The second parse's quirks, spelled out.
        let codec = Hs256::new(&[SECRET]);
        let verify = |payload: &[u8]| codec.verify(&forge(SECRET, header, payload)).map(|_| ());
        assert_eq!(verify(br#"{"exp":[]}"#), Ok(()));
        assert_eq!(verify(br#"{"exp":[1]}"#), Err(JwtError::Malformed));
        assert_eq!(verify(br#"{"sub":7}"#), Ok(()));
        assert_eq!(verify(br#"{"sub":{}}"#), Err(JwtError::Malformed));
        assert_eq!(verify(br#"{"exp":1,"exp":2}"#), Err(JwtError::Malformed));
        assert_eq!(verify(br#"{"role":"a","role":"b"}"#), Ok(()));
    }

    #[test]
    fn matches_jsonwebtoken_on_broken_tokens() {
        let valid = forge(
            SECRET,
            br#"{"typ":"JWT","alg":"HS256"}"#,
            br#"{"role":"admin","exp":2000000000}"#,
        );
        let (message, signature) = valid.rsplit_once('.').unwrap();
        let tokens = [
            String::new(),
            ".".to_owned(),
            "..".to_owned(),
            "...".to_owned(),
            "a.b".to_owned(),
            "not-a-token".to_owned(),
            format!("{message}."),
            format!("{message}.{signature}="),
            format!("{message}.{signature}A"),
            format!("{message}.{}", &signature[1..]),
            format!("{message}.!{}", &signature[1..]),
            format!("{message}.{}", "A".repeat(200)),
            format!("{message}.{}", b64(&[0; 64])),
            format!("x.{valid}"),
            format!("{valid}.x"),
            valid.replace('.', ".."),
            format!("{message}.{}", signature.to_uppercase()),
            valid.clone(),
        ];
        for token in &tokens {
            same_as_reference(&[SECRET], token);
            same_as_reference(&[OTHER, SECRET], token);
        }
    }

    #[test]
    fn a_lone_surrogate_as_the_library_writes_it_reads_as_the_replacement_character() {
        let header = br#"{"alg":"HS256","typ":"JWT"}"#;
        let token = forge(SECRET, header, br#"{"sub":"42","name":"Rocket \ud83d"}"#);
        assert_eq!(
            Hs256::new(&[SECRET])
                .verify(&token)
                .map(|claims| claims["name"].clone()),
            Ok(json!("Rocket \u{fffd}"))
        );
    }
}
