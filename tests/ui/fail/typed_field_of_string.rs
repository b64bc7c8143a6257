// A field of a string claim.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.sub.length > 3")]
async fn handler() {}

fn main() {}
