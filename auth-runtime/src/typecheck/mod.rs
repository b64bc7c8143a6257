//! The compile-time check of a rule against a claims type.
//!
//! A proc macro sees a rule's text but not the fields of the claims type it names, so
//! `#[with_auth(claims = AppClaims, ...)]` hands the check to constant evaluation: it emits a
//! `const` block that walks the rule with a [`Checker`], one call per part of the rule in
//! evaluation order, then panics with [`Checker::error`] if there is one, so rustc reports the
//! mistake (`error[E0080]: evaluation panicked: ...`) where the crate compiles:
//!
//! ```text
//! const _: () = {
//!     let mut c = Checker::new::<AppClaims>();
//!     let t0 = c.token(AT0);
//!     let t1 = c.field(t0, "role", AT1_NAME, AT1);
//!     let t2 = c.string("admin", AT2);
//!     let _ = c.compare(Op::Eq, t1, t2, AT3);
//!     if let Some(message) = c.error() {
//!         panic!("{}", message)
//!     }
//! };
//! ```
//!
//! The items of an array literal are bound to a local first (`let items = [t2, t3];
//! c.array(&items, AT4)`): the array's type borrows them.
//!
//! The checker refuses what cannot mean anything for the type (an unknown claim, a comparison
//! that never holds or always does, an enum variant that does not exist) and accepts every
//! rule whose outcome depends on the token, as `rule_rt` evaluates it. Only the first mistake
//! is kept: after it every check is skipped and gives a type that accepts everything, so one
//! typo does not cascade.

mod compat;
mod fields;
mod message;
mod report;
mod suggest;
mod ty;

#[cfg(test)]
mod tests;

use compat::{containable, equatable, orderable};
use fields::Found;
use message::Message;
use ty::Kind;
pub use ty::Ty;

use crate::claims::shape::{Shape, StructShape};
use crate::claims::value::ClaimValue;

/// Where a part of the rule is: its source text and the caret diagram the macro rendered for
/// it, which goes under a message about it.
#[derive(Clone, Copy)]
pub struct At {
    /// The source text of the part, as messages quote it: `token.role`.
    pub text: &'static str,
    /// The rule with carets under the part: `"  |\n  | token.rol == 'admin'\n  |       ^^^"`.
    pub diagram: &'static str,
}

/// An equality or ordering operator.
#[derive(Clone, Copy)]
pub enum Op {
    /// `==` or `===`.
    Eq,
    /// `!=` or `!==`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// A method testing one end of a string.
#[derive(Clone, Copy)]
pub enum Affix {
    /// `s.starts_with(prefix)`.
    StartsWith,
    /// `s.ends_with(suffix)`.
    EndsWith,
}

/// Works out the type of each part of a rule against a claims type, and keeps the first
/// mistake.
pub struct Checker {
    /// The shape of `token`: the claims type.
    root: &'static Shape,
    /// The first mistake; empty while there is none.
    message: Message,
}

impl Checker {
    /// A checker for rules on the claims type `C`.
    pub const fn new<C: crate::Claims>() -> Self {
        Checker::of_shape(&<C as ClaimValue>::SHAPE)
    }

    /// A checker for rules whose `token` has the shape `root`.
    const fn of_shape(root: &'static Shape) -> Self {
        Checker {
            root,
            message: Message::new(),
        }
    }

    /// The first mistake found, as the whole message: what is wrong, the diagram of where,
    /// and how to fix it.
    pub const fn error(&self) -> Option<&str> {
        if self.failed() {
            Some(self.message.as_str())
        } else {
            None
        }
    }

    /// `token`: the claims.
    pub const fn token(&mut self, at: At) -> Ty<'static> {
        Ty::of_shape(self.root, false, None, at)
    }

