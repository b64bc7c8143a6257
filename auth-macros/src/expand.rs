//! Rewrites a handler so its guard runs before anything else.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{FnArg, Ident, ItemFn, LitStr, Signature};

use crate::args::{Args, Page};
use crate::handler;
use crate::join::join;
use crate::rule;

/// `#[with_auth(args)] item`: the handler with its guard, or, on any mistake, the errors next
/// to the untouched item, so the function still exists for the rest of the crate and for IDEs.
pub(crate) fn with_auth(args: TokenStream, item: TokenStream) -> TokenStream {
    match expand(args, item.clone()) {
        Ok(expanded) => expanded,
        Err(error) => {
            let error = error.to_compile_error();
            quote!(#error #item)
        }
    }
}

fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let function: ItemFn = syn::parse2(item).map_err(|error| {
        syn::Error::new(
            error.span(),
            "`#[with_auth]` goes on an `async fn` axum handler",
        )
    })?;
    let (args, args_checked) = Args::parse(args);
    // The rule is compiled even when another argument is wrong, so one build shows both.
    let rule = compile_rule(args.authorized.as_ref());
    let ((), ((), rule)) = join(check_handler(&function.sig), join(args_checked, rule))?;
    Ok(guarded(function, &args, rule))
}

fn check_handler(signature: &Signature) -> syn::Result<()> {
    let not_async = match signature.asyncness {
        Some(_) => Ok(()),
        None => Err(syn::Error::new(
            signature.fn_token.span,
            "`#[with_auth]` needs an `async fn`: axum handlers are async",
        )),
    };
    let method = match signature.inputs.first() {
        Some(FnArg::Receiver(receiver)) => Err(syn::Error::new(
            receiver.self_token.span,
            "`#[with_auth]` cannot guard a method: axum handlers are free functions",
        )),
        _ => Ok(()),
    };
    join(not_async, method).map(drop)
}

/// The handler's rule; `true` when the attribute has no `authorized` rule, so any valid
/// session passes, like NextAuth.js's default `!!token`.
fn compile_rule(authorized: Option<&LitStr>) -> syn::Result<TokenStream> {
    match authorized {
        Some(literal) => rule_expression(literal),
        None => Ok(quote!(true)),
    }
}

/// A rule literal compiled to a `bool` expression over `__auth_token` and `__auth_req`. A
/// mistake is reported on the literal, with a caret diagram for the exact column: stable Rust
/// cannot point inside a string.
pub(crate) fn rule_expression(literal: &LitStr) -> syn::Result<TokenStream> {
    let source = literal.value();
    rule::compile(&source, &runtime(), &token_ident(), &request_ident())
        .map_err(|error| syn::Error::new(literal.span(), error.render(&source)))
}

fn guarded(function: ItemFn, args: &Args, rule: TokenStream) -> TokenStream {
    let runtime = runtime();
    let visibility = function.vis.clone();
    let rule_type = format_ident!("__with_auth_{}", function.sig.ident);
    let sign_in = page(args.sign_in.as_ref());
    let forbidden = page(args.forbidden.as_ref());
    let (token, request) = (token_ident(), request_ident());
    let handler = handler::guarded(function, &runtime, &quote!(#runtime::Guard<#rule_type>));
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #visibility struct #rule_type;

        impl #runtime::Rule for #rule_type {
            const SIGN_IN: #runtime::Page = #sign_in;
            const FORBIDDEN: #runtime::Page = #forbidden;

            #[inline]
            fn allows(#token: &::auth_runtime::Token, #request: &::auth_runtime::RequestInfo<'_>) -> bool {
                #rule
            }
        }

        #handler
    }
}

fn page(page: Option<&Page>) -> TokenStream {
    let runtime = runtime();
    match page {
        Some(Page::Path(path)) => quote_spanned!(path.span()=> #runtime::Page::Path(#path)),
        Some(Page::Never(flag)) => quote_spanned!(flag.span=> #runtime::Page::Never),
        None => quote!(#runtime::Page::FromOptions),
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
