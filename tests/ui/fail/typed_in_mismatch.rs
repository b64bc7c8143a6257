// `in` looking into a number.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "'x' in token.org_id")]
async fn handler() {}

fn main() {}
