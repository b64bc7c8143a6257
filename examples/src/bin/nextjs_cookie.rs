//! Guard a Rust API with the session cookie of your Next.js app: the encrypted JWE that
//! NextAuth.js v4 (`next-auth` 4.x) or Auth.js (NextAuth.js v5, `@auth/core`) writes.
//!
//! ```text
//! NEXTAUTH_SECRET=<the app's secret> cargo run -p auth-examples --bin nextjs_cookie
//! NEXTAUTH_SECRET=<the app's secret> cargo run -p auth-examples --bin nextjs_cookie -- --authjs
//! ```
//!
//! The secret is the app's `NEXTAUTH_SECRET` (else `AUTH_SECRET`, then `AUTH_SECRET_1` to
//! `AUTH_SECRET_3` for rotation). Secure (`__Secure-`) cookie names are used when `NEXTAUTH_URL`
//! starts with `https://`, as in the app. Listens on `127.0.0.1:3010`, or on `PORT`.
//!
//! - `GET /api/me`: the session's claims, or 401.
//! - `GET /api/admin`: the same for `token?.role === "admin"`, else 403.

use std::process::ExitCode;

use auth_examples::startup::{self, StartupError};
use auth_runtime::{AuthOptions, AuthOptionsBuilder, Token, with_auth};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

const DEFAULT_PORT: u16 = 3010;

/// The signed-in user's claims, as the Next.js app put them in the session.
#[with_auth(sign_in = false)]
async fn me(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

/// The rule of a NextAuth.js `authorized` callback, pasted as it is.
#[with_auth(authorized = "token?.role === 'admin'", sign_in = false)]
async fn admin(token: Token) -> Json<Value> {
    Json(json!({ "admin": token.get_str("email").or(token.get_str("name")) }))
}

fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/api/me", get(me))
        .route("/api/admin", get(admin))
        .with_state(options)
}

/// The options of an API that shares the Next.js app's session cookie:
/// `AuthOptions::builder().secrets_from_env()` with one more line.
fn options(
    builder: AuthOptionsBuilder,
    authjs: bool,
) -> Result<AuthOptions, auth_runtime::ConfigError> {
    // One line picks the app's cookie format: NextAuth.js v4, or Auth.js (v5) with
    // `.authjs()`, which also makes the cookie name `authjs.session-token`.
    let builder = if authjs {
        builder.authjs()
    } else {
        builder.nextauth_v4()
    };
    builder.build()
}

#[tokio::main]
async fn main() -> ExitCode {
    startup::exit(run().await)
}

async fn run() -> Result<(), StartupError> {
    let authjs = std::env::args().any(|argument| argument == "--authjs");
    // The Next.js app's own secret, never a made-up one: its cookies must decrypt here.
    let options = options(AuthOptions::builder().secrets_from_env(), authjs)?;
    let (listener, base) = startup::listen(DEFAULT_PORT).await?;
    // A token of the same format, so there is something to try before wiring up the app.
    let sample = auth_runtime::jwt::encode(
        &options,
        &json!({ "sub": "user-1", "name": "Ada", "email": "ada@example.com", "role": "admin" }),
    )
    .await?;
    print_what_to_try(&base, &options, authjs, &sample);
    startup::serve(listener, app(options)).await
}

fn print_what_to_try(base: &str, options: &AuthOptions, authjs: bool, sample: &str) {
    let cookie = options.session_cookie_name();
    let (library, codec) = if authjs {
        ("Auth.js (@auth/core)", "authjs")
    } else {
        ("NextAuth.js v4", "nextauth_v4")
    };
    println!("Guarding {base}/api/me and {base}/api/admin with the {library} cookie `{cookie}`.\n");
    println!(
        "With the cookie of your Next.js app (same secret), copied from the browser's dev tools;"
    );
    println!("a large session comes as `{cookie}.0`, `{cookie}.1`, ...: send every piece.");
    println!("  curl -i -b '{cookie}=<value>' {base}/api/me\n");
    println!("With a token minted by the real library (`npm ci --prefix interop` first):");
    println!(
        "  curl -i -b \"{cookie}=$(SESSION_COOKIE={cookie} node interop/mint.mjs {codec})\" {base}/api/admin\n"
    );
    println!("With this token, made here in the same format:");
    println!("  curl -i -b '{cookie}={sample}' {base}/api/admin\n");
    println!("Without a cookie, 401:");
    println!("  curl -i {base}/api/me\n");
    println!("Press Ctrl-C to stop.");
}

#[cfg(test)]
mod tests {
    use super::*;

    use auth_runtime::jwt;

    fn builder() -> AuthOptionsBuilder {
        AuthOptions::builder()
            .secret("a secret of at least thirty-two bytes!")
            .secure_cookies(false)
    }

    #[tokio::test]
    async fn the_codec_follows_the_flag() {
        let v4 = options(builder(), false).expect("options");
        assert_eq!(v4.session_cookie_name(), "next-auth.session-token");
        let token = jwt::encode(&v4, &json!({ "sub": "user-1", "role": "admin" }))
            .await
            .expect("encodes");
        // {"alg":"dir","enc":"A256GCM"}: NextAuth.js v4's JWE.
        assert!(token.starts_with("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.."));

        let authjs = options(builder(), true).expect("options");
        assert_eq!(authjs.session_cookie_name(), "authjs.session-token");
        let token = jwt::encode(&authjs, &json!({ "sub": "user-1", "role": "admin" }))
            .await
            .expect("encodes");
        assert!(
            jwt::decode(&v4, &token).await.is_err(),
            "the formats differ"
        );
        assert!(jwt::decode(&authjs, &token).await.is_ok());
    }
}
