//! What a rule may read of the request, and the request's URI as the client sent it.

use axum::extract::{OriginalUri, RawPathParams};
use http::Uri;
use http::request::Parts;

/// The part of the request a rule can see: `req.method`, `req.path` and the route's
/// parameters, `path.<name>`.
///
/// `path` is the request's full path, as the client sent it, before any
/// [`Router::nest`](axum::Router::nest) stripped a prefix, so a rule means the same thing
/// wherever its router is mounted.
///
/// A rule written as a function, for [`AuthLayer::rule`](crate::AuthLayer::rule), and its test:
///
/// ```
/// use auth_runtime::{RequestInfo, Token};
/// use serde_json::json;
///
/// /// Anyone signed in reads; editors write.
/// fn editors_write(token: &Token, req: &RequestInfo<'_>) -> bool {
///     req.method() == "GET" || token.get_str("role") == Some("editor")
/// }
///
/// let reader = Token::new(json!({ "sub": "user-1" }).as_object().unwrap().clone());
/// assert!(editors_write(&reader, &RequestInfo::new("GET", "/posts/7")));
/// assert!(!editors_write(&reader, &RequestInfo::new("DELETE", "/posts/7")));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RequestInfo<'a> {
    method: &'a str,
    path: &'a str,
    params: Params<'a>,
}

