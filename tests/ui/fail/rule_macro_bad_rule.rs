// `rule!` with a mistake in its rule: the same message as `#[with_auth]`, and no other error.
use auth_runtime::{RequestInfo, Token, rule};

fn main() {
    let is_admin: fn(&Token, &RequestInfo<'_>) -> bool = rule!("token.roles.includes('admin')");
    let _ = is_admin;
}
