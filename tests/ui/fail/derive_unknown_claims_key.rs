// `#[claims(...)]` takes `skip` only.
use auth_runtime::Claims;
use serde::Deserialize;

#[derive(Deserialize, Claims)]
struct AppClaims {
    sub: String,
    #[claims(rename = "role")]
    kind: String,
}

fn main() {}
