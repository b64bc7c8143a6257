// `#[claims(...)]` written wrong, and in places where it means nothing: each reported at its
// own token.
use auth_runtime::Claims;
use serde::Deserialize;

#[derive(Deserialize, Claims)]
struct AppClaims {
    #[claims]
    sub: String,
    #[claims()]
    role: String,
    #[claims(skip = true)]
    email: String,
}

#[derive(Deserialize, Claims)]
enum Role {
    #[claims(skip)]
    Admin,
    User,
}

fn main() {}
