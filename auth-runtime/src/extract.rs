//! The axum extractors: `Token`, `Session` and their `Option`s.

use std::convert::Infallible;

use axum::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use http::request::Parts;

use crate::decide::{authenticate, session_token};
use crate::{AuthOptions, AuthRejection, Session, Token};

/// Requires a valid session: a request without one gets 401 (and a cleared cookie if the
/// cookie held a bad token). Inside a `#[with_auth]` handler it reads the token the guard
/// verified.
impl<S> FromRequestParts<S> for Token
where
    AuthOptions: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        authenticate(parts, &AuthOptions::from_ref(state), None)
    }
}

/// `Some` for a request with a valid session, `None` otherwise; never refuses the request.
impl<S> OptionalFromRequestParts<S> for Token
where
    AuthOptions: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(session_token(parts, &AuthOptions::from_ref(state)))
    }
}

/// Requires a valid session, like [`Token`], and gives it in NextAuth.js's session shape.
impl<S> FromRequestParts<S> for Session
where
    AuthOptions: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        authenticate(parts, &AuthOptions::from_ref(state), None)
            .map(|token| Session::from_token(&token))
    }
}

/// `Some` session for a signed-in request, `None` otherwise; never refuses the request.
impl<S> OptionalFromRequestParts<S> for Session
where
    AuthOptions: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        let token = session_token(parts, &AuthOptions::from_ref(state));
        Ok(token.as_ref().map(Session::from_token))
    }
}
