//! What a compiled rule computes with: the values it reads, and its operators.
//!
//! `#[with_auth(authorized = "...")]` parses its rule when the crate compiles and turns it into
//! calls to this module. Evaluating a rule parses nothing and allocates nothing: it reads the
//! token's claims in place, and the rule's literals are constants.
//!
//! # Semantics
//!
//! - **Values** are JSON values. A claim, field or element that is not there is `null`:
//!   `token.x == null` holds when the token has no `x`, and `token.a.b` is `null` when `a` is
//!   missing or is not an object. `a?.b` means the same as `a.b`. Strings have no fields.
//! - **Equality** (`==`, `!=`, and their aliases `===`, `!==`) is strict, with no coercion:
//!   `1 == '1'` and `'Admin' == 'admin'` are false. Numbers compare by value (`2 == 2.0`);
//!   two integers compare exactly, any other pair as `f64`. Arrays and objects compare deeply,
//!   so `['a'] == token.roles` holds when `roles` is `["a"]`.
//! - **Ordering** (`<`, `<=`, `>`, `>=`) is defined between two numbers and between two
//!   strings (by Unicode code point). Any other pair, `null` included, is not ordered: every
//!   ordering between them is false.
//! - **Truthiness**: a value used as a condition (the whole rule, or an operand of `&&`, `||`
//!   or `!`) is false when it is `null` (or missing), `false`, `0`, `-0`, `NaN` or `""`, and
//!   true otherwise, empty arrays and objects included, as in JavaScript.
//! - **Logic**: `&&`, `||` and `!` always give a boolean, and `&&` and `||` short-circuit.
//!   Unlike JavaScript, `a || b` never gives `a` or `b` itself.
//! - **Membership**: `x in y` and `y.contains(x)` hold when `y` is an array with an element
//!   equal to `x`, an object with the key `x`, or a string with the substring `x`. Anything
//!   else is false.
//! - `s.starts_with(p)` and `s.ends_with(p)` hold when both are strings and `s` starts or ends
//!   with `p`; anything else is false.

use std::cmp::Ordering;

use serde_json::{Map, Number, Value};

/// A value as a rule sees it: borrowed from the token, the request, or the rule itself.
#[derive(Clone, Copy, Debug)]
pub enum Val<'a> {
    /// `null`, and anything that is not there.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Num(Num),
    /// A string.
    Str(&'a str),
    /// An array of the token.
    Array(&'a [Value]),
    /// An object of the token.
    Object(&'a Map<String, Value>),
    /// An array literal of the rule.
    List(&'a [Val<'a>]),
}

/// A number, kept exact while it is an integer.
#[derive(Clone, Copy, Debug)]
pub enum Num {
    /// An integer that fits in an `i64`.
    Int(i64),
    /// An integer above `i64::MAX`.
    UInt(u64),
    /// Any other number.
    Float(f64),
}

impl<'a> Val<'a> {
    /// `value` as a rule sees it.
    #[inline]
    pub fn json(value: &'a Value) -> Self {
        match value {
            Value::Null => Val::Null,
            Value::Bool(b) => Val::Bool(*b),
            Value::Number(n) => Val::Num(Num::json(n)),
            Value::String(s) => Val::Str(s),
            Value::Array(items) => Val::Array(items),
            Value::Object(fields) => Val::Object(fields),
        }
    }

    /// `self.key`: the field `key` of an object, or `null`.
    #[inline]
    pub fn field(self, key: &str) -> Self {
        match self {
            Val::Object(fields) => fields.get(key).map_or(Val::Null, Val::json),
            _ => Val::Null,
        }
    }

    /// `self[i]`: the element `i` of an array, or `null`.
    #[inline]
    pub fn index(self, i: usize) -> Self {
        match self {
            Val::Array(items) => items.get(i).map_or(Val::Null, Val::json),
            Val::List(items) => items.get(i).copied().unwrap_or(Val::Null),
            _ => Val::Null,
        }
    }

    /// Whether the value holds as a condition, as in JavaScript: `null`, `false`, `0`, `-0`,
    /// `NaN` and `""` do not; everything else, empty arrays and objects included, does.
    #[inline]
    pub fn truthy(self) -> bool {
        match self {
            Val::Null => false,
            Val::Bool(b) => b,
            Val::Num(Num::Int(i)) => i != 0,
            Val::Num(Num::UInt(u)) => u != 0,
            Val::Num(Num::Float(f)) => !(f == 0.0 || f.is_nan()),
            Val::Str(s) => !s.is_empty(),
            Val::Array(_) | Val::Object(_) | Val::List(_) => true,
        }
    }

    /// The elements, if the value is an array of the token or of the rule.
    fn items(self) -> Option<Items<'a>> {
        match self {
            Val::Array(items) => Some(Items::Json(items.iter())),
            Val::List(items) => Some(Items::List(items.iter())),
            _ => None,
        }
    }
}

