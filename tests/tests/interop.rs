//! Interop with the real NextAuth.js v4 (`next-auth/jwt`) and Auth.js (`@auth/core/jwt`)
//! libraries, both ways:
//!
//! - `interop/vectors.json`, made by `interop/generate.mjs` with the libraries, is decoded here
//!   with `.nextauth_v4()` and `.authjs()` options: every valid vector to the claims the
//!   library decoded, every other one refused for the expected reason; whole tokens, chunked
//!   cookies, and through a guarded route.
//! - The `live_` tests run the libraries themselves: fresh vectors are generated and checked the
//!   same way, and tokens and chunked cookies written here are decoded by the libraries
//!   (`interop/check.mjs`). They need `node` and `npm ci --prefix interop`; `tests/build.rs` sets
//!   `cfg(interop_live)` when both are there, and without it they are ignored, which
//!   `cargo test` reports with the reason. Under `CI=true` the cfg is always set, so they run,
//!   and fail saying what is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use auth_runtime::jwt::{self, JwtError};
use auth_runtime::{AuthOptions, SessionCookies, Token, get_token, with_auth};
use auth_tests::{ManualClock, Reply, send, visit_with_cookies};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Map, Value, json};

#[derive(Debug, Deserialize)]
struct Document {
    versions: Value,
    suites: Vec<Suite>,
}

#[derive(Debug, Deserialize)]
struct Suite {
    name: String,
    codec: String,
    cookie_name: String,
    secure: bool,
    salt: String,
    vectors: Vec<Vector>,
}

#[derive(Debug, Deserialize)]
struct Vector {
    name: String,
    token: String,
    secrets: Vec<String>,
    expect: String,
    claims: Option<Map<String, Value>>,
    cookies: Option<Vec<Cookie>>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
struct Cookie {
    name: String,
    value: String,
}

fn interop_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../interop")
}

fn committed() -> Document {
    let path = interop_dir().join("vectors.json");
    let text = std::fs::read_to_string(&path).expect("interop/vectors.json is committed");
    serde_json::from_str(&text).expect("interop/vectors.json parses")
}

/// Options as a Rust API sharing the Next.js app's cookie would build them.
fn options(codec: &str, secrets: &[impl AsRef<[u8]>], secure: bool) -> AuthOptions {
    builder(codec, secrets, secure)
        .build()
        .expect("valid options")
}

fn builder(
    codec: &str,
    secrets: &[impl AsRef<[u8]>],
    secure: bool,
) -> auth_runtime::AuthOptionsBuilder {
    // The vectors check the formats, so claims without a `sub` (the `unicode` and `empty`
    // shapes) are taken as the libraries take them; the session policy that refuses them is
    // tested in `hardening.rs`.
    let mut builder = AuthOptions::builder()
        .secure_cookies(secure)
        .require_subject(false);
    for secret in secrets {
        builder = builder.secret(secret);
    }
    match codec {
        "nextauth_v4" => builder.nextauth_v4(),
        "authjs" => builder.authjs(),
        other => panic!("unknown codec {other}"),
    }
}

fn expected_error(expect: &str) -> Option<JwtError> {
    match expect {
        "valid" => None,
        "expired" => Some(JwtError::Expired),
        "not_yet_valid" => Some(JwtError::NotYetValid),
        "invalid_signature" => Some(JwtError::InvalidSignature),
        "wrong_algorithm" => Some(JwtError::WrongAlgorithm),
        "malformed" => Some(JwtError::Malformed),
        other => panic!("unknown expectation {other}"),
    }
}

fn cookie_header(cookies: &[Cookie]) -> String {
    let mut pairs = vec!["theme=dark".to_owned()];
    pairs.extend(cookies.iter().map(|c| format!("{}={}", c.name, c.value)));
    pairs.push("lang=en".to_owned());
    pairs.join("; ")
}

