//! The claims of a token a codec authenticated, read from the JSON it holds: into a JSON map
//! for JSON claims, or only checked, its registered claims taken, and kept as bytes for a typed struct to
//! deserialize, so a typed guard builds no map at all.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::jwt::JwtError;

/// What a payload must be, beyond a JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rules {
    /// What `jsonwebtoken::decode` accepted: the HS256 codec replaced it and accepts exactly
    /// the same tokens. It parsed the claims a second time into its own struct of `exp`,
    /// `nbf`, `sub`, `iss` and `aud`, and that parse refused one of those five twice, `exp` or
    /// `nbf` a non-empty array or object, and `sub` an array or an object.
    JsonWebToken,
    /// Any JSON object, as `jose` reads the payload of a JWE.
    Object,
}

/// What the payload is read into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    /// The JSON claims.
    Json,
    /// The checked payload, for a typed struct to deserialize.
    Payload,
    /// The checked payload, and these claims as JSON: the ones a rule reads, so a guard
    /// builds no map of the claims nothing reads.
    Some(&'static [&'static str]),
}

/// The claims of an authenticated token.
#[derive(Debug)]
pub(crate) enum Decoded {
    /// As a JSON map.
    Json(Map<String, Value>, Registered),
    /// As the JSON the codec authenticated, checked to be claims, with the claims
    /// [`Want::Some`] named, and their names.
    Payload(Arc<[u8]>, Registered, Option<ClaimsRead>),
}

impl Decoded {
    /// The claims a custom codec decoded into a map.
    pub(crate) fn json(claims: Map<String, Value>) -> Self {
        let times = Registered::of(&claims);
        Decoded::Json(claims, times)
    }

    pub(crate) fn registered(&self) -> &Registered {
        match self {
            Decoded::Json(_, times) | Decoded::Payload(_, times, _) => times,
        }
    }
}

/// The claims [`Want::Some`] named, read as JSON: the names asked for, and those of them the
/// token holds.
pub(crate) type ClaimsRead = (&'static [&'static str], Map<String, Value>);

/// The registered claims the crate checks on every token (when it is valid, whom it is for,
/// whom it is about), as the token holds them.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Registered {
    pub(crate) exp: Option<Value>,
    pub(crate) nbf: Option<Value>,
    pub(crate) iat: Option<Value>,
    pub(crate) aud: Option<Value>,
    pub(crate) sub: Option<Value>,
}

impl Registered {
    /// The checked claims of JSON claims.
    pub(crate) fn of(claims: &Map<String, Value>) -> Self {
        let get = |name| claims.get(name).cloned();
        Registered {
            exp: get("exp"),
            nbf: get("nbf"),
            iat: get("iat"),
            aud: get("aud"),
            sub: get("sub"),
        }
    }

    /// The slot of the claim `name`, if it is one the crate checks.
    fn slot(&mut self, name: &str) -> Option<&mut Option<Value>> {
        match name {
            "exp" => Some(&mut self.exp),
            "nbf" => Some(&mut self.nbf),
            "iat" => Some(&mut self.iat),
            "aud" => Some(&mut self.aud),
            "sub" => Some(&mut self.sub),
            _ => None,
        }
    }
}

/// Reads `bytes`, the authenticated payload of a token, as claims following `rules`.
pub(crate) fn read(bytes: &[u8], rules: Rules, want: Want) -> Result<Decoded, JwtError> {
    let bytes = replace_lone_surrogates(bytes);
    let keep = match want {
        Want::Json => Keep::All,
        Want::Payload => Keep::Only(&[]),
        Want::Some(names) => Keep::Only(names),
    };
    let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
    let (claims, times) = Reader { rules, keep }
        .deserialize(&mut deserializer)
        .and_then(|read| deserializer.end().map(|()| read))
        .map_err(|_| JwtError::Malformed)?;
    Ok(match want {
        Want::Json => Decoded::Json(claims, times),
        Want::Payload => Decoded::Payload(bytes.into(), times, None),
        Want::Some(names) => Decoded::Payload(bytes.into(), times, Some((names, claims))),
    })
}

