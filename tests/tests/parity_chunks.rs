//! Chunked session cookies, as NextAuth.js writes them: a token over 3933 characters is
//! split into `next-auth.session-token.0`, `.1`, ...; the chunks are read back in any order,
//! a gap signs the request out and clears them, stale chunks are cleared when a token of
//! another size is written, and names that only look like chunks are ignored.

use std::time::Duration;

use auth_runtime::{
    AuthOptions, DEFAULT_MAX_AGE, DEFAULT_UPDATE_AGE, SessionCookies, Token, jwt, with_auth,
};
use auth_tests::*;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

const T: u64 = 1_750_000_000;
const MAX_AGE: u64 = DEFAULT_MAX_AGE.as_secs();
const CHUNK_SIZE: usize = 3933;

/// Signs in a user whose `bio` claim is `size` characters long.
async fn sign_in(
    State(options): State<AuthOptions>,
    Path(size): Path<usize>,
    headers: HeaderMap,
) -> Response {
    match SessionCookies::sign_in(&options, &headers, &claims(size)).await {
        Ok(cookies) => (cookies, "signed in").into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

async fn sign_out(State(options): State<AuthOptions>, headers: HeaderMap) -> Response {
    (SessionCookies::sign_out(&options, &headers), "signed out").into_response()
}

async fn me(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

#[with_auth(sign_in = "/auth/signin")]
async fn guarded(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/sign-in/{size}", get(sign_in))
        .route("/sign-out", get(sign_out))
        .route("/me", get(me))
        .route("/guarded", get(guarded))
        .with_state(options)
}

fn claims(size: usize) -> Value {
    json!({ "sub": "user-1", "name": "Ada", "email": "ada@example.com", "bio": "x".repeat(size) })
}

/// Sizes of `bio` giving a token in one cookie, two chunks and three chunks.
const SMALL: usize = 10;
const TWO_CHUNKS: usize = 4_000;
const THREE_CHUNKS: usize = 6_500;

fn options_at(clock: &ManualClock) -> AuthOptions {
    AuthOptions::builder()
        .secret(SECRET)
        .clock(clock.time())
        .build()
        .expect("valid options")
}

/// One `Set-Cookie` header taken apart: name, value, and the attributes after them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SetCookie {
    name: String,
    value: String,
    attributes: String,
}

fn parse(reply: &Reply) -> Vec<SetCookie> {
    reply
        .set_cookies()
        .into_iter()
        .map(|header| {
            let (pair, attributes) = header.split_once("; ").unwrap_or((header, ""));
            let (name, value) = pair.split_once('=').expect("name=value");
            SetCookie {
                name: name.to_owned(),
                value: value.to_owned(),
                attributes: attributes.to_owned(),
            }
        })
        .collect()
}

const ISSUED: &str = "HttpOnly; SameSite=Lax; Path=/; Max-Age=2592000";

fn chunk(index: usize) -> String {
    format!("{COOKIE}.{index}")
}

/// The chunk cookies a sign-in wrote, checked: `.0` to `.n-1` in order, each with the session
/// cookie's attributes and at most [`CHUNK_SIZE`] characters. Returns their values.
fn written_chunks(reply: &Reply, expected: usize) -> Vec<String> {
    let cookies = parse(reply);
    let names: Vec<&str> = cookies.iter().map(|cookie| cookie.name.as_str()).collect();
    let wanted: Vec<String> = (0..expected).map(chunk).collect();
    assert_eq!(names, wanted, "{:?}", reply.set_cookies());
    for cookie in &cookies {
        assert_eq!(cookie.attributes, ISSUED, "{}", cookie.name);
        assert!(
            cookie.value.len() <= CHUNK_SIZE,
            "{} holds {} characters",
            cookie.name,
            cookie.value.len()
        );
        assert!(!cookie.value.is_empty(), "{} is empty", cookie.name);
    }
    assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));
    cookies.into_iter().map(|cookie| cookie.value).collect()
}

