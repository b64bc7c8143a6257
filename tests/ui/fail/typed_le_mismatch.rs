// `<=` on an enum, which has no order.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.role <= 'user'")]
async fn handler() {}

fn main() {}
