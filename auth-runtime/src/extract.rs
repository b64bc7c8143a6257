//! The axum extractors: `Token`, `Token<C>`, `Session` and their `Option`s.
//!
//! They load the session through the same path as the guard (callbacks included), cross-origin
//! check included, and reuse what a guard or layer already loaded. They cannot touch the response, so a session they
//! load is not refreshed; `#[with_auth]`, the layer and `get_server_session` do that.

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use http::request::Parts;

use crate::decide::{authenticate, load, typed, want};
use crate::payload::Want;
use crate::{AuthRejection, AuthState, Claims, JsonClaims, Session, Token};

/// Requires a valid session whose claims deserialize into `C`: a request without one gets
/// 401 (and a cleared cookie if the cookie held a bad token). Inside a `#[with_auth]` handler
/// it reads the token the guard verified.
impl<C, S> FromRequestParts<S> for Token<C>
where
    C: Claims,
    S: AuthState + Send + Sync,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let (token, _) = authenticate(parts, &state.auth_options(), None, true).await?;
        Ok(token)
    }
}

/// `Some` for a request with a valid session whose claims deserialize into `C`, `None`
/// otherwise; never refuses the request.
impl<C, S> OptionalFromRequestParts<S> for Token<C>
where
    C: Claims,
    S: AuthState + Send + Sync,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        let options = state.auth_options();
        let loaded = load(parts, &options, want::<C>()).await;
        loaded.answered()?;
        if loaded.refused_cross_origin(parts, &options) {
            return Ok(None);
        }
        Ok(loaded.session.and_then(|session| typed(parts, &session)))
    }
}

/// Requires a valid session, like [`Token`], and gives it in NextAuth.js's session shape,
/// built by `callbacks.session`.
impl<S> FromRequestParts<S> for Session
where
    S: AuthState + Send + Sync,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let options = state.auth_options();
        let (token, _) = authenticate::<JsonClaims>(parts, &options, None, true).await?;
        Ok(options.settings().callbacks.session(&token).await)
    }
}

/// `Some` session for a signed-in request, `None` otherwise; never refuses the request.
impl<S> OptionalFromRequestParts<S> for Session
where
    S: AuthState + Send + Sync,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        let options = state.auth_options();
        let loaded = load(parts, &options, Want::Json).await;
        loaded.answered()?;
        if loaded.refused_cross_origin(parts, &options) {
            return Ok(None);
        }
        match loaded.session {
            Some(session) => Ok(Some(
                options.settings().callbacks.session(session.json()).await,
            )),
            None => Ok(None),
        }
    }
}
