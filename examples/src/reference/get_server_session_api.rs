//! `getServerSession` in an API route: 401 without a session, the data with one.
//!
//! ```js
//! export async function handler(req, res) {
//!   const session = await getServerSession(req, res, authOptions)
//!   if (!session) {
//!     res.status(401).json({ message: "You must be logged in." });
//!     return;
//!   }
//!   return res.json({ message: 'Success' })
//! }
//! ```
//!
//! | route                 | signed out                                  | signed in                    |
//! |-----------------------|---------------------------------------------|------------------------------|
//! | `GET /api/restricted` | 401 `{"message":"You must be logged in."}` | 200 `{"message":"Success"}` |
//! | `POST /auth/signin`   | 303 to `callbackUrl`, with the session cookie |                            |
//! | `GET /api/jwt`        | 401 `{"message":"You must be logged in."}` | 200, the token's claims      |
//!
//! `GET /api/jwt` is the `getToken` route the `getServerSession` docs point to ("if you only
//! want to get the session token"): `get_token` gives the verified claims, not the session.
//! The session can also come as `Authorization: Bearer <token>`; no cookie is written then.

use auth_runtime::{AuthOptions, AuthOptionsBuilder, ConfigError, get_server_session, get_token};
use axum::Json;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;
use serde_json::json;

use super::sign_in;

/// The options this example uses: `authOptions` with nothing beyond the secret.
///
/// # Errors
/// The builder's.
pub fn options(builder: AuthOptionsBuilder) -> Result<AuthOptions, ConfigError> {
    builder.build()
}

/// The site: `GET /api/restricted`, `GET /api/jwt` and `POST /auth/signin`.
pub fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/api/restricted", get(handler))
        .route("/api/jwt", get(token))
        .route("/auth/signin", post(sign_in::sign_in))
        .with_state(options)
}

/// `GET /api/restricted`: the API route of the snippet, line for line.
pub async fn handler(State(options): State<AuthOptions>, request: Request) -> Response {
    let (parts, _body) = request.into_parts();
    let (session, cookies) = get_server_session(&parts, &options).await;
    if session.is_none() {
        let body = Json(json!({ "message": "You must be logged in." }));
        return (StatusCode::UNAUTHORIZED, cookies, body).into_response();
    }
    (cookies, Json(json!({ "message": "Success" }))).into_response()
}

/// `GET /api/jwt`: `const token = await getToken({ req, secret }); res.json(token)`. It only
/// reads the token, so it writes no cookie (use `get_server_session` to keep it current).
pub async fn token(State(options): State<AuthOptions>, request: Request) -> Response {
    let (parts, _body) = request.into_parts();
    match get_token(&parts, &options).await {
        Some(token) => Json(Value::Object(token.into_claims())).into_response(),
        None => {
            let body = Json(json!({ "message": "You must be logged in." }));
            (StatusCode::UNAUTHORIZED, body).into_response()
        }
    }
}
