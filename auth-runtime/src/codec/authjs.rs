//! Auth.js's (NextAuth.js v5, `@auth/core`) session token: a JWE encrypted with `dir` +
//! `A256CBC-HS512`, its key named by a `kid`, as `@auth/core/jwt`'s `encode` and `decode`
//! write and read it.

use serde_json::{Map, Value};

use super::Codec;
use super::jwe::{self, Cek, Enc};
use crate::jwt::JwtError;
use crate::payload::{self, Decoded, Rules, Want};

/// Auth.js's session cookie name over plain HTTP; its salt is the cookie's name.
pub(crate) const AUTHJS_COOKIE: &str = "authjs.session-token";

/// The key of one secret for one salt and one `enc`, and its `kid`.
#[derive(Clone)]
struct Key {
    cek: Cek,
    kid: String,
}

impl Key {
    fn new(secret: &[u8], salt: &str, enc: Enc) -> Self {
        let info = format!("Auth.js Generated Encryption Key ({salt})");
        let cek = match enc {
            Enc::A256Gcm => Cek::A256Gcm(jwe::derive(secret, salt.as_bytes(), &info)),
            Enc::A256CbcHs512 => Cek::A256CbcHs512(jwe::derive(secret, salt.as_bytes(), &info)),
        };
        let kid = cek.thumbprint();
        Self { cek, kid }
    }
}

/// The session tokens of Auth.js (`@auth/core`, NextAuth.js v5): compact JWEs, `alg: "dir"`,
/// `enc: "A256CBC-HS512"` (and `A256GCM` accepted on decode, as Auth.js does), keyed with
/// HKDF-SHA-256 of the secret, salted with the session cookie's name, info
/// `Auth.js Generated Encryption Key (<salt>)`: 64 bytes for `A256CBC-HS512`, 32 for
/// `A256GCM`. The header's `kid` is the key's RFC 7638 thumbprint.
///
/// Tokens are encrypted with the key of `secrets[0]`; on decode the `kid` picks the secret
/// (and the salt) whose key it names, and a token without a `kid` is tried with each. Keys
/// and their thumbprints are derived once, here. Select it with
/// [`AuthOptionsBuilder::authjs`](crate::AuthOptionsBuilder::authjs), which salts with the
/// options' cookie name.
///
/// ```
/// use auth_runtime::codec::AuthJs;
/// use auth_runtime::{AuthOptions, jwt};
/// use serde_json::json;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// // What `.authjs()` sets up over plain HTTP.
/// let codec = AuthJs::new(&["the AUTH_SECRET of the Next.js app"], "authjs.session-token");
/// let options = AuthOptions::builder().codec(codec).build()?;
/// let token = jwt::encode(&options, &json!({ "sub": "user-1", "name": "Ada" })).await?;
/// assert_eq!(jwt::decode(&options, &token).await?.get_str("name"), Some("Ada"));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct AuthJs {
    /// Secret-major: every salt of the first secret, then of the next. The first is the one
    /// tokens are encrypted with.
    cbc: Vec<Key>,
    gcm: Vec<Key>,
}

