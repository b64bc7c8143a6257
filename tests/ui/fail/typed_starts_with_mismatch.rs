// `starts_with` on a number.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.org_id.starts_with('1')")]
async fn handler() {}

fn main() {}
