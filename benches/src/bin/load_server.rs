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
//! | `/hand` | [`Baseline`], a hand-written extractor | bare 401 or 403 |
//! | `/attribute` | `#[with_auth(authorized = "token.role == 'admin'", sign_in = false)]` | the guard's 401 or 403 |
//! | `/attribute-typed` | the same with `claims = Claims` | the guard's 401 or 403 |
//! | `/layer/ok` | `AuthLayer::new(options).rule(rule!("token.role == 'admin'"))` on the router nested at `/layer` | the layer's 401 or 403 |
//! | `/layer-typed/ok` | the same with `AuthLayer::with_claims::<Claims>` and `rule!(Claims, ...)`, nested at `/layer-typed` | the layer's 401 or 403 |
//! | `/nested/ok` | none, on a router nested at `/nested`: what nesting costs the layer's routes | |
//!
//! The hand-written extractor is the fair baseline, the one the criterion benchmarks use too:
//! what a careful user writes without this library (see the `auth_benches` library).
//!
//! The options name no sign-in page, so no route redirects: a request without a valid session
//! gets 401 everywhere.
//!
//! With `DATABASE_URL` set (`scripts/load-db.sh`), it also serves database sessions from
//! `@auth/pg-adapter`'s tables in that PostgreSQL (see `auth_benches::db`), and prints
//! `token db-admin <session token>` and `token db-user <session token>`:
//!
//! | path | guard |
//! |---|---|
//! | `/db/attribute` | `#[with_auth(authorized = "token.role == 'admin'", sign_in = false)]`, options with a `PgStore`, on a router nested at `/db` |
//! | `/db/hand` | [`DbBaseline`]: one typed query, written by hand, nested at `/db` |
//! | `/jwt/attribute` | the same attribute with the JWT options, nested at `/jwt` the same way |

// The package does not take the workspace's lints (its criterion bench needs an `unsafe`
// allocator); this binary keeps to the one that matters here.
#![warn(missing_docs)]

use std::error::Error;
use std::net::Ipv4Addr;
use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use auth_benches::db::DbBaseline;
use auth_benches::{Baseline, Claims, prepare_baseline};
use auth_runtime::{AuthLayer, AuthOptions, rule, with_auth};
use axum::Router;
use axum::body::Body;
use axum::http::HeaderValue;
use axum::http::header::CONTENT_TYPE;
use axum::response::Response;
use axum::routing::get;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// The secret when `NEXTAUTH_SECRET` is unset or empty.
const BENCH_SECRET: &str = "load-test-secret-of-at-least-thirty-two-bytes";
/// The secret the forged token is signed with.
const OTHER_SECRET: &str = "another-secret-that-is-also-32-bytes-long";
/// The one body every route answers with.
const OK_BODY: &str = r#"{"ok":true}"#;

/// The secret sessions are signed with: `NEXTAUTH_SECRET`, else [`BENCH_SECRET`].
static SECRET: LazyLock<String> = LazyLock::new(|| {
    std::env::var("NEXTAUTH_SECRET")
        .ok()
        .filter(|secret| !secret.is_empty())
        .unwrap_or_else(|| BENCH_SECRET.to_owned())
});

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
async fn hand(Baseline(claims): Baseline) -> Response {
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

/// `GET /db/hand`.
async fn db_hand(_: DbBaseline) -> Response {
    ok()
}

/// The same guarded handler under `/jwt` (JWT sessions) and `/db` (database sessions), each
/// router with its own options; `/db/hand` beside it.
fn sessions_compared(jwt: AuthOptions, db: Option<AuthOptions>) -> Router {
    let jwt = Router::new()
        .route("/attribute", get(attribute))
        .with_state(jwt);
    let router = Router::new().nest("/jwt", jwt);
    match db {
        Some(db) => router.nest(
            "/db",
            Router::new()
                .route("/attribute", get(attribute))
                .route("/hand", get(db_hand))
                .with_state(db),
        ),
        None => router,
    }
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
    prepare_baseline(&SECRET);

    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port()?)).await?;
    println!("listening on http://{}", listener.local_addr()?);

    let admin = auth_runtime::jwt::encode(&options, &claims("admin")).await?;
    let user = auth_runtime::jwt::encode(&options, &claims("user")).await?;
    println!("token admin {admin}");
    println!("token user {user}");
    println!("token expired {}", signed(&SECRET, -3600)?);
    println!("token forged {}", signed(OTHER_SECRET, 3600)?);

    let db = match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            let prepared = auth_benches::db::prepare(&url).await?;
            println!("token db-admin {}", prepared.admin);
            println!("token db-user {}", prepared.user);
            Some(
                AuthOptions::builder()
                    .secret(SECRET.as_bytes())
                    .secure_cookies(false)
                    .session_store(prepared.store)
                    .build()?,
            )
        }
        _ => None,
    };
    let app = app(options.clone()).merge(sessions_compared(options, db));
    axum::serve(listener, app).await?;
    Ok(())
}