/// The parameters of the matched route, as far as the request has them.
#[derive(Debug, Clone, Copy)]
enum Params<'a> {
    /// Given by hand, for tests and for rules run outside a router.
    Pairs(&'a [(&'a str, &'a str)]),
    /// Read from the router's match.
    Route(&'a RawPathParams),
    /// None could be read: the request was not routed (a fallback, a layer outside the
    /// router), or a parameter is not valid UTF-8 once percent-decoded.
    Unreadable,
}

impl<'a> RequestInfo<'a> {
    /// A view of a request with this method (`"GET"`) and path (`"/admin/users"`), and no
    /// route parameters.
    ///
    /// ```
    /// use auth_runtime::{RequestInfo, Token, rule};
    /// use serde_json::json;
    ///
    /// // A test of a compiled rule, outside any router.
    /// let admins_write = rule!("token.role == 'admin' || req.method == 'GET'");
    /// let claims = json!({ "sub": "user-1", "role": "user" });
    /// let token = Token::new(claims.as_object().unwrap().clone());
    /// assert!(admins_write(&token, &RequestInfo::new("GET", "/admin/users")));
    /// assert!(!admins_write(&token, &RequestInfo::new("POST", "/admin/users")));
    /// ```
    pub fn new(method: &'a str, path: &'a str) -> Self {
        Self {
            method,
            path,
            params: Params::Pairs(&[]),
        }
    }

    /// The same view, with the matched route's parameters, percent-decoded, by name:
    /// `[("user_id", "42")]` for `/users/{user_id}` and `/users/42`.
    ///
    /// ```
    /// # use auth_runtime::RequestInfo;
    /// let req = RequestInfo::new("GET", "/users/42").with_params(&[("user_id", "42")]);
    /// assert_eq!(req.param("user_id"), Some("42"));
    /// assert_eq!(req.param("org"), None);
    /// ```
    #[must_use]
    pub fn with_params(mut self, params: &'a [(&'a str, &'a str)]) -> Self {
        self.params = Params::Pairs(params);
        self
    }

    /// The request method, upper case as sent (`"GET"`).
    ///
    /// ```
    /// use auth_runtime::{AuthLayer, AuthOptions, RequestInfo, Token};
    /// use serde_json::json;
    ///
    /// // Signed-in users read; only admins change anything.
    /// let admins_write = |token: &Token, req: &RequestInfo<'_>| {
    ///     matches!(req.method(), "GET" | "HEAD") || token.get_str("role") == Some("admin")
    /// };
    /// let user = Token::new(json!({ "sub": "user-1" }).as_object().unwrap().clone());
    /// assert!(!admins_write(&user, &RequestInfo::new("DELETE", "/users/7")));
    ///
    /// # let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    /// let layer = AuthLayer::new(options).rule(admins_write);
    /// ```
    pub fn method(&self) -> &'a str {
        self.method
    }

    /// The request path, without the query.
    ///
    /// ```
    /// use auth_runtime::{AuthLayer, AuthOptions, RequestInfo, Token};
    /// use serde_json::json;
    ///
    /// // Everyone signed in, but only staff under `/internal`.
    /// let staff_inside = |token: &Token, req: &RequestInfo<'_>| {
    ///     let staff = token.get_str("email").is_some_and(|email| email.ends_with("@example.com"));
    ///     staff || !req.path().starts_with("/internal/")
    /// };
    /// let guest = Token::new(json!({ "sub": "user-1" }).as_object().unwrap().clone());
    /// assert!(staff_inside(&guest, &RequestInfo::new("GET", "/docs/intro")));
    /// assert!(!staff_inside(&guest, &RequestInfo::new("GET", "/internal/stats")));
    ///
    /// # let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    /// let layer = AuthLayer::new(options).rule(staff_inside);
    /// ```
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The matched route's parameter `name`, percent-decoded, or `None` when the route has
    /// no such parameter.
    ///
    /// ```
    /// use auth_runtime::{RequestInfo, Token};
    /// use serde_json::json;
    ///
    /// /// For `/users/{user_id}/...`: users see their own pages only.
    /// fn own_pages(token: &Token, req: &RequestInfo<'_>) -> bool {
    ///     req.param("user_id").is_some_and(|id| token.get_str("sub") == Some(id))
    /// }
    ///
    /// let token = Token::new(json!({ "sub": "42" }).as_object().unwrap().clone());
    /// let req = RequestInfo::new("GET", "/users/42/orders").with_params(&[("user_id", "42")]);
    /// assert!(own_pages(&token, &req));
    /// assert!(!own_pages(&token, &RequestInfo::new("GET", "/users")));
    /// ```
    pub fn param(&self, name: &str) -> Option<&'a str> {
        match self.params {
            Params::Pairs(pairs) => pairs
                .iter()
                .find_map(|&(key, value)| (key == name).then_some(value)),
            Params::Route(params) => params
                .iter()
                .find_map(|(key, value)| (key == name).then_some(value)),
            Params::Unreadable => None,
        }
    }

    /// Logs why a rule found no parameter `name`: a route that lacks it is a mistake in the
    /// app, worth a warning; a client sending bytes that are not UTF-8 is not.
    pub(crate) fn report_missing_param(&self, name: &str) {
        match self.params {
            Params::Unreadable => tracing::debug!(
                param = name,
                path = self.path,
                "the route's parameters could not be read; the rule reads `path.{name}` as null"
            ),
            Params::Pairs(_) | Params::Route(_) => tracing::warn!(
                param = name,
                path = self.path,
                "a rule reads `path.{name}`, which the matched route does not have; it reads \
                 as null, so comparing it is false"
            ),
        }
    }
}

impl<'a> RequestInfo<'a> {
    /// The view of `parts`, with the route's parameters when `params` holds them.
    pub(crate) fn of(parts: &'a Parts, params: Option<&'a RawPathParams>) -> Self {
        Self {
            method: parts.method.as_str(),
            path: original_uri(parts).path(),
            params: params.map_or(Params::Unreadable, Params::Route),
        }
    }
}

/// The matched route's parameters, percent-decoded, or `None` when they cannot be read.
pub(crate) async fn route_params(parts: &mut Parts) -> Option<RawPathParams> {
    use axum::extract::FromRequestParts;
    RawPathParams::from_request_parts(parts, &()).await.ok()
}

/// The URI the client asked for: inside a nested router, axum has already stripped the
/// prefix from `parts.uri` and keeps the original in an extension.
pub(crate) fn original_uri(parts: &Parts) -> &Uri {
    parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |original| &original.0)
}