/// Signs in with a `bio` of `size` and returns the chunk values written.
async fn signed_in_chunks(options: &AuthOptions, size: usize, expected: usize) -> Vec<String> {
    let reply = send(app(options.clone()), visit(&format!("/sign-in/{size}"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    written_chunks(&reply, expected)
}

/// A `Cookie` header holding the chunks with these indices, between other cookies.
fn cookie_header(values: &[String], order: &[usize]) -> String {
    let mut pairs = vec!["theme=dark".to_owned()];
    pairs.extend(
        order
            .iter()
            .map(|&index| format!("{}={}", chunk(index), values[index])),
    );
    pairs.push("lang=en".to_owned());
    pairs.join("; ")
}

#[tokio::test]
async fn a_large_token_is_written_in_chunks_of_at_most_3933_characters() {
    let options = options_at(&ManualClock::at(T));
    let values = signed_in_chunks(&options, THREE_CHUNKS, 3).await;
    let joined = values.concat();
    assert!(joined.len() > 2 * CHUNK_SIZE);
    assert_eq!(values[0].len(), CHUNK_SIZE);
    assert_eq!(values[1].len(), CHUNK_SIZE);
    let token = jwt::decode(&options, &joined)
        .await
        .expect("the chunks joined in order are the token");
    assert_eq!(token.get_str("bio").map(str::len), Some(THREE_CHUNKS));
    assert_eq!(token.get("iat"), Some(&json!(T)));
    assert_eq!(token.get("exp"), Some(&json!(T + MAX_AGE)));

    let values = signed_in_chunks(&options, TWO_CHUNKS, 2).await;
    assert!(jwt::decode(&options, &values.concat()).await.is_ok());
}

#[tokio::test]
async fn a_token_that_fits_is_written_whole() {
    let options = options_at(&ManualClock::at(T));
    let reply = send(app(options.clone()), visit(&format!("/sign-in/{SMALL}"))).await;
    let value = reply.cookie_value(COOKIE).expect("the whole cookie");
    assert_eq!(reply.set_cookies(), [issued_cookie(COOKIE, value, MAX_AGE)]);
    assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));
}

#[tokio::test]
async fn chunks_sent_back_in_any_order_authenticate() {
    let options = options_at(&ManualClock::at(T));
    let values = signed_in_chunks(&options, THREE_CHUNKS, 3).await;
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]] {
        let header = cookie_header(&values, &order);
        for path in ["/me", "/guarded"] {
            let reply = send(app(options.clone()), visit_with_cookies(path, &header)).await;
            assert_eq!(reply.status, StatusCode::OK, "{path} {order:?}");
            assert_eq!(
                reply.json()["bio"].as_str().map(str::len),
                Some(THREE_CHUNKS)
            );
            assert!(
                reply.set_cookies().is_empty(),
                "{path} {order:?}: {:?}",
                reply.set_cookies()
            );
        }
    }
}

#[tokio::test]
async fn chunks_spread_over_several_cookie_headers_authenticate() {
    let options = options_at(&ManualClock::at(T));
    let values = signed_in_chunks(&options, THREE_CHUNKS, 3).await;
    let request = Request::get("/me")
        .header("cookie", format!("{}={}", chunk(2), values[2]))
        .header("cookie", format!("theme=dark; {}={}", chunk(0), values[0]))
        .header("cookie", format!("{}={}", chunk(1), values[1]))
        .body(Body::empty())
        .expect("a valid request");
    let reply = send(app(options), request).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["name"], "Ada");
}

