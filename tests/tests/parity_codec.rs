//! A custom codec (`jwt.encode` / `jwt.decode` in NextAuth.js): set once in the options, it
//! is what `jwt::encode`/`decode`, the attribute, the extractors, the layer, the session
//! endpoint and the cookies use; a default HS256 token means nothing to it; and `exp` is
//! enforced even when the codec does not look at it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use auth_runtime::codec::Codec;
use auth_runtime::jwt::{self, JwtError};
use auth_runtime::{
    AuthLayer, AuthOptions, DEFAULT_MAX_AGE, DEFAULT_UPDATE_AGE, Session, SessionCookies, Token,
    get_server_session, session_endpoint, with_auth,
};
use auth_tests::*;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Map, Value, json};

const T: u64 = 1_750_000_000;
const KEY: &str = "the HS512 key of the custom codec, 64 bytes would be better....";

/// HS512 instead of HS256, as in the `Codec` docs. Its `decode` checks the signature and the
/// algorithm only: no `exp`, no `nbf`, no required claims. It counts its decodes.
struct Hs512 {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    decodes: Arc<AtomicUsize>,
}

impl Hs512 {
    fn new(decodes: Arc<AtomicUsize>) -> Self {
        let mut validation = Validation::new(Algorithm::HS512);
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.required_spec_claims.clear();
        Self {
            encoding: EncodingKey::from_secret(KEY.as_bytes()),
            decoding: DecodingKey::from_secret(KEY.as_bytes()),
            validation,
            decodes,
        }
    }
}

impl Codec for Hs512 {
    async fn encode(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS512), claims, &self.encoding)
            .map_err(|_| JwtError::Encoding)
    }

    async fn decode(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        self.decodes.fetch_add(1, Ordering::SeqCst);
        jsonwebtoken::decode(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|_| JwtError::InvalidSignature)
    }
}

struct Setup {
    options: AuthOptions,
    clock: ManualClock,
    decodes: Arc<AtomicUsize>,
}

