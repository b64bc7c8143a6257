//! Rewrites a handler so its guard runs before anything else.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FnArg, GenericArgument, ItemFn, ItemImpl, PathArguments, Signature, Type};

use crate::args::{Args, Page};
use crate::compiled::{CompiledRule, compile, request_ident, runtime, token_ident};
use crate::debug_handler;
use crate::fallback::fallback;
use crate::handler::{self, Inner};
use crate::impl_block;
use crate::join::join;

/// `#[with_auth(args)] item`: the handler with its guard, or, on any mistake, the errors next
/// to the unguarded item, so the function still exists for the rest of the crate and for IDEs.
/// On an `impl` block, the block with each of its `#[with_auth(...)]` functions guarded.
pub(crate) fn with_auth(args: TokenStream, item: TokenStream) -> TokenStream {
    if let Ok(block) = syn::parse2::<ItemImpl>(item.clone()) {
        return impl_block::with_auth(args, block);
    }
    let function = match syn::parse2::<ItemFn>(item.clone()) {
        Ok(function) => function,
        Err(error) => {
            let message = "`#[with_auth]` goes on an `async fn` axum handler, or on the `impl` \
                           block of guarded associated functions";
            return fallback(syn::Error::new(error.span(), message), item);
        }
    };
    match expand(args, function.clone(), &Home::Module) {
        Ok(Guarded { beside, handler }) => quote!(#beside #handler),
        Err(error) => fallback(error, quote!(#function)),
    }
}

/// Where the guarded function is written.
pub(crate) enum Home<'a> {
    /// A module: the hidden rule type goes beside the function.
    Module,
    /// An `impl` block of the type at this path, without generics: the hidden rule type goes
    /// beside the block, and `Self` in the attribute's arguments means that type.
    Impl(&'a Type),
}

/// A guarded function: the items that go beside it, at module level, and the items that
/// replace it where it was written.
pub(crate) struct Guarded {
    pub(crate) beside: TokenStream,
    pub(crate) handler: TokenStream,
}

pub(crate) fn expand(
    args: TokenStream,
    mut function: ItemFn,
    home: &Home<'_>,
) -> syn::Result<Guarded> {
    let args = match home {
        Home::Module => args,
        Home::Impl(self_type) => impl_block::replace_self(args, self_type),
    };
    let (args, args_checked) = Args::parse(args);
    // The rule is compiled even when another argument is wrong, so one build shows both.
    let rule = compile_rule(&args);
    let state = check_state(&args, &function.sig).map(|state| match (state, home) {
        (Some(state), Home::Impl(self_type)) => {
            Some(impl_block::replace_self_in_type(state, self_type))
        }
        (state, _) => state,
    });
    let debug_handler = debug_handler::give_state(
        &mut function.attrs,
        state.as_ref().ok().and_then(Option::as_ref),
        handler_state(&function.sig).is_some(),
    );
    let ((), ((), ((), (rule, state)))) = join(
        check_handler(&function.sig),
        join(args_checked, join(debug_handler, join(rule, state))),
    )?;
    Ok(guarded(function, &args, &rule, state.as_ref(), home))
}

/// The most extractors an axum handler takes; the guard is one of them.
const MAX_EXTRACTORS: usize = 16;

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
    let too_many = match signature.inputs.len() {
        count if count >= MAX_EXTRACTORS => Err(syn::Error::new_spanned(
            &signature.inputs,
            format!(
                "a handler under `#[with_auth]` takes at most {} extractors, and this one takes \
                 {count}: axum calls handlers of at most {MAX_EXTRACTORS}, and the guard is one \
                 of them. Group some in a tuple, `(a, b): (A, B)`, or in a struct deriving \
                 `FromRequestParts`",
                MAX_EXTRACTORS - 1
            ),
        )),
        _ => Ok(()),
    };
    join(join(not_async, method), too_many).map(drop)
}

/// The handler's rule; `true` when the attribute has no `authorized` rule, so any valid
/// session passes, like NextAuth.js's default `!!token`.
fn compile_rule(args: &Args) -> syn::Result<CompiledRule> {
    match &args.authorized {
        Some(literal) => compile(literal, args.claims.as_ref()),
        None => Ok(CompiledRule {
            condition: quote!(true),
            reads_path: false,
            claims_read: Some(Vec::new()),
            typecheck: TokenStream::new(),
        }),
    }
}

/// The router's state type, where the attribute knows it: `state = ...`, else, for a
/// `check`, the handler's own `State<...>`. The macro cannot read it off the check function,
/// which it only knows by name.
fn check_state(args: &Args, signature: &Signature) -> syn::Result<Option<Type>> {
    match (&args.check, &args.state) {
        (_, Some(state)) => Ok(Some(state.clone())),
        (Some(check), None) => handler_state(signature).map(Some).ok_or_else(|| {
            syn::Error::new_spanned(
                check,
                "`check` needs the router's state type: add `state = AppState` (the type the \
                 check function's third argument borrows), or take `State<AppState>` in the \
                 handler",
            )
        }),
        (None, None) => Ok(None),
    }
}

/// Whether a parameter's type names `Token` or `Session`: the handler reads the session's
/// claims itself.
fn takes_the_session(signature: &Signature) -> bool {
    fn names_it(tokens: TokenStream) -> bool {
        tokens.into_iter().any(|tree| match tree {
            proc_macro2::TokenTree::Ident(ident) => ident == "Token" || ident == "Session",
            proc_macro2::TokenTree::Group(group) => names_it(group.stream()),
            _ => false,
        })
    }
    signature.inputs.iter().any(|input| match input {
        FnArg::Typed(typed) => names_it(typed.ty.to_token_stream()),
        FnArg::Receiver(_) => false,
    })
}

/// `T` of the first parameter typed `State<T>`.
fn handler_state(signature: &Signature) -> Option<Type> {
    signature.inputs.iter().find_map(|input| {
        let FnArg::Typed(typed) = input else {
            return None;
        };
        let Type::Path(path) = &*typed.ty else {
            return None;
        };
        let last = path.path.segments.last()?;
        let PathArguments::AngleBracketed(arguments) = &last.arguments else {
            return None;
        };
        match (last.ident == "State", arguments.args.first()) {
            (true, Some(GenericArgument::Type(state))) if arguments.args.len() == 1 => {
                Some(state.clone())
            }
            _ => None,
        }
    })
}

fn guarded(
    function: ItemFn,
    args: &Args,
    rule: &CompiledRule,
    state: Option<&Type>,
    home: &Home<'_>,
) -> Guarded {
    let runtime = runtime();
    let visibility = function.vis.clone();
    let rule_type = match home {
        Home::Module => format_ident!("__with_auth_{}", function.sig.ident),
        Home::Impl(self_type) => impl_block::rule_type(self_type, &function.sig.ident),
    };
    let sign_in = page(args.sign_in.as_ref());
    let forbidden = page(args.forbidden.as_ref());
    let claims = match &args.claims {
        Some(claims) => quote!(#claims),
        None => quote!(::auth_runtime::JsonClaims),
    };
    let (token, request) = (token_ident(), request_ident());
    let CompiledRule {
        condition,
        reads_path,
        claims_read,
        typecheck,
    } = rule;
    // Only a JSON rule without a check decides on the claims it reads alone: a check, and a
    // typed rule, take the whole token. So does a handler that takes it: reading every claim
    // once costs less than reading some for the rule, then all of them again.
    let whole_token =
        args.claims.is_some() || args.check.is_some() || takes_the_session(&function.sig);
    let claims_read = match claims_read {
        Some(names) if !whole_token => quote!(::core::option::Option::Some(&[#(#names),*])),
        _ => quote!(::core::option::Option::None),
    };
    let check = check_impl(&rule_type, args, state);
    let state_check = state.map(state_provides_options);
    let csrf = args.csrf.as_ref().is_none_or(|flag| flag.value);
    let inner = match home {
        Home::Module => Inner::Nested,
        Home::Impl(_) => Inner::Sibling,
    };
    let guard = quote!(#runtime::Guard<#rule_type>);
    let handler = handler::guarded(function, &runtime, &guard, inner);
    let beside = quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #visibility struct #rule_type;

        impl #runtime::Rule for #rule_type {
            type Claims = #claims;
            const SIGN_IN: #runtime::Page = #sign_in;
            const FORBIDDEN: #runtime::Page = #forbidden;
            const READS_PATH: bool = #reads_path;
            const CSRF: bool = #csrf;
            const CLAIMS: ::core::option::Option<&'static [&'static str]> = #claims_read;

            #[inline]
            fn allows(
                #token: &::auth_runtime::Token<#claims>,
                #request: &::auth_runtime::RequestInfo<'_>,
            ) -> bool {
                #condition
            }
        }

        #check

        #state_check

        #typecheck
    };
    Guarded { beside, handler }
}

/// The handler's `Check`: its `check` function for its state, or a check every state passes.
fn check_impl(rule_type: &syn::Ident, args: &Args, state: Option<&Type>) -> TokenStream {
    let runtime = runtime();
    let claims = quote!(<Self as #runtime::Rule>::Claims);
    let Some(state) = state else {
        return quote! {
            impl<__S: ::core::marker::Sync> #runtime::Check<__S> for #rule_type {
                #[inline]
                fn check(
                    _: &::auth_runtime::Token<#claims>,
                    _: &#runtime::Parts,
                    _: &__S,
                ) -> impl ::core::future::Future<Output = #runtime::Verdict> + ::core::marker::Send {
                    ::core::future::ready(#runtime::Verdict::Allow)
                }
            }
        };
    };
    // Implemented for the known state only, so the handler can only be routed with it and a
    // state without options is reported at the attribute (`state_provides_options`).
    let Some(check) = &args.check else {
        return quote! {
            impl #runtime::Check<#state> for #rule_type {
                #[inline]
                fn check(
                    _: &::auth_runtime::Token<#claims>,
                    _: &#runtime::Parts,
                    _: &#state,
                ) -> impl ::core::future::Future<Output = #runtime::Verdict> + ::core::marker::Send {
                    ::core::future::ready(#runtime::Verdict::Allow)
                }
            }
        };
    };
    // Through `CheckFn`, so a function of the wrong shape is reported with both signatures.
    // The call carries the check's span, so a function of the wrong shape is reported there;
    // the arguments keep the macro's own, so hygiene resolves them.
    let arguments = quote!(__auth_token, __auth_parts, __auth_state);
    let call = quote_spanned!(check.span()=> #runtime::call_check(#check, #arguments).await);
    quote! {
        impl #runtime::Check<#state> for #rule_type {
            async fn check(
                __auth_token: &::auth_runtime::Token<#claims>,
                __auth_parts: &#runtime::Parts,
                __auth_state: &#state,
            ) -> #runtime::Verdict {
                #call
            }
        }
    }
}

/// A compile-time assertion, under the user's state type, that the state hands out
/// `AuthOptions`: without it the mistake is reported at the route, as a handler that is not a
/// `Handler`, never naming `FromRef`.
fn state_provides_options(state: &Type) -> TokenStream {
    let runtime = runtime();
    let assertion = quote_spanned!(state.span()=> #runtime::assert_auth_state::<#state>());
    quote!(const _: () = #assertion;)
}

fn page(page: Option<&Page>) -> TokenStream {
    let runtime = runtime();
    match page {
        Some(Page::Path(path)) => quote_spanned!(path.span()=> #runtime::Page::Path(#path)),
        Some(Page::Never(flag)) => quote_spanned!(flag.span=> #runtime::Page::Never),
        None => quote!(#runtime::Page::FromOptions),
    }
}
