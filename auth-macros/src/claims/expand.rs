//! The impls `#[derive(Claims)]` writes: `ClaimValue` (the type's shape and value), and for a
//! struct `StructValue` (its fields by serde name) and `Claims`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Generics, Type, parse_quote};

use super::read::unraw;
use super::type_name::type_name;
use super::{EnumModel, Model, StructModel};
use crate::compiled::runtime;

/// The impls for `model`; for a type already reported as unreadable, impls that keep the
/// rest of the crate free of errors of their own.
pub(crate) fn impls(input: &DeriveInput, model: &Model<'_>) -> TokenStream {
    match model {
        Model::Struct(model) => {
            let claims = claims_impl(input);
            let value = struct_impls(input, model);
            quote!(#claims #value)
        }
        Model::Enum(model) => enum_impl(input, model),
        Model::OtherStruct => {
            let claims = claims_impl(input);
            let value = unreadable_impl(input);
            quote!(#claims #value)
        }
        Model::Union => unreadable_impl(input),
    }
}

/// `impl Claims`: a struct can be a token's claims. A generic one only when its parameters
/// make it deserializable and shareable, which the trait requires.
fn claims_impl(input: &DeriveInput) -> TokenStream {
    let runtime = runtime();
    let name = &input.ident;
    let mut generics = bounded(&input.generics);
    if !input.generics.params.is_empty() {
        let (_, type_generics, _) = input.generics.split_for_impl();
        generics.make_where_clause().predicates.push(parse_quote! {
            #name #type_generics: #runtime::DeserializeOwned
                + ::core::marker::Send
                + ::core::marker::Sync
                + 'static
        });
    }
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::auth_runtime::Claims for #name #type_generics #where_clause {}
    }
}

/// `ClaimValue` and `StructValue` for a struct: its fields under their serde names, then its
/// flattened fields.
fn struct_impls(input: &DeriveInput, model: &StructModel<'_>) -> TokenStream {
    let runtime = runtime();
    let name = &input.ident;
    let written = unraw(name);
    let generics = bounded(&input.generics);
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let fields = model.claims.iter().map(|claim| {
        let (claim_name, ty) = (&claim.name, &claim.field.ty);
        let type_name = type_name(ty);
        let shape = shape_of(ty);
        quote! {
            #runtime::FieldShape { name: #claim_name, type_name: #type_name, shape: &#shape }
        }
    });
    let flattened = model.flattened.iter().map(|field| {
        let shape = shape_of(&field.ty);
        quote!(&#shape)
    });
    let arms = model.claims.iter().map(|claim| {
        let (claim_name, ty, member) = (&claim.name, &claim.field.ty, &claim.field.ident);
        // Called through the same path as `SHAPE`, so a type without `ClaimValue` is one error.
        let value = quote_spanned!(ty.span()=> <#ty as #runtime::ClaimValue>::val(&self.#member));
        quote!(#claim_name => ::core::option::Option::Some(#value),)
    });
    // As serde reads them: a name no field of the struct takes goes to the flattened fields,
    // in order, and the first that has it answers.
    let rest = model
        .flattened
        .iter()
        .map(|field| {
            let (ty, member) = (&field.ty, &field.ident);
            quote_spanned!(ty.span()=> #runtime::rule::Val::of(&self.#member).member(name))
        })
        .reduce(|first, next| quote!(#first.or_else(|| #next)))
        .unwrap_or_else(|| quote!(::core::option::Option::None));
    quote! {
        #[automatically_derived]
        impl #impl_generics #runtime::ClaimValue for #name #type_generics #where_clause {
            const SHAPE: #runtime::Shape = #runtime::Shape::Struct(&#runtime::StructShape {
                name: #written,
                fields: &[#(#fields),*],
                flattened: &[#(#flattened),*],
            });

            #[inline]
            fn val(&self) -> #runtime::rule::Val<'_> {
                #runtime::rule::Val::Struct(self)
            }
        }

        #[automatically_derived]
        impl #impl_generics #runtime::StructValue for #name #type_generics #where_clause {
            fn field(&self, name: &str) -> ::core::option::Option<#runtime::rule::Val<'_>> {
                match name {
                    #(#arms)*
                    _ => #rest,
                }
            }
        }
    }
}

/// `ClaimValue` for an enum: the serde names of the variants serde reads, and a value's own
/// name.
fn enum_impl(input: &DeriveInput, model: &EnumModel<'_>) -> TokenStream {
    let runtime = runtime();
    let name = &input.ident;
    let written = unraw(name);
    let generics = bounded(&input.generics);
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let listed = model
        .variants
        .iter()
        .filter(|variant| variant.readable)
        .map(|variant| &variant.name);
    let arms = model.variants.iter().map(|variant| {
        let (ident, serde_name) = (&variant.variant.ident, &variant.name);
        // `{ .. }` matches a variant with data too, reported already or skipped by serde.
        let fields = match variant.variant.fields {
            syn::Fields::Unit => quote!(),
            _ => quote!({ .. }),
        };
        quote!(Self::#ident #fields => #serde_name,)
    });
    // An enum without variants has no value to read: `match` on it is the whole body.
    let value = if model.variants.is_empty() {
        quote!(match *self {})
    } else {
        quote!(#runtime::rule::Val::Str(match *self { #(#arms)* }))
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #runtime::ClaimValue for #name #type_generics #where_clause {
            const SHAPE: #runtime::Shape = #runtime::Shape::Enum(&#runtime::EnumShape {
                name: #written,
                variants: &[#(#listed),*],
            });

            #[inline]
            fn val(&self) -> #runtime::rule::Val<'_> {
                #value
            }
        }
    }
}

/// A `ClaimValue` for a type reported as unreadable: any value, never checked, and `null`.
fn unreadable_impl(input: &DeriveInput) -> TokenStream {
    let runtime = runtime();
    let name = &input.ident;
    let generics = bounded(&input.generics);
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #runtime::ClaimValue for #name #type_generics #where_clause {
            const SHAPE: #runtime::Shape = #runtime::Shape::Any;

            fn val(&self) -> #runtime::rule::Val<'_> {
                #runtime::rule::Val::Null
            }
        }
    }
}

/// `<ty as ClaimValue>::SHAPE`, spanned at the field's type, so a type the runtime cannot
/// read is reported there, with the trait's own message.
fn shape_of(ty: &Type) -> TokenStream {
    let runtime = runtime();
    quote_spanned!(ty.span()=> <#ty as #runtime::ClaimValue>::SHAPE)
}

/// The type's generics, each type parameter bound by what reading its fields needs: a
/// `ClaimValue`, shared across threads as `StructValue` requires. The user's bounds and
/// `where` clauses stay.
fn bounded(generics: &Generics) -> Generics {
    let runtime = runtime();
    let mut generics = generics.clone();
    for parameter in generics.type_params_mut() {
        parameter.bounds.push(parse_quote!(#runtime::ClaimValue));
        parameter.bounds.push(parse_quote!(::core::marker::Sync));
    }
    generics
}