/// Decodes every vector of `document` as it expects; returns how many were checked.
async fn check_document(document: &Document) -> usize {
    let mut checked = 0;
    for suite in &document.suites {
        let ok_suite = options(&suite.codec, &[&suite.vectors[0].secrets[0]], suite.secure);
        assert_eq!(
            ok_suite.session_cookie_name(),
            suite.cookie_name,
            "{}: the cookie name the library writes",
            suite.name
        );
        for vector in &suite.vectors {
            let context = format!("{} / {}", suite.name, vector.name);
            let options = options(&suite.codec, &vector.secrets, suite.secure);
            let outcome = jwt::decode(&options, &vector.token).await;
            match (expected_error(&vector.expect), &outcome) {
                (None, Ok(token)) => {
                    let claims = vector.claims.as_ref().expect("valid vectors carry claims");
                    assert_eq!(token.claims(), claims, "{context}");
                }
                (Some(error), Err(actual)) => assert_eq!(*actual, error, "{context}"),
                (expected, actual) => {
                    panic!("{context}: expected {expected:?}, got {actual:?}")
                }
            }
            if let Some(cookies) = &vector.cookies {
                assert!(cookies.len() >= 2, "{context}: a chunked cookie set");
                let (parts, ()) = Request::get("/")
                    .header("cookie", cookie_header(cookies))
                    .body(())
                    .expect("a request")
                    .into_parts();
                let token = get_token(&parts, &options).await;
                assert_eq!(
                    token.as_ref().map(Token::claims),
                    vector.claims.as_ref(),
                    "{context}: read from the chunked cookies"
                );
            }
            checked += 1;
        }
    }
    checked
}

#[tokio::test]
async fn committed_vectors_decode_as_the_libraries_said() {
    let document = committed();
    assert_eq!(document.versions["next-auth"], "4.24.15");
    assert_eq!(document.versions["@auth/core"], "0.41.3");
    let checked = check_document(&document).await;
    assert_eq!(checked, 76, "every committed vector");
    let expectations: std::collections::BTreeSet<&str> = document
        .suites
        .iter()
        .flat_map(|suite| suite.vectors.iter().map(|v| v.expect.as_str()))
        .collect();
    assert_eq!(expectations.len(), 6, "every kind of outcome is covered");
    for suite in &document.suites {
        let salt = if suite.codec == "authjs" {
            suite.cookie_name.as_str()
        } else {
            ""
        };
        assert_eq!(
            suite.salt, salt,
            "{}: the salt is the cookie name",
            suite.name
        );
    }
}

/// The first segment of a compact token.
fn header_segment(token: &str) -> &str {
    token.split('.').next().unwrap_or_default()
}

#[tokio::test]
async fn tokens_written_here_carry_the_header_the_libraries_write() {
    for suite in committed().suites {
        let small = &suite.vectors[0];
        assert_eq!(small.name, "small");
        let options = options(&suite.codec, &small.secrets, suite.secure);
        let token = jwt::encode(&options, &json!({ "sub": "user-1", "name": "Ada" }))
            .await
            .expect("encodes");
        // Same `alg`, `enc` and (Auth.js) `kid`, in the same order: the same bytes.
        assert_eq!(
            header_segment(&token),
            header_segment(&small.token),
            "{}",
            suite.name
        );
        assert_eq!(token.split('.').nth(1), Some(""), "`dir`: no encrypted key");
    }
}

#[with_auth(authorized = "token.role == 'admin'")]
async fn admin(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

#[with_auth]
async fn me(token: Token) -> Json<Value> {
    Json(Value::Object(token.into_claims()))
}

fn app(options: AuthOptions) -> Router {
    Router::new()
        .route("/admin", get(admin))
        .route("/me", get(me))
        .with_state(options)
}

fn vector<'a>(suite: &'a Suite, name: &str) -> &'a Vector {
    suite
        .vectors
        .iter()
        .find(|vector| vector.name == name)
        .unwrap_or_else(|| panic!("{}: no vector {name}", suite.name))
}

fn whole_cookie(suite: &Suite, vector: &Vector) -> String {
    cookie_header(&[Cookie {
        name: suite.cookie_name.clone(),
        value: vector.token.clone(),
    }])
}

