//! Building `AuthOptions`: from a secret and from the environment, and the errors that say
//! how to fix a bad secret.
//!
//! One test function, since it sets process-wide environment variables.

use std::error::Error;

use auth_runtime::{AuthOptions, ConfigError};

fn set(name: &str, value: Option<&str>) {
    // SAFETY: this binary's only test runs on one thread and nothing else reads the
    // environment concurrently.
    unsafe {
        match value {
            Some(value) => std::env::set_var(name, value),
            None => std::env::remove_var(name),
        }
    }
}

#[test]
fn secrets_come_from_the_argument_or_the_environment() {
    let short = AuthOptions::new("too short").expect_err("a 9-byte secret is refused");
    assert_eq!(
        short,
        ConfigError::SecretTooShort {
            variable: "the secret",
            len: 9
        }
    );
    assert!(short.to_string().contains("at least 32 bytes"));
    assert!(short.to_string().contains("openssl rand -base64 32"));
    assert!(AuthOptions::new([7u8; 32]).is_ok());

    set("NEXTAUTH_SECRET", None);
    set("AUTH_SECRET", None);
    let missing = AuthOptions::from_env().expect_err("no secret is set");
    assert_eq!(missing, ConfigError::MissingSecret);
    assert!(
        missing
            .to_string()
            .starts_with("NEXTAUTH_SECRET is not set")
    );

    set("AUTH_SECRET", Some("short"));
    let error = AuthOptions::from_env().expect_err("AUTH_SECRET is too short");
    assert!(
        error.to_string().starts_with("AUTH_SECRET is 5 bytes long"),
        "{error}"
    );
    // What `main() -> Result<(), Box<dyn Error>>` prints (`Error: {:?}`), and `.expect(...)`.
    let report = format!("Error: {:?}", Box::<dyn Error>::from(error));
    assert_eq!(
        report,
        "Error: AUTH_SECRET is 5 bytes long; a session secret must be at least 32 bytes \
         (RFC 7518): generate one with `openssl rand -base64 32`"
    );
    let missing = format!("{:?}", Box::<dyn Error>::from(missing));
    assert!(missing.contains("`openssl rand -base64 32`"), "{missing}");

    set("NEXTAUTH_SECRET", Some("0123456789abcdef0123456789abcdef"));
    let options = AuthOptions::from_env().expect("NEXTAUTH_SECRET wins over AUTH_SECRET");
    let debug = format!("{options:?}");
    assert!(!debug.contains("0123456789abcdef"), "{debug}");
    assert!(debug.contains("<redacted>"));
}
