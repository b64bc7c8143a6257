//! Defects found against the real NextAuth.js libraries and an attack corpus, each answered
//! as a browser or an attacker would see it.

use auth_runtime::{Token, with_auth};
use auth_tests::*;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;

#[with_auth]
async fn me(token: Token) -> String {
    token.get_str("sub").unwrap_or_default().to_owned()
}

fn app() -> Router {
    Router::new().route("/me", get(me)).with_state(options())
}

fn session(sub: &str) -> String {
    token(serde_json::json!({ "sub": sub, "name": "Ada" }))
}

#[tokio::test]
async fn a_utf8_cookie_beside_the_session_cookie_keeps_the_user_signed_in() {
    let header = format!("theme=café-crème; {COOKIE}={}; lang=fr", session("ada"));
    let reply = send(app(), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ada");
}

#[tokio::test]
async fn two_different_session_cookies_are_no_session() {
    // An attacker who can set a cookie for a sibling path or domain (session fixation)
    // decides which of two cookies of one name a browser sends first.
    let header = format!(
        "{COOKIE}={}; {COOKIE}={}",
        session("attacker"),
        session("victim")
    );
    let reply = send(app(), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // Neither is cleared: a clearing cookie for `Path=/` cannot reach one set elsewhere.
    assert!(reply.set_cookies().is_empty());

    let victim = session("victim");
    let header = format!("{COOKIE}={victim}; {COOKIE}.0={victim}");
    let reply = send(app(), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_same_session_cookie_twice_is_one_session() {
    let ada = session("ada");
    let header = format!("{COOKIE}={ada}; theme=dark; {COOKIE}={ada}");
    let reply = send(app(), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ada");
}

/// A token signed with the test secret, with `header` as its JOSE header.
fn with_header(header: &str, claims: &serde_json::Value) -> String {
    signed(header, &claims.to_string())
}

/// A token signed with the test secret, with exactly this header and payload text.
fn signed(header: &str, payload: &str) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use hmac::{Hmac, Mac};
    let message = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).expect("any key");
    mac.update(message.as_bytes());
    format!(
        "{message}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

fn valid_claims(sub: &str) -> serde_json::Value {
    serde_json::json!({ "sub": sub, "exp": now() + 3600, "iat": now() })
}

#[tokio::test]
async fn a_token_listing_a_critical_extension_is_refused() {
    let usual = with_header(r#"{"alg":"HS256","typ":"JWT"}"#, &valid_claims("ada"));
    let reply = send(app(), visit_with_cookie("/me", &usual)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let critical = with_header(
        r#"{"alg":"HS256","typ":"JWT","crit":["anything"],"anything":true}"#,
        &valid_claims("ada"),
    );
    let reply = send(app(), visit_with_cookie("/me", &critical)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
}

#[tokio::test]
async fn a_token_for_another_audience_does_not_open_this_service() {
    let mut claims = valid_claims("ada");
    claims["aud"] = "https://billing.example.com".into();
    let other_service = raw_token(SECRET, jsonwebtoken::Algorithm::HS256, &claims);
    let reply = send(app(), visit_with_cookie("/me", &other_service)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);

    // With an audience configured, the token must name it.
    let options = auth_runtime::AuthOptions::builder()
        .secret(SECRET)
        .audience("https://api.example.com")
        .build()
        .expect("valid options");
    let app = || {
        Router::new()
            .route("/me", get(me))
            .with_state(options.clone())
    };
    let reply = send(app(), visit_with_cookie("/me", &other_service)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    claims["aud"] = serde_json::json!(["https://web.example.com", "https://api.example.com"]);
    let ours = raw_token(SECRET, jsonwebtoken::Algorithm::HS256, &claims);
    let reply = send(app(), visit_with_cookie("/me", &ours)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let no_audience = token(serde_json::json!({ "sub": "ada" }));
    let reply = send(app(), visit_with_cookie("/me", &no_audience)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // Tokens issued here carry it.
    let issued = auth_runtime::jwt::encode(&options, &serde_json::json!({ "sub": "ada" }))
        .await
        .expect("encodes");
    let reply = send(app(), visit_with_cookie("/me", &issued)).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[with_auth(authorized = "token.name == 'Ada'")]
async fn ada_only() -> &'static str {
    "ada"
}

/// Any session passes: a guard without a rule.
#[with_auth]
async fn any_session() -> &'static str {
    "in"
}

#[tokio::test]
async fn a_verified_payload_that_names_no_user_is_no_session() {
    // The state and PKCE cookies next-auth before 4.24.5 sealed with the session key carry
    // `{ value, provider }`, no `sub` (CVE-2023-48309's class): placed in the session cookie,
    // they must not pass for a session.
    let options = auth_runtime::AuthOptions::builder()
        .secret(SECRET)
        .nextauth_v4()
        .build()
        .expect("valid options");
    let lax = auth_runtime::AuthOptions::builder()
        .secret(SECRET)
        .nextauth_v4()
        .require_subject(false)
        .build()
        .expect("valid options");
    let state = serde_json::json!({ "value": "a-random-state", "provider": "github" });
    let sealed = auth_runtime::jwt::encode(&lax, &state)
        .await
        .expect("encodes");
    assert_eq!(
        auth_runtime::jwt::encode(&options, &state).await,
        Err(auth_runtime::jwt::JwtError::MissingSubject),
        "no session without a user is issued either"
    );
    let app = |options: &auth_runtime::AuthOptions| {
        Router::new()
            .route("/me", get(me))
            .route("/guarded", get(any_session))
            .with_state(options.clone())
    };
    for path in ["/me", "/guarded"] {
        let reply = send(app(&options), visit_with_cookie(path, &sealed)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    // A `sub` that is not a string names no user either.
    let numeric = token(serde_json::json!({ "sub": 42, "name": "Ada" }));
    let reply = send(
        Router::new()
            .route("/ada", get(ada_only))
            .with_state(auth_tests::options()),
        visit_with_cookie("/ada", &numeric),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // The rare app whose sessions name no user turns the check off.
    let reply = send(app(&lax), visit_with_cookie("/me", &sealed)).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[derive(serde::Deserialize, auth_runtime::Claims)]
struct Named {
    sub: String,
    name: String,
}

#[tokio::test]
async fn a_name_cut_in_the_middle_of_an_emoji_keeps_the_user_signed_in() {
    // `"Rocket 🚀".slice(0, 8)` in JavaScript is half of the emoji's surrogate pair, which
    // `JSON.stringify` writes as `\ud83d` and NextAuth.js's `decode` reads back.
    let payload = format!(
        r#"{{"sub":"ada","name":"Rocket \ud83d","iat":{},"exp":{}}}"#,
        now(),
        now() + 3600
    );
    let token = signed(r#"{"alg":"HS256","typ":"JWT"}"#, &payload);
    let app = Router::new()
        .route(
            "/name",
            get(|token: Token| async move { token.get_str("name").unwrap_or_default().to_owned() }),
        )
        .route(
            "/typed",
            get(|token: Token<Named>| async move { format!("{} {}", token.sub, token.name) }),
        )
        .with_state(options());
    let reply = send(app.clone(), visit_with_cookie("/name", &token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "Rocket \u{fffd}");
    let reply = send(app, visit_with_cookie("/typed", &token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ada Rocket \u{fffd}");
}
