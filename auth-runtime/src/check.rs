//! Async checks: decisions a rule cannot make alone, because they need the app's state (a
//! database) or the request, run after the rule and before the handler's other extractors.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::response::{IntoResponse, Response};
use http::request::Parts;

use crate::Token;

/// What an async check (`#[with_auth(check = ...)]`, [`AuthLayer::check`](crate::AuthLayer::check))
/// answers: `true` lets the request through, `false` refuses it like a refused rule (403 or
/// the forbidden page), and an error is the response itself, for a check that failed (a
/// database that is down is a 500 or a 503, not a 403).
///
/// ```
/// use auth_runtime::Token;
/// use axum::http::{StatusCode, request::Parts};
///
/// # #[derive(Clone)] struct AppState;
/// # impl AppState { async fn author_of(&self, _post: &str) -> Result<String, ()> { Ok("ada".into()) } }
/// /// Only a post's author may edit it.
/// async fn owns_post(token: &Token, parts: &Parts, state: &AppState) -> Result<bool, StatusCode> {
///     let post = parts.uri.path().rsplit('/').next().unwrap_or_default();
///     let author = state.author_of(post).await.map_err(|()| StatusCode::SERVICE_UNAVAILABLE)?;
///     Ok(token.get_str("sub") == Some(author.as_str()))
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "an async check cannot answer `{Self}`",
    label = "the check's return type",
    note = "a check returns `bool`, `Result<bool, E>` or `Result<(), E>`, where `E: IntoResponse` is \
            the response for a check that failed"
)]
pub trait CheckOutcome {
    /// What the answer means for the request.
    fn into_verdict(self) -> Verdict;
}

/// What an async check decided.
///
/// A check may answer with a type of the app's own, which says what each of its values
/// means:
///
/// ```
/// use auth_runtime::{CheckOutcome, Verdict};
/// use axum::http::StatusCode;
/// use axum::response::{IntoResponse, Redirect};
///
/// /// What the billing service says about a signed-in user's account.
/// enum Billing {
///     Paid,
///     Unpaid,
///     Closed,
///     Unreachable,
/// }
///
/// impl CheckOutcome for Billing {
///     fn into_verdict(self) -> Verdict {
///         match self {
///             Billing::Paid => Verdict::Allow,
///             Billing::Unpaid => Verdict::Respond(Redirect::to("/billing").into_response()),
///             Billing::Closed => Verdict::Refuse,
///             Billing::Unreachable => {
///                 Verdict::Respond(StatusCode::SERVICE_UNAVAILABLE.into_response())
///             }
///         }
///     }
/// }
///
/// assert!(matches!(Billing::Paid.into_verdict(), Verdict::Allow));
/// ```
#[derive(Debug)]
pub enum Verdict {
    /// The request goes on to the handler.
    Allow,
    /// The request is refused like a refused rule: 403, or the forbidden page.
    Refuse,
    /// The request is answered with this response, and never reaches the handler.
    Respond(Response),
}

impl CheckOutcome for bool {
    fn into_verdict(self) -> Verdict {
        match self {
            true => Verdict::Allow,
            false => Verdict::Refuse,
        }
    }
}

impl<E: IntoResponse> CheckOutcome for Result<bool, E> {
    fn into_verdict(self) -> Verdict {
        match self {
            Ok(allowed) => allowed.into_verdict(),
            Err(error) => Verdict::Respond(error.into_response()),
        }
    }
}

impl<E: IntoResponse> CheckOutcome for Result<(), E> {
    fn into_verdict(self) -> Verdict {
        match self {
            Ok(()) => Verdict::Allow,
            Err(error) => Verdict::Respond(error.into_response()),
        }
    }
}

/// An async check function taking the token, the request's parts and a state `T`:
/// `async fn owns_post(token: &Token<C>, parts: &Parts, state: &T) -> bool` (or any
/// [`CheckOutcome`]).
///
/// Implemented for every such function and closure; it names the future that borrows the
/// three arguments, which a plain `Fn` bound cannot.
///
/// Code that takes a check and hands it on bounds it with `CheckFn`:
///
/// ```
/// use auth_runtime::{AuthLayer, AuthOptions, CheckFn, JsonClaims, Token};
/// use axum::http::request::Parts;
///
/// #[derive(Clone)]
/// struct Db;
/// # impl Db { async fn has_member(&self, _user: &str) -> bool { true } }
///
/// /// The layer of every team's routes, with the check the team asks for.
/// fn team_layer<F>(options: AuthOptions, db: Db, check: F) -> AuthLayer
/// where
///     F: for<'a> CheckFn<'a, JsonClaims, Db>,
/// {
///     AuthLayer::new(options).under("/teams").check(db, check)
/// }
///
/// async fn is_member(token: &Token, _parts: &Parts, db: &Db) -> bool {
///     db.has_member(token.get_str("sub").unwrap_or_default()).await
/// }
///
/// # let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
/// let layer = team_layer(options, Db, is_member);
/// ```
pub trait CheckFn<'a, C: 'a, T: 'a>: Send + Sync + 'static {
    /// The check's answer.
    type Outcome: CheckOutcome;
    /// The future the check returns.
    type Future: Future<Output = Self::Outcome> + Send + 'a;

    /// Runs the check.
    fn call(&self, token: &'a Token<C>, parts: &'a Parts, state: &'a T) -> Self::Future;
}

impl<'a, C: 'a, T: 'a, F, Fut> CheckFn<'a, C, T> for F
where
    F: Fn(&'a Token<C>, &'a Parts, &'a T) -> Fut + Send + Sync + 'static,
    Fut: Future + Send + 'a,
    Fut::Output: CheckOutcome,
{
    type Outcome = Fut::Output;
    type Future = Fut;

    fn call(&self, token: &'a Token<C>, parts: &'a Parts, state: &'a T) -> Fut {
        self(token, parts, state)
    }
}

/// Calls `check` with the handler's arguments: `#[with_auth(check = ...)]` calls its check
/// through here, so a function of the wrong shape is refused once, at the `CheckFn` bound,
/// with both signatures. The future is boxed so that its type does not depend on the bound
/// holding, which would repeat the error.
pub fn call_check<'a, C: 'a, T: 'a, F: CheckFn<'a, C, T>>(
    check: F,
    token: &'a Token<C>,
    parts: &'a Parts,
    state: &'a T,
) -> BoxFuture<'a, Verdict> {
    let future = check.call(token, parts, state);
    Box::pin(async move { future.await.into_verdict() })
}

/// A boxed, sendable future.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A check with its state bound in, as the layer keeps it.
pub(crate) type ErasedCheck<C> =
    Arc<dyn for<'a> Fn(&'a Token<C>, &'a Parts) -> BoxFuture<'a, Verdict> + Send + Sync>;

/// `check` with `state` bound in.
pub(crate) fn erase<C, T, F>(state: T, check: F) -> ErasedCheck<C>
where
    C: Send + Sync + 'static,
    T: Send + Sync + 'static,
    F: for<'a> CheckFn<'a, C, T>,
{
    let bound = Arc::new((check, state));
    Arc::new(move |token, parts| {
        let bound = Arc::clone(&bound);
        Box::pin(async move {
            let (check, state) = &*bound;
            check.call(token, parts, state).await.into_verdict()
        })
    })
}
