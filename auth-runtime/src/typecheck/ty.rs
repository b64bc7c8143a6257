//! The type of a rule expression: what kind of value it is, whether it may be null, and how
//! messages name it.

use super::At;
use crate::claims::shape::{EnumShape, Shape, StructShape};

/// The type of a part of a rule, as the [`Checker`](super::Checker) works it out.
#[derive(Clone, Copy)]
pub struct Ty<'a> {
    pub(super) kind: Kind<'a>,
    /// Whether the value may be null: read from an `Option`, or through one, or looked up in a
    /// map.
    pub(super) nullable: bool,
    /// The type the value was declared with, for a claim read from a field (`Option<u64>`).
    pub(super) type_name: Option<&'static str>,
    /// Where the expression is, for messages.
    pub(super) at: At,
}

/// What kind of value an expression is.
#[derive(Clone, Copy)]
pub(super) enum Kind<'a> {
    /// Anything: a `serde_json::Value` claim, or an expression after the first error.
    Any,
    /// The literal `null`.
    Null,
    Bool,
    Number,
    /// A string: a literal, with its value, or a claim or part of the request, without.
    Str(Option<&'static str>),
    /// A path parameter: a string that also compares with numbers.
    Param,
    Enum(&'static EnumShape),
    Struct(&'static StructShape),
    List {
        items: &'static Shape,
        ordered: bool,
    },
    /// An array literal of the rule.
    Array(&'a [Ty<'a>]),
    /// A map, by the shape of its values.
    Map(&'static Shape),
}

/// How a message describes the type of an expression, after its text.
#[derive(Clone, Copy)]
pub(super) enum Description {
    /// A type name, quoted as code: `Option<u64>`, `Role`.
    Code(&'static str),
    /// Words: "a string".
    Words(&'static str),
    /// Nothing to add: the expression is `null`.
    Null,
}

impl<'a> Ty<'a> {
    /// A value of `kind` that is never null.
    pub(super) const fn new(kind: Kind<'a>, at: At) -> Self {
        Ty {
            kind,
            nullable: false,
            type_name: None,
            at,
        }
    }

    /// A value of `shape`, declared as `type_name` if it was read from a field. It may be null
    /// when `shape` is an `Option` or when `nullable` says it was reached through one.
    pub(super) const fn of_shape(
        shape: &'static Shape,
        nullable: bool,
        type_name: Option<&'static str>,
        at: At,
    ) -> Self {
        let kind = match *shape {
            Shape::Option(inner) => return Ty::of_shape(inner, true, type_name, at),
            Shape::Any => Kind::Any,
            Shape::Bool => Kind::Bool,
            Shape::Number => Kind::Number,
            Shape::String => Kind::Str(None),
            Shape::Enum(shape) => Kind::Enum(shape),
            Shape::Struct(shape) => Kind::Struct(shape),
            Shape::List { items, ordered } => Kind::List { items, ordered },
            Shape::Map(values) => Kind::Map(values),
        };
        Ty {
            kind,
            nullable,
            type_name,
            at,
        }
    }

    /// Whether the value may be null at run time.
    pub(super) const fn may_be_null(self) -> bool {
        self.nullable || matches!(self.kind, Kind::Any | Kind::Null)
    }

    /// Whether the value reads as a string, or may: what `in` looks for in a string or among
    /// a map's keys, and what a string may start or end with.
    pub(super) const fn is_string_like(self) -> bool {
        matches!(
            self.kind,
            Kind::Any | Kind::Str(_) | Kind::Param | Kind::Enum(_)
        )
    }

    /// Whether the value is a string or a path parameter (or may be): what `in`, `starts_with`
    /// and `ends_with` can look into.
    pub(super) const fn is_text(self) -> bool {
        matches!(self.kind, Kind::Any | Kind::Str(_) | Kind::Param)
    }

    /// How messages describe the type: as declared, for a claim read from a field; otherwise
    /// by its kind.
    pub(super) const fn description(self) -> Description {
        if let Some(name) = self.type_name {
            return Description::Code(name);
        }
        match self.kind {
            Kind::Any => Description::Words("any JSON value"),
            Kind::Null => Description::Null,
            Kind::Bool => Description::Words("a bool"),
            Kind::Number => Description::Words("a number"),
            Kind::Str(_) => Description::Words("a string"),
            Kind::Param => Description::Words("a path parameter"),
            Kind::Enum(shape) => Description::Code(shape.name),
            Kind::Struct(shape) => Description::Code(shape.name),
            Kind::List { ordered: true, .. } => Description::Words("a list"),
            Kind::List { ordered: false, .. } => Description::Words("a set"),
            Kind::Array(_) => Description::Words("an array"),
            Kind::Map(_) => Description::Words("a map"),
        }
    }
}
