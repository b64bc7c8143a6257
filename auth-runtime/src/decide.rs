//! The one decision path: every guard, extractor, layer and helper asks here who the request is
//! and whether it may pass, so they cannot disagree.
//!
//! ```text
//! request parts -> token source -> codec.decode + exp/nbf -> callbacks.jwt -> rule -> check -> outcome
//! ```

use std::any::{Any, TypeId};

use http::request::Parts;

use crate::check::Verdict;
use crate::cookies::{CookiesSeen, SessionCookies};
use crate::csrf;
use crate::payload::Want;
use crate::request::route_params;
use crate::source::{self, Lookup};
use crate::store;
use crate::verified::Verified;
use crate::{AuthOptions, AuthRejection, Claims, JsonClaims, RequestInfo, Token, jwt};

/// The pages a refused request is sent to; `None` answers with a status code instead.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Pages<'a> {
    pub(crate) sign_in: Option<&'a str>,
    pub(crate) forbidden: Option<&'a str>,
}

/// A request's session, loaded once and kept in its extensions so the guard, the layer and
/// every extractor after them share one decode and one run of `callbacks.jwt`.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    /// The verified session, or `None` for a request without a valid one.
    pub(crate) session: Option<Verified>,
    /// What the response must do to the session cookies: re-issue a refreshed token, or clear a
    /// refused one.
    pub(crate) cookies: SessionCookies,
    /// Whether the credential was the session cookie, which a browser sends on its own: what
    /// the cross-origin check is about.
    pub(crate) from_cookie: bool,
    /// Whether the session store could not answer: the request is neither signed in nor
    /// signed out, and is refused with 503.
    pub(crate) unavailable: bool,
}

/// Marks a request a guard or layer let through without the cross-origin check (`csrf =
/// false`), so the extractors after it do not refuse what it allowed.
#[derive(Debug, Clone, Copy)]
struct CrossOriginAllowed;

impl Loaded {
    /// A request without a valid session; `cookies` clear a refused one.
    pub(crate) fn signed_out(cookies: SessionCookies) -> Self {
        Loaded {
            session: None,
            cookies,
            from_cookie: false,
            unavailable: false,
        }
    }

    /// A request whose session token was refused: no session, and the session cookies it came
    /// in (if any) cleared.
    pub(crate) fn refused(options: &AuthOptions, seen: Option<&CookiesSeen>) -> Self {
        Loaded::signed_out(
            seen.map(|seen| SessionCookies::clear(options, seen))
                .unwrap_or_default(),
        )
    }

    /// A request with a valid session; `cookies` re-issue it when needed.
    pub(crate) fn signed_in(session: Verified, cookies: SessionCookies) -> Self {
        Loaded {
            session: Some(session),
            cookies,
            from_cookie: false,
            unavailable: false,
        }
    }

    /// A request whose session the store could not look up.
    pub(crate) fn unavailable() -> Self {
        Loaded {
            unavailable: true,
            ..Loaded::signed_out(SessionCookies::default())
        }
    }

    /// The 503 rejection when the session store could not answer: such a request is neither
    /// signed in nor signed out, whoever asks.
    pub(crate) fn answered(&self) -> Result<(), AuthRejection> {
        match self.unavailable {
            true => Err(AuthRejection::unavailable()),
            false => Ok(()),
        }
    }

    /// Whether this session must not authenticate the request: it came from the cookie, and
    /// the request is a write another origin made (unless a guard or layer allowed those).
    pub(crate) fn refused_cross_origin(&self, parts: &Parts, options: &AuthOptions) -> bool {
        self.from_cookie && refuses_cross_origin(parts, options)
    }
}

/// Whether a session cookie must not authenticate `parts`: a write another origin made,
/// which no guard or layer allowed.
fn refuses_cross_origin(parts: &Parts, options: &AuthOptions) -> bool {
    parts.extensions.get::<CrossOriginAllowed>().is_none()
        && csrf::is_cross_origin_write(parts, options.trusted_origins())
}

