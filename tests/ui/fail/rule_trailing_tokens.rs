// Two conditions with no operator between them.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.email_verified token.role == 'admin'")]
async fn handler() {}

fn main() {}
