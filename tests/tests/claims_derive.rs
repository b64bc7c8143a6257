//! `#[derive(Claims)]` against serde itself: every type here derives both, and the names a
//! rule can use must be exactly the names serde writes and reads, with the values serde gives
//! them.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;

use auth_runtime::__private::rule::{self, Val};
use auth_runtime::__private::{ClaimValue, Shape, StructShape, StructValue};
use auth_runtime::Claims;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The struct shape of `T`.
fn struct_shape<T: ClaimValue>() -> &'static StructShape {
    match T::SHAPE {
        Shape::Struct(shape) => shape,
        other => panic!("not a struct shape: {other:?}"),
    }
}

/// The names of `T`'s own fields in its shape, in order.
fn field_names<T: ClaimValue>() -> Vec<&'static str> {
    struct_shape::<T>()
        .fields
        .iter()
        .map(|field| field.name)
        .collect()
}

/// The variant names of `T`'s enum shape, in order.
fn variant_names<T: ClaimValue>() -> Vec<&'static str> {
    match T::SHAPE {
        Shape::Enum(shape) => shape.variants.to_vec(),
        other => panic!("not an enum shape: {other:?}"),
    }
}

/// The keys serde writes for `value`, sorted.
fn serde_keys<T: Serialize>(value: &T) -> Vec<String> {
    let json = serde_json::to_value(value).expect("serializes");
    let mut keys: Vec<String> = json
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn sorted(names: impl IntoIterator<Item = impl Into<String>>) -> Vec<String> {
    let mut names: Vec<String> = names.into_iter().map(Into::into).collect();
    names.sort();
    names
}

/// Whether a rule reads `val` as the JSON `json`: scalars by the runtime's own equality,
/// structs, sequences and maps item by item (a rule never compares a whole struct).
fn reads_as(val: Val<'_>, json: &Value) -> bool {
    match (val, json) {
        (Val::Struct(fields), Value::Object(object)) => object.iter().all(|(key, value)| {
            fields
                .field(key)
                .is_some_and(|field| reads_as(field, value))
        }),
        (Val::Map(entries), Value::Object(object)) => {
            entries.entry_count() == object.len()
                && object
                    .iter()
                    .all(|(key, value)| reads_as(val.field(key), value))
        }
        (Val::Seq(items), Value::Array(array)) => {
            items.item_count() == array.len()
                && array
                    .iter()
                    .enumerate()
                    .all(|(i, item)| reads_as(val.index(i), item))
        }
        _ => rule::eq(val, Val::json(json)),
    }
}

/// The fields of `value` as a rule reads them are the keys serde writes, each with the value
/// serde writes, but for the `#[claims(skip)]` ones in `left_out`; a name serde does not write
/// reads as nothing.
fn assert_reads_like_serde<T: ClaimValue + StructValue + Serialize + Debug>(
    value: &T,
    left_out: &[&str],
) {
    let json = serde_json::to_value(value).expect("serializes");
    let object = json.as_object().expect("an object");
    for (key, expected) in object {
        if left_out.contains(&key.as_str()) {
            assert!(value.field(key).is_none(), "`{key}` is left out of rules");
            continue;
        }
        let read = value
            .field(key)
            .unwrap_or_else(|| panic!("`{key}` of {value:?} is not readable"));
        assert!(
            reads_as(read, expected),
            "`{key}` of {value:?} reads as {read:?}, serde writes {expected}"
        );
    }
    assert!(value.field("no_such_claim").is_none());
    assert!(value.field("").is_none());
}

/// `T`'s own fields are exactly the keys serde writes for `value` (a type without flattened
/// fields), and read as serde writes them.
fn assert_shape_like_serde<T: ClaimValue + StructValue + Serialize + Debug>(value: &T) {
    assert_eq!(sorted(field_names::<T>()), serde_keys(value), "{value:?}");
    assert!(struct_shape::<T>().flattened.is_empty());
    assert_reads_like_serde(value, &[]);
}

/// `value` survives a round trip through serde, so the names tested are also the names serde
/// reads.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let json = serde_json::to_value(value).expect("serializes");
    let back: T = serde_json::from_value(json).expect("deserializes");
    assert_eq!(&back, value);
}