/// The request's session with claims `C`, or the rejection for a request without one.
///
/// A verified session whose claims do not deserialize into `C` is no session for the caller:
/// it is refused like a missing one, and its cookie is left alone, since it may serve
/// handlers that read other claims.
pub(crate) async fn authenticate<C: Claims>(
    parts: &mut Parts,
    options: &AuthOptions,
    sign_in: Option<&str>,
    check_origin: bool,
) -> Result<(Token<C>, SessionCookies), AuthRejection> {
    let (session, cookies) = signed_in(parts, options, sign_in, check_origin, want::<C>()).await?;
    claims_of(parts, sign_in, &session).map(|token| (token, cookies))
}

/// The request's verified session, its claims read as `want` asks, or the rejection for a
/// request without one.
async fn signed_in(
    parts: &mut Parts,
    options: &AuthOptions,
    sign_in: Option<&str>,
    check_origin: bool,
    want: Want,
) -> Result<(Verified, SessionCookies), AuthRejection> {
    let loaded = load(parts, options, want).await;
    if loaded.refused_cross_origin(parts, options) {
        if check_origin {
            tracing::debug!(
                path = parts.uri.path(),
                "a cross-origin write with the session cookie; refusing the request"
            );
            return Err(AuthRejection::cross_origin());
        }
        parts.extensions.insert(CrossOriginAllowed);
    }
    loaded.answered()?;
    match loaded.session {
        Some(session) => Ok((session, loaded.cookies)),
        None => {
            tracing::debug!(
                path = parts.uri.path(),
                "no valid session; refusing the request"
            );
            Err(AuthRejection::signed_out(parts, sign_in, loaded.cookies))
        }
    }
}

/// The session's claims as `C`, or the rejection for a session whose claims are not `C`.
fn claims_of<C: Claims>(
    parts: &mut Parts,
    sign_in: Option<&str>,
    session: &Verified,
) -> Result<Token<C>, AuthRejection> {
    typed::<C>(parts, session)
        .ok_or_else(|| AuthRejection::signed_out(parts, sign_in, SessionCookies::default()))
}

/// The guard's or the layer's part of a decision: its pages, whether its rule reads the route's
/// parameters, and whether it checks cross-origin writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Policy<'a> {
    pub(crate) pages: Pages<'a>,
    pub(crate) reads_path: bool,
    pub(crate) check_origin: bool,
    /// The JSON claims the rule reads, when they are all it needs of the token (no check
    /// takes the token after it); `None` for every claim.
    pub(crate) reads: Option<&'static [&'static str]>,
}

