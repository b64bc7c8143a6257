//! The ownership example, driven request by request through its `Router` without a socket:
//! every route, every account, every outcome.

use auth_examples::SESSION_COOKIE;
use auth_examples::ownership::ownership_app;
use auth_runtime::AuthOptions;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};

mod common;

use common::*;

fn options() -> AuthOptions {
    AuthOptions::new(SECRET).unwrap()
}

fn app() -> Router {
    ownership_app(options())
}

/// A session cookie for claims no account has, signed with the app's secret.
async fn cookie_for(claims: Value) -> String {
    let token = auth_runtime::jwt::encode(&options(), &claims)
        .await
        .unwrap();
    format!("{SESSION_COOKIE}={token}")
}

/// `PUT path` with a JSON content type and `body` as it is, valid JSON or not.
async fn put(app: &Router, path: &str, cookie: &str, body: &str) -> Response {
    let request = Request::put(path)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap();
    send(app, request).await
}

/// The status and JSON body of a response.
async fn reply(response: Response) -> (StatusCode, Value) {
    (response.status(), json(response).await)
}

fn signed_out() -> Value {
    json!({ "message": "You must be logged in." })
}

fn forbidden() -> Value {
    json!({ "message": "You do not have access to this resource." })
}

fn ada_draft(title: &str) -> Value {
    json!({ "id": 1, "author": "ada", "title": title, "draft": true })
}

fn grace_draft(title: &str) -> Value {
    json!({ "id": 3, "author": "grace", "title": title, "draft": true })
}

