//! The responses a guard answers with: the sign-in redirect, 401, 403, and the cookie that
//! clears a bad token.

use axum::response::{IntoResponse, Response};
use http::header::{CONTENT_TYPE, LOCATION, RETRY_AFTER, WWW_AUTHENTICATE};
use http::request::Parts;
use http::{HeaderValue, StatusCode};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::cookies::SessionCookies;

/// What JavaScript's `encodeURIComponent` leaves alone; everything else is escaped.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

const SIGNED_OUT_MESSAGE: &str = "You must be logged in.";
const FORBIDDEN_MESSAGE: &str = "You do not have access to this resource.";
// The bodies are fixed, so they are written once here rather than serialized per response.
const SIGNED_OUT_BODY: &str = r#"{"message":"You must be logged in."}"#;
const FORBIDDEN_BODY: &str = r#"{"message":"You do not have access to this resource."}"#;
const CROSS_ORIGIN_MESSAGE: &str = "This request came from another site.";
const CROSS_ORIGIN_BODY: &str = r#"{"message":"This request came from another site."}"#;
const UNAVAILABLE_MESSAGE: &str = "Sessions cannot be checked right now; try again shortly.";
const UNAVAILABLE_BODY: &str =
    r#"{"message":"Sessions cannot be checked right now; try again shortly."}"#;
/// How long a client is asked to wait when the session store cannot be reached: long enough
/// not to hammer a store that is coming back, short enough for a person to retry.
const RETRY_AFTER_SECS: HeaderValue = HeaderValue::from_static("5");
const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// A request turned away by a guard or an extractor, and the response that tells the client.
///
/// It never says why a token was refused (expired, wrong signature, ...): that goes to the
/// `tracing` debug log, not to the client.
///
/// It is the rejection of the [`Token`](crate::Token) and [`Session`](crate::Session)
/// extractors; take a `Result` to answer a refused request yourself:
///
/// ```
/// use auth_runtime::{AuthOptions, AuthRejection, Token};
/// use axum::http::StatusCode;
/// use axum::response::{Html, IntoResponse, Response};
/// use axum::{Router, routing::get};
///
/// async fn dashboard(token: Result<Token, AuthRejection>) -> Response {
///     let token = match token {
///         Ok(token) => token,
///         // A page for signed-out visitors, rather than a bare 401.
///         Err(rejection) if rejection.status() == StatusCode::UNAUTHORIZED => {
///             let page = Html("<a href='/auth/signin'>Sign in</a> to see your dashboard");
///             return (StatusCode::UNAUTHORIZED, page).into_response();
///         }
///         Err(rejection) => return rejection.into_response(),
///     };
///     format!("hello {}", token.get_str("sub").unwrap_or_default()).into_response()
/// }
/// # let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
/// let app: Router = Router::new().route("/", get(dashboard)).with_state(options);
/// ```
#[derive(Debug)]
pub struct AuthRejection {
    answer: Answer,
    /// Clears a refused session cookie, or re-issues a valid session the rule refused.
    cookies: SessionCookies,
}

#[derive(Debug)]
enum Answer {
    Redirect(HeaderValue),
    Unauthorized,
    Forbidden,
    /// A cross-origin write the session cookie would have authenticated (CSRF).
    CrossOrigin,
    /// The session store could not be asked: 503, neither signed in nor signed out.
    Unavailable,
    /// The response of an async check that failed; boxed, since it is rare and every other
    /// answer is small.
    Check(Box<Response>),
}

impl AuthRejection {
    /// No valid session: a redirect to `sign_in` carrying the request's own path as
    /// `callbackUrl`, or 401 without a sign-in page.
    pub(crate) fn signed_out(
        parts: &Parts,
        sign_in: Option<&str>,
        cookies: SessionCookies,
    ) -> Self {
        let answer = match sign_in {
            Some(page) => redirect(&with_callback_url(page, parts), Answer::Unauthorized),
            None => Answer::Unauthorized,
        };
        Self { answer, cookies }
    }

    /// A valid session the rule refused: a redirect to `forbidden`, or 403.
    pub(crate) fn forbidden(forbidden: Option<&str>, cookies: SessionCookies) -> Self {
        Self {
            answer: forbidden.map_or(Answer::Forbidden, |page| redirect(page, Answer::Forbidden)),
            cookies,
        }
    }

    /// A write another origin made, which the session cookie must not authenticate: 403,
    /// never a redirect, and the cookies are left alone.
    pub(crate) fn cross_origin() -> Self {
        Self {
            answer: Answer::CrossOrigin,
            cookies: SessionCookies::default(),
        }
    }

