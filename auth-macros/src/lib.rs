//! The procedural macros of [`auth_runtime`](https://docs.rs/auth-runtime): `#[with_auth]`,
//! `rule!` and `#[derive(Claims)]`. Depend on `auth-runtime`, which re-exports them; the
//! generated code calls into it.

mod args;
mod claims;
mod compiled;
mod debug_handler;
mod expand;
mod fallback;
mod handler;
mod impl_block;
mod join;
mod rule;
mod rule_macro;
mod suggest;

use proc_macro::TokenStream;

#[doc = include_str!("../docs/with_auth.md")]
#[proc_macro_attribute]
pub fn with_auth(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::with_auth(args.into(), item.into()).into()
}

#[doc = include_str!("../docs/rule.md")]
#[proc_macro]
pub fn rule(input: TokenStream) -> TokenStream {
    rule_macro::rule(input.into()).into()
}

#[doc = include_str!("../docs/claims.md")]
#[proc_macro_derive(Claims, attributes(claims))]
pub fn derive_claims(input: TokenStream) -> TokenStream {
    claims::derive(input.into()).into()
}
