//! The demo app, driven request by request through its `Router` without a socket.

use std::time::Duration;

use auth_examples::{SESSION_COOKIE, demo_app};
use auth_runtime::AuthOptions;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

mod common;

use common::*;

const THIRTY_DAYS: u64 = 30 * 24 * 60 * 60;

fn app() -> Router {
    demo_app(AuthOptions::new(SECRET).unwrap())
}

#[tokio::test]
async fn signed_out_admin_page_redirects_to_sign_in_with_its_path() {
    let response = get(&app(), "/admin", None).await;
    assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(location(&response), "/auth/signin?callbackUrl=%2Fadmin");
}

#[tokio::test]
async fn the_sign_in_page_carries_the_callback_url_in_its_form() {
    let page = text(get(&app(), "/auth/signin?callbackUrl=%2Fadmin", None).await).await;
    assert!(page.contains(r#"<input type="hidden" name="callbackUrl" value="/admin">"#));
    let page = text(get(&app(), "/auth/signin?callbackUrl=%2F%2Fevil.example", None).await).await;
    assert!(page.contains(r#"name="callbackUrl" value="/">"#));
}

#[tokio::test]
async fn signing_in_sets_the_session_cookie_and_returns_to_the_callback_url() {
    let response = post_sign_in(&app(), "account=admin&callbackUrl=%2Fadmin", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/admin");
    let cookie = set_cookie(response.headers());
    for attribute in [
        "HttpOnly",
        "SameSite=Lax",
        "Path=/",
        &format!("Max-Age={THIRTY_DAYS}"),
    ] {
        assert!(
            cookie.contains(attribute),
            "{attribute} missing from {cookie}"
        );
    }
    assert!(!cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn the_cookie_lives_as_long_as_the_configured_session() {
    let options = AuthOptions::builder()
        .secret(SECRET)
        .max_age(Duration::from_secs(3600))
        .build()
        .unwrap();
    let response = post_sign_in(&demo_app(options), "account=user", &[]).await;
    assert!(set_cookie(response.headers()).contains("Max-Age=3600"));
}

#[tokio::test]
async fn the_admin_reaches_the_admin_page_and_api() {
    let app = app();
    let cookie = signed_in_as(&app, "admin").await;

    let page = get(&app, "/admin", Some(&cookie)).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(text(page).await.contains("Welcome, Demo Admin"));

    let stats = get(&app, "/api/admin/stats", Some(&cookie)).await;
    assert_eq!(stats.status(), StatusCode::OK);
    assert_eq!(json(stats).await["requestedBy"], "admin@example.com");
}

#[tokio::test]
async fn the_user_is_refused_the_admin_page_and_api() {
    let app = app();
    let cookie = signed_in_as(&app, "user").await;

    let stats = get(&app, "/api/admin/stats", Some(&cookie)).await;
    assert_eq!(stats.status(), StatusCode::FORBIDDEN);

    let page = get(&app, "/admin", Some(&cookie)).await;
    assert_eq!(page.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(location(&page), "/auth/forbidden");
}

#[tokio::test]
async fn api_me_answers_401_signed_out_and_the_session_signed_in() {
    let app = app();
    let response = get(&app, "/api/me", None).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(json(response).await["message"], "You must be logged in.");

    let cookie = signed_in_as(&app, "user").await;
    let session = json(get(&app, "/api/me", Some(&cookie)).await).await;
    assert_eq!(session["user"]["email"], "user@example.com");
    assert_eq!(
        session["user"]["image"],
        "https://example.com/avatars/user.png"
    );
}

#[tokio::test]
async fn the_home_page_shows_who_is_signed_in() {
    let app = app();
    let signed_out = text(get(&app, "/", None).await).await;
    assert!(signed_out.contains("You are not signed in."));

    let cookie = signed_in_as(&app, "admin").await;
    let signed_in = text(get(&app, "/", Some(&cookie)).await).await;
    assert!(signed_in.contains("Signed in as <strong>Demo Admin</strong> (admin@example.com)"));
}

#[tokio::test]
async fn sign_in_never_redirects_to_another_site() {
    let app = app();
    for callback in [
        "https%3A%2F%2Fevil.example",
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "%2F%09%2Fevil.example",
    ] {
        let response =
            post_sign_in(&app, &format!("account=user&callbackUrl={callback}"), &[]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/", "callbackUrl={callback}");
    }
}

#[tokio::test]
async fn a_sign_in_posted_from_another_site_is_refused() {
    let response = post_sign_in(&app(), "account=admin", &[("sec-fetch-site", "cross-site")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.headers().get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn signing_out_clears_the_cookie() {
    let app = app();
    let request = Request::post("/auth/signout")
        .header(header::COOKIE, format!("{SESSION_COOKIE}=any-token"))
        .body(Body::empty())
        .unwrap();
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/");
    let cookie = set_cookie(response.headers());
    assert!(
        cookie.starts_with(&format!("{SESSION_COOKIE}=;")),
        "{cookie}"
    );
    assert!(cookie.contains("Max-Age=0"), "{cookie}");
}
