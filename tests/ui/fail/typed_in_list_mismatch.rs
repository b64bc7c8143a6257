// `in` looking for a number in a list of strings.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "7 in token.groups")]
async fn handler() {}

fn main() {}
