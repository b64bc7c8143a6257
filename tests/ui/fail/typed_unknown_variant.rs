// An enum compared with a string that is none of its variants.
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

#[with_auth(claims = AppClaims, authorized = "token.role == 'superuser'")]
async fn handler() {}

fn main() {}