#[tokio::test]
async fn a_missing_chunk_signs_out_and_clears_the_chunks_sent() {
    let options = options_at(&ManualClock::at(T));
    let values = signed_in_chunks(&options, THREE_CHUNKS, 3).await;

    let header = cookie_header(&values, &[2, 0]);
    let reply = send(app(options.clone()), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json(), json!({ "message": "You must be logged in." }));
    let mut cleared = reply.set_cookies();
    cleared.sort_unstable();
    assert_eq!(
        cleared,
        [clearing_cookie(&chunk(0)), clearing_cookie(&chunk(2))]
    );
    assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));

    let reply = send(
        app(options.clone()),
        visit_with_cookies("/guarded", &header),
    )
    .await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.header("location"),
        Some("/auth/signin?callbackUrl=%2Fguarded")
    );
    assert_eq!(reply.set_cookies().len(), 2);

    // Without the first chunk.
    let header = cookie_header(&values, &[1, 2]);
    let reply = send(app(options.clone()), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let mut cleared = reply.set_cookies();
    cleared.sort_unstable();
    assert_eq!(
        cleared,
        [clearing_cookie(&chunk(1)), clearing_cookie(&chunk(2))]
    );

    // Without the last chunk: the first two do not make a token.
    let header = cookie_header(&values, &[0, 1]);
    let reply = send(app(options), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let mut cleared = reply.set_cookies();
    cleared.sort_unstable();
    assert_eq!(
        cleared,
        [clearing_cookie(&chunk(0)), clearing_cookie(&chunk(1))]
    );
}

#[tokio::test]
async fn stale_chunks_are_cleared_when_a_token_that_fits_is_written() {
    let options = options_at(&ManualClock::at(T));
    let values = signed_in_chunks(&options, THREE_CHUNKS, 3).await;
    let header = cookie_header(&values, &[0, 1, 2]);
    let reply = send(
        app(options.clone()),
        visit_with_cookies(&format!("/sign-in/{SMALL}"), &header),
    )
    .await;
    let value = reply
        .cookie_value(COOKIE)
        .expect("the whole cookie")
        .to_owned();
    let mut cookies = reply.set_cookies();
    cookies.sort_unstable();
    let mut expected = vec![
        issued_cookie(COOKIE, &value, MAX_AGE),
        clearing_cookie(&chunk(0)),
        clearing_cookie(&chunk(1)),
        clearing_cookie(&chunk(2)),
    ];
    expected.sort_unstable();
    assert_eq!(cookies, expected);
    assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));
    assert!(jwt::decode(&options, &value).await.is_ok());
}

#[tokio::test]
async fn stale_chunks_are_cleared_when_fewer_chunks_are_written() {
    let options = options_at(&ManualClock::at(T));
    let values = signed_in_chunks(&options, THREE_CHUNKS, 3).await;
    let header = cookie_header(&values, &[0, 1, 2]);
    let reply = send(
        app(options.clone()),
        visit_with_cookies(&format!("/sign-in/{TWO_CHUNKS}"), &header),
    )
    .await;
    let cookies = parse(&reply);
    let names: Vec<&str> = cookies.iter().map(|cookie| cookie.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [chunk(0), chunk(1), chunk(2)]);
    let cleared = reply
        .set_cookies()
        .into_iter()
        .filter(|cookie| cookie.starts_with(&format!("{}=", chunk(2))))
        .collect::<Vec<_>>();
    assert_eq!(cleared, [clearing_cookie(&chunk(2))]);
    let joined: String = [0, 1]
        .iter()
        .map(|&index| {
            cookies
                .iter()
                .find(|cookie| cookie.name == chunk(index))
                .expect("written")
                .value
                .clone()
        })
        .collect();
    assert!(jwt::decode(&options, &joined).await.is_ok());
}

#[tokio::test]
async fn a_whole_cookie_is_cleared_when_a_chunked_token_is_written() {
    let options = options_at(&ManualClock::at(T));
    let small = jwt::encode(&options, &claims(SMALL))
        .await
        .expect("encodes");
    let reply = send(
        app(options.clone()),
        visit_with_cookie(&format!("/sign-in/{TWO_CHUNKS}"), &small),
    )
    .await;
    let mut cookies = reply.set_cookies();
    assert_eq!(cookies.len(), 3, "{cookies:?}");
    cookies.retain(|cookie| cookie.starts_with(&format!("{COOKIE}=")));
    assert_eq!(cookies, [clearing_cookie(COOKIE)]);
}

