//! Mirrors NextAuth.js's "Custom JWT decode method": the `jwt.encode` / `jwt.decode` of
//! `[...nextauth].ts`, which `withAuth` must be given again. Here a custom `Codec` (HS512 with
//! a `kid` header and a key set, through `jsonwebtoken`) is set once in `AuthOptions`; the
//! sign-in that issues the cookie, the `AuthLayer` and the `Session` extractor all use it.
//!
//! ```text
//! cargo run -p auth-examples --bin custom_codec
//! ```
//!
//! Listens on `127.0.0.1:3006`, or `PORT`. The HS512 key is `NEXTAUTH_SECRET` (at least 64
//! bytes: `openssl rand -base64 48`), or a random one made for this run. The app is
//! `auth_examples::reference::custom_codec::app`.

use std::process::ExitCode;

use auth_examples::reference::custom_codec::{Hs512Keys, app, options};
use auth_examples::startup::{self, StartupError};

const DEFAULT_PORT: u16 = 3006;

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let keys = Hs512Keys::new("main", &startup::secret())?;
    let options = options(keys)?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    let token = auth_runtime::jwt::encode(
        &options,
        &serde_json::json!({ "sub": "1", "email": "user@example.com" }),
    )
    .await?;
    startup::print_tries(
        "custom jwt.encode / jwt.decode (HS512 with a kid)",
        &base,
        &options,
        &[
            (
                "signed out: 401 from the Session extractor, 307 from the AuthLayer",
                format!("curl -i {base}/api/me; curl -i {base}/dashboard"),
            ),
            (
                "sign in: the cookie holds an HS512 token with kid \"main\"",
                format!("curl -i -c jar.txt -d account=user {base}/auth/signin"),
            ),
            (
                "both guards read it: 200",
                format!("curl -i -b jar.txt {base}/api/me; curl -i -b jar.txt {base}/dashboard"),
            ),
            (
                "or a ready-made token from the same codec",
                format!(
                    "curl -i -b '{}={token}' {base}/api/me",
                    options.session_cookie_name()
                ),
            ),
        ],
    );
    startup::serve(listener, app(options)).await
}
