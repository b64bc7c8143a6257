//! The guarded handler: an outer function that takes the guard first and the handler's own
//! extractors after it, and calls the user's function, kept whole inside it (or beside it, in
//! an `impl` block), so that the guard can put the refreshed session cookie on whatever
//! response the function returns.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, Ident, ItemFn, ReturnType};

/// Where the user's function goes.
pub(crate) enum Inner {
    /// Inside the generated handler, under its own name, out of the way of the rest of the
    /// module.
    Nested,
    /// Beside the generated handler, as a hidden associated function: a function nested in
    /// an associated function cannot use `Self`, which the user's body may.
    Sibling,
}

/// `function` behind the guard extractor `guard_type`.
///
/// The outer function keeps the user's attributes, visibility, name, generics and parameter
/// types, so axum sees the same extractors, in the same order, after the guard. The inner one
/// is the user's function as written (patterns, return type, body), so `?`, early returns and
/// `impl IntoResponse` keep working and errors point at the user's code.
pub(crate) fn guarded(
    function: ItemFn,
    runtime: &TokenStream,
    guard_type: &TokenStream,
    inner: Inner,
) -> TokenStream {
    let ItemFn {
        attrs,
        vis,
        mut sig,
        block,
    } = function;
    let guard = Ident::new("__auth_guard", Span::call_site());
    let arguments: Vec<Ident> = (0..sig.inputs.len())
        .map(|index| format_ident!("__auth_arg{index}"))
        .collect();
    let outer_inputs = sig
        .inputs
        .iter()
        .zip(&arguments)
        .map(|(input, name)| match input {
            FnArg::Typed(typed) => {
                let (attrs, ty) = (&typed.attrs, &typed.ty);
                quote!(#(#attrs)* #name: #ty)
            }
            // Methods are refused before expansion; keep the receiver so rustc explains if not.
            FnArg::Receiver(receiver) => quote!(#receiver),
        });
    let lints: Vec<&Attribute> = attrs.iter().filter(|attr| is_lint(attr)).collect();
    let name = sig.ident.clone();
    let (generics, where_clause) = (&sig.generics, &sig.generics.where_clause);
    let finish_span = match &sig.output {
        ReturnType::Default => name.span(),
        ReturnType::Type(_, ty) => ty.span(),
    };
    let callee = match inner {
        Inner::Nested => quote!(#name),
        Inner::Sibling => {
            sig.ident = format_ident!("__with_auth_inner_{}", name, span = name.span());
            let sibling = &sig.ident;
            quote!(Self::#sibling)
        }
    };
    let call = quote_spanned!(finish_span=> #guard.finish(#callee(#(#arguments),*).await));
    let outer_signature = quote! {
        #vis async fn #name #generics (
            #guard: #guard_type,
            #(#outer_inputs),*
        ) -> #runtime::Response #where_clause
    };
    // The user's function must stay `async` for the call, whether or not its body awaits, so
    // it is as lint-clean as an unguarded handler.
    match inner {
        Inner::Nested => quote! {
            #(#attrs)*
            #outer_signature {
                #(#lints)*
                #[allow(clippy::unused_async)]
                #sig #block

                #call
            }
        },
        Inner::Sibling => quote! {
            #(#attrs)*
            #outer_signature {
                #call
            }

            #(#lints)*
            #[doc(hidden)]
            #[allow(clippy::unused_async)]
            #sig #block
        },
    }
}

/// Whether `attr` sets lint levels, which must reach the user's code in the inner function.
fn is_lint(attr: &Attribute) -> bool {
    ["allow", "warn", "deny", "forbid", "expect"]
        .iter()
        .any(|level| attr.path().is_ident(level))
}
