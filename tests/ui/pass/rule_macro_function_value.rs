//! `rule!` is a function value: a `fn` pointer, an `impl Fn` argument, elements of a `Vec`,
//! and called from an unguarded handler that decides for itself.
#![deny(warnings)]

use auth_runtime::{AuthOptions, RequestInfo, Token, rule};
use axum::http::{Method, Uri};
use axum::{Router, routing::get};

type Check = fn(&Token, &RequestInfo<'_>) -> bool;

fn all(checks: &[Check], token: &Token, req: &RequestInfo<'_>) -> bool {
    checks.iter().all(|check| check(token, req))
}

fn decide(check: impl Fn(&Token, &RequestInfo<'_>) -> bool, token: &Token) -> bool {
    check(token, &RequestInfo::new("GET", "/"))
}

async fn handler(method: Method, uri: Uri, token: Option<Token>) -> &'static str {
    let can_edit: Check = rule!("token.role in ['admin', 'editor']");
    let read_only = rule!("req.method == 'GET' || req.method == 'HEAD'");
    let req = RequestInfo::new(method.as_str(), uri.path());
    match token {
        Some(token) if all(&[can_edit, read_only], &token, &req) => "yes",
        _ => "no",
    }
}

fn main() {
    let claims = serde_json::json!({ "role": "editor" });
    let token = Token::new(claims.as_object().unwrap().clone());
    assert!(decide(rule!("token.role == 'editor'"), &token));
    let checks: Vec<Check> = vec![rule!("token.role != null"), rule!("!token.banned")];
    assert!(all(&checks, &token, &RequestInfo::new("POST", "/posts")));

    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _app: Router = Router::new().route("/", get(handler)).with_state(options);
}
