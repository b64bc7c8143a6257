//! `callbacks.jwt` and `callbacks.session`, as NextAuth.js runs them: the JWT callback once per
//! request wherever a session is loaded (attribute, extractors, layer, `get_server_session`),
//! a changed token re-issued in the session cookie, `None` ending the session; the session
//! callback shaping every `Session` a client or handler sees.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use auth_runtime::{
    AuthLayer, AuthOptions, DEFAULT_MAX_AGE, Session, Token, get_server_session, get_token, jwt,
    session_endpoint, with_auth,
};
use auth_tests::*;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde_json::{Value, json};

/// The time every test starts at.
const T: u64 = 1_750_000_000;
const MAX_AGE: u64 = DEFAULT_MAX_AGE.as_secs();

#[with_auth]
async fn guarded(
    token: Token,
    Extension(cached): Extension<Token>,
    session: Session,
) -> Json<Value> {
    Json(json!({
        "claims": token.claims(),
        "same": token == cached,
        "session": session,
    }))
}

#[with_auth(authorized = "token.role == 'admin'", sign_in = "/auth/signin")]
async fn admin_only(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn admin_api(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

async fn extractors(
    token: Token,
    maybe_token: Option<Token>,
    session: Session,
    maybe_session: Option<Session>,
) -> Json<Value> {
    Json(json!({
        "claims": token.claims(),
        "same": Some(&token) == maybe_token.as_ref(),
        "session": session,
        "same_session": Some(&session) == maybe_session.as_ref(),
    }))
}

async fn optional_token(token: Option<Token>) -> Json<Value> {
    Json(json!({ "claims": token.map(Token::into_claims) }))
}

async fn server_session(State(options): State<AuthOptions>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let (session, cookies) = get_server_session(&parts, &options).await;
    match session {
        Some(session) => (cookies, Json(session)).into_response(),
        None => (StatusCode::UNAUTHORIZED, cookies, "signed out").into_response(),
    }
}

/// `Option<Token>` loads the session first; `get_server_session` must reuse it.
async fn optional_then_server_session(
    State(options): State<AuthOptions>,
    token: Option<Token>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let (session, cookies) = get_server_session(&parts, &options).await;
    let body = json!({ "token": token.is_some(), "session": session });
    (cookies, Json(body)).into_response()
}

/// `get_token` and then `get_server_session` on the same request.
async fn token_then_server_session(
    State(options): State<AuthOptions>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let token = get_token(&parts, &options).await;
    let (session, cookies) = get_server_session(&parts, &options).await;
    let body = json!({ "token": token.is_some(), "session": session });
    (cookies, Json(body)).into_response()
}

async fn layered(token: Token, session: Session) -> Json<Value> {
    Json(json!({ "claims": token.claims(), "session": session }))
}

fn app(options: AuthOptions) -> Router {
    let behind_layer = Router::new()
        .route("/page", get(layered))
        .route("/guarded", get(guarded))
        .layer(AuthLayer::new(options.clone()));
    Router::new()
        .route("/guarded", get(guarded))
        .route("/admin", get(admin_only))
        .route("/api/admin", get(admin_api))
        .route("/extractors", get(extractors))
        .route("/optional", get(optional_token))
        .route("/server-session", get(server_session))
        .route(
            "/optional-then-server-session",
            get(optional_then_server_session),
        )
        .route("/token-then-server-session", get(token_then_server_session))
        .route("/api/auth/session", get(session_endpoint))
        .nest("/layered", behind_layer)
        .with_state(options)
}

/// Options at time [`T`] whose JWT callback counts its runs and then does `callback`.
fn counted(
    callback: impl Fn(Token) -> Option<Token> + Send + Sync + 'static,
) -> (AuthOptions, Arc<AtomicUsize>) {
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = runs.clone();
    let options = AuthOptions::builder()
        .secret(SECRET)
        .clock(ManualClock::at(T).time())
        .jwt_callback(move |token: Token| {
            counter.fetch_add(1, Ordering::SeqCst);
            let kept = callback(token);
            async move { kept }
        })
        .build()
        .expect("valid options");
    (options, runs)
}

/// A session token for `claims`, issued at [`T`] by `options`.
async fn issue(options: &AuthOptions, claims: Value) -> String {
    jwt::encode(options, &claims).await.expect("encodes")
}

fn ada(role: &str) -> Value {
    json!({ "sub": "user-1", "name": "Ada", "email": "ada@example.com", "role": role })
}

/// `token` with `role` set to admin.
fn promote(token: Token) -> Option<Token> {
    let mut claims = token.into_claims();
    claims.insert("role".into(), "admin".into());
    Some(Token::new(claims))
}

/// Ends the session of tokens with `banned: true`.
fn end_banned(token: Token) -> Option<Token> {
    (token.get("banned") != Some(&Value::Bool(true))).then_some(token)
}

const EVERY_LOADING_ROUTE: [&str; 8] = [
    "/guarded",
    "/admin",
    "/extractors",
    "/optional",
    "/server-session",
    "/optional-then-server-session",
    "/api/auth/session",
    "/layered/page",
];

#[tokio::test]
async fn the_jwt_callback_runs_once_per_request_wherever_the_session_is_loaded() {
    let (options, runs) = counted(Some);
    let token = issue(&options, ada("admin")).await;
    for path in EVERY_LOADING_ROUTE.into_iter().chain(["/layered/guarded"]) {
        let before = runs.load(Ordering::SeqCst);
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        assert_eq!(
            runs.load(Ordering::SeqCst) - before,
            1,
            "{path}: callbacks.jwt must run exactly once"
        );
    }
}

#[tokio::test]
async fn the_jwt_callback_runs_once_when_get_token_and_get_server_session_share_a_request() {
    let (options, runs) = counted(Some);
    let token = issue(&options, ada("admin")).await;
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/token-then-server-session", &token),
    )
    .await;
    assert_eq!(reply.json()["token"], true);
    assert_eq!(reply.json()["session"]["user"]["name"], "Ada");
    assert_eq!(
        runs.load(Ordering::SeqCst),
        1,
        "get_token then get_server_session on one request: callbacks.jwt must run once"
    );
}

#[tokio::test]
async fn the_jwt_callback_does_not_run_without_a_valid_token() {
    let (options, runs) = counted(Some);
    for path in EVERY_LOADING_ROUTE {
        send(app(options.clone()), visit(path)).await;
        send(app(options.clone()), visit_with_cookie(path, "garbage")).await;
    }
    assert_eq!(runs.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_guarded_handler_with_token_and_session_sees_one_token() {
    let (options, _) = counted(Some);
    let token = issue(&options, ada("user")).await;
    let reply = send(app(options), visit_with_cookie("/guarded", &token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["same"], true);
    assert_eq!(body["claims"]["role"], "user");
    assert_eq!(body["session"]["user"]["email"], "ada@example.com");
    assert!(
        reply.set_cookies().is_empty(),
        "a fresh session is not re-issued"
    );
    assert_eq!(reply.header("cache-control"), None);
}

/// The `Set-Cookie` re-issuing a session, checked in full; the token it carries.
async fn reissued(reply: &Reply, options: &AuthOptions, context: &str) -> Token {
    assert_eq!(
        reply.set_cookies().len(),
        1,
        "{context}: {:?}",
        reply.set_cookies()
    );
    let value = reply
        .cookie_value(COOKIE)
        .unwrap_or_else(|| panic!("{context}: no session cookie in {:?}", reply.set_cookies()));
    assert_eq!(
        reply.set_cookies(),
        [issued_cookie(COOKIE, value, MAX_AGE)],
        "{context}"
    );
    assert_eq!(
        reply.header("cache-control"),
        Some(PRIVATE_NO_STORE),
        "{context}"
    );
    jwt::decode(options, value)
        .await
        .unwrap_or_else(|error| panic!("{context}: the re-issued token does not verify: {error}"))
}

#[tokio::test]
async fn a_changed_token_reaches_the_handler_and_is_reissued_by_the_attribute() {
    let (options, _) = counted(promote);
    let token = issue(&options, ada("user")).await;
    let original = jwt::decode(&options, &token).await.expect("verifies");

    // The rule sees the changed token: a user is let in as an admin.
    let reply = send(app(options.clone()), visit_with_cookie("/admin", &token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.json()["role"], "admin");
    assert_eq!(reply.json()["name"], "Ada");
    let fresh = reissued(&reply, &options, "/admin").await;
    assert_eq!(fresh.get_str("role"), Some("admin"));
    assert_eq!(fresh.get_str("email"), Some("ada@example.com"));
    assert_eq!(fresh.get("iat"), Some(&json!(T)));
    assert_eq!(fresh.get("exp"), Some(&json!(T + MAX_AGE)));
    assert_ne!(fresh.get("jti"), original.get("jti"), "a new jti");

    let reply = send(app(options.clone()), visit_with_cookie("/guarded", &token)).await;
    assert_eq!(reply.json()["claims"]["role"], "admin");
    assert_eq!(reply.json()["same"], true);
    reissued(&reply, &options, "/guarded").await;
}

#[tokio::test]
async fn a_changed_token_is_reissued_by_the_layer_and_get_server_session() {
    let (options, _) = counted(promote);
    let token = issue(&options, ada("user")).await;
    for path in [
        "/layered/page",
        "/server-session",
        "/optional-then-server-session",
        "/api/auth/session",
    ] {
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let fresh = reissued(&reply, &options, path).await;
        assert_eq!(fresh.get_str("role"), Some("admin"), "{path}");
    }
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/layered/page", &token),
    )
    .await;
    assert_eq!(reply.json()["claims"]["role"], "admin");
}

#[tokio::test]
async fn a_changed_bearer_token_reaches_the_handler_without_a_cookie() {
    let (options, _) = counted(promote);
    let token = issue(&options, ada("user")).await;
    for path in ["/api/admin", "/layered/page", "/server-session"] {
        let reply = send(app(options.clone()), visit_with_bearer(path, &token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(
            reply.set_cookies().is_empty(),
            "{path}: {:?}",
            reply.set_cookies()
        );
        assert_eq!(reply.header("cache-control"), None, "{path}");
    }
    let reply = send(app(options), visit_with_bearer("/api/admin", &token)).await;
    assert_eq!(reply.json()["role"], "admin");
}

#[tokio::test]
async fn an_unchanged_token_is_not_reissued() {
    let (options, _) = counted(|token| {
        // Rebuilt from the same claims: equal, so not a change.
        Some(Token::new(token.claims().clone()))
    });
    let token = issue(&options, ada("admin")).await;
    for path in EVERY_LOADING_ROUTE {
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(
            reply.set_cookies().is_empty(),
            "{path}: {:?}",
            reply.set_cookies()
        );
        assert_eq!(reply.header("cache-control"), None, "{path}");
    }
}

#[tokio::test]
async fn a_jwt_callback_returning_none_signs_the_request_out_and_clears_the_cookie() {
    let (options, runs) = counted(end_banned);
    let mut claims = ada("admin");
    claims["banned"] = true.into();
    let banned = issue(&options, claims).await;
    let cleared = [clearing_cookie(COOKIE)];

    let reply = send(app(options.clone()), visit_with_cookie("/admin", &banned)).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fadmin")
    );
    assert_eq!(reply.set_cookies(), cleared);
    assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));

    for path in ["/api/admin", "/guarded", "/extractors", "/layered/page"] {
        let reply = send(app(options.clone()), visit_with_cookie(path, &banned)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(
            reply.json(),
            json!({ "message": "You must be logged in." }),
            "{path}"
        );
        assert_eq!(reply.set_cookies(), cleared, "{path}");
    }

    let reply = send(
        app(options.clone()),
        visit_with_cookie("/server-session", &banned),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), cleared);

    let reply = send(
        app(options.clone()),
        visit_with_cookie("/optional", &banned),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), json!({ "claims": null }));

    let reply = send(
        app(options.clone()),
        visit_with_cookie("/api/auth/session", &banned),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), json!({}));
    assert_eq!(reply.set_cookies(), cleared);

    // A bearer token ended by the callback is refused without touching cookies.
    let reply = send(
        app(options.clone()),
        visit_with_bearer("/api/admin", &banned),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.set_cookies().is_empty());

    // Other users are let through.
    let before = runs.load(Ordering::SeqCst);
    let fine = issue(&options, ada("admin")).await;
    let reply = send(app(options.clone()), visit_with_cookie("/admin", &fine)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.set_cookies().is_empty());
    assert_eq!(runs.load(Ordering::SeqCst) - before, 1);
}

/// Options whose session callback adds the token's role to the user and an access token
/// beside it; the JWT callback promotes everyone to admin.
fn with_session_callback() -> AuthOptions {
    AuthOptions::builder()
        .secret(SECRET)
        .clock(ManualClock::at(T).time())
        .jwt_callback(|token: Token| async move { promote(token) })
        .session_callback(|mut session: Session, token: Token| async move {
            let role = token.get("role").cloned().unwrap_or(Value::Null);
            session.user.extra.insert("role".into(), role);
            session.extra.insert(
                "accessToken".into(),
                format!("at-{}", token.get_str("name").unwrap_or("")).into(),
            );
            session
        })
        .build()
        .expect("valid options")
}

fn expected_session() -> Value {
    json!({
        "user": {
            "name": "Ada",
            "email": "ada@example.com",
            "image": "https://example.com/ada.png",
            "role": "admin",
        },
        "expires": "2025-07-15T15:06:40.000Z",
        "accessToken": "at-Ada",
    })
}

async fn ada_with_picture(options: &AuthOptions) -> String {
    let mut claims = ada("user");
    claims["picture"] = "https://example.com/ada.png".into();
    issue(options, claims).await
}

#[tokio::test]
async fn the_session_callback_shapes_the_session_extractor() {
    let options = with_session_callback();
    let token = ada_with_picture(&options).await;
    for path in ["/guarded", "/extractors", "/layered/page"] {
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.json()["session"], expected_session(), "{path}");
    }
    let reply = send(app(options), visit_with_cookie("/extractors", &token)).await;
    assert_eq!(reply.json()["same_session"], true);
}

