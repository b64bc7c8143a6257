//! Database sessions shared with the real Auth.js adapters: `@auth/pg-adapter` (on `pg`) and
//! `@auth/unstorage-adapter` (on unstorage's Redis driver), driven through
//! `interop/adapters.mjs`, create the users and sessions a `#[with_auth]` route reads; what the
//! Rust side extends or deletes, the adapter's own `getSessionAndUser` sees.
//!
//! They need Node.js with `npm ci --prefix interop`, and the servers of
//! `scripts/services.sh`; without them they are ignored with the reason (see `build.rs`).

use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use auth_runtime::store::{PgSchema, PgStore, RedisStore, SessionStore};
use auth_runtime::{Token, with_auth};
use auth_tests::services::{database_url, redis_url};
use auth_tests::stores::options_for;
use auth_tests::{CLEARED_COOKIE, COOKIE, send, visit_with_cookie};
use axum::Router;
use axum::routing::get;
use serde_json::{Value, json};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);
const MAX_AGE: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// One adapter, as `interop/adapters.mjs` runs it: its name and the environment it reads.
struct Adapter {
    name: &'static str,
    env: Vec<(&'static str, String)>,
}

impl Adapter {
    /// Runs `command` with `argument` through the real adapter; its JSON answer.
    fn call(&self, command: &str, argument: Value) -> Value {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../interop/adapters.mjs");
        let output = Command::new("node")
            .arg(script)
            .args([self.name, command, &argument.to_string()])
            .envs(self.env.iter().map(|(name, value)| (name, value)))
            .output()
            .expect("node runs (the tests need Node.js and `npm ci --prefix interop`)");
        assert!(
            output.status.success(),
            "{} {command} failed: {}",
            self.name,
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("one line of JSON")
    }

    fn create_session(&self, user_id: &Value, expires: SystemTime) -> String {
        let session = self.call(
            "create-session",
            json!({ "userId": user_id, "expires": iso(expires) }),
        );
        session["sessionToken"].as_str().unwrap().to_owned()
    }

    /// The session the adapter's `getSessionAndUser` finds, or `Value::Null`.
    fn get(&self, token: &str) -> Value {
        self.call("get", json!({ "sessionToken": token }))
    }
}

/// A time as JavaScript's `toISOString()` writes it.
fn iso(at: SystemTime) -> String {
    let millis = at.duration_since(UNIX_EPOCH).unwrap().as_millis();
    let script = format!("process.stdout.write(new Date({millis}).toISOString())");
    let output = Command::new("node").args(["-e", &script]).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The adapter's stored expiry, in milliseconds since the epoch.
fn stored_expiry(session: &Value) -> i64 {
    let iso = session["session"]["expires"].as_str().expect("an ISO date");
    let script = format!("process.stdout.write(String(Date.parse({iso:?})))");
    let output = Command::new("node").args(["-e", &script]).output().unwrap();
    String::from_utf8(output.stdout).unwrap().parse().unwrap()
}

fn millis(at: SystemTime) -> i64 {
    i64::try_from(at.duration_since(UNIX_EPOCH).unwrap().as_millis()).unwrap()
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn admin(token: Token) -> String {
    format!("hello {}", token.get_str("name").unwrap_or_default())
}

fn app(store: impl SessionStore) -> Router {
    Router::new()
        .route("/admin", get(admin))
        .with_state(options_for(store))
}

/// What both adapters must agree on with the Rust guard: a new session opens the route, one
/// due for an update is extended where the adapter sees it, an expired one is refused, cleared
/// and deleted, and a deleted one is refused on the next request.
async fn the_guard_and_the_adapter_agree(adapter: &Adapter, app: Router, user_id: &Value) {
    let now = SystemTime::now();

    let fresh = adapter.create_session(user_id, now + MAX_AGE);
    let reply = send(app.clone(), visit_with_cookie("/admin", &fresh)).await;
    assert_eq!(
        (reply.status.as_u16(), reply.body.as_str()),
        (200, "hello Ada")
    );
    let resent = reply
        .set_cookie_named(COOKIE)
        .expect("the cookie is re-sent");
    assert!(
        resent.contains("Expires=") && !resent.contains("Max-Age"),
        "{resent}"
    );

    let due = adapter.create_session(user_id, now + MAX_AGE - DAY - Duration::from_secs(60));
    let before = stored_expiry(&adapter.get(&due));
    let reply = send(app.clone(), visit_with_cookie("/admin", &due)).await;
    assert_eq!(reply.status, 200);
    let after = stored_expiry(&adapter.get(&due));
    let renewed = millis(SystemTime::now() + MAX_AGE);
    assert!(after > before + 60_000, "extended: {before} -> {after}");
    assert!(
        (renewed - after).abs() < 10_000,
        "to now + maxAge: {after} vs {renewed}"
    );

    let expired = adapter.create_session(user_id, now - Duration::from_secs(1));
    let reply = send(app.clone(), visit_with_cookie("/admin", &expired)).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
    assert_eq!(
        adapter.get(&expired),
        Value::Null,
        "deleted where the adapter looks"
    );

    adapter.call("delete", json!({ "sessionToken": fresh }));
    let reply = send(app, visit_with_cookie("/admin", &fresh)).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
}

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::new_v4().simple())
}

#[tokio::test]
#[cfg_attr(
    not(all(interop_live, postgres_live)),
    ignore = "needs Node.js with `npm ci --prefix interop`, and PostgreSQL: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn sessions_of_the_real_pg_adapter() {
    let schema = unique("adapter_interop");
    let adapter = Adapter {
        name: "pg",
        env: vec![
            ("DATABASE_URL", database_url()),
            ("PGSCHEMA_NAME", schema.clone()),
        ],
    };
    adapter.call("schema", Value::Null);
    let store = PgStore::connect(&database_url(), PgSchema::pg_adapter().db_schema(&schema))
        .await
        .unwrap();
    // The app's own column, which rules read.
    sqlx::query(&format!(
        "ALTER TABLE \"{schema}\".users ADD COLUMN role text NOT NULL DEFAULT 'admin'"
    ))
    .execute(store.pool())
    .await
    .unwrap();
    let user = adapter.call(
        "create-user",
        json!({ "name": "Ada", "email": "ada@example.com", "image": null, "emailVerified": null }),
    );
    let user_id = user["id"].clone();
    assert!(user_id.is_i64(), "pg-adapter ids are integers: {user_id}");

