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

use crate::builder::check_page;
use crate::check::{CheckFn, ErasedCheck, erase};
use crate::cookies::SessionCookies;
use crate::decide::{Pages, Policy, authorize, checked};
use crate::request::original_uri;
use crate::{AuthOptions, AuthRejection, Claims, ConfigError, JsonClaims, RequestInfo, Token};

type Rule<C> = Arc<dyn Fn(&Token<C>, &RequestInfo<'_>) -> bool + Send + Sync>;

/// Guards every route under it: the Rust counterpart of `withAuth` from
/// `next-auth/middleware`.
///
/// A request without a valid session is redirected to the options' sign-in page with a
/// `callbackUrl` (or answered 401 without one); a signed-in request the rule refuses gets the
/// options' forbidden page (or 403). The layer can choose otherwise, as the attribute's
/// `sign_in` and `forbidden` do: [`AuthLayer::without_sign_in_page`] answers 401 whatever the
/// options say (a JSON API nested in a site), [`AuthLayer::sign_in_page`] redirects to another
/// page. The sign-in, error and forbidden pages themselves are never guarded, so there is no
/// redirect loop. A request that passes reaches the routes with its
/// token in the request extensions (`Token` extractor, `Extension<Token>`), and its response
/// carries the refreshed session cookie when the session was re-issued.
///
/// With typed claims ([`AuthLayer::with_claims`]) the rule is checked against the claims type
/// when the crate compiles, a session whose claims do not deserialize is refused like a
/// missing one, and the routes find a `Token<C>` already deserialized.
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
pub struct AuthLayer<C = JsonClaims> {
    options: AuthOptions,
    rule: Rule<C>,
    check: Option<ErasedCheck<C>>,
    /// Whether cross-origin writes the session cookie authenticates are refused.
    csrf: bool,
    /// The path prefixes guarded; every path when empty.
    prefixes: Arc<[String]>,
    sign_in: Destination,
    forbidden: Destination,
}

/// Where the layer sends a request it refuses, as the attribute's `sign_in` and `forbidden`
/// choose.
#[derive(Clone)]
enum Destination {
    /// The options' page, or the status code when they name none.
    FromOptions,
    /// This page, whatever the options say.
    Page(Arc<str>),
    /// The status code, whatever the options say.
    Status,
}

impl Destination {
    fn page(page: &str) -> Result<Self, ConfigError> {
        check_page(page)?;
        Ok(Self::Page(page.into()))
    }

    fn or<'a>(&'a self, from_options: Option<&'a str>) -> Option<&'a str> {
        match self {
            Self::FromOptions => from_options,
            Self::Page(page) => Some(page),
            Self::Status => None,
        }
    }
}

impl<C> Clone for AuthLayer<C> {
    fn clone(&self) -> Self {
        Self {
            options: self.options.clone(),
            rule: Arc::clone(&self.rule),
            check: self.check.clone(),
            csrf: self.csrf,
            prefixes: Arc::clone(&self.prefixes),
            sign_in: self.sign_in.clone(),
            forbidden: self.forbidden.clone(),
        }
    }
}

impl AuthLayer {
    /// A layer letting any valid session through, like NextAuth.js's default
    /// `authorized: ({ token }) => !!token`.
    ///
    /// ```
    /// use auth_runtime::{AuthLayer, AuthOptions};
    /// use axum::body::Body;
    /// use axum::http::{Request, StatusCode};
    /// use axum::{Router, routing::get};
    /// use tower::ServiceExt;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// let app: Router = Router::new()
    ///     .route("/reports", get(|| async { "reports" }))
    ///     .layer(AuthLayer::new(options.clone()))
    ///     .with_state(options);
    ///
    /// // No sign-in page in the options: a request without a session gets 401.
    /// let response = app.oneshot(Request::get("/reports").body(Body::empty())?).await?;
    /// assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(options: AuthOptions) -> Self {
        Self::with_claims(options)
    }

    /// A layer for sessions whose claims are `C`: its rule reads `C` (a `rule!(C, "...")`,
    /// checked against `C` when the crate compiles), a session whose claims do not
    /// deserialize into `C` is refused like a missing one, and the routes find the claims
    /// already deserialized through the `Token<C>` extractor.
    ///
    /// ```
    /// use auth_runtime::{AuthLayer, AuthOptions, Claims, Token, rule};
    /// use axum::{Router, routing::get};
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize, Claims)]
    /// struct AppClaims {
    ///     sub: String,
    ///     role: String,
    /// }
    ///
    /// # let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    /// let admin = Router::new()
    ///     .route("/", get(|token: Token<AppClaims>| async move { token.sub.clone() }))
    ///     .layer(
    ///         AuthLayer::with_claims::<AppClaims>(options.clone())
    ///             .rule(rule!(AppClaims, "token.role == 'admin'")),
    ///     );
    /// let app: Router = Router::new().nest("/admin", admin).with_state(options);
    /// ```
    pub fn with_claims<C: Claims>(options: AuthOptions) -> AuthLayer<C> {
        AuthLayer {
            options,
            rule: Arc::new(|_, _| true),
            check: None,
            csrf: true,
            prefixes: Arc::new([]),
            sign_in: Destination::FromOptions,
            forbidden: Destination::FromOptions,
        }
    }
}

