//! Every reference example (`auth_examples::reference`), driven through its `app()` without a
//! socket, checked against what the NextAuth.js documentation it mirrors says.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use auth_runtime::{AuthOptions, AuthOptionsBuilder, jwt};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

const SECRET: &str = "a test secret of at least thirty-two bytes";
const COOKIE: &str = "next-auth.session-token";

fn builder() -> AuthOptionsBuilder {
    AuthOptions::builder().secret(SECRET)
}

async fn send(app: &Router, request: Request<Body>) -> Response {
    app.clone().oneshot(request).await.unwrap()
}

async fn get(app: &Router, path: &str, cookie: Option<&str>) -> Response {
    let mut request = Request::get(path);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

async fn post_form(app: &Router, path: &str, form: &str) -> Response {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form.to_owned()))
        .unwrap();
    send(app, request).await
}

/// Signs in through the app's own sign-in route; returns `name=value` to send as `Cookie`.
async fn sign_in(app: &Router, path: &str, account: &str) -> String {
    let response = post_form(app, path, &format!("account={account}")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    session_cookie(response.headers()).expect("a session cookie")
}

/// The `name=value` of the session cookie a response sets, if it sets one with a value.
fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .find(|cookie| cookie.starts_with(&format!("{COOKIE}=")) && !clears(cookie))
        .map(|cookie| cookie.split(';').next().unwrap().to_owned())
}

fn clears(cookie: &str) -> bool {
    cookie.starts_with(&format!("{COOKIE}=;")) && cookie.contains("Max-Age=0")
}

fn clears_session(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|value| clears(value.to_str().unwrap()))
}

fn location(response: &Response) -> &str {
    response.headers()[header::LOCATION].to_str().unwrap()
}

