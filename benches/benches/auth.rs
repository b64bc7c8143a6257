//! The cost of a `#[with_auth]` guard, measured beside what it replaces, in one run.
//!
//! ```text
//! cargo bench -p auth-benches                # everything, a few minutes on 2 cores
//! cargo bench -p auth-benches -- e2e/        # one group (criterion's usual filter)
//! ```
//!
//! Groups, each beside its baseline:
//!
//! - `e2e`: a request through `Router::oneshot`, carrying an admin token in a `Cookie` header
//!   holding three cookies: an open route, `#[with_auth(authorized = "token.role == 'admin'")]`
//!   (with and without a `Token` parameter), the same rule typed
//!   (`claims = Claims`, the handler taking `Token<Claims>`), the same rule in an
//!   `AuthLayer` over a nested router, and two hand-written extractors doing the same check:
//!   the baseline, what a careful user writes (the key and validation made once,
//!   `jsonwebtoken::decode` into a typed struct), and a naive one (`serde_json::Value`, the
//!   key and validation made per call), which earlier reports compared against.
//!   Every request carries the cookies a browser sends to a NextAuth.js site: the CSRF token,
//!   the session token and the callback URL.
//! - `guard`: `Guard::<R>::from_request_parts` alone on fresh `Parts`, with every codec: the
//!   default HS256, a custom (boxed) one wrapping it, NextAuth.js v4's and Auth.js's JWEs,
//!   beside the baseline extractor alone.
//! - `codec`: verifying the token only: `auth_runtime::jwt::decode` beside `jsonwebtoken::decode`.
//! - `rule`: compiled rules on decoded claims (`auth_runtime::rule!`).
//! - `reject`: refused requests end to end: no cookie, a garbage cookie, an expired token, a
//!   bad signature; the guard's 401 JSON beside the baseline's bare 401.
//! - `chunked`: the guard alone on a ~8.7 KB token split into three cookies, beside the same
//!   token in one cookie.
//!
//! Before the timings it prints heap allocations per request (a counting global allocator;
//! criterion cannot measure them), and after them the ratios of this run's medians.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use auth_benches::{Baseline, Claims, SESSION_COOKIE, prepare_baseline, session_cookie};
use auth_runtime::__private::Guard;
use auth_runtime::codec::{Codec, Hs256};
use auth_runtime::jwt::JwtError;

use auth_runtime::{AuthLayer, AuthOptions, AuthRejection, RequestInfo, Token, rule, with_auth};
use axum::Router;
use axum::body::Body;
use axum::extract::FromRequestParts;
use axum::response::Response;
use axum::routing::get;
use criterion::{BatchSize, Criterion};
use http::header::COOKIE;
use http::request::Parts;
use http::{Request, StatusCode};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Map, Value, json};
use tokio::runtime::Runtime;
use tower::ServiceExt;

// ---------------------------------------------------------------------------------------------
// Counting allocator: per thread, so criterion's own bookkeeping on other threads (none today)
// and other runtimes cannot leak into a count. Every benchmark pays the same two thread-local
// increments per allocation.

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static ALLOCATED_BYTES: Cell<u64> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    // Const-initialized `Cell`s need no destructor, so these never fail or allocate.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    let _ = ALLOCATED_BYTES.try_with(|n| n.set(n.get() + bytes as u64));
}

fn allocations_so_far() -> (u64, u64) {
    (ALLOCATIONS.with(Cell::get), ALLOCATED_BYTES.with(Cell::get))
}

/// The system allocator, counting `alloc`, `alloc_zeroed` and `realloc` calls (a `realloc` is
/// a new allocation as far as cost goes) on the calling thread.
struct Counting;

#[allow(
    unsafe_code,
    reason = "a global allocator is an unsafe trait; this one only forwards"
)]
// SAFETY: every method forwards to `System` with the caller's arguments unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded as received.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded as received.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: forwarded as received.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

// ---------------------------------------------------------------------------------------------
// The app: the same router serves the open, guarded and baseline routes, so routing costs the
// same for each.

