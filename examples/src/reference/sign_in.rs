//! The way every reference app gets a session: a sign-in form for the demo's two accounts
//! (no password), and the `POST` that issues the session cookie with
//! [`SessionCookies::sign_in`]. A real app checks credentials, or finishes an OAuth flow, in
//! [`sign_in`] before issuing the cookie.

use auth_runtime::{AuthOptions, SessionCookies};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::accounts::DemoAccount;
use crate::{cross_site, pages, redirect};

/// What the sign-in form posts: `account=user` or `account=admin`, and where to go next.
#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    account: String,
    #[serde(rename = "callbackUrl", default)]
    callback_url: String,
}

/// The query of the sign-in page, as the guards' redirect writes it.
#[derive(Debug, Deserialize)]
pub struct SignInQuery {
    #[serde(rename = "callbackUrl")]
    callback_url: Option<String>,
}

/// `POST` sign-in: issues the session cookie for the account and answers 303 to the local
/// `callbackUrl` (else `/`). An unknown account goes to the options' error page (`pages.error`)
/// with `?error=CredentialsSignin`, or gets 400 without one; a form posted from another site
/// gets 403.
pub async fn sign_in(
    State(options): State<AuthOptions>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    if cross_site::is_cross_site(&headers) {
        return cross_site::refused();
    }
    let account = match form.account.as_str() {
        "user" => DemoAccount::User,
        "admin" => DemoAccount::Admin,
        _ => {
            return match options.error_page() {
                Some(page) => {
                    Redirect::to(&format!("{page}?error=CredentialsSignin")).into_response()
                }
                None => (
                    StatusCode::BAD_REQUEST,
                    "Unknown account: use user or admin.",
                )
                    .into_response(),
            };
        }
    };
    match SessionCookies::sign_in(&options, &headers, &account.claims()).await {
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

/// `GET` sign-in page: the form, posting back to the page's own URL, with the `callbackUrl`
/// the guard put in the redirect.
pub async fn sign_in_page(Query(query): Query<SignInQuery>) -> Html<String> {
    let callback_url = redirect::local_or_home(query.callback_url.as_deref().unwrap_or("/"));
    Html(format!(
        "<!doctype html><title>Sign in</title><h1>Sign in</h1>{}",
        form("", callback_url)
    ))
}

/// The sign-in form: posts to `action` (`""`: the page's own URL), then returns to the local
/// path `callback_url` (escaped here, but checked to be local by the caller).
pub fn form(action: &str, callback_url: &str) -> String {
    // Without an `action` a form posts to the page's own URL.
    let action = match action {
        "" => String::new(),
        action => format!(r#" action="{}""#, pages::escape(action)),
    };
    let callback_url = pages::escape(callback_url);
    format!(
        r#"<form method="post"{action}>
<input type="hidden" name="callbackUrl" value="{callback_url}">
<button name="account" value="user">Sign in as Demo User (role user)</button>
<button name="account" value="admin">Sign in as Demo Admin (role admin)</button>
</form>"#
    )
}