fn setup() -> Setup {
    let clock = ManualClock::at(T);
    let decodes = Arc::new(AtomicUsize::new(0));
    let options = AuthOptions::builder()
        .codec(Hs512::new(decodes.clone()))
        .clock(clock.time())
        .build()
        .expect("a custom codec needs no secret");
    Setup {
        options,
        clock,
        decodes,
    }
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn guarded(token: Token, session: Session) -> Json<Value> {
    Json(json!({ "name": token.get_str("name"), "session": session }))
}

async fn extractors(token: Token, session: Option<Session>) -> Json<Value> {
    Json(json!({ "name": token.get_str("name"), "session": session }))
}

async fn layered(token: Token) -> String {
    token.get_str("name").unwrap_or("?").to_owned()
}

async fn server_session(State(options): State<AuthOptions>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let (session, cookies) = get_server_session(&parts, &options).await;
    match session {
        Some(session) => (cookies, Json(session)).into_response(),
        None => (StatusCode::UNAUTHORIZED, cookies, "signed out").into_response(),
    }
}

async fn sign_in(State(options): State<AuthOptions>, headers: HeaderMap) -> Response {
    let claims = json!({ "sub": "user-1", "name": "Ada", "role": "admin" });
    match SessionCookies::sign_in(&options, &headers, &claims).await {
        Ok(cookies) => (cookies, "signed in").into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

fn app(options: AuthOptions) -> Router {
    let behind_layer = Router::new()
        .route("/page", get(layered))
        .layer(AuthLayer::new(options.clone()));
    Router::new()
        .route("/guarded", get(guarded))
        .route("/extractors", get(extractors))
        .route("/server-session", get(server_session))
        .route("/api/auth/session", get(session_endpoint))
        .route("/sign-in", get(sign_in))
        .nest("/layered", behind_layer)
        .with_state(options)
}

const EVERY_READER: [&str; 5] = [
    "/guarded",
    "/extractors",
    "/server-session",
    "/api/auth/session",
    "/layered/page",
];

fn admin_claims(exp: u64) -> Value {
    json!({ "sub": "user-1", "name": "Ada", "email": "ada@example.com", "role": "admin", "iat": T, "exp": exp })
}

fn hs512(claims: &Value) -> String {
    raw_token(KEY, Algorithm::HS512, claims)
}

#[tokio::test]
async fn jwt_encode_and_decode_go_through_the_codec() {
    let Setup { options, .. } = setup();
    let token = jwt::encode(&options, &json!({ "sub": "user-1", "name": "Ada" }))
        .await
        .expect("encodes");
    let header = jsonwebtoken::decode_header(&token).expect("a JWT");
    assert_eq!(header.alg, Algorithm::HS512);
    let decoded = jwt::decode(&options, &token).await.expect("decodes");
    assert_eq!(decoded.get_str("name"), Some("Ada"));
    assert_eq!(decoded.get("iat"), Some(&json!(T)));
    assert_eq!(
        decoded.get("exp"),
        Some(&json!(T + DEFAULT_MAX_AGE.as_secs()))
    );
    assert!(decoded.get_str("jti").is_some());

    // Someone holding the key can read it with plain HS512.
    let mut validation = Validation::new(Algorithm::HS512);
    validation.validate_exp = false;
    let direct = jsonwebtoken::decode::<Map<String, Value>>(
        &token,
        &DecodingKey::from_secret(KEY.as_bytes()),
        &validation,
    )
    .expect("an HS512 token under KEY");
    assert_eq!(direct.claims["name"], "Ada");

    // A token written outside the crate with the same algorithm and key is read.
    let outside = hs512(&admin_claims(T + 3600));
    assert_eq!(
        jwt::decode(&options, &outside)
            .await
            .expect("decodes")
            .get_str("role"),
        Some("admin")
    );
}

#[tokio::test]
async fn every_reader_accepts_the_codecs_tokens_and_decodes_once() {
    let Setup {
        options, decodes, ..
    } = setup();
    let token = hs512(&admin_claims(T + 3600));
    for path in EVERY_READER {
        let before = decodes.load(Ordering::SeqCst);
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        assert!(
            reply.set_cookies().is_empty(),
            "{path}: {:?}",
            reply.set_cookies()
        );
        assert_eq!(
            decodes.load(Ordering::SeqCst) - before,
            1,
            "{path}: the codec decodes once per request"
        );
    }
    let reply = send(app(options.clone()), visit_with_cookie("/guarded", &token)).await;
    assert_eq!(reply.json()["name"], "Ada");
    assert_eq!(reply.json()["session"]["user"]["email"], "ada@example.com");
    let reply = send(app(options), visit_with_bearer("/layered/page", &token)).await;
    assert_eq!(reply.body, "Ada");
}

#[tokio::test]
async fn a_default_hs256_token_is_refused_by_the_custom_codec() {
    let Setup { options, .. } = setup();
    let claims = admin_claims(T + 3600);
    let default_token = raw_token(SECRET, Algorithm::HS256, &claims);
    let same_key_hs256 = raw_token(KEY, Algorithm::HS256, &claims);
    let default_options = AuthOptions::builder()
        .secret(SECRET)
        .clock(ManualClock::at(T).time())
        .build()
        .expect("valid options");
    let from_default_codec = jwt::encode(&default_options, &claims)
        .await
        .expect("encodes");
    for (case, token) in [
        ("HS256 with the default secret", default_token),
        ("HS256 with the codec's key", same_key_hs256),
        ("the default codec's token", from_default_codec),
    ] {
        assert!(jwt::decode(&options, &token).await.is_err(), "{case}");
        for path in [
            "/guarded",
            "/extractors",
            "/layered/page",
            "/server-session",
        ] {
            let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{case}, {path}");
            assert_eq!(
                reply.set_cookies(),
                [clearing_cookie(COOKIE)],
                "{case}, {path}"
            );
        }
        let reply = send(
            app(options.clone()),
            visit_with_cookie("/api/auth/session", &token),
        )
        .await;
        assert_eq!(reply.body, "{}", "{case}");
        assert_eq!(reply.set_cookies(), [clearing_cookie(COOKIE)], "{case}");
    }
    // And the other way round: the default codec refuses the custom codec's tokens.
    let custom = hs512(&claims);
    assert!(jwt::decode(&default_options, &custom).await.is_err());
}

#[tokio::test]
async fn exp_is_enforced_even_though_the_codec_ignores_it() {
    let Setup { options, clock, .. } = setup();
    let token = hs512(&admin_claims(T + 3600));

    clock.set(T + 3600 + 16);
    assert_eq!(
        jwt::decode(&options, &token).await.err(),
        Some(JwtError::Expired)
    );
    for path in [
        "/guarded",
        "/extractors",
        "/layered/page",
        "/server-session",
    ] {
        let reply = send(app(options.clone()), visit_with_cookie(path, &token)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(reply.set_cookies(), [clearing_cookie(COOKIE)], "{path}");
    }
    let reply = send(app(options.clone()), visit_with_bearer("/guarded", &token)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let reply = send(
        app(options.clone()),
        visit_with_cookie("/api/auth/session", &token),
    )
    .await;
    assert_eq!(reply.body, "{}");

    // Within the 15 s leeway it still passes.
    clock.set(T + 3600 + 15);
    let reply = send(app(options.clone()), visit_with_bearer("/guarded", &token)).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn a_token_without_exp_or_not_yet_valid_is_refused_even_though_the_codec_accepts_it() {
    let Setup { options, .. } = setup();
    let no_exp = hs512(&json!({ "sub": "user-1", "name": "Ada", "role": "admin" }));
    let future = hs512(
        &json!({ "sub": "user-1", "name": "Ada", "role": "admin", "exp": T + 3600, "nbf": T + 60 }),
    );
    for (case, token, error) in [
        ("no exp", no_exp, JwtError::MissingExpiry),
        ("nbf in a minute", future, JwtError::NotYetValid),
    ] {
        assert_eq!(
            jwt::decode(&options, &token).await.err(),
            Some(error),
            "{case}"
        );
        let reply = send(app(options.clone()), visit_with_cookie("/guarded", &token)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{case}");
        assert_eq!(reply.set_cookies(), [clearing_cookie(COOKIE)], "{case}");
    }
}

#[tokio::test]
async fn sessions_are_written_and_reissued_with_the_codec() {
    let Setup { options, clock, .. } = setup();
    let reply = send(app(options.clone()), visit("/sign-in")).await;
    let value = reply.cookie_value(COOKIE).expect("signed in").to_owned();
    assert_eq!(
        reply.set_cookies(),
        [issued_cookie(COOKIE, &value, DEFAULT_MAX_AGE.as_secs())]
    );
    assert_eq!(
        jsonwebtoken::decode_header(&value).expect("a JWT").alg,
        Algorithm::HS512
    );

    let now = T + DEFAULT_UPDATE_AGE.as_secs() + 1;
    clock.set(now);
    for path in ["/guarded", "/layered/page", "/server-session"] {
        let reply = send(app(options.clone()), visit_with_cookie(path, &value)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let fresh = reply.cookie_value(COOKIE).expect("re-issued");
        assert_eq!(
            jsonwebtoken::decode_header(fresh).expect("a JWT").alg,
            Algorithm::HS512,
            "{path}"
        );
        let token = jwt::decode(&options, fresh).await.expect("decodes");
        assert_eq!(token.get("iat"), Some(&json!(now)), "{path}");
    }
}
