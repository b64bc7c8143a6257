// `\n` is not an escape of the rule language (a raw string, so the rule holds a backslash).
use auth_runtime::with_auth;

#[with_auth(authorized = r"token.name == 'Ada\nLovelace'")]
async fn handler() {}

fn main() {}