impl<C: Claims> AuthLayer<C> {
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
    /// function of the token and the request. The request's route parameters are there for
    /// it (`path.<name>` in a rule, [`RequestInfo::param`] in a function).
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
        rule: impl Fn(&Token<C>, &RequestInfo<'_>) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.rule = Arc::new(rule);
        self
    }

    /// An async check run after the rule, before the routes, with `state` (a database pool,
    /// the app's state): `false` refuses the request like the rule (403 or the forbidden page),
    /// an error answers with its own response. See [`CheckOutcome`](crate::CheckOutcome).
    ///
    /// ```
    /// use auth_runtime::{AuthLayer, AuthOptions, Token};
    /// use axum::http::request::Parts;
    ///
    /// #[derive(Clone)]
    /// struct Db;
    /// impl Db {
    ///     async fn is_member(&self, user: &str, team: &str) -> bool { user == "ada" && team == "core" }
    /// }
    ///
    /// async fn member_of_team(token: &Token, parts: &Parts, db: &Db) -> bool {
    ///     let team = parts.uri.path().trim_start_matches("/teams/");
    ///     db.is_member(token.get_str("sub").unwrap_or_default(), team).await
    /// }
    ///
    /// # let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    /// let layer = AuthLayer::new(options).check(Db, member_of_team);
    /// ```
    #[must_use]
    pub fn check<T, F>(mut self, state: T, check: F) -> Self
    where
        T: Send + Sync + 'static,
        F: for<'a> CheckFn<'a, C, T>,
    {
        self.check = Some(erase(state, check));
        self
    }

    /// Whether a write another origin made is refused when the session cookie would
    /// authenticate it (CSRF). On by default; turn it off for a subtree that serves such
    /// writes on purpose, or trust their origins instead with
    /// [`AuthOptionsBuilder::trusted_origins`](crate::AuthOptionsBuilder::trusted_origins).
    /// Requests with a bearer token are never checked.
    ///
    /// ```
    /// use auth_runtime::{AuthLayer, AuthOptions, jwt};
    /// use axum::body::Body;
    /// use axum::http::{Request, StatusCode};
    /// use axum::{Router, routing::post};
    /// use serde_json::json;
    /// use tower::ServiceExt;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// // A widget other sites embed posts its form here on purpose, with the visitor's session.
    /// let widget = Router::new()
    ///     .route("/vote", post(|| async { "thanks" }))
    ///     .layer(AuthLayer::new(options.clone()).csrf(false));
    /// let app: Router = Router::new().nest("/widget", widget).with_state(options.clone());
    ///
    /// let token = jwt::encode(&options, &json!({ "sub": "user-1" })).await?;
    /// let vote = Request::post("/widget/vote")
    ///     .header("origin", "https://blog.example")
    ///     .header("cookie", format!("{}={token}", options.session_cookie_name()));
    /// let response = app.oneshot(vote.body(Body::empty())?).await?;
    /// assert_eq!(response.status(), StatusCode::OK);
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn csrf(mut self, check: bool) -> Self {
        self.csrf = check;
        self
    }

    /// Redirects a request without a valid session to `page` (with a `callbackUrl`), whatever
    /// the options' sign-in page: the attribute's `sign_in = "/..."`. The page is never
    /// guarded by this layer.
    ///
    /// ```
    /// # use auth_runtime::{AuthLayer, AuthOptions};
    /// # use axum::{Router, routing::get};
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// # let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// let console = Router::new()
    ///     .route("/", get(|| async { "console" }))
    ///     .layer(AuthLayer::new(options.clone()).sign_in_page("/console/login")?);
    /// # let _: Router<AuthOptions> = console;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`ConfigError::InvalidPage`] when `page` is not a path on this site (it must start with
    /// one `/`, and hold no `#`, spaces or control characters), which could redirect users
    /// elsewhere.
    pub fn sign_in_page(mut self, page: &str) -> Result<Self, ConfigError> {
        self.sign_in = Destination::page(page)?;
        Ok(self)
    }

    /// Answers a request without a valid session with 401, even when the options name a
    /// sign-in page: the attribute's `sign_in = false`, for a JSON API under a site whose
    /// pages redirect to sign in.
    ///
    /// ```
    /// # use auth_runtime::{AuthLayer, AuthOptions};
    /// # use axum::{Router, routing::get};
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .sign_in_page("/auth/signin") // for the site's pages
    ///     .build()?;
    /// let api = Router::new()
    ///     .route("/me", get(|| async { "me" }))
    ///     .layer(AuthLayer::new(options.clone()).without_sign_in_page()); // 401, not a redirect
    /// let app: Router = Router::new().nest("/api", api).with_state(options);
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn without_sign_in_page(mut self) -> Self {
        self.sign_in = Destination::Status;
        self
    }

