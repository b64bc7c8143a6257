// A claim the type does not have, close to none of its claims: the error lists them.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.permissions == 'admin'")]
async fn handler() {}

fn main() {}
