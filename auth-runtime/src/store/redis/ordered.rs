//! A session's JSON as an object that keeps its members' order, so that a session written back
//! reads as the adapter wrote it.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::Value;

use crate::store::StoreError;

/// A JSON object with its members in the order they were written, so a session written back
/// keeps the adapters' order (`sessionToken`, `userId`, `expires`). A repeated name keeps its
/// first place and its last value, as `JSON.parse` does.
#[derive(Debug, PartialEq)]
pub(super) struct Ordered(pub(super) Vec<(String, Value)>);

impl Ordered {
    pub(super) fn from_json(json: &[u8]) -> Result<Self, StoreError> {
        serde_json::from_slice(json)
            .map_err(|_| StoreError::Malformed("the session is not a JSON object".into()))
    }

    pub(super) fn to_json(&self) -> Result<String, StoreError> {
        serde_json::to_string(self).map_err(|error| {
            StoreError::Malformed(format!("the session cannot be written: {error}"))
        })
    }

    pub(super) fn get(&self, name: &str) -> Option<&Value> {
        self.0
            .iter()
            .find(|(member, _)| member == name)
            .map(|(_, value)| value)
    }

    pub(super) fn set(&mut self, name: &str, value: Value) {
        match self.0.iter_mut().find(|(member, _)| member == name) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((name.into(), value)),
        }
    }
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;

        impl<'de> Visitor<'de> for Members {
            type Value = Ordered;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut object = Ordered(Vec::new());
                while let Some((name, value)) = map.next_entry::<String, Value>()? {
                    object.set(&name, value);
                }
                Ok(object)
            }
        }

        deserializer.deserialize_map(Members)
    }
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, value)| (name, value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_written_back_keeps_its_members_in_order() {
        let mut session = Ordered::from_json(
            br#"{"sessionToken":"t","userId":"u","expires":"2025-01-01T00:00:00Z","extra":[1,{"b":2,"a":1}]}"#,
        )
        .ok();
        if let Some(session) = session.as_mut() {
            session.set("expires", Value::String("2026-11-28T07:12:51.000Z".into()));
        }
        assert_eq!(
            session
                .and_then(|session| session.to_json().ok())
                .as_deref(),
            Some(
                r#"{"sessionToken":"t","userId":"u","expires":"2026-11-28T07:12:51.000Z","extra":[1,{"a":1,"b":2}]}"#
            )
        );
    }

    #[test]
    fn a_repeated_member_keeps_its_first_place_and_last_value() {
        let session = Ordered::from_json(br#"{"userId":"a","expires":"x","userId":"b"}"#).ok();
        assert_eq!(
            session
                .and_then(|session| session.to_json().ok())
                .as_deref(),
            Some(r#"{"userId":"b","expires":"x"}"#)
        );
    }

    #[test]
    fn only_objects_are_sessions() {
        for json in [&b"[]"[..], b"\"s\"", b"1", b"null", b"{", b"\xff"] {
            assert!(Ordered::from_json(json).is_err());
        }
    }
}
