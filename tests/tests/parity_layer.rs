//! `AuthLayer`, NextAuth.js's `withAuth` middleware: on a nested subtree it guards every
//! route under the prefix and nothing beside it; on the whole app it leaves the sign-in,
//! error and forbidden pages alone; refused requests never reach what it wraps.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use auth_runtime::{
    AuthLayer, AuthOptions, DEFAULT_MAX_AGE, DEFAULT_UPDATE_AGE, RequestInfo, Token, jwt, rule,
};
use auth_tests::*;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{Next, from_fn};
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};
use serde_json::json;

const T: u64 = 1_750_000_000;
const SIGN_IN: &str = "/auth/signin";

fn options_builder(clock: &ManualClock) -> auth_runtime::AuthOptionsBuilder {
    AuthOptions::builder()
        .secret(SECRET)
        .clock(clock.time())
        .sign_in_page(SIGN_IN)
        .error_page("/auth/error")
}

fn options_at(clock: &ManualClock) -> AuthOptions {
    options_builder(clock).build().expect("valid options")
}

async fn issue(options: &AuthOptions, role: &str) -> String {
    let claims =
        json!({ "sub": "user-1", "name": "Ada", "email": "ada@example.com", "role": role });
    jwt::encode(options, &claims).await.expect("encodes")
}

/// Reads the token both ways the layer documents.
async fn admin_page(token: Token, Extension(cached): Extension<Token>) -> String {
    format!(
        "admin page for {} (same token: {})",
        token.get_str("name").unwrap_or("?"),
        token == cached
    )
}

/// The admin subtree with a middleware inside the layer that counts the requests reaching it
/// and reports the name in the token it finds in the request extensions.
fn admin_router(options: &AuthOptions, reached: Arc<AtomicUsize>) -> Router<AuthOptions> {
    let middleware = move |request: Request, next: Next| {
        let reached = reached.clone();
        async move {
            reached.fetch_add(1, Ordering::SeqCst);
            let seen = request
                .extensions()
                .get::<Token>()
                .and_then(|token| token.get_str("name"))
                .unwrap_or("nobody")
                .to_owned();
            let mut response: Response = next.run(request).await;
            response.headers_mut().insert(
                "x-middleware-saw",
                HeaderValue::from_str(&seen).expect("a header value"),
            );
            response
        }
    };
    Router::new()
        .route("/", get(admin_page))
        .route("/settings", get(admin_page))
        .route("/users/{id}", get(admin_page))
        .layer(from_fn(middleware))
        .layer(AuthLayer::new(options.clone()).rule(rule!("token.role == 'admin'")))
}

fn app(options: AuthOptions, reached: Arc<AtomicUsize>) -> Router {
    Router::new()
        .nest("/admin", admin_router(&options, reached))
        .route("/administrator", get(|| async { "not the admin area" }))
        .route("/", get(|| async { "home" }))
        .route(SIGN_IN, get(|| async { "sign in" }))
        .with_state(options)
}

fn fresh_app(options: &AuthOptions) -> Router {
    app(options.clone(), Arc::new(AtomicUsize::new(0)))
}

const GUARDED: [(&str, &str); 4] = [
    ("/admin", "%2Fadmin"),
    ("/admin/settings", "%2Fadmin%2Fsettings"),
    ("/admin/users/7", "%2Fadmin%2Fusers%2F7"),
    (
        "/admin/settings?tab=keys",
        "%2Fadmin%2Fsettings%3Ftab%3Dkeys",
    ),
];

#[tokio::test]
async fn every_route_under_the_nest_is_guarded_with_its_full_path_as_callback_url() {
    let options = options_at(&ManualClock::at(T));
    let reached = Arc::new(AtomicUsize::new(0));
    for (path, callback) in GUARDED {
        let reply = send(app(options.clone(), reached.clone()), visit(path)).await;
        assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT, "{path}");
        assert_eq!(
            reply.header("location"),
            Some(format!("{SIGN_IN}?callbackUrl={callback}").as_str()),
            "{path}"
        );
        assert!(reply.set_cookies().is_empty(), "{path}");
    }
    assert_eq!(reached.load(Ordering::SeqCst), 0);
}