const SECRET: &str = "benchmark-secret-of-at-least-thirty-two-bytes";
const OTHER_SECRET: &str = "another-secret-that-is-also-32-bytes-long";
/// NextAuth.js's CSRF cookie as a browser holds it: a token and its hash, hex, joined by `|`.
const CSRF_COOKIE: &str = "next-auth.csrf-token=8a6c2f0e4b1d9a7c3e5f2b8d6a0c4e1f9b3d7a5c2e8f6b0d4a1c9e3f7b5d2a8c%7C3f9e1b7d5a2c8e6f0b4d9a1c7e3f5b2d8a6c0e4f1b9d3a7c5e2f8b6d0a4c1e9f";
/// NextAuth.js's callback URL cookie.
const CALLBACK_COOKIE: &str = "next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2F";
/// The most characters of a token one cookie carries (auth-runtime's and NextAuth.js's).
const CHUNK_SIZE: usize = 3933;

async fn open() -> &'static str {
    "ok"
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn guarded() -> &'static str {
    "ok"
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn guarded_token(token: Token) -> &'static str {
    black_box(&token);
    "ok"
}

#[with_auth(claims = Claims, authorized = "token.role == 'admin'")]
async fn typed_token(token: Token<Claims>) -> &'static str {
    black_box(&token);
    "ok"
}

async fn baseline(Baseline(claims): Baseline) -> &'static str {
    black_box(&claims);
    "ok"
}

async fn naive(NaiveAdmin(claims): NaiveAdmin) -> &'static str {
    black_box(&claims);
    "ok"
}

/// A hand-written extractor as it is often written: finds the cookie by hand, decodes and
/// validates the token with `jsonwebtoken` into a `serde_json::Value`, key and validation set
/// up per call, and compares `role`. Not the baseline: [`Baseline`] is.
struct NaiveAdmin(Value);

impl<S: Send + Sync> FromRequestParts<S> for NaiveAdmin {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, StatusCode> {
        let token = session_cookie(parts).ok_or(StatusCode::UNAUTHORIZED)?;
        let key = DecodingKey::from_secret(SECRET.as_bytes());
        let validation = Validation::new(Algorithm::HS256);
        let data = jsonwebtoken::decode::<Value>(token, &key, &validation)
            .map_err(|_| StatusCode::UNAUTHORIZED)?;
        if data.claims.get("role").and_then(Value::as_str) == Some("admin") {
            Ok(NaiveAdmin(data.claims))
        } else {
            Err(StatusCode::FORBIDDEN)
        }
    }
}

fn app(options: AuthOptions) -> Router {
    let layered = Router::new()
        .route("/ok", get(open))
        .layer(AuthLayer::new(options.clone()).rule(rule!("token.role == 'admin'")));
    // The layer guards a nested router, as in an app: nesting has its own cost, measured here.
    let nested = Router::new().route("/ok", get(open));
    Router::new()
        .route("/open", get(open))
        .route("/guarded", get(guarded))
        .route("/guarded-token", get(guarded_token))
        .route("/typed-token", get(typed_token))
        .route("/baseline", get(baseline))
        .route("/naive", get(naive))
        .nest("/layer", layered)
        .nest("/nested", nested)
        .with_state(options)
}

/// The default HS256 codec behind the `Codec` trait, so `AuthOptions` holds it boxed: the
/// path every custom codec takes.
struct BoxedHs256(Hs256);

impl Codec for BoxedHs256 {
    async fn encode(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        Codec::encode(&self.0, claims).await
    }

    async fn decode(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        Codec::decode(&self.0, token).await
    }
}

// ---------------------------------------------------------------------------------------------
// Fixtures.

