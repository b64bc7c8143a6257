//! A verified session: the claims of a token whose signature and times were checked, read
//! into JSON claims or into a typed struct when first asked for, so a typed guard never builds
//! the JSON map.

use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use crate::payload::{self, Decoded, Rules, Want};
use crate::{Claims, Token};

/// The claims of a verified session token; cheap to clone (shared pointers only, so the
/// JSON path, which has no payload, pays no allocation for it).
///
/// A clone made before the JSON claims were built builds its own when asked: the typed
/// callers keep their claims in the request's extensions, so that happens at most for a
/// JSON extractor after a typed guard.
#[derive(Debug, Clone)]
pub(crate) struct Verified {
    /// The JSON the codec authenticated, when it gave the claims that way.
    payload: Option<Arc<[u8]>>,
    /// The claims as JSON, built from `payload` when first asked for.
    json: OnceLock<Token>,
    /// The claims a guard's rule reads, with their names, when the session was loaded for it:
    /// all that rule needs to decide, not the session's claims.
    read: Option<(&'static [&'static str], Token)>,
    /// `iat`, when it is a whole number of seconds.
    issued_at: Option<u64>,
}

impl Verified {
    /// The claims a codec decoded.
    pub(crate) fn new(decoded: Decoded) -> Self {
        let issued_at = decoded.registered().iat.as_ref().and_then(Value::as_u64);
        let (payload, json, read) = match decoded {
            Decoded::Json(claims, _) => (None, OnceLock::from(Token::new(claims)), None),
            Decoded::Payload(payload, _, read) => {
                let read = read.map(|(names, claims)| (names, Token::new(claims)));
                (Some(payload), OnceLock::new(), read)
            }
        };
        Verified {
            payload,
            json,
            read,
            issued_at,
        }
    }

    /// The claims of `token`, which `callbacks.jwt` or a refresh made.
    pub(crate) fn from_token(token: Token) -> Self {
        let issued_at = token.get("iat").and_then(Value::as_u64);
        Verified {
            payload: None,
            json: OnceLock::from(token),
            read: None,
            issued_at,
        }
    }

    /// The claims as JSON.
    pub(crate) fn json(&self) -> &Token {
        self.json.get_or_init(|| {
            let payload = self.payload.as_deref().unwrap_or(b"{}");
            match payload::read(payload, Rules::Object, Want::Json) {
                Ok(Decoded::Json(claims, _)) => Token::new(claims),
                // The payload was read as claims when the token was verified; it reads again.
                _ => {
                    tracing::error!("a verified payload no longer reads as claims");
                    Token::new(Map::new())
                }
            }
        })
    }

    /// The claims `names`, if the session was read for exactly those
    /// ([`Want::Some`](crate::payload::Want::Some)): only those, so never a token to hand out.
    pub(crate) fn claims_read(&self, names: &[&str]) -> Option<&Token> {
        self.read
            .as_ref()
            .filter(|(read, _)| *read == names)
            .map(|(_, claims)| claims)
    }

    /// The claims deserialized into `C`: from the authenticated JSON itself when there is
    /// some, else from the JSON claims.
    pub(crate) fn typed<C: Claims>(&self) -> Result<C, serde_json::Error> {
        match &self.payload {
            Some(payload) => serde_json::from_slice(payload),
            None => C::deserialize(self.json().claims()),
        }
    }

    /// When the token was issued, in seconds since the Unix epoch, if it says.
    pub(crate) fn issued_at(&self) -> Option<u64> {
        self.issued_at
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Claims {
        sub: String,
    }

    impl crate::claims::value::ClaimValue for Claims {
        const SHAPE: crate::claims::shape::Shape = crate::claims::shape::Shape::Any;

        fn val(&self) -> crate::rule_rt::Val<'_> {
            crate::rule_rt::Val::Null
        }
    }

    impl crate::Claims for Claims {}

    fn payload(bytes: &[u8]) -> Verified {
        match payload::read(bytes, Rules::Object, Want::Payload) {
            Ok(decoded) => Verified::new(decoded),
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn typed_claims_come_from_the_payload_without_a_json_map() {
        let session = payload(br#"{"sub":"ada","iat":10,"exp":20}"#);
        assert_eq!(
            session.typed::<Claims>().ok(),
            Some(Claims { sub: "ada".into() })
        );
        assert!(session.json.get().is_none(), "no JSON map was built");
        assert_eq!(session.issued_at(), Some(10));
        assert_eq!(session.json().get_str("sub"), Some("ada"));
        assert!(session.json.get().is_some());
    }

    #[test]
    fn typed_claims_come_from_the_json_claims_without_a_payload() {
        let token = Token::new(
            serde_json::json!({ "sub": "ada" })
                .as_object()
                .cloned()
                .unwrap_or_default(),
        );
        let session = Verified::from_token(token);
        assert_eq!(
            session.typed::<Claims>().ok(),
            Some(Claims { sub: "ada".into() })
        );
        assert_eq!(session.issued_at(), None);
    }

    #[test]
    fn claims_read_for_a_rule_serve_only_that_rule() {
        const ROLE: &[&str] = &["role"];
        let session = match payload::read(
            br#"{"sub":"ada","role":"admin","org":7}"#,
            Rules::Object,
            Want::Some(ROLE),
        ) {
            Ok(decoded) => Verified::new(decoded),
            Err(error) => panic!("{error}"),
        };
        let read = session
            .claims_read(ROLE)
            .map(|token| token.claims().clone());
        assert_eq!(
            read,
            serde_json::json!({ "role": "admin" }).as_object().cloned()
        );
        assert!(
            session.claims_read(&["org"]).is_none(),
            "another rule's claims were not read"
        );
        assert!(session.claims_read(&["role", "org"]).is_none());
        assert_eq!(session.json().get("org"), Some(&serde_json::json!(7)));
    }

    #[test]
    fn claims_of_another_shape_are_an_error() {
        let session = payload(br#"{"sub":7}"#);
        assert!(session.typed::<Claims>().is_err());
    }
}