/// `bytes` with each `\uXXXX` escape of a lone UTF-16 surrogate replaced by `\ufffd`.
///
/// JavaScript strings may hold half of a surrogate pair (a name cut in the middle of an emoji
/// by `slice`), `JSON.stringify` writes it as such an escape, and NextAuth.js's and Auth.js's
/// `decode` read it back; serde_json refuses it. Read here, it becomes U+FFFD, as a
/// JavaScript `TextEncoder` would make it. An escape is six bytes either way, and JSON has
/// backslashes only in strings, so the rest of the payload is untouched; a payload without a
/// lone surrogate is not copied.
fn replace_lone_surrogates(bytes: &[u8]) -> Cow<'_, [u8]> {
    const REPLACEMENT: &[u8; 6] = br"\ufffd";
    let mut fixed: Option<Vec<u8>> = None;
    let mut at = 0;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&byte| byte == b'\\'))
    {
        let escape = at + offset;
        let Some(unit) = utf16_escape(bytes, escape) else {
            // Another escape (`\"`, `\\`, ...): skip it, so its second byte is not read as the
            // start of one.
            at = escape + 2;
            continue;
        };
        at = escape + 6;
        let lone = match unit {
            0xD800..=0xDBFF => match utf16_escape(bytes, at) {
                Some(0xDC00..=0xDFFF) => {
                    at += 6;
                    false
                }
                _ => true,
            },
            0xDC00..=0xDFFF => true,
            _ => false,
        };
        if lone {
            let fixed = fixed.get_or_insert_with(|| bytes.to_vec());
            fixed[escape..escape + 6].copy_from_slice(REPLACEMENT);
        }
    }
    fixed.map_or(Cow::Borrowed(bytes), Cow::Owned)
}

/// The code unit of the `\uXXXX` escape at `at`, if there is one.
fn utf16_escape(bytes: &[u8], at: usize) -> Option<u16> {
    let escape = bytes.get(at..at + 6)?;
    if escape[..2] != *br"\u" {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    u16::from_str_radix(hex, 16).ok()
}

/// The claims the rules look at.
const REGISTERED: [&str; 5] = ["exp", "nbf", "sub", "iss", "aud"];

/// Reads a claims object: the claims it `keep`s into a map, and the ones the rules and the
/// registered checks look at, skipping the rest without allocating.
struct Reader {
    rules: Rules,
    keep: Keep,
}

/// Which claims a [`Reader`] puts in its map.
#[derive(Debug, Clone, Copy)]
enum Keep {
    All,
    Only(&'static [&'static str]),
}

impl Keep {
    fn keeps(self, name: &str) -> bool {
        match self {
            Keep::All => true,
            Keep::Only(names) => names.contains(&name),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Reader {
    type Value = (Map<String, Value>, Registered);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Reader {
    type Value = (Map<String, Value>, Registered);

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON object of claims")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut claims = Map::new();
        let mut checked_claims = Registered::default();
        // Which of `REGISTERED` were seen, as bits.
        let mut seen = 0_u8;
        while let Some(Name(name)) = access.next_key::<Name<'de>>()? {
            let registered = REGISTERED.iter().position(|known| *known == name);
            let checked = checked_claims.slot(&name).is_some();
            let keep = self.keep.keeps(&name);
            if !(keep || checked || registered.is_some() && self.rules == Rules::JsonWebToken) {
                access.next_value::<IgnoredAny>()?;
                continue;
            }
            let value: Value = access.next_value()?;
            if let (Rules::JsonWebToken, Some(index)) = (self.rules, registered) {
                let bit = 1 << index;
                if seen & bit != 0 {
                    return Err(de::Error::duplicate_field(REGISTERED[index]));
                }
                seen |= bit;
                refuse_unreadable(&name, &value)?;
            }
            // A later one wins, as in a map.
            if let Some(slot) = checked_claims.slot(&name) {
                *slot = Some(value.clone());
            }
            if keep {
                claims.insert(name.into_owned(), value);
            }
        }
        Ok((claims, checked_claims))
    }
}

/// A claim's name, borrowed from the payload unless it holds escapes. (serde reads a
/// `Cow<str>` as an owned `String` whatever the input, which would allocate for every claim
/// a typed read skips.)
struct Name<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(NameVisitor)
    }
}

