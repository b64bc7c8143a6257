//! Ownership guards on a small blog API: typed claims, rules that read route parameters, and
//! an async check that looks the post up before the handler runs.
//!
//! The session's claims are [`AppClaims`], so every rule below is checked against that struct
//! when the crate compiles, and the handlers read `token.sub` or `token.name` from
//! `Token<AppClaims>`. `path.<name>` is the route's parameter; a numeric claim compares with
//! it by value. Editing a post needs more than a rule can see, so its guard also runs the
//! check `owns_post`, which reads the app's post store: `false` answers 403 like a refused
//! rule, and its error (an unknown post) is the response. Every guard answers before the
//! handler's other extractors run, so a refused `PUT` never has its body read.
//!
//! [`ownership_app`] builds the app; `src/bin/ownership.rs` serves it
//! (`cargo run -p auth-examples --bin ownership`) and `tests/ownership.rs` drives it without a
//! socket. `POST /auth/signin` with `account=ada|bob|root` signs in, without a password:
//!
//! | account | `sub`  | `role`   | `org_id` | `email_verified` |
//! |---------|--------|----------|----------|------------------|
//! | `ada`   | `ada`  | `author` | `7`      | `true`           |
//! | `bob`   | `bob`  | `reader` | `null`   | `false`          |
//! | `root`  | `root` | `admin`  | `null`   | `true`           |
//!
//! The store starts with post 1 (ada's draft), post 2 (ada's, published) and post 3 (grace's
//! draft; grace has no account here).
//!
//! | route                         | guard                                                                            |
//! |-------------------------------|----------------------------------------------------------------------------------|
//! | `POST /auth/signin`           | none: 303 to the local `callbackUrl`, else to the account's drafts               |
//! | `GET /users/{user_id}/drafts` | `token.sub == path.user_id \|\| token.role == 'admin'`                           |
//! | `PUT /posts/{post_id}`        | `token.email_verified && token.role in ['author', 'admin']`, `check = owns_post` |
//! | `GET /orgs/{org}/billing`     | `token.org_id == path.org && token.role in ['author', 'admin']`                  |
//!
//! | request                                   | signed out | `ada`       | `bob`      | `root`      |
//! |-------------------------------------------|------------|-------------|------------|-------------|
//! | `GET /users/ada/drafts`                   | 401        | 200         | 403        | 200         |
//! | `GET /users/bob/drafts`                   | 401        | 403         | 200        | 200         |
//! | `GET /users/grace/drafts`                 | 401        | 403         | 403        | 200         |
//! | `PUT /posts/1` (ada's)                    | 401        | 200         | 403 (rule) | 200         |
//! | `PUT /posts/3` (grace's)                  | 401        | 403 (check) | 403 (rule) | 200         |
//! | `PUT /posts/9` (no such post)             | 401        | 404 (check) | 403 (rule) | 404 (check) |
//! | `GET /orgs/7/billing`                     | 401        | 200         | 403        | 403         |
//! | `GET /orgs/07/billing`, `/orgs/8/billing` | 401        | 403         | 403        | 403         |
//!
//! The guards answer in JSON: 401 `{"message":"You must be logged in."}` (also for a valid
//! session whose claims are not an [`AppClaims`]) and 403
//! `{"message":"You do not have access to this resource."}`; the check's 404 is
//! `{"message":"There is no post 9."}`. A refused `PUT` gets its 403 even when its body is not
//! JSON, which an allowed one would get a 400 for: the guard answers before `Json` reads it.
//!
//! A rule that names a claim the struct does not have fails the build. The claim is `org_id`,
//! the name serde reads, not the field's `org`, so this rule is refused with "unknown claim
//! `org` in `AppClaims`" and "did you mean `org_id`?":
//!
//! ```compile_fail,E0080
//! use auth_examples::ownership::AppClaims;
//!
//! #[auth_runtime::with_auth(claims = AppClaims, authorized = "token.org == path.org")]
//! async fn billing() {}
//! ```

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use auth_runtime::{AuthOptions, Claims, SessionCookies, Token, with_auth};
use axum::extract::{Form, FromRef, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::{cross_site, redirect};

/// The claims of this app's session tokens. Serialized at sign-in, deserialized for every
/// guarded request, and described to the rule checker by `#[derive(Claims)]`.
#[derive(Debug, Clone, Serialize, Deserialize, Claims)]
pub struct AppClaims {
    /// The user's id, compared with `path.user_id`.
    pub sub: String,
    /// The name to show.
    pub name: String,
    /// What the user may do.
    pub role: Role,
    /// The organization the user belongs to, if any; `token.org_id` in rules.
    #[serde(rename = "org_id")]
    pub org: Option<u64>,
    /// Whether the user confirmed their email address.
    pub email_verified: bool,
}

/// A user's role, read and compared by its lowercase serde name: `token.role == 'admin'`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Claims)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// May read and edit everything.
    Admin,
    /// Writes posts and edits their own.
    Author,
    /// Reads.
    Reader,
}