/// The guard, the extractor and rolling refresh, on the libraries' cookies.
#[tokio::test]
async fn guarded_routes_accept_the_library_cookies() {
    for suite in committed().suites {
        let name = &suite.name;
        let small = vector(&suite, "small");
        let claims = small.claims.clone().expect("claims");
        let iat = claims["iat"].as_u64().expect("iat");
        // A day and an hour after the token was issued: due for a refresh, far from expiry.
        let clock = ManualClock::at(iat + 25 * 3600);
        let options = builder(&suite.codec, &small.secrets, suite.secure)
            .clock(clock.time())
            .build()
            .expect("options");

        let reply = send(
            app(options.clone()),
            visit_with_cookies("/admin", &whole_cookie(&suite, small)),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{name}: {}", reply.body);
        assert_eq!(reply.json()["email"], claims["email"], "{name}");

        // Rolling refresh re-issues the session with the same codec, as the library would.
        let fresh = reply
            .cookie_value(&suite.cookie_name)
            .unwrap_or_else(|| panic!("{name}: refreshed: {:?}", reply.set_cookies()))
            .to_owned();
        assert_eq!(
            header_segment(&fresh),
            header_segment(&small.token),
            "{name}"
        );
        let refreshed = jwt::decode(&options, &fresh)
            .await
            .expect("the refreshed token decodes");
        assert_eq!(
            refreshed.get("exp"),
            Some(&json!(iat + 25 * 3600 + 30 * 24 * 3600))
        );
        assert_eq!(refreshed.get("role"), claims.get("role"));

        let large = vector(&suite, "large_chunked");
        let cookies = cookie_header(large.cookies.as_deref().expect("chunks"));
        let reply = send(app(options.clone()), visit_with_cookies("/me", &cookies)).await;
        assert_eq!(reply.status, StatusCode::OK, "{name}: {}", reply.body);
        assert_eq!(
            reply.json()["groups"],
            large.claims.as_ref().expect("claims")["groups"]
        );

        for refused in ["expired", "wrong_secret", "tampered_tag"] {
            let refused = vector(&suite, refused);
            let reply = send(
                app(options.clone()),
                visit_with_cookies("/me", &whole_cookie(&suite, refused)),
            )
            .await;
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{name} / {}",
                refused.name
            );
            assert!(
                reply
                    .set_cookie_named(&suite.cookie_name)
                    .is_some_and(|c| c.contains("Max-Age=0")),
                "{name} / {}: the refused cookie is cleared",
                refused.name
            );
        }
    }
}

#[test]
fn auth_js_options_default_to_its_cookie_names() {
    let plain = options("authjs", &["s".repeat(32)], false);
    assert_eq!(plain.session_cookie_name(), "authjs.session-token");
    let secure = options("authjs", &["s".repeat(32)], true);
    assert_eq!(
        secure.session_cookie_name(),
        "__Secure-authjs.session-token"
    );
    let named = builder("authjs", &["s".repeat(32)], false)
        .cookie_name("app.session")
        .build()
        .expect("options");
    assert_eq!(named.session_cookie_name(), "app.session");
    let v4 = options("nextauth_v4", &["s".repeat(32)], false);
    assert_eq!(v4.session_cookie_name(), "next-auth.session-token");
    let short = builder("nextauth_v4", &["short"], false).build();
    assert!(short.is_err(), "secrets under 32 bytes are refused");
}

// ---------------------------------------------------------------------------------------------
// Live: the libraries themselves, when Node.js and interop/node_modules are there (see tests/build.rs).

/// Panics, saying what is missing and how to install it, unless `node` runs and the packages
/// `interop/libs.mjs` loads are installed. The `live_` tests only run when `tests/build.rs`
/// found both, or under `CI=true`: there, something missing fails them instead of skipping them.
fn require_node_and_packages() {
    let why =
        "these tests run under CI=true, or when tests/build.rs finds Node.js and the packages";
    let install = "`npm ci --prefix interop` from the repository root";
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|output| output.status.success()) {
        panic!("`node` does not run ({why}): install Node.js 20+ and npm, then run {install}");
    }
    let modules = interop_dir().join("node_modules");
    let missing: Vec<_> = ["next-auth", "@auth/core"]
        .into_iter()
        .filter(|package| !modules.join(package).join("package.json").is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "interop/node_modules lacks {} ({why}): run {install}",
        missing.join(", ")
    );
}

fn temp_file(label: &str) -> PathBuf {
    std::env::temp_dir().join(format!("auth-interop-{}-{label}.json", std::process::id()))
}

fn node(script: &str, file: &Path) -> String {
    let output = Command::new("node")
        .arg(interop_dir().join(script))
        .arg(file)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "node {script} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[tokio::test]
#[cfg_attr(
    not(interop_live),
    ignore = "needs Node.js and `npm ci --prefix interop`"
)]
async fn live_fresh_vectors_from_the_libraries_decode_here() {
    require_node_and_packages();
    let file = temp_file("vectors");
    node("generate.mjs", &file);
    let text = std::fs::read_to_string(&file).expect("generate.mjs wrote the vectors");
    let _ = std::fs::remove_file(&file);
    let document: Document = serde_json::from_str(&text).expect("fresh vectors parse");
    let checked = check_document(&document).await;
    eprintln!("checked {checked} fresh vectors from {}", document.versions);
    assert_eq!(checked, 76);
}