/// A layer on the outer router, scoped with `under`, guards the whole prefix, including what
/// the nested router has no route for: axum's `nest` does not route `/admin/` (trailing slash)
/// into the nested router, so a layer inside it would never see that request.
fn scoped_app(options: &AuthOptions) -> Router {
    let admin = Router::new()
        .route("/", get(admin_page))
        .route("/settings", get(admin_page));
    let layer = AuthLayer::new(options.clone())
        .under("/admin")
        .rule(rule!("token.role == 'admin'"));
    Router::new()
        .nest("/admin", admin)
        .route("/administrator", get(|| async { "not the admin area" }))
        .route(SIGN_IN, get(|| async { "sign in" }))
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found") })
        .layer(layer)
        .with_state(options.clone())
}

#[tokio::test]
async fn a_layer_scoped_under_a_prefix_guards_the_prefix_with_a_trailing_slash() {
    let options = options_at(&ManualClock::at(T));
    for (path, callback) in [
        ("/admin", "%2Fadmin"),
        ("/admin/", "%2Fadmin%2F"),
        ("/admin/settings", "%2Fadmin%2Fsettings"),
        ("/admin/no-such-page", "%2Fadmin%2Fno-such-page"),
    ] {
        let reply = send(scoped_app(&options), visit(path)).await;
        let expected = format!("{SIGN_IN}?callbackUrl={callback}");
        assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT, "{path}");
        assert_eq!(reply.header("location"), Some(expected.as_str()), "{path}");
    }
    let user = issue(&options, "user").await;
    let reply = send(scoped_app(&options), visit_with_cookie("/admin/", &user)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "non-admin GET /admin/");
    let admin = issue(&options, "admin").await;
    let reply = send(
        scoped_app(&options),
        visit_with_cookie("/admin/settings", &admin),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);

    for open in ["/administrator", SIGN_IN, "/elsewhere"] {
        let reply = send(scoped_app(&options), visit(open)).await;
        assert_ne!(reply.status, StatusCode::TEMPORARY_REDIRECT, "{open}");
        assert!(reply.header("location").is_none(), "{open}");
    }
}

#[tokio::test]
async fn a_nested_fallback_is_guarded_too() {
    let options = options_at(&ManualClock::at(T));
    let nested = Router::new()
        .route("/", get(|| async { "admin home" }))
        .fallback(|| async { (StatusCode::NOT_FOUND, "no such admin page") })
        .layer(AuthLayer::new(options.clone()).rule(rule!("token.role == 'admin'")));
    let app = || {
        Router::new()
            .nest("/admin", nested.clone())
            .with_state(options.clone())
    };
    for (path, callback) in [("/admin/nope", "%2Fadmin%2Fnope")] {
        let reply = send(app(), visit(path)).await;
        assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT, "{path}");
        assert_eq!(
            reply.header("location"),
            Some(format!("{SIGN_IN}?callbackUrl={callback}").as_str())
        );
    }
    let admin = issue(&options, "admin").await;
    let reply = send(app(), visit_with_cookie("/admin/nope", &admin)).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.body, "no such admin page");
}