impl AuthJs {
    /// A codec for the cookie (the salt) `salt`, encrypting with the key of `secrets[0]` and
    /// decrypting with the key of any.
    ///
    /// Length checks belong to the caller: [`AuthOptions`](crate::AuthOptions) refuses
    /// secrets shorter than 32 bytes. An empty list encrypts nothing and decrypts nothing.
    ///
    /// The salt is the name of the cookie the token was written to: a token of an Auth.js app
    /// with its own cookie name opens only with that name.
    ///
    /// ```
    /// use auth_runtime::codec::{AuthJs, Codec};
    /// use auth_runtime::{AuthOptions, jwt};
    /// use serde_json::json;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let secret = "the AUTH_SECRET of the Next.js app";
    /// let shop = AuthOptions::builder()
    ///     .secret(secret)
    ///     .authjs()
    ///     .cookie_name("shop.session-token")
    ///     .secure_cookies(false)
    ///     .build()?;
    /// let token = jwt::encode(&shop, &json!({ "sub": "user-1" })).await?;
    ///
    /// assert!(AuthJs::new(&[secret], "shop.session-token").decode(&token).await.is_ok());
    /// assert!(AuthJs::new(&[secret], "authjs.session-token").decode(&token).await.is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub fn new<S: AsRef<[u8]>>(secrets: &[S], salt: &str) -> Self {
        Self::with_salts(secrets, &[salt])
    }

    /// Encrypts with `salts[0]` and decrypts with any of `salts`: the options read both the
    /// plain and the `__Secure-` cookie, and Auth.js salts each with its own name.
    pub(crate) fn with_salts<S: AsRef<[u8]>>(secrets: &[S], salts: &[&str]) -> Self {
        let keys = |enc| {
            secrets
                .iter()
                .flat_map(|secret| salts.iter().map(move |salt| (secret.as_ref(), *salt)))
                .map(|(secret, salt)| Key::new(secret, salt, enc))
                .collect()
        };
        Self {
            cbc: keys(Enc::A256CbcHs512),
            gcm: keys(Enc::A256Gcm),
        }
    }

    pub(crate) fn seal(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        let key = self.cbc.first().ok_or(JwtError::Encoding)?;
        // The member order `jose` writes for `{ alg, enc, kid }`.
        let header = format!(
            r#"{{"alg":"dir","enc":"A256CBC-HS512","kid":"{}"}}"#,
            key.kid
        );
        jwe::encrypt(&key.cek, &header, claims)
    }

    pub(crate) fn open(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        match self.open_as(token, Want::Json)? {
            Decoded::Json(claims, _) => Ok(claims),
            Decoded::Payload(..) => Err(JwtError::Malformed),
        }
    }

    /// The claims of `token`, read as `want` asks.
    pub(crate) fn open_as(&self, token: &str, want: Want) -> Result<Decoded, JwtError> {
        payload::read(&self.plaintext(token)?, Rules::Object, want)
    }

    /// The authentic plaintext of `token`.
    fn plaintext(&self, token: &str) -> Result<Vec<u8>, JwtError> {
        let parsed = jwe::parse(token, &[Enc::A256CbcHs512, Enc::A256Gcm])?;
        let keys = match parsed.enc {
            Enc::A256CbcHs512 => &self.cbc,
            Enc::A256Gcm => &self.gcm,
        };
        if let Some(kid) = &parsed.kid {
            // As Auth.js: the `kid` names the key; no key by that name, no decryption.
            let key = keys
                .iter()
                .find(|key| key.kid == *kid)
                .ok_or(JwtError::InvalidSignature)?;
            return jwe::plaintext(&key.cek, &parsed);
        }
        let mut outcome = Err(JwtError::InvalidSignature);
        for key in keys {
            outcome = jwe::plaintext(&key.cek, &parsed);
            // Only a failed tag is worth another key; anything else is final.
            if outcome != Err(JwtError::InvalidSignature) {
                break;
            }
        }
        outcome
    }
}

impl Codec for AuthJs {
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

    const NEW: &str = "new secret, at least thirty-two bytes";
    const OLD: &str = "old secret, at least thirty-two bytes";

    fn claims() -> Map<String, Value> {
        json!({ "name": "Ada", "role": "admin" })
            .as_object()
            .cloned()
            .unwrap_or_default()
    }

