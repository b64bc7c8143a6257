//! The messages of the checker: the mistake, the diagram of where it is, and how to fix it.

use super::compat::Verdict;
use super::fields;
use super::message::Message;
use super::suggest::Closest;
use super::ty::{Description, Kind, Ty};
use super::{Affix, At};
use crate::claims::shape::{EnumShape, StructShape};

/// "unknown claim `rol` in `AppClaims`", with the closest claim or the list of claims.
pub(super) const fn unknown_claim(
    message: &mut Message,
    shape: &'static StructShape,
    name: &'static str,
    name_at: At,
) {
    message.push("unknown claim ");
    message.push_code(name);
    message.push(" in ");
    message.push_code(shape.name);
    diagram(message, name_at);
    let mut closest = Closest::new(name);
    fields::offer_names(shape, &mut closest);
    help(message);
    if let Some(claim) = closest.best() {
        did_you_mean(message, claim, "`");
    } else if closest.offered_any() {
        message.push("the claims of ");
        message.push_code(shape.name);
        message.push(" are ");
        let mut first = true;
        fields::list_names(shape, message, &mut first);
    } else {
        message.push_code(shape.name);
        message.push(" has no claims");
    }
}

/// "`token.role` (`Role`) has no fields", for a value that is not an object.
pub(super) const fn no_fields(message: &mut Message, object: Ty<'_>, name_at: At) {
    operand(message, object);
    message.push(" has no fields");
    diagram(message, name_at);
    match object.kind {
        Kind::Enum(shape) => compare_with_variant(message, object, shape),
        Kind::Str(_) | Kind::Param => {
            help(message);
            message.push("compare it, or test it with `contains`, `starts_with` or `ends_with`");
        }
        Kind::Number => {
            help(message);
            message.push("compare it with `==`, `!=`, `<`, `<=`, `>` or `>=`");
        }
        Kind::Bool => {
            help(message);
            message.push("use it as a condition, or compare it with `true` or `false`");
        }
        Kind::List { ordered: true, .. } => {
            help(message);
            message.push("read an item by its position, as in `");
            message.push(object.at.text);
            message.push("[0]`, or look for one with `in`");
        }
        Kind::List { ordered: false, .. } => look_for_items(message),
        _ => {}
    }
}

/// "`token.role` (`Role`) cannot be indexed", for a value that is not an ordered list.
pub(super) const fn not_indexable(message: &mut Message, value: Ty<'_>, at: At) {
    operand(message, value);
    if let Kind::List { ordered: false, .. } = value.kind {
        message.push(" has no order: it cannot be indexed");
        diagram(message, at);
        look_for_items(message);
        return;
    }
    message.push(" cannot be indexed");
    diagram(message, at);
    help(message);
    match value.kind {
        Kind::Map(_) => {
            message.push("read an entry by its key, as in `");
            message.push(value.at.text);
            message.push("['key']`");
        }
        Kind::Struct(shape) if !shape.fields.is_empty() => {
            message.push("read a claim by its name, as in `");
            message.push(value.at.text);
            message.push(".");
            message.push(shape.fields[0].name);
            message.push("`");
        }
        _ => message.push("only lists can be indexed"),
    }
}

/// Why `lhs == rhs` (at `at`) is refused.
pub(super) const fn not_equatable(
    message: &mut Message,
    verdict: Verdict<'_>,
    lhs: Ty<'_>,
    rhs: Ty<'_>,
    at: At,
) {
    if is_mismatch(message, verdict, at) {
        cannot_compare(message, verdict, lhs, rhs, at);
    }
}

/// "cannot compare `token.email_verified` (`bool`) with `'yes'` (a string)".
const fn cannot_compare(
    message: &mut Message,
    verdict: Verdict<'_>,
    lhs: Ty<'_>,
    rhs: Ty<'_>,
    at: At,
) {
    message.push("cannot compare ");
    operand(message, lhs);
    message.push(" with ");
    operand(message, rhs);
    diagram(message, at);
    match verdict {
        Verdict::Struct(whole) => compare_fields(message, whole),
        Verdict::Set => {
            help(message);
            message.push("a set has no order: look for its items with `in` or `contains`");
        }
        _ => {}
    }
}

/// Why `lhs < rhs` (or `<=`, `>`, `>=`, at `at`) is refused.
pub(super) const fn not_orderable(message: &mut Message, lhs: Ty<'_>, rhs: Ty<'_>, at: At) {
    message.push("cannot order ");
    operand(message, lhs);
    message.push(" and ");
    operand(message, rhs);
    diagram(message, at);
    help(message);
    match (lhs.kind, rhs.kind) {
        (Kind::Enum(shape), _) | (_, Kind::Enum(shape)) => {
            message.push("the variants of ");
            message.push_code(shape.name);
            message.push(" have no order: compare with `==`, or list the ones that pass with `in`");
        }
        _ => message.push("`<`, `<=`, `>` and `>=` compare two numbers or two strings"),
    }
}

/// Why `needle in haystack` (at `at`) is refused.
pub(super) const fn not_containable(
    message: &mut Message,
    verdict: Verdict<'_>,
    haystack: Ty<'_>,
    needle: Ty<'_>,
    at: At,
) {
    if is_mismatch(message, verdict, at) {
        cannot_contain(message, haystack, needle, at);
    }
}

