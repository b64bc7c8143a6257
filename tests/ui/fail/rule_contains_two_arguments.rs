// `contains` called with two arguments.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.roles.contains('admin', 'editor')")]
async fn handler() {}

fn main() {}
