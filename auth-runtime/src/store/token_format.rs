//! Which cookie values can be session tokens at all, checked before the store is asked, so
//! garbage never reaches the database.

use std::fmt;
use std::sync::Arc;

/// The longest token [`SessionTokenFormat::printable`] accepts by default: the width of
/// `@auth/pg-adapter`'s `"sessionToken" VARCHAR(255)`.
const DEFAULT_MAX_LEN: usize = 255;

/// What a session token looks like. A cookie or `Bearer` value of another shape is refused,
/// and its cookie cleared, without a query.
///
/// The default, [`nextauth`](Self::nextauth), accepts what NextAuth.js and Auth.js generate.
/// An app with its own `session.generateSessionToken` names its format with
/// [`printable`](Self::printable) or [`custom`](Self::custom).
///
/// ```
/// use auth_runtime::store::SessionTokenFormat;
///
/// let format = SessionTokenFormat::default();
/// assert!(format.accepts("9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d80"));
/// assert!(!format.accepts("' OR 1=1 --"));
///
/// // Tokens made by `cuid2`: 24 lowercase letters and digits.
/// let cuid = SessionTokenFormat::custom(|token| {
///     token.len() == 24 && token.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
/// });
/// assert!(cuid.accepts("tz4a98xxat96iws9zmbrgj3a"));
/// ```
#[derive(Clone, Default)]
pub struct SessionTokenFormat(Format);

#[derive(Clone, Default)]
enum Format {
    #[default]
    NextAuth,
    Printable(usize),
    Custom(Arc<dyn Fn(&str) -> bool + Send + Sync>),
}

impl SessionTokenFormat {
    /// The tokens NextAuth.js and Auth.js generate: a lowercase UUID
    /// (`crypto.randomUUID()`), or 64 lowercase hex digits (next-auth 4 on a Node.js without
    /// `randomUUID`). The default.
    ///
    /// ```
    /// use auth_runtime::store::SessionTokenFormat;
    ///
    /// let format = SessionTokenFormat::nextauth();
    /// assert!(format.accepts(&"ab".repeat(32)));
    /// assert!(!format.accepts("9F0C4B8E-2D7A-4C59-9A51-3E6F1B2C7D80"));
    /// ```
    pub fn nextauth() -> Self {
        SessionTokenFormat(Format::NextAuth)
    }

    /// Any token of 1 to 255 visible ASCII characters other than `"`, `,`, `;` and `\`: what
    /// a cookie value can hold, for apps whose generator is not NextAuth.js's.
    ///
    /// ```
    /// use auth_runtime::store::SessionTokenFormat;
    ///
    /// let format = SessionTokenFormat::printable();
    /// assert!(format.accepts("clx2v1b9k0000qz8h3f5d7a1e"));
    /// assert!(!format.accepts(&"a".repeat(256)));
    /// assert!(!format.accepts("two words"));
    /// ```
    pub fn printable() -> Self {
        SessionTokenFormat(Format::Printable(DEFAULT_MAX_LEN))
    }

    /// Tokens `accepts` says yes to.
    ///
    /// ```
    /// use auth_runtime::store::SessionTokenFormat;
    ///
    /// let format = SessionTokenFormat::custom(|token| token.starts_with("sess_") && token.len() < 64);
    /// assert!(format.accepts("sess_4f9a"));
    /// ```
    pub fn custom(accepts: impl Fn(&str) -> bool + Send + Sync + 'static) -> Self {
        SessionTokenFormat(Format::Custom(Arc::new(accepts)))
    }

    /// Whether `token` can be a session token.
    ///
    /// ```
    /// use auth_runtime::store::SessionTokenFormat;
    ///
    /// assert!(!SessionTokenFormat::default().accepts(""));
    /// ```
    pub fn accepts(&self, token: &str) -> bool {
        match &self.0 {
            Format::NextAuth => is_uuid(token) || is_hex64(token),
            Format::Printable(max_len) => {
                (1..=*max_len).contains(&token.len())
                    && token
                        .bytes()
                        .all(|byte| byte.is_ascii_graphic() && !b"\",;\\".contains(&byte))
            }
            Format::Custom(accepts) => accepts(token),
        }
    }
}

impl fmt::Debug for SessionTokenFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Format::NextAuth => f.write_str("SessionTokenFormat::NextAuth"),
            Format::Printable(max_len) => write!(f, "SessionTokenFormat::Printable({max_len})"),
            Format::Custom(_) => f.write_str("SessionTokenFormat::Custom"),
        }
    }
}

fn is_lower_hex(byte: u8) -> bool {
    byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte)
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in lowercase hex, any version: `randomUUID` gives
/// v4, but a store filled by other code may hold others.
fn is_uuid(token: &str) -> bool {
    token.len() == 36
        && token.bytes().enumerate().all(|(at, byte)| match at {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => is_lower_hex(byte),
        })
}

fn is_hex64(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(is_lower_hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_takes_what_nextauth_generates_and_nothing_near_it() {
        let format = SessionTokenFormat::default();
        assert!(format.accepts(&uuid::Uuid::new_v4().to_string()));
        assert!(format.accepts(&"0123456789abcdef".repeat(4)));
        for refused in [
            "",
            "9f0c4b8e2d7a4c599a513e6f1b2c7d80",      // no dashes
            "9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d8",   // one short
            "9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d80a", // one long
            "9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d8g",
            "9f0c4b8e-2d7a-4c59-9a51+3e6f1b2c7d80",
            "9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d8\u{e9}",
        ] {
            assert!(!format.accepts(refused), "{refused:?}");
        }
        assert!(!format.accepts(&"0123456789abcdef".repeat(4)[1..]));
        assert!(!format.accepts(&"0123456789ABCDEF".repeat(4)));
    }

    #[test]
    fn printable_stops_at_cookie_separators_and_the_column_width() {
        let format = SessionTokenFormat::printable();
        assert!(format.accepts(&"a".repeat(255)));
        for refused in ["", "a b", "a;b", "a,b", "a\"b", "a\\b", "a\u{7f}", "\u{e9}"] {
            assert!(!format.accepts(refused), "{refused:?}");
        }
    }
}