struct NameVisitor;

impl<'de> Visitor<'de> for NameVisitor {
    type Value = Name<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("the name of a claim")
    }

    fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Name<'de>, E> {
        Ok(Name(Cow::Borrowed(name)))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Name<'de>, E> {
        Ok(Name(Cow::Owned(name.to_owned())))
    }

    fn visit_string<E: de::Error>(self, name: String) -> Result<Name<'de>, E> {
        Ok(Name(Cow::Owned(name)))
    }
}

/// Refuses a registered claim `jsonwebtoken` could not read.
fn refuse_unreadable<E: de::Error>(name: &str, value: &Value) -> Result<(), E> {
    let refused = match (name, value) {
        ("exp" | "nbf", Value::Array(items)) => !items.is_empty(),
        ("exp" | "nbf", Value::Object(fields)) => !fields.is_empty(),
        ("sub", Value::Array(_) | Value::Object(_)) => true,
        _ => false,
    };
    match refused {
        true => Err(E::custom(format_args!(
            "`{name}` is not a value a JWT library reads"
        ))),
        false => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn both(bytes: &[u8], rules: Rules) -> Result<(Map<String, Value>, Registered), JwtError> {
        let json = read(bytes, rules, Want::Json)?;
        let payload = read(bytes, rules, Want::Payload)?;
        let (Decoded::Json(claims, times), Decoded::Payload(kept, payload_times, None)) =
            (json, payload)
        else {
            panic!("read gave the other kind");
        };
        assert_eq!(times, payload_times, "both reads take the same times");
        assert_eq!(&*kept, &*replace_lone_surrogates(bytes));
        Ok((claims, times))
    }

    #[test]
    fn reads_claims_and_their_times() {
        let bytes = br#"{"sub":"ada","exp":20,"iat":10,"nested":{"exp":1},"name":"A\u00e9"}"#;
        let (claims, times) = both(bytes, Rules::JsonWebToken).unwrap();
        assert_eq!(
            Value::Object(claims),
            json!({ "sub": "ada", "exp": 20, "iat": 10, "nested": { "exp": 1 }, "name": "Aé" })
        );
        assert_eq!(times.exp, Some(json!(20)));
        assert_eq!(times.iat, Some(json!(10)));
        assert_eq!(times.nbf, None);
    }

    #[test]
    fn names_with_escapes_are_the_names_they_spell() {
        let bytes = br#"{"s\u0075b":"ada","\u0065xp":20,"a\"b":1}"#;
        let (claims, times) = both(bytes, Rules::JsonWebToken).unwrap();
        assert_eq!(
            Value::Object(claims),
            json!({ "sub": "ada", "exp": 20, "a\"b": 1 })
        );
        assert_eq!(times.exp, Some(json!(20)));
        // The escaped `sub` is still `sub`: a second one is a repeat.
        let repeated = br#"{"sub":"a","s\u0075b":"b"}"#;
        assert!(read(repeated, Rules::JsonWebToken, Want::Payload).is_err());
    }

    #[test]
    fn the_claims_a_rule_reads_are_the_ones_every_claim_holds() {
        const NAMES: &[&str] = &["role", "org", "https://x/roles", "absent", "exp"];
        for bytes in [
            &br#"{"sub":"ada","role":"admin","exp":20,"org":{"id":7}}"#[..],
            br#"{"role":"user","role":"admin","https://x/roles":["a","b"]}"#,
            br#"{"ro\u006ce":"escaped","name":"Rocket \ud83d"}"#,
            br#"{}"#,
        ] {
            let full = match read(bytes, Rules::Object, Want::Json) {
                Ok(Decoded::Json(claims, _)) => claims,
                other => panic!("{other:?}"),
            };
            let Ok(Decoded::Payload(kept, _, Some((_, read_claims)))) =
                read(bytes, Rules::Object, Want::Some(NAMES))
            else {
                panic!("reads {}", String::from_utf8_lossy(bytes));
            };
            let expected: Map<String, Value> = full
                .into_iter()
                .filter(|(name, _)| NAMES.contains(&name.as_str()))
                .collect();
            assert_eq!(read_claims, expected, "{}", String::from_utf8_lossy(bytes));
            assert_eq!(&*kept, &*replace_lone_surrogates(bytes));
        }
    }

    #[test]
    fn a_lone_surrogate_escape_reads_as_the_replacement_character() {
        let read_name = |bytes: &[u8]| match both(bytes, Rules::JsonWebToken) {
            Ok((claims, _)) => claims.get("name").cloned(),
            Err(error) => panic!("{error}: {}", String::from_utf8_lossy(bytes)),
        };
        // As NextAuth.js writes a name cut in the middle of an emoji.
        assert_eq!(
            read_name(br#"{"name":"Rocket \ud83d"}"#),
            Some(json!("Rocket \u{fffd}"))
        );
        assert_eq!(
            read_name(br#"{"name":"\uDE80 lift-off"}"#),
            Some(json!("\u{fffd} lift-off"))
        );
        assert_eq!(
            read_name(br#"{"name":"\ud83d\ud83d\ude80"}"#),
            Some(json!("\u{fffd}🚀"))
        );
        // A whole pair, and escapes that only look like one, are left alone.
        assert_eq!(read_name(br#"{"name":"\ud83d\ude80"}"#), Some(json!("🚀")));
        assert_eq!(read_name(br#"{"name":"\\ud83d"}"#), Some(json!("\\ud83d")));
        assert_eq!(read_name(br#"{"name":"\u00e9\n"}"#), Some(json!("é\n")));
        // The typed read gets the same text.
        let Ok(Decoded::Payload(kept, _, _)) =
            read(br#"{"name":"a\udc00"}"#, Rules::Object, Want::Payload)
        else {
            panic!("reads");
        };
        assert_eq!(&*kept, br#"{"name":"a\ufffd"}"#);
        // A malformed escape is still an error, and a backslash at the very end is no escape
        // to read past.
        assert!(read(br#"{"name":"\ud83"}"#, Rules::Object, Want::Json).is_err());
        for end in [&br#"{"a":1}\"#[..], br#"{"a":"\"#, br"\u", b"\\"] {
            assert!(read(end, Rules::Object, Want::Json).is_err());
        }
    }

    #[test]
    fn refuses_what_is_not_a_claims_object() {
        for bytes in [
            &b"[]"[..],
            b"null",
            b"\"x\"",
            b"{",
            b"{} {}",
            b"{\"a\":1,}",
            b"",
        ] {
            for rules in [Rules::JsonWebToken, Rules::Object] {
                for want in [Want::Json, Want::Payload] {
                    assert!(
                        matches!(read(bytes, rules, want), Err(JwtError::Malformed)),
                        "{}",
                        String::from_utf8_lossy(bytes)
                    );
                }
            }
        }
    }

    #[test]
    fn refuses_what_jsonwebtoken_refused() {
        let refused: [&[u8]; 6] = [
            br#"{"exp":1,"exp":2}"#,
            br#"{"sub":"a","sub":"b"}"#,
            br#"{"exp":[1]}"#,
            br#"{"nbf":{"a":1}}"#,
            br#"{"sub":["a"]}"#,
            br#"{"sub":{}}"#,
        ];
        for bytes in refused {
            for want in [Want::Json, Want::Payload] {
                assert!(
                    read(bytes, Rules::JsonWebToken, want).is_err(),
                    "{}",
                    String::from_utf8_lossy(bytes)
                );
            }
            // A JWE's payload is any object; a repeated claim keeps its last value.
            assert!(both(bytes, Rules::Object).is_ok());
        }
        let (claims, times) = both(br#"{"exp":1,"exp":2}"#, Rules::Object).unwrap();
        assert_eq!(claims.get("exp"), Some(&json!(2)));
        assert_eq!(times.exp, Some(json!(2)));
        // What it accepted stays accepted.
        assert!(
            both(
                br#"{"exp":[],"nbf":{},"sub":null,"aud":["a"]}"#,
                Rules::JsonWebToken
            )
            .is_ok()
        );
    }
}
