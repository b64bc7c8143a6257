//! The extractor `#[with_auth]` puts first in a handler's parameters.

use std::future::Future;
use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use http::request::Parts;

use crate::check::Verdict;
use crate::cookies::SessionCookies;
use crate::decide::{Pages, Policy, authorize, checked};
use crate::{AuthRejection, AuthState, Claims, RequestInfo, Token};

/// Where a handler's `sign_in` or `forbidden` sends a refused request.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    /// Not given in the attribute: the options' page, or a status code without one.
    FromOptions,
    /// A path on this site.
    Path(&'static str),
    /// `false` in the attribute: a status code, whatever the options say.
    Never,
}

impl Page {
    fn or(self, from_options: Option<&str>) -> Option<&str> {
        match self {
            Page::FromOptions => from_options,
            Page::Path(path) => Some(path),
            Page::Never => None,
        }
    }
}

/// A handler's compiled rule and pages, implemented by a hidden type `#[with_auth]` writes
/// beside the handler.
pub trait Rule: 'static {
    /// The claims the rule reads and was checked against: `claims = ...`, or JSON.
    type Claims: Claims;
    /// Where a request without a valid session is redirected, if anywhere (else 401).
    const SIGN_IN: Page;
    /// Where a signed-in request the rule refuses is redirected, if anywhere (else 403).
    const FORBIDDEN: Page;
    /// Whether the rule reads the route's parameters (`path.<name>`).
    const READS_PATH: bool;
    /// Whether cross-origin writes authenticated by the session cookie are refused (`csrf =
    /// false` turns it off).
    const CSRF: bool;
    /// The top-level claims the rule reads, when they are all the guard needs of the token:
    /// a JSON rule without a check. The guard then reads only those into JSON; `None` reads
    /// every claim.
    const CLAIMS: Option<&'static [&'static str]> = None;
    /// Whether the rule lets this token through for this request.
    fn allows(token: &Token<Self::Claims>, req: &RequestInfo<'_>) -> bool;
}

/// A handler's async check (`check = ...`) for the router state `S`; every state passes
/// when the handler has none.
#[diagnostic::on_unimplemented(
    message = "the `check` of this handler does not take the router's state `{S}`",
    label = "guarded by a check for another state",
    note = "a handler's `check` runs with the state its `state = ...` argument names (or the \
            handler's own `State<...>`): route the handler on a router with that state"
)]
pub trait Check<S>: Rule {
    /// What the check decided for this request.
    fn check(
        token: &Token<Self::Claims>,
        parts: &Parts,
        state: &S,
    ) -> impl Future<Output = Verdict> + Send;
}

/// Runs before the handler's other extractors, so a refused request is answered before its
/// body is read. On success the verified token is left in the request's extensions, where the
/// `Token` and `Session` extractors find it, and the guard keeps the session's cookie update
/// for [`Guard::finish`] to put on the handler's response.
pub struct Guard<R> {
    cookies: SessionCookies,
    rule: PhantomData<fn() -> R>,
}

impl<R> Guard<R> {
    /// The handler's response, with the refreshed session cookie if the session was re-issued.
    pub fn finish(self, response: impl IntoResponse) -> Response {
        let mut response = response.into_response();
        self.cookies.apply_to(&mut response);
        response
    }
}

impl<R, S> FromRequestParts<S> for Guard<R>
where
    R: Check<S>,
    S: AuthState + Send + Sync,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let options = state.auth_options();
        let policy = Policy {
            pages: Pages {
                sign_in: R::SIGN_IN.or(options.sign_in_page()),
                forbidden: R::FORBIDDEN.or(options.forbidden_page()),
            },
            reads_path: R::READS_PATH,
            check_origin: R::CSRF,
            reads: R::CLAIMS,
        };
        let (token, cookies) = authorize(parts, &options, policy, R::allows).await?;
        let verdict = R::check(&token, parts, state).await;
        let cookies = checked(verdict, policy.pages.forbidden, cookies)?;
        Ok(Guard {
            cookies,
            rule: PhantomData,
        })
    }
}
