//! Compact JWE with direct key agreement (`alg: dir`), as `jose` writes it for NextAuth.js and
//! Auth.js: the parsing, the two content encryptions they use (`A256GCM`, `A256CBC-HS512`), and
//! the HKDF key derivation. Every primitive comes from RustCrypto's crates; this module only
//! assembles them as RFC 7516 and RFC 7518 say.

use aes::Aes256;
use aes_gcm::aead::rand_core::RngCore;
use aes_gcm::aead::{AeadInPlace, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Nonce, Tag};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha512};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::jwt::JwtError;

/// A content encryption algorithm (the header's `enc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Enc {
    /// AES-256 in Galois/Counter Mode: a 32-byte key, a 12-byte IV, a 16-byte tag.
    A256Gcm,
    /// AES-256-CBC with HMAC-SHA-512 truncated to 32 bytes (RFC 7518 §5.2.5): a 64-byte key
    /// (MAC key first, then encryption key), a 16-byte IV, a 32-byte tag.
    A256CbcHs512,
}

impl Enc {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Enc::A256Gcm => "A256GCM",
            Enc::A256CbcHs512 => "A256CBC-HS512",
        }
    }

    fn iv_len(self) -> usize {
        match self {
            Enc::A256Gcm => 12,
            Enc::A256CbcHs512 => 16,
        }
    }

    fn tag_len(self) -> usize {
        match self {
            Enc::A256Gcm => 16,
            Enc::A256CbcHs512 => 32,
        }
    }
}

/// A key for one content encryption algorithm, zeroed in memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub(crate) enum Cek {
    A256Gcm([u8; 32]),
    A256CbcHs512([u8; 64]),
}

impl Cek {
    pub(crate) fn enc(&self) -> Enc {
        match self {
            Cek::A256Gcm(_) => Enc::A256Gcm,
            Cek::A256CbcHs512(_) => Enc::A256CbcHs512,
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Cek::A256Gcm(key) => key,
            Cek::A256CbcHs512(key) => key,
        }
    }

    /// The RFC 7638 thumbprint of the key as an `oct` JWK, hashed with the SHA-2 of the key's
    /// bit length (SHA-256 for 32 bytes, SHA-512 for 64), base64url: what Auth.js puts in `kid`.
    pub(crate) fn thumbprint(&self) -> String {
        let jwk = format!(
            r#"{{"k":"{}","kty":"oct"}}"#,
            URL_SAFE_NO_PAD.encode(self.bytes())
        );
        match self {
            Cek::A256Gcm(_) => URL_SAFE_NO_PAD.encode(Sha256::digest(jwk.as_bytes())),
            Cek::A256CbcHs512(_) => URL_SAFE_NO_PAD.encode(Sha512::digest(jwk.as_bytes())),
        }
    }
}

/// HKDF-SHA-256 of `secret` with `salt` and `info`, `N` bytes long (RFC 5869). An empty salt
/// is the same as none.
pub(crate) fn derive<const N: usize>(secret: &[u8], salt: &[u8], info: &str) -> [u8; N] {
    let mut okm = [0u8; N];
    Hkdf::<Sha256>::new(Some(salt), secret)
        .expand(info.as_bytes(), &mut okm)
        .expect("32 or 64 bytes is far below HKDF-SHA-256's limit of 8160");
    okm
}

/// A compact JWE taken apart, its header checked.
pub(crate) struct Parsed<'a> {
    /// The protected header segment as sent: the additional authenticated data.
    header_segment: &'a str,
    pub(crate) enc: Enc,
    pub(crate) kid: Option<String>,
    iv: Vec<u8>,
    ciphertext: Vec<u8>,
    tag: Vec<u8>,
}

