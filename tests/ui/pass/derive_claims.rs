//! `#[derive(Claims)]` with every feature it reads, under `deny(warnings)` (and clippy's
//! pedantic lints, when the file is checked with clippy): every `rename_all` form, renames, raw
//! identifiers, aliases, defaults, skips, flattening, nested structs and enums, containers,
//! generics, and the serde keys it ignores.
#![deny(warnings, clippy::pedantic)]

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use auth_runtime::{Claims, Token};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Claims)]
#[serde(
    rename_all(serialize = "camelCase", deserialize = "camelCase"),
    deny_unknown_fields,
    default,
    bound(deserialize = "T: serde::de::DeserializeOwned + Default"),
    expecting = "the claims of a session",
    rename = "Claims",
    crate = "serde"
)]
struct AppClaims<T = String>
where
    T: Clone,
{
    sub: String,
    role: Role,
    #[serde(rename = "org_id", alias = "organization")]
    org: Option<u64>,
    email_verified: bool,
    r#type: T,
    groups: Vec<String>,
    queue: VecDeque<u8>,
    tags: BTreeSet<String>,
    labels: HashSet<String>,
    fixed: [u8; 2],
    profile: Box<Profile>,
    perms: HashMap<String, bool>,
    limits: BTreeMap<String, Vec<i64>>,
    any: serde_json::Value,
    #[serde(flatten)]
    extra: Extra,
    #[serde(skip)]
    cache: Option<std::time::Instant>,
    #[serde(skip_deserializing)]
    computed: Vec<u8>,
    #[claims(skip)]
    #[serde(default = "one_second", skip_serializing_if = "is_zero")]
    session_length: std::time::Duration,
    #[claims(skip)]
    #[serde(with = "as_text")]
    issued: u64,
    #[serde(rename(deserialize = "expires_at"), serialize_with = "serialize_u64")]
    expires: u64,
    #[serde()]
    plain: u8,
}

impl<T: Clone + Default> Default for AppClaims<T> {
    fn default() -> Self {
        Self {
            sub: String::new(),
            role: Role::User,
            org: None,
            email_verified: false,
            r#type: T::default(),
            groups: Vec::new(),
            queue: VecDeque::new(),
            tags: BTreeSet::new(),
            labels: HashSet::new(),
            fixed: [0; 2],
            profile: Box::default(),
            perms: HashMap::new(),
            limits: BTreeMap::new(),
            any: serde_json::Value::Null,
            extra: Extra::default(),
            cache: None,
            computed: Vec::new(),
            session_length: one_second(),
            issued: 0,
            expires: 0,
            plain: 0,
        }
    }
}

#[derive(Serialize, Deserialize, Claims, Clone, Copy, Default)]
#[serde(rename_all = "SCREAMING-KEBAB-CASE")]
enum Role {
    #[serde(rename(deserialize = "administrator"), alias = "root")]
    Admin,
    #[default]
    User,
    #[serde(skip)]
    Internal,
    #[serde(skip_deserializing)]
    Legacy,
    #[serde(other)]
    Unknown,
}

#[derive(Serialize, Deserialize, Claims, Default)]
#[serde(rename_all = "PascalCase")]
struct Profile {
    display_name: String,
    #[serde(default)]
    locale: Option<String>,
}

#[derive(Serialize, Deserialize, Claims, Default)]
#[serde(rename_all = "kebab-case")]
struct Extra {
    tenant_id: Option<String>,
    #[serde(flatten)]
    rest: HashMap<String, serde_json::Value>,
}

#[derive(Deserialize, Claims)]
enum Empty {}

#[derive(Deserialize, Claims)]
struct Wrapper<'a, T: 'static, const N: usize> {
    inner: Box<T>,
    #[serde(skip)]
    marker: std::marker::PhantomData<&'a [u8; N]>,
}

fn one_second() -> std::time::Duration {
    std::time::Duration::from_secs(1)
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(duration: &std::time::Duration) -> bool {
    duration.is_zero()
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn serialize_u64<S: serde::Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(*value)
}

mod as_text {
    #[allow(clippy::trivially_copy_pass_by_ref)]
    pub fn serialize<S: serde::Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn is_claims<C: Claims>() {}

fn main() {
    is_claims::<AppClaims>();
    is_claims::<AppClaims<Role>>();
    is_claims::<Extra>();
    is_claims::<Wrapper<'static, Profile, 3>>();
    let token = Token::new(AppClaims::<String>::default());
    let _ = format!("{token:?}");
    let _: Option<Empty> = None;
    let _ = (Role::Admin, Role::Internal, Role::Legacy, Role::Unknown);
    let _ = (token.cache, &token.computed, token.session_length, token.issued);
    let _ = (token.expires, token.plain);
}
