//! The demo's handlers. The three guarded ones show the shapes `#[with_auth]` takes: a page
//! that redirects (to sign in, or away when the rule refuses), an API that any session may
//! read, and an API with a rule that answers 401 / 403 instead of redirecting.

use auth_runtime::{AuthOptions, Session, SessionCookies, Token, with_auth};
use axum::Json;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::accounts::DemoAccount;
use crate::{cross_site, pages, redirect};

/// `GET /`: public; `Option<Session>` is `None` for a signed-out visitor instead of a refusal.
pub(crate) async fn home(session: Option<Session>) -> Html<String> {
    Html(pages::home(session.as_ref()))
}

/// The query of `GET /auth/signin`, as the guards' redirect writes it.
#[derive(Debug, Deserialize)]
pub(crate) struct SignInQuery {
    #[serde(rename = "callbackUrl")]
    callback_url: Option<String>,
}

/// `GET /auth/signin`: the form, carrying the page to return to.
pub(crate) async fn sign_in_page(
    session: Option<Session>,
    Query(query): Query<SignInQuery>,
) -> Html<String> {
    let callback_url = redirect::local_or_home(query.callback_url.as_deref().unwrap_or("/"));
    Html(pages::sign_in(callback_url, session.as_ref()))
}

/// What the sign-in form posts.
#[derive(Debug, Deserialize)]
pub(crate) struct SignInForm {
    account: DemoAccount,
    #[serde(rename = "callbackUrl", default)]
    callback_url: String,
}

/// `POST /auth/signin`: issues the session cookie and sends the browser back where it came
/// from (303, so it follows with a GET), or home when `callbackUrl` is not a local path.
///
/// This is where a real app checks a password or finishes an OAuth flow.
pub(crate) async fn sign_in(
    State(options): State<AuthOptions>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    if cross_site::is_cross_site(&headers) {
        return cross_site::refused();
    }
    match SessionCookies::sign_in(&options, &headers, &form.account.claims()).await {
        Ok(cookies) => (
            cookies,
            Redirect::to(redirect::local_or_home(&form.callback_url)),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "could not issue a session cookie");
            (StatusCode::INTERNAL_SERVER_ERROR, "Could not sign you in.").into_response()
        }
    }
}

/// `GET /auth/signout`: a confirmation button.
pub(crate) async fn sign_out_page(session: Option<Session>) -> Html<String> {
    Html(pages::sign_out(session.as_ref()))
}

/// `POST /auth/signout`: clears the session cookies and goes home.
pub(crate) async fn sign_out(State(options): State<AuthOptions>, headers: HeaderMap) -> Response {
    if cross_site::is_cross_site(&headers) {
        return cross_site::refused();
    }
    (
        SessionCookies::sign_out(&options, &headers),
        Redirect::to("/"),
    )
        .into_response()
}

/// `GET /auth/forbidden`: where `/admin` sends a signed-in visitor who is not an admin.
pub(crate) async fn forbidden_page() -> (StatusCode, Html<String>) {
    (StatusCode::FORBIDDEN, Html(pages::forbidden()))
}

/// `GET /admin`: admins only. Signed out: 307 to `/auth/signin?callbackUrl=%2Fadmin`. Signed
/// in with another role: 307 to `/auth/forbidden`.
#[with_auth(
    authorized = "token.role == 'admin'",
    sign_in = "/auth/signin",
    forbidden = "/auth/forbidden"
)]
pub(crate) async fn admin_page(token: Token) -> Html<String> {
    Html(pages::admin(&token))
}

/// `GET /api/me`: any valid session, returned in NextAuth.js's shape; 401 JSON when signed out.
#[with_auth]
pub(crate) async fn me(session: Session) -> Json<Session> {
    Json(session)
}

/// `GET /api/admin/stats`: admins only; 401 JSON when signed out, 403 JSON for another role.
#[with_auth(authorized = "token.role == 'admin'")]
pub(crate) async fn admin_stats(token: Token) -> Json<Value> {
    Json(json!({
        "requestedBy": token.get_str("email"),
        "accounts": { "user": 1, "admin": 1 },
        "rule": "token.role == 'admin'",
    }))
}
