// A rule over several lines: the error shows only the line it is on, with the caret under
// the mistake on that line.
use auth_runtime::with_auth;

#[with_auth(authorized = "
    token.email_verified
    && token.role = 'admin'
    && !token.banned
")]
async fn handler() {}

fn main() {}
