//! Where a request carries its session token: the session cookie, else an
//! `Authorization: Bearer` header.

use http::HeaderMap;
use http::header::{AUTHORIZATION, COOKIE};

/// The cookie NextAuth.js sets over plain HTTP.
pub(crate) const SESSION_COOKIE: &str = "next-auth.session-token";
/// The cookie NextAuth.js sets over HTTPS; browsers only accept it with the `Secure` flag.
pub(crate) const SECURE_SESSION_COOKIE: &str = "__Secure-next-auth.session-token";

const SESSION_COOKIES: [&str; 2] = [SESSION_COOKIE, SECURE_SESSION_COOKIE];

/// A token as found in a request, not yet verified.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found<'a> {
    pub(crate) token: &'a str,
    /// The cookie that held it, so a bad token can be cleared; `None` for a bearer token.
    pub(crate) cookie: Option<&'static str>,
}

/// The request's session token, from the session cookie, else the bearer header.
///
/// Header values that are not valid text, and cookies that do not parse, are skipped: they
/// cannot hold a token, and skipping them is what a browser would have us do.
pub(crate) fn find(headers: &HeaderMap) -> Option<Found<'_>> {
    session_cookie(headers).or_else(|| bearer(headers))
}

fn session_cookie(headers: &HeaderMap) -> Option<Found<'_>> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find_map(|cookie| {
            let name = SESSION_COOKIES
                .into_iter()
                .find(|&name| cookie.name_raw() == Some(name))?;
            Some(Found {
                token: cookie.value_raw()?,
                cookie: Some(name),
            })
        })
}

fn bearer(headers: &HeaderMap) -> Option<Found<'_>> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(Found {
        token,
        cookie: None,
    })
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(http::HeaderName, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_bytes(value).unwrap());
        }
        map
    }

    fn found(map: &HeaderMap) -> Option<(&str, Option<&'static str>)> {
        find(map).map(|found| (found.token, found.cookie))
    }

    #[test]
    fn reads_the_session_cookie_among_others() {
        let map = headers(&[(COOKIE, b"theme=dark; next-auth.session-token=abc; lang=en")]);
        assert_eq!(found(&map), Some(("abc", Some(SESSION_COOKIE))));
    }

    #[test]
    fn reads_the_secure_cookie_from_a_second_cookie_header() {
        let map = headers(&[
            (COOKIE, b"theme=dark"),
            (COOKIE, b"__Secure-next-auth.session-token=xyz"),
        ]);
        assert_eq!(found(&map), Some(("xyz", Some(SECURE_SESSION_COOKIE))));
    }

    #[test]
    fn ignores_cookies_whose_name_only_starts_like_the_session_cookie() {
        let map = headers(&[(COOKIE, b"next-auth.session-token-old=abc")]);
        assert_eq!(found(&map), None);
    }

    #[test]
    fn the_cookie_wins_over_the_bearer_header() {
        let map = headers(&[
            (AUTHORIZATION, b"Bearer from-header"),
            (COOKIE, b"next-auth.session-token=from-cookie"),
        ]);
        assert_eq!(found(&map), Some(("from-cookie", Some(SESSION_COOKIE))));
    }

    #[test]
    fn reads_a_bearer_token_with_any_scheme_case() {
        let map = headers(&[(AUTHORIZATION, b"bEaReR  tok")]);
        assert_eq!(found(&map), Some(("tok", None)));
    }

    #[test]
    fn other_schemes_and_empty_or_binary_values_hold_no_token() {
        for value in [
            &b"Basic dXNlcjpwYXNz"[..],
            b"Bearer",
            b"Bearer   ",
            b"\xff\xfe",
        ] {
            assert_eq!(found(&headers(&[(AUTHORIZATION, value)])), None);
        }
        let map = headers(&[(COOKIE, b"\xffnext-auth.session-token=abc")]);
        assert_eq!(found(&map), None);
    }
}
