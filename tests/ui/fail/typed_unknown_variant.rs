// An enum compared with a string that is none of its variants.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.role == 'superuser'")]
async fn handler() {}

fn main() {}
