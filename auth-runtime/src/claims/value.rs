//! How a rule reads a value of a claims type, when a request comes: scalars as they are,
//! structs, sequences and maps through small object-safe views, so the rule helpers of
//! [`rule_rt`](crate::rule_rt) serve typed claims and JSON claims alike.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::hash::BuildHasher;
use std::rc::Rc;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::shape::Shape;
use crate::rule_rt::{Num, Val};

/// A type whose values a rule can read: its [`Shape`] for the compile-time check, and its
/// value for the run-time one.
///
/// `#[derive(Claims)]` implements it for structs and enums; the crate implements it for the
/// usual field types. It is not meant to be implemented by hand.
#[diagnostic::on_unimplemented(
    message = "a rule cannot read a `{Self}`",
    label = "not a type `#[derive(Claims)]` can check rules against",
    note = "claims fields can be `String`, `bool`, numbers, `serde_json::Value`, types that \
            derive `Claims`, and `Option`, `Vec`, sets and `String`-keyed maps of those",
    note = "leave a field out of rules with `#[claims(skip)]`"
)]
pub trait ClaimValue {
    /// How a rule may use the value, checked when the rule compiles.
    const SHAPE: Shape;

    /// The value as a rule reads it.
    fn val(&self) -> Val<'_>;
}

/// The fields of a struct deriving `Claims`, by the names serde reads them from.
pub trait StructValue: Sync {
    /// The field serde reads from `name` (a flattened one included), or `None` when the
    /// struct has no such field.
    fn field(&self, name: &str) -> Option<Val<'_>>;
}

/// A sequence of claims: `Vec<T>`, `VecDeque<T>`, arrays, sets.
pub trait SeqValue: Sync {
    /// How many items it holds.
    fn item_count(&self) -> usize;

    /// The item at `index`, in iteration order.
    fn get(&self, index: usize) -> Option<Val<'_>>;

    /// Whether `matches` holds for any item.
    fn any(&self, matches: &mut dyn FnMut(Val<'_>) -> bool) -> bool;
}

/// A map of claims with string keys: `HashMap<String, T>`, `BTreeMap<String, T>`.
pub trait MapValue: Sync {
    /// How many entries it holds.
    fn entry_count(&self) -> usize;

    /// The value at `key`.
    fn get(&self, key: &str) -> Option<Val<'_>>;

    /// Whether `matches` holds for every entry.
    fn all(&self, matches: &mut dyn FnMut(&str, Val<'_>) -> bool) -> bool;
}

impl ClaimValue for bool {
    const SHAPE: Shape = Shape::Bool;

    fn val(&self) -> Val<'_> {
        Val::Bool(*self)
    }
}

impl ClaimValue for String {
    const SHAPE: Shape = Shape::String;

    fn val(&self) -> Val<'_> {
        Val::Str(self)
    }
}

macro_rules! numbers {
    ($variant:ident as $wide:ty: $($ty:ty),*) => {$(
        impl ClaimValue for $ty {
            const SHAPE: Shape = Shape::Number;

            fn val(&self) -> Val<'_> {
                Val::Num(Num::$variant(<$wide>::from(*self)))
            }
        }
    )*};
}

numbers!(Int as i64: i8, i16, i32, i64, u8, u16, u32);
numbers!(Float as f64: f32, f64);

impl ClaimValue for u64 {
    const SHAPE: Shape = Shape::Number;

    fn val(&self) -> Val<'_> {
        Val::Num(Num::from(*self))
    }
}

impl ClaimValue for usize {
    const SHAPE: Shape = Shape::Number;

    fn val(&self) -> Val<'_> {
        // `usize` is at most 64 bits wide on every target Rust supports.
        Val::Num(u64::try_from(*self).map_or(Num::Float(*self as f64), Num::from))
    }
}

impl ClaimValue for isize {
    const SHAPE: Shape = Shape::Number;

    fn val(&self) -> Val<'_> {
        Val::Num(i64::try_from(*self).map_or(Num::Float(*self as f64), Num::Int))
    }
}

impl ClaimValue for Value {
    const SHAPE: Shape = Shape::Any;

    fn val(&self) -> Val<'_> {
        Val::json(self)
    }
}

impl ClaimValue for Map<String, Value> {
    const SHAPE: Shape = Shape::Map(&Shape::Any);

    fn val(&self) -> Val<'_> {
        Val::Object(self)
    }
}

impl<T: ClaimValue> ClaimValue for Option<T> {
    const SHAPE: Shape = Shape::Option(&T::SHAPE);

    fn val(&self) -> Val<'_> {
        self.as_ref().map_or(Val::Null, ClaimValue::val)
    }
}

macro_rules! pointers {
    ($($pointer:ident),*) => {$(
        impl<T: ClaimValue> ClaimValue for $pointer<T> {
            const SHAPE: Shape = T::SHAPE;

            fn val(&self) -> Val<'_> {
                T::val(self)
            }
        }
    )*};
}

pointers!(Box, Arc, Rc);

/// Sequence types: their shape, and a [`SeqValue`] over their `iter()`.
macro_rules! sequences {
    ($($ordered:literal => impl[$($generics:tt)*] $ty:ty;)*) => {$(
        impl<$($generics)*> ClaimValue for $ty {
            const SHAPE: Shape = Shape::List { items: &T::SHAPE, ordered: $ordered };

            fn val(&self) -> Val<'_> {
                Val::Seq(self)
            }
        }

        impl<$($generics)*> SeqValue for $ty {
            fn item_count(&self) -> usize {
                self.iter().len()
            }

            fn get(&self, index: usize) -> Option<Val<'_>> {
                self.iter().nth(index).map(ClaimValue::val)
            }

            fn any(&self, matches: &mut dyn FnMut(Val<'_>) -> bool) -> bool {
                self.iter().any(|item| matches(item.val()))
            }
        }
    )*};
}

sequences! {
    true => impl[T: ClaimValue + Sync] Vec<T>;
    true => impl[T: ClaimValue + Sync] VecDeque<T>;
    true => impl[T: ClaimValue + Sync] Box<[T]>;
    true => impl[T: ClaimValue + Sync, const N: usize] [T; N];
    false => impl[T: ClaimValue + Sync] BTreeSet<T>;
    false => impl[T: ClaimValue + Sync, S: Sync] HashSet<T, S>;
}

/// Map types with `String` keys: their shape, and a [`MapValue`] over them.
macro_rules! maps {
    ($(impl[$($generics:tt)*] $ty:ty;)*) => {$(
        impl<$($generics)*> ClaimValue for $ty {
            const SHAPE: Shape = Shape::Map(&T::SHAPE);

            fn val(&self) -> Val<'_> {
                Val::Map(self)
            }
        }

        impl<$($generics)*> MapValue for $ty {
            fn entry_count(&self) -> usize {
                self.len()
            }

            fn get(&self, key: &str) -> Option<Val<'_>> {
                self.get(key).map(ClaimValue::val)
            }

            fn all(&self, matches: &mut dyn FnMut(&str, Val<'_>) -> bool) -> bool {
                self.iter().all(|(key, value)| matches(key, value.val()))
            }
        }
    )*};
}

maps! {
    impl[T: ClaimValue + Sync, S: BuildHasher + Sync] HashMap<String, T, S>;
    impl[T: ClaimValue + Sync] BTreeMap<String, T>;
}
