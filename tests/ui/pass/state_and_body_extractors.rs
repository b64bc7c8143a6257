//! A handler taking `State<S>` of a `#[derive(FromRef)]` app state, `Path`, the session
//! extractors and a `Json<T>` body last.
#![deny(warnings)]

use auth_runtime::{AuthOptions, Session, Token, with_auth};
use axum::extract::{FromRef, Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

#[derive(Clone)]
struct Db {
    name: &'static str,
}

#[derive(Clone, FromRef)]
struct AppState {
    auth: AuthOptions,
    db: Db,
}

#[derive(Deserialize, Serialize)]
struct Post {
    title: String,
}

#[with_auth(authorized = "'editor' in token.roles || token.role == 'admin'")]
async fn publish(
    State(db): State<Db>,
    Path(id): Path<u32>,
    token: Token,
    Json(post): Json<Post>,
) -> Json<Post> {
    let title = format!(
        "{} #{id} in {} by {:?}",
        post.title,
        db.name,
        token.get_str("name")
    );
    Json(Post { title })
}

#[with_auth(sign_in = "/auth/signin")]
async fn me(session: Session, maybe_token: Option<Token>, State(state): State<AppState>) -> String {
    let _ = state.db.name;
    format!("{:?} {}", session.user.email, maybe_token.is_some())
}

fn main() {
    let state = AppState {
        auth: AuthOptions::new("a secret of at least thirty-two bytes!").unwrap(),
        db: Db { name: "posts" },
    };
    let _app: Router = Router::new()
        .route("/posts/{id}", post(publish))
        .route("/me", get(me))
        .with_state(state);
}