impl Num {
    fn json(n: &Number) -> Self {
        if let Some(i) = n.as_i64() {
            Num::Int(i)
        } else if let Some(u) = n.as_u64() {
            Num::UInt(u)
        } else {
            // `as_f64` only fails for numbers no `f64` holds, possible with serde_json's
            // `arbitrary_precision`; such a number equals nothing and is not ordered.
            Num::Float(n.as_f64().unwrap_or(f64::NAN))
        }
    }

    fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::UInt(u) => u as f64,
            Num::Float(f) => f,
        }
    }

    /// Integers exactly, anything else as `f64`; `None` when `NaN` is involved.
    fn compare(self, other: Num) -> Option<Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (Num::UInt(a), Num::UInt(b)) => Some(a.cmp(&b)),
            (Num::Int(a), Num::UInt(b)) => Some(compare_int_uint(a, b)),
            (Num::UInt(a), Num::Int(b)) => Some(compare_int_uint(b, a).reverse()),
            _ => self.as_f64().partial_cmp(&other.as_f64()),
        }
    }
}

fn compare_int_uint(a: i64, b: u64) -> Ordering {
    u64::try_from(a).map_or(Ordering::Less, |a| a.cmp(&b))
}

/// The elements of an array of the token or of the rule, as values.
enum Items<'a> {
    Json(std::slice::Iter<'a, Value>),
    List(std::slice::Iter<'a, Val<'a>>),
}

impl<'a> Iterator for Items<'a> {
    type Item = Val<'a>;

    fn next(&mut self) -> Option<Val<'a>> {
        match self {
            Items::Json(items) => items.next().map(Val::json),
            Items::List(items) => items.next().copied(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Items::Json(items) => items.size_hint(),
            Items::List(items) => items.size_hint(),
        }
    }
}

impl ExactSizeIterator for Items<'_> {}

/// `a == b`: strict, deep equality.
#[inline]
pub fn eq(a: Val<'_>, b: Val<'_>) -> bool {
    match (a, b) {
        (Val::Null, Val::Null) => true,
        (Val::Bool(a), Val::Bool(b)) => a == b,
        (Val::Num(a), Val::Num(b)) => a.compare(b) == Some(Ordering::Equal),
        (Val::Str(a), Val::Str(b)) => a == b,
        (Val::Object(a), Val::Object(b)) => {
            a.len() == b.len()
                && a.iter().all(|(key, value)| {
                    b.get(key)
                        .is_some_and(|other| eq(Val::json(value), Val::json(other)))
                })
        }
        _ => match (a.items(), b.items()) {
            (Some(a), Some(b)) => a.len() == b.len() && a.zip(b).all(|(a, b)| eq(a, b)),
            _ => false,
        },
    }
}

/// `a < b`.
#[inline]
pub fn lt(a: Val<'_>, b: Val<'_>) -> bool {
    order(a, b) == Some(Ordering::Less)
}

/// `a <= b`.
#[inline]
pub fn le(a: Val<'_>, b: Val<'_>) -> bool {
    matches!(order(a, b), Some(Ordering::Less | Ordering::Equal))
}

/// `a > b`.
#[inline]
pub fn gt(a: Val<'_>, b: Val<'_>) -> bool {
    order(a, b) == Some(Ordering::Greater)
}

/// `a >= b`.
#[inline]
pub fn ge(a: Val<'_>, b: Val<'_>) -> bool {
    matches!(order(a, b), Some(Ordering::Greater | Ordering::Equal))
}

