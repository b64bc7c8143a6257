// A field of a type no rule can read: the runtime's message, under the field's type.
use auth_runtime::Claims;
use serde::Deserialize;

#[derive(Deserialize, Claims)]
struct AppClaims {
    sub: String,
    session_length: std::time::Duration,
}

fn main() {}
