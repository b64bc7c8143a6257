// `authorized` twice: the second is reported.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.role == 'admin'", authorized = "token.email_verified")]
async fn handler() {}

fn main() {}