struct Fixture {
    rt: Runtime,
    options: AuthOptions,
    custom: AuthOptions,
    /// Every codec the runtime has, each with the `Cookie` header of an admin session it
    /// wrote: `(name, options, cookie)`.
    codecs: Vec<(&'static str, AuthOptions, String)>,
    app: Router,
    /// The admin's token, issued by `auth_runtime::jwt::encode` as at sign-in.
    admin: String,
    expired: String,
    bad_signature: String,
    /// A token of more than two cookies' worth of characters.
    large: String,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs()
}

/// The demo admin's claims (NextAuth.js's `name`, `email`, `picture`, `sub`, plus `role`).
fn admin_claims() -> Value {
    json!({
        "sub": "2",
        "name": "Demo Admin",
        "email": "admin@example.com",
        "picture": "https://example.com/avatars/admin.png",
        "role": "admin",
    })
}

fn signed(secret: &str, claims: &Value) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("HMAC signing does not fail")
}

impl Fixture {
    fn new() -> Self {
        prepare_baseline(SECRET);
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime starts");
        // Secure cookies off whatever NEXTAUTH_URL says, so the cookie names are fixed.
        let builder = || AuthOptions::builder().secure_cookies(false);
        let options = builder()
            .secret(SECRET)
            .build()
            .expect("the secret is long enough");
        let custom = builder()
            .codec(BoxedHs256(Hs256::new(&[SECRET])))
            .build()
            .expect("a custom codec needs no secret");
        let nextauth_v4 = builder()
            .secret(SECRET)
            .nextauth_v4()
            .build()
            .expect("valid options");
        let authjs = builder()
            .secret(SECRET)
            .authjs()
            .build()
            .expect("valid options");
        let admin = rt
            .block_on(auth_runtime::jwt::encode(&options, &admin_claims()))
            .expect("the admin token encodes");
        let codecs = [
            ("hs256", options.clone()),
            ("custom_codec", custom.clone()),
            ("nextauth_v4_jwe", nextauth_v4),
            ("authjs_jwe", authjs),
        ]
        .into_iter()
        .map(|(name, options)| {
            let token = rt
                .block_on(auth_runtime::jwt::encode(&options, &admin_claims()))
                .expect("the admin token encodes");
            let cookie = Fixture::named_cookie(options.session_cookie_name(), &token);
            (name, options, cookie)
        })
        .collect();
        let mut expired = admin_claims();
        expired["iat"] = (now() - 7200).into();
        expired["exp"] = (now() - 3600).into();
        let mut valid = admin_claims();
        valid["iat"] = now().into();
        valid["exp"] = (now() + 3600).into();
        let mut large = admin_claims();
        large["groups"] = (0..500).map(|i| format!("group-{i:04}")).collect();
        let large = rt
            .block_on(auth_runtime::jwt::encode(&options, &large))
            .expect("the large token encodes");
        assert!(
            (2 * CHUNK_SIZE + 1..=3 * CHUNK_SIZE).contains(&large.len()),
            "the large token must take exactly three chunks, not {} characters",
            large.len()
        );
        Self {
            app: app(options.clone()),
            rt,
            options,
            custom,
            codecs,
            admin,
            expired: signed(SECRET, &expired),
            bad_signature: signed(OTHER_SECRET, &valid),
            large,
        }
    }

    /// The `Cookie` header a browser sends to a NextAuth.js site: the CSRF token, the session
    /// token and the callback URL.
    fn cookie(token: &str) -> String {
        Self::named_cookie(SESSION_COOKIE, token)
    }

    /// The same, with the session token under `name`.
    fn named_cookie(name: &str, token: &str) -> String {
        format!("{CSRF_COOKIE}; {name}={token}; {CALLBACK_COOKIE}")
    }

    /// The same, with the token in `next-auth.session-token.0`, `.1`, `.2`.
    fn chunked_cookie(token: &str) -> String {
        let chunks: Vec<String> = token
            .as_bytes()
            .chunks(CHUNK_SIZE)
            .enumerate()
            .map(|(index, chunk)| {
                let chunk = std::str::from_utf8(chunk).expect("tokens are ASCII");
                format!("{SESSION_COOKIE}.{index}={chunk}")
            })
            .collect();
        assert_eq!(chunks.len(), 3);
        format!("{CSRF_COOKIE}; {}; {CALLBACK_COOKIE}", chunks.join("; "))
    }
}