async fn text(response: Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

async fn json_body(response: Response) -> Value {
    serde_json::from_str(&text(response).await).unwrap()
}

/// A clock the test moves by hand, and the options' builder reading it.
fn clocked() -> (Arc<AtomicU64>, AuthOptionsBuilder) {
    let now = Arc::new(AtomicU64::new(1_800_000_000));
    let read = Arc::clone(&now);
    let builder =
        builder().clock(move || UNIX_EPOCH + Duration::from_secs(read.load(Ordering::SeqCst)));
    (now, builder)
}

mod get_server_session_page {
    use auth_examples::reference::get_server_session_page::{app, options};

    use super::*;

    fn site() -> Router {
        app(options(builder()).unwrap())
    }

    #[tokio::test]
    async fn without_a_session_the_page_redirects_home_temporarily() {
        let response = get(&site(), "/profile", None).await;
        // `redirect: { destination: '/', permanent: false }`
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(location(&response), "/");
    }

    #[tokio::test]
    async fn with_a_session_the_page_renders_it_as_props() {
        let site = site();
        let cookie = sign_in(&site, "/auth/signin", "user").await;
        let response = get(&site, "/profile", Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let page = text(response).await;
        assert!(page.contains("&quot;session&quot;"), "{page}");
        assert!(page.contains("user@example.com"), "{page}");
        assert!(page.contains("&quot;expires&quot;"), "{page}");
    }

    #[tokio::test]
    async fn the_landing_page_is_public() {
        let response = get(&site(), "/", None).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(text(response).await.contains("action=\"/auth/signin\""));
    }

    #[tokio::test]
    async fn a_bad_cookie_is_cleared_on_the_redirect() {
        let cookie = format!("{COOKIE}=not-a-token");
        let response = get(&site(), "/profile", Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
        assert!(clears_session(response.headers()));
    }

    #[tokio::test]
    async fn a_session_older_than_update_age_is_reissued_on_the_page() {
        let (now, builder) = clocked();
        let site = app(options(builder).unwrap());
        let cookie = sign_in(&site, "/auth/signin", "user").await;
        let fresh = get(&site, "/profile", Some(&cookie)).await;
        assert_eq!(session_cookie(fresh.headers()), None);
        now.fetch_add(25 * 60 * 60, Ordering::SeqCst);
        let response = get(&site, "/profile", Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let renewed = session_cookie(response.headers()).expect("a re-issued cookie");
        assert_ne!(renewed, cookie);
    }
}

mod get_server_session_api {
    use auth_examples::reference::get_server_session_api::{app, options};

    use super::*;

    fn site() -> Router {
        app(options(builder()).unwrap())
    }

    #[tokio::test]
    async fn without_a_session_it_answers_401_with_the_message() {
        let response = get(&site(), "/api/restricted", None).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            json_body(response).await,
            json!({ "message": "You must be logged in." })
        );
    }

    #[tokio::test]
    async fn with_a_session_cookie_it_answers_success() {
        let site = site();
        let cookie = sign_in(&site, "/auth/signin", "user").await;
        let response = get(&site, "/api/restricted", Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(json_body(response).await, json!({ "message": "Success" }));
    }

    #[tokio::test]
    async fn get_token_gives_the_claims_or_401() {
        let site = site();
        let response = get(&site, "/api/jwt", None).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let cookie = sign_in(&site, "/auth/signin", "admin").await;
        let claims = json_body(get(&site, "/api/jwt", Some(&cookie)).await).await;
        assert_eq!(claims["role"], json!("admin"));
        assert!(claims["exp"].is_u64() && claims["jti"].is_string());
    }

    #[tokio::test]
    async fn a_bearer_token_works_too_and_sets_no_cookie() {
        let options = options(builder()).unwrap();
        let token = jwt::encode(&options, &json!({ "sub": "1" })).await.unwrap();
        let request = Request::get("/api/restricted")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        let response = send(&app(options), request).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers().get(header::SET_COOKIE).is_none());
    }
}

mod protect_everything {
    use auth_examples::reference::protect_everything::{app, options};

    use super::*;

    fn site() -> Router {
        app(options(builder()).unwrap())
    }

    #[tokio::test]
    async fn every_page_sends_signed_out_visitors_to_sign_in() {
        let site = site();
        for (path, callback) in [
            ("/", "%2F"),
            ("/dashboard", "%2Fdashboard"),
            ("/dashboard?tab=1", "%2Fdashboard%3Ftab%3D1"),
            ("/no/such/page", "%2Fno%2Fsuch%2Fpage"),
        ] {
            let response = get(&site, path, None).await;
            assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT, "{path}");
            assert_eq!(
                location(&response),
                format!("/api/auth/signin?callbackUrl={callback}")
            );
        }
    }

    #[tokio::test]
    async fn the_sign_in_page_stays_reachable() {
        let site = site();
        let response = get(&site, "/api/auth/signin?callbackUrl=%2Fdashboard", None).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(text(response).await.contains("value=\"/dashboard\""));
        let response = post_form(
            &site,
            "/api/auth/signin",
            "account=user&callbackUrl=%2Fdashboard",
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/dashboard");
        assert!(session_cookie(response.headers()).is_some());
    }

    #[tokio::test]
    async fn signed_in_visitors_get_every_page() {
        let site = site();
        let cookie = sign_in(&site, "/api/auth/signin", "user").await;
        for path in ["/", "/dashboard"] {
            let response = get(&site, path, Some(&cookie)).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert!(text(response).await.contains("user@example.com"));
        }
        let missing = get(&site, "/no/such/page", Some(&cookie)).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }
}

mod admin_subtree {
    use auth_examples::reference::admin_subtree::{app, options};

    use super::*;

    const ADMIN_PATHS: [&str; 3] = ["/admin", "/admin/settings", "/admin/users/42"];

    fn site() -> Router {
        app(options(builder()).unwrap())
    }

    #[tokio::test]
    async fn the_rest_of_the_site_is_public() {
        assert_eq!(get(&site(), "/", None).await.status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn signed_out_requests_under_admin_go_to_sign_in_with_their_full_path() {
        let site = site();
        for path in ADMIN_PATHS.into_iter().chain(["/admin/no-such-page"]) {
            let response = get(&site, path, None).await;
            assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT, "{path}");
            let callback = path.replace('/', "%2F");
            assert_eq!(
                location(&response),
                format!("/auth/signin?callbackUrl={callback}")
            );
        }
    }

    #[tokio::test]
    async fn a_user_without_the_admin_role_is_refused_everywhere_under_admin() {
        let site = site();
        let cookie = sign_in(&site, "/auth/signin", "user").await;
        for path in ADMIN_PATHS {
            let response = get(&site, path, Some(&cookie)).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
            assert_eq!(
                json_body(response).await,
                json!({ "message": "You do not have access to this resource." })
            );
        }
    }

    #[tokio::test]
    async fn an_admin_gets_every_nested_route() {
        let site = site();
        let cookie = sign_in(&site, "/auth/signin", "admin").await;
        for path in ADMIN_PATHS {
            let response = get(&site, path, Some(&cookie)).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
        }
        let missing = get(&site, "/admin/no-such-page", Some(&cookie)).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        let settings = get(&site, "/admin/settings", Some(&cookie)).await;
        assert_eq!(
            json_body(settings).await["requestedBy"],
            json!("admin@example.com")
        );
    }
}

mod wrap_middleware {
    use auth_examples::reference::wrap_middleware::{TokenLog, app_with_log, options};

    use super::*;

    /// The site, and the `role` of every token its middleware saw.
    fn site() -> (Router, Arc<Mutex<Vec<Value>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let log: TokenLog = Arc::new(move |token| {
            let role = token.get("role").cloned().unwrap_or(Value::Null);
            record.lock().unwrap().push(role);
        });
        (app_with_log(options(builder()).unwrap(), log), seen)
    }

    #[tokio::test]
    async fn the_middleware_does_not_run_for_signed_out_requests() {
        let (site, seen) = site();
        let response = get(&site, "/admin", None).await;
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(location(&response), "/auth/signin?callbackUrl=%2Fadmin");
        assert!(seen.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn the_middleware_does_not_run_when_the_rule_refuses() {
        let (site, seen) = site();
        let cookie = sign_in(&site, "/auth/signin", "user").await;
        let response = get(&site, "/admin/settings", Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(seen.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn the_middleware_reads_the_token_of_requests_the_rule_let_through() {
        let (site, seen) = site();
        let cookie = sign_in(&site, "/auth/signin", "admin").await;
        for path in ["/admin", "/admin/settings"] {
            let response = get(&site, path, Some(&cookie)).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
        }
        assert_eq!(*seen.lock().unwrap(), [json!("admin"), json!("admin")]);
    }

    #[tokio::test]
    async fn public_pages_do_not_pass_through_the_middleware() {
        let (site, seen) = site();
        let cookie = sign_in(&site, "/auth/signin", "admin").await;
        assert_eq!(
            get(&site, "/", Some(&cookie)).await.status(),
            StatusCode::OK
        );
        assert!(seen.lock().unwrap().is_empty());
    }
}

mod custom_codec {
    use auth_examples::reference::custom_codec::{Hs512Keys, KeyError, app, options};
    use jsonwebtoken::Algorithm;

    use super::*;

    const KEY: &[u8] = b"a 64-byte HS512 test key: 0123456789abcdef0123456789abcdef0123456";
    const OLD_KEY: &[u8] = b"the previous 64-byte HS512 test key, kept to verify old sessions";

    fn codec_options(kid: &str, key: &[u8]) -> AuthOptions {
        options(Hs512Keys::new(kid, key).unwrap()).unwrap()
    }

    fn site() -> Router {
        app(codec_options("main", KEY))
    }

    #[tokio::test]
    async fn the_sign_in_writes_tokens_with_the_custom_codec() {
        let cookie = sign_in(&site(), "/auth/signin", "user").await;
        let token = cookie.strip_prefix(&format!("{COOKIE}=")).unwrap();
        let header = jsonwebtoken::decode_header(token).unwrap();
        assert_eq!(header.alg, Algorithm::HS512);
        assert_eq!(header.kid.as_deref(), Some("main"));
        let claims = jwt::decode(&codec_options("main", KEY), token)
            .await
            .unwrap();
        assert_eq!(claims.get_str("email"), Some("user@example.com"));
    }

    #[tokio::test]
    async fn the_layer_and_the_extractor_read_them_with_the_same_codec() {
        let site = site();
        let cookie = sign_in(&site, "/auth/signin", "user").await;
        let me = get(&site, "/api/me", Some(&cookie)).await;
        assert_eq!(me.status(), StatusCode::OK);
        assert_eq!(
            json_body(me).await["user"]["email"],
            json!("user@example.com")
        );
        let dashboard = get(&site, "/dashboard", Some(&cookie)).await;
        assert_eq!(dashboard.status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn signed_out_requests_are_refused_by_both_guards() {
        let site = site();
        let me = get(&site, "/api/me", None).await;
        assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
        let dashboard = get(&site, "/dashboard", None).await;
        assert_eq!(dashboard.status(), StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(
            location(&dashboard),
            "/auth/signin?callbackUrl=%2Fdashboard"
        );
    }

    #[tokio::test]
    async fn a_default_hs256_token_with_the_same_secret_is_refused() {
        let hs256 = AuthOptions::new(KEY).unwrap();
        let token = jwt::encode(&hs256, &json!({ "sub": "1" })).await.unwrap();
        let cookie = format!("{COOKIE}={token}");
        let site = site();
        let me = get(&site, "/api/me", Some(&cookie)).await;
        assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
        assert!(clears_session(me.headers()));
        let dashboard = get(&site, "/dashboard", Some(&cookie)).await;
        assert_eq!(dashboard.status(), StatusCode::TEMPORARY_REDIRECT);
    }

    #[tokio::test]
    async fn a_listed_previous_key_still_verifies_and_an_unknown_kid_does_not() {
        let rotated = Hs512Keys::new("main", KEY)
            .unwrap()
            .with_previous("old", OLD_KEY)
            .unwrap();
        let site = app(options(rotated).unwrap());
        let old = jwt::encode(&codec_options("old", OLD_KEY), &json!({ "sub": "1" }))
            .await
            .unwrap();
        let response = get(&site, "/api/me", Some(&format!("{COOKIE}={old}"))).await;
        assert_eq!(response.status(), StatusCode::OK);
        let other = jwt::encode(&codec_options("other", OLD_KEY), &json!({ "sub": "1" }))
            .await
            .unwrap();
        let response = get(&site, "/api/me", Some(&format!("{COOKIE}={other}"))).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }

    #[test]
    fn keys_shorter_than_the_hash_are_refused() {
        let error = Hs512Keys::new("main", SECRET.as_bytes()).err();
        assert_eq!(
            error,
            Some(KeyError::TooShort {
                kid: "main".into(),
                len: SECRET.len()
            })
        );
    }
}

mod callbacks {
    use auth_examples::reference::callbacks::{MAX_AGE, app, options};

    use super::*;

    fn site() -> (AuthOptions, Router) {
        let options = options(builder()).unwrap();
        (options.clone(), app(options))
    }

    #[tokio::test]
    async fn the_session_endpoint_answers_an_empty_object_when_signed_out() {
        let (_, site) = site();
        let response = get(&site, "/api/auth/session", None).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(json_body(response).await, json!({}));
    }

    #[tokio::test]
    async fn signed_out_pages_go_to_pages_sign_in() {
        let (_, site) = site();
        let response = get(&site, "/", None).await;
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(location(&response), "/auth/signin?callbackUrl=%2F");
        let page = get(&site, "/auth/signin?callbackUrl=%2F", None).await;
        assert_eq!(page.status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn a_failed_sign_in_goes_to_pages_error_which_stays_reachable() {
        let (_, site) = site();
        let response = post_form(&site, "/auth/signin", "account=nobody").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/auth/error?error=CredentialsSignin");
        let page = get(&site, "/auth/error?error=CredentialsSignin", None).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(text(page).await.contains("CredentialsSignin"));
    }

    #[tokio::test]
    async fn sessions_last_max_age() {
        let (_, site) = site();
        let response = post_form(&site, "/auth/signin", "account=user").await;
        let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(
            cookie.contains(&format!("Max-Age={}", MAX_AGE.as_secs())),
            "{cookie}"
        );
    }

    #[tokio::test]
    async fn the_session_callback_adds_the_role() {
        let (_, site) = site();
        let cookie = sign_in(&site, "/auth/signin", "user").await;
        let session = json_body(get(&site, "/api/auth/session", Some(&cookie)).await).await;
        assert_eq!(session["user"]["role"], json!("user"));
        assert_eq!(session["user"]["email"], json!("user@example.com"));
        assert!(session["expires"].as_str().unwrap().ends_with('Z'));
    }

    #[tokio::test]
    async fn the_authorized_callback_keeps_admin_pages_for_admins() {
        let (_, site) = site();
        let user = sign_in(&site, "/auth/signin", "user").await;
        assert_eq!(get(&site, "/", Some(&user)).await.status(), StatusCode::OK);
        let refused = get(&site, "/admin", Some(&user)).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let admin = sign_in(&site, "/auth/signin", "admin").await;
        assert_eq!(
            get(&site, "/admin", Some(&admin)).await.status(),
            StatusCode::OK
        );
    }

    #[tokio::test]
    async fn the_jwt_callback_ends_the_session_of_a_deleted_account() {
        let (options, site) = site();
        let token = jwt::encode(&options, &json!({ "sub": "99", "role": "admin" }))
            .await
            .unwrap();
        let cookie = format!("{COOKIE}={token}");
        let response = get(&site, "/admin", Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(location(&response), "/auth/signin?callbackUrl=%2Fadmin");
        assert!(clears_session(response.headers()));
        let session = get(&site, "/api/auth/session", Some(&cookie)).await;
        assert_eq!(json_body(session).await, json!({}));
    }

    #[tokio::test]
    async fn the_jwt_callback_updates_a_stale_role_and_reissues_the_cookie() {
        let (options, site) = site();
        let token = jwt::encode(&options, &json!({ "sub": "2", "role": "user" }))
            .await
            .unwrap();
        let response = get(&site, "/admin", Some(&format!("{COOKIE}={token}"))).await;
        assert_eq!(response.status(), StatusCode::OK);
        let renewed = session_cookie(response.headers()).expect("a re-issued cookie");
        let renewed = renewed.strip_prefix(&format!("{COOKIE}=")).unwrap();
        let claims = jwt::decode(&options, renewed).await.unwrap();
        assert_eq!(claims.get_str("role"), Some("admin"));
    }

    #[tokio::test]
    async fn sessions_are_reissued_after_update_age() {
        let (now, builder) = clocked();
        let site = app(options(builder).unwrap());
        let cookie = sign_in(&site, "/auth/signin", "user").await;
        now.fetch_add(30 * 60, Ordering::SeqCst);
        let early = get(&site, "/", Some(&cookie)).await;
        assert_eq!(session_cookie(early.headers()), None);
        now.fetch_add(31 * 60, Ordering::SeqCst);
        let late = get(&site, "/", Some(&cookie)).await;
        assert!(session_cookie(late.headers()).is_some());
    }
}
