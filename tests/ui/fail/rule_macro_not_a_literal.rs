// `rule!` with a macro call instead of a string literal: the rule must be written out.
use auth_runtime::rule;

fn main() {
    let is_admin = rule!(concat!("token.role == ", "'admin'"));
    let _ = is_admin;
}
