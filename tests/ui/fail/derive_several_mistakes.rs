// Several mistakes in one derive: one build reports every one of them, each at its own token.
use auth_runtime::Claims;
use serde::Deserialize;

#[derive(Deserialize, Claims)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[claims(skip)]
struct AppClaims {
    #[serde(with = "serde_with_module")]
    sub: String,
    #[claims(skip, hide)]
    email: String,
    user_id: u64,
    #[serde(rename = "user_id")]
    id: u64,
}

mod serde_with_module {
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        serde::Deserialize::deserialize(d)
    }
}

fn main() {}
