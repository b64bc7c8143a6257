//! The claims of a struct: its own fields, then those of its flattened fields, as
//! `#[serde(flatten)]` reads them.

use super::compat::str_eq;
use super::message::Message;
use super::suggest::Closest;
use crate::claims::shape::{FieldShape, Shape, StructShape};

/// What a struct holds under a name.
pub(super) enum Found {
    /// A field, its own or a flattened struct's; `nullable` when that struct is optional.
    Field {
        field: &'static FieldShape,
        nullable: bool,
    },
    /// A value of this shape, maybe absent: no field has the name, and a flattened map or
    /// JSON value takes every name.
    Entry(&'static Shape),
    /// Nothing: the name is not a claim of the struct.
    Missing,
}

/// The claim `name` of `shape`. Named fields come first, wherever they are flattened, so a
/// flattened map never hides a flattened struct's field of the same name.
pub(super) const fn find(shape: &'static StructShape, name: &str) -> Found {
    if let Some(found) = named(shape, name, false) {
        return found;
    }
    match catch_all(shape) {
        Some(values) => Found::Entry(values),
        None => Found::Missing,
    }
}

/// Offers every field name of `shape` (flattened structs' included) to `closest`.
pub(super) const fn offer_names(shape: &'static StructShape, closest: &mut Closest) {
    let mut i = 0;
    while i < shape.fields.len() {
        closest.offer(shape.fields[i].name);
        i += 1;
    }
    let mut i = 0;
    while i < shape.flattened.len() {
        if let Shape::Struct(inner) = *unwrap_option(shape.flattened[i]) {
            offer_names(inner, closest);
        }
        i += 1;
    }
}

/// Writes every field name of `shape` (flattened structs' included) to `message`, quoted and
/// separated by commas; `first` says whether a name was written before.
pub(super) const fn list_names(
    shape: &'static StructShape,
    message: &mut Message,
    first: &mut bool,
) {
    let mut i = 0;
    while i < shape.fields.len() {
        if !*first {
            message.push(", ");
        }
        *first = false;
        message.push_code(shape.fields[i].name);
        i += 1;
    }
    let mut i = 0;
    while i < shape.flattened.len() {
        if let Shape::Struct(inner) = *unwrap_option(shape.flattened[i]) {
            list_names(inner, message, first);
        }
        i += 1;
    }
}

/// The field `name` of `shape` or of its flattened structs, in order; `nullable` says whether
/// `shape` itself was reached through an optional flattened field.
const fn named(shape: &'static StructShape, name: &str, nullable: bool) -> Option<Found> {
    let mut i = 0;
    while i < shape.fields.len() {
        if str_eq(shape.fields[i].name, name) {
            let field = &shape.fields[i];
            return Some(Found::Field { field, nullable });
        }
        i += 1;
    }
    let mut i = 0;
    while i < shape.flattened.len() {
        let flattened = shape.flattened[i];
        if let Shape::Struct(inner) = *unwrap_option(flattened) {
            let optional = matches!(flattened, Shape::Option(_));
            if let Some(found) = named(inner, name, nullable || optional) {
                return Some(found);
            }
        }
        i += 1;
    }
    None
}

/// The shape of the values of the first flattened map (or JSON value) of `shape` or of its
/// flattened structs: it takes the names no field has.
const fn catch_all(shape: &'static StructShape) -> Option<&'static Shape> {
    let mut i = 0;
    while i < shape.flattened.len() {
        let flattened = unwrap_option(shape.flattened[i]);
        match *flattened {
            Shape::Map(values) => return Some(values),
            Shape::Any => return Some(flattened),
            Shape::Struct(inner) => {
                if let Some(values) = catch_all(inner) {
                    return Some(values);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The shape inside any number of `Option`s.
const fn unwrap_option(mut shape: &'static Shape) -> &'static Shape {
    while let Shape::Option(inner) = shape {
        shape = inner;
    }
    shape
}