/// [`authenticate`], then the rule: the token and the cookie update if both pass. The
/// route's parameters are read only for a rule that reads them.
pub(crate) async fn authorize<C: Claims>(
    parts: &mut Parts,
    options: &AuthOptions,
    policy: Policy<'_>,
    allows: impl FnOnce(&Token<C>, &RequestInfo<'_>) -> bool,
) -> Result<(Token<C>, SessionCookies), AuthRejection> {
    let Policy {
        pages,
        reads_path,
        check_origin,
        reads,
    } = policy;
    // A JSON rule that names the claims it reads decides on those alone: the rest of the
    // token is read into a map only if a handler's extractor asks for it.
    let reads = reads.filter(|_| is_json::<C>());
    let want = reads.map_or_else(want::<C>, Want::Some);
    let (session, cookies) = signed_in(parts, options, pages.sign_in, check_origin, want).await?;
    // The session may have been loaded before this guard (a layer around it), with every claim
    // or with another rule's: then the whole token it is.
    let read = reads
        .and_then(|names| session.claims_read(names))
        .and_then(|read| (read as &dyn Any).downcast_ref::<Token<C>>().cloned());
    let token = match read {
        Some(read) => read,
        None => claims_of::<C>(parts, pages.sign_in, &session)?,
    };
    let params = match reads_path {
        true => route_params(parts).await,
        false => None,
    };
    if allows(&token, &RequestInfo::of(parts, params.as_ref())) {
        tracing::debug!(path = parts.uri.path(), "rule allowed the request");
        Ok((token, cookies))
    } else {
        tracing::debug!(path = parts.uri.path(), "rule refused a signed-in request");
        Err(AuthRejection::forbidden(pages.forbidden, cookies))
    }
}

/// What an async check answered, for a request the rule allowed: the cookie update if it let
/// the request through, else the rejection (a refusal like the rule's, or the check's own
/// response).
pub(crate) fn checked(
    verdict: Verdict,
    forbidden: Option<&str>,
    cookies: SessionCookies,
) -> Result<SessionCookies, AuthRejection> {
    match verdict {
        Verdict::Allow => Ok(cookies),
        Verdict::Refuse => {
            tracing::debug!("the check refused a signed-in request");
            Err(AuthRejection::forbidden(forbidden, cookies))
        }
        Verdict::Respond(response) => {
            tracing::debug!(status = %response.status(), "the check answered with its own response");
            Err(AuthRejection::response(response, cookies))
        }
    }
}

/// The session's claims as `C`, deserialized at most once per request and kept in its
/// extensions, where `Token<C>` extractors (and `Extension<Token<C>>`) find them.
pub(crate) fn typed<C: Claims>(parts: &mut Parts, session: &Verified) -> Option<Token<C>> {
    if let Some(cached) = parts.extensions.get::<Token<C>>() {
        return Some(cached.clone());
    }
    let token = match is_json::<C>() {
        // `C` is `JsonClaims`, so this is the JSON token itself.
        true => (session.json() as &dyn Any)
            .downcast_ref::<Token<C>>()?
            .clone(),
        false => match session.typed::<C>() {
            Ok(claims) => Token::new(claims),
            Err(error) => {
                tracing::debug!(
                    claims = std::any::type_name::<C>(),
                    %error,
                    "the session's claims do not deserialize into the claims type asked for; refusing"
                );
                return None;
            }
        },
    };
    parts.extensions.insert(token.clone());
    Some(token)
}

/// The request's session, loaded at most once per request; its claims read as `want` asks
/// when this call is the one that loads it.
pub(crate) async fn load(parts: &mut Parts, options: &AuthOptions, want: Want) -> Loaded {
    if let Some(loaded) = parts.extensions.get::<Loaded>() {
        return loaded.clone();
    }
    let loaded = verify(parts, options, want).await;
    parts.extensions.insert(loaded.clone());
    loaded
}

/// Like [`load`], for callers holding shared access to the request: it reuses a session
/// already loaded for this request but cannot store a new one.
pub(crate) async fn peek(parts: &Parts, options: &AuthOptions) -> Loaded {
    match parts.extensions.get::<Loaded>() {
        Some(loaded) => loaded.clone(),
        None => verify(parts, options, Want::Json).await,
    }
}

/// The request's verified token without `callbacks.jwt`, as NextAuth.js's `getToken` reads
/// it; a session already loaded for this request is reused.
pub(crate) async fn peek_token(parts: &Parts, options: &AuthOptions) -> Option<Token> {
    if let Some(loaded) = parts.extensions.get::<Loaded>() {
        if loaded.refused_cross_origin(parts, options) {
            return None;
        }
        return loaded
            .session
            .as_ref()
            .map(|session| session.json().clone());
    }
    let settings = options.settings();
    if settings.store.is_some() {
        let loaded = verify(parts, options, Want::Json).await;
        return match loaded.refused_cross_origin(parts, options) {
            true => None,
            false => loaded.session.map(|session| session.json().clone()),
        };
    }
    match source::find(&parts.headers, &settings.cookies, options.max_token_bytes()) {
        Lookup::Found {
            cookies: Some(_), ..
        } if refuses_cross_origin(parts, options) => None,
        Lookup::Found { token, .. } => jwt::decode(options, &token).await.ok(),
        Lookup::Nothing | Lookup::Broken(_) | Lookup::Ambiguous(_) => None,
    }
}

/// How a caller that wants claims `C` has the session's claims read: a typed struct
/// deserializes from the token's own JSON, so no JSON map is built for it.
pub(crate) fn want<C: Claims>() -> Want {
    match is_json::<C>() {
        true => Want::Json,
        false => Want::Payload,
    }
}

fn is_json<C: Claims>() -> bool {
    TypeId::of::<C>() == TypeId::of::<JsonClaims>()
}

async fn verify(parts: &Parts, options: &AuthOptions, want: Want) -> Loaded {
    let settings = options.settings();
    let lookup = source::find(&parts.headers, &settings.cookies, options.max_token_bytes());
    let from_cookie = !matches!(
        lookup,
        Lookup::Nothing | Lookup::Found { cookies: None, .. }
    );
    Loaded {
        from_cookie,
        ..verify_lookup(options, lookup, want).await
    }
}

/// The session `lookup` found, verified; `from_cookie` is for the caller to set.
async fn verify_lookup(options: &AuthOptions, lookup: Lookup<'_>, want: Want) -> Loaded {
    match lookup {
        Lookup::Nothing | Lookup::Ambiguous(_) => Loaded::signed_out(SessionCookies::default()),
        Lookup::Broken(seen) => {
            tracing::debug!("session cookie chunks are incomplete or too large");
            Loaded::signed_out(SessionCookies::clear(options, &seen))
        }
        Lookup::Found { token, cookies } => match &options.settings().store {
            Some(store) => store::look_up(options, store, &token, cookies.as_ref()).await,
            None => verify_token(options, &token, cookies.as_ref(), want).await,
        },
    }
}

/// A session token decoded by the options' codec, then kept or refused.
async fn verify_token(
    options: &AuthOptions,
    token: &str,
    cookies: Option<&CookiesSeen>,
    want: Want,
) -> Loaded {
    match jwt::verify(options, token, want).await {
        Ok(session) => keep(options, session, cookies).await,
        Err(error) => {
            // The reason only: never the token itself.
            tracing::debug!(reason = %error, from_cookie = cookies.is_some(), "session token refused");
            Loaded::refused(options, cookies)
        }
    }
}

/// Runs `callbacks.jwt` on a verified session and decides what happens to its cookie.
async fn keep(options: &AuthOptions, session: Verified, seen: Option<&CookiesSeen>) -> Loaded {
    let callbacks = &options.settings().callbacks;
    let (session, changed) = match callbacks.has_jwt() {
        false => (session, false),
        true => match callbacks.jwt(session.json().clone()).await {
            (Some(token), changed) => (Verified::from_token(token), changed),
            (None, _) => {
                tracing::debug!("callbacks.jwt ended the session");
                return Loaded::refused(options, seen);
            }
        },
    };
    match seen {
        Some(seen) if changed || due_for_refresh(options, &session) => {
            refreshed(options, session, seen).await
        }
        // A bearer token is the client's to manage: no cookie is written for it.
        _ => Loaded::signed_in(session, SessionCookies::default()),
    }
}

/// Whether the token was issued more than `update_age` ago (or says nothing of when).
fn due_for_refresh(options: &AuthOptions, session: &Verified) -> bool {
    session
        .issued_at()
        .is_none_or(|iat| options.now_secs().saturating_sub(iat) > options.update_age().as_secs())
}

/// The session re-issued with a fresh `iat`, `exp` and `jti`: the token the request sees is
/// the new one, so a session built from it reports the new expiry.
async fn refreshed(options: &AuthOptions, session: Verified, seen: &CookiesSeen) -> Loaded {
    match jwt::stamp_and_encode(options, session.json().claims().clone()).await {
        Ok((fresh, claims)) => Loaded::signed_in(
            Verified::from_token(Token::new(claims)),
            SessionCookies::issue(options, &fresh, Some(seen)),
        ),
        Err(error) => {
            // The session stays valid until its old expiry; only the refresh is lost.
            tracing::warn!(reason = %error, "could not re-issue the session token");
            Loaded::signed_in(session, SessionCookies::default())
        }
    }
}