    /// The session store could not be asked: 503 with `Retry-After`, never a redirect to
    /// sign in (the user may well be signed in), and the cookies are left alone.
    pub(crate) fn unavailable() -> Self {
        Self {
            answer: Answer::Unavailable,
            cookies: SessionCookies::default(),
        }
    }

    /// The response of an async check that failed, sent as it is.
    pub(crate) fn response(response: Response, cookies: SessionCookies) -> Self {
        Self {
            answer: Answer::Check(Box::new(response)),
            cookies,
        }
    }

    /// The status code the response will carry.
    ///
    /// ```
    /// use auth_runtime::{AuthOptions, Token};
    /// use axum::extract::FromRequestParts;
    /// use axum::http::{Request, StatusCode};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
    /// let (mut parts, ()) = Request::get("/").body(())?.into_parts();
    /// // A request without a session, as the `Token` extractor sees it.
    /// let result: Result<Token, _> = Token::from_request_parts(&mut parts, &options).await;
    /// let rejection = result.unwrap_err();
    /// assert_eq!(rejection.status(), StatusCode::UNAUTHORIZED);
    /// assert_eq!(rejection.to_string(), "You must be logged in.");
    /// # Ok(())
    /// # }
    /// ```
    pub fn status(&self) -> StatusCode {
        match &self.answer {
            Answer::Redirect(_) => StatusCode::TEMPORARY_REDIRECT,
            Answer::Unauthorized => StatusCode::UNAUTHORIZED,
            Answer::Forbidden | Answer::CrossOrigin => StatusCode::FORBIDDEN,
            Answer::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Answer::Check(response) => response.status(),
        }
    }
}

impl std::fmt::Display for AuthRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.answer {
            Answer::Redirect(_) => "redirected to another page",
            Answer::Unauthorized => SIGNED_OUT_MESSAGE,
            Answer::Forbidden => FORBIDDEN_MESSAGE,
            Answer::CrossOrigin => CROSS_ORIGIN_MESSAGE,
            Answer::Unavailable => UNAVAILABLE_MESSAGE,
            Answer::Check(_) => "answered by the route's check",
        })
    }
}

impl std::error::Error for AuthRejection {}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut response = match self.answer {
            Answer::Redirect(location) => (status, [(LOCATION, location)]).into_response(),
            Answer::Unauthorized => (
                status,
                [
                    (WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")),
                    (CONTENT_TYPE, JSON),
                ],
                SIGNED_OUT_BODY,
            )
                .into_response(),
            Answer::Forbidden => (status, [(CONTENT_TYPE, JSON)], FORBIDDEN_BODY).into_response(),
            Answer::CrossOrigin => {
                (status, [(CONTENT_TYPE, JSON)], CROSS_ORIGIN_BODY).into_response()
            }
            Answer::Unavailable => (
                status,
                [(RETRY_AFTER, RETRY_AFTER_SECS), (CONTENT_TYPE, JSON)],
                UNAVAILABLE_BODY,
            )
                .into_response(),
            Answer::Check(response) => *response,
        };
        self.cookies.apply_to(&mut response);
        response
    }
}

/// A redirect to a page that was checked to be a local path; one that still cannot be a
/// header gets the status `instead` (401 or 403) rather than a panic.
fn redirect(location: &str, instead: Answer) -> Answer {
    match HeaderValue::try_from(location) {
        Ok(location) => Answer::Redirect(location),
        Err(_) => {
            tracing::warn!(
                "the configured page is not a valid Location header; answering without a redirect"
            );
            instead
        }
    }
}

/// `sign_in?callbackUrl=<the request's path and query>`.
fn with_callback_url(sign_in: &str, parts: &Parts) -> String {
    let separator = if sign_in.contains('?') { '&' } else { '?' };
    let callback = callback_path(parts);
    format!(
        "{sign_in}{separator}callbackUrl={}",
        utf8_percent_encode(&callback, URI_COMPONENT)
    )
}

/// The path and query the client asked for, as seen before any `Router::nest`, forced to be a
/// path on this site: it never comes from `Host`, `X-Forwarded-*` or a `callbackUrl` the
/// client sent, and a path such as `//evil.example` is reduced to `/evil.example`, which a
/// browser cannot read as another host.
fn callback_path(parts: &Parts) -> String {
    let uri = crate::request::original_uri(parts);
    let path = uri.path().trim_start_matches(['/', '\\']);
    match uri.query() {
        Some(query) => format!("/{path}?{query}"),
        None => format!("/{path}"),
    }
}
