//! What `#[with_auth]` emits beside its errors: the handler, unguarded, so the rest of the
//! crate and IDEs still see the function, and no second error follows the first.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Attribute, ItemFn};

use crate::debug_handler::is_debug_handler;

/// `item` as the attribute would have left it, as far as the rest of the crate can tell: an
/// `async fn` with its own signature. A function written without `async` gets it, so the route
/// that takes it as a handler adds no `Handler` error to the attribute's own. axum's
/// `#[debug_handler]` would check a handler without its guard, so it moves to an empty
/// handler, where it checks nothing and its import is still used.
pub(crate) fn fallback(error: syn::Error, item: TokenStream) -> TokenStream {
    let error = error.to_compile_error();
    let item = unguarded(item);
    quote!(#error #item)
}

/// The items of [`fallback`] without the error: `item` unguarded.
pub(crate) fn unguarded(item: TokenStream) -> TokenStream {
    match syn::parse2::<ItemFn>(item.clone()) {
        Ok(mut function) => {
            if function.sig.asyncness.is_none() {
                function.sig.asyncness = Some(Default::default());
            }
            let (debug_handler, attrs): (Vec<Attribute>, _) =
                function.attrs.into_iter().partition(is_debug_handler);
            function.attrs = attrs;
            let empty = format_ident!("__with_auth_{}_debug_handler", function.sig.ident);
            let empty = (!debug_handler.is_empty()).then(|| {
                quote! {
                    #(#debug_handler)*
                    #[allow(dead_code)]
                    #[doc(hidden)]
                    async fn #empty() {}
                }
            });
            quote!(#function #empty)
        }
        Err(_) => item,
    }
}
