//! From the derive's input to what rules see of the type: which fields and variants they
//! name, and by which names, with every mistake of the input reported.

use quote::{ToTokens, quote};
use syn::{Data, DataEnum, DeriveInput, Fields, FieldsNamed, Ident};

use super::rename::RenameRule;
use super::serde_attrs::{self, ItemAttrs};
use super::{Claim, EnumModel, Model, StructModel, VariantName, claims_attr};

/// What rules see of `input`; its mistakes go to `errors`.
pub(crate) fn read<'a>(input: &'a DeriveInput, errors: &mut Vec<syn::Error>) -> Model<'a> {
    claims_attr::misplaced(&input.attrs, errors);
    let container = serde_attrs::container(&input.attrs, errors);
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => {
                Model::Struct(read_struct(fields, container.rename_all, errors))
            }
            Fields::Unnamed(fields) => {
                errors.push(not_readable(fields));
                Model::OtherStruct
            }
            Fields::Unit => {
                errors.push(not_readable(&input.ident));
                Model::OtherStruct
            }
        },
        Data::Enum(data) => Model::Enum(read_enum(data, container.rename_all, errors)),
        Data::Union(data) => {
            errors.push(not_readable(data.union_token));
            Model::Union
        }
    }
}

/// The error of a type that is neither a struct with named fields nor an enum, at `at`.
fn not_readable(at: impl ToTokens) -> syn::Error {
    syn::Error::new_spanned(
        at,
        "`#[derive(Claims)]` needs a struct with named fields or an enum of unit variants: \
         rules read a token's claims by name",
    )
}

/// The fields rules name, by serde name, and the flattened ones; a name two fields share is
/// reported at the second.
fn read_struct<'a>(
    fields: &'a FieldsNamed,
    rename_all: Option<RenameRule>,
    errors: &mut Vec<syn::Error>,
) -> StructModel<'a> {
    let mut model = StructModel {
        claims: Vec::new(),
        flattened: Vec::new(),
    };
    for field in &fields.named {
        let serde = serde_attrs::item(&field.attrs);
        let claims_skip = claims_attr::field_skip(&field.attrs, errors);
        if serde.skip || claims_skip {
            continue;
        }
        if let Some(key) = &serde.custom {
            // Reported, and left out, so its type adds no error of its own.
            errors.push(syn::Error::new_spanned(key, custom_field(key)));
            continue;
        }
        if serde.flatten {
            model.flattened.push(field);
            continue;
        }
        let Some(ident) = &field.ident else { continue };
        let name = serde_name(&serde, ident, |written| {
            rename_all.map_or_else(|| written.to_owned(), |rule| rule.apply_to_field(written))
        });
        if let Some(first) = model.claims.iter().find(|claim| claim.name == name) {
            let first = first.field.ident.as_ref().map(unraw).unwrap_or_default();
            errors.push(syn::Error::new(
                ident.span(),
                format!(
                    "serde reads field `{}` from `{name}`, as it reads field `{first}`: rename \
                     one of them, so that `{name}` in a rule names one field",
                    unraw(ident)
                ),
            ));
            continue;
        }
        model.claims.push(Claim { name, field });
    }
    model
}

/// The error of a field that serde reads with its own function.
fn custom_field(key: &syn::Path) -> String {
    let key = key.to_token_stream().to_string();
    format!(
        "`#[serde({key})]` reads the field in its own way, so its type need not be what its \
         JSON holds and rules cannot be checked against it: leave it out of rules with \
         `#[claims(skip)]`"
    )
}

/// Every variant by serde name; a variant serde reads that is not a plain unit variant is
/// reported.
fn read_enum<'a>(
    data: &'a DataEnum,
    rename_all: Option<RenameRule>,
    errors: &mut Vec<syn::Error>,
) -> EnumModel<'a> {
    let mut variants = Vec::new();
    for variant in &data.variants {
        claims_attr::misplaced(&variant.attrs, errors);
        let serde = serde_attrs::item(&variant.attrs);
        // A skipped variant is never read from a token, whatever it holds.
        if !serde.skip {
            let ident = &variant.ident;
            let fields = &variant.fields;
            if !matches!(fields, Fields::Unit) {
                errors.push(syn::Error::new_spanned(
                    quote!(#ident #fields),
                    format!(
                        "`#[derive(Claims)]` reads enums of unit variants, compared by their \
                         serde names: `{}` holds data",
                        unraw(ident)
                    ),
                ));
            } else if let Some(key) = &serde.custom {
                let key_name = key.to_token_stream().to_string();
                errors.push(syn::Error::new_spanned(
                    key,
                    format!(
                        "`#[derive(Claims)]` reads enums of unit variants, compared by their \
                         serde names: `#[serde({key_name})]` makes serde read this one another \
                         way"
                    ),
                ));
            }
        }
        let name = serde_name(&serde, &variant.ident, |written| {
            rename_all.map_or_else(|| written.to_owned(), |rule| rule.apply_to_variant(written))
        });
        variants.push(VariantName {
            name,
            variant,
            readable: !serde.skip,
        });
    }
    EnumModel { variants }
}

/// The name serde reads a field or variant from: its `rename`, or its name as written
/// (without `r#`) under the container's `rename_all`.
fn serde_name(serde: &ItemAttrs, ident: &Ident, rename_all: impl Fn(&str) -> String) -> String {
    match &serde.rename {
        Some(name) => name.clone(),
        None => rename_all(&unraw(ident)),
    }
}

/// An identifier as serde spells it: `r#type` is `type`.
pub(crate) fn unraw(ident: &Ident) -> String {
    let written = ident.to_string();
    match written.strip_prefix("r#") {
        Some(name) => name.to_owned(),
        None => written,
    }
}