    let app = app(store.clone());
    the_guard_and_the_adapter_agree(&adapter, app.clone(), &user_id).await;

    // The adapter's deleteUser deletes the user's sessions: signed out everywhere.
    let token = adapter.create_session(&user_id, SystemTime::now() + MAX_AGE);
    assert_eq!(
        send(app.clone(), visit_with_cookie("/admin", &token))
            .await
            .status,
        200
    );
    adapter.call("delete-user", json!({ "id": user_id }));
    assert_eq!(
        send(app, visit_with_cookie("/admin", &token)).await.status,
        401
    );

    sqlx::query(&format!("DROP SCHEMA \"{schema}\" CASCADE"))
        .execute(store.pool())
        .await
        .unwrap();
}

#[tokio::test]
#[cfg_attr(
    not(all(interop_live, redis_live)),
    ignore = "needs Node.js with `npm ci --prefix interop`, and Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn sessions_of_the_real_unstorage_adapter() {
    let prefix = format!("{}:", unique("unstorage_interop"));
    let adapter = Adapter {
        name: "unstorage",
        env: vec![
            ("REDIS_URL", redis_url()),
            ("AUTH_REDIS_BASE_PREFIX", prefix.clone()),
        ],
    };
    let store = RedisStore::connect(&redis_url())
        .await
        .unwrap()
        .base_prefix(&prefix);
    // The adapter keeps every field of the user it is given, the app's `role` included.
    let user = adapter.call(
        "create-user",
        json!({ "name": "Ada", "email": "ada@example.com", "image": null, "emailVerified": null, "role": "admin" }),
    );
    let user_id = user["id"].clone();

    let app = app(store.clone());
    the_guard_and_the_adapter_agree(&adapter, app.clone(), &user_id).await;

    // Signed out everywhere from the Rust side; the adapter finds none of the sessions.
    let tokens: Vec<String> = (0..2)
        .map(|_| adapter.create_session(&user_id, SystemTime::now() + MAX_AGE))
        .collect();
    let user_id = user_id.as_str().unwrap();
    assert!(store.delete_user_sessions(user_id).await.unwrap() >= 2);
    for token in &tokens {
        assert_eq!(adapter.get(token), Value::Null);
        let reply = send(app.clone(), visit_with_cookie("/admin", token)).await;
        assert_eq!(reply.status, 401);
    }
}
