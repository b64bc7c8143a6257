//! The one decision path: every guard, extractor and helper asks here who the request is and
//! whether it may pass, so they cannot disagree.

use http::request::Parts;

use crate::{AuthOptions, AuthRejection, RequestInfo, Token, jwt, source};

/// The pages a refused request is sent to; `None` answers with a status code instead.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Pages<'a> {
    pub(crate) sign_in: Option<&'a str>,
    pub(crate) forbidden: Option<&'a str>,
}

/// The result of loading a request's session, kept in the request's extensions so that the
/// guard and every extractor after it share one decode.
#[derive(Debug, Clone)]
enum Loaded {
    Valid(Token),
    /// No session; `stale_cookie` names the cookie whose token was refused, if any.
    Missing {
        stale_cookie: Option<&'static str>,
    },
}

/// The request's verified session token, or the rejection for a request without one.
pub(crate) fn authenticate(
    parts: &mut Parts,
    options: &AuthOptions,
    sign_in: Option<&str>,
) -> Result<Token, AuthRejection> {
    match load(parts, options) {
        Loaded::Valid(token) => Ok(token),
        Loaded::Missing { stale_cookie } => {
            tracing::debug!(
                path = parts.uri.path(),
                "no valid session; refusing the request"
            );
            Err(AuthRejection::signed_out(parts, sign_in, stale_cookie))
        }
    }
}

/// [`authenticate`], then the rule: the token if both pass.
pub(crate) fn authorize(
    parts: &mut Parts,
    options: &AuthOptions,
    pages: Pages<'_>,
    allows: impl FnOnce(&Token, &RequestInfo<'_>) -> bool,
) -> Result<Token, AuthRejection> {
    let token = authenticate(parts, options, pages.sign_in)?;
    if allows(&token, &RequestInfo::of(parts)) {
        tracing::debug!(path = parts.uri.path(), "rule allowed the request");
        Ok(token)
    } else {
        tracing::debug!(path = parts.uri.path(), "rule refused a signed-in request");
        Err(AuthRejection::forbidden(pages.forbidden))
    }
}

/// The session token if the request carries a valid one, decoding it at most once per
/// request.
pub(crate) fn session_token(parts: &mut Parts, options: &AuthOptions) -> Option<Token> {
    match load(parts, options) {
        Loaded::Valid(token) => Some(token),
        Loaded::Missing { .. } => None,
    }
}

/// Like [`session_token`], for callers holding shared access to the request: it reuses a
/// token already verified for this request but cannot store a new one.
pub(crate) fn peek_session_token(parts: &Parts, options: &AuthOptions) -> Option<Token> {
    match cached(parts).unwrap_or_else(|| verify(parts, options)) {
        Loaded::Valid(token) => Some(token),
        Loaded::Missing { .. } => None,
    }
}

fn cached(parts: &Parts) -> Option<Loaded> {
    if let Some(token) = parts.extensions.get::<Token>() {
        return Some(Loaded::Valid(token.clone()));
    }
    parts.extensions.get::<Loaded>().cloned()
}

fn load(parts: &mut Parts, options: &AuthOptions) -> Loaded {
    if let Some(loaded) = cached(parts) {
        return loaded;
    }
    let loaded = verify(parts, options);
    match &loaded {
        // Stored as a plain `Token`, so handlers can also take `Extension<Token>`.
        Loaded::Valid(token) => {
            parts.extensions.insert(token.clone());
        }
        Loaded::Missing { .. } => {
            parts.extensions.insert(loaded.clone());
        }
    }
    loaded
}

fn verify(parts: &Parts, options: &AuthOptions) -> Loaded {
    let Some(found) = source::find(&parts.headers) else {
        return Loaded::Missing { stale_cookie: None };
    };
    match jwt::decode(options, found.token) {
        Ok(token) => Loaded::Valid(token),
        Err(error) => {
            // The reason only: never the token itself.
            tracing::debug!(reason = %error, from_cookie = found.cookie.is_some(), "session token refused");
            Loaded::Missing {
                stale_cookie: found.cookie,
            }
        }
    }
}