/// A blog post in the store.
#[derive(Debug, Clone, Serialize)]
struct Post {
    id: u64,
    author: String,
    title: String,
    draft: bool,
}

/// The posts, shared by every request. Every write is one assignment, so a panic while the lock
/// is held cannot leave a post half-written, and a poisoned lock is still safe to use.
#[derive(Clone)]
struct Posts(Arc<RwLock<HashMap<u64, Post>>>);

impl Posts {
    /// Ada's draft and published post, and a draft of grace's.
    fn seeded() -> Self {
        let posts = [
            (1, "ada", "Notes on the Analytical Engine", true),
            (2, "ada", "Sketch of the Analytical Engine", false),
            (3, "grace", "A first compiler", true),
        ]
        .map(|(id, author, title, draft)| {
            let post = Post {
                id,
                author: author.to_owned(),
                title: title.to_owned(),
                draft,
            };
            (id, post)
        });
        Posts(Arc::new(RwLock::new(HashMap::from(posts))))
    }

    fn read(&self) -> RwLockReadGuard<'_, HashMap<u64, Post>> {
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, HashMap<u64, Post>> {
        self.0.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Who wrote post `id`, or `None` when there is no such post.
    fn author_of(&self, id: u64) -> Option<String> {
        self.read().get(&id).map(|post| post.author.clone())
    }

    /// The drafts of `author`, by id.
    fn drafts_of(&self, author: &str) -> Vec<Post> {
        let mut drafts: Vec<Post> = self
            .read()
            .values()
            .filter(|post| post.draft && post.author == author)
            .cloned()
            .collect();
        drafts.sort_by_key(|post| post.id);
        drafts
    }

    /// Retitles post `id` and returns it, or `None` when there is no such post.
    fn retitle(&self, id: u64, title: String) -> Option<Post> {
        let mut posts = self.write();
        let post = posts.get_mut(&id)?;
        post.title = title;
        Some(post.clone())
    }
}

/// The router's state: the guards take the options from it, the handlers and `owns_post` the
/// posts.
#[derive(Clone, FromRef)]
struct AppState {
    options: AuthOptions,
    posts: Posts,
}

/// The blog API, its guards reading the secret and session lifetime from `options`, with a
/// fresh store of posts.
pub fn ownership_app(options: AuthOptions) -> Router {
    let state = AppState {
        options,
        posts: Posts::seeded(),
    };
    Router::new()
        .route("/auth/signin", post(sign_in))
        .route("/users/{user_id}/drafts", get(drafts))
        .route("/posts/{post_id}", put(edit_post))
        .route("/orgs/{org}/billing", get(billing))
        .with_state(state)
}

/// A demo account, as the sign-in form names it.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Account {
    Ada,
    Bob,
    Root,
}

impl Account {
    /// The claims of this account's session token.
    fn claims(self) -> AppClaims {
        let (sub, name, role, org, email_verified) = match self {
            Account::Ada => ("ada", "Ada Lovelace", Role::Author, Some(7), true),
            Account::Bob => ("bob", "Bob", Role::Reader, None, false),
            Account::Root => ("root", "Root", Role::Admin, None, true),
        };
        AppClaims {
            sub: sub.to_owned(),
            name: name.to_owned(),
            role,
            org,
            email_verified,
        }
    }
}