const NEW: &str = "the newest secret of the Rust API, 32+ bytes";
const OLD: &str = "the previous secret, still accepted, 32+ bytes";

/// One token or cookie set for `check.mjs`, with what the library must conclude.
struct Case {
    json: Value,
    expected: Option<Map<String, Value>>,
}

/// Splits `Set-Cookie` headers into the cookies a browser would send back.
fn sent_back(headers: &HeaderMap) -> Vec<Cookie> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|header| header.split(';').next())
        .filter_map(|pair| pair.split_once('='))
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| Cookie {
            name: name.to_owned(),
            value: value.to_owned(),
        })
        .collect()
}

async fn cases() -> Vec<Case> {
    let shapes = [
        (
            "small",
            json!({ "sub": "user-1", "name": "Ada", "email": "ada@example.com", "role": "admin" }),
        ),
        (
            "unicode",
            json!({ "name": "Zoë 李小龙 🚀", "ключ": "значение ✓", "raw": "quote \" nul \u{0} end" }),
        ),
        (
            "nested",
            json!({ "user": { "roles": ["admin"], "org": { "seats": 12 } }, "n": [0, -1, 1.5, 1e-7], "none": null }),
        ),
        ("empty", json!({})),
    ];
    let configs: [(&str, &str, &[&str], bool); 5] = [
        ("v4", "nextauth_v4", &[NEW], false),
        ("v4-secure", "nextauth_v4", &[NEW], true),
        ("authjs", "authjs", &[NEW], false),
        ("authjs-secure", "authjs", &[NEW], true),
        ("authjs-rotated", "authjs", &[NEW, OLD], false),
    ];
    let mut cases = Vec::new();
    for (label, codec, secrets, secure) in configs {
        let options = options(codec, secrets, secure);
        let salt = if codec == "authjs" {
            options.session_cookie_name()
        } else {
            ""
        };
        let case =
            |name: String, token: &str, cookies: Option<Vec<Cookie>>, node_secrets: &[&str]| {
                json!({
                    "name": name,
                    "codec": codec,
                    "secrets": node_secrets,
                    "salt": salt,
                    "cookie_name": options.session_cookie_name(),
                    "token": token,
                    "cookies": cookies,
                })
            };
        for (shape, claims) in &shapes {
            let token = jwt::encode(&options, claims).await.expect("encodes");
            let expected = jwt::decode(&options, &token)
                .await
                .expect("decodes here")
                .into_claims();
            cases.push(Case {
                json: case(format!("{label}/{shape}"), &token, None, secrets),
                expected: Some(expected),
            });
        }
        // A session too large for one cookie, as the sign-in response writes it.
        let groups: Vec<String> = (0..150).map(|i| format!("group-{i:03}-членство")).collect();
        let large = json!({ "name": "Large", "groups": groups, "note": "y".repeat(4000) });
        let cookies = SessionCookies::sign_in(&options, &HeaderMap::new(), &large)
            .await
            .expect("signs in");
        let response = (cookies, ()).into_response();
        let cookies = sent_back(response.headers());
        assert!(
            cookies.len() >= 3,
            "{label}: chunked into {} cookies",
            cookies.len()
        );
        let token: String = cookies.iter().map(|c| c.value.as_str()).collect();
        let expected = jwt::decode(&options, &token)
            .await
            .expect("decodes here")
            .into_claims();
        cases.push(Case {
            json: case(
                format!("{label}/large_chunked"),
                &token,
                Some(cookies),
                secrets,
            ),
            expected: Some(expected),
        });
        // Negative control: the libraries must refuse a token under another secret.
        let token = jwt::encode(&options, &shapes[0].1).await.expect("encodes");
        cases.push(Case {
            json: case(
                format!("{label}/other_secret"),
                &token,
                None,
                &["a secret the Rust side never used, 32+"],
            ),
            expected: None,
        });
    }
    // A session written with the old secret alone, read by an app that lists both (Auth.js
    // picks the secret by `kid`).
    let old_only = options("authjs", &[OLD], false);
    let token = jwt::encode(&old_only, &shapes[0].1).await.expect("encodes");
    let expected = jwt::decode(&old_only, &token)
        .await
        .expect("decodes")
        .into_claims();
    cases.push(Case {
        json: json!({
            "name": "authjs/old_secret_read_with_both",
            "codec": "authjs",
            "secrets": [NEW, OLD],
            "salt": "authjs.session-token",
            "cookie_name": "authjs.session-token",
            "token": token,
        }),
        expected: Some(expected),
    });
    cases
}