    /// Redirects a signed-in request the rule or check refuses to `page`, whatever the
    /// options' forbidden page: the attribute's `forbidden = "/..."`. The page is never
    /// guarded by this layer.
    ///
    /// ```
    /// # use auth_runtime::{AuthLayer, AuthOptions, rule};
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// # let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// let layer = AuthLayer::new(options)
    ///     .rule(rule!("token.role == 'admin'"))
    ///     .forbidden_page("/admins-only")?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`ConfigError::InvalidPage`] when `page` is not a path on this site.
    pub fn forbidden_page(mut self, page: &str) -> Result<Self, ConfigError> {
        self.forbidden = Destination::page(page)?;
        Ok(self)
    }

    /// Answers a signed-in request the rule or check refuses with 403, even when the options
    /// name a forbidden page: the attribute's `forbidden = false`.
    ///
    /// ```
    /// # use auth_runtime::{AuthLayer, AuthOptions, rule};
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::builder()
    ///     .secret("a secret of at least thirty-two bytes!")
    ///     .forbidden_page("/forbidden")
    ///     .build()?;
    /// let api_layer = AuthLayer::new(options)
    ///     .rule(rule!("token.role == 'admin'"))
    ///     .without_forbidden_page(); // 403 JSON for the API
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn without_forbidden_page(mut self) -> Self {
        self.forbidden = Destination::Status;
        self
    }

    /// Where this layer sends refused requests: its own choices, else the options' pages.
    fn pages(&self) -> Pages<'_> {
        Pages {
            sign_in: self.sign_in.or(self.options.sign_in_page()),
            forbidden: self.forbidden.or(self.options.forbidden_page()),
        }
    }

    /// The rule, then the check: the cookie update for a request that passes.
    async fn decide(&self, parts: &mut Parts) -> Result<SessionCookies, AuthRejection> {
        let pages = self.pages();
        let policy = Policy {
            pages,
            // The layer cannot know whether its rule reads `path.<name>`, so it always gives
            // the rule the route's parameters (a route without any costs nothing to read).
            reads_path: true,
            check_origin: self.csrf,
            // A rule given as a function does not say which claims it reads.
            reads: None,
        };
        let (token, cookies) = authorize(parts, &self.options, policy, |token, req| {
            (self.rule)(token, req)
        })
        .await?;
        match &self.check {
            Some(check) => checked(check(&token, parts).await, pages.forbidden, cookies),
            None => Ok(cookies),
        }
    }

    /// Whether the layer guards `parts`: it is under the layer's prefixes, and not one of the
    /// pages the layer sends refused requests to.
    fn guards(&self, parts: &Parts) -> bool {
        let path = original_uri(parts).path();
        let in_scope =
            self.prefixes.is_empty() || self.prefixes.iter().any(|prefix| is_under(path, prefix));
        let Pages { sign_in, forbidden } = self.pages();
        let pages = [sign_in, self.options.error_page(), forbidden];
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

impl<S, C> Layer<S> for AuthLayer<C> {
    type Service = AuthService<S, C>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthService {
            inner,
            layer: Arc::new(self.clone()),
        }
    }
}

/// The service [`AuthLayer`] wraps around a router's routes.
///
/// Axum's `Router::layer` makes it; it is named where a service is wrapped by hand:
///
/// ```
/// use std::convert::Infallible;
/// use auth_runtime::{AuthLayer, AuthOptions, AuthService};
/// use axum::body::Body;
/// use axum::extract::Request;
/// use axum::http::StatusCode;
/// use tower::{Layer, ServiceExt, service_fn};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
/// let hello = service_fn(|_: Request| async { Ok::<_, Infallible>("hello") });
/// let guarded: AuthService<_> = AuthLayer::new(options).layer(hello);
///
/// let response = guarded.oneshot(Request::new(Body::empty())).await?;
/// assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
/// # Ok(())
/// # }
/// ```
pub struct AuthService<S, C = JsonClaims> {
    inner: S,
    // Shared: each request's future holds the layer, and one reference count is cheaper to
    // take than a clone of every field.
    layer: Arc<AuthLayer<C>>,
}

impl<S: Clone, C> Clone for AuthService<S, C> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            layer: Arc::clone(&self.layer),
        }
    }
}

impl<S, C> Service<Request> for AuthService<S, C>
where
    C: Claims,
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
        let layer = Arc::clone(&self.layer);
        Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            if !layer.guards(&parts) {
                return Ok(inner
                    .call(Request::from_parts(parts, body))
                    .await?
                    .into_response());
            }
            match layer.decide(&mut parts).await {
                Ok(cookies) => {
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
