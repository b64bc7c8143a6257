//! The server `scripts/load.sh` loads: one binary serving an open route, a fair hand-written
//! guard, `#[with_auth]` (JSON and typed claims) and `AuthLayer`, so that every route has the
//! same build, the same runtime and the same response.
//!
//! ```text
//! cargo build --profile load -p auth-benches --bin load_server
//! PORT=8080 target/load/load_server
//! ```
//!
//! It runs a current-thread tokio runtime (one worker, so pinning the process to a core pins
//! everything that serves requests) and binds `127.0.0.1:${PORT:-0}`; port 0 picks a free one.
//! Sessions are HS256 tokens signed with `NEXTAUTH_SECRET`, or with a fixed bench secret when it
//! is unset or empty. Secure cookies are off, so the session cookie is
//! `next-auth.session-token`.
//!
//! On stdout it prints `listening on http://127.0.0.1:NNNN`, then one line per token it minted,
//! `token <kind> <jwt>`:
//!
//! - `admin`: the demo admin's claims (`sub`, `name`, `email`, `picture`, `role = "admin"`),
//!   issued by `auth_runtime::jwt::encode`, which adds `iat`, `exp` and `jti` as at sign-in;
//! - `user`: the same with `role = "user"`, which every guarded route refuses with 403;
//! - `expired`: the admin's claims, `exp` an hour past, signed by `jsonwebtoken` with the secret;
//! - `forged`: the admin's claims, `exp` an hour ahead, signed by `jsonwebtoken` with another
//!   secret.
//!
//! Routes, all `GET`; every one that lets the request through answers the same response from
//! [`ok`]: 200, `content-type: application/json`, body `{"ok":true}`:
//!
//! | path | guard | refuses with |
//! |---|---|---|
//! | `/open` | none | |
//! | `/hand` | [`HandAdmin`], a hand-written extractor | bare 401 or 403 |
//! | `/attribute` | `#[with_auth(authorized = "token.role == 'admin'", sign_in = false)]` | the guard's 401 or 403 |
//! | `/attribute-typed` | the same with `claims = Claims` | the guard's 401 or 403 |
//! | `/layer/ok` | `AuthLayer::new(options).rule(rule!("token.role == 'admin'"))` on the router nested at `/layer` | the layer's 401 or 403 |
//! | `/layer-typed/ok` | the same with `AuthLayer::with_claims::<Claims>` and `rule!(Claims, ...)`, nested at `/layer-typed` | the layer's 401 or 403 |
//! | `/nested/ok` | none, on a router nested at `/nested`: what nesting costs the layer's routes | |
//!
//! The hand-written extractor is the fair baseline: what a careful user writes without this
//! library. It finds `next-auth.session-token` by splitting the `Cookie` header on `;` and `=`,
//! decodes it with `jsonwebtoken::decode` into [`Claims`] with a `DecodingKey` and a
//! `Validation::new(HS256)` built once ([`PREPARED`]), and compares `role` with `"admin"`.
//!
//! The options name no sign-in page, so no route redirects: a request without a valid session
//! gets 401 everywhere.

// The package does not take the workspace's lints (its criterion bench needs an `unsafe`
// allocator); this binary keeps to the one that matters here.
#![warn(missing_docs)]