#[tokio::test]
async fn the_session_callback_shapes_get_server_session_and_the_session_endpoint() {
    let options = with_session_callback();
    let token = ada_with_picture(&options).await;
    for path in ["/server-session", "/api/auth/session"] {
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.json(), expected_session(), "{path}");
    }
    let reply = send(
        app(options.clone()),
        visit_with_bearer("/optional-then-server-session", &token),
    )
    .await;
    assert_eq!(reply.json()["session"], expected_session());

    // Signed out: the session callback is not asked for a session.
    let reply = send(app(options), visit("/api/auth/session")).await;
    assert_eq!(reply.json(), json!({}));
}

#[tokio::test]
async fn the_session_callback_only_runs_for_signed_in_requests() {
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = runs.clone();
    let options = AuthOptions::builder()
        .secret(SECRET)
        .clock(ManualClock::at(T).time())
        .session_callback(move |session: Session, _token: Token| {
            counter.fetch_add(1, Ordering::SeqCst);
            async move { session }
        })
        .build()
        .expect("valid options");
    for path in ["/server-session", "/api/auth/session", "/optional"] {
        send(app(options.clone()), visit(path)).await;
        send(app(options.clone()), visit_with_cookie(path, "garbage")).await;
    }
    assert_eq!(runs.load(Ordering::SeqCst), 0);
    let token = issue(&options, ada("user")).await;
    let reply = send(app(options), visit_with_cookie("/api/auth/session", &token)).await;
    assert_eq!(reply.json()["user"]["name"], "Ada");
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}
