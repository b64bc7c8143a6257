// `==` between a bool claim and a string.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.email_verified == 'yes'")]
async fn handler() {}

fn main() {}
