// An integer beyond u64.
use auth_runtime::with_auth;

#[with_auth(authorized = "token.id == 18446744073709551616")]
async fn handler() {}

fn main() {}