/// How two numbers or two strings compare; `None` for any other pair.
fn order(a: Val<'_>, b: Val<'_>) -> Option<Ordering> {
    match (a, b) {
        (Val::Num(a), Val::Num(b)) => a.compare(b),
        // Byte order of UTF-8 is code point order.
        (Val::Str(a), Val::Str(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// `haystack.contains(needle)`, also `needle in haystack`: an element of an array, a key of an
/// object, or a substring of a string.
#[inline]
pub fn contains(haystack: Val<'_>, needle: Val<'_>) -> bool {
    match (haystack, needle) {
        (Val::Object(fields), Val::Str(key)) => fields.contains_key(key),
        (Val::Str(s), Val::Str(sub)) => s.contains(sub),
        _ => haystack
            .items()
            .is_some_and(|mut items| items.any(|item| eq(item, needle))),
    }
}

/// `s.starts_with(prefix)`, for two strings.
#[inline]
pub fn starts_with(s: Val<'_>, prefix: Val<'_>) -> bool {
    matches!((s, prefix), (Val::Str(s), Val::Str(prefix)) if s.starts_with(prefix))
}

/// `s.ends_with(suffix)`, for two strings.
#[inline]
pub fn ends_with(s: Val<'_>, suffix: Val<'_>) -> bool {
    matches!((s, suffix), (Val::Str(s), Val::Str(suffix)) if s.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn claims() -> Value {
        json!({
            "role": "admin",
            "roles": ["a", "b"],
            "org": { "id": 7, "tier": "pro" },
            "age": 30,
            "ratio": 0.5,
            "big": u64::MAX,
            "min": i64::MIN,
            "zero": 0,
            "neg_zero": -0.0,
            "empty": "",
            "none": null,
            "no": false,
            "yes": true,
            "list": [],
            "map": {},
            "nested": [[1, 2], { "k": [1.0] }],
        })
    }

    fn int(i: i64) -> Val<'static> {
        Val::Num(Num::Int(i))
    }

    fn float(f: f64) -> Val<'static> {
        Val::Num(Num::Float(f))
    }

    #[test]
    fn reading() {
        let claims = claims();
        let token = Val::json(&claims);
        assert!(matches!(token.field("role"), Val::Str("admin")));
        assert!(matches!(token.field("missing"), Val::Null));
        assert!(matches!(token.field("role").field("x"), Val::Null));
        assert!(matches!(token.field("roles").index(1), Val::Str("b")));
        assert!(matches!(token.field("roles").index(2), Val::Null));
        assert!(matches!(token.field("org").index(0), Val::Null));
        assert!(matches!(token.field("roles").field("0"), Val::Null));
        assert!(matches!(
            Val::List(&[Val::Null, Val::Bool(true)]).index(1),
            Val::Bool(true)
        ));
        assert!(matches!(token.field("big"), Val::Num(Num::UInt(u64::MAX))));
        assert!(matches!(token.field("age"), Val::Num(Num::Int(30))));
        assert!(matches!(token.field("ratio"), Val::Num(Num::Float(0.5))));
    }

    #[test]
    fn truthiness() {
        let claims = claims();
        let token = Val::json(&claims);
        let falsy = ["missing", "none", "no", "zero", "neg_zero", "empty"];
        for name in falsy {
            assert!(!token.field(name).truthy(), "{name}");
        }
        let truthy = [
            "role", "roles", "org", "age", "ratio", "big", "min", "yes", "list", "map",
        ];
        for name in truthy {
            assert!(token.field(name).truthy(), "{name}");
        }
        assert!(!float(f64::NAN).truthy());
        assert!(float(f64::INFINITY).truthy());
        assert!(Val::List(&[]).truthy());
        assert!(Val::Str(" ").truthy());
    }

    #[test]
    fn strict_equality() {
        let table: &[(Val<'_>, Val<'_>, bool)] = &[
            (Val::Null, Val::Null, true),
            (Val::Null, Val::Bool(false), false),
            (Val::Null, int(0), false),
            (Val::Null, Val::Str(""), false),
            (Val::Bool(true), Val::Bool(true), true),
            (Val::Bool(true), int(1), false),
            (int(1), Val::Str("1"), false),
            (Val::Str("Admin"), Val::Str("admin"), false),
            (Val::Str("é"), Val::Str("é"), true),
            (int(2), float(2.0), true),
            (float(0.0), float(-0.0), true),
            (float(f64::NAN), float(f64::NAN), false),
            (int(-1), Val::Num(Num::UInt(u64::MAX)), false),
            (Val::Num(Num::UInt(1)), int(1), true),
            // As `f64`, 2^53 + 1 rounds to 2^53: mixed comparisons are only as exact as `f64`.
            (int((1 << 53) + 1), float(9007199254740992.0), true),
            (int((1 << 53) + 1), int(1 << 53), false),
            (Val::List(&[]), Val::List(&[]), true),
            (Val::List(&[]), Val::Null, false),
            (Val::List(&[int(1)]), Val::List(&[float(1.0)]), true),
            (Val::List(&[int(1)]), Val::List(&[int(1), int(1)]), false),
        ];
        for &(a, b, expected) in table {
            assert_eq!(eq(a, b), expected, "{a:?} == {b:?}");
            assert_eq!(eq(b, a), expected, "{b:?} == {a:?}");
        }
    }

    #[test]
    fn deep_equality() {
        let claims = claims();
        let token = Val::json(&claims);
        let other = json!({ "org": { "tier": "pro", "id": 7.0 }, "roles": ["a", "b"] });
        let other = Val::json(&other);
        assert!(eq(token.field("org"), other.field("org")));
        assert!(eq(token.field("roles"), other.field("roles")));
        assert!(eq(
            token.field("roles"),
            Val::List(&[Val::Str("a"), Val::Str("b")])
        ));
        assert!(!eq(
            token.field("roles"),
            Val::List(&[Val::Str("b"), Val::Str("a")])
        ));
        assert!(!eq(token.field("roles"), Val::List(&[Val::Str("a")])));
        assert!(!eq(token.field("org"), token.field("map")));
        assert!(eq(token.field("map"), Val::json(&json!({}))));
        assert!(!eq(token.field("list"), token.field("map")));
        let nested = json!([[1.0, 2], { "k": [1] }]);
        assert!(eq(token.field("nested"), Val::json(&nested)));
        assert!(!eq(token, other));
        assert!(eq(token, token));
    }

    #[test]
    fn ordering() {
        let table: &[(Val<'_>, Val<'_>, Option<Ordering>)] = &[
            (int(1), int(2), Some(Ordering::Less)),
            (int(2), float(2.0), Some(Ordering::Equal)),
            (float(2.5), int(2), Some(Ordering::Greater)),
            (int(-1), Val::Num(Num::UInt(u64::MAX)), Some(Ordering::Less)),
            (
                int(i64::MAX),
                Val::Num(Num::UInt(1 << 63)),
                Some(Ordering::Less),
            ),
            (Val::Str("a"), Val::Str("b"), Some(Ordering::Less)),
            (Val::Str("Z"), Val::Str("a"), Some(Ordering::Less)),
            (Val::Str("é"), Val::Str("z"), Some(Ordering::Greater)),
            (Val::Str(""), Val::Str(""), Some(Ordering::Equal)),
            (int(1), Val::Str("2"), None),
            (Val::Null, int(0), None),
            (Val::Null, Val::Null, None),
            (Val::Bool(false), Val::Bool(true), None),
            (Val::List(&[int(1)]), Val::List(&[int(2)]), None),
            (float(f64::NAN), int(0), None),
        ];
        for &(a, b, expected) in table {
            let got = [lt(a, b), le(a, b), gt(a, b), ge(a, b)];
            let want = match expected {
                Some(Ordering::Less) => [true, true, false, false],
                Some(Ordering::Equal) => [false, true, false, true],
                Some(Ordering::Greater) => [false, false, true, true],
                None => [false; 4],
            };
            assert_eq!(got, want, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn membership() {
        let claims = claims();
        let token = Val::json(&claims);
        let table: &[(Val<'_>, Val<'_>, bool)] = &[
            (token.field("roles"), Val::Str("a"), true),
            (token.field("roles"), Val::Str("c"), false),
            (token.field("roles"), Val::List(&[Val::Str("a")]), false),
            (token.field("nested"), Val::List(&[int(1), int(2)]), true),
            (Val::List(&[Val::Str("x"), int(7)]), float(7.0), true),
            (Val::List(&[]), Val::Null, false),
            (token.field("org"), Val::Str("tier"), true),
            (token.field("org"), Val::Str("pro"), false),
            (token.field("org"), int(7), false),
            (Val::Str("admin"), Val::Str("dm"), true),
            (Val::Str("admin"), Val::Str(""), true),
            (Val::Str("admin"), Val::Str("Admin"), false),
            (Val::Str("12"), int(1), false),
            (Val::Null, Val::Null, false),
            (token.field("missing"), Val::Str("a"), false),
            (int(12), int(1), false),
        ];
        for &(haystack, needle, expected) in table {
            assert_eq!(
                contains(haystack, needle),
                expected,
                "{needle:?} in {haystack:?}"
            );
        }
    }

    #[test]
    fn affixes() {
        assert!(starts_with(Val::Str("/admin/users"), Val::Str("/admin")));
        assert!(!starts_with(Val::Str("/admin"), Val::Str("/admin/")));
        assert!(ends_with(
            Val::Str("ada@example.com"),
            Val::Str("@example.com")
        ));
        assert!(!ends_with(
            Val::Str("ada@example.com"),
            Val::Str("@example.org")
        ));
        assert!(starts_with(Val::Str("x"), Val::Str("")));
        assert!(!starts_with(Val::Null, Val::Str("")));
        assert!(!starts_with(Val::List(&[Val::Str("a")]), Val::Str("a")));
        assert!(!ends_with(int(10), int(0)));
        assert!(!ends_with(Val::Str("10"), int(0)));
    }
}
