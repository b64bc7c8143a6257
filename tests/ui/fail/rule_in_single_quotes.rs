// A rule in single quotes: Rust has no single-quoted strings, so rustc's lexer refuses it
// before the macro runs. The rule goes in double quotes, its strings in single quotes.
use auth_runtime::with_auth;

#[with_auth(authorized = 'token.role == "admin"')]
async fn admin_panel() -> &'static str {
    "admin"
}

fn main() {}
