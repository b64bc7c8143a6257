// `>` between a number claim and a string.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.org_id > 'a'")]
async fn handler() {}

fn main() {}
