//! `rule!("...")`: a rule compiled to a function, for code that decides outside `#[with_auth]`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use crate::expand::{request_ident, rule_expression, token_ident};

pub(crate) fn rule(input: TokenStream) -> TokenStream {
    let (token, request) = (token_ident(), request_ident());
    // On a mistake the error stands in for the rule; the `false` beside it keeps the
    // surrounding code type-checking, so the rule's error is the only one reported.
    let body = syn::parse2::<LitStr>(input)
        .map_err(|error| {
            syn::Error::new(
                error.span(),
                "`rule!` takes one string literal, like `rule!(\"token.role == 'admin'\")`",
            )
        })
        .and_then(|literal| rule_expression(&literal))
        .unwrap_or_else(|error| {
            let error = error.to_compile_error();
            quote!({ #error; false })
        });
    quote! {{
        fn __auth_rule(#token: &::auth_runtime::Token, #request: &::auth_runtime::RequestInfo<'_>) -> bool {
            #body
        }
        __auth_rule
    }}
}
