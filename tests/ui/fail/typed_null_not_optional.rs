// A claim that is not an `Option` compared with null.
use auth_runtime::with_auth;
use auth_tests::claims::AppClaims;

#[with_auth(claims = AppClaims, authorized = "token.role == null")]
async fn handler() {}

fn main() {}
