// A misspelled method, one edit from `contains`.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.roles.contans('admin')")]
async fn handler() {}

fn main() {}
