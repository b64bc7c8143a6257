//! `#[derive(Claims)]`: describes a struct or an enum to the rule checker, as a constant
//! `Shape`, and to rule evaluation, as a `Val`, under the names serde reads it from.

mod claims_attr;
mod expand;
mod read;
mod rename;
mod serde_attrs;
mod type_name;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Field, Variant};

/// A struct with named fields, as rules see it.
pub(crate) struct StructModel<'a> {
    /// The fields a rule can name, in order.
    pub(crate) claims: Vec<Claim<'a>>,
    /// The `#[serde(flatten)]` fields, in order.
    pub(crate) flattened: Vec<&'a Field>,
}

/// A field a rule can name.
pub(crate) struct Claim<'a> {
    /// The name serde reads it from.
    pub(crate) name: String,
    /// The field.
    pub(crate) field: &'a Field,
}

/// An enum, as rules see it: each variant by its serde name.
pub(crate) struct EnumModel<'a> {
    /// Every variant, skipped ones included: a value of any variant has a name.
    pub(crate) variants: Vec<VariantName<'a>>,
}

/// A variant and the name serde reads it from.
pub(crate) struct VariantName<'a> {
    /// The name serde reads it from.
    pub(crate) name: String,
    /// The variant.
    pub(crate) variant: &'a Variant,
    /// Whether serde reads it at all (not `skip` or `skip_deserializing`): only those are in
    /// the enum's shape.
    pub(crate) readable: bool,
}

/// What the derive makes of its input.
pub(crate) enum Model<'a> {
    /// A struct with named fields.
    Struct(StructModel<'a>),
    /// An enum.
    Enum(EnumModel<'a>),
    /// A tuple or unit struct, already reported.
    OtherStruct,
    /// A union, already reported.
    Union,
}

/// `#[derive(Claims)]` on `input`: the impls, and every mistake of the input. The impls are
/// emitted even beside errors, as well as they can be, so that code using the type does not
/// add errors of its own.
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Vec::new();
    let model = read::read(&input, &mut errors);
    let impls = expand::impls(&input, &model);
    let errors = errors.iter().map(syn::Error::to_compile_error);
    quote!(#(#errors)* #impls)
}