/// Splits and checks a compact JWE: five segments, a protected header that is a JSON object
/// with `alg: "dir"` and an `enc` in `accepted`, no `zip` or `crit`, an empty encrypted key,
/// and an IV and a tag of the lengths `enc` requires.
///
/// # Errors
/// [`JwtError::WrongAlgorithm`] for another `alg` or `enc`, or a `zip`;
/// [`JwtError::Malformed`] for anything else wrong.
pub(crate) fn parse<'a>(token: &'a str, accepted: &[Enc]) -> Result<Parsed<'a>, JwtError> {
    let mut segments = token.split('.');
    let (Some(header_segment), Some(encrypted_key), Some(iv), Some(ciphertext), Some(tag), None) = (
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
    ) else {
        return Err(JwtError::Malformed);
    };
    let header = base64url(header_segment)?;
    let Ok(Value::Object(header)) = serde_json::from_slice::<Value>(&header) else {
        return Err(JwtError::Malformed);
    };
    match header.get("alg") {
        Some(Value::String(alg)) if alg == "dir" => {}
        Some(Value::String(_)) => return Err(JwtError::WrongAlgorithm),
        _ => return Err(JwtError::Malformed),
    }
    let enc = match header.get("enc") {
        Some(Value::String(enc)) => accepted
            .iter()
            .copied()
            .find(|accepted| accepted.name() == enc)
            .ok_or(JwtError::WrongAlgorithm)?,
        _ => return Err(JwtError::Malformed),
    };
    if header.contains_key("zip") {
        // Compressed payloads are neither written by NextAuth.js nor Auth.js, and inflating
        // an attacker's data before it is authenticated is not worth supporting.
        return Err(JwtError::WrongAlgorithm);
    }
    if header.contains_key("crit") {
        // No extension is understood, so any critical one must be refused (RFC 7516 §4.1.13).
        return Err(JwtError::CriticalExtension);
    }
    let kid = match header.get("kid") {
        None => None,
        Some(Value::String(kid)) => Some(kid.clone()),
        Some(_) => return Err(JwtError::Malformed),
    };
    if !encrypted_key.is_empty() {
        // `dir` uses the shared key as it is: there is no encrypted key to carry.
        return Err(JwtError::Malformed);
    }
    let iv = base64url(iv)?;
    let tag = base64url(tag)?;
    if iv.len() != enc.iv_len() || tag.len() != enc.tag_len() {
        return Err(JwtError::Malformed);
    }
    Ok(Parsed {
        header_segment,
        enc,
        kid,
        iv,
        ciphertext: base64url(ciphertext)?,
        tag,
    })
}

fn base64url(segment: &str) -> Result<Vec<u8>, JwtError> {
    URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|_| JwtError::Malformed)
}

/// The compact JWE of `claims` under `key`, with the protected header `header` (a JSON object
/// naming `alg: "dir"` and the key's `enc`) and a fresh random IV.
pub(crate) fn encrypt(
    key: &Cek,
    header: &str,
    claims: &Map<String, Value>,
) -> Result<String, JwtError> {
    let plaintext = serde_json::to_vec(claims).map_err(|_| JwtError::Encoding)?;
    seal(key, header, plaintext)
}

/// `plaintext` encrypted under `key` and `header`, as a compact JWE: what [`encrypt`] does
/// with the JSON of the claims, and what tests do with payloads serde_json cannot write.
pub(crate) fn seal(key: &Cek, header: &str, mut plaintext: Vec<u8>) -> Result<String, JwtError> {
    let header_segment = URL_SAFE_NO_PAD.encode(header);
    let aad = header_segment.as_bytes();
    let (iv, ciphertext, tag) = match key {
        Cek::A256Gcm(key) => {
            let mut iv = [0u8; 12];
            OsRng.fill_bytes(&mut iv);
            let tag = Aes256Gcm::new(key.into())
                .encrypt_in_place_detached(&Nonce::from(iv), aad, &mut plaintext)
                .map_err(|_| JwtError::Encoding)?;
            (iv.to_vec(), plaintext, tag.to_vec())
        }
        Cek::A256CbcHs512(key) => {
            let (mac_key, enc_key) = key.split_at(32);
            let mut iv = [0u8; 16];
            OsRng.fill_bytes(&mut iv);
            let ciphertext = cbc::Encryptor::<Aes256>::new_from_slices(enc_key, &iv)
                .map_err(|_| JwtError::Encoding)?
                .encrypt_padded_vec_mut::<Pkcs7>(&plaintext);
            let tag = cbc_hs512_mac(mac_key, aad, &iv, &ciphertext)?
                .finalize()
                .into_bytes();
            // RFC 7518 §5.2.2.1: the tag is the first half of the HMAC-SHA-512 output.
            let tag = tag.get(..32).ok_or(JwtError::Encoding)?.to_vec();
            (iv.to_vec(), ciphertext, tag)
        }
    };
    Ok(format!(
        "{header_segment}..{}.{}.{}",
        URL_SAFE_NO_PAD.encode(iv),
        URL_SAFE_NO_PAD.encode(ciphertext),
        URL_SAFE_NO_PAD.encode(tag)
    ))
}

