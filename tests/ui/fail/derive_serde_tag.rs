// `#[serde(tag = "...")]` changes how serde reads the enum: refused, at the key.
use auth_runtime::Claims;
use serde::Deserialize;

#[derive(Deserialize, Claims)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Role {
    Admin,
    User,
}

fn main() {}
