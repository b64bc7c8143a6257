// `ends_with` with a number for the suffix.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.sub.ends_with(7)")]
async fn handler() {}

fn main() {}
