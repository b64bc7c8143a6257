//! `#[with_auth]` on an `impl` block: guards the block's associated functions marked
//! `#[with_auth(...)]`.
//!
//! On a free function the attribute writes a hidden rule type and its trait impls beside the
//! handler. An `impl` block can hold neither, and the attribute on a function cannot tell that
//! it is in one, so the block carries the attribute too: it sees every function at once and
//! moves those items beside the block.

use proc_macro2::{Group, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};
use syn::{Attribute, Ident, ImplItem, ItemFn, ItemImpl, Meta, Type};

use crate::expand::{Guarded, Home, expand};
use crate::fallback::{fallback, unguarded};
use crate::join::join;

pub(crate) fn with_auth(args: TokenStream, mut block: ItemImpl) -> TokenStream {
    let checked = join(
        join(no_arguments(&args), guards_something(&block)),
        inherent_without_generics(&block),
    );
    let self_type = checked.map(|_| (*block.self_ty).clone());
    let mut beside = TokenStream::new();
    for item in &mut block.items {
        let ImplItem::Fn(method) = item else {
            continue;
        };
        let Some(index) = method.attrs.iter().position(is_with_auth) else {
            continue;
        };
        let attr = method.attrs.remove(index);
        let function = ItemFn {
            attrs: method.attrs.clone(),
            vis: method.vis.clone(),
            sig: method.sig.clone(),
            block: Box::new(method.block.clone()),
        };
        let Ok(self_type) = &self_type else {
            // The block's own error is reported once, below; its functions stay unguarded.
            *item = ImplItem::Verbatim(unguarded(quote!(#function)));
            continue;
        };
        let expanded = attribute_arguments(&attr)
            .and_then(|args| expand(args, function.clone(), &Home::Impl(self_type)));
        *item = ImplItem::Verbatim(match expanded {
            Ok(Guarded {
                beside: items,
                handler,
            }) => {
                beside.extend(items);
                handler
            }
            Err(error) => fallback(error, quote!(#function)),
        });
    }
    let error = self_type.err().map(|error| error.to_compile_error());
    quote!(#error #block #beside)
}

/// The name of the hidden rule type of `function` in the block of `self_type`.
pub(crate) fn rule_type(self_type: &Type, function: &Ident) -> Ident {
    let type_name = match self_type {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .map_or_else(String::new, |segment| segment.ident.to_string()),
        _ => String::new(),
    };
    format_ident!("__with_auth_{}_{}", type_name, function)
}

/// `tokens` with `Self` spelled as the block's type: the items they end up in stand outside
/// the block, where `Self` means something else or nothing.
pub(crate) fn replace_self(tokens: TokenStream, self_type: &Type) -> TokenStream {
    tokens
        .into_iter()
        .flat_map(|tree| match tree {
            TokenTree::Ident(ident) if ident == "Self" => self_type.to_token_stream(),
            TokenTree::Group(group) => {
                let mut replaced =
                    Group::new(group.delimiter(), replace_self(group.stream(), self_type));
                replaced.set_span(group.span());
                TokenTree::Group(replaced).into_token_stream()
            }
            other => other.into_token_stream(),
        })
        .collect()
}

/// [`replace_self`] for a type.
pub(crate) fn replace_self_in_type(ty: Type, self_type: &Type) -> Type {
    syn::parse2(replace_self(ty.to_token_stream(), self_type)).unwrap_or(ty)
}

fn is_guarded(item: &ImplItem) -> bool {
    matches!(item, ImplItem::Fn(method) if method.attrs.iter().any(is_with_auth))
}

/// `#[with_auth(...)]`, `#[auth_runtime::with_auth(...)]` and the like.
fn is_with_auth(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "with_auth")
}

/// The arguments of a function's `#[with_auth(...)]`; none for a bare `#[with_auth]`.
fn attribute_arguments(attr: &Attribute) -> syn::Result<TokenStream> {
    match &attr.meta {
        Meta::Path(_) => Ok(TokenStream::new()),
        Meta::List(list) => Ok(list.tokens.clone()),
        Meta::NameValue(_) => Err(syn::Error::new_spanned(
            attr,
            "write `#[with_auth(authorized = \"...\")]`",
        )),
    }
}

fn no_arguments(args: &TokenStream) -> syn::Result<()> {
    match args.is_empty() {
        true => Ok(()),
        false => Err(syn::Error::new_spanned(
            args,
            "on an `impl` block `#[with_auth]` takes no arguments: give each guarded function \
             its own `#[with_auth(...)]`",
        )),
    }
}

fn guards_something(block: &ItemImpl) -> syn::Result<()> {
    match block.items.iter().any(is_guarded) {
        true => Ok(()),
        false => Err(syn::Error::new_spanned(
            &block.self_ty,
            "`#[with_auth]` on an `impl` block guards the functions in it marked \
             `#[with_auth(...)]`, and this block has none",
        )),
    }
}

/// The hidden items stand outside the block, where a trait impl cannot reach them and the
/// block's generic parameters do not exist.
fn inherent_without_generics(block: &ItemImpl) -> syn::Result<()> {
    if let Some((_, trait_path, _)) = &block.trait_ {
        return Err(syn::Error::new_spanned(
            trait_path,
            "`#[with_auth]` guards associated functions of an inherent `impl` block, not of a \
             trait implementation",
        ));
    }
    match block.generics.params.is_empty() {
        true => Ok(()),
        false => Err(syn::Error::new_spanned(
            &block.generics,
            "`#[with_auth]` guards associated functions of an `impl` block without generic \
             parameters: move the handlers to a block for one concrete type",
        )),
    }
}
