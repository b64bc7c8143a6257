// Several mistakes in one attribute and on its function: one build reports every one of them,
// each at its own token.
use auth_runtime::with_auth;

struct Admin;

impl Admin {
    #[with_auth(
        signIn = "/auth/signin",
        forbidden = "forbidden",
        authorized = "token.role == 'admin'",
        authorized = "token.email_verified",
        sign_in = 404,
    )]
    fn panel(&self) {}
}

fn main() {}
