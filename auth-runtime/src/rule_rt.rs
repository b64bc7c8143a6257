//! What a compiled rule computes with: the values it reads, and its operators.
//!
//! `#[with_auth(authorized = "...")]` parses its rule when the crate compiles and turns it into
//! calls to this module. Evaluating a rule parses nothing and allocates nothing: it reads the
//! token's claims in place, and the rule's literals are constants.
//!
//! # Semantics
//!
//! - **Values** are JSON values, or the typed claims of a struct deriving `Claims`, which read
//!   the same: a struct as an object, a sequence as an array, an enum as its serde name. A
//!   claim, field or element that is not there is `null`: `token.x == null` holds when the
//!   token has no `x`, and `token.a.b` is `null` when `a` is missing or is not an object.
//!   `a?.b` means the same as `a.b`. Strings have no fields.
//! - **Path parameters** (`path.<name>`) are strings, except that one compared with a number
//!   compares by value when it spells a number in JSON's grammar (`7`, `-1`, `2.5`; not `07`
//!   or `+7`); one that does not is unequal to every number and not ordered with any.
//! - **Equality** (`==`, `!=`, and their aliases `===`, `!==`) is strict, with no coercion:
//!   `1 == '1'` and `'Admin' == 'admin'` are false. Numbers compare by value (`2 == 2.0`);
//!   two integers compare exactly, any other pair as `f64`. Arrays and objects compare deeply,
//!   so `['a'] == token.roles` holds when `roles` is `["a"]`. A whole typed struct equals
//!   nothing (the compile-time check refuses the comparison).
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
use std::fmt;

use serde_json::{Map, Number, Value};

use crate::RequestInfo;
pub use crate::claims::value::{ClaimValue, MapValue, SeqValue, StructValue};

