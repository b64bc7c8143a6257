//! `getServerSession` in `getServerSideProps`: a page that loads the session itself and
//! redirects home without one.
//!
//! ```js
//! export async function getServerSideProps(context) {
//!   const session = await getServerSession(context.req, context.res, authOptions)
//!   if (!session) {
//!     return { redirect: { destination: '/', permanent: false } }
//!   }
//!   return { props: { session } }
//! }
//! ```
//!
//! | route               | signed out                   | signed in                      |
//! |---------------------|------------------------------|--------------------------------|
//! | `GET /`             | 200, the sign-in form        | 200, a link to `/profile`      |
//! | `GET /profile`      | 307 `Location: /`            | 200, the session's props       |
//! | `POST /auth/signin` | 303 to `callbackUrl`, with the session cookie |               |
//!
//! `permanent: false` is a 307 in Next.js, and so it is here. Like `getServerSession` writing
//! to `context.res`, [`profile`] puts the [`SessionCookies`](auth_runtime::SessionCookies) it is given on its response:
//! they re-issue a session older than `update_age` and clear a cookie that holds no valid
//! session.

use auth_runtime::{AuthOptions, AuthOptionsBuilder, ConfigError, Session, get_server_session};
use axum::Router;
use axum::extract::{Request, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::sign_in;
use crate::pages::escape;

/// The options this example uses: `authOptions` with nothing beyond the secret.
///
/// # Errors
/// The builder's.
pub fn options(builder: AuthOptionsBuilder) -> Result<AuthOptions, ConfigError> {
    builder.build()
}

/// The site: `/`, `/profile` and `POST /auth/signin`.
pub fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/profile", get(profile))
        .route("/auth/signin", post(sign_in::sign_in))
        .with_state(options)
}

/// `GET /profile`: `getServerSideProps` and the page it renders.
pub async fn profile(State(options): State<AuthOptions>, request: Request) -> Response {
    let (parts, _body) = request.into_parts();
    let (session, cookies) = get_server_session(&parts, &options).await;
    let Some(session) = session else {
        // `redirect: { destination: '/', permanent: false }`
        return (cookies, Redirect::temporary("/")).into_response();
    };
    // `props: { session }`
    let props = serde_json::json!({ "session": session });
    let props = serde_json::to_string_pretty(&props).unwrap_or_default();
    let page = format!(
        "<!doctype html><title>Profile</title><h1>Profile</h1>\
         <p>The props <code>getServerSideProps</code> returned:</p><pre>{}</pre>",
        escape(&props)
    );
    (cookies, Html(page)).into_response()
}

/// `GET /`: where signed-out visitors of `/profile` land.
async fn home(session: Option<Session>) -> Html<String> {
    let body = match session {
        Some(session) => format!(
            r#"<p>Signed in as {}. See your <a href="/profile">profile</a>.</p>"#,
            escape(session.user.email.as_deref().unwrap_or("someone"))
        ),
        None => format!(
            "<p>You are not signed in, so <code>/profile</code> sent you here.</p>{}",
            sign_in::form("/auth/signin", "/profile")
        ),
    };
    Html(format!(
        "<!doctype html><title>Home</title><h1>Home</h1>{body}"
    ))
}
