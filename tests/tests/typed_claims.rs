//! Typed claims over HTTP: rules checked against a claims type, `Token<C>` handed to the
//! handler, and sessions whose claims are not `C`.

use std::sync::atomic::{AtomicUsize, Ordering};

use auth_runtime::{AuthLayer, Claims, Token, rule, with_auth};
use auth_tests::*;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use serde::{Deserialize, Deserializer};
use serde_json::json;

#[derive(Debug, Deserialize, Claims)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
    User,
}

#[derive(Debug, Deserialize, Claims)]
struct AppClaims {
    sub: String,
    role: Role,
    #[serde(rename = "org_id")]
    org: Option<u64>,
    email_verified: bool,
}

/// Claims that count how often they are deserialized; only one test reads them, so the count
/// is that test's own.
#[derive(Debug, Deserialize, Claims)]
struct Counting {
    sub: String,
    #[claims(skip)]
    #[serde(default, rename = "counted")]
    _counted: Counted,
}

static DESERIALIZED: AtomicUsize = AtomicUsize::new(0);

/// A claim that counts how often the claims are deserialized.
#[derive(Debug, Default)]
struct Counted;

impl<'de> Deserialize<'de> for Counted {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        DESERIALIZED.fetch_add(1, Ordering::SeqCst);
        Ok(Counted)
    }
}

#[with_auth(claims = AppClaims, authorized = "token.role == 'admin' && token.org_id == 7")]
async fn admin(token: Token<AppClaims>) -> String {
    format!("{} {:?}", token.sub, token.role)
}

#[with_auth(
    claims = AppClaims,
    authorized = "token.email_verified",
    sign_in = "/auth/signin"
)]
async fn page(token: Token<AppClaims>) -> String {
    token.sub.clone()
}

#[with_auth(claims = Counting, authorized = "token.sub == 'ada'")]
async fn counting(token: Token<Counting>, again: Token<Counting>) -> String {
    format!("{} {}", token.sub, again.sub)
}

#[with_auth(claims = AppClaims, authorized = "token.org_id == path.org")]
async fn org_page() -> &'static str {
    "org"
}

fn app() -> Router {
    Router::new()
        .route("/admin", get(admin))
        .route("/page", get(page))
        .route("/orgs/{org}", get(org_page))
        .route("/counting", get(counting))
        .route(
            "/me",
            get(|token: Token<AppClaims>| async move { token.sub.clone() }),
        )
        .route(
            "/maybe",
            get(|token: Option<Token<AppClaims>>| async move {
                token.map_or("nobody".to_owned(), |token| token.sub.clone())
            }),
        )
        .with_state(options())
}

fn claims(role: &str, org: Option<u64>) -> serde_json::Value {
    json!({ "sub": "ada", "role": role, "org_id": org, "email_verified": true, "counted": 1 })
}