/// What `POST /auth/signin` takes: `account=ada|bob|root`, and where to go next.
#[derive(Debug, Deserialize)]
struct SignInForm {
    account: Account,
    #[serde(rename = "callbackUrl", default)]
    callback_url: String,
}

/// `POST /auth/signin`: issues the account's session cookie and answers 303 to the local
/// `callbackUrl`, else to the account's drafts. A real app checks a password here.
async fn sign_in(
    State(options): State<AuthOptions>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    if cross_site::is_cross_site(&headers) {
        return cross_site::refused();
    }
    let claims = form.account.claims();
    let next = if redirect::is_local_path(&form.callback_url) {
        form.callback_url
    } else {
        format!("/users/{}/drafts", claims.sub)
    };
    match SessionCookies::sign_in(&options, &headers, &claims).await {
        Ok(cookies) => (cookies, Redirect::to(&next)).into_response(),
        Err(error) => {
            tracing::error!(%error, "could not issue a session cookie");
            (StatusCode::INTERNAL_SERVER_ERROR, "Could not sign you in.").into_response()
        }
    }
}

/// `GET /users/{user_id}/drafts`: a user's drafts, for that user or an admin.
#[with_auth(
    claims = AppClaims,
    authorized = "token.sub == path.user_id || token.role == 'admin'"
)]
async fn drafts(State(posts): State<Posts>, Path(user_id): Path<String>) -> Json<Vec<Post>> {
    Json(posts.drafts_of(&user_id))
}

/// What `PUT /posts/{post_id}` takes.
#[derive(Debug, Deserialize)]
struct PostEdit {
    title: String,
}

/// `PUT /posts/{post_id}`: retitles a post. The rule lets verified authors and admins in;
/// `owns_post` then lets an author edit only their own posts. `State<AppState>` tells the
/// guard which state `owns_post` takes.
#[with_auth(
    claims = AppClaims,
    authorized = "token.email_verified && token.role in ['author', 'admin']",
    check = owns_post
)]
async fn edit_post(
    State(state): State<AppState>,
    Path(post_id): Path<u64>,
    Json(edit): Json<PostEdit>,
) -> Result<Json<Post>, (StatusCode, Json<Value>)> {
    let post = state.posts.retitle(post_id, edit.title);
    post.map(Json).ok_or_else(|| no_such_post(post_id))
}

/// The check of `PUT /posts/{post_id}`, run once the rule has passed: an admin may edit any
/// post, an author their own; a post that does not exist is a 404.
async fn owns_post(
    token: &Token<AppClaims>,
    parts: &Parts,
    state: &AppState,
) -> Result<bool, (StatusCode, Json<Value>)> {
    // The route is `/posts/{post_id}`, not nested, so the id is the rest of the path.
    let post_id = parts.uri.path().strip_prefix("/posts/").unwrap_or_default();
    let author = post_id
        .parse()
        .ok()
        .and_then(|id| state.posts.author_of(id))
        .ok_or_else(|| no_such_post(post_id))?;
    Ok(token.role == Role::Admin || author == token.sub)
}

/// 404 with a JSON body shaped like the guards' own.
fn no_such_post(post_id: impl Display) -> (StatusCode, Json<Value>) {
    let message = format!("There is no post {post_id}.");
    (StatusCode::NOT_FOUND, Json(json!({ "message": message })))
}

/// `GET /orgs/{org}/billing`: an organization's plan, for its authors and admins. `org_id` is
/// a number, so `/orgs/7` matches org 7 and `/orgs/07` does not.
#[with_auth(
    claims = AppClaims,
    authorized = "token.org_id == path.org && token.role in ['author', 'admin']"
)]
async fn billing(token: Token<AppClaims>, Path(org): Path<u64>) -> Json<Value> {
    Json(json!({ "org": org, "plan": "team", "seats": 5, "requestedBy": token.name }))
}
