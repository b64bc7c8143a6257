// `contains` on a struct, which has fixed fields.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.profile.contains('name')")]
async fn handler() {}

fn main() {}
