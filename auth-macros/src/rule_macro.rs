//! `rule!("...")` and `rule!(Claims, "...")`: a rule compiled to a function, for code that
//! decides outside `#[with_auth]`, such as `AuthLayer::rule`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token, Type};

use crate::compiled::{compile, request_ident, token_ident};

/// The input: an optional claims type, then the rule.
struct Input {
    claims: Option<Type>,
    rule: LitStr,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let claims = match input.peek(LitStr) {
            true => None,
            false => {
                let claims: Type = input.parse()?;
                if input.is_empty() {
                    // Not a type before a rule, but something else in the rule's place.
                    return Err(syn::Error::new_spanned(claims, "expected a rule"));
                }
                input.parse::<Token![,]>()?;
                Some(claims)
            }
        };
        let rule = input.parse()?;
        input.parse::<Option<Token![,]>>()?;
        Ok(Input { claims, rule })
    }
}

pub(crate) fn rule(input: TokenStream) -> TokenStream {
    let (token, request) = (token_ident(), request_ident());
    let input = syn::parse2::<Input>(input).map_err(|error| {
        syn::Error::new(
            error.span(),
            "`rule!` takes a rule, like `rule!(\"token.role == 'admin'\")`, or a claims type \
             and a rule, like `rule!(AppClaims, \"token.role == 'admin'\")`",
        )
    });
    let claims = match &input {
        Ok(Input {
            claims: Some(claims),
            ..
        }) => quote!(#claims),
        _ => quote!(::auth_runtime::JsonClaims),
    };
    // On a mistake the error stands in for the rule; the `false` beside it keeps the
    // surrounding code type-checking, so the rule's error is the only one reported.
    let (body, typecheck) =
        match input.and_then(|input| compile(&input.rule, input.claims.as_ref())) {
            Ok(compiled) => (compiled.condition, compiled.typecheck),
            Err(error) => {
                let error = error.to_compile_error();
                (quote!({ #error; false }), TokenStream::new())
            }
        };
    quote! {{
        #typecheck
        fn __auth_rule(
            #token: &::auth_runtime::Token<#claims>,
            #request: &::auth_runtime::RequestInfo<'_>,
        ) -> bool {
            #body
        }
        __auth_rule
    }}
}
