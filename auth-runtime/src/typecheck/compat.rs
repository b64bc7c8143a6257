//! Which values a rule may compare, order, and look for in others: the pairs for which the
//! operators of `rule_rt` can give both answers.

use super::ty::{Kind, Ty};
use crate::claims::shape::{EnumShape, Shape};

/// Whether two values can be compared, or what is wrong with comparing them.
#[derive(Clone, Copy)]
pub(super) enum Verdict<'a> {
    /// They can be equal and unequal.
    Fine,
    /// They are never equal: their kinds differ.
    Mismatch,
    /// The string literal `literal` is no variant of the enum it is compared with.
    NoVariant {
        of: &'static EnumShape,
        value: &'static str,
        literal: Ty<'a>,
    },
    /// One side is `null`, and this other side never is.
    NeverNull(Ty<'a>),
    /// This side is a whole struct, which equals nothing.
    Struct(Ty<'a>),
    /// One side is a set, which has no order to compare with an array's.
    Set,
}

impl Verdict<'_> {
    /// Whether there is nothing wrong.
    pub(super) const fn is_fine(self) -> bool {
        matches!(self, Verdict::Fine)
    }
}

/// Whether `a == b` can hold and can fail.
pub(super) const fn equatable<'a>(a: Ty<'a>, b: Ty<'a>) -> Verdict<'a> {
    // A null check is meaningful for anything that may be null, an optional struct or set
    // included.
    if let Kind::Null = b.kind {
        return if a.may_be_null() {
            Verdict::Fine
        } else {
            Verdict::NeverNull(a)
        };
    }
    if let Kind::Null = a.kind {
        return if b.may_be_null() {
            Verdict::Fine
        } else {
            Verdict::NeverNull(b)
        };
    }
    // At run time a whole struct equals nothing, not even a JSON value.
    if let Kind::Struct(_) = a.kind {
        return Verdict::Struct(a);
    }
    if let Kind::Struct(_) = b.kind {
        return Verdict::Struct(b);
    }
    match (a.kind, b.kind) {
        (Kind::Any, _) | (_, Kind::Any) => Verdict::Fine,
        // A set's iteration order is not the token's, so it equals an array only by chance.
        (Kind::List { ordered: false, .. }, _) => Verdict::Set,
        (_, Kind::List { ordered: false, .. }) => Verdict::Set,
        (Kind::Enum(of), Kind::Str(Some(value))) => variant(of, value, b),
        (Kind::Str(Some(value)), Kind::Enum(of)) => variant(of, value, a),
        (Kind::List { items, .. }, Kind::Array(literals)) => list_literal(items, literals, a),
        (Kind::Array(literals), Kind::List { items, .. }) => list_literal(items, literals, b),
        (Kind::List { items: a_items, .. }, Kind::List { items: b_items, .. })
        | (Kind::Map(a_items), Kind::Map(b_items)) => nested(a_items, b_items, a),
        (a, b) => {
            if same_scalar_kind(a, b) {
                Verdict::Fine
            } else {
                Verdict::Mismatch
            }
        }
    }
}

/// Whether `a < b` (and `<=`, `>`, `>=`) can hold and can fail: two numbers or two strings,
/// a path parameter with either.
pub(super) const fn orderable(a: Ty<'_>, b: Ty<'_>) -> bool {
    matches!(
        (a.kind, b.kind),
        (Kind::Any, _)
            | (_, Kind::Any)
            | (Kind::Number | Kind::Param, Kind::Number | Kind::Param)
            | (Kind::Str(_) | Kind::Param, Kind::Str(_) | Kind::Param)
    )
}

/// Whether `needle in haystack` can hold and can fail.
pub(super) const fn containable<'a>(haystack: Ty<'a>, needle: Ty<'a>) -> Verdict<'a> {
    match haystack.kind {
        Kind::Any => Verdict::Fine,
        Kind::List { items, .. } => {
            match equatable(Ty::of_shape(items, false, None, haystack.at), needle) {
                Verdict::Fine => Verdict::Fine,
                no_variant @ Verdict::NoVariant { .. } => no_variant,
                _ => Verdict::Mismatch,
            }
        }
        Kind::Array(literals) => any_literal(literals, needle),
        Kind::Map(_) | Kind::Str(_) | Kind::Param => {
            if needle.is_string_like() {
                Verdict::Fine
            } else {
                Verdict::Mismatch
            }
        }
        _ => Verdict::Mismatch,
    }
}

/// Whether a string literal and an enum can be equal: when the literal names a variant.
const fn variant<'a>(of: &'static EnumShape, value: &'static str, literal: Ty<'a>) -> Verdict<'a> {
    let mut i = 0;
    while i < of.variants.len() {
        if str_eq(of.variants[i], value) {
            return Verdict::Fine;
        }
        i += 1;
    }
    Verdict::NoVariant { of, value, literal }
}

/// Whether a list of `items` can equal an array literal: when each literal can equal an item.
/// A literal that is no variant of an enum item is reported as such.
const fn list_literal<'a>(
    items: &'static Shape,
    literals: &'a [Ty<'a>],
    list: Ty<'a>,
) -> Verdict<'a> {
    let item = Ty::of_shape(items, false, None, list.at);
    let mut i = 0;
    while i < literals.len() {
        match equatable(item, literals[i]) {
            Verdict::Fine => {}
            no_variant @ Verdict::NoVariant { .. } => return no_variant,
            _ => return Verdict::Mismatch,
        }
        i += 1;
    }
    Verdict::Fine
}

/// Whether two lists, or two maps, of these items can be equal: when their items can.
const fn nested<'a>(a_items: &'static Shape, b_items: &'static Shape, a: Ty<'a>) -> Verdict<'a> {
    let a_item = Ty::of_shape(a_items, false, None, a.at);
    let b_item = Ty::of_shape(b_items, false, None, a.at);
    match equatable(a_item, b_item) {
        Verdict::Fine => Verdict::Fine,
        _ => Verdict::Mismatch,
    }
}

/// Whether `needle` can equal any literal of an array literal: each must be comparable with
/// it, as `needle == literal` would be.
const fn any_literal<'a>(literals: &'a [Ty<'a>], needle: Ty<'a>) -> Verdict<'a> {
    let mut i = 0;
    while i < literals.len() {
        match equatable(needle, literals[i]) {
            Verdict::Fine => {}
            Verdict::Struct(_) | Verdict::Set => return Verdict::Mismatch,
            other => return other,
        }
        i += 1;
    }
    Verdict::Fine
}

/// Whether two kinds other than null, structs, sets, lists and maps can be equal.
const fn same_scalar_kind(a: Kind<'_>, b: Kind<'_>) -> bool {
    match (a, b) {
        (Kind::Enum(a), Kind::Enum(b)) => str_eq(a.name, b.name),
        (Kind::Enum(_), Kind::Str(None)) | (Kind::Str(None), Kind::Enum(_)) => true,
        _ => matches!(
            (a, b),
            (Kind::Bool, Kind::Bool)
                | (Kind::Number | Kind::Param, Kind::Number | Kind::Param)
                | (Kind::Str(_) | Kind::Param, Kind::Str(_) | Kind::Param)
                | (Kind::Enum(_), Kind::Param)
                | (Kind::Param, Kind::Enum(_))
                | (Kind::Array(_), Kind::Array(_))
        ),
    }
}

/// `a == b` for strings, which `PartialEq` cannot do in constant evaluation.
pub(super) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
