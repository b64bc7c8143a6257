//! The session cookie: its names, and the `Set-Cookie` headers that write, re-issue and clear
//! it, split into chunks when the token is too large for one cookie.

use axum::response::Response;
use axum::response::{IntoResponseParts, ResponseParts};
use cookie::{Cookie, SameSite};
use http::header::{CACHE_CONTROL, SET_COOKIE};
use http::{Extensions, HeaderMap, HeaderValue};

use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;
use std::time::SystemTime;

use crate::AuthOptions;
use crate::jwt::{self, JwtError};
use crate::source::{self, Lookup};

/// NextAuth.js's session cookie name.
pub(crate) const DEFAULT_COOKIE: &str = "next-auth.session-token";
const SECURE_PREFIX: &str = "__Secure-";

/// The most characters of a token one cookie carries, as in NextAuth.js: 4096 bytes a browser
/// keeps per cookie, less room for the name and attributes.
pub(crate) const CHUNK_SIZE: usize = 3933;

/// The cookie names in use: the one written, and its plain or `__Secure-` counterpart. Over
/// plain HTTP both are read (a proxy in front may serve HTTPS and have set either); in secure
/// mode only the `__Secure-` one is, which neither a sibling subdomain nor a plain-HTTP page
/// can set (cookie tossing).
#[derive(Debug, Clone)]
pub(crate) struct CookieNames {
    // Shared, so the cookies a request is found to carry name theirs without a copy.
    name: Arc<str>,
    counterpart: Arc<str>,
    secure: bool,
    /// The `Set-Cookie` values that clear `name` and `counterpart`, made once: every request
    /// with a bad session cookie gets one, and they never change.
    cleared: [HeaderValue; 2],
}

impl CookieNames {
    /// The names for `base` (default `next-auth.session-token`); `None` when `base` cannot be
    /// a cookie name.
    pub(crate) fn new(base: Option<&str>, secure: bool) -> Option<Self> {
        let base = base.unwrap_or(DEFAULT_COOKIE);
        let valid = !base.is_empty()
            && base
                .bytes()
                .all(|byte| byte.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&byte));
        let secure_name = format!("{SECURE_PREFIX}{base}");
        let (name, counterpart) = if secure {
            (secure_name, base.to_owned())
        } else {
            (base.to_owned(), secure_name)
        };
        if !valid {
            return None;
        }
        let cleared = [clearing(&name, secure)?, clearing(&counterpart, secure)?];
        Some(Self {
            name: name.into(),
            counterpart: counterpart.into(),
            secure,
            cleared,
        })
    }

    /// The `Set-Cookie` that clears the cookie `name`.
    fn clearing(&self, name: &str) -> Option<HeaderValue> {
        match name {
            _ if name == &*self.name => Some(self.cleared[0].clone()),
            _ if name == &*self.counterpart => Some(self.cleared[1].clone()),
            _ => clearing(name, self.secure),
        }
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn secure(&self) -> bool {
        self.secure
    }

    /// The names a request's session cookie is read under, the written one first.
    pub(crate) fn read_order(&self) -> (&Arc<str>, Option<&Arc<str>>) {
        match self.secure {
            true => (&self.name, None),
            false => (&self.name, Some(&self.counterpart)),
        }
    }

    /// The name written and its counterpart, whatever the mode: the salts Auth.js tokens are
    /// accepted under.
    pub(crate) fn both(&self) -> [&str; 2] {
        [&self.name, &self.counterpart]
    }
}

/// Which session cookies a request carried, so a response can replace or clear exactly them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CookiesSeen {
    /// The base name they were read under.
    pub(crate) name: Arc<str>,
    /// Whether `<name>` itself was there.
    pub(crate) whole: bool,
    /// The indices of the `<name>.<i>` chunks that were there.
    pub(crate) chunks: Vec<u16>,
}

