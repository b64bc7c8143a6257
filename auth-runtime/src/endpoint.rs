//! `GET /api/auth/session`: who is signed in, for browser code, as NextAuth.js answers it.

use axum::Json;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::decide::load;
use crate::payload::Want;
use crate::{AuthOptions, get_server_session};

/// The handler of NextAuth.js's session endpoint: the session JSON of a signed-in request
/// (built by `callbacks.session`), `{}` otherwise. Like NextAuth.js's, it re-issues a session
/// due for refresh and clears a refused session cookie. When the session store of database
/// sessions cannot be reached, it answers 503 with `Retry-After` rather than `{}`, which
/// browser code would read as signed out.
///
/// ```
/// use auth_runtime::{AuthOptions, session_endpoint};
/// use axum::{Router, routing::get};
///
/// # let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
/// let app: Router = Router::new()
///     .route("/api/auth/session", get(session_endpoint))
///     .with_state(options);
/// ```
pub async fn session_endpoint(State(options): State<AuthOptions>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    // Loaded into the request, where `get_server_session` finds it.
    if let Err(rejection) = load(&mut parts, &options, Want::Json).await.answered() {
        return rejection.into_response();
    }
    let (session, cookies) = get_server_session(&parts, &options).await;
    let body = match session {
        Some(session) => {
            serde_json::to_value(session).unwrap_or_else(|_| Value::Object(Map::new()))
        }
        None => Value::Object(Map::new()),
    };
    (cookies, Json(body)).into_response()
}
