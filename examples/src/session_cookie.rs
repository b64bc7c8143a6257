//! Issuing and clearing the session cookie that `auth-runtime`'s guards read.

use auth_runtime::{AuthOptions, jwt};
use cookie::{Cookie, SameSite};
use serde::Serialize;

/// The cookie NextAuth.js keeps its session in over plain HTTP, and the first place the guards
/// look. Over HTTPS, NextAuth.js uses `__Secure-next-auth.session-token` with the `Secure` flag,
/// which the guards read too.
pub const SESSION_COOKIE: &str = "next-auth.session-token";

/// A `Set-Cookie` value holding a new session token for `claims`. The cookie lives exactly
/// as long as the token in it: the options' `max_age`, which `jwt::encode` uses for `exp`.
pub(crate) fn issue<C: Serialize>(
    options: &AuthOptions,
    claims: &C,
) -> Result<String, jwt::JwtError> {
    let token = jwt::encode(options, claims)?;
    let lifetime = i64::try_from(options.max_age().as_secs()).unwrap_or(i64::MAX);
    let cookie = base(token)
        .max_age(cookie::time::Duration::seconds(lifetime))
        .build();
    Ok(cookie.to_string())
}

/// A `Set-Cookie` value that makes the browser drop the session cookie.
pub(crate) fn clear() -> String {
    let mut cookie = base(String::new()).build();
    cookie.make_removal();
    cookie.to_string()
}

/// The attributes every session cookie has: not readable from JavaScript, not sent on
/// cross-site subrequests, valid for the whole site. The demo serves plain HTTP on
/// 127.0.0.1; behind HTTPS, add `.secure(true)` (and prefer the `__Secure-` name).
fn base(value: String) -> cookie::CookieBuilder<'static> {
    Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
}
