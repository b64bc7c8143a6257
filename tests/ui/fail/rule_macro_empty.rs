// `rule!` with nothing in it.
use auth_runtime::rule;

fn main() {
    let anyone = rule!();
    let _ = anyone;
}
