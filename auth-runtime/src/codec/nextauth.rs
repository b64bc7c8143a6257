//! NextAuth.js v4's session token: a JWE encrypted with `dir` + `A256GCM`, as
//! `next-auth/jwt`'s `encode` and `decode` write and read it.

use serde_json::{Map, Value};

use super::Codec;
use super::jwe::{self, Cek, Enc};
use crate::jwt::JwtError;
use crate::payload::{self, Decoded, Rules, Want};

/// The HKDF `info` NextAuth.js v4 derives its key with (the salt is empty).
const INFO: &str = "NextAuth.js Generated Encryption Key";

/// The protected header `next-auth/jwt` writes, byte for byte.
const HEADER: &str = r#"{"alg":"dir","enc":"A256GCM"}"#;

/// The session tokens of NextAuth.js v4 (`next-auth` 4.x, `next-auth/jwt`): compact JWEs,
/// `alg: "dir"`, `enc: "A256GCM"`, keyed with 32 bytes of HKDF-SHA-256 of the secret (empty
/// salt, info `NextAuth.js Generated Encryption Key`).
///
/// Tokens are encrypted with the key of `secrets[0]` and decrypted with the key of each
/// secret in turn, so a secret can be rotated (NextAuth.js v4 itself takes only one). The
/// keys are derived once, here. Select it with
/// [`AuthOptionsBuilder::nextauth_v4`](crate::AuthOptionsBuilder::nextauth_v4).
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
/// let token = jwt::encode(&options, &json!({ "sub": "user-1", "name": "Ada" })).await?;
/// assert_eq!(token.split('.').count(), 5);
/// assert_eq!(jwt::decode(&options, &token).await?.get_str("name"), Some("Ada"));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct NextAuthV4 {
    keys: Vec<Cek>,
}

impl NextAuthV4 {
    /// A codec encrypting with the key of `secrets[0]` and decrypting with the key of any.
    ///
    /// Length checks belong to the caller: [`AuthOptions`](crate::AuthOptions) refuses
    /// secrets shorter than 32 bytes. An empty list encrypts nothing and decrypts nothing.
    ///
    /// A tool that reads the Next.js app's session cookies without options of its own:
    ///
    /// ```
    /// use auth_runtime::codec::{Codec, NextAuthV4};
    /// use auth_runtime::{AuthOptions, jwt};
    /// use serde_json::json;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let app = AuthOptions::builder()
    /// #     .secret("the NEXTAUTH_SECRET of the Next.js app")
    /// #     .nextauth_v4()
    /// #     .build()?;
    /// # let cookie = jwt::encode(&app, &json!({ "sub": "user-1" })).await?;
    /// let codec = NextAuthV4::new(&["the NEXTAUTH_SECRET of the Next.js app"]);
    /// let claims = codec.decode(&cookie).await?;
    /// assert_eq!(claims["sub"], "user-1");
    /// # Ok(())
    /// # }
    /// ```
    pub fn new<S: AsRef<[u8]>>(secrets: &[S]) -> Self {
        Self {
            keys: secrets
                .iter()
                .map(|secret| Cek::A256Gcm(jwe::derive(secret.as_ref(), b"", INFO)))
                .collect(),
        }
    }

    pub(crate) fn seal(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        let key = self.keys.first().ok_or(JwtError::Encoding)?;
        jwe::encrypt(key, HEADER, claims)
    }

    pub(crate) fn open(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        match self.open_as(token, Want::Json)? {
            Decoded::Json(claims, _) => Ok(claims),
            Decoded::Payload(..) => Err(JwtError::Malformed),
        }
    }

    /// The claims of `token`, read as `want` asks.
    pub(crate) fn open_as(&self, token: &str, want: Want) -> Result<Decoded, JwtError> {
        let parsed = jwe::parse(token, &[Enc::A256Gcm])?;
        let mut outcome = Err(JwtError::InvalidSignature);
        for key in &self.keys {
            outcome = jwe::plaintext(key, &parsed);
            // Only a failed tag is worth another key; anything else is final.
            if outcome != Err(JwtError::InvalidSignature) {
                break;
            }
        }
        payload::read(&outcome?, Rules::Object, want)
    }
}

impl Codec for NextAuthV4 {
    async fn encode(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        self.seal(claims)
    }

    async fn decode(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        self.open(token)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn claims() -> Map<String, Value> {
        json!({ "name": "Ada", "role": "admin" })
            .as_object()
            .cloned()
            .unwrap_or_default()
    }

    #[test]
    fn writes_the_header_next_auth_writes() {
        let token = NextAuthV4::new(&["s".repeat(32)]).seal(&claims()).unwrap();
        // base64url of {"alg":"dir","enc":"A256GCM"}, as `jose` encodes it.
        assert!(token.starts_with("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.."));
    }

    #[test]
    fn any_listed_secret_decrypts_and_the_first_encrypts() {
        let old = NextAuthV4::new(&["old secret, at least thirty-two bytes"]);
        let rotated = NextAuthV4::new(&[
            "new secret, at least thirty-two bytes",
            "old secret, at least thirty-two bytes",
        ]);
        let new_only = NextAuthV4::new(&["new secret, at least thirty-two bytes"]);
        let token = old.seal(&claims()).unwrap();
        assert_eq!(rotated.open(&token), Ok(claims()));
        assert_eq!(new_only.open(&token), Err(JwtError::InvalidSignature));
        let token = rotated.seal(&claims()).unwrap();
        assert_eq!(new_only.open(&token), Ok(claims()));
        assert_eq!(old.open(&token), Err(JwtError::InvalidSignature));
    }

    #[test]
    fn an_empty_list_refuses_everything() {
        let none = NextAuthV4::new::<&str>(&[]);
        assert_eq!(none.seal(&claims()), Err(JwtError::Encoding));
        let token = NextAuthV4::new(&["s".repeat(32)]).seal(&claims()).unwrap();
        assert_eq!(none.open(&token), Err(JwtError::InvalidSignature));
    }

    #[test]
    fn an_hs256_jwt_is_not_accepted() {
        let codec = NextAuthV4::new(&["s".repeat(32)]);
        let jws = "eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiQWRhIn0.c2lnbmF0dXJl";
        assert_eq!(codec.open(jws), Err(JwtError::Malformed));
    }

    #[test]
    fn a_lone_surrogate_as_the_library_writes_it_reads_as_the_replacement_character() {
        // `JSON.stringify` writes half of a surrogate pair as an escape; `decode` reads it.
        let payload = br#"{"sub":"42","name":"Rocket \ud83d","exp":4102444800}"#.to_vec();
        let codec = NextAuthV4::new(&["a secret of at least thirty-two bytes!"]);
        let token = jwe::seal(&codec.keys[0], HEADER, payload).unwrap();
        assert_eq!(
            codec.open(&token).map(|claims| claims["name"].clone()),
            Ok(json!("Rocket \u{fffd}"))
        );
    }
}
