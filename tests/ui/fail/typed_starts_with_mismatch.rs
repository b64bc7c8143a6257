// `starts_with` on a number.
use auth_runtime::{Claims, with_auth};
use serde::Deserialize;

#[derive(Deserialize, Claims)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
    User,
}

#[derive(Deserialize, Claims)]
struct Profile {
    name: String,
}

#[derive(Deserialize, Claims)]
struct AppClaims {
    sub: String,
    role: Role,
    #[serde(rename = "org_id")]
    org: Option<u64>,
    email_verified: bool,
    groups: Vec<String>,
    profile: Profile,
}

#[with_auth(claims = AppClaims, authorized = "token.org_id.starts_with('1')")]
async fn handler() {}

fn main() {}
