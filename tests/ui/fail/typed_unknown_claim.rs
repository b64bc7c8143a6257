// A misspelled claim: the error names it and suggests the closest one.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.rol == 'admin'")]
async fn handler() {}

fn main() {}
