// A misspelled claim of a nested struct.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.profile.nmae == 'Ada'")]
async fn handler() {}

fn main() {}
