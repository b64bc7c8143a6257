// The hidden items stand outside the block, where its generic parameters do not exist.
use auth_runtime::with_auth;

struct Handlers<T>(T);

#[with_auth]
impl<T> Handlers<T> {
    #[with_auth(authorized = "token.role == 'admin'")]
    async fn admin_panel() -> &'static str {
        "admin"
    }
}

fn main() {
    // The function is still there, unguarded, so no second error follows.
    let _ = Handlers::<u8>::admin_panel();
}
