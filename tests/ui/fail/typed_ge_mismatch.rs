// `>=` on a bool.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.email_verified >= 1")]
async fn handler() {}

fn main() {}
