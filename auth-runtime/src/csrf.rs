//! Refusing cross-origin writes authenticated by the session cookie (CSRF).
//!
//! A browser sends the session cookie on its own, whichever page made the request, so a write
//! (`POST`, `PUT`, `PATCH`, `DELETE`, ...) from another origin could act as the signed-in user.
//! `SameSite=Lax` keeps the cookie off most cross-site requests, but not off same-site sibling
//! origins (`evil.example.com` against `app.example.com`) nor in older browsers. This is the
//! check Go 1.25's `net/http` `CrossOriginProtection` made the default, read from the headers
//! browsers send:
//!
//! 1. `GET`, `HEAD` and `OPTIONS` pass: they must not change anything.
//! 2. `Sec-Fetch-Site: same-origin` or `none` (typed in, a bookmark) passes; any other value
//!    is refused, unless the `Origin` is trusted.
//! 3. Without `Sec-Fetch-Site` (browsers before 2023), a request without `Origin` passes (not a
//!    browser, or same-origin); one whose `Origin` names the request's own host passes; a
//!    trusted `Origin` passes; any other is refused.
//!
//! A bearer token is never sent by a browser on its own, so requests it authenticates are not
//! checked. The crates that implement this algorithm are tower middleware answering every
//! request, where this check belongs to the credential (only cookie sessions) and to the
//! guard's own responses; it is a few header comparisons, written here.

use http::header::{HOST, ORIGIN};
use http::request::Parts;
use http::{HeaderValue, Method};

/// The header browsers send to say which site made a request.
const SEC_FETCH_SITE: &str = "sec-fetch-site";

/// Whether `parts` is a write another origin made, which a cookie session must not
/// authenticate; `trusted` are the origins allowed to (`https://app.example.com`).
pub(crate) fn is_cross_origin_write(parts: &Parts, trusted: &[String]) -> bool {
    if matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let origin = parts.headers.get(ORIGIN);
    let trusted_origin = || origin.is_some_and(|origin| is_trusted(origin, trusted));
    if let Some(site) = parts.headers.get(SEC_FETCH_SITE) {
        return !(matches!(site.as_bytes(), b"same-origin" | b"none") || trusted_origin());
    }
    let Some(origin) = origin else {
        return false;
    };
    !(is_own_host(origin, parts) || trusted_origin())
}

/// Whether `origin` is one of `trusted`, compared as ASCII without regard to case.
fn is_trusted(origin: &HeaderValue, trusted: &[String]) -> bool {
    trusted
        .iter()
        .any(|trusted| trusted.as_bytes().eq_ignore_ascii_case(origin.as_bytes()))
}

/// Whether the host (and port) of `origin` is the request's own: its `Host` header, or the
/// authority of its URI (HTTP/2 sends no `Host`).
fn is_own_host(origin: &HeaderValue, parts: &Parts) -> bool {
    let origin = origin.as_bytes();
    let Some(start) = origin.windows(3).position(|window| window == b"://") else {
        // `null` (a sandboxed page, a redirect across origins) is no host at all.
        return false;
    };
    let origin_host = &origin[start + 3..];
    let host = parts
        .headers
        .get(HOST)
        .map(HeaderValue::as_bytes)
        .or_else(|| {
            parts
                .uri
                .authority()
                .map(|authority| authority.as_str().as_bytes())
        });
    host.is_some_and(|host| host.eq_ignore_ascii_case(origin_host))
}

/// Whether `origin` can be trusted as written: `scheme://host[:port]`, nothing after, as
/// browsers serialize an `Origin` header.
pub(crate) fn is_origin(origin: &str) -> bool {
    let Some((scheme, host)) = origin.split_once("://") else {
        return false;
    };
    let scheme_ok = !scheme.is_empty()
        && scheme
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"+-.".contains(&byte));
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"-.:[]_".contains(&byte));
    scheme_ok && host_ok
}

#[cfg(test)]
mod tests {
    use http::Request;

    use super::*;

    fn parts(method: &str, headers: &[(&str, &str)]) -> Parts {
        let mut request = Request::builder().method(method).uri("/posts");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.body(()).expect("a valid request").into_parts().0
    }

    const TRUSTED: &[&str] = &["https://app.example.com"];

    fn refused(method: &str, headers: &[(&str, &str)]) -> bool {
        let trusted: Vec<String> = TRUSTED.iter().map(|&s| s.to_owned()).collect();
        is_cross_origin_write(&parts(method, headers), &trusted)
    }

    #[test]
    fn safe_methods_pass_whatever_the_headers() {
        for method in ["GET", "HEAD", "OPTIONS"] {
            assert!(!refused(
                method,
                &[
                    ("sec-fetch-site", "cross-site"),
                    ("origin", "https://evil.example")
                ]
            ));
        }
    }

    #[test]
    fn fetch_metadata_decides_when_it_is_there() {
        for site in ["same-origin", "none"] {
            assert!(!refused(
                "POST",
                &[("sec-fetch-site", site), ("origin", "https://evil.example")]
            ));
        }
        for site in ["same-site", "cross-site", "unknown"] {
            assert!(refused("POST", &[("sec-fetch-site", site)]), "{site}");
            assert!(
                refused(
                    "DELETE",
                    &[
                        ("sec-fetch-site", site),
                        ("host", "api.example.com"),
                        ("origin", "https://api.example.com")
                    ]
                ),
                "{site}: Sec-Fetch-Site wins over a matching Origin"
            );
            assert!(
                !refused(
                    "PUT",
                    &[
                        ("sec-fetch-site", site),
                        ("origin", "https://app.example.com")
                    ]
                ),
                "{site}: a trusted origin"
            );
        }
    }

    #[test]
    fn without_fetch_metadata_the_origin_must_be_the_host() {
        assert!(
            !refused("POST", &[]),
            "neither header: not a browser, or same-origin"
        );
        assert!(!refused(
            "POST",
            &[
                ("host", "api.example.com:8443"),
                ("origin", "https://API.example.com:8443")
            ]
        ));
        assert!(refused(
            "POST",
            &[
                ("host", "api.example.com"),
                ("origin", "https://api.example.com:8443")
            ]
        ));
        assert!(refused(
            "POST",
            &[
                ("host", "api.example.com"),
                ("origin", "https://evil.example")
            ]
        ));
        assert!(refused(
            "PATCH",
            &[("host", "api.example.com"), ("origin", "null")]
        ));
        assert!(
            refused("POST", &[("origin", "https://api.example.com")]),
            "no host to match"
        );
        assert!(
            !refused(
                "POST",
                &[
                    ("host", "api.example.com"),
                    ("origin", "https://app.example.com")
                ]
            ),
            "trusted"
        );
    }

    #[test]
    fn an_http2_request_matches_its_authority() {
        let request = Request::post("https://api.example.com/posts")
            .header("origin", "https://api.example.com")
            .body(())
            .expect("a valid request");
        assert!(!is_cross_origin_write(&request.into_parts().0, &[]));
    }

    #[test]
    fn trusted_origins_are_scheme_host_and_port() {
        for origin in [
            "https://app.example.com",
            "http://localhost:3000",
            "https://[::1]:8443",
        ] {
            assert!(is_origin(origin), "{origin}");
        }
        for origin in [
            "app.example.com",
            "https://",
            "https://app.example.com/",
            "https://a.example.com/x",
            "*",
            "https://a b",
        ] {
            assert!(!is_origin(origin), "{origin}");
        }
    }
}
