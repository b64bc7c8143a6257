// A field read by `deserialize_with`: its type need not be what its JSON holds, so it needs
// `#[claims(skip)]`.
use auth_runtime::Claims;
use serde::{Deserialize, Deserializer};

fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(serde::de::Error::custom)
}

#[derive(Deserialize, Claims)]
struct AppClaims {
    sub: String,
    #[serde(deserialize_with = "seconds")]
    session_length: u64,
}

fn main() {}