/// The authentic plaintext of `token`, before it is read as claims.
///
/// # Errors
/// [`JwtError::InvalidSignature`] when the authentication tag does not match (another key,
/// or altered content), [`JwtError::Malformed`] when a CBC plaintext's padding is broken.
pub(crate) fn plaintext(key: &Cek, token: &Parsed<'_>) -> Result<Vec<u8>, JwtError> {
    if key.enc() != token.enc {
        return Err(JwtError::InvalidSignature);
    }
    let aad = token.header_segment.as_bytes();
    let plaintext = match key {
        Cek::A256Gcm(key) => {
            // `parse` checked both lengths for this `enc`.
            let iv: [u8; 12] = token
                .iv
                .as_slice()
                .try_into()
                .map_err(|_| JwtError::Malformed)?;
            let tag: [u8; 16] = token
                .tag
                .as_slice()
                .try_into()
                .map_err(|_| JwtError::Malformed)?;
            let mut buffer = token.ciphertext.clone();
            Aes256Gcm::new(key.into())
                .decrypt_in_place_detached(&Nonce::from(iv), aad, &mut buffer, &Tag::from(tag))
                .map_err(|_| JwtError::InvalidSignature)?;
            buffer
        }
        Cek::A256CbcHs512(key) => {
            let (mac_key, enc_key) = key.split_at(32);
            // Authenticate before decrypting, so padding errors reveal nothing (no oracle).
            cbc_hs512_mac(mac_key, aad, &token.iv, &token.ciphertext)?
                .verify_truncated_left(&token.tag)
                .map_err(|_| JwtError::InvalidSignature)?;
            cbc::Decryptor::<Aes256>::new_from_slices(enc_key, &token.iv)
                .map_err(|_| JwtError::Malformed)?
                .decrypt_padded_vec_mut::<Pkcs7>(&token.ciphertext)
                .map_err(|_| JwtError::Malformed)?
        }
    };
    Ok(plaintext)
}