#[tokio::test]
async fn signing_in_returns_to_the_callback_url_or_the_accounts_drafts() {
    let app = app();
    let response = post_sign_in(&app, "account=ada", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/users/ada/drafts");

    let form = "account=root&callbackUrl=%2Fposts%2F3";
    assert_eq!(location(&post_sign_in(&app, form, &[]).await), "/posts/3");
    let form = "account=bob&callbackUrl=https%3A%2F%2Fevil.example";
    assert_eq!(
        location(&post_sign_in(&app, form, &[]).await),
        "/users/bob/drafts"
    );
}

#[tokio::test]
async fn an_unknown_account_or_a_cross_site_form_gets_no_session() {
    let app = app();
    let response = post_sign_in(&app, "account=grace", &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.headers().get(header::SET_COOKIE).is_none());

    let cross_site = [("sec-fetch-site", "cross-site")];
    let response = post_sign_in(&app, "account=root", &cross_site).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.headers().get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn signed_out_every_guarded_route_answers_401() {
    let app = app();
    for path in ["/users/ada/drafts", "/orgs/7/billing"] {
        let response = get(&app, path, None).await;
        assert_eq!(
            reply(response).await,
            (StatusCode::UNAUTHORIZED, signed_out())
        );
    }
    let request = Request::put("/posts/1")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"title":"Anonymous"}"#))
        .unwrap();
    let response = send(&app, request).await;
    assert_eq!(
        reply(response).await,
        (StatusCode::UNAUTHORIZED, signed_out())
    );
}

#[tokio::test]
async fn a_session_whose_claims_are_not_app_claims_is_no_session_here() {
    // A session of the demo app: no `email_verified`, and `user` is no `Role`.
    let cookie = cookie_for(json!({ "sub": "1", "name": "Demo User", "role": "user" })).await;
    let response = get(&app(), "/users/1/drafts", Some(&cookie)).await;
    assert_eq!(
        reply(response).await,
        (StatusCode::UNAUTHORIZED, signed_out())
    );
}

#[tokio::test]
async fn a_user_reads_their_own_drafts() {
    let app = app();
    let ada = signed_in_as(&app, "ada").await;
    let response = get(&app, "/users/ada/drafts", Some(&ada)).await;
    let drafts = json!([ada_draft("Notes on the Analytical Engine")]);
    assert_eq!(reply(response).await, (StatusCode::OK, drafts));

    let bob = signed_in_as(&app, "bob").await;
    let response = get(&app, "/users/bob/drafts", Some(&bob)).await;
    assert_eq!(reply(response).await, (StatusCode::OK, json!([])));
}

#[tokio::test]
async fn another_users_drafts_are_refused_but_an_admin_reads_anyones() {
    let app = app();
    let ada = signed_in_as(&app, "ada").await;
    let bob = signed_in_as(&app, "bob").await;
    for (cookie, path) in [(&ada, "/users/grace/drafts"), (&bob, "/users/ada/drafts")] {
        let response = get(&app, path, Some(cookie)).await;
        assert_eq!(
            reply(response).await,
            (StatusCode::FORBIDDEN, forbidden()),
            "{path}"
        );
    }

    let root = signed_in_as(&app, "root").await;
    let response = get(&app, "/users/grace/drafts", Some(&root)).await;
    let drafts = json!([grace_draft("A first compiler")]);
    assert_eq!(reply(response).await, (StatusCode::OK, drafts));
}

#[tokio::test]
async fn an_author_retitles_their_own_post() {
    let app = app();
    let ada = signed_in_as(&app, "ada").await;
    let response = put(&app, "/posts/1", &ada, r#"{"title":"Note G"}"#).await;
    assert_eq!(reply(response).await, (StatusCode::OK, ada_draft("Note G")));

    // The store keeps the edit.
    let response = get(&app, "/users/ada/drafts", Some(&ada)).await;
    assert_eq!(json(response).await, json!([ada_draft("Note G")]));
}

#[tokio::test]
async fn the_check_refuses_another_authors_post_with_403() {
    let app = app();
    let ada = signed_in_as(&app, "ada").await;
    let response = put(&app, "/posts/3", &ada, r#"{"title":"Mine now"}"#).await;
    assert_eq!(reply(response).await, (StatusCode::FORBIDDEN, forbidden()));

    let root = signed_in_as(&app, "root").await;
    let response = get(&app, "/users/grace/drafts", Some(&root)).await;
    assert_eq!(
        json(response).await,
        json!([grace_draft("A first compiler")])
    );
}

#[tokio::test]
async fn the_check_answers_404_for_a_post_that_does_not_exist() {
    let app = app();
    for account in ["ada", "root"] {
        let cookie = signed_in_as(&app, account).await;
        for (path, id) in [("/posts/9", "9"), ("/posts/nine", "nine")] {
            let response = put(&app, path, &cookie, r#"{"title":"Nothing"}"#).await;
            let message = json!({ "message": format!("There is no post {id}.") });
            assert_eq!(
                reply(response).await,
                (StatusCode::NOT_FOUND, message),
                "{account} {path}"
            );
        }
    }
}

#[tokio::test]
async fn the_rule_refuses_an_unverified_reader_before_the_check_runs() {
    let app = app();
    let bob = signed_in_as(&app, "bob").await;
    // Refused by the rule, so the check never says that post 9 does not exist.
    for path in ["/posts/1", "/posts/9"] {
        let response = put(&app, path, &bob, r#"{"title":"Bob was here"}"#).await;
        assert_eq!(
            reply(response).await,
            (StatusCode::FORBIDDEN, forbidden()),
            "{path}"
        );
    }
    // A verified reader is refused too: the rule wants an author or an admin.
    let reader = json!({
        "sub": "ada", "name": "Ada", "role": "reader", "org_id": 7, "email_verified": true,
    });
    let response = put(&app, "/posts/1", &cookie_for(reader).await, "{}").await;
    assert_eq!(reply(response).await, (StatusCode::FORBIDDEN, forbidden()));
}

#[tokio::test]
async fn a_refused_edit_with_a_body_that_is_not_json_gets_403_not_400() {
    let app = app();
    let bob = signed_in_as(&app, "bob").await;
    let response = put(&app, "/posts/1", &bob, "{ not json").await;
    assert_eq!(reply(response).await, (StatusCode::FORBIDDEN, forbidden()));

    let ada = signed_in_as(&app, "ada").await;
    let response = put(&app, "/posts/3", &ada, "{ not json").await;
    assert_eq!(reply(response).await, (StatusCode::FORBIDDEN, forbidden()));

    // Once the guard lets the request through, `Json` reads the body and refuses it.
    let response = put(&app, "/posts/1", &ada, "{ not json").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_admin_edits_any_post() {
    let app = app();
    let root = signed_in_as(&app, "root").await;
    let response = put(&app, "/posts/3", &root, r#"{"title":"Edited"}"#).await;
    assert_eq!(
        reply(response).await,
        (StatusCode::OK, grace_draft("Edited"))
    );
}

#[tokio::test]
async fn billing_is_for_the_orgs_own_authors_and_numbers_compare_by_value() {
    let app = app();
    let ada = signed_in_as(&app, "ada").await;
    let response = get(&app, "/orgs/7/billing", Some(&ada)).await;
    let billing = json!({ "org": 7, "plan": "team", "seats": 5, "requestedBy": "Ada Lovelace" });
    assert_eq!(reply(response).await, (StatusCode::OK, billing));

    for path in ["/orgs/07/billing", "/orgs/8/billing", "/orgs/seven/billing"] {
        let response = get(&app, path, Some(&ada)).await;
        assert_eq!(
            reply(response).await,
            (StatusCode::FORBIDDEN, forbidden()),
            "{path}"
        );
    }
}

#[tokio::test]
async fn billing_refuses_sessions_without_the_org_or_the_role() {
    let app = app();
    // Bob and root have no org: `null` is no org's id, whatever the role.
    for account in ["bob", "root"] {
        let cookie = signed_in_as(&app, account).await;
        let response = get(&app, "/orgs/7/billing", Some(&cookie)).await;
        assert_eq!(
            reply(response).await,
            (StatusCode::FORBIDDEN, forbidden()),
            "{account}"
        );
    }
    // A reader of org 7 is in the org, but not in the role.
    let reader = json!({
        "sub": "carol", "name": "Carol", "role": "reader", "org_id": 7, "email_verified": true,
    });
    let response = get(&app, "/orgs/7/billing", Some(&cookie_for(reader).await)).await;
    assert_eq!(reply(response).await, (StatusCode::FORBIDDEN, forbidden()));
}

/// The outcome table of the `ownership` module's documentation, cell by cell.
#[tokio::test]
async fn every_request_of_the_outcome_table_gets_its_status() {
    let (ok, forbidden) = (StatusCode::OK, StatusCode::FORBIDDEN);
    let not_found = StatusCode::NOT_FOUND;
    let table = [
        ("GET", "/users/ada/drafts", [ok, forbidden, ok]),
        ("GET", "/users/bob/drafts", [forbidden, ok, ok]),
        ("GET", "/users/grace/drafts", [forbidden, forbidden, ok]),
        ("PUT", "/posts/1", [ok, forbidden, ok]),
        ("PUT", "/posts/3", [forbidden, forbidden, ok]),
        ("PUT", "/posts/9", [not_found, forbidden, not_found]),
        ("GET", "/orgs/7/billing", [ok, forbidden, forbidden]),
        ("GET", "/orgs/07/billing", [forbidden, forbidden, forbidden]),
        ("GET", "/orgs/8/billing", [forbidden, forbidden, forbidden]),
    ];
    for (method, path, statuses) in table {
        let app = app();
        let request = |cookie: Option<&str>| {
            let mut request = Request::builder()
                .method(method)
                .uri(path)
                .header(header::CONTENT_TYPE, "application/json");
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            request.body(Body::from(r#"{"title":"T"}"#)).unwrap()
        };
        let status = send(&app, request(None)).await.status();
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{method} {path} signed out"
        );
        for (account, expected) in ["ada", "bob", "root"].into_iter().zip(statuses) {
            let cookie = signed_in_as(&app, account).await;
            let status = send(&app, request(Some(&cookie))).await.status();
            assert_eq!(status, expected, "{method} {path} as {account}");
        }
    }
}
