use auth_runtime::with_auth;

#[with_auth(authorized = "tokn.role == 'admin'", signIn = "/auth/signin")]
async fn handler() {}

fn main() {}
