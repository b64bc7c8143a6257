//! Database sessions in a real Redis, in the keys and values Auth.js's Redis adapters
//! (`@auth/upstash-redis-adapter`, `@auth/unstorage-adapter`) write, driven over HTTP through
//! `#[with_auth]` routes.
//!
//! Each test writes its keys under a base prefix of its own (`test-<uuid>:`), so the tests run
//! side by side on one server, and deletes them when it ends, passed or failed. The keys are
//! written here as the adapters write them, not through the store, and dates as JavaScript's
//! `toISOString()` writes them, with the `time` crate rather than the store's own code.

use std::net::SocketAddr;
use std::time::{Duration, SystemTime};

use auth_runtime::store::{RedisStore, SessionStore};
use auth_runtime::{AuthOptions, Token, with_auth};
use auth_tests::services::redis_url;
use auth_tests::stores::{Counting, options_for};
use auth_tests::*;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use redis::AsyncCommands;
use redis::aio::MultiplexedConnection;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

#[with_auth(authorized = "token.role == 'admin'")]
async fn admin_api(token: Token) -> String {
    who(&token)
}

#[with_auth(authorized = "token.role == 'admin'", sign_in = "/auth/signin")]
async fn admin_page(token: Token) -> String {
    who(&token)
}

/// What the handlers answer: the claims a stored session gives them.
fn who(token: &Token) -> String {
    format!(
        "{} {}",
        token.get_str("sub").unwrap_or("?"),
        token.get_str("email").unwrap_or("?")
    )
}

fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/api/admin", get(admin_api))
        .route("/admin", get(admin_page))
        .with_state(options)
}

/// `time` as JavaScript's `toISOString()` writes it.
fn iso(time: SystemTime) -> String {
    time::OffsetDateTime::from(time)
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
        ))
        .expect("a date of our era")
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The test's own corner of the Redis server: every key under `base`, deleted on drop.
struct Redis {
    base: String,
    connection: MultiplexedConnection,
}

impl Redis {
    async fn new() -> Self {
        let client = redis::Client::open(redis_url()).expect("a valid REDIS_URL");
        let connection = client
            .get_multiplexed_async_connection()
            .await
            .expect("the Redis of REDIS_URL answers");
        Redis {
            base: format!("test-{}:", new_id()),
            connection,
        }
    }

    /// A store on this server, under the test's base prefix.
    async fn store(&self) -> RedisStore {
        RedisStore::connect(&redis_url())
            .await
            .expect("the store connects")
            .base_prefix(&self.base)
    }

    /// `key` under the test's base prefix.
    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.base)
    }

    async fn set(&self, key: &str, value: &str) {
        let () = self
            .connection
            .clone()
            .set(self.key(key), value)
            .await
            .expect("SET");
    }

    async fn get(&self, key: &str) -> Option<String> {
        self.connection
            .clone()
            .get(self.key(key))
            .await
            .expect("GET")
    }

    async fn del(&self, key: &str) {
        let _: u64 = self
            .connection
            .clone()
            .del(self.key(key))
            .await
            .expect("DEL");
    }

    /// A user as the adapters' `createUser` writes one, with an app's own `role`.
    async fn add_user(&self, id: &str, role: &str) {
        let user = format!(
            r#"{{"id":"{id}","name":"Ada","email":"ada@example.com","emailVerified":null,"image":null,"role":"{role}"}}"#
        );
        self.set(&format!("user:{id}"), &user).await;
    }

    /// A session as the adapters' `createSession` writes one: its key, and the user's
    /// latest-session key pointing at it. Returns its token.
    async fn add_session(&self, user_id: &str, expires: SystemTime) -> String {
        let token = new_id();
        self.set(
            &format!("user:session:{token}"),
            &session_json(&token, user_id, expires),
        )
        .await;
        self.set(
            &format!("user:session:by-user-id:{user_id}"),
            &self.key(&format!("user:session:{token}")),
        )
        .await;
        token
    }

    async fn session(&self, token: &str) -> Option<String> {
        self.get(&format!("user:session:{token}")).await
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        // Synchronous, so that it runs when a test fails too.
        let Ok(mut connection) =
            redis::Client::open(redis_url()).and_then(|client| client.get_connection())
        else {
            return;
        };
        let pattern = format!("{}*", self.base);
        let mut cursor: u64 = 0;
        loop {
            let Ok((next, keys)): redis::RedisResult<(u64, Vec<String>)> = redis::cmd("SCAN")
                .arg(cursor)
                .arg("MATCH")
                .arg(&pattern)
                .arg("COUNT")
                .arg(1000)
                .query(&mut connection)
            else {
                return;
            };
            if !keys.is_empty() {
                let _: redis::RedisResult<u64> =
                    redis::cmd("DEL").arg(&keys).query(&mut connection);
            }
            cursor = next;
            if cursor == 0 {
                return;
            }
        }
    }
}