/// `Set-Cookie` headers for the session, to add to a response: a re-issued token, or the
/// clearing of a refused one. Responses carrying any also get
/// `Cache-Control: private, no-cache, no-store`, so no cache shares a session.
///
/// Returned by [`get_server_session`](crate::get_server_session) for handlers that build
/// their own response: put it in the response tuple.
///
/// ```
/// use auth_runtime::{AuthOptions, SessionCookies};
/// use axum::http::HeaderMap;
/// use axum::response::IntoResponse;
/// use serde_json::json;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
/// let claims = json!({ "sub": "user-1" });
/// let cookies = SessionCookies::sign_in(&options, &HeaderMap::new(), &claims).await?;
///
/// let response = (cookies, "signed in").into_response();
/// let set_cookie = response.headers()["set-cookie"].to_str()?;
/// assert!(set_cookie.starts_with(&format!("{}=", options.session_cookie_name())));
/// assert_eq!(response.headers()["cache-control"], "private, no-cache, no-store");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "the cookies only reach the browser when added to the response"]
pub struct SessionCookies(Vec<HeaderValue>);

impl SessionCookies {
    /// The cookies that sign a user in: a new session token for `claims` (with `iat`, `exp`,
    /// `jti` set, see [`jwt::encode`](crate::jwt::encode)) under the options' cookie name,
    /// split into chunks if it is too large for one cookie, replacing any session cookies in
    /// `request` (the headers of the sign-in request).
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, SessionCookies};
    /// use axum::http::HeaderMap;
    /// use axum::response::{IntoResponse, Redirect, Response};
    /// use serde_json::json;
    ///
    /// async fn sign_in(options: &AuthOptions, request: &HeaderMap) -> Response {
    ///     let claims = json!({ "sub": "user-1", "name": "Ada", "email": "ada@example.com", "role": "admin" });
    ///     match SessionCookies::sign_in(options, request, &claims).await {
    ///         Ok(cookies) => (cookies, Redirect::to("/")).into_response(),
    ///         Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    ///     }
    /// }
    /// ```
    ///
    /// # Errors
    /// The codec's, [`JwtError::ClaimsNotObject`](crate::jwt::JwtError::ClaimsNotObject), or
    /// [`JwtError::MissingSubject`](crate::jwt::JwtError::MissingSubject) for claims without
    /// a string `sub`.
    pub async fn sign_in<C: Serialize + ?Sized>(
        options: &AuthOptions,
        request: &HeaderMap,
        claims: &C,
    ) -> Result<Self, JwtError> {
        let token = jwt::encode(options, claims).await?;
        Ok(Self::issue(
            options,
            &token,
            seen(options, request).as_ref(),
        ))
    }

    /// The cookie that signs a user in with a database session: the raw `session_token` your
    /// code stored (see [`store`](crate::store)) until `expires`, written as NextAuth.js writes
    /// it (`Expires`, no `Max-Age`), replacing any session cookies in `request`.
    ///
    /// ```
    /// use std::time::SystemTime;
    ///
    /// use auth_runtime::{AuthOptions, SessionCookies};
    /// use axum::http::HeaderMap;
    /// use axum::response::IntoResponse;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// let token = uuid::Uuid::new_v4().to_string();
    /// let expires = SystemTime::now() + options.max_age();
    /// // ... insert the session (token, user id, expires) into the store, then:
    /// let cookies = SessionCookies::database_session(&options, &HeaderMap::new(), &token, expires);
    /// let response = (cookies, "signed in").into_response();
    /// let set_cookie = response.headers()["set-cookie"].to_str()?;
    /// assert!(set_cookie.starts_with(&format!("next-auth.session-token={token};")));
    /// assert!(set_cookie.contains("Expires=") && !set_cookie.contains("Max-Age"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn database_session(
        options: &AuthOptions,
        request: &HeaderMap,
        session_token: &str,
        expires: SystemTime,
    ) -> Self {
        let seen = seen(options, request).unwrap_or_default();
        Self::stored_session(options, session_token, expires, &seen)
    }

    /// The cookies that sign a user out: every session cookie in `request` (the headers of the
    /// sign-out request), chunks included, cleared.
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, SessionCookies};
    /// use axum::extract::State;
    /// use axum::http::HeaderMap;
    /// use axum::response::{IntoResponse, Redirect};
    ///
    /// async fn sign_out(
    ///     State(options): State<AuthOptions>,
    ///     headers: HeaderMap,
    /// ) -> impl IntoResponse {
    ///     (SessionCookies::sign_out(&options, &headers), Redirect::to("/"))
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// let mut headers = HeaderMap::new();
    /// let cookie = format!("{}=a-session-token", options.session_cookie_name());
    /// headers.insert("cookie", cookie.parse()?);
    ///
    /// let response = sign_out(State(options), headers).await.into_response();
    /// assert!(response.headers()["set-cookie"].to_str()?.contains("Max-Age=0"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn sign_out(options: &AuthOptions, request: &HeaderMap) -> Self {
        seen(options, request)
            .map(|seen| Self::clear(options, &seen))
            .unwrap_or_default()
    }

    /// Whether there is nothing to set.
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, SessionCookies};
    /// use axum::http::HeaderMap;
    ///
    /// # fn main() -> Result<(), auth_runtime::ConfigError> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// // Signing out a request that has no session cookie clears nothing.
    /// assert!(SessionCookies::sign_out(&options, &HeaderMap::new()).is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds the cookies to a response, with the `Cache-Control` that keeps them private.
    ///
    /// A request's session cookies can reach its response by several roads (the handler
    /// returning what `get_server_session` gave it, the `#[with_auth]` guard, the layer
    /// around both); the first one to add them marks the response, and the others leave it.
    fn apply(self, headers: &mut HeaderMap, extensions: &mut Extensions) {
        if self.0.is_empty() || extensions.insert(Applied).is_some() {
            return;
        }
        for cookie in self.0 {
            headers.append(SET_COOKIE, cookie);
        }
        headers.insert(
            CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache, no-store"),
        );
    }

    /// [`apply`](Self::apply) to a whole response.
    pub(crate) fn apply_to(self, response: &mut Response) {
        // The headers and extensions cannot be borrowed mutably at once through `Response`.
        let mut extensions = std::mem::take(response.extensions_mut());
        self.apply(response.headers_mut(), &mut extensions);
        *response.extensions_mut() = extensions;
    }

    /// The cookies that store `token` under the options' name, replacing or clearing whatever
    /// session cookies the request had.
    pub(crate) fn issue(options: &AuthOptions, token: &str, seen: Option<&CookiesSeen>) -> Self {
        let lifetime =
            time::Duration::seconds(i64::try_from(options.max_age().as_secs()).unwrap_or(i64::MAX));
        Self::write(options, token, seen, |cookie| cookie.max_age(lifetime))
    }

    /// The cookie of a database session: the raw session token until `expires`, with
    /// `Expires` and no `Max-Age`, as NextAuth.js writes it.
    pub(crate) fn stored_session(
        options: &AuthOptions,
        token: &str,
        expires: SystemTime,
        seen: &CookiesSeen,
    ) -> Self {
        let expires = time::OffsetDateTime::from(expires);
        Self::write(options, token, Some(seen), |cookie| cookie.expires(expires))
    }

    /// `token` under the options' name with the lifetime `lasting` sets, in chunks if needed,
    /// and the clearing of every other session cookie in `seen`.
    fn write(
        options: &AuthOptions,
        token: &str,
        seen: Option<&CookiesSeen>,
        lasting: impl Fn(cookie::CookieBuilder<'static>) -> cookie::CookieBuilder<'static>,
    ) -> Self {
        let name = options.session_cookie_name();
        let pieces: Vec<(String, &str)> = if token.len() <= CHUNK_SIZE {
            vec![(name.to_owned(), token)]
        } else {
            chunks(token)
                .enumerate()
                .map(|(index, piece)| (format!("{name}.{index}"), piece))
                .collect()
        };
        let mut headers: Vec<HeaderValue> = pieces
            .iter()
            .filter_map(|(cookie_name, value)| {
                let cookie = session_cookie(
                    cookie_name.clone(),
                    (*value).to_owned(),
                    options.secure_cookies(),
                );
                HeaderValue::try_from(lasting(cookie).build().to_string()).ok()
            })
            .collect();
        if let Some(seen) = seen {
            let written: Vec<&str> = pieces
                .iter()
                .map(|(cookie_name, _)| cookie_name.as_str())
                .collect();
            headers.extend(
                seen.names()
                    .filter(|old| !written.contains(&old.as_ref()))
                    .filter_map(|old| options.settings().cookies.clearing(&old)),
            );
        }
        Self(headers)
    }

    /// The cookies that clear every session cookie the request had.
    pub(crate) fn clear(options: &AuthOptions, seen: &CookiesSeen) -> Self {
        Self(
            seen.names()
                .filter_map(|name| options.settings().cookies.clearing(&name))
                .collect(),
        )
    }
}

