// `state` names the state of a check, and there is none.
use auth_runtime::with_auth;

#[derive(Clone)]
struct AppState;

#[with_auth(state = AppState)]
async fn edit_post() {}

fn main() {}
