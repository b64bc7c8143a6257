//! A rule literal compiled for generated code: the condition a request evaluates, whether it
//! reads the route's parameters, and, against a claims type, the `const` item that checks the
//! rule when the crate compiles.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{LitStr, Type};

use crate::rule::Rule;

/// What the macros generate from one rule.
pub(crate) struct CompiledRule {
    /// A `bool` expression over [`token_ident`] and [`request_ident`].
    pub(crate) condition: TokenStream,
    /// Whether the rule reads `path.<name>`.
    pub(crate) reads_path: bool,
    /// The top-level claims the rule reads; `None` when it reads the whole token.
    pub(crate) claims_read: Option<Vec<String>>,
    /// The `const _: () = ...;` item checking the rule against the claims type; empty for a
    /// rule over JSON claims, which are checked only when a request comes.
    pub(crate) typecheck: TokenStream,
}

/// Compiles the rule in `literal`, checked against `claims` if given. A mistake the macro can
/// see is reported on the literal, with a caret diagram for the exact column, since stable
/// Rust cannot point inside a string.
pub(crate) fn compile(literal: &LitStr, claims: Option<&Type>) -> syn::Result<CompiledRule> {
    let source = literal.value();
    let rule = Rule::parse(&source)
        .map_err(|error| syn::Error::new(literal.span(), error.render(&source)))?;
    let rt = runtime();
    Ok(CompiledRule {
        condition: rule.condition(&rt, &token_ident(), &request_ident()),
        reads_path: rule.reads_path(),
        claims_read: rule.claims_read(),
        typecheck: claims.map_or_else(TokenStream::new, |claims| {
            typecheck(&rule, &rt, claims, literal)
        }),
    })
}

/// A `const` item that runs the rule's checking statements against `claims` and panics with
/// the first mistake, so rustc reports it, on the rule, as a failed const evaluation.
fn typecheck(rule: &Rule<'_>, rt: &TokenStream, claims: &Type, literal: &LitStr) -> TokenStream {
    let checker = Ident::new("__auth_checker", Span::call_site());
    let statements = rule.typecheck(rt, checker.clone());
    let new = quote_spanned!(claims.span()=> #rt::typecheck::Checker::new::<#claims>());
    // Only the `panic!` carries the rule's span (where rustc reports the failed evaluation);
    // the local it reads keeps the macro's own, so hygiene resolves it wherever the rule was
    // written.
    let message = Ident::new("__auth_message", Span::call_site());
    let report = quote_spanned!(literal.span()=> ::core::panic!("{}", #message));
    quote! {
        const _: () = {
            let mut #checker = #new;
            #(#statements)*
            if let ::core::option::Option::Some(#message) = #checker.error() {
                #report
            }
        };
    }
}

/// The hidden module of `auth_runtime` that generated code calls.
pub(crate) fn runtime() -> TokenStream {
    quote!(::auth_runtime::__private)
}

// Leading underscores: a rule that never reads `token` or `req` must not warn.
pub(crate) fn token_ident() -> Ident {
    Ident::new("__auth_token", Span::call_site())
}

pub(crate) fn request_ident() -> Ident {
    Ident::new("__auth_req", Span::call_site())
}