impl IntoResponseParts for SessionCookies {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, mut parts: ResponseParts) -> Result<ResponseParts, Self::Error> {
        // As in `apply_to`: one mutable borrow at a time.
        let mut extensions = std::mem::take(parts.extensions_mut());
        self.apply(parts.headers_mut(), &mut extensions);
        *parts.extensions_mut() = extensions;
        Ok(parts)
    }
}

/// The session cookies a request carries, valid or not.
fn seen(options: &AuthOptions, request: &HeaderMap) -> Option<CookiesSeen> {
    let settings = options.settings();
    match source::find(request, &settings.cookies, usize::MAX) {
        Lookup::Found { cookies, .. } => cookies,
        Lookup::Broken(seen) | Lookup::Ambiguous(seen) => Some(seen),
        Lookup::Nothing => None,
    }
}

impl CookiesSeen {
    fn names(&self) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        let whole = self.whole.then_some(Cow::Borrowed(&*self.name));
        whole.into_iter().chain(
            self.chunks
                .iter()
                .map(|index| Cow::Owned(format!("{}.{index}", self.name))),
        )
    }
}

/// `token` cut into pieces of at most [`CHUNK_SIZE`] bytes. Tokens are ASCII (base64url and
/// dots), so byte boundaries are char boundaries; a token that is not is cut at the nearest
/// char boundary below.
fn chunks(token: &str) -> impl Iterator<Item = &str> {
    let mut rest = token;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len().min(CHUNK_SIZE);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// A session cookie's attributes: not readable by scripts, not sent on cross-site
/// subrequests, for the whole site, `Secure` when asked or required by the `__Secure-` prefix.
fn session_cookie(name: String, value: String, secure: bool) -> cookie::CookieBuilder<'static> {
    let secure = secure || name.starts_with(SECURE_PREFIX);
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
}