    /// `req.method` or `req.path`: a string.
    pub const fn req(&mut self, at: At) -> Ty<'static> {
        Ty::new(Kind::Str(None), at)
    }

    /// `path.<name>`: a path parameter, a string that also compares with numbers by value.
    pub const fn param(&mut self, at: At) -> Ty<'static> {
        Ty::new(Kind::Param, at)
    }

    /// `null`.
    pub const fn null(&mut self, at: At) -> Ty<'static> {
        Ty::new(Kind::Null, at)
    }

    /// `true` or `false`.
    pub const fn boolean(&mut self, at: At) -> Ty<'static> {
        Ty::new(Kind::Bool, at)
    }

    /// A number literal.
    pub const fn number(&mut self, at: At) -> Ty<'static> {
        Ty::new(Kind::Number, at)
    }

    /// A string literal, whose unescaped `value` must name a variant when it is compared with
    /// an enum.
    pub const fn string(&mut self, value: &'static str, at: At) -> Ty<'static> {
        Ty::new(Kind::Str(Some(value)), at)
    }

    /// An array literal of the literals `items`.
    pub const fn array<'a>(&mut self, items: &'a [Ty<'a>], at: At) -> Ty<'a> {
        Ty::new(Kind::Array(items), at)
    }

    /// `object.name`, `object?.name` or `object['name']`, at `at`; the name alone is at
    /// `name_at`.
    pub const fn field<'a>(
        &mut self,
        object: Ty<'a>,
        name: &'static str,
        name_at: At,
        at: At,
    ) -> Ty<'a> {
        if self.failed() {
            return Ty::new(Kind::Any, at);
        }
        match object.kind {
            Kind::Any => Ty::new(Kind::Any, at),
            // A key a map may not hold reads as null.
            Kind::Map(values) => Ty::of_shape(values, true, None, at),
            Kind::Struct(shape) => self.claim(shape, object.nullable, name, name_at, at),
            _ => {
                report::no_fields(&mut self.message, object, name_at);
                Ty::new(Kind::Any, at)
            }
        }
    }

    /// `list[i]`, at `at`.
    pub const fn index<'a>(&mut self, list: Ty<'a>, at: At) -> Ty<'a> {
        if self.failed() {
            return Ty::new(Kind::Any, at);
        }
        match list.kind {
            // The index is not passed, so an array literal's item can be any of them.
            Kind::Any | Kind::Array(_) => Ty::new(Kind::Any, at),
            // An index past the end reads as null.
            Kind::List {
                items,
                ordered: true,
            } => Ty::of_shape(items, true, None, at),
            _ => {
                report::not_indexable(&mut self.message, list, at);
                Ty::new(Kind::Any, at)
            }
        }
    }

    /// `lhs <op> rhs`, at `at`: a bool.
    pub const fn compare(&mut self, op: Op, lhs: Ty<'_>, rhs: Ty<'_>, at: At) -> Ty<'static> {
        if self.failed() {
            return Ty::new(Kind::Any, at);
        }
        match op {
            Op::Eq | Op::Ne => {
                let verdict = equatable(lhs, rhs);
                if !verdict.is_fine() {
                    report::not_equatable(&mut self.message, verdict, lhs, rhs, at);
                }
            }
            Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                if !orderable(lhs, rhs) {
                    report::not_orderable(&mut self.message, lhs, rhs, at);
                }
            }
        }
        Ty::new(Kind::Bool, at)
    }

    /// `needle in haystack` or `haystack.contains(needle)`, at `at`: a bool.
    pub const fn contains(&mut self, haystack: Ty<'_>, needle: Ty<'_>, at: At) -> Ty<'static> {
        if self.failed() {
            return Ty::new(Kind::Any, at);
        }
        let verdict = containable(haystack, needle);
        if !verdict.is_fine() {
            report::not_containable(&mut self.message, verdict, haystack, needle, at);
        }
        Ty::new(Kind::Bool, at)
    }

    /// `s.starts_with(part)` or `s.ends_with(part)`, at `at`: a bool.
    pub const fn affix(&mut self, affix: Affix, s: Ty<'_>, part: Ty<'_>, at: At) -> Ty<'static> {
        if self.failed() {
            return Ty::new(Kind::Any, at);
        }
        if !s.is_text() || !part.is_string_like() {
            report::not_affixable(&mut self.message, affix, s, part, at);
        }
        Ty::new(Kind::Bool, at)
    }

    /// The result of `!`, `&&` or `||`, at `at`: a bool. Their operands need no check: any
    /// value is a condition.
    pub const fn logic(&mut self, at: At) -> Ty<'static> {
        Ty::new(Kind::Bool, at)
    }

    /// Whether a mistake was found.
    const fn failed(&self) -> bool {
        !self.message.is_empty()
    }

    /// The claim `name` of the struct `shape`, which may be null when `nullable`.
    const fn claim(
        &mut self,
        shape: &'static StructShape,
        nullable: bool,
        name: &'static str,
        name_at: At,
        at: At,
    ) -> Ty<'static> {
        match fields::find(shape, name) {
            Found::Field {
                field,
                nullable: flattened,
            } => Ty::of_shape(
                field.shape,
                nullable || flattened,
                Some(field.type_name),
                at,
            ),
            // A name the map may not hold reads as null.
            Found::Entry(values) => Ty::of_shape(values, true, None, at),
            Found::Missing => {
                report::unknown_claim(&mut self.message, shape, name, name_at);
                Ty::new(Kind::Any, at)
            }
        }
    }
}
