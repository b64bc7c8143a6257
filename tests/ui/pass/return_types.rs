//! Any `IntoResponse` return type works: `impl IntoResponse`, `Result<_, _>`, tuples, `()`.
#![deny(warnings)]

use auth_runtime::{AuthOptions, with_auth};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde_json::{Value, json};

#[with_auth(authorized = "token.role == 'admin'")]
async fn panel() -> impl IntoResponse {
    (StatusCode::OK, [("x-admin", "1")], "admin")
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn report() -> Result<Json<Value>, StatusCode> {
    Ok(Json(json!({ "ok": true })))
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn remove() -> Result<StatusCode, (StatusCode, String)> {
    Err((StatusCode::CONFLICT, "in use".to_owned()))
}

#[with_auth]
async fn home() -> Redirect {
    Redirect::to("/admin")
}

#[with_auth]
async fn ping() {}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _app: Router = Router::new()
        .route("/admin", get(panel))
        .route("/report", get(report))
        .route("/item", delete(remove))
        .route("/", get(home))
        .route("/ping", get(ping))
        .with_state(options);
}