use std::error::Error;
use std::net::Ipv4Addr;
use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use auth_runtime::{AuthLayer, AuthOptions, rule, with_auth};
use axum::Router;
use axum::body::Body;
use axum::extract::FromRequestParts;
use axum::http::header::{CONTENT_TYPE, COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// The secret when `NEXTAUTH_SECRET` is unset or empty.
const BENCH_SECRET: &str = "load-test-secret-of-at-least-thirty-two-bytes";
/// The secret the forged token is signed with.
const OTHER_SECRET: &str = "another-secret-that-is-also-32-bytes-long";
/// The session cookie's name with secure cookies off, as NextAuth.js names it.
const SESSION_COOKIE: &str = "next-auth.session-token";
/// The one body every route answers with.
const OK_BODY: &str = r#"{"ok":true}"#;

/// The secret sessions are signed with: `NEXTAUTH_SECRET`, else [`BENCH_SECRET`].
static SECRET: LazyLock<String> = LazyLock::new(|| {
    std::env::var("NEXTAUTH_SECRET")
        .ok()
        .filter(|secret| !secret.is_empty())
        .unwrap_or_else(|| BENCH_SECRET.to_owned())
});

/// The hand-written guard's key and validation, built once.
static PREPARED: LazyLock<(DecodingKey, Validation)> = LazyLock::new(|| {
    (
        DecodingKey::from_secret(SECRET.as_bytes()),
        Validation::new(Algorithm::HS256),
    )
});

/// The demo admin's claims, typed: what `/hand` decodes into and what `/attribute-typed`'s rule
/// reads. `exp` is checked by `jsonwebtoken`'s `Validation` and by the guard.
#[derive(Deserialize, auth_runtime::Claims)]
struct Claims {
    sub: String,
    name: String,
    email: String,
    picture: String,
    role: String,
    exp: u64,
}

/// The response of every route that lets a request through: 200, JSON, `{"ok":true}`.
fn ok() -> Response {
    let mut response = Response::new(Body::from(OK_BODY));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// `GET /open`, and `GET /layer/ok` behind the layer.
async fn open() -> Response {
    ok()
}

/// `GET /hand`.
async fn hand(HandAdmin(claims): HandAdmin) -> Response {
    std::hint::black_box(&claims);
    ok()
}

/// `GET /attribute`.
#[with_auth(authorized = "token.role == 'admin'", sign_in = false)]
async fn attribute() -> Response {
    ok()
}

/// `GET /attribute-typed`.
#[with_auth(claims = Claims, authorized = "token.role == 'admin'", sign_in = false)]
async fn attribute_typed() -> Response {
    ok()
}

/// The hand-written guard: the session cookie found by splitting the `Cookie` header,
/// `jsonwebtoken::decode` into [`Claims`] with [`PREPARED`], `role` compared with `"admin"`;
/// a bare 401 (no or bad session) or 403 (another role).
struct HandAdmin(Claims);

impl<S: Send + Sync> FromRequestParts<S> for HandAdmin {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, StatusCode> {
        let token = session_cookie(parts).ok_or(StatusCode::UNAUTHORIZED)?;
        let (key, validation) = &*PREPARED;
        let data = jsonwebtoken::decode::<Claims>(token, key, validation)
            .map_err(|_| StatusCode::UNAUTHORIZED)?;
        if data.claims.role == "admin" {
            Ok(HandAdmin(data.claims))
        } else {
            Err(StatusCode::FORBIDDEN)
        }
    }
}

/// The session cookie's value: every `Cookie` header split on `;`, each pair on `=`.
fn session_cookie(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            (name.trim() == SESSION_COOKIE).then(|| value.trim())
        })
}

/// Every route, on one router.
fn app(options: AuthOptions) -> Router {
    let layer = Router::new()
        .route("/ok", get(open))
        .layer(AuthLayer::new(options.clone()).rule(rule!("token.role == 'admin'")));
    let layer_typed = Router::new().route("/ok", get(open)).layer(
        AuthLayer::with_claims::<Claims>(options.clone())
            .rule(rule!(Claims, "token.role == 'admin'")),
    );
    // Nesting has a cost of its own, which the layer's routes pay: this is it, unguarded.
    let nested = Router::new().route("/ok", get(open));
    Router::new()
        .route("/open", get(open))
        .route("/hand", get(hand))
        .route("/attribute", get(attribute))
        .route("/attribute-typed", get(attribute_typed))
        .nest("/layer", layer)
        .nest("/layer-typed", layer_typed)
        .nest("/nested", nested)
        .with_state(options)
}

/// The demo admin's claims with `role`.
fn claims(role: &str) -> Value {
    json!({
        "sub": "2",
        "name": "Demo Admin",
        "email": "admin@example.com",
        "picture": "https://example.com/avatars/admin.png",
        "role": role,
    })
}

/// The admin's claims expiring `exp_offset` seconds from now, issued an hour before that,
/// signed by `jsonwebtoken` with `secret`.
fn signed(secret: &str, exp_offset: i64) -> Result<String, Box<dyn Error>> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let now = i64::try_from(now)?;
    let exp = now + exp_offset;
    let mut claims = claims("admin");
    claims["iat"] = (exp - 3600).into();
    claims["exp"] = exp.into();
    let key = EncodingKey::from_secret(secret.as_bytes());
    Ok(jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &key,
    )?)
}

/// `PORT`, or 0 for a free port.
fn port() -> Result<u16, Box<dyn Error>> {
    match std::env::var("PORT") {
        Ok(port) => Ok(port
            .trim()
            .parse()
            .map_err(|_| format!("PORT must be a port number, not {port:?}"))?),
        Err(_) => Ok(0),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let options = AuthOptions::builder()
        .secret(SECRET.as_bytes())
        .secure_cookies(false)
        .build()?;
    LazyLock::force(&PREPARED);

    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port()?)).await?;
    println!("listening on http://{}", listener.local_addr()?);

    let admin = auth_runtime::jwt::encode(&options, &claims("admin")).await?;
    let user = auth_runtime::jwt::encode(&options, &claims("user")).await?;
    println!("token admin {admin}");
    println!("token user {user}");
    println!("token expired {}", signed(&SECRET, -3600)?);
    println!("token forged {}", signed(OTHER_SECRET, 3600)?);

    axum::serve(listener, app(options)).await?;
    Ok(())
}
