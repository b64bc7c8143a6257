// A mistake in the rule and mistakes on the function are reported together.
use auth_runtime::with_auth;

struct Admin;

impl Admin {
    #[with_auth(authorized = "token.role = 'admin'", sign_in = "/auth/signin")]
    fn panel(self) {}
}

fn main() {}