/// A struct and an enum under one `rename_all` rule, with names that show every case of the
/// rule: several words, one letter, digits, a leading underscore, a raw identifier, acronyms.
macro_rules! renamed {
    ($module:ident, $rule:literal) => {
        mod $module {
            use super::*;

            #[derive(Debug, PartialEq, Serialize, Deserialize, Claims)]
            #[serde(rename_all = $rule)]
            pub struct Fields {
                pub user_id: u32,
                pub very_long_name: bool,
                pub r#type: String,
                pub a: u8,
                pub z42_x: u8,
                pub _leading: u8,
                pub kind: Kind,
            }

            #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Claims)]
            #[serde(rename_all = $rule)]
            pub enum Kind {
                Admin,
                SuperUser,
                HTTPError,
                A,
                Z42,
            }

            pub const KINDS: [Kind; 5] = [
                Kind::Admin,
                Kind::SuperUser,
                Kind::HTTPError,
                Kind::A,
                Kind::Z42,
            ];

            pub fn fields() -> Fields {
                Fields {
                    user_id: 7,
                    very_long_name: true,
                    r#type: "t".into(),
                    a: 1,
                    z42_x: 2,
                    _leading: 3,
                    kind: Kind::SuperUser,
                }
            }
        }
    };
}

renamed!(lower, "lowercase");
renamed!(upper, "UPPERCASE");
renamed!(pascal, "PascalCase");
renamed!(camel, "camelCase");
renamed!(snake, "snake_case");
renamed!(screaming_snake, "SCREAMING_SNAKE_CASE");
renamed!(kebab, "kebab-case");
renamed!(screaming_kebab, "SCREAMING-KEBAB-CASE");

/// Every variant's name in the shape, in its value and in serde are one.
fn assert_variants_like_serde<T: ClaimValue + Serialize + DeserializeOwned + PartialEq + Debug>(
    variants: &[T],
) {
    let names = variant_names::<T>();
    assert_eq!(names.len(), variants.len());
    for (variant, name) in variants.iter().zip(&names) {
        assert_eq!(serde_json::to_value(variant).unwrap(), json!(name));
        assert!(matches!(variant.val(), Val::Str(read) if read == *name));
        round_trip(variant);
    }
}

#[test]
fn every_rename_all_rule_names_fields_as_serde_does() {
    assert_shape_like_serde(&lower::fields());
    assert_shape_like_serde(&upper::fields());
    assert_shape_like_serde(&pascal::fields());
    assert_shape_like_serde(&camel::fields());
    assert_shape_like_serde(&snake::fields());
    assert_shape_like_serde(&screaming_snake::fields());
    assert_shape_like_serde(&kebab::fields());
    assert_shape_like_serde(&screaming_kebab::fields());
    round_trip(&camel::fields());
    round_trip(&screaming_kebab::fields());
    assert_eq!(
        field_names::<camel::Fields>(),
        [
            "userId",
            "veryLongName",
            "type",
            "a",
            "z42X",
            "leading",
            "kind"
        ]
    );
    assert_eq!(
        field_names::<screaming_kebab::Fields>(),
        [
            "USER-ID",
            "VERY-LONG-NAME",
            "TYPE",
            "A",
            "Z42-X",
            "-LEADING",
            "KIND"
        ]
    );
}

#[test]
fn every_rename_all_rule_names_variants_as_serde_does() {
    assert_variants_like_serde(&lower::KINDS);
    assert_variants_like_serde(&upper::KINDS);
    assert_variants_like_serde(&pascal::KINDS);
    assert_variants_like_serde(&camel::KINDS);
    assert_variants_like_serde(&snake::KINDS);
    assert_variants_like_serde(&screaming_snake::KINDS);
    assert_variants_like_serde(&kebab::KINDS);
    assert_variants_like_serde(&screaming_kebab::KINDS);
    assert_eq!(
        variant_names::<snake::Kind>(),
        ["admin", "super_user", "h_t_t_p_error", "a", "z42"]
    );
    assert_eq!(
        variant_names::<camel::Kind>(),
        ["admin", "superUser", "hTTPError", "a", "z42"]
    );
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Claims)]
#[serde(rename_all(serialize = "UPPERCASE", deserialize = "UPPERCASE"))]
enum Level {
    #[serde(rename = "lowest")]
    Low,
    #[serde(alias = "mid")]
    Middle,
    #[serde(rename(serialize = "TOP", deserialize = "TOP"))]
    High,
    #[serde(skip)]
    Internal,
    #[serde(other)]
    Unknown,
}

