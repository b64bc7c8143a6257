//! What a rule may read of the request, and the request's URI as the client sent it.

use axum::extract::OriginalUri;
use http::Uri;
use http::request::Parts;

/// The part of the request a rule can see as `req`: its method and path.
///
/// `path` is the request's full path, as the client sent it, before any
/// [`Router::nest`](axum::Router::nest) stripped a prefix, so a rule means the same thing
/// wherever its router is mounted.
#[derive(Debug, Clone, Copy)]
pub struct RequestInfo<'a> {
    method: &'a str,
    path: &'a str,
}

impl<'a> RequestInfo<'a> {
    /// A view of a request with this method (`"GET"`) and path (`"/admin/users"`).
    pub fn new(method: &'a str, path: &'a str) -> Self {
        Self { method, path }
    }

    /// The request method, upper case as sent (`"GET"`).
    pub fn method(&self) -> &'a str {
        self.method
    }

    /// The request path, without the query.
    pub fn path(&self) -> &'a str {
        self.path
    }
}

impl<'a> RequestInfo<'a> {
    pub(crate) fn of(parts: &'a Parts) -> Self {
        Self::new(parts.method.as_str(), original_uri(parts).path())
    }
}

/// The URI the client asked for: inside a nested router, axum has already stripped the
/// prefix from `parts.uri` and keeps the original in an extension.
pub(crate) fn original_uri(parts: &Parts) -> &Uri {
    parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |original| &original.0)
}
