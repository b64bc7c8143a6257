// `rule!` with two rules.
use auth_runtime::rule;

fn main() {
    let is_admin = rule!("token.role == 'admin'", "token.email_verified");
    let _ = is_admin;
}