    fn header(token: &str) -> Value {
        use base64::Engine;
        let segment = token.split('.').next().unwrap();
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(segment)
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn the_kid_is_the_thumbprint_of_the_first_secrets_key() {
        let codec = AuthJs::new(&[NEW, OLD], AUTHJS_COOKIE);
        let token = codec.seal(&claims()).unwrap();
        let header = header(&token);
        assert_eq!(header["alg"], "dir");
        assert_eq!(header["enc"], "A256CBC-HS512");
        let kid = header["kid"].as_str().unwrap();
        // A base64url SHA-512: 86 characters.
        assert_eq!(kid.len(), 86);
        assert_eq!(
            kid,
            Key::new(NEW.as_bytes(), AUTHJS_COOKIE, Enc::A256CbcHs512).kid
        );
    }

    #[test]
    fn the_kid_matches_the_one_auth_js_writes() {
        // `@auth/core` 0.41.3's `encode({ secret: "s".repeat(32), salt: "authjs.session-token" })`
        // wrote this `kid`: HKDF, key length and thumbprint all agree.
        let key = Key::new(&[b's'; 32], AUTHJS_COOKIE, Enc::A256CbcHs512);
        assert_eq!(
            key.kid,
            "7z3RJI1Vp_KnUbsk_faHlj66B1OILxASyCRt8_9hSd32WsvLcPz2siV98YME3Ci1q-uIe1OLKATTYWYDhYnG7Q"
        );
    }

    #[test]
    fn the_kid_picks_the_secret_and_rotation_works() {
        let old = AuthJs::new(&[OLD], AUTHJS_COOKIE);
        let rotated = AuthJs::new(&[NEW, OLD], AUTHJS_COOKIE);
        let token = old.seal(&claims()).unwrap();
        assert_eq!(rotated.open(&token), Ok(claims()));
        assert_eq!(
            AuthJs::new(&[NEW], AUTHJS_COOKIE).open(&token),
            Err(JwtError::InvalidSignature)
        );
    }

    #[test]
    fn the_salt_separates_cookies() {
        let plain = AuthJs::new(&[NEW], AUTHJS_COOKIE);
        let secure = AuthJs::new(&[NEW], "__Secure-authjs.session-token");
        let both = AuthJs::with_salts(&[NEW], &["__Secure-authjs.session-token", AUTHJS_COOKIE]);
        let token = plain.seal(&claims()).unwrap();
        assert_eq!(secure.open(&token), Err(JwtError::InvalidSignature));
        assert_eq!(both.open(&token), Ok(claims()));
        assert_eq!(
            plain.open(&both.seal(&claims()).unwrap()),
            Err(JwtError::InvalidSignature)
        );
    }

    #[test]
    fn tokens_without_a_kid_and_a256gcm_tokens_are_read() {
        let codec = AuthJs::new(&[NEW, OLD], AUTHJS_COOKIE);
        let old_gcm = Key::new(OLD.as_bytes(), AUTHJS_COOKIE, Enc::A256Gcm);
        let without_kid =
            jwe::encrypt(&old_gcm.cek, r#"{"alg":"dir","enc":"A256GCM"}"#, &claims()).unwrap();
        assert_eq!(codec.open(&without_kid), Ok(claims()));
        let with_kid = jwe::encrypt(
            &old_gcm.cek,
            &format!(r#"{{"alg":"dir","enc":"A256GCM","kid":"{}"}}"#, old_gcm.kid),
            &claims(),
        )
        .unwrap();
        assert_eq!(codec.open(&with_kid), Ok(claims()));
        let wrong_kid = jwe::encrypt(
            &old_gcm.cek,
            r#"{"alg":"dir","enc":"A256GCM","kid":"nobody"}"#,
            &claims(),
        )
        .unwrap();
        assert_eq!(codec.open(&wrong_kid), Err(JwtError::InvalidSignature));
    }

    #[test]
    fn next_auth_v4_tokens_are_not_auth_js_tokens() {
        let v4 = super::super::NextAuthV4::new(&[NEW])
            .seal(&claims())
            .unwrap();
        assert_eq!(
            AuthJs::new(&[NEW], AUTHJS_COOKIE).open(&v4),
            Err(JwtError::InvalidSignature)
        );
    }

    #[test]
    fn a_lone_surrogate_as_the_library_writes_it_reads_as_the_replacement_character() {
        // `JSON.stringify` writes half of a surrogate pair as an escape; `decode` reads it.
        let payload = br#"{"sub":"42","name":"Rocket \ud83d","exp":4102444800}"#.to_vec();
        let codec = AuthJs::new(&[NEW], AUTHJS_COOKIE);
        let key = &codec.cbc[0];
        let header = format!(
            r#"{{"alg":"dir","enc":"A256CBC-HS512","kid":"{}"}}"#,
            key.kid
        );
        let token = jwe::seal(&key.cek, &header, payload).unwrap();
        assert_eq!(
            codec.open(&token).map(|claims| claims["name"].clone()),
            Ok(json!("Rocket \u{fffd}"))
        );
    }
}
