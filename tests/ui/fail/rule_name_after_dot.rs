// A number after `.` instead of an index.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.roles.0 == 'admin'")]
async fn handler() {}

fn main() {}
