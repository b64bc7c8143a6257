//! Guarded associated functions: `#[with_auth]` on the `impl` block and on each guarded
//! function. The guard answers as it does for free functions, and the functions keep `Self`.

use auth_runtime::{AuthOptions, Token, with_auth};
use auth_tests::*;
use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::routing::get;

#[derive(Clone, FromRef)]
struct AppState {
    options: AuthOptions,
    open_org: u32,
}

struct Admin;

#[with_auth]
impl Admin {
    #[with_auth(authorized = "token.role == 'admin'", sign_in = "/login")]
    pub async fn panel(token: Token) -> String {
        Self::greeting(token.get_str("sub").unwrap_or("nobody"))
    }

    /// Not guarded: left as written.
    fn greeting(name: &str) -> String {
        format!("hello {name}")
    }

    // `Self` in the attribute names the block's type.
    #[with_auth(check = Self::in_open_org, state = AppState, sign_in = false)]
    async fn org(State(state): State<AppState>) -> String {
        format!("org {}", state.open_org)
    }

    async fn in_open_org(token: &Token, _: &Parts, state: &AppState) -> bool {
        token.get("org").and_then(serde_json::Value::as_u64) == Some(u64::from(state.open_org))
    }
}

fn app() -> Router {
    let state = AppState {
        options: options(),
        open_org: 7,
    };
    Router::new()
        .route("/panel", get(Admin::panel))
        .route("/org", get(Admin::org))
        .with_state(state)
}

#[tokio::test]
async fn a_guarded_associated_function_runs_for_a_session_its_rule_allows() {
    let reply = send(
        app(),
        visit_with_cookie("/panel", &token_with_role("admin")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "hello user-1");
}

#[tokio::test]
async fn a_guarded_associated_function_refuses_like_a_free_one() {
    let reply = send(app(), visit("/panel")).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.header("location"),
        Some("/login?callbackUrl=%2Fpanel")
    );
    let reply = send(app(), visit_with_cookie("/panel", &token_with_role("user"))).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_check_named_through_self_runs_with_the_state() {
    let member = token(serde_json::json!({ "sub": "ada", "org": 7 }));
    let reply = send(app(), visit_with_cookie("/org", &member)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "org 7");
    let outsider = token(serde_json::json!({ "sub": "bob", "org": 8 }));
    let reply = send(app(), visit_with_cookie("/org", &outsider)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = send(app(), visit("/org")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}
