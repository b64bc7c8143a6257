// `csrf` written as a string.
use auth_runtime::with_auth;

#[with_auth(csrf = "off")]
async fn webhook() {}

fn main() {}