/// A session's JSON as the adapters write it: `JSON.stringify` of the session, members in
/// their order.
fn session_json(token: &str, user_id: &str, expires: SystemTime) -> String {
    format!(
        r#"{{"sessionToken":"{token}","userId":"{user_id}","expires":"{}"}}"#,
        iso(expires)
    )
}

/// Asserts that `reply` sends the session cookie again, as NextAuth.js does for a database
/// session: the same token, with `Expires` and no `Max-Age`.
fn assert_cookie_resent(reply: &Reply, token: &str) {
    let cookie = reply
        .set_cookie_named(COOKIE)
        .expect("the session cookie is sent again");
    assert!(
        cookie.starts_with(&format!("{COOKIE}={token};")),
        "{cookie}"
    );
    assert!(cookie.contains("; Expires="), "{cookie}");
    assert!(!cookie.contains("Max-Age"), "{cookie}");
}

// ---- 1. A valid session ----

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn a_valid_session_lets_an_admin_in_with_the_user_as_claims() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let token = redis.add_session(&ada, SystemTime::now() + 30 * DAY).await;
    let app = app(options_for(redis.store().await));

    for path in ["/api/admin", "/admin"] {
        let reply = send(app.clone(), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        // `sub` is the session's userId; the rest is the user's record.
        assert_eq!(reply.body, format!("{ada} ada@example.com"), "{path}");
        assert_cookie_resent(&reply, &token);
    }
}

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn a_user_who_is_not_an_admin_is_forbidden() {
    let redis = Redis::new().await;
    let bob = new_id();
    redis.add_user(&bob, "viewer").await;
    let token = redis.add_session(&bob, SystemTime::now() + 30 * DAY).await;
    let app = app(options_for(redis.store().await));

    for path in ["/api/admin", "/admin"] {
        let reply = send(app.clone(), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
        assert!(!reply.set_cookies().contains(&CLEARED_COOKIE), "{path}");
    }
    assert!(redis.session(&token).await.is_some());
}

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn a_numeric_user_id_is_read_as_text() {
    let redis = Redis::new().await;
    let token = new_id();
    redis
        .set(
            "user:42",
            r#"{"id":42,"name":"Ada","email":"ada@example.com","role":"admin"}"#,
        )
        .await;
    redis
        .set(
            &format!("user:session:{token}"),
            &format!(
                r#"{{"sessionToken":"{token}","userId":42,"expires":"{}"}}"#,
                iso(SystemTime::now() + 30 * DAY)
            ),
        )
        .await;
    let reply = send(
        app(options_for(redis.store().await)),
        visit_with_cookie("/api/admin", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "42 ada@example.com");
}

// ---- 2. An expired session ----

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn an_expired_session_is_refused_cleared_and_deleted() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let app = app(options_for(redis.store().await));

    let token = redis
        .add_session(&ada, SystemTime::now() - Duration::from_secs(60))
        .await;
    let reply = send(app.clone(), visit_with_cookie("/api/admin", &token)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
    assert_eq!(redis.session(&token).await, None);
    // As the adapters' deleteSession: only the session's key goes.
    assert!(redis.get(&format!("user:{ada}")).await.is_some());
    assert!(
        redis
            .get(&format!("user:session:by-user-id:{ada}"))
            .await
            .is_some()
    );

    let token = redis
        .add_session(&ada, SystemTime::now() - Duration::from_secs(60))
        .await;
    let reply = send(app, visit_with_cookie("/admin", &token)).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fadmin")
    );
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
    assert_eq!(redis.session(&token).await, None);
}

// ---- 3. Extending a session ----

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn a_session_due_for_an_update_gets_a_new_expiry_in_to_iso_string_shape() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    // Due: `expires - maxAge + updateAge <= now` with the defaults (30 days, 1 day).
    let token = redis.add_session(&ada, SystemTime::now() + 28 * DAY).await;
    // Another session of Ada's signed in since: the latest-session key names it.
    let elsewhere = redis.key(&format!("user:session:{}", new_id()));
    redis
        .set(&format!("user:session:by-user-id:{ada}"), &elsewhere)
        .await;
    let options = options_for(redis.store().await);

    let earliest = iso(SystemTime::now() + options.max_age());
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/api/admin", &token),
    )
    .await;
    let latest = iso(SystemTime::now() + options.max_age());
    assert_eq!(reply.status, StatusCode::OK);
    assert_cookie_resent(&reply, &token);

    let stored = redis.session(&token).await.expect("the session is kept");
    let expires = stored
        .strip_prefix(&format!(
            r#"{{"sessionToken":"{token}","userId":"{ada}","expires":""#
        ))
        .and_then(|rest| rest.strip_suffix(r#""}"#))
        .unwrap_or_else(|| panic!("the adapters' JSON, members in order: {stored}"));
    // `2026-11-28T07:12:51.000Z`: milliseconds, UTC, and now + 30 days.
    assert_eq!(expires.len(), 24, "{expires}");
    assert_eq!(&expires[19..20], ".", "{expires}");
    assert!(expires.ends_with('Z'), "{expires}");
    assert!(
        earliest.as_str() <= expires && expires <= latest.as_str(),
        "{earliest} <= {expires} <= {latest}"
    );
    // As the adapters' updateSession: the latest-session key names this session again.
    assert_eq!(
        redis.get(&format!("user:session:by-user-id:{ada}")).await,
        Some(redis.key(&format!("user:session:{token}")))
    );
}

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn extending_a_session_keeps_the_members_it_does_not_know() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let token = new_id();
    let before = format!(
        r#"{{"sessionToken":"{token}","userId":"{ada}","expires":"{}","ip":"203.0.113.7","n":[1,2]}}"#,
        iso(SystemTime::now() + 28 * DAY)
    );
    redis.set(&format!("user:session:{token}"), &before).await;

    let reply = send(
        app(options_for(redis.store().await)),
        visit_with_cookie("/api/admin", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);

    let after = redis.session(&token).await.expect("the session is kept");
    assert_ne!(after, before);
    assert!(
        after.starts_with(&format!(
            r#"{{"sessionToken":"{token}","userId":"{ada}","expires":""#
        )),
        "{after}"
    );
    assert!(
        after.ends_with(r#"Z","ip":"203.0.113.7","n":[1,2]}"#),
        "{after}"
    );
}

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn a_session_not_due_for_an_update_is_left_byte_for_byte() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let token = redis
        .add_session(
            &ada,
            SystemTime::now() + 30 * DAY - Duration::from_secs(3600),
        )
        .await;
    let before = redis.session(&token).await;

    let reply = send(
        app(options_for(redis.store().await)),
        visit_with_cookie("/api/admin", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    // The cookie is sent again all the same, as NextAuth.js does.
    assert_cookie_resent(&reply, &token);
    assert_eq!(redis.session(&token).await, before);
}

// ---- 4. Read-only sessions ----

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn read_only_sessions_refuse_an_expired_session_but_never_write() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let options = AuthOptions::builder()
        .secret(SECRET)
        .session_store(redis.store().await)
        .read_only_sessions(true)
        .build()
        .expect("valid options");

    let expired = redis
        .add_session(&ada, SystemTime::now() - Duration::from_secs(60))
        .await;
    let stored = redis.session(&expired).await;
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/api/admin", &expired),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
    assert_eq!(redis.session(&expired).await, stored);

    let due = redis.add_session(&ada, SystemTime::now() + 28 * DAY).await;
    let stored = redis.session(&due).await;
    let reply = send(app(options), visit_with_cookie("/api/admin", &due)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_cookie_resent(&reply, &due);
    assert_eq!(redis.session(&due).await, stored);
}

// ---- 5. A session or user that goes away ----

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn a_deleted_session_is_refused_on_the_next_request() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let token = redis.add_session(&ada, SystemTime::now() + 30 * DAY).await;
    let store = redis.store().await;
    let app = app(options_for(store.clone()));

    let reply = send(app.clone(), visit_with_cookie("/api/admin", &token)).await;
    assert_eq!(reply.status, StatusCode::OK);

    // The app signs Ada out; extending the session after that does not bring it back.
    store.delete_session(&token).await.expect("DEL");
    assert_eq!(redis.session(&token).await, None);
    store
        .update_expiry(&token, SystemTime::now() + 30 * DAY)
        .await
        .expect("nothing to extend");
    assert_eq!(redis.session(&token).await, None);

    let reply = send(app, visit_with_cookie("/api/admin", &token)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
}

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn a_session_whose_user_is_gone_is_refused_and_kept() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let token = redis.add_session(&ada, SystemTime::now() + 30 * DAY).await;
    redis.del(&format!("user:{ada}")).await;
    let stored = redis.session(&token).await;

    let reply = send(
        app(options_for(redis.store().await)),
        visit_with_cookie("/api/admin", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
    // As NextAuth.js: the cookie goes, the session's key stays.
    assert!(stored.is_some());
    assert_eq!(redis.session(&token).await, stored);
}

// ---- 6. Signing in, and out everywhere ----

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn create_session_writes_what_the_adapters_write() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let store = redis.store().await;
    // Whole milliseconds, as a JavaScript `Date` holds.
    let expires = SystemTime::UNIX_EPOCH + Duration::from_millis(1_795_849_971_042);

    let token = store.create_session(&ada, expires).await.expect("SET");
    assert!(uuid::Uuid::parse_str(&token).is_ok(), "{token}");
    assert_eq!(
        redis.session(&token).await,
        Some(format!(
            r#"{{"sessionToken":"{token}","userId":"{ada}","expires":"2026-11-28T07:12:51.042Z"}}"#
        ))
    );
    assert_eq!(
        redis.get(&format!("user:session:by-user-id:{ada}")).await,
        Some(redis.key(&format!("user:session:{token}")))
    );

    let token = store
        .create_session(&ada, SystemTime::now() + 30 * DAY)
        .await
        .expect("SET");
    let reply = send(
        app(options_for(store)),
        visit_with_cookie("/api/admin", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn signing_out_everywhere_deletes_every_session_of_the_user_only() {
    let redis = Redis::new().await;
    let ada = new_id();
    let bob = new_id();
    redis.add_user(&ada, "admin").await;
    redis.add_user(&bob, "admin").await;
    let store = redis.store().await;
    let laptop = redis.add_session(&ada, SystemTime::now() + 30 * DAY).await;
    let phone = store
        .create_session(&ada, SystemTime::now() + 30 * DAY)
        .await
        .expect("SET");
    let bobs = redis.add_session(&bob, SystemTime::now() + 30 * DAY).await;
    let app = app(options_for(store.clone()));
    for token in [&laptop, &phone, &bobs] {
        let reply = send(app.clone(), visit_with_cookie("/api/admin", token)).await;
        assert_eq!(reply.status, StatusCode::OK);
    }

    assert_eq!(store.delete_user_sessions(&ada).await.expect("SCAN"), 2);

    for token in [&laptop, &phone] {
        assert_eq!(redis.session(token).await, None);
        let reply = send(app.clone(), visit_with_cookie("/api/admin", token)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
    }
    assert_eq!(
        redis.get(&format!("user:session:by-user-id:{ada}")).await,
        None
    );
    // Bob, and Ada's user, are untouched.
    assert!(redis.get(&format!("user:{ada}")).await.is_some());
    assert!(
        redis
            .get(&format!("user:session:by-user-id:{bob}"))
            .await
            .is_some()
    );
    let reply = send(app, visit_with_cookie("/api/admin", &bobs)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(store.delete_user_sessions(&ada).await.expect("SCAN"), 0);
}

// ---- 7. Sessions the store cannot read ----

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn an_unreadable_session_is_no_session_and_is_left_alone() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let app = app(options_for(redis.store().await));
    let unreadable = [
        // Not a date Auth.js reads: a space for the `T`, no offset, epoch milliseconds.
        r#""2025-01-01 00:00:00Z""#,
        r#""2999-01-01T00:00:00""#,
        "1735689600000",
        "32503680000000",
        "null",
    ];
    for expires in unreadable {
        let token = new_id();
        let json = format!(r#"{{"sessionToken":"{token}","userId":"{ada}","expires":{expires}}}"#);
        redis.set(&format!("user:session:{token}"), &json).await;
        for path in ["/api/admin", "/admin"] {
            let reply = send(app.clone(), visit_with_cookie(path, &token)).await;
            assert!(
                matches!(
                    reply.status,
                    StatusCode::UNAUTHORIZED | StatusCode::TEMPORARY_REDIRECT
                ),
                "{expires} {path}: {}",
                reply.status
            );
            assert!(reply.set_cookies().is_empty(), "{expires} {path}");
        }
        assert_eq!(redis.session(&token).await, Some(json), "{expires}");
    }

    // Neither are a session that is no JSON object, nor a key of another type.
    let token = new_id();
    redis
        .set(&format!("user:session:{token}"), "not json")
        .await;
    let reply = send(app.clone(), visit_with_cookie("/api/admin", &token)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.set_cookies().is_empty());
    let token = new_id();
    let () = redis
        .connection
        .clone()
        .hset(redis.key(&format!("user:session:{token}")), "userId", &ada)
        .await
        .expect("HSET");
    let reply = send(app, visit_with_cookie("/api/admin", &token)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.set_cookies().is_empty());
}

// ---- 8. Cookies that cannot be session tokens ----

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn cookies_that_cannot_be_session_tokens_never_reach_redis() {
    let redis = Redis::new().await;
    let counting = Counting::new(redis.store().await);
    let app = app(options_for(counting.clone()));
    let long = "a".repeat(10 * 1024);
    let garbage = [
        long.as_str(),
        "' OR 1=1",
        "' OR 1=1 --",
        "*",
        "user:session:*",
        "../../etc/passwd",
        "\\x00",
        "%00",
        "0b1e6a3c-8f0e-4a7e-9d55-2f1c3e4b5a6",
    ];
    for value in garbage {
        for request in [
            visit_with_cookie("/api/admin", value),
            visit_with_bearer("/api/admin", value),
        ] {
            let reply = send(app.clone(), request).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{value:.40}");
        }
    }
    assert_eq!(counting.calls(), 0);

    // A well-formed token is looked up, and refused as no session.
    let reply = send(app, visit_with_cookie("/api/admin", &new_id())).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), [CLEARED_COOKIE]);
    assert_eq!(counting.calls(), 1);
}

// ---- 9. Redis down ----

/// A local port nothing listens on.
async fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    listener.local_addr().expect("bound").port()
}

/// Asserts a 503 that neither signs out nor redirects.
fn assert_unavailable(reply: &Reply, path: &str) {
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
    assert!(reply.header("retry-after").is_some(), "{path}");
    assert_eq!(reply.header("location"), None, "{path}");
    assert!(reply.set_cookies().is_empty(), "{path}");
}

#[tokio::test]
async fn a_redis_that_is_not_there_answers_503_and_no_redirect() {
    let url = format!("redis://127.0.0.1:{}/", closed_port().await);
    let store = RedisStore::connect_lazy(&url).expect("a valid URL");
    let app = app(options_for(store));
    for path in ["/api/admin", "/admin"] {
        let reply = send(app.clone(), visit_with_cookie(path, &new_id())).await;
        assert_unavailable(&reply, path);
    }
}

#[tokio::test]
async fn connecting_to_a_redis_that_is_not_there_fails_without_the_password() {
    let port = closed_port().await;
    let url = format!("redis://ada:hunter2@127.0.0.1:{port}/");
    let error = RedisStore::connect(&url)
        .await
        .expect_err("nothing listens there");
    let shown = format!("{error} {error:?}");
    assert!(shown.contains(&format!("127.0.0.1:{port}")), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
}

/// A TCP proxy to `to`, on `at` (or a free port), until told to stop: then it closes its
/// listener and every connection through it.
async fn proxy(
    at: Option<SocketAddr>,
    to: SocketAddr,
) -> (SocketAddr, oneshot::Sender<()>, JoinHandle<()>) {
    let listener = TcpListener::bind(at.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0))))
        .await
        .expect("a port for the proxy");
    let address = listener.local_addr().expect("bound");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let mut connections = JoinSet::new();
        let mut stopped = stopped;
        loop {
            tokio::select! {
                _ = &mut stopped => break,
                accepted = listener.accept() => {
                    let Ok((mut inbound, _)) = accepted else { break };
                    connections.spawn(async move {
                        if let Ok(mut outbound) = TcpStream::connect(to).await {
                            let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                        }
                    });
                }
            }
        }
        connections.shutdown().await;
    });
    (address, stop, task)
}

/// The address of the Redis of `REDIS_URL`.
async fn redis_address() -> SocketAddr {
    let client = redis::Client::open(redis_url()).expect("a valid REDIS_URL");
    let redis::ConnectionAddr::Tcp(host, port) = &client.get_connection_info().addr else {
        panic!("REDIS_URL must name a TCP server for this test");
    };
    tokio::net::lookup_host((host.as_str(), *port))
        .await
        .expect("REDIS_URL's host resolves")
        .next()
        .expect("an address")
}

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn a_redis_that_goes_away_answers_503_until_it_is_back() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let token = redis.add_session(&ada, SystemTime::now() + 30 * DAY).await;
    let to = redis_address().await;
    let (address, stop, task) = proxy(None, to).await;
    let store = RedisStore::connect(&format!("redis://{address}/"))
        .await
        .expect("the store connects through the proxy")
        .base_prefix(&redis.base);
    let app = app(options_for(store));
    let reply = send(app.clone(), visit_with_cookie("/api/admin", &token)).await;
    assert_eq!(reply.status, StatusCode::OK);

    // Redis goes away under the connected store.
    let _ = stop.send(());
    task.await.expect("the proxy stops");
    for path in ["/api/admin", "/admin", "/api/admin"] {
        let reply = send(app.clone(), visit_with_cookie(path, &token)).await;
        assert_unavailable(&reply, path);
    }
    assert!(redis.session(&token).await.is_some());

    // Back on the same address: the store reconnects on its own.
    let (_, stop, task) = proxy(Some(address), to).await;
    let mut status = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..50 {
        status = send(app.clone(), visit_with_cookie("/api/admin", &token))
            .await
            .status;
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, StatusCode::OK);
    let _ = stop.send(());
    task.await.expect("the proxy stops");
}