#[test]
fn variants_are_renamed_skipped_and_aliased_as_serde_does() {
    assert_variants_like_serde(&[Level::Low, Level::Middle, Level::High, Level::Unknown]);
    assert_eq!(
        variant_names::<Level>(),
        ["lowest", "MIDDLE", "TOP", "UNKNOWN"]
    );
    // Aliases and `other` read as the primary name.
    let read: Level = serde_json::from_value(json!("mid")).unwrap();
    assert!(matches!(read.val(), Val::Str("MIDDLE")));
    let read: Level = serde_json::from_value(json!("never heard of it")).unwrap();
    assert!(matches!(read.val(), Val::Str("UNKNOWN")));
    // A skipped variant is no name a token holds, yet a value of it still reads as one.
    assert!(matches!(Level::Internal.val(), Val::Str("INTERNAL")));
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Claims)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Renamed {
    #[serde(rename = "org_id")]
    org: Option<u64>,
    #[serde(rename(serialize = "sub", deserialize = "sub"), alias = "subject")]
    subject_id: String,
    r#type: String,
    r#match: bool,
    #[serde(default)]
    display_name: String,
    #[serde(skip)]
    cache: u32,
    #[serde(skip_deserializing, skip_serializing)]
    hidden: u32,
    #[claims(skip)]
    #[serde(default)]
    timeout: std::time::Duration,
    #[serde(default = "default_level", skip_serializing_if = "Option::is_none")]
    level: Option<Level>,
}

fn default_level() -> Option<Level> {
    Some(Level::Low)
}

#[test]
fn fields_are_renamed_skipped_and_aliased_as_serde_does() {
    let value = Renamed {
        org: Some(7),
        subject_id: "user-1".into(),
        r#type: "person".into(),
        r#match: true,
        display_name: "Ada".into(),
        cache: 0,
        hidden: 0,
        timeout: std::time::Duration::ZERO,
        level: Some(Level::High),
    };
    round_trip(&value);
    // `timeout` is deserialized, but not a claim a rule can name.
    assert_eq!(
        field_names::<Renamed>(),
        ["org_id", "sub", "type", "match", "displayName", "level"]
    );
    assert_eq!(
        sorted(field_names::<Renamed>().into_iter().chain(["timeout"])),
        serde_keys(&value)
    );
    assert_reads_like_serde(&value, &["timeout"]);
    assert!(value.field("cache").is_none());
    assert!(value.field("hidden").is_none());
    assert!(
        value.field("subject").is_none(),
        "an alias is not a name rules use"
    );
    assert!(
        value.field("org").is_none(),
        "a renamed field goes by its serde name"
    );
    let types: Vec<&str> = struct_shape::<Renamed>()
        .fields
        .iter()
        .map(|field| field.type_name)
        .collect();
    assert_eq!(
        types,
        [
            "Option<u64>",
            "String",
            "String",
            "bool",
            "String",
            "Option<Level>"
        ]
    );

    let read: Renamed = serde_json::from_value(json!({
        "org_id": null, "subject": "user-2", "type": "t", "match": false, "timeout": {"secs": 1, "nanos": 0},
    }))
    .unwrap();
    assert!(matches!(read.field("org_id"), Some(Val::Null)));
    assert!(matches!(read.field("sub"), Some(Val::Str("user-2"))));
    assert!(matches!(read.field("displayName"), Some(Val::Str(""))));
    assert!(matches!(read.field("level"), Some(Val::Str("lowest"))));
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Claims)]
struct Profile {
    name: String,
    #[serde(rename = "e-mail")]
    email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Claims)]
struct Containers {
    maybe: Option<u64>,
    nothing: Option<String>,
    groups: Vec<String>,
    matrix: Vec<Vec<u8>>,
    perms: HashMap<String, bool>,
    limits: BTreeMap<String, Vec<i64>>,
    profile: Profile,
    profiles: Vec<Profile>,
    boxed: Box<Profile>,
    any: Value,
    float: f64,
    big: u64,
}

