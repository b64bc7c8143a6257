// Non-ASCII text before the mistake: the caret counts chars, not bytes.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.name == 'Ünïcödé' && tokn.role == 'admin'")]
async fn handler() {}

fn main() {}