fn request(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut builder = Request::get(path);
    if let Some(cookie) = cookie {
        builder = builder.header(COOKIE, cookie);
    }
    builder.body(Body::empty()).expect("a valid request")
}

fn parts(path: &str, cookie: Option<&str>) -> Parts {
    request(path, cookie).into_parts().0
}

type AdminGuard = Guard<__with_auth_guarded>;

/// The guard on `parts`; everything it made (the verified token sits in the extensions) is
/// returned, so that criterion drops it outside the timed part, as for [`run_baseline`].
async fn run_guard(
    mut parts: Parts,
    options: &AuthOptions,
) -> (Parts, Result<AdminGuard, AuthRejection>) {
    let outcome = AdminGuard::from_request_parts(&mut parts, options).await;
    (parts, outcome)
}

/// The baseline extractor on `parts`; its claims are returned, not dropped in the timed part.
async fn run_baseline(mut parts: Parts) -> (Parts, Result<Baseline, StatusCode>) {
    let outcome = Baseline::from_request_parts(&mut parts, &()).await;
    (parts, outcome)
}

async fn send(app: &Router, request: Request<Body>) -> Response {
    match app.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// Every scenario's outcome, checked once before anything is timed.
fn check(fx: &Fixture) {
    let admin = Fixture::cookie(&fx.admin);
    let cases = [
        ("/open", Some(admin.clone()), StatusCode::OK),
        ("/guarded", Some(admin.clone()), StatusCode::OK),
        ("/guarded-token", Some(admin.clone()), StatusCode::OK),
        ("/typed-token", Some(admin.clone()), StatusCode::OK),
        ("/baseline", Some(admin.clone()), StatusCode::OK),
        ("/naive", Some(admin.clone()), StatusCode::OK),
        ("/layer/ok", Some(admin.clone()), StatusCode::OK),
        ("/nested/ok", Some(admin.clone()), StatusCode::OK),
        ("/typed-token", None, StatusCode::UNAUTHORIZED),
        ("/naive", None, StatusCode::UNAUTHORIZED),
        ("/layer/ok", None, StatusCode::UNAUTHORIZED),
        ("/guarded", None, StatusCode::UNAUTHORIZED),
        (
            "/guarded",
            Some(Fixture::cookie("garbage")),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "/guarded",
            Some(Fixture::cookie(&fx.expired)),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "/guarded",
            Some(Fixture::cookie(&fx.bad_signature)),
            StatusCode::UNAUTHORIZED,
        ),
        ("/baseline", None, StatusCode::UNAUTHORIZED),
        (
            "/baseline",
            Some(Fixture::cookie("garbage")),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "/baseline",
            Some(Fixture::cookie(&fx.expired)),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "/baseline",
            Some(Fixture::cookie(&fx.bad_signature)),
            StatusCode::UNAUTHORIZED,
        ),
    ];
    for (path, cookie, expected) in cases {
        let response = fx
            .rt
            .block_on(send(&fx.app, request(path, cookie.as_deref())));
        assert_eq!(response.status(), expected, "{path} with {cookie:?}");
    }
    let chunked = Fixture::chunked_cookie(&fx.large);
    let large = Fixture::cookie(&fx.large);
    let mut guarded = vec![
        (&fx.options, &admin),
        (&fx.custom, &admin),
        (&fx.options, &chunked),
        (&fx.options, &large),
    ];
    guarded.extend(
        fx.codecs
            .iter()
            .map(|(_, options, cookie)| (options, cookie)),
    );
    for (options, cookie) in guarded {
        let (_, outcome) = fx
            .rt
            .block_on(run_guard(parts("/guarded", Some(cookie)), options));
        assert!(
            outcome.is_ok(),
            "the guard must let the admin through ({cookie:.40})"
        );
    }
    let (_, outcome) = fx
        .rt
        .block_on(run_baseline(parts("/baseline", Some(&admin))));
    assert!(outcome.is_ok(), "the baseline must let the admin through");
}

// ---------------------------------------------------------------------------------------------
// Allocations.

/// Heap allocations (and bytes) per call of `run`, averaged over 1000 calls after a warm-up,
/// counting only the calls: inputs are made before and outputs dropped after.
fn allocations<I, O, Fut>(
    rt: &Runtime,
    mut setup: impl FnMut() -> I,
    mut run: impl FnMut(I) -> Fut,
) -> (f64, f64)
where
    Fut: Future<Output = O>,
{
    const CALLS: usize = 1000;
    rt.block_on(async {
        for _ in 0..10 {
            black_box(run(setup()).await);
        }
    });
    let inputs: Vec<I> = (0..CALLS).map(|_| setup()).collect();
    let mut outputs = Vec::with_capacity(CALLS);
    let (count, bytes) = rt.block_on(async {
        let before = allocations_so_far();
        for input in inputs {
            outputs.push(run(input).await);
        }
        let after = allocations_so_far();
        (after.0 - before.0, after.1 - before.1)
    });
    drop(outputs);
    (count as f64 / CALLS as f64, bytes as f64 / CALLS as f64)
}

fn print_allocations(fx: &Fixture) {
    let admin = Fixture::cookie(&fx.admin);
    let chunked = Fixture::chunked_cookie(&fx.large);
    let rt = &fx.rt;
    let e2e = |path: &'static str, cookie: Option<String>| {
        allocations(
            rt,
            || request(path, cookie.as_deref()),
            |req| send(&fx.app, req),
        )
    };
    let guard = |options: &AuthOptions, cookie: &str| {
        allocations(
            rt,
            || parts("/guarded", Some(cookie)),
            |parts| run_guard(parts, options),
        )
    };
    let mut rows: Vec<(String, (f64, f64))> = vec![
        ("e2e: open route".into(), e2e("/open", Some(admin.clone()))),
        ("e2e: guarded".into(), e2e("/guarded", Some(admin.clone()))),
        (
            "e2e: guarded, handler takes `Token`".into(),
            e2e("/guarded-token", Some(admin.clone())),
        ),
        (
            "e2e: typed rule, handler takes `Token<Claims>`".into(),
            e2e("/typed-token", Some(admin.clone())),
        ),
        (
            "e2e: AuthLayer, same rule, nested router".into(),
            e2e("/layer/ok", Some(admin.clone())),
        ),
        (
            "e2e: open route in a nested router".into(),
            e2e("/nested/ok", Some(admin.clone())),
        ),
        (
            "e2e: baseline (key made once, typed struct)".into(),
            e2e("/baseline", Some(admin.clone())),
        ),
        (
            "e2e: naive baseline (key per call, JSON Value)".into(),
            e2e("/naive", Some(admin.clone())),
        ),
    ];
    for (name, options, cookie) in &fx.codecs {
        rows.push((format!("guard alone: {name}"), guard(options, cookie)));
    }
    rows.extend([
        (
            "guard alone: baseline extractor".into(),
            allocations(rt, || parts("/baseline", Some(&admin)), run_baseline),
        ),
        (
            "guard alone: 3 chunks (8.7 KB token)".into(),
            guard(&fx.options, &chunked),
        ),
        ("reject e2e: no cookie".into(), e2e("/guarded", None)),
        (
            "reject e2e: garbage cookie".into(),
            e2e("/guarded", Some(Fixture::cookie("garbage"))),
        ),
        (
            "reject e2e: expired".into(),
            e2e("/guarded", Some(Fixture::cookie(&fx.expired))),
        ),
        (
            "reject e2e: bad signature".into(),
            e2e("/guarded", Some(Fixture::cookie(&fx.bad_signature))),
        ),
        (
            "baseline reject e2e: no cookie".into(),
            e2e("/baseline", None),
        ),
        (
            "baseline reject e2e: bad signature".into(),
            e2e("/baseline", Some(Fixture::cookie(&fx.bad_signature))),
        ),
    ]);
    println!("\nHeap allocations per request (mean of 1000, after warm-up):\n");
    println!("| scenario | allocations | bytes allocated |");
    println!("|---|---:|---:|");
    for (name, (count, bytes)) in &rows {
        println!("| {name} | {count:.1} | {bytes:.0} |");
    }
    let of = |name: &str| rows.iter().find(|row| row.0 == name).map(|row| row.1.0);
    if let (Some(guarded), Some(baseline)) = (
        of("e2e: guarded"),
        of("e2e: baseline (key made once, typed struct)"),
    ) {
        println!(
            "\nguarded / baseline allocations per request: {:.2} (target <= 1.00)\n",
            guarded / baseline
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Timings.

fn e2e(c: &mut Criterion, fx: &Fixture) {
    let admin = Fixture::cookie(&fx.admin);
    let mut group = c.benchmark_group("e2e");
    for (name, path) in [
        ("open", "/open"),
        ("guarded", "/guarded"),
        ("guarded_token", "/guarded-token"),
        ("typed_token", "/typed-token"),
        ("layer", "/layer/ok"),
        ("nested_open", "/nested/ok"),
        ("baseline", "/baseline"),
        ("naive", "/naive"),
    ] {
        group.bench_function(name, |b| {
            b.to_async(&fx.rt).iter_batched(
                || request(path, Some(&admin)),
                |req| send(&fx.app, req),
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

fn guard_alone(c: &mut Criterion, fx: &Fixture) {
    let admin = Fixture::cookie(&fx.admin);
    let mut group = c.benchmark_group("guard");
    for (name, options, cookie) in &fx.codecs {
        group.bench_function(*name, |b| {
            b.to_async(&fx.rt).iter_batched(
                || parts("/guarded", Some(cookie)),
                |parts| run_guard(parts, options),
                BatchSize::SmallInput,
            );
        });
    }
    group.bench_function("baseline_extractor", |b| {
        b.to_async(&fx.rt).iter_batched(
            || parts("/baseline", Some(&admin)),
            run_baseline,
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

fn codec(c: &mut Criterion, fx: &Fixture) {
    let token = fx.admin.as_str();
    let mut group = c.benchmark_group("codec");
    group.bench_function("auth_runtime_jwt_decode", |b| {
        b.to_async(&fx.rt).iter_batched(
            || (),
            |()| auth_runtime::jwt::decode(&fx.options, black_box(token)),
            BatchSize::SmallInput,
        );
    });
    let key = DecodingKey::from_secret(SECRET.as_bytes());
    let validation = Validation::new(Algorithm::HS256);
    group.bench_function("jsonwebtoken_decode_prepared_key", |b| {
        b.iter_batched(
            || (),
            |()| jsonwebtoken::decode::<Map<String, Value>>(black_box(token), &key, &validation),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("jsonwebtoken_decode_key_per_call", |b| {
        b.iter_batched(
            || (),
            |()| {
                let key = DecodingKey::from_secret(SECRET.as_bytes());
                let validation = Validation::new(Algorithm::HS256);
                jsonwebtoken::decode::<Value>(black_box(token), &key, &validation)
            },
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

type CompiledRule = fn(&Token, &RequestInfo<'_>) -> bool;

fn rules(c: &mut Criterion) {
    let claims = json!({
        "sub": "2",
        "name": "Demo Admin",
        "email": "admin@example.com",
        "picture": "https://example.com/avatars/admin.png",
        "role": "admin",
        "roles": ["viewer", "editor", "admin"],
        "email_verified": true,
        "org": { "id": 7, "tier": "pro", "team": { "name": "core" } },
        "iat": 1_700_000_000u64,
        "exp": 1_702_592_000u64,
        "jti": "0b0e1c6a-3f7e-4d43-9f7a-5d3b1f0b9c2e",
    });
    let Value::Object(claims) = claims else {
        unreachable!("a JSON object literal")
    };
    let token = Token::new(claims);
    let req = RequestInfo::new("GET", "/api/admin/stats");
    let cases: [(&str, CompiledRule); 6] = [
        ("equality", rule!("token.role == 'admin'")),
        ("in_array", rule!("'admin' in token.roles")),
        ("ends_with", rule!("token.email.ends_with('@example.com')")),
        ("nested_path", rule!("token.org.team.name == 'core'")),
        (
            "and_or",
            rule!(
                "(token.role == 'admin' || 'editor' in token.roles) && token.org.tier != 'free' && req.method == 'GET'"
            ),
        ),
        ("truthiness", rule!("token.email_verified")),
    ];
    let mut group = c.benchmark_group("rule");
    for (name, compiled) in cases {
        assert!(
            compiled(&token, &req),
            "rule {name} must hold on the claims"
        );
        group.bench_function(name, |b| {
            b.iter(|| compiled(black_box(&token), black_box(&req)));
        });
    }
    group.finish();
}

fn rejects(c: &mut Criterion, fx: &Fixture) {
    let cases = [
        ("no_cookie", None),
        ("garbage_cookie", Some(Fixture::cookie("garbage"))),
        ("expired", Some(Fixture::cookie(&fx.expired))),
        ("bad_signature", Some(Fixture::cookie(&fx.bad_signature))),
    ];
    let mut group = c.benchmark_group("reject");
    for (target, path) in [("guard", "/guarded"), ("baseline", "/baseline")] {
        for (case, cookie) in &cases {
            group.bench_function(format!("{target}_{case}"), |b| {
                b.to_async(&fx.rt).iter_batched(
                    || request(path, cookie.as_deref()),
                    |req| send(&fx.app, req),
                    BatchSize::SmallInput,
                );
            });
        }
    }
    group.finish();
}

fn chunked(c: &mut Criterion, fx: &Fixture) {
    let mut group = c.benchmark_group("chunked");
    for (name, cookie) in [
        ("three_chunks", Fixture::chunked_cookie(&fx.large)),
        ("one_cookie_same_token", Fixture::cookie(&fx.large)),
    ] {
        group.bench_function(name, |b| {
            b.to_async(&fx.rt).iter_batched(
                || parts("/guarded", Some(&cookie)),
                |parts| run_guard(parts, &fx.options),
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// Ratios of this run, read back from criterion's estimates.

/// Where criterion writes its estimates: the same search it makes.
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    let from_metadata = std::env::var_os("CARGO").and_then(|cargo| {
        let output = std::process::Command::new(cargo)
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .output()
            .ok()?;
        let metadata: Value = serde_json::from_slice(&output.stdout).ok()?;
        metadata["target_directory"].as_str().map(PathBuf::from)
    });
    from_metadata.map_or_else(
        || PathBuf::from("target/criterion"),
        |dir| dir.join("criterion"),
    )
}

/// The median time in ns of `id` (`group/function`), if it was measured by this run.
fn median_ns(home: &std::path::Path, id: &str, since: SystemTime) -> Option<f64> {
    let path = home.join(id).join("new").join("estimates.json");
    let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
    if modified < since {
        return None;
    }
    let estimates: Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

fn print_ratios(since: SystemTime) {
    let home = criterion_home();
    let ratios = [
        (
            "e2e: guarded / baseline",
            "e2e/guarded",
            "e2e/baseline",
            "<= 0.70",
        ),
        (
            "e2e: guarded+Token / baseline",
            "e2e/guarded_token",
            "e2e/baseline",
            "",
        ),
        (
            "e2e: typed rule+Token<C> / baseline",
            "e2e/typed_token",
            "e2e/baseline",
            "<= 0.70",
        ),
        (
            "e2e: typed rule+Token<C> / JSON rule+Token",
            "e2e/typed_token",
            "e2e/guarded_token",
            "< 1.0",
        ),
        ("e2e: AuthLayer / guarded", "e2e/layer", "e2e/guarded", ""),
        ("e2e: nested open / open", "e2e/nested_open", "e2e/open", ""),
        ("e2e: guarded / open", "e2e/guarded", "e2e/open", ""),
        ("e2e: baseline / open", "e2e/baseline", "e2e/open", ""),
        ("e2e: naive / baseline", "e2e/naive", "e2e/baseline", ""),
        (
            "guard alone: HS256 / baseline extractor",
            "guard/hs256",
            "guard/baseline_extractor",
            "<= 0.70",
        ),
        (
            "guard alone: custom codec / HS256",
            "guard/custom_codec",
            "guard/hs256",
            "",
        ),
        (
            "guard alone: NextAuthV4 JWE / HS256",
            "guard/nextauth_v4_jwe",
            "guard/hs256",
            "",
        ),
        (
            "guard alone: AuthJs JWE / HS256",
            "guard/authjs_jwe",
            "guard/hs256",
            "",
        ),
        (
            "guard alone: NextAuthV4 JWE / baseline extractor",
            "guard/nextauth_v4_jwe",
            "guard/baseline_extractor",
            "",
        ),
        (
            "guard alone: AuthJs JWE / baseline extractor",
            "guard/authjs_jwe",
            "guard/baseline_extractor",
            "",
        ),
        (
            "codec: jwt::decode / jsonwebtoken, key per call",
            "codec/auth_runtime_jwt_decode",
            "codec/jsonwebtoken_decode_key_per_call",
            "",
        ),
        (
            "codec: jwt::decode / jsonwebtoken, prepared key",
            "codec/auth_runtime_jwt_decode",
            "codec/jsonwebtoken_decode_prepared_key",
            "",
        ),
        (
            "reject no cookie: guard / baseline",
            "reject/guard_no_cookie",
            "reject/baseline_no_cookie",
            "",
        ),
        (
            "reject garbage: guard / baseline",
            "reject/guard_garbage_cookie",
            "reject/baseline_garbage_cookie",
            "",
        ),
        (
            "reject expired: guard / baseline",
            "reject/guard_expired",
            "reject/baseline_expired",
            "",
        ),
        (
            "reject bad signature: guard / baseline",
            "reject/guard_bad_signature",
            "reject/baseline_bad_signature",
            "",
        ),
        (
            "chunked: three chunks / one cookie",
            "chunked/three_chunks",
            "chunked/one_cookie_same_token",
            "",
        ),
    ];
    let mut lines = Vec::new();
    for (name, numerator, denominator, target) in ratios {
        if let (Some(a), Some(b)) = (
            median_ns(&home, numerator, since),
            median_ns(&home, denominator, since),
        ) {
            lines.push(format!(
                "| {name} | {a:.0} ns | {b:.0} ns | {:.2} | {target} |",
                a / b
            ));
        }
    }
    if let (Some(layer), Some(guarded)) = (
        median_ns(&home, "e2e/layer", since),
        median_ns(&home, "e2e/guarded", since),
    ) {
        lines.push(format!(
            "| e2e: AuthLayer - guarded | {layer:.0} ns | {guarded:.0} ns | {:+.0} ns | <= +200 ns |",
            layer - guarded
        ));
    }
    if let Some(rule) = median_ns(&home, "rule/equality", since) {
        lines.push(format!(
            "| rule `token.role == 'admin'` | {rule:.1} ns | | | <= 50 ns |"
        ));
    }
    if lines.is_empty() {
        return;
    }
    println!("\nRatios of this run's medians ({}):\n", home.display());
    println!("| comparison | numerator | denominator | ratio | target |");
    println!("|---|---:|---:|---:|---|");
    for line in lines {
        println!("{line}");
    }
}

fn main() {
    let started = SystemTime::now();
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(3))
        .without_plots()
        .configure_from_args();
    let listing = std::env::args().any(|arg| arg == "--list");
    let fx = Fixture::new();
    check(&fx);
    if !listing {
        print_allocations(&fx);
    }
    e2e(&mut criterion, &fx);
    guard_alone(&mut criterion, &fx);
    codec(&mut criterion, &fx);
    rules(&mut criterion);
    rejects(&mut criterion, &fx);
    chunked(&mut criterion, &fx);
    criterion.final_summary();
    if !listing {
        print_ratios(started);
    }
}
