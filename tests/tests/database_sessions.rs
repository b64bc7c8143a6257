//! Database sessions through every entry point, against a store in memory: what each request
//! does to the session and its cookie, to the millisecond, as NextAuth.js's `getServerSession`
//! does it. The real stores (PostgreSQL, Redis) pass the same cases in `store_postgres.rs` and
//! `store_redis.rs`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use auth_runtime::store::{SessionStore, SessionTokenFormat, StoreError, StoredSession};
use auth_runtime::{
    AuthLayer, AuthOptions, Claims, Session, SessionCookies, Token, get_server_session, get_token,
    rule, session_endpoint, with_auth,
};
use auth_tests::{COOKIE, SECRET, send, visit, visit_with_bearer, visit_with_cookie};
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

const TOKEN: &str = "9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d80";
const DAY: Duration = Duration::from_secs(24 * 60 * 60);
const MAX_AGE: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// A fixed "now", with milliseconds, so the boundaries below are exact.
const NOW_MS: u64 = 1_790_000_000_123;

/// Sessions in memory, counting the calls made to it; `down` makes every call fail as an
/// unreachable database does.
#[derive(Clone, Default)]
struct Memory {
    sessions: Arc<Mutex<HashMap<String, StoredSession>>>,
    calls: Arc<AtomicUsize>,
    down: bool,
}

impl Memory {
    fn with(token: &str, user: Value, expires: SystemTime) -> Self {
        let memory = Memory::default();
        memory.sessions.lock().unwrap().insert(
            token.to_owned(),
            StoredSession {
                user_id: user["id"].to_string().trim_matches('"').to_owned(),
                user: user.as_object().unwrap().clone(),
                expires,
            },
        );
        memory
    }

    fn down() -> Self {
        Memory {
            down: true,
            ..Memory::default()
        }
    }

    fn expires(&self, token: &str) -> Option<SystemTime> {
        self.sessions.lock().unwrap().get(token).map(|s| s.expires)
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    fn answer(&self) -> Result<(), StoreError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        match self.down {
            true => Err(StoreError::unavailable(std::io::Error::new(
                std::io::ErrorKind::ConnectionRefused,
                "connection refused",
            ))),
            false => Ok(()),
        }
    }
}

impl SessionStore for Memory {
    async fn session_and_user(&self, token: &str) -> Result<Option<StoredSession>, StoreError> {
        self.answer()?;
        Ok(self.sessions.lock().unwrap().get(token).cloned())
    }

    async fn update_expiry(&self, token: &str, expires: SystemTime) -> Result<(), StoreError> {
        self.answer()?;
        if let Some(session) = self.sessions.lock().unwrap().get_mut(token) {
            session.expires = expires;
        }
        Ok(())
    }

    async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        self.answer()?;
        self.sessions.lock().unwrap().remove(token);
        Ok(())
    }
}

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(NOW_MS)
}

fn ada() -> Value {
    json!({ "id": 7, "name": "Ada", "email": "ada@example.com", "image": "https://example.com/ada.png", "role": "admin" })
}

fn options(store: &Memory) -> AuthOptions {
    builder(store).build().unwrap()
}

fn builder(store: &Memory) -> auth_runtime::AuthOptionsBuilder {
    AuthOptions::builder()
        .secret(SECRET)
        .clock(now)
        .session_store(store.clone())
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn admin(token: Token) -> String {
    format!("hello {}", token.get_str("sub").unwrap_or_default())
}

#[with_auth(authorized = "token.role == 'admin'", sign_in = "/auth/signin")]
async fn admin_page() -> &'static str {
    "admin page"
}

#[derive(Deserialize, Claims)]
struct User {
    sub: String,
    role: Role,
}

#[derive(Deserialize, Claims)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
    User,
}

#[with_auth(claims = User, authorized = "token.role == 'admin'")]
async fn typed_admin(token: Token<User>) -> String {
    format!("typed {}", token.sub)
}

async fn maybe(token: Option<Token>) -> String {
    match token {
        Some(token) => format!("signed in as {}", token.get_str("sub").unwrap_or_default()),
        None => "visitor".into(),
    }
}

async fn session(session: Session) -> Json<Session> {
    Json(session)
}

