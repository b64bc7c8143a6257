//! Every feature of the rule language in one rule, in an attribute and in `rule!`, under
//! `deny(warnings)`: roots, `.` and `?.`, both index forms and `?.[...]`, every literal and
//! escape, arrays, every operator (`===` and `!==` included), methods, `!`, grouping, and
//! rules that read only `req`, or neither root.
#![deny(warnings)]

use auth_runtime::{AuthOptions, RequestInfo, Token, rule, with_auth};
use axum::{Router, routing::get};

#[with_auth(
    authorized = r#"
        (token.role == 'admin' || token?.role === "admin")
        && token.level != 0 && token.level !== -1
        && token.age >= 18 && token.age <= 120 && token.score > -2.5 && token.score < 99.75
        && token['https://example.com/roles'][0] == 'editor'
        && token.orgs?.[1]?.id == 18446744073709551615
        && token.org?.$id != null && token.deleted == false && token.active == true
        && 'it\'s' != "say \"hi\"" && 'a\\b' != ''
        && token.plan in ['pro', "enterprise", 1, -2.5, true, false, null,]
        && [] != ['x'] && token.roles.contains('admin')
        && req.path.starts_with('/admin') && token.email.ends_with('@example.com')
        && !token.banned && !!token.email_verified
        && (req.method == 'GET' || req?.method === 'HEAD' || token.permissions['posts:write'])
        && 'Ünïcödé' in token.name
    "#,
    sign_in = "/auth/signin?next=1",
    forbidden = "/auth/forbidden%20page"
)]
async fn everything(token: Token) -> String {
    format!("{:?}", token.get_str("role"))
}

#[with_auth(authorized = "req.method == 'GET'")]
async fn only_req() {}

#[with_auth(authorized = "true")]
async fn only_literals() {}

#[with_auth(authorized = "token.email_verified")]
async fn truthy() {}

fn main() {
    let check = rule!(
        "(token.role == 'admin' || 'admin' in token.roles) && !token.banned \
         && req.path.starts_with('/admin') && token.n >= 1 && token.n < 2.5"
    );
    let claims = serde_json::json!({ "role": "admin", "roles": [], "n": 1 });
    let token = Token::new(claims.as_object().unwrap().clone());
    assert!(check(&token, &RequestInfo::new("GET", "/admin/users")));
    assert!(rule!("req.method == 'GET'")(
        &token,
        &RequestInfo::new("GET", "/")
    ));
    assert!(!rule!("false")(&token, &RequestInfo::new("GET", "/")));

    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _app: Router = Router::new()
        .route("/admin", get(everything))
        .route("/get", get(only_req))
        .route("/anyone", get(only_literals))
        .route("/verified", get(truthy))
        .with_state(options);
}
