// An argument with no `= "..."`.
use auth_runtime::with_auth;

#[with_auth(sign_in)]
async fn handler() {}

fn main() {}