/// Marks a response whose session cookies were already added.
#[derive(Debug, Clone, Copy)]
struct Applied;

/// A `Set-Cookie` that makes the browser drop the cookie `name`; `Secure` like the cookies the
/// options write, since a browser may refuse to let a plain response touch a secure cookie.
fn clearing(name: &str, secure: bool) -> Option<HeaderValue> {
    let cookie = session_cookie(name.to_owned(), String::new(), secure)
        .max_age(time::Duration::ZERO)
        .expires(time::OffsetDateTime::UNIX_EPOCH)
        .build();
    HeaderValue::try_from(cookie.to_string()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_token_in_order() {
        let token = "a".repeat(CHUNK_SIZE * 2 + 10);
        let pieces: Vec<&str> = chunks(&token).collect();
        assert_eq!(
            pieces.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [CHUNK_SIZE, CHUNK_SIZE, 10]
        );
        assert_eq!(pieces.concat(), token);
    }

    #[test]
    fn names_follow_the_secure_setting() {
        let plain = CookieNames::new(None, false).unwrap();
        let as_text = |(name, counterpart): (&Arc<str>, Option<&Arc<str>>)| {
            (name.to_string(), counterpart.map(ToString::to_string))
        };
        assert_eq!(
            as_text(plain.read_order()),
            (
                "next-auth.session-token".to_owned(),
                Some("__Secure-next-auth.session-token".to_owned())
            )
        );
        let secure = CookieNames::new(Some("app.session"), true).unwrap();
        assert_eq!(
            as_text(secure.read_order()),
            ("__Secure-app.session".to_owned(), None)
        );
        assert_eq!(secure.both(), ["__Secure-app.session", "app.session"]);
        assert!(CookieNames::new(Some("bad name"), false).is_none());
        assert!(CookieNames::new(Some(""), false).is_none());
        assert!(CookieNames::new(Some("a;b"), false).is_none());
    }
}