#[test]
fn containers_and_nested_structs_read_as_serde_writes_them() {
    let value = Containers {
        maybe: Some(3),
        nothing: None,
        groups: vec!["staff".into(), "admin".into()],
        matrix: vec![vec![1, 2], vec![]],
        perms: HashMap::from([("posts:write".into(), true), ("posts:delete".into(), false)]),
        limits: BTreeMap::from([("daily".into(), vec![-1, 10])]),
        profile: Profile {
            name: "Ada".into(),
            email: Some("ada@example.com".into()),
        },
        profiles: vec![Profile {
            name: "Grace".into(),
            email: None,
        }],
        boxed: Box::new(Profile {
            name: "Bo".into(),
            email: None,
        }),
        any: json!({ "deep": [1, { "x": null }] }),
        float: 2.5,
        big: u64::MAX,
    };
    round_trip(&value);
    assert_shape_like_serde(&value);
    assert_shape_like_serde(&value.profile);
    let types: Vec<&str> = struct_shape::<Containers>()
        .fields
        .iter()
        .map(|field| field.type_name)
        .collect();
    assert_eq!(
        types,
        [
            "Option<u64>",
            "Option<String>",
            "Vec<String>",
            "Vec<Vec<u8>>",
            "HashMap<String, bool>",
            "BTreeMap<String, Vec<i64>>",
            "Profile",
            "Vec<Profile>",
            "Box<Profile>",
            "Value",
            "f64",
            "u64",
        ]
    );
    let profile = value.field("profile").unwrap();
    assert!(matches!(
        profile.field("e-mail"),
        Val::Str("ada@example.com")
    ));
    assert!(matches!(profile.field("email"), Val::Null));
    assert!(matches!(
        value.field("profiles").unwrap().index(0).field("name"),
        Val::Str("Grace")
    ));
    assert!(matches!(
        value.field("boxed").unwrap().field("name"),
        Val::Str("Bo")
    ));
    assert!(rule::eq(
        value.field("perms").unwrap().field("posts:write"),
        Val::Bool(true)
    ));
    assert!(matches!(Profile::SHAPE, Shape::Struct(s) if s.name == "Profile"));
    let shape = struct_shape::<Containers>();
    assert!(matches!(
        shape.fields[0].shape,
        Shape::Option(Shape::Number)
    ));
    assert!(matches!(shape.fields[6].shape, Shape::Struct(s) if s.name == "Profile"));
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Claims)]
struct Address {
    city: String,
    #[serde(rename = "zip_code")]
    zip: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Claims)]
struct Flattened {
    sub: String,
    #[serde(flatten)]
    address: Address,
    #[serde(flatten)]
    rest: HashMap<String, Value>,
}

#[test]
fn flattened_fields_read_as_claims_of_the_struct() {
    let value: Flattened = serde_json::from_value(json!({
        "sub": "user-1",
        "city": "Paris",
        "zip_code": "75001",
        "tenant": "acme",
        "roles": ["admin"],
    }))
    .unwrap();
    round_trip(&value);
    let shape = struct_shape::<Flattened>();
    assert_eq!(field_names::<Flattened>(), ["sub"]);
    assert_eq!(shape.flattened.len(), 2);
    assert!(matches!(shape.flattened[0], Shape::Struct(s) if s.name == "Address"));
    assert!(matches!(shape.flattened[1], Shape::Map(Shape::Any)));
    // Every key serde writes is a name a rule can read, with serde's value.
    assert_reads_like_serde(&value, &[]);
    assert!(matches!(value.field("city"), Some(Val::Str("Paris"))));
    assert!(matches!(value.field("zip_code"), Some(Val::Str("75001"))));
    assert!(matches!(value.field("tenant"), Some(Val::Str("acme"))));
    assert!(value.field("zip").is_none());
    assert!(value.field("address").is_none());
    assert!(value.field("rest").is_none());
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Claims)]
struct Generic<T, U: Clone = u8>
where
    T: Clone,
{
    item: T,
    items: Vec<T>,
    other: Option<U>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Claims)]
struct WithGeneric {
    names: Generic<String>,
    #[serde(flatten)]
    inner: Generic<Level, Profile>,
}

fn is_claims<T: Claims>() {}

#[test]
fn generic_structs_read_their_parameters() {
    is_claims::<Generic<String>>();
    is_claims::<Generic<Profile, Vec<bool>>>();
    let value = WithGeneric {
        names: Generic {
            item: "a".into(),
            items: vec!["b".into()],
            other: Some(3),
        },
        inner: Generic {
            item: Level::Low,
            items: vec![Level::High],
            other: None,
        },
    };
    round_trip(&value);
    assert_reads_like_serde(&value, &[]);
    assert_shape_like_serde(&value.names);
    let types: Vec<&str> = struct_shape::<Generic<String>>()
        .fields
        .iter()
        .map(|field| field.type_name)
        .collect();
    assert_eq!(types, ["T", "Vec<T>", "Option<U>"]);
    assert!(matches!(
        struct_shape::<Generic<Level, Profile>>().fields[0].shape,
        Shape::Enum(e) if e.name == "Level"
    ));
    assert!(matches!(value.field("item"), Some(Val::Str("lowest"))));
}

#[test]
fn a_typed_token_lists_its_claims_under_serde_names() {
    let token = auth_runtime::Token::new(Renamed {
        org: None,
        subject_id: "s".into(),
        r#type: "t".into(),
        r#match: false,
        display_name: String::new(),
        cache: 0,
        hidden: 0,
        timeout: std::time::Duration::ZERO,
        level: None,
    });
    assert_eq!(
        format!("{token:?}"),
        r#"Token { claims: ["org_id", "sub", "type", "match", "displayName", "level"] }"#
    );
}
