//! The fuzz targets: one function per parser, panicking on a broken invariant.

use std::future::Future;
use std::pin::pin;
use std::sync::LazyLock;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, SystemTime};

use auth_runtime::__private::fuzz::{Found, find_token, read_payload};
use auth_runtime::{AuthOptions, AuthOptionsBuilder, jwt};
use http::header::{AUTHORIZATION, COOKIE};
use http::{HeaderMap, HeaderValue};
use proc_macro2::{Ident, Span};
use quote::quote;

use crate::rule::Rule;

/// The secret of every token the fuzz targets decode.
pub const SECRET: &str = "the fuzz targets' secret, thirty-two bytes at least";
/// The claim every token issued with [`SECRET`] carries: a decoded token without it was
/// never issued, so it is a forgery.
pub const SEED_CLAIM: &str = "fuzz-seed";
/// The time the targets' options read (2023-11-14), so issued tokens stay valid.
pub const NOW_SECS: u64 = 1_700_000_000;
/// The size cap of a token.
const MAX_TOKEN_BYTES: usize = 16 * 1024;

/// The options of one codec, with [`SECRET`] and the clock at [`NOW_SECS`].
pub fn options(codec: fn(AuthOptionsBuilder) -> AuthOptionsBuilder) -> AuthOptions {
    let builder = AuthOptions::builder()
        .secret(SECRET)
        .clock(|| SystemTime::UNIX_EPOCH + Duration::from_secs(NOW_SECS));
    codec(builder)
        .build()
        .unwrap_or_else(|error| panic!("the fuzz options are valid: {error}"))
}

static HS256: LazyLock<AuthOptions> = LazyLock::new(|| options(|builder| builder));
static NEXTAUTH_V4: LazyLock<AuthOptions> =
    LazyLock::new(|| options(AuthOptionsBuilder::nextauth_v4));
static AUTHJS: LazyLock<AuthOptions> = LazyLock::new(|| options(AuthOptionsBuilder::authjs));

/// `Cookie` and `Authorization` headers: `data` is split into header values on `\n`, those
/// starting `A:` are `Authorization`, the rest `Cookie`; the first byte's low bit picks secure
/// mode.
pub fn cookie_header(data: &[u8]) {
    let secure = data.first().is_some_and(|byte| byte & 1 == 1);
    let mut headers = HeaderMap::new();
    for line in data.split(|&byte| byte == b'\n') {
        let (name, value) = match line.strip_prefix(b"A:") {
            Some(value) => (AUTHORIZATION, value),
            None => (COOKIE, line),
        };
        if let Ok(value) = HeaderValue::from_bytes(value) {
            headers.append(name, value);
        }
    }
    let found = find_token(&headers, secure, MAX_TOKEN_BYTES);
    if let Found::Token { token, .. } = &found {
        assert!(
            token.len() <= data.len(),
            "a token longer than the headers: {found:?}"
        );
    }
}

/// An `Authorization` header alone: a bearer token is its value after the scheme, trimmed,
/// never empty.
pub fn bearer(data: &[u8]) {
    let Ok(value) = HeaderValue::from_bytes(data) else {
        return;
    };
    let mut headers = HeaderMap::new();
    headers.insert(AUTHORIZATION, value);
    match find_token(&headers, false, MAX_TOKEN_BYTES) {
        Found::Nothing => {}
        Found::Token {
            token,
            from_cookie: false,
        } => {
            assert!(!token.is_empty() && token.trim() == token, "{token:?}");
            let haystack = String::from_utf8_lossy(data);
            assert!(
                haystack.contains(&token),
                "{token:?} is not in {haystack:?}"
            );
        }
        other => panic!("an Authorization header alone gave {other:?}"),
    }
}

/// A token for the default HS256 codec.
pub fn hs256(data: &[u8]) {
    decode(&HS256, data);
}

/// A token for NextAuth.js v4's JWE codec.
pub fn nextauth_v4(data: &[u8]) {
    decode(&NEXTAUTH_V4, data);
}

/// A token for Auth.js's JWE codec.
pub fn authjs(data: &[u8]) {
    decode(&AUTHJS, data);
}

/// Decodes `data` as a token, and whether it was accepted: anything accepted must be a token
/// issued with [`SECRET`].
pub fn decode(options: &AuthOptions, data: &[u8]) -> bool {
    let Ok(token) = std::str::from_utf8(data) else {
        return false;
    };
    let Ok(claims) = ready(jwt::decode(options, token)) else {
        return false;
    };
    assert_eq!(
        claims.get(SEED_CLAIM),
        Some(&serde_json::Value::Bool(true)),
        "a token that was never issued was accepted: {token}"
    );
    true
}

/// A claims payload, under HS256's rules and a JWE's: the read that builds the JSON claims and
/// the one that only checks them agree, and claims read are a JSON object that writes back.
pub fn payload(data: &[u8]) {
    for jsonwebtoken in [true, false] {
        let Ok((claims, agree)) = read_payload(data, jsonwebtoken) else {
            continue;
        };
        assert!(
            agree,
            "the two reads disagree on {}",
            String::from_utf8_lossy(data)
        );
        let written = serde_json::to_vec(&claims).unwrap_or_default();
        assert!(
            read_payload(&written, false).is_ok(),
            "claims that do not read back"
        );
    }
}

/// A rule, as `#[with_auth(authorized = "...")]` compiles it: parsed, then turned into the
/// condition and the typed check, or its error drawn under the rule.
pub fn rule(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    match Rule::parse(source) {
        Ok(rule) => {
            let ident = |name| Ident::new(name, Span::call_site());
            let runtime = quote!(::auth_runtime::__private);
            let condition = rule.condition(&runtime, &ident("token"), &ident("req"));
            let statements = rule.typecheck(&runtime, ident("checker"));
            assert!(!condition.is_empty() && !statements.is_empty());
            let _ = rule.reads_path();
        }
        Err(error) => {
            let rendered = error.render(source);
            assert!(
                rendered.contains("\n  |"),
                "an error without its diagram: {rendered}"
            );
        }
    }
}

/// The output of `future`, which must be ready at once: the built-in codecs never wait.
fn ready<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a built-in codec's future was not ready"),
    }
}

/// A token issued with `options`, carrying [`SEED_CLAIM`]: the targets' seeds.
pub fn issued(options: &AuthOptions) -> String {
    let claims = serde_json::json!({
        "sub": "fuzz",
        SEED_CLAIM: true,
        "name": "Fuzz 🚀",
        "roles": ["admin"],
        "org": { "id": 7 },
    });
    ready(jwt::encode(options, &claims)).unwrap_or_else(|error| panic!("issues: {error}"))
}

/// The targets' options, by codec name, for the seeds.
pub fn codec_options() -> [(&'static str, &'static AuthOptions); 3] {
    [
        ("hs256", &HS256),
        ("nextauth_v4", &NEXTAUTH_V4),
        ("authjs", &AUTHJS),
    ]
}
