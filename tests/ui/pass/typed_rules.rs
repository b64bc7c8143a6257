//! Typed rules: `claims = ...` in the attribute and in `rule!`, the extractor `Token<C>`, path
//! parameters and checks, all compiling without warnings.
#![deny(warnings)]

use auth_runtime::{AuthLayer, AuthOptions, Claims, Token, rule, with_auth};
use axum::extract::{FromRef, State};
use axum::http::request::Parts;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::Deserialize;

#[derive(Deserialize, Claims)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
    User,
}

#[derive(Deserialize, Claims)]
struct Profile {
    name: String,
}

#[derive(Deserialize, Claims)]
struct AppClaims {
    sub: String,
    role: Role,
    #[serde(rename = "org_id")]
    org: Option<u64>,
    email_verified: bool,
    groups: Vec<String>,
    profile: Profile,
}

#[derive(Clone, FromRef)]
struct AppState {
    options: AuthOptions,
}

#[with_auth(claims = AppClaims, authorized = "token.role == 'admin' && token.org_id == 7")]
async fn admin(token: Token<AppClaims>) -> String {
    token.sub.clone()
}

#[with_auth(
    claims = AppClaims,
    authorized = "token?.org_id == path.org && 'staff' in token.groups && token.profile.name != ''"
)]
async fn org(token: Token<AppClaims>) -> String {
    format!("{:?} {}", token.org, token.email_verified)
}

async fn owns_post(token: &Token<AppClaims>, parts: &Parts, _: &AppState) -> bool {
    parts.uri.path().ends_with(&token.sub)
}

#[with_auth(claims = AppClaims, authorized = "token.email_verified", check = owns_post)]
async fn edit(State(_): State<AppState>, Json(body): Json<serde_json::Value>) -> Json<serde_json::Value> {
    Json(body)
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let users = Router::new()
        .route("/{user}", get(|token: Token<AppClaims>| async move { token.sub.clone() }))
        .layer(
            AuthLayer::with_claims::<AppClaims>(options.clone())
                .rule(rule!(AppClaims, "token.sub == path.user || token.role == 'admin'")),
        );
    let _: Router = Router::new()
        .route("/admin", get(admin))
        .route("/orgs/{org}", get(org))
        .route("/posts/{id}", put(edit))
        .nest("/users", users)
        .with_state(AppState { options });
}
