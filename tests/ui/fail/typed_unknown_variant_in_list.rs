// A list of variants, one of which does not exist.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.role in ['admin', 'superuser']")]
async fn handler() {}

fn main() {}
