//! A typed rule means what the same rule means over JSON claims: for every token that
//! deserializes into the claims type, `rule!(AppClaims, "...")` and `rule!("...")` decide
//! alike. Checked on a table of rules and tokens.

use std::collections::HashMap;

use auth_runtime::{Claims, JsonClaims, RequestInfo, Token, rule};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize, Claims)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
    Editor,
    User,
}

#[derive(Deserialize, Claims)]
struct Profile {
    name: String,
    age: Option<u32>,
    tags: Vec<String>,
}

#[derive(Deserialize, Claims)]
struct AppClaims {
    sub: String,
    role: Role,
    #[serde(rename = "org_id")]
    org: Option<u64>,
    email_verified: bool,
    groups: Vec<String>,
    profile: Option<Profile>,
    perms: HashMap<String, bool>,
    score: f64,
    extra: Value,
    #[serde(rename = "https://example.com/roles")]
    namespaced: Option<Vec<String>>,
}

type Untyped = fn(&Token<JsonClaims>, &RequestInfo<'_>) -> bool;
type Typed = fn(&Token<AppClaims>, &RequestInfo<'_>) -> bool;

/// Each rule, compiled over JSON claims and over `AppClaims`.
macro_rules! rules {
    ($($rule:literal),* $(,)?) => {
        [$(($rule, rule!($rule) as Untyped, rule!(AppClaims, $rule) as Typed)),*]
    };
}

fn rules() -> Vec<(&'static str, Untyped, Typed)> {
    rules![
        "token.role == 'admin'",
        "token.role != 'user'",
        "token.role in ['admin', 'editor']",
        "'editor' == token.role",
        "token.role == token.sub",
        "token.org_id == 7",
        "token.org_id != null",
        "token.org_id == null",
        "token.org_id > 5",
        "token.org_id <= 7.5",
        "token.org_id",
        "!token.org_id",
        "token.email_verified",
        "token.email_verified == true",
        "!token.email_verified || token.role == 'admin'",
        "'staff' in token.groups",
        "token.groups.contains('staff')",
        "token.groups[0] == 'staff'",
        "token.groups[5] == null",
        "token.groups == ['staff', 'ops']",
        "token.profile",
        "token.profile.name == 'Ada'",
        "token.profile?.age >= 18",
        "token.profile?.age == null",
        "token.profile == null",
        "token.profile.tags[1] == 'x'",
        "'x' in token.profile.tags",
        "token.perms['posts:write']",
        "token.perms['posts:write'] == false",
        "token.perms['posts:write'] == null",
        "'posts:write' in token.perms",
        "token.perms.contains('admin')",
        "token.score >= 0.5",
        "token.score == 1",
        "token.score < token.org_id",
        "token.sub.starts_with('user-')",
        "token.sub.ends_with('@example.com')",
        "'example' in token.sub",
        "token.sub == ''",
        "token.sub",
        "token.extra.plan == 'pro'",
        "token.extra.seats > 3",
        "token.extra",
        "token['https://example.com/roles'] == null",
        "'admin' in token['https://example.com/roles']",
        "token.org_id == path.org",
        "token.sub == path.user || token.role == 'admin'",
        "path.org > 6 && token.org_id < 100",
        "(token.role == 'admin' || token.org_id == 7) && !token.email_verified",
        "req.method == 'GET' && token.email_verified",
        "req.path.starts_with('/orgs/') && token.role in ['admin']",
    ]
    .to_vec()
}

/// Tokens that deserialize into `AppClaims`, and some that do not.
fn tokens() -> Vec<Value> {
    let base = json!({
        "sub": "user-1@example.com",
        "role": "admin",
        "org_id": 7,
        "email_verified": true,
        "groups": ["staff", "ops"],
        "profile": { "name": "Ada", "age": 36, "tags": ["a", "x"] },
        "perms": { "posts:write": true, "admin": false },
        "score": 0.75,
        "extra": { "plan": "pro", "seats": 5 },
        "https://example.com/roles": ["admin"],
    });
    let with = |changes: Value| {
        let mut token = base.clone();
        for (key, value) in changes.as_object().expect("an object of changes") {
            match value {
                Value::Null if key.starts_with('-') => {
                    token.as_object_mut().map(|t| t.remove(&key[1..]));
                }
                _ => token[key] = value.clone(),
            }
        }
        token
    };
    vec![
        base.clone(),
        with(json!({ "role": "user", "email_verified": false })),
        with(json!({ "role": "editor", "org_id": 8, "sub": "" })),
        with(json!({ "org_id": null, "profile": null, "https://example.com/roles": null })),
        with(json!({ "-org_id": null, "-profile": null, "-https://example.com/roles": null })),
        with(json!({ "org_id": 0, "score": 1.0, "groups": [] })),
        with(json!({ "org_id": 18446744073709551615_u64, "score": -0.0 })),
        with(json!({ "groups": ["ops", "staff", "x", "y", "z", "w"], "perms": {} })),
        with(json!({ "perms": { "posts:write": false } })),
        with(json!({ "profile": { "name": "Grace", "age": null, "tags": [] } })),
        with(json!({ "profile": { "name": "Ada", "tags": ["x", "x"] } })),
        with(json!({ "extra": null, "sub": "admin" })),
        with(json!({ "extra": ["pro"], "role": "editor", "sub": "editor" })),
        with(json!({ "extra": { "plan": "free", "seats": 3.5 }, "score": 1 })),
        with(json!({ "sub": "user-😀@example.com", "groups": ["staff", "ops"] })),
        with(json!({ "org_id": 6, "score": 6.5 })),
        // Not `AppClaims`: a wrong type, a missing field, an unknown variant.
        with(json!({ "org_id": "7" })),
        with(json!({ "-email_verified": null })),
        with(json!({ "role": "superuser" })),
        with(json!({ "score": "high" })),
    ]
}

const PARAMS: [&[(&str, &str)]; 4] = [
    &[("org", "7"), ("user", "user-1@example.com")],
    &[("org", "07"), ("user", "admin")],
    &[("org", "8.0"), ("user", "")],
    &[],
];

#[test]
fn typed_and_json_rules_decide_alike() {
    let mut compared = 0;
    let mut typed_tokens = 0;
    for claims in tokens() {
        let Ok(typed) = serde_json::from_value::<AppClaims>(claims.clone()) else {
            continue;
        };
        typed_tokens += 1;
        let typed = Token::new(typed);
        let json = Token::new(claims.as_object().cloned().expect("an object"));
        for params in PARAMS {
            for path in ["/orgs/7", "/admin"] {
                let req = RequestInfo::new("GET", path).with_params(params);
                for (source, untyped_rule, typed_rule) in rules() {
                    assert_eq!(
                        typed_rule(&typed, &req),
                        untyped_rule(&json, &req),
                        "`{source}` on {claims} with {params:?} at {path}",
                    );
                    compared += 1;
                }
            }
        }
    }
    // The table must exercise the typed side: tokens that do not deserialize are skipped.
    assert_eq!(typed_tokens, 16);
    assert_eq!(compared, 16 * 4 * 2 * rules().len());
}

#[test]
fn both_outcomes_occur_for_every_rule() {
    // A rule that is always true or always false on the table proves little.
    let typed: Vec<Token<AppClaims>> = tokens()
        .into_iter()
        .filter_map(|claims| serde_json::from_value(claims).ok())
        .map(Token::new)
        .collect();
    for (source, _, rule) in rules() {
        let outcomes: Vec<bool> = typed
            .iter()
            .flat_map(|token| {
                PARAMS.iter().map(move |params| {
                    rule(
                        token,
                        &RequestInfo::new("GET", "/orgs/7").with_params(params),
                    )
                })
            })
            .collect();
        assert!(
            outcomes.contains(&true) && outcomes.contains(&false),
            "`{source}` gives the same answer for every token",
        );
    }
}
