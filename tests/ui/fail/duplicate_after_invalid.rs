use auth_runtime::with_auth;

#[with_auth(forbidden = "forbidden", forbidden = "/forbidden")]
async fn handler() {}

fn main() {}