/// A value as a rule sees it: borrowed from the token, the request, or the rule itself.
#[derive(Clone, Copy)]
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
    /// A path parameter: a string, which equals the number it spells.
    Param(&'a str),
    /// A struct of typed claims.
    Struct(&'a dyn StructValue),
    /// A sequence of typed claims.
    Seq(&'a dyn SeqValue),
    /// A map of typed claims.
    Map(&'a dyn MapValue),
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

    /// A typed value, or the claims of a token, as a rule sees it.
    #[inline]
    pub fn of<T: ClaimValue + ?Sized>(value: &'a T) -> Self {
        value.val()
    }

    /// `self.key`: the field `key` of an object, or `null`.
    #[inline]
    pub fn field(self, key: &str) -> Self {
        self.member(key).unwrap_or(Val::Null)
    }

    /// The field `key` of an object, or `None` when there is no such field.
    #[inline]
    pub fn member(self, key: &str) -> Option<Self> {
        match self {
            Val::Object(fields) => fields.get(key).map(Val::json),
            Val::Struct(fields) => fields.field(key),
            Val::Map(entries) => entries.get(key),
            _ => None,
        }
    }

    /// `self[i]`: the element `i` of an array, or `null`.
    #[inline]
    pub fn index(self, i: usize) -> Self {
        let item = match self {
            Val::Array(items) => items.get(i).map(Val::json),
            Val::List(items) => items.get(i).copied(),
            Val::Seq(items) => items.get(i),
            _ => None,
        };
        item.unwrap_or(Val::Null)
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
            Val::Str(s) | Val::Param(s) => !s.is_empty(),
            Val::Array(_)
            | Val::Object(_)
            | Val::List(_)
            | Val::Struct(_)
            | Val::Seq(_)
            | Val::Map(_) => true,
        }
    }

    /// The text of a string or a path parameter.
    fn text(self) -> Option<&'a str> {
        match self {
            Val::Str(s) | Val::Param(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if the value is an array of the token, of typed claims or of the rule.
    fn items(self) -> Option<Items<'a>> {
        match self {
            Val::Array(items) => Some(Items::Json(items.iter())),
            Val::List(items) => Some(Items::List(items.iter())),
            Val::Seq(items) => Some(Items::Seq(items, 0..items.item_count())),
            _ => None,
        }
    }

    /// The number of entries, if the value is an object of the token or a map of typed claims.
    fn entry_count(self) -> Option<usize> {
        match self {
            Val::Object(fields) => Some(fields.len()),
            Val::Map(entries) => Some(entries.entry_count()),
            _ => None,
        }
    }

    /// Whether `matches` holds for every entry of an object or a map (false for anything
    /// else).
    fn all_entries(self, matches: &mut dyn FnMut(&str, Val<'_>) -> bool) -> bool {
        match self {
            Val::Object(fields) => fields
                .iter()
                .all(|(key, value)| matches(key, Val::json(value))),
            Val::Map(entries) => entries.all(matches),
            _ => false,
        }
    }
}

impl fmt::Debug for Val<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Val::Null => f.write_str("Null"),
            Val::Bool(b) => f.debug_tuple("Bool").field(b).finish(),
            Val::Num(n) => f.debug_tuple("Num").field(n).finish(),
            Val::Str(s) => f.debug_tuple("Str").field(s).finish(),
            Val::Array(items) => f.debug_tuple("Array").field(items).finish(),
            Val::Object(fields) => f.debug_tuple("Object").field(fields).finish(),
            Val::List(items) => f.debug_tuple("List").field(items).finish(),
            Val::Param(s) => f.debug_tuple("Param").field(s).finish(),
            Val::Struct(_) => f.write_str("Struct(..)"),
            Val::Seq(items) => f.debug_tuple("Seq").field(&items.item_count()).finish(),
            Val::Map(entries) => f.debug_tuple("Map").field(&entries.entry_count()).finish(),
        }
    }
}

impl From<u64> for Num {
    fn from(u: u64) -> Self {
        i64::try_from(u).map_or(Num::UInt(u), Num::Int)
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

    /// The number a path parameter spells in JSON's grammar: `-`, then `0` or digits not
    /// starting with `0`, then an optional fraction. Anything else (`07`, `+7`, `1e3`, `NaN`)
    /// is no number.
    fn param(text: &str) -> Option<Num> {
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        let canonical = digits(whole)
            && (whole == "0" || !whole.starts_with('0'))
            && fraction.is_none_or(digits);
        if !canonical {
            return None;
        }
        if fraction.is_none() {
            if let Ok(i) = text.parse::<i64>() {
                return Some(Num::Int(i));
            }
            if let Ok(u) = text.parse::<u64>() {
                return Some(Num::UInt(u));
            }
        }
        text.parse::<f64>().ok().map(Num::Float)
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

/// The elements of an array of the token, of typed claims or of the rule, as values.
enum Items<'a> {
    Json(std::slice::Iter<'a, Value>),
    List(std::slice::Iter<'a, Val<'a>>),
    Seq(&'a dyn SeqValue, std::ops::Range<usize>),
}

impl<'a> Iterator for Items<'a> {
    type Item = Val<'a>;

    fn next(&mut self) -> Option<Val<'a>> {
        match self {
            Items::Json(items) => items.next().map(Val::json),
            Items::List(items) => items.next().copied(),
            Items::Seq(items, indices) => indices.next().and_then(|i| items.get(i)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Items::Json(items) => items.size_hint(),
            Items::List(items) => items.size_hint(),
            Items::Seq(_, indices) => indices.size_hint(),
        }
    }
}

impl ExactSizeIterator for Items<'_> {}

/// `path.<name>`: the route's parameter, or `null` (with a log line saying why) when there is
/// none.
#[inline]
pub fn param<'a>(req: &RequestInfo<'a>, name: &str) -> Val<'a> {
    match req.param(name) {
        Some(value) => Val::Param(value),
        None => {
            req.report_missing_param(name);
            Val::Null
        }
    }
}

/// `a == b`: strict, deep equality.
#[inline]
pub fn eq(a: Val<'_>, b: Val<'_>) -> bool {
    match (a, b) {
        (Val::Null, Val::Null) => true,
        (Val::Bool(a), Val::Bool(b)) => a == b,
        (Val::Num(a), Val::Num(b)) => a.compare(b) == Some(Ordering::Equal),
        (Val::Param(p), Val::Num(n)) | (Val::Num(n), Val::Param(p)) => {
            Num::param(p).is_some_and(|p| p.compare(n) == Some(Ordering::Equal))
        }
        _ => {
            if let (Some(a), Some(b)) = (a.text(), b.text()) {
                return a == b;
            }
            if let (Some(len), Some(other_len)) = (a.entry_count(), b.entry_count()) {
                return len == other_len
                    && a.all_entries(&mut |key, value| {
                        b.member(key).is_some_and(|other| eq(value, other))
                    });
            }
            match (a.items(), b.items()) {
                (Some(a), Some(b)) => a.len() == b.len() && a.zip(b).all(|(a, b)| eq(a, b)),
                _ => false,
            }
        }
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
        (Val::Param(p), Val::Num(n)) => Num::param(p)?.compare(n),
        (Val::Num(n), Val::Param(p)) => n.compare(Num::param(p)?),
        // Byte order of UTF-8 is code point order.
        _ => Some(a.text()?.cmp(b.text()?)),
    }
}

/// `haystack.contains(needle)`, also `needle in haystack`: an element of an array, a key of an
/// object, or a substring of a string.
#[inline]
pub fn contains(haystack: Val<'_>, needle: Val<'_>) -> bool {
    if let Some(text) = haystack.text() {
        return needle.text().is_some_and(|sub| text.contains(sub));
    }
    if haystack.entry_count().is_some() {
        return needle
            .text()
            .is_some_and(|key| haystack.member(key).is_some());
    }
    match haystack {
        Val::Seq(items) => items.any(&mut |item| eq(item, needle)),
        _ => haystack
            .items()
            .is_some_and(|mut items| items.any(|item| eq(item, needle))),
    }
}

/// `s.starts_with(prefix)`, for two strings.
#[inline]
pub fn starts_with(s: Val<'_>, prefix: Val<'_>) -> bool {
    matches!((s.text(), prefix.text()), (Some(s), Some(prefix)) if s.starts_with(prefix))
}

/// `s.ends_with(suffix)`, for two strings.
#[inline]
pub fn ends_with(s: Val<'_>, suffix: Val<'_>) -> bool {
    matches!((s.text(), suffix.text()), (Some(s), Some(suffix)) if s.ends_with(suffix))
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

    #[test]
    fn path_parameters_equal_the_numbers_they_spell() {
        let table: &[(&str, Val<'_>, bool)] = &[
            ("7", int(7), true),
            ("7", float(7.0), true),
            ("-1", int(-1), true),
            ("2.5", float(2.5), true),
            ("18446744073709551615", Val::Num(Num::UInt(u64::MAX)), true),
            ("07", int(7), false),
            ("+7", int(7), false),
            ("7.", int(7), false),
            (".5", float(0.5), false),
            ("1e3", int(1000), false),
            ("NaN", float(f64::NAN), false),
            ("", int(0), false),
            ("-", int(0), false),
            ("seven", int(7), false),
            ("7", Val::Str("7"), true),
            ("7", Val::Param("7"), true),
            ("7", Val::Str("07"), false),
            ("true", Val::Bool(true), false),
            ("null", Val::Null, false),
        ];
        for &(param, other, expected) in table {
            assert_eq!(
                eq(Val::Param(param), other),
                expected,
                "{param} == {other:?}"
            );
            assert_eq!(
                eq(other, Val::Param(param)),
                expected,
                "{other:?} == {param}"
            );
        }
        assert!(lt(Val::Param("9"), int(10)));
        assert!(gt(int(10), Val::Param("9")));
        assert!(!lt(Val::Param("x"), int(10)) && !ge(Val::Param("x"), int(10)));
        // Against a string, a parameter orders as text.
        assert!(gt(Val::Param("9"), Val::Str("10")));
        assert!(Val::Param("0").truthy() && !Val::Param("").truthy());
        assert!(contains(Val::List(&[int(1), int(7)]), Val::Param("7")));
        assert!(contains(Val::Param("/a/b"), Val::Str("a/")));
        assert!(starts_with(Val::Param("abc"), Val::Str("ab")));
    }

    #[test]
    fn typed_values_read_like_json() {
        use std::collections::{BTreeMap, HashSet};

        let roles = vec!["a".to_owned(), "b".to_owned()];
        let json_roles = json!(["a", "b"]);
        assert!(eq(Val::of(&roles), Val::json(&json_roles)));
        assert!(eq(
            Val::of(&roles),
            Val::List(&[Val::Str("a"), Val::Str("b")])
        ));
        assert!(!eq(
            Val::of(&roles),
            Val::List(&[Val::Str("b"), Val::Str("a")])
        ));
        assert!(matches!(Val::of(&roles).index(1), Val::Str("b")));
        assert!(matches!(Val::of(&roles).index(2), Val::Null));
        assert!(contains(Val::of(&roles), Val::Str("b")));
        assert!(!contains(Val::of(&roles), Val::Str("c")));

        let set: HashSet<String> = roles.iter().cloned().collect();
        assert!(contains(Val::of(&set), Val::Str("a")));
        assert!(!contains(Val::of(&set), Val::Str("c")));

        let perms = BTreeMap::from([("read".to_owned(), true), ("write".to_owned(), false)]);
        let json_perms = json!({ "write": false, "read": true });
        assert!(eq(Val::of(&perms), Val::json(&json_perms)));
        assert!(!eq(Val::of(&perms), Val::json(&json!({ "read": true }))));
        assert!(contains(Val::of(&perms), Val::Str("write")));
        assert!(!contains(Val::of(&perms), Val::Str("admin")));
        assert!(matches!(Val::of(&perms).field("read"), Val::Bool(true)));
        assert!(matches!(Val::of(&perms).field("admin"), Val::Null));

        assert!(matches!(Val::of(&Some(3_u64)), Val::Num(Num::Int(3))));
        assert!(matches!(Val::of(&None::<u64>), Val::Null));
        assert!(matches!(Val::of(&u64::MAX), Val::Num(Num::UInt(u64::MAX))));
        assert!(eq(Val::of(&2.0_f32), int(2)));
    }
}
