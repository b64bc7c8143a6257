// `#[derive(Claims)]` on a tuple struct: a rule reads claims by name.
use auth_runtime::Claims;
use serde::Deserialize;

#[derive(Deserialize, Claims)]
struct AppClaims(String, u64);

fn main() {}