async fn server_session(State(options): State<AuthOptions>, request: Request) -> impl IntoResponse {
    let (parts, _) = request.into_parts();
    let token = get_token(&parts, &options).await;
    let (session, cookies) = get_server_session(&parts, &options).await;
    let body =
        json!({ "token": token.map(|t| t.get("sub").cloned()), "session": session.is_some() });
    (cookies, Json(body))
}

fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/admin", get(admin))
        .route("/page", get(admin_page))
        .route("/typed", get(typed_admin))
        .route("/maybe", get(maybe))
        .route("/session", get(session))
        .route("/server-session", get(server_session))
        .route("/api/auth/session", get(session_endpoint))
        .nest(
            "/layer",
            Router::new()
                .route("/ok", get(|| async { "layer ok" }))
                .layer(AuthLayer::new(options.clone()).rule(rule!("token.role == 'admin'"))),
        )
        .with_state(options)
}

/// The `Set-Cookie` that re-sends the session until `expires`, as NextAuth.js writes it.
fn resent_until(expires: SystemTime) -> String {
    let date = httpdate::fmt_http_date(expires);
    format!("{COOKIE}={TOKEN}; HttpOnly; SameSite=Lax; Path=/; Expires={date}")
}

#[tokio::test]
async fn a_stored_session_opens_every_entry_point() {
    let store = Memory::with(TOKEN, ada(), now() + MAX_AGE);
    let app = app(options(&store));
    for (path, body) in [
        ("/admin", "hello 7"),
        ("/page", "admin page"),
        ("/typed", "typed 7"),
        ("/maybe", "signed in as 7"),
        ("/layer/ok", "layer ok"),
    ] {
        let reply = send(app.clone(), visit_with_cookie(path, TOKEN)).await;
        assert_eq!(
            (reply.status.as_u16(), reply.body.as_str()),
            (200, body),
            "{path}"
        );
    }
    let reply = send(app.clone(), visit_with_cookie("/session", TOKEN)).await;
    assert_eq!(
        reply.json(),
        json!({
            "user": { "name": "Ada", "email": "ada@example.com", "image": "https://example.com/ada.png" },
            "expires": "2026-10-21T14:13:20.000Z",
        })
    );
    let reply = send(app.clone(), visit_with_cookie("/server-session", TOKEN)).await;
    assert_eq!(reply.json(), json!({ "token": "7", "session": true }));
    let reply = send(app, visit_with_cookie("/api/auth/session", TOKEN)).await;
    assert_eq!(reply.json()["user"]["name"], "Ada");
}