/// HMAC-SHA-512 over `AAD || IV || ciphertext || AL`, AL being the AAD's length in bits as a
/// 64-bit big-endian integer (RFC 7518 §5.2.2.1).
fn cbc_hs512_mac(
    mac_key: &[u8],
    aad: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<Hmac<Sha512>, JwtError> {
    let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(mac_key).map_err(|_| JwtError::Encoding)?;
    let aad_bits = u64::try_from(aad.len())
        .ok()
        .and_then(|len| len.checked_mul(8))
        .ok_or(JwtError::Malformed)?;
    mac.update(aad);
    mac.update(iv);
    mac.update(ciphertext);
    mac.update(&aad_bits.to_be_bytes());
    Ok(mac)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::payload::{self, Decoded, Rules, Want};

    /// The claims of `token`, read as a codec reads them.
    fn decrypt(key: &Cek, token: &Parsed<'_>) -> Result<Map<String, Value>, JwtError> {
        match payload::read(&plaintext(key, token)?, Rules::Object, Want::Json)? {
            Decoded::Json(claims, _) => Ok(claims),
            Decoded::Payload(..) => Err(JwtError::Malformed),
        }
    }

    fn claims() -> Map<String, Value> {
        json!({ "name": "Ada", "exp": 4_102_444_800_u64 })
            .as_object()
            .cloned()
            .unwrap_or_default()
    }

    const GCM_HEADER: &str = r#"{"alg":"dir","enc":"A256GCM"}"#;
    const CBC_HEADER: &str = r#"{"alg":"dir","enc":"A256CBC-HS512"}"#;
    const BOTH: &[Enc] = &[Enc::A256Gcm, Enc::A256CbcHs512];

    #[test]
    fn keys_are_zeroed_when_dropped() {
        // A compile-time check: a `Cek` that stopped zeroing itself would not build here.
        fn zeroed_on_drop<T: ZeroizeOnDrop>() {}
        zeroed_on_drop::<Cek>();
    }

    #[test]
    fn both_encryptions_round_trip() {
        for (key, header) in [
            (Cek::A256Gcm([7; 32]), GCM_HEADER),
            (Cek::A256CbcHs512([9; 64]), CBC_HEADER),
        ] {
            let token = encrypt(&key, header, &claims()).unwrap();
            let parsed = parse(&token, BOTH).unwrap();
            assert_eq!(parsed.enc, key.enc());
            assert_eq!(decrypt(&key, &parsed), Ok(claims()));
        }
    }

    /// RFC 7518 Appendix B.3: the AES_256_CBC_HMAC_SHA_512 test case.
    #[test]
    fn cbc_hs512_matches_the_rfc_test_vector() {
        let key: Vec<u8> = (0u8..64).collect();
        let mac_key = &key[..32];
        let enc_key = &key[32..];
        let plaintext = b"A cipher system must not be required to be secret, and it must be able to fall into the hands of the enemy without inconvenience";
        let iv = hex("1af38c2dc2b96ffdd86694092341bc04");
        let aad = b"The second principle of Auguste Kerckhoffs";
        let ciphertext = cbc::Encryptor::<Aes256>::new_from_slices(enc_key, &iv)
            .unwrap()
            .encrypt_padded_vec_mut::<Pkcs7>(plaintext);
        assert_eq!(
            ciphertext,
            hex(concat!(
                "4affaaadb78c31c5da4b1b590d10ffbd3dd8d5d302423526912da037ecbcc7bd",
                "822c301dd67c373bccb584ad3e9279c2e6d12a1374b77f077553df829410446b",
                "36ebd97066296ae6427ea75c2e0846a11a09ccf5370dc80bfecbad28c73f09b3",
                "a3b75e662a2594410ae496b2e2e6609e31e6e02cc837f053d21f37ff4f51950b",
                "be2638d09dd7a4930930806d0703b1f6"
            ))
        );
        let tag = cbc_hs512_mac(mac_key, aad, &iv, &ciphertext)
            .unwrap()
            .finalize()
            .into_bytes();
        assert_eq!(
            tag[..32],
            hex("4dd3b4c088a7f45c216839645b2012bf2e6269a8c56a816dbc1b267761955bc5")[..]
        );
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn headers_other_than_dir_with_an_accepted_enc_are_refused() {
        let key = Cek::A256Gcm([7; 32]);
        let body = |header: &str| {
            let token = encrypt(&key, header, &claims()).unwrap();
            parse(&token, &[Enc::A256Gcm]).map(|parsed| parsed.enc)
        };
        assert_eq!(body(GCM_HEADER), Ok(Enc::A256Gcm));
        assert_eq!(
            body(r#"{"alg":"A256KW","enc":"A256GCM"}"#),
            Err(JwtError::WrongAlgorithm)
        );
        assert_eq!(
            body(r#"{"alg":"dir","enc":"A128GCM"}"#),
            Err(JwtError::WrongAlgorithm)
        );
        assert_eq!(body(CBC_HEADER), Err(JwtError::WrongAlgorithm));
        assert_eq!(
            body(r#"{"alg":"dir","enc":"A256GCM","zip":"DEF"}"#),
            Err(JwtError::WrongAlgorithm)
        );
        assert_eq!(
            body(r#"{"alg":"dir","enc":"A256GCM","crit":["b64"]}"#),
            Err(JwtError::CriticalExtension)
        );
        assert_eq!(
            body(r#"{"alg":"dir","enc":"A256GCM","kid":7}"#),
            Err(JwtError::Malformed)
        );
        assert_eq!(body(r#"{"enc":"A256GCM"}"#), Err(JwtError::Malformed));
        assert_eq!(body(r#"["dir"]"#), Err(JwtError::Malformed));
    }

    #[test]
    fn segments_are_checked() {
        let key = Cek::A256Gcm([7; 32]);
        let token = encrypt(&key, GCM_HEADER, &claims()).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        let join = |parts: &[&str]| parts.join(".");
        assert!(parse(&join(&parts), BOTH).is_ok());
        assert!(parse(&join(&parts[..4]), BOTH).is_err());
        assert!(parse(&format!("{token}."), BOTH).is_err());
        let mut with_key = parts.clone();
        with_key[1] = "AAAA";
        assert_eq!(
            parse(&join(&with_key), BOTH).err(),
            Some(JwtError::Malformed)
        );
        let mut short_iv = parts.clone();
        short_iv[2] = "AAAA";
        assert_eq!(
            parse(&join(&short_iv), BOTH).err(),
            Some(JwtError::Malformed)
        );
        let mut short_tag = parts.clone();
        short_tag[4] = "AAAA";
        assert_eq!(
            parse(&join(&short_tag), BOTH).err(),
            Some(JwtError::Malformed)
        );
    }

    #[test]
    fn a_wrong_key_or_altered_content_fails_the_tag() {
        for (key, other, header) in [
            (Cek::A256Gcm([7; 32]), Cek::A256Gcm([8; 32]), GCM_HEADER),
            (
                Cek::A256CbcHs512([9; 64]),
                Cek::A256CbcHs512([10; 64]),
                CBC_HEADER,
            ),
        ] {
            let token = encrypt(&key, header, &claims()).unwrap();
            let parsed = parse(&token, BOTH).unwrap();
            assert_eq!(decrypt(&other, &parsed), Err(JwtError::InvalidSignature));
            // Every single-character change to the IV, ciphertext or tag is caught.
            let start = token.find("..").unwrap() + 2;
            for at in start..token.len() {
                let mut bytes = token.clone().into_bytes();
                if bytes[at] == b'.' {
                    continue;
                }
                bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
                let altered = String::from_utf8(bytes).unwrap();
                let outcome = parse(&altered, BOTH).and_then(|parsed| decrypt(&key, &parsed));
                assert!(outcome.is_err(), "{altered}");
            }
        }
    }

    #[test]
    fn no_input_panics() {
        let key = Cek::A256CbcHs512([9; 64]);
        let token = encrypt(&key, CBC_HEADER, &claims()).unwrap();
        for end in 0..token.len() {
            let prefix = &token[..end];
            let _ = parse(prefix, BOTH).and_then(|parsed| decrypt(&key, &parsed));
        }
        for input in [
            "",
            ".",
            "....",
            ".....",
            "a.b.c.d.e",
            "é.é.é.é.é",
            "\0\0\0\0",
        ] {
            assert!(parse(input, BOTH).is_err());
        }
    }

    #[test]
    fn an_authentic_cbc_ciphertext_that_is_not_whole_blocks_is_malformed() {
        // A tag computed over a ciphertext of 5 bytes: authentic, but not AES-CBC output.
        let key = [9u8; 64];
        let header_segment = URL_SAFE_NO_PAD.encode(CBC_HEADER);
        let iv = [1u8; 16];
        let ciphertext = [2u8; 5];
        let tag = cbc_hs512_mac(&key[..32], header_segment.as_bytes(), &iv, &ciphertext)
            .unwrap()
            .finalize()
            .into_bytes();
        let token = format!(
            "{header_segment}..{}.{}.{}",
            URL_SAFE_NO_PAD.encode(iv),
            URL_SAFE_NO_PAD.encode(ciphertext),
            URL_SAFE_NO_PAD.encode(&tag[..32])
        );
        let parsed = parse(&token, BOTH).unwrap();
        assert_eq!(
            decrypt(&Cek::A256CbcHs512(key), &parsed),
            Err(JwtError::Malformed)
        );
    }

    #[test]
    fn a_payload_that_is_not_an_object_is_malformed() {
        // Encrypt a JSON array by hand with the same primitives.
        let key = [7u8; 32];
        let header_segment = URL_SAFE_NO_PAD.encode(GCM_HEADER);
        let iv = [1u8; 12];
        let mut buffer = b"[1,2,3]".to_vec();
        let tag = Aes256Gcm::new((&key).into())
            .encrypt_in_place_detached(&Nonce::from(iv), header_segment.as_bytes(), &mut buffer)
            .unwrap();
        let token = format!(
            "{header_segment}..{}.{}.{}",
            URL_SAFE_NO_PAD.encode(iv),
            URL_SAFE_NO_PAD.encode(&buffer),
            URL_SAFE_NO_PAD.encode(tag)
        );
        let parsed = parse(&token, BOTH).unwrap();
        assert_eq!(
            decrypt(&Cek::A256Gcm(key), &parsed),
            Err(JwtError::Malformed)
        );
    }
}
