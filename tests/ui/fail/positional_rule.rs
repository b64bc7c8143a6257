// The rule given without `authorized =`.
use auth_runtime::with_auth;

#[with_auth("token.role == 'admin'")]
async fn handler() {}

fn main() {}
