// `rule!` with a claims type checks the rule against it, as the attribute does.
use auth_runtime::{Claims, rule};
use serde::Deserialize;

#[derive(Deserialize, Claims)]
struct AppClaims {
    role: String,
}

fn main() {
    let is_admin = rule!(AppClaims, "token.rolle == 'admin'");
    let _ = is_admin;
}