/// Reports the mistakes `==` and `in` share, a string that names no variant and `null`
/// against a claim that is never null; whether `verdict` is a mismatch left for the caller to
/// describe.
const fn is_mismatch(message: &mut Message, verdict: Verdict<'_>, at: At) -> bool {
    match verdict {
        // Callers report only mistakes.
        Verdict::Fine => false,
        Verdict::NoVariant { of, value, literal } => {
            no_variant(message, of, value, literal.at);
            false
        }
        Verdict::NeverNull(value) => {
            never_null(message, value, at);
            false
        }
        Verdict::Mismatch | Verdict::Struct(_) | Verdict::Set => true,
    }
}

/// "`token.org_id` (`Option<u64>`) cannot contain `'x'` (a string)", with what the haystack
/// can contain.
const fn cannot_contain(message: &mut Message, haystack: Ty<'_>, needle: Ty<'_>, at: At) {
    operand(message, haystack);
    message.push(" cannot contain ");
    operand(message, needle);
    diagram(message, at);
    match haystack.kind {
        Kind::List { items, .. } => {
            help(message);
            message.push("each item of ");
            message.push_code(haystack.at.text);
            message.push(" is ");
            description(message, Ty::of_shape(items, false, None, at).description());
        }
        Kind::Map(_) => {
            help(message);
            message.push("the keys of a map are strings");
        }
        Kind::Str(_) | Kind::Param => {
            help(message);
            message.push("`in` looks for a string in a string");
        }
        Kind::Struct(_) => {
            help(message);
            message.push(
                "a struct always has its fields: to test an optional one, compare it with `null`",
            );
        }
        Kind::Array(_) => {}
        _ => {
            help(message);
            message.push("`in` and `contains` look into lists, maps and strings");
        }
    }
}

/// Why `s.starts_with(part)` or `s.ends_with(part)` (at `at`) is refused.
pub(super) const fn not_affixable(
    message: &mut Message,
    affix: Affix,
    s: Ty<'_>,
    part: Ty<'_>,
    at: At,
) {
    operand(message, s);
    message.push(match affix {
        Affix::StartsWith => " cannot start with ",
        Affix::EndsWith => " cannot end with ",
    });
    operand(message, part);
    diagram(message, at);
    match s.kind {
        Kind::Enum(shape) if part.is_string_like() => compare_with_variant(message, s, shape),
        _ => {
            help(message);
            message.push("`starts_with` and `ends_with` test a string against a string");
        }
    }
}

/// "`Role` has no variant `superuser`", under the string literal at `at`.
const fn no_variant(message: &mut Message, of: &'static EnumShape, value: &'static str, at: At) {
    message.push_code(of.name);
    message.push(" has no variant ");
    message.push_code(value);
    diagram(message, at);
    let mut closest = Closest::new(value);
    let mut i = 0;
    while i < of.variants.len() {
        closest.offer(of.variants[i]);
        i += 1;
    }
    help(message);
    if let Some(variant) = closest.best() {
        did_you_mean(message, variant, "'");
        return;
    }
    message.push("the variants of ");
    message.push_code(of.name);
    message.push(" are ");
    let mut i = 0;
    while i < of.variants.len() {
        if i > 0 {
            message.push(", ");
        }
        message.push("'");
        message.push(of.variants[i]);
        message.push("'");
        i += 1;
    }
}

/// "`token.role` is never null: `Role` is not an `Option`", for a comparison (at `at`) with
/// `null`.
const fn never_null(message: &mut Message, value: Ty<'_>, at: At) {
    message.push_code(value.at.text);
    message.push(" is never null: ");
    if let Some(type_name) = value.type_name {
        message.push_code(type_name);
        message.push(" is not an `Option`");
    } else {
        message.push("it is ");
        description(message, value.description());
    }
    diagram(message, at);
}

/// The help for a whole struct compared with something: compare a field.
const fn compare_fields(message: &mut Message, whole: Ty<'_>) {
    help(message);
    message.push("a struct equals nothing: compare its fields");
    if let Kind::Struct(shape) = whole.kind {
        if !shape.fields.is_empty() {
            message.push(", as in `");
            message.push(whole.at.text);
            message.push(".");
            message.push(shape.fields[0].name);
            message.push("`");
        }
    }
}

/// The help for an enum used as something else: compare it with a variant.
const fn compare_with_variant(message: &mut Message, value: Ty<'_>, shape: &'static EnumShape) {
    help(message);
    message.push("compare it with a variant");
    if !shape.variants.is_empty() {
        message.push(", as in `");
        message.push(value.at.text);
        message.push(" == '");
        message.push(shape.variants[0]);
        message.push("'`");
    }
}

/// The help for a set used as a list: look for items instead.
const fn look_for_items(message: &mut Message) {
    help(message);
    message.push("look for its items with `in` or `contains`");
}

/// "did you mean `role`?", with `quote` around the suggestion.
const fn did_you_mean(message: &mut Message, suggestion: &str, quote: &str) {
    message.push("did you mean ");
    message.push(quote);
    message.push(suggestion);
    message.push(quote);
    message.push("?");
}

/// An expression and its type: "`token.role` (`Role`)", or just "`null`".
const fn operand(message: &mut Message, value: Ty<'_>) {
    message.push_code(value.at.text);
    if let Description::Null = value.description() {
        return;
    }
    message.push(" (");
    description(message, value.description());
    message.push(")");
}

/// A type, as a message describes it: "`Role`", "a string", "`null`".
const fn description(message: &mut Message, description: Description) {
    match description {
        Description::Code(name) => message.push_code(name),
        Description::Words(words) => message.push(words),
        Description::Null => message.push_code("null"),
    }
}

/// The diagram of `at`, on the lines after what was written.
const fn diagram(message: &mut Message, at: At) {
    message.push("\n");
    message.push(at.diagram);
}

/// Starts a help line.
const fn help(message: &mut Message) {
    message.push("\n  = help: ");
}
