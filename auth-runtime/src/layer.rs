//! `AuthLayer`: NextAuth.js's `withAuth` middleware, for a whole router or a subtree of it.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use tower_layer::Layer;
use tower_service::Service;

use crate::decide::{Pages, authorize};
use crate::request::original_uri;
use crate::{AuthOptions, RequestInfo, Token};

type Rule = Arc<dyn Fn(&Token, &RequestInfo<'_>) -> bool + Send + Sync>;

/// Guards every route under it: the Rust counterpart of `withAuth` from
/// `next-auth/middleware`.
///
/// A request without a valid session is redirected to the options' sign-in page with a
/// `callbackUrl` (or answered 401 without one); a signed-in request the rule refuses gets the
/// options' forbidden page (or 403). The sign-in, error and forbidden pages themselves are never
/// guarded, so there is no redirect loop. A request that passes reaches the routes with its
/// token in the request extensions (`Token` extractor, `Extension<Token>`), and its response
/// carries the refreshed session cookie when the session was re-issued.
///
/// ```
/// use auth_runtime::{AuthLayer, AuthOptions, Token, rule};
/// use axum::{Router, routing::get};
///
/// # fn main() -> Result<(), auth_runtime::ConfigError> {
/// let options = AuthOptions::builder()
///     .secret("a secret of at least thirty-two bytes!")
///     .sign_in_page("/auth/signin")
///     .build()?;
///
/// // `pages/admin/_middleware.js`: admins only, nested routes included.
/// let admin = Router::new()
///     .route("/", get(|| async { "admin home" }))
///     .route("/settings", get(|token: Token| async move { format!("{:?}", token.get("name")) }))
///     .layer(AuthLayer::new(options.clone()).rule(rule!("token?.role === 'admin'")));
///
/// let app: Router = Router::new()
///     .nest("/admin", admin)
///     .route("/", get(|| async { "public" }))
///     .with_state(options);
/// # Ok(())
/// # }
/// ```
///
/// A layer on a nested router only sees the requests that router routes: a path it has no
/// route for (and, with axum's `nest`, the prefix with a trailing slash, `/admin/`) is answered
/// 404 before the layer runs. To guard a whole path prefix, whatever is routed under it, put
/// the layer on the outer router and scope it with [`AuthLayer::under`].
#[derive(Clone)]
pub struct AuthLayer {
    options: AuthOptions,
    rule: Rule,
    /// The path prefixes guarded; every path when empty.
    prefixes: Arc<[String]>,
}

impl AuthLayer {
    /// A layer letting any valid session through, like NextAuth.js's default
    /// `authorized: ({ token }) => !!token`.
    pub fn new(options: AuthOptions) -> Self {
        Self {
            options,
            rule: Arc::new(|_, _| true),
            prefixes: Arc::new([]),
        }
    }

    /// Guards only the requests whose full path is `prefix` or below it, on segment
    /// boundaries: `under("/admin")` guards `/admin`, `/admin/` and `/admin/settings`, not
    /// `/administrator`. Call it again to add prefixes. Without it, every request is guarded.
    ///
    /// ```
    /// # use auth_runtime::{AuthLayer, AuthOptions, rule};
    /// # use axum::{Router, routing::get};
    /// # let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    /// let admin = Router::new().route("/", get(|| async { "admin" }));
    /// let app: Router = Router::new()
    ///     .nest("/admin", admin)
    ///     .route("/administrator", get(|| async { "a public page" }))
    ///     .fallback(|| async { "not found" })
    ///     .layer(AuthLayer::new(options.clone()).under("/admin").rule(rule!("token.role == 'admin'")))
    ///     .with_state(options);
    /// ```
    #[must_use]
    pub fn under(mut self, prefix: impl Into<String>) -> Self {
        let mut prefixes = self.prefixes.to_vec();
        prefixes.push(prefix.into());
        self.prefixes = prefixes.into();
        self
    }

    /// The rule a valid session must also pass: a compiled [`rule!`](crate::rule), or any
    /// function of the token and the request.
    ///
    /// ```
    /// # use auth_runtime::{AuthLayer, AuthOptions, RequestInfo, Token};
    /// # let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    /// let editors = AuthLayer::new(options).rule(|token: &Token, req: &RequestInfo<'_>| {
    ///     req.method() == "GET" || token.get_str("role") == Some("editor")
    /// });
    /// ```
    #[must_use]
    pub fn rule(
        mut self,
        rule: impl Fn(&Token, &RequestInfo<'_>) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.rule = Arc::new(rule);
        self
    }

    /// Whether the layer guards `parts`: it is under the layer's prefixes, and not one of the
    /// pages the layer sends refused requests to.
    fn guards(&self, parts: &Parts) -> bool {
        let path = original_uri(parts).path();
        let options = &self.options;
        let in_scope =
            self.prefixes.is_empty() || self.prefixes.iter().any(|prefix| is_under(path, prefix));
        let pages = [
            options.sign_in_page(),
            options.error_page(),
            options.forbidden_page(),
        ];
        let own_page = pages.into_iter().flatten().any(|page| is_under(path, page));
        in_scope && !own_page
    }
}

/// Whether `path` is `page` or below it, on segment boundaries: `/auth/signin` and
/// `/auth/signin/` match `/auth/signin`, `/auth/signinx` does not.
fn is_under(path: &str, page: &str) -> bool {
    let page = page.split_once('?').map_or(page, |(path, _)| path);
    let page = page.trim_end_matches('/');
    path.strip_prefix(page)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl<S> Layer<S> for AuthLayer {
    type Service = AuthService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service [`AuthLayer`] wraps around a router's routes.
#[derive(Clone)]
pub struct AuthService<S> {
    inner: S,
    layer: AuthLayer,
}

impl<S> Service<Request> for AuthService<S>
where
    S: Service<Request> + Clone + Send + 'static,
    S::Response: IntoResponse,
    S::Future: Send,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        // The clone that was polled ready serves this request; the fresh clone the next one.
        let ready = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, ready);
        let layer = self.layer.clone();
        Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            if !layer.guards(&parts) {
                return Ok(inner
                    .call(Request::from_parts(parts, body))
                    .await?
                    .into_response());
            }
            let options = &layer.options;
            let pages = Pages {
                sign_in: options.sign_in_page(),
                forbidden: options.forbidden_page(),
            };
            match authorize(&mut parts, options, pages, |token, req| {
                (layer.rule)(token, req)
            })
            .await
            {
                Ok((_, cookies)) => {
                    let response = inner.call(Request::from_parts(parts, body)).await?;
                    let mut response = response.into_response();
                    cookies.apply_to(&mut response);
                    Ok(response)
                }
                Err(rejection) => Ok(rejection.into_response()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::is_under;

    #[test]
    fn pages_match_on_segment_boundaries() {
        assert!(is_under("/auth/signin", "/auth/signin"));
        assert!(is_under("/auth/signin/", "/auth/signin"));
        assert!(is_under("/auth/signin/github", "/auth/signin"));
        assert!(is_under("/auth/signin", "/auth/signin?from=layer"));
        assert!(!is_under("/auth/signinx", "/auth/signin"));
        assert!(!is_under("/auth", "/auth/signin"));
        assert!(is_under("/", "/"));
    }
}