// ---- 10. Prefixes ----

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn a_base_prefix_keeps_one_apps_sessions_from_another() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis.add_user(&ada, "admin").await;
    let token = redis.add_session(&ada, SystemTime::now() + 30 * DAY).await;

    let ours = app(options_for(redis.store().await));
    let reply = send(ours, visit_with_cookie("/api/admin", &token)).await;
    assert_eq!(reply.status, StatusCode::OK);

    // The same server, with another app's base prefix, or with none.
    let theirs = RedisStore::connect(&redis_url())
        .await
        .expect("the store connects")
        .base_prefix(format!("other-{}", redis.base));
    let unprefixed = RedisStore::connect(&redis_url())
        .await
        .expect("the store connects");
    for store in [theirs, unprefixed] {
        let reply = send(
            app(options_for(store)),
            visit_with_cookie("/api/admin", &token),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    assert!(redis.session(&token).await.is_some());
}

#[tokio::test]
#[cfg_attr(
    not(redis_live),
    ignore = "needs Redis: run `bash scripts/services.sh start && source target/services/env`"
)]
async fn every_key_prefix_can_be_set_as_the_adapters_options_can() {
    let redis = Redis::new().await;
    let ada = new_id();
    redis
        .set(
            &format!("people:{ada}"),
            r#"{"id":"x","email":"ada@example.com","role":"admin"}"#,
        )
        .await;
    let store = redis
        .store()
        .await
        .session_prefix("sessions:")
        .user_prefix("people:")
        .session_by_user_id_prefix("sessions:of:");
    let token = store
        .create_session(&ada, SystemTime::now() + 30 * DAY)
        .await
        .expect("SET");
    assert!(redis.get(&format!("sessions:{token}")).await.is_some());
    assert_eq!(
        redis.get(&format!("sessions:of:{ada}")).await,
        Some(redis.key(&format!("sessions:{token}")))
    );

    let reply = send(
        app(options_for(store.clone())),
        visit_with_cookie("/api/admin", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, format!("{ada} ada@example.com"));

    // The latest-session keys live under the session prefix here: not counted as sessions.
    assert_eq!(store.delete_user_sessions(&ada).await.expect("SCAN"), 1);
    assert_eq!(redis.get(&format!("sessions:of:{ada}")).await, None);
}
