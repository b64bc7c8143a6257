//! Rules that read the route's parameters (`path.<name>`): ownership checks answered before
//! the body is read, nested routers, values compared with numbers, and parameters a route
//! does not have.

use auth_runtime::{AuthLayer, with_auth};
use auth_tests::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

#[with_auth(authorized = "token.sub == path.user_id || token.role == 'admin'")]
async fn create_post(Json(post): Json<Value>) -> Json<Value> {
    Json(post)
}

fn app() -> Router {
    Router::new()
        .route("/users/{user_id}/posts", post(create_post))
        .with_state(options())
}

fn post_as(path: &str, sub: &str, role: &str, body: &'static str) -> Request<Body> {
    let token = token(json!({ "sub": sub, "role": role }));
    Request::post(path)
        .header("cookie", format!("{COOKIE}={token}"))
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("a valid test request")
}

#[tokio::test]
async fn the_owner_passes_and_others_are_refused_before_the_body_is_read() {
    let reply = send(
        app(),
        post_as("/users/ada/posts", "ada", "user", r#"{"a":1}"#),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), json!({ "a": 1 }));

    // Another user's post, with a body `Json` would refuse with 400: the guard answers first.
    let reply = send(
        app(),
        post_as("/users/ada/posts", "bob", "user", "{ not json"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    let reply = send(app(), post_as("/users/ada/posts", "bob", "admin", "{}")).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn parameters_are_percent_decoded() {
    let request = post_as(
        "/users/ada%40example.com/posts",
        "ada@example.com",
        "user",
        "{}",
    );
    assert_eq!(send(app(), request).await.status, StatusCode::OK);
    let request = post_as(
        "/users/ada%40example.com/posts",
        "ada%40example.com",
        "user",
        "{}",
    );
    assert_eq!(send(app(), request).await.status, StatusCode::FORBIDDEN);
}

#[with_auth(authorized = "token.org == path.org && path.team in token.teams")]
async fn team_page() -> &'static str {
    "team"
}

fn nested() -> Router {
    let teams = Router::new().route("/teams/{team}", get(team_page));
    Router::new()
        .nest("/orgs/{org}", teams)
        .with_state(options())
}

#[tokio::test]
async fn nested_routers_give_every_parameter_and_numbers_compare_by_value() {
    let token = token(json!({ "sub": "ada", "org": 7, "teams": ["core"] }));
    let visit = |path: &str| visit_with_cookie(path, &token);
    assert_eq!(
        send(nested(), visit("/orgs/7/teams/core")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        send(nested(), visit("/orgs/8/teams/core")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(nested(), visit("/orgs/7/teams/web")).await.status,
        StatusCode::FORBIDDEN
    );
    // Not the number 7 as JSON writes it: no match, rather than a guess.
    for path in [
        "/orgs/07/teams/core",
        "/orgs/+7/teams/core",
        "/orgs/7.0x/teams/core",
    ] {
        assert_eq!(
            send(nested(), visit(path)).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // 7.0 is the number 7.
    assert_eq!(
        send(nested(), visit("/orgs/7.0/teams/core")).await.status,
        StatusCode::OK
    );
}

#[with_auth(authorized = "token.sub == path.user_id")]
async fn no_such_parameter() -> &'static str {
    "never"
}

#[tokio::test]
async fn a_parameter_the_route_does_not_have_is_null_so_the_comparison_is_false() {
    let app = Router::new()
        .route("/profile/{id}", get(no_such_parameter))
        .with_state(options());
    let token = token(json!({ "sub": "ada" }));
    let reply = send(app, visit_with_cookie("/profile/ada", &token)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_parameter_that_is_not_utf8_is_refused_not_an_error() {
    let token = token(json!({ "sub": "ada", "role": "user" }));
    let request = Request::post("/users/%FF/posts")
        .header("cookie", format!("{COOKIE}={token}"))
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .expect("a valid test request");
    let reply = send(app(), request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

fn layered(layer_on_inner: bool) -> Router {
    let layer = AuthLayer::new(options()).rule(auth_runtime::rule!("token.sub == path.user_id"));
    let inner = Router::new().route("/{user_id}/settings", get(|| async { "settings" }));
    match layer_on_inner {
        true => Router::new().nest("/users", inner.layer(layer)),
        false => Router::new().nest("/users", inner).layer(layer),
    }
    .with_state(options())
}

#[tokio::test]
async fn the_layer_reads_the_parameters_of_the_routes_it_wraps() {
    let token = token(json!({ "sub": "ada" }));
    let reply = send(
        layered(true),
        visit_with_cookie("/users/ada/settings", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let reply = send(
        layered(true),
        visit_with_cookie("/users/bob/settings", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_layer_on_the_outer_router_reads_the_nested_routes_parameters_too() {
    // axum matches a nested router's routes as routes of the outer one, so a layer added
    // after `nest` wraps them with every parameter matched.
    let token = token(json!({ "sub": "ada" }));
    let reply = send(
        layered(false),
        visit_with_cookie("/users/ada/settings", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let reply = send(
        layered(false),
        visit_with_cookie("/users/bob/settings", &token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_rule_with_path_parameters_still_sends_the_signed_out_to_sign_in() {
    let reply = send(
        app(),
        Request::post("/users/ada/posts")
            .body(Body::empty())
            .expect("a request"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}