#[tokio::test]
async fn routes_beside_the_nest_are_not_guarded() {
    let options = options_at(&ManualClock::at(T));
    for path in ["/administrator", "/"] {
        let reply = send(fresh_app(&options), visit(path)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.set_cookies().is_empty());
    }
    let reply = send(
        fresh_app(&options),
        visit_with_cookie("/administrator", "garbage"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.set_cookies().is_empty(),
        "an unguarded route leaves cookies alone"
    );
}

#[tokio::test]
async fn an_admin_reaches_every_nested_route_with_the_token() {
    let options = options_at(&ManualClock::at(T));
    let reached = Arc::new(AtomicUsize::new(0));
    let admin = issue(&options, "admin").await;
    for (path, _) in GUARDED {
        let reply = send(
            app(options.clone(), reached.clone()),
            visit_with_cookie(path, &admin),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(
            reply.body, "admin page for Ada (same token: true)",
            "{path}"
        );
        assert_eq!(reply.header("x-middleware-saw"), Some("Ada"), "{path}");
        assert!(reply.set_cookies().is_empty(), "{path}");
    }
    assert_eq!(reached.load(Ordering::SeqCst), GUARDED.len());

    let reply = send(
        app(options.clone(), reached.clone()),
        visit_with_bearer("/admin/settings", &admin),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("x-middleware-saw"), Some("Ada"));
}

#[tokio::test]
async fn a_signed_in_user_the_rule_refuses_gets_403_and_never_reaches_the_middleware() {
    let options = options_at(&ManualClock::at(T));
    let reached = Arc::new(AtomicUsize::new(0));
    let user = issue(&options, "user").await;
    for (path, _) in GUARDED {
        let reply = send(
            app(options.clone(), reached.clone()),
            visit_with_cookie(path, &user),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(reply.header("location"), None, "{path}");
        assert_eq!(reply.header("x-middleware-saw"), None, "{path}");
        assert_eq!(
            reply.json(),
            json!({ "message": "You do not have access to this resource." })
        );
    }
    assert_eq!(reached.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn the_options_forbidden_page_receives_refused_users() {
    let clock = ManualClock::at(T);
    let options = options_builder(&clock)
        .forbidden_page("/auth/forbidden")
        .build()
        .expect("valid options");
    let reached = Arc::new(AtomicUsize::new(0));
    let user = issue(&options, "user").await;
    let reply = send(
        app(options.clone(), reached.clone()),
        visit_with_cookie("/admin/settings", &user),
    )
    .await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(reply.header("location"), Some("/auth/forbidden"));
    assert_eq!(reached.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_bad_cookie_is_refused_and_cleared() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let reached = Arc::new(AtomicUsize::new(0));
    let expired = {
        let token = issue(&options, "admin").await;
        clock.set(T + DEFAULT_MAX_AGE.as_secs() + 16);
        token
    };
    for bad in ["garbage", expired.as_str()] {
        let reply = send(
            app(options.clone(), reached.clone()),
            visit_with_cookie("/admin/settings", bad),
        )
        .await;
        assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(
            reply.header("location"),
            Some("/auth/signin?callbackUrl=%2Fadmin%2Fsettings")
        );
        assert_eq!(reply.set_cookies(), [clearing_cookie(COOKIE)]);
        assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));
    }
    assert_eq!(reached.load(Ordering::SeqCst), 0);

    // Without a sign-in page: 401.
    let plain = AuthOptions::builder()
        .secret(SECRET)
        .clock(clock.time())
        .build()
        .expect("valid options");
    let reply = send(
        app(plain, reached.clone()),
        visit_with_cookie("/admin", "garbage"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json(), json!({ "message": "You must be logged in." }));
    assert_eq!(reply.set_cookies(), [clearing_cookie(COOKIE)]);
}

#[tokio::test]
async fn protecting_the_whole_app_leaves_the_sign_in_and_error_pages_open() {
    let clock = ManualClock::at(T);
    let options = options_builder(&clock)
        .forbidden_page("/auth/forbidden")
        .build()
        .expect("valid options");
    let everything = || {
        Router::new()
            .route("/", get(|| async { "home" }))
            .route("/dashboard", get(|| async { "dashboard" }))
            .route(SIGN_IN, get(|| async { "sign in" }))
            .route("/auth/signin/{provider}", get(|| async { "provider" }))
            .route("/auth/error", get(|| async { "error" }))
            .route("/auth/forbidden", get(|| async { "forbidden" }))
            .route("/auth/signinx", get(|| async { "not the sign-in page" }))
            .layer(AuthLayer::new(options.clone()))
    };
    for path in [
        SIGN_IN,
        "/auth/signin?callbackUrl=%2Fdashboard",
        "/auth/signin/github",
        "/auth/error",
        "/auth/error?error=Configuration",
        "/auth/forbidden",
    ] {
        let reply = send(everything(), visit(path)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: no redirect loop");
        let reply = send(everything(), visit_with_cookie(path, "garbage")).await;
        assert_eq!(reply.status, StatusCode::OK, "{path} with a bad cookie");
    }
    for (path, callback) in [
        ("/", "%2F"),
        ("/dashboard", "%2Fdashboard"),
        ("/auth/signinx", "%2Fauth%2Fsigninx"),
    ] {
        let reply = send(everything(), visit(path)).await;
        assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT, "{path}");
        assert_eq!(
            reply.header("location"),
            Some(format!("{SIGN_IN}?callbackUrl={callback}").as_str()),
            "{path}"
        );
    }
    let user = issue(&options, "user").await;
    let reply = send(everything(), visit_with_cookie("/dashboard", &user)).await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "the default rule: any session"
    );
}

#[tokio::test]
async fn a_closure_rule_reads_the_token_and_the_request() {
    let options = options_at(&ManualClock::at(T));
    let editors = || {
        Router::new()
            .route(
                "/posts",
                get(|| async { "posts" }).post(|| async { "created" }),
            )
            .layer(
                AuthLayer::new(options.clone()).rule(|token: &Token, req: &RequestInfo<'_>| {
                    req.method() == "GET" || token.get_str("role") == Some("editor")
                }),
            )
    };
    let post = |token: &str| {
        Request::post("/posts")
            .header("cookie", format!("{COOKIE}={token}"))
            .body(Body::empty())
            .expect("a valid request")
    };
    let user = issue(&options, "user").await;
    let editor = issue(&options, "editor").await;
    assert_eq!(
        send(editors(), visit_with_cookie("/posts", &user))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        send(editors(), post(&user)).await.status,
        StatusCode::FORBIDDEN
    );
    let reply = send(editors(), post(&editor)).await;
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (StatusCode::OK, "created")
    );
    let reply = send(editors(), visit("/posts")).await;
    assert_eq!(
        reply.status,
        StatusCode::TEMPORARY_REDIRECT,
        "GET still needs a session"
    );
}

#[tokio::test]
async fn a_closure_rule_sees_the_full_path_under_nest() {
    let options = options_at(&ManualClock::at(T));
    let seen = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let recorder = seen.clone();
    let nested = Router::new()
        .route("/settings", get(|| async { "ok" }))
        .layer(
            AuthLayer::new(options.clone()).rule(move |_: &Token, req: &RequestInfo<'_>| {
                recorder
                    .lock()
                    .expect("not poisoned")
                    .push(req.path().to_owned());
                req.path().starts_with("/admin/")
            }),
        );
    let app = Router::new()
        .nest("/admin", nested)
        .with_state(options.clone());
    let admin = issue(&options, "admin").await;
    let reply = send(app, visit_with_cookie("/admin/settings?x=1", &admin)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(*seen.lock().expect("not poisoned"), ["/admin/settings"]);
}

#[tokio::test]
async fn a_layered_response_carries_the_rolling_refresh() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let admin = issue(&options, "admin").await;
    let now = T + DEFAULT_UPDATE_AGE.as_secs() + 1;
    clock.set(now);
    let reply = send(
        fresh_app(&options),
        visit_with_cookie("/admin/settings", &admin),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let value = reply.cookie_value(COOKIE).expect("re-issued").to_owned();
    assert_eq!(
        reply.set_cookies(),
        [issued_cookie(COOKIE, &value, DEFAULT_MAX_AGE.as_secs())]
    );
    assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));
    let fresh = jwt::decode(&options, &value).await.expect("verifies");
    assert_eq!(fresh.get("iat"), Some(&json!(now)));

    // A refused user's session is still kept current on the 403.
    let user = {
        clock.set(T);
        let token = issue(&options, "user").await;
        clock.set(now);
        token
    };
    let reply = send(fresh_app(&options), visit_with_cookie("/admin", &user)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.cookie_value(COOKIE).is_some());
}

#[tokio::test]
async fn custom_lifetimes_apply_to_layered_refreshes() {
    let clock = ManualClock::at(T);
    let options = options_builder(&clock)
        .max_age(Duration::from_secs(3600))
        .update_age(Duration::from_secs(60))
        .build()
        .expect("valid options");
    let admin = issue(&options, "admin").await;
    clock.set(T + 60);
    let reply = send(fresh_app(&options), visit_with_cookie("/admin", &admin)).await;
    assert!(reply.set_cookies().is_empty());
    clock.set(T + 61);
    let reply = send(fresh_app(&options), visit_with_cookie("/admin", &admin)).await;
    let value = reply.cookie_value(COOKIE).expect("re-issued").to_owned();
    assert_eq!(reply.set_cookies(), [issued_cookie(COOKIE, &value, 3600)]);
}
