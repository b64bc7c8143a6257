//! Refusing form posts from other sites, so that no page elsewhere can sign a visitor in as
//! an account of its choosing (login CSRF) or sign them out.
//!
//! Browsers say where a request comes from: `Sec-Fetch-Site` in every current browser, `Origin`
//! on cross-origin posts in older ones. A request with neither (curl, a script) is not a
//! browser acting for someone else and is let through.

use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Whether a browser reports this request as sent by another site.
pub(crate) fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(ORIGIN) else {
        return false;
    };
    let host = headers.get(HOST).map(HeaderValue::as_bytes);
    !matches!(
        (origin_host(origin.as_bytes()), host),
        (Some(origin), Some(host)) if origin.eq_ignore_ascii_case(host)
    )
}

/// The answer to a form another site posted: 403, saying why.
pub(crate) fn refused() -> Response {
    let message = "Refused: this form was submitted from another site.";
    (StatusCode::FORBIDDEN, message).into_response()
}

/// `host[:port]` of an `Origin` such as `http://127.0.0.1:3000`; `None` for `null`.
fn origin_host(origin: &[u8]) -> Option<&[u8]> {
    let position = origin.windows(3).position(|window| window == b"://")?;
    Some(&origin[position + 3..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|&(name, value)| (name.parse().unwrap(), HeaderValue::from_static(value)))
            .collect()
    }

    #[test]
    fn same_origin_and_non_browser_requests_pass() {
        assert!(!is_cross_site(&headers(&[])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "none")])));
        let same = [
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ];
        assert!(!is_cross_site(&headers(&same)));
    }

    #[test]
    fn other_sites_are_refused() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        let other = [
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000"),
        ];
        assert!(is_cross_site(&headers(&other)));
        let opaque = [("origin", "null"), ("host", "127.0.0.1:3000")];
        assert!(is_cross_site(&headers(&opaque)));
    }
}