#[tokio::test]
async fn a_typed_rule_decides_and_the_handler_gets_typed_claims() {
    let admin_token = token(claims("admin", Some(7)));
    let reply = send(app(), visit_with_cookie("/admin", &admin_token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ada Admin");

    let other_org = token(claims("admin", Some(8)));
    let reply = send(app(), visit_with_cookie("/admin", &other_org)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    let no_org = token(claims("admin", None));
    let reply = send(app(), visit_with_cookie("/admin", &no_org)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    let user = token(claims("user", Some(7)));
    let reply = send(app(), visit_with_cookie("/admin", &user)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_session_whose_claims_are_not_the_type_is_no_session_for_the_handler() {
    // No `email_verified`, a role that is no variant, an `org_id` that is not a number.
    let missing = token(json!({ "sub": "ada", "role": "admin", "org_id": 7 }));
    let unknown_role = token(json!({ "sub": "ada", "role": "root", "email_verified": true }));
    let wrong_type =
        token(json!({ "sub": "ada", "role": "admin", "org_id": "7", "email_verified": true }));
    for token in [missing, unknown_role, wrong_type] {
        let reply = send(app(), visit_with_cookie("/admin", &token)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.json(), json!({ "message": "You must be logged in." }));
        // The token is valid, and may serve handlers with other claims: it is not cleared.
        assert!(reply.set_cookies().is_empty());

        let reply = send(app(), visit_with_cookie("/page", &token)).await;
        assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(
            reply.header("location"),
            Some("/auth/signin?callbackUrl=%2Fpage")
        );

        let reply = send(app(), visit_with_cookie("/me", &token)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        let reply = send(app(), visit_with_cookie("/maybe", &token)).await;
        assert_eq!(reply.body, "nobody");
    }
}

#[tokio::test]
async fn the_claims_are_deserialized_once_per_request() {
    let token = token(claims("user", Some(7)));
    // The guard and the handler's two `Token<Counting>` share one deserialization.
    let reply = send(app(), visit_with_cookie("/counting", &token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ada ada");
    assert_eq!(DESERIALIZED.load(Ordering::SeqCst), 1);
    let reply = send(app(), visit_with_cookie("/counting", &token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(DESERIALIZED.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_typed_number_compares_with_a_path_parameter_by_value() {
    let token = token(claims("user", Some(7)));
    for (path, status) in [
        ("/orgs/7", StatusCode::OK),
        ("/orgs/8", StatusCode::FORBIDDEN),
        ("/orgs/seven", StatusCode::FORBIDDEN),
        ("/orgs/007", StatusCode::FORBIDDEN),
    ] {
        let reply = send(app(), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, status, "{path}");
    }
}

#[tokio::test]
async fn the_typed_extractors_work_without_a_guard() {
    let token = token(claims("user", None));
    let reply = send(app(), visit_with_cookie("/me", &token)).await;
    assert_eq!(reply.body, "ada");
    let reply = send(app(), visit_with_cookie("/maybe", &token)).await;
    assert_eq!(reply.body, "ada");
    let reply = send(app(), visit("/maybe")).await;
    assert_eq!(reply.body, "nobody");
    let reply = send(app(), visit("/me")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

fn layered() -> Router {
    let admins = Router::new()
        .route(
            "/{org}/billing",
            get(|token: Token<AppClaims>| async move { token.sub.clone() }),
        )
        .layer(AuthLayer::with_claims::<AppClaims>(options()).rule(rule!(
            AppClaims,
            "token.role == 'admin' && token.org_id == path.org"
        )));
    Router::new().nest("/orgs", admins).with_state(options())
}

#[tokio::test]
async fn a_typed_layer_decides_and_hands_its_claims_on() {
    let admin = token(claims("admin", Some(7)));
    let reply = send(layered(), visit_with_cookie("/orgs/7/billing", &admin)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ada");
    let reply = send(layered(), visit_with_cookie("/orgs/8/billing", &admin)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let not_claims = token(json!({ "sub": "ada", "role": "admin" }));
    let reply = send(layered(), visit_with_cookie("/orgs/7/billing", &not_claims)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn typed_claims_read_the_encrypted_cookies_of_nextauth_and_authjs() {
    let nextauth = auth_runtime::AuthOptions::builder()
        .secret(SECRET)
        .nextauth_v4()
        .build()
        .expect("valid options");
    let authjs = auth_runtime::AuthOptions::builder()
        .secret(SECRET)
        .authjs()
        .build()
        .expect("valid options");
    for options in [nextauth, authjs] {
        let app = Router::new()
            .route("/admin", get(admin))
            .with_state(options.clone());
        let cookie = options.session_cookie_name().to_owned();
        let sealed = auth_runtime::jwt::encode(&options, &claims("admin", Some(7)))
            .await
            .expect("encodes");
        let reply = send(
            app.clone(),
            visit_with_cookies("/admin", &format!("{cookie}={sealed}")),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{cookie}");
        assert_eq!(reply.body, "ada Admin");
        let sealed = auth_runtime::jwt::encode(&options, &json!({ "sub": "ada", "role": "root" }))
            .await
            .expect("encodes");
        let reply = send(
            app,
            visit_with_cookies("/admin", &format!("{cookie}={sealed}")),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{cookie}");
    }
}