#[tokio::test]
async fn names_that_only_look_like_session_cookies_are_ignored() {
    let options = options_at(&ManualClock::at(T));
    let valid = jwt::encode(&options, &claims(SMALL))
        .await
        .expect("encodes");
    let lookalikes =
        format!("{COOKIE}-old={valid}; {COOKIE}.x={valid}; {COOKIE}.01={valid}; {COOKIE}s={valid}");

    let reply = send(app(options.clone()), visit_with_cookies("/me", &lookalikes)).await;
    assert_eq!(
        reply.status,
        StatusCode::UNAUTHORIZED,
        "none of them is read"
    );
    assert!(reply.set_cookies().is_empty(), "{:?}", reply.set_cookies());

    let both = format!("{lookalikes}; {COOKIE}={valid}");
    let reply = send(app(options.clone()), visit_with_cookies("/me", &both)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.set_cookies().is_empty(), "{:?}", reply.set_cookies());

    let reply = send(
        app(options.clone()),
        visit_with_cookies("/sign-out", &lookalikes),
    )
    .await;
    assert!(reply.set_cookies().is_empty(), "{:?}", reply.set_cookies());
    assert_eq!(reply.header("cache-control"), None);

    let reply = send(
        app(options.clone()),
        visit_with_cookies(&format!("/sign-in/{SMALL}"), &lookalikes),
    )
    .await;
    let value = reply.cookie_value(COOKIE).expect("the whole cookie");
    assert_eq!(reply.set_cookies(), [issued_cookie(COOKIE, value, MAX_AGE)]);

    // A `.01` or `.x` is no chunk: `.0` alone is the whole (broken) token.
    let values = signed_in_chunks(&options, TWO_CHUNKS, 2).await;
    let header = format!(
        "{}={}; {COOKIE}.01={}; {COOKIE}.x={}",
        chunk(0),
        values[0],
        values[1],
        values[1]
    );
    let reply = send(app(options), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.set_cookies(), [clearing_cookie(&chunk(0))]);
}

#[tokio::test]
async fn sign_out_clears_every_chunk() {
    let options = options_at(&ManualClock::at(T));
    let values = signed_in_chunks(&options, THREE_CHUNKS, 3).await;

    let header = cookie_header(&values, &[1, 0, 2]);
    let reply = send(
        app(options.clone()),
        visit_with_cookies("/sign-out", &header),
    )
    .await;
    let mut cookies = reply.set_cookies();
    cookies.sort_unstable();
    assert_eq!(
        cookies,
        [
            clearing_cookie(&chunk(0)),
            clearing_cookie(&chunk(1)),
            clearing_cookie(&chunk(2))
        ]
    );
    assert_eq!(reply.header("cache-control"), Some(PRIVATE_NO_STORE));

    // The whole cookie and broken chunks are cleared alike.
    let header = format!("{COOKIE}=abc; {}=x; {}=y", chunk(0), chunk(3));
    let reply = send(
        app(options.clone()),
        visit_with_cookies("/sign-out", &header),
    )
    .await;
    let mut cookies = reply.set_cookies();
    cookies.sort_unstable();
    let mut expected = [
        clearing_cookie(COOKIE),
        clearing_cookie(&chunk(0)),
        clearing_cookie(&chunk(3)),
    ];
    expected.sort_unstable();
    assert_eq!(cookies, expected);

    let reply = send(app(options), visit("/sign-out")).await;
    assert!(reply.set_cookies().is_empty());
    assert_eq!(reply.header("cache-control"), None);
}

#[tokio::test]
async fn a_chunked_session_due_for_refresh_is_reissued_in_chunks() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let values = signed_in_chunks(&options, THREE_CHUNKS, 3).await;
    let now = T + DEFAULT_UPDATE_AGE.as_secs() + 1;
    clock.set(now);
    let header = cookie_header(&values, &[0, 1, 2]);
    let reply = send(
        app(options.clone()),
        visit_with_cookies("/guarded", &header),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let fresh = written_chunks(&reply, 3);
    assert_ne!(fresh, values);
    let token = jwt::decode(&options, &fresh.concat())
        .await
        .expect("the new chunks join to a valid token");
    assert_eq!(token.get("iat"), Some(&json!(now)));
    assert_eq!(token.get("exp"), Some(&json!(now + MAX_AGE)));
}

#[tokio::test]
async fn chunks_adding_up_to_more_than_the_size_cap_are_refused_and_cleared() {
    let clock = ManualClock::at(T);
    let options = options_at(&clock);
    let values = signed_in_chunks(&options, THREE_CHUNKS, 3).await;
    let capped = AuthOptions::builder()
        .secret(SECRET)
        .clock(clock.time())
        .max_token_bytes(8 * 1024)
        .max_age(Duration::from_secs(MAX_AGE))
        .build()
        .expect("valid options");
    let header = cookie_header(&values, &[0, 1, 2]);
    let reply = send(app(capped), visit_with_cookies("/me", &header)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let mut cleared = reply.set_cookies();
    cleared.sort_unstable();
    assert_eq!(
        cleared,
        [
            clearing_cookie(&chunk(0)),
            clearing_cookie(&chunk(1)),
            clearing_cookie(&chunk(2))
        ]
    );
}