#[derive(Debug, Deserialize)]
struct Verdict {
    ok: bool,
    payload: Option<Map<String, Value>>,
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Checked {
    name: String,
    decode: Verdict,
    get_token: Option<Verdict>,
}

#[tokio::test]
#[cfg_attr(
    not(interop_live),
    ignore = "needs Node.js and `npm ci --prefix interop`"
)]
async fn live_tokens_written_here_decode_in_the_libraries() {
    require_node_and_packages();
    let cases = cases().await;
    let file = temp_file("cases");
    let input = json!({ "cases": cases.iter().map(|case| &case.json).collect::<Vec<_>>() });
    std::fs::write(&file, serde_json::to_vec(&input).expect("serializes"))
        .expect("writes the cases");
    let output = node("check.mjs", &file);
    let _ = std::fs::remove_file(&file);
    #[derive(Deserialize)]
    struct Output {
        versions: Value,
        results: Vec<Checked>,
    }
    let output: Output = serde_json::from_str(&output).expect("check.mjs prints JSON");
    assert_eq!(output.results.len(), cases.len());
    for (case, result) in cases.iter().zip(&output.results) {
        assert_eq!(result.name, case.json["name"]);
        let context = &result.name;
        match &case.expected {
            Some(claims) => {
                assert!(result.decode.ok, "{context}: {:?}", result.decode.error);
                assert_eq!(result.decode.payload.as_ref(), Some(claims), "{context}");
                if let Some(read) = &result.get_token {
                    assert!(read.ok, "{context}: getToken: {:?}", read.error);
                    assert_eq!(read.payload.as_ref(), Some(claims), "{context}: getToken");
                }
            }
            None => assert!(!result.decode.ok, "{context}: the library must refuse it"),
        }
    }
    eprintln!(
        "{} Rust-written tokens checked by {}",
        cases.len(),
        output.versions
    );
}

#[tokio::test]
#[cfg_attr(
    not(interop_live),
    ignore = "needs Node.js and `npm ci --prefix interop`"
)]
async fn live_a_refreshed_library_cookie_goes_back_to_the_library() {
    require_node_and_packages();
    let mut input = Vec::new();
    let mut expected = Vec::new();
    for suite in committed().suites {
        let small = vector(&suite, "small");
        let iat = small
            .claims
            .as_ref()
            .and_then(|c| c["iat"].as_u64())
            .expect("iat");
        let options = builder(&suite.codec, &small.secrets, suite.secure)
            .clock(ManualClock::at(iat + 2 * 24 * 3600).time())
            .max_age(Duration::from_secs(100 * 365 * 24 * 3600))
            .build()
            .expect("options");
        let reply: Reply = send(
            app(options.clone()),
            visit_with_cookies("/admin", &whole_cookie(&suite, small)),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
        let fresh = reply
            .cookie_value(&suite.cookie_name)
            .expect("refreshed")
            .to_owned();
        let claims = jwt::decode(&options, &fresh)
            .await
            .expect("decodes")
            .into_claims();
        input.push(json!({
            "name": suite.name,
            "codec": suite.codec,
            "secrets": small.secrets,
            "salt": suite.salt,
            "cookie_name": suite.cookie_name,
            "token": fresh,
            "cookies": [{ "name": suite.cookie_name, "value": fresh }],
        }));
        expected.push(claims);
    }
    let file = temp_file("refreshed");
    std::fs::write(
        &file,
        serde_json::to_vec(&json!({ "cases": input })).expect("serializes"),
    )
    .expect("writes");
    let output = node("check.mjs", &file);
    let _ = std::fs::remove_file(&file);
    let output: Value = serde_json::from_str(&output).expect("JSON");
    let results: Vec<Checked> = serde_json::from_value(output["results"].clone()).expect("results");
    for (result, claims) in results.iter().zip(&expected) {
        assert!(
            result.decode.ok,
            "{}: {:?}",
            result.name, result.decode.error
        );
        assert_eq!(
            result.decode.payload.as_ref(),
            Some(claims),
            "{}",
            result.name
        );
        let read = result.get_token.as_ref().expect("getToken ran");
        assert_eq!(
            read.payload.as_ref(),
            Some(claims),
            "{}: getToken",
            result.name
        );
    }
}
