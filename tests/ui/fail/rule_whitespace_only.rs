// A rule of blanks only.
use auth_runtime::with_auth;

#[with_auth(authorized = "   ")]
async fn handler() {}

fn main() {}