#[tokio::test]
async fn rules_read_the_users_own_columns() {
    let mut user = ada();
    user["role"] = "user".into();
    let store = Memory::with(TOKEN, user, now() + MAX_AGE);
    let app = app(options(&store));
    for path in ["/admin", "/typed", "/layer/ok"] {
        let reply = send(app.clone(), visit_with_cookie(path, TOKEN)).await;
        assert_eq!(reply.status, 403, "{path}");
    }
    // The session stays: the cookie is re-sent, not cleared.
    let reply = send(app, visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(
        reply.set_cookies(),
        [resent_until(now() + MAX_AGE).as_str()]
    );
}

#[tokio::test]
async fn every_valid_request_resends_the_cookie_with_expires_only() {
    let store = Memory::with(TOKEN, ada(), now() + MAX_AGE - DAY / 2);
    let reply = send(app(options(&store)), visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.set_cookies(),
        [resent_until(now() + MAX_AGE).as_str()]
    );
    assert_eq!(
        reply.header("cache-control"),
        Some("private, no-cache, no-store")
    );
}

#[tokio::test]
async fn expiry_is_strict_to_the_millisecond() {
    // `expires == now` is still valid, as `expires < now` is NextAuth.js's test.
    let store = Memory::with(TOKEN, ada(), now());
    let reply = send(app(options(&store)), visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(reply.status, 200);

    let store = Memory::with(TOKEN, ada(), now() - Duration::from_millis(1));
    let reply = send(app(options(&store)), visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.set_cookies(), [auth_tests::CLEARED_COOKIE]);
    assert_eq!(store.expires(TOKEN), None, "an expired session is deleted");
}

#[tokio::test]
async fn an_expired_session_goes_to_sign_in_not_round_in_a_loop() {
    let store = Memory::with(TOKEN, ada(), now() - DAY);
    let reply = send(app(options(&store)), visit_with_cookie("/page", TOKEN)).await;
    assert_eq!(reply.status, 307);
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fpage")
    );
    assert_eq!(reply.set_cookies(), [auth_tests::CLEARED_COOKIE]);
}

#[tokio::test]
async fn the_store_is_written_once_update_age_has_passed_and_not_before() {
    // Due: `expires - max_age + update_age <= now`, inclusive.
    let due = now() + MAX_AGE - DAY;
    let store = Memory::with(TOKEN, ada(), due);
    let reply = send(app(options(&store)), visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(reply.status, 200);
    assert_eq!(store.expires(TOKEN), Some(now() + MAX_AGE));

    // One millisecond short of due: the store keeps its expiry, the cookie is still re-sent.
    let fresh = due + Duration::from_millis(1);
    let store = Memory::with(TOKEN, ada(), fresh);
    let reply = send(app(options(&store)), visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(store.expires(TOKEN), Some(fresh));
    assert_eq!(
        reply.set_cookies(),
        [resent_until(now() + MAX_AGE).as_str()]
    );
    assert_eq!(store.calls(), 1, "one lookup, no write");
}

#[tokio::test]
async fn update_age_and_max_age_come_from_the_options() {
    let max_age = Duration::from_secs(3600);
    let store = Memory::with(TOKEN, ada(), now() + Duration::from_secs(3000));
    let options = builder(&store)
        .max_age(max_age)
        .update_age(Duration::from_secs(600))
        .build()
        .unwrap();
    let reply = send(app(options), visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(reply.status, 200);
    assert_eq!(store.expires(TOKEN), Some(now() + max_age));
}

#[tokio::test]
async fn read_only_sessions_never_write() {
    let expired = Memory::with(TOKEN, ada(), now() - DAY);
    let options = builder(&expired).read_only_sessions(true).build().unwrap();
    let reply = send(app(options), visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.set_cookies(), [auth_tests::CLEARED_COOKIE]);
    assert_eq!(
        expired.expires(TOKEN),
        Some(now() - DAY),
        "kept for the app"
    );

    let due = Memory::with(TOKEN, ada(), now() + DAY);
    let options = builder(&due).read_only_sessions(true).build().unwrap();
    let reply = send(app(options), visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(reply.status, 200);
    assert_eq!(due.expires(TOKEN), Some(now() + DAY), "not extended");
    assert_eq!(due.calls(), 1);
}

#[tokio::test]
async fn a_deleted_session_is_refused_on_the_next_request() {
    let store = Memory::with(TOKEN, ada(), now() + MAX_AGE);
    let app = app(options(&store));
    assert_eq!(
        send(app.clone(), visit_with_cookie("/admin", TOKEN))
            .await
            .status,
        200
    );
    store.sessions.lock().unwrap().clear();
    let reply = send(app, visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.set_cookies(), [auth_tests::CLEARED_COOKIE]);
}

#[tokio::test]
async fn values_that_cannot_be_tokens_never_reach_the_store() {
    let store = Memory::with(TOKEN, ada(), now() + MAX_AGE);
    let app = app(options(&store));
    let long = "a".repeat(10_000);
    for garbage in [
        "' OR 1=1 --",
        "9F0C4B8E-2D7A-4C59-9A51-3E6F1B2C7D80",
        "9f0c4b8e2d7a4c599a513e6f1b2c7d80",
        "user:session:*",
        long.as_str(),
    ] {
        let cookie = format!("{COOKIE}={garbage}");
        let reply = send(
            app.clone(),
            auth_tests::visit_with_cookies("/admin", &cookie),
        )
        .await;
        assert_eq!(reply.status, 401, "{garbage:.40}");
        let reply = send(app.clone(), visit_with_bearer("/admin", garbage)).await;
        assert_eq!(reply.status, 401, "{garbage:.40}");
    }
    assert_eq!(store.calls(), 0);
}

#[tokio::test]
async fn an_app_with_its_own_token_format_says_so() {
    let token = "sess_0123456789";
    let store = Memory::with(token, ada(), now() + MAX_AGE);
    let options = builder(&store)
        .session_token_format(SessionTokenFormat::printable())
        .build()
        .unwrap();
    let reply = send(app(options), visit_with_cookie("/admin", token)).await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn a_store_that_cannot_answer_gives_503_never_sign_in() {
    let store = Memory::down();
    let app = app(options(&store));
    for path in [
        "/admin",
        "/page",
        "/typed",
        "/maybe",
        "/session",
        "/layer/ok",
        "/api/auth/session",
    ] {
        let reply = send(app.clone(), visit_with_cookie(path, TOKEN)).await;
        assert_eq!(reply.status, 503, "{path}");
        assert_eq!(reply.header("retry-after"), Some("5"), "{path}");
        assert_eq!(reply.header("location"), None, "{path}");
        assert!(reply.set_cookies().is_empty(), "{path}");
        assert_eq!(
            reply.json(),
            json!({ "message": "Sessions cannot be checked right now; try again shortly." })
        );
    }
    // A request without a session cookie does not need the store.
    assert_eq!(send(app.clone(), visit("/maybe")).await.body, "visitor");
    assert_eq!(send(app, visit("/admin")).await.status, 401);
}

#[tokio::test]
async fn a_bearer_session_token_is_looked_up_and_its_cookie_left_alone() {
    let store = Memory::with(TOKEN, ada(), now() + DAY);
    let reply = send(app(options(&store)), visit_with_bearer("/admin", TOKEN)).await;
    assert_eq!(reply.status, 200);
    assert!(reply.set_cookies().is_empty());
    assert_eq!(store.expires(TOKEN), Some(now() + MAX_AGE));
}

/// A store that answers with a record it cannot read, as a Redis value with a bad date.
struct Unreadable;

impl SessionStore for Unreadable {
    async fn session_and_user(&self, _: &str) -> Result<Option<StoredSession>, StoreError> {
        Err(StoreError::Malformed("expires is not a date".into()))
    }
    async fn update_expiry(&self, _: &str, _: SystemTime) -> Result<(), StoreError> {
        unreachable!("an unreadable session is never extended")
    }
    async fn delete_session(&self, _: &str) -> Result<(), StoreError> {
        unreachable!("an unreadable session is never deleted")
    }
}

#[tokio::test]
async fn an_unreadable_session_is_no_session_and_is_left_alone() {
    let options = AuthOptions::builder()
        .secret(SECRET)
        .session_store(Unreadable)
        .build()
        .unwrap();
    let reply = send(app(options), visit_with_cookie("/admin", TOKEN)).await;
    assert_eq!(reply.status, 401);
    assert!(reply.set_cookies().is_empty());
}

#[tokio::test]
async fn an_app_signs_in_and_out_with_a_database_session() {
    let store = Memory::default();
    let options = options(&store);
    let expires = now() + options.max_age();
    store.sessions.lock().unwrap().insert(
        TOKEN.into(),
        StoredSession {
            user_id: "7".into(),
            user: ada().as_object().unwrap().clone(),
            expires,
        },
    );
    let cookies = SessionCookies::database_session(&options, &HeaderMap::new(), TOKEN, expires);
    let response = (cookies, "signed in").into_response();
    assert_eq!(
        response.headers()["set-cookie"],
        resent_until(expires).as_str()
    );

    let mut request = HeaderMap::new();
    request.insert("cookie", format!("{COOKIE}={TOKEN}").parse().unwrap());
    assert_eq!(options.session_token(&request).as_deref(), Some(TOKEN));
}

#[tokio::test]
async fn callbacks_jwt_is_for_jwt_sessions_and_callbacks_session_for_both() {
    let store = Memory::with(TOKEN, ada(), now() + MAX_AGE);
    let options = builder(&store)
        // Would end every JWT session; a database session has no token for it to see.
        .jwt_callback(|_: Token| async { None })
        .session_callback(|mut session: Session, token: Token| async move {
            session
                .user
                .extra
                .insert("role".into(), token.get("role").cloned().into());
            session
        })
        .build()
        .unwrap();
    let app = app(options);
    assert_eq!(
        send(app.clone(), visit_with_cookie("/admin", TOKEN))
            .await
            .status,
        200
    );
    let reply = send(app, visit_with_cookie("/api/auth/session", TOKEN)).await;
    assert_eq!(reply.json()["user"]["role"], "admin");
}
