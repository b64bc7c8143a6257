//! Options from the environment, as NextAuth.js and Auth.js read it: `NEXTAUTH_SECRET` else
//! `AUTH_SECRET` signs, `AUTH_SECRET_1..3` are also accepted (rotation), and
//! `NEXTAUTH_URL=https://...` turns secure cookies on.
//!
//! One test function: the environment is process-wide, and this binary is its only user.

use std::time::{SystemTime, UNIX_EPOCH};

use auth_runtime::{AuthOptions, ConfigError, SessionCookies, jwt};
use auth_tests::*;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use jsonwebtoken::Algorithm;
use serde_json::json;

const A: &str = "signing secret from AUTH_SECRET, 32+ bytes";
const B: &str = "rotated secret from AUTH_SECRET_1, 32+ b";
const C: &str = "rotated secret from AUTH_SECRET_2, 32+ b";
const D: &str = "rotated secret from AUTH_SECRET_3, 32+ b";
const N: &str = "signing secret from NEXTAUTH_SECRET, 32+";
const UNKNOWN: &str = "a secret nobody configured, 32+ bytes";

fn set(name: &str, value: Option<&str>) {
    // SAFETY: this binary has a single test function, so no other thread of it reads or
    // writes the environment while it runs.
    unsafe {
        match value {
            Some(value) => std::env::set_var(name, value),
            None => std::env::remove_var(name),
        }
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// A token signed with `secret`, valid for an hour from now.
fn signed_with(secret: &str) -> String {
    let now = now_secs();
    raw_token(
        secret,
        Algorithm::HS256,
        &json!({ "sub": "user-1", "name": "Ada", "iat": now, "exp": now + 3600 }),
    )
}

async fn accepts(options: &AuthOptions, secret: &str) -> bool {
    jwt::decode(options, &signed_with(secret)).await.is_ok()
}

/// Options verifying with `secret` only.
fn only(secret: &str) -> AuthOptions {
    AuthOptions::builder()
        .secret(secret)
        .secure_cookies(false)
        .build()
        .expect("valid options")
}

/// The `Set-Cookie` headers of a sign-in with `options`.
async fn sign_in_cookies(options: &AuthOptions) -> Vec<String> {
    let cookies = SessionCookies::sign_in(
        options,
        &HeaderMap::new(),
        &json!({ "sub": "user-1", "name": "Ada" }),
    )
    .await
    .expect("signs in");
    let response = (cookies, ()).into_response();
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().expect("text").to_owned())
        .collect()
}

#[tokio::test]
async fn secrets_and_secure_cookies_come_from_the_environment() {
    for name in [
        "NEXTAUTH_SECRET",
        "AUTH_SECRET",
        "AUTH_SECRET_1",
        "AUTH_SECRET_2",
        "AUTH_SECRET_3",
        "NEXTAUTH_URL",
    ] {
        set(name, None);
    }

    // AUTH_SECRET signs; AUTH_SECRET_1..3 verify; an empty slot counts as unset.
    set("AUTH_SECRET", Some(A));
    set("AUTH_SECRET_1", Some(B));
    set("AUTH_SECRET_2", Some(""));
    set("AUTH_SECRET_3", Some(D));
    let options = AuthOptions::from_env().expect("AUTH_SECRET is enough");
    for (secret, which) in [
        (A, "AUTH_SECRET"),
        (B, "AUTH_SECRET_1"),
        (D, "AUTH_SECRET_3"),
    ] {
        assert!(accepts(&options, secret).await, "{which} is accepted");
    }
    assert!(!accepts(&options, C).await, "AUTH_SECRET_2 is empty");
    assert!(
        !accepts(&options, UNKNOWN).await,
        "an unknown secret is refused"
    );
    let issued = jwt::encode(&options, &json!({ "sub": "user-1", "name": "Ada" }))
        .await
        .expect("encodes");
    assert!(
        jwt::decode(&only(A), &issued).await.is_ok(),
        "issued with AUTH_SECRET"
    );
    assert!(jwt::decode(&only(B), &issued).await.is_err());
    assert!(jwt::decode(&only(D), &issued).await.is_err());

    // The builder reads the same variables, beside other settings.
    let built = AuthOptions::builder()
        .secrets_from_env()
        .sign_in_page("/auth/signin")
        .build()
        .expect("valid options");
    assert!(accepts(&built, B).await);
    assert!(accepts(&built, D).await);

    // A rotation slot alone, without AUTH_SECRET, is fine too when filled.
    set("AUTH_SECRET_2", Some(C));
    let options = AuthOptions::from_env().expect("valid options");
    assert!(accepts(&options, C).await, "AUTH_SECRET_2 once set");

    // NEXTAUTH_SECRET wins over AUTH_SECRET; the rotation slots still verify.
    set("NEXTAUTH_SECRET", Some(N));
    let options = AuthOptions::from_env().expect("valid options");
    let issued = jwt::encode(&options, &json!({ "sub": "user-1", "name": "Ada" }))
        .await
        .expect("encodes");
    assert!(
        jwt::decode(&only(N), &issued).await.is_ok(),
        "issued with NEXTAUTH_SECRET"
    );
    assert!(
        accepts(&options, B).await,
        "AUTH_SECRET_1 with NEXTAUTH_SECRET"
    );

    // A short rotated secret is named in the error.
    set("AUTH_SECRET_1", Some("short"));
    let error = AuthOptions::from_env().expect_err("AUTH_SECRET_1 is too short");
    assert_eq!(
        error,
        ConfigError::SecretTooShort {
            variable: "AUTH_SECRET_1",
            len: 5
        }
    );
    set("AUTH_SECRET_1", Some(B));

    // No NEXTAUTH_URL: plain cookies.
    let options = AuthOptions::from_env().expect("valid options");
    assert!(!options.secure_cookies());
    assert_eq!(options.session_cookie_name(), COOKIE);

    // An http:// site: still plain.
    set("NEXTAUTH_URL", Some("http://localhost:3000"));
    let options = AuthOptions::from_env().expect("valid options");
    assert!(!options.secure_cookies());
    let cookies = sign_in_cookies(&options).await;
    assert_eq!(cookies.len(), 1);
    assert!(cookies[0].starts_with(&format!("{COOKIE}=")), "{cookies:?}");
    assert!(!cookies[0].contains("Secure"), "{cookies:?}");

    // An https:// site: secure cookies.
    set("NEXTAUTH_URL", Some("https://app.example.com"));
    let options = AuthOptions::from_env().expect("valid options");
    assert!(options.secure_cookies());
    assert_eq!(
        options.session_cookie_name(),
        "__Secure-next-auth.session-token"
    );
    let cookies = sign_in_cookies(&options).await;
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    let value = cookies[0]
        .strip_prefix("__Secure-next-auth.session-token=")
        .and_then(|rest| rest.split(';').next())
        .expect("the secure cookie");
    assert_eq!(
        cookies[0],
        format!(
            "__Secure-next-auth.session-token={value}; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=2592000"
        )
    );
    // The builder's own secrets still get the environment's secure setting...
    let built = AuthOptions::builder()
        .secret(SECRET)
        .build()
        .expect("valid options");
    assert!(built.secure_cookies());
    // ...unless it says otherwise.
    let plain = AuthOptions::builder()
        .secret(SECRET)
        .secure_cookies(false)
        .build()
        .expect("valid options");
    assert!(!plain.secure_cookies());
    assert_eq!(plain.session_cookie_name(), COOKIE);

    // No secret at all.
    for name in [
        "NEXTAUTH_SECRET",
        "AUTH_SECRET",
        "AUTH_SECRET_1",
        "AUTH_SECRET_2",
        "AUTH_SECRET_3",
        "NEXTAUTH_URL",
    ] {
        set(name, None);
    }
    assert_eq!(
        AuthOptions::from_env().expect_err("no secret"),
        ConfigError::MissingSecret
    );
}
