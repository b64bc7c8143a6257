// `claims = ` a type that does not derive `Claims`.
use auth_runtime::with_auth;
use serde::Deserialize;

#[derive(Deserialize)]
struct AppClaims {
    role: String,
}

#[with_auth(claims = AppClaims, authorized = "token.role == 'admin'")]
async fn handler() {}

fn main() {}
