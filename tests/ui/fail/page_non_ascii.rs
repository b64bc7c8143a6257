// A page with non-ASCII characters.
use auth_runtime::with_auth;

#[with_auth(sign_in = "/connexion/réessayer")]
async fn handler() {}

fn main() {}
