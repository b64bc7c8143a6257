//! axum's `#[debug_handler]` under `#[with_auth]`: it checks the generated handler, guard
//! included, and the guard needs the router's state to be checked.

use syn::{Attribute, Meta, Type};

/// Gives a `#[debug_handler]` among `attrs` the router's state, when it names none and
/// cannot infer it from a `State<...>` parameter: without it axum checks the guard against
/// `()`, which provides no `AuthOptions`.
pub(crate) fn give_state(
    attrs: &mut [Attribute],
    state: Option<&Type>,
    takes_state: bool,
) -> syn::Result<()> {
    let Some(attr) = attrs.iter_mut().find(|attr| is_debug_handler(attr)) else {
        return Ok(());
    };
    if names_state(attr) || takes_state {
        return Ok(());
    }
    let Some(state) = state else {
        return Err(syn::Error::new_spanned(
            &*attr,
            "`#[debug_handler]` under `#[with_auth]` checks the guard against the router's \
             state, and this handler does not name it: add `state = AppState` to \
             `#[with_auth]` (`state = AuthOptions` when the options are the whole state)",
        ));
    };
    let path = attr.path().clone();
    *attr = syn::parse_quote!(#[#path(state = #state)]);
    Ok(())
}

/// `#[debug_handler]`, `#[axum::debug_handler]` or `#[axum_macros::debug_handler]`.
pub(crate) fn is_debug_handler(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "debug_handler")
}

/// Whether the attribute already says `state = ...`, its only argument.
fn names_state(attr: &Attribute) -> bool {
    matches!(attr.meta, Meta::List(_))
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn attrs(tokens: proc_macro2::TokenStream) -> Vec<Attribute> {
        let function: syn::ItemFn = syn::parse2(quote!(#tokens async fn handler() {})).unwrap();
        function.attrs
    }

    #[test]
    fn the_state_of_the_attribute_is_given_to_debug_handler() {
        let state: Type = syn::parse_quote!(AppState);
        let mut given = attrs(quote!(#[axum::debug_handler] #[doc = "x"]));
        give_state(&mut given, Some(&state), false).unwrap();
        let first = &given[0];
        assert_eq!(
            quote!(#first).to_string(),
            quote!(#[axum::debug_handler(state = AppState)]).to_string()
        );
    }

    #[test]
    fn a_state_debug_handler_names_or_infers_is_left_alone() {
        let state: Type = syn::parse_quote!(AppState);
        let mut named = attrs(quote!(#[debug_handler(state = Other)]));
        give_state(&mut named, Some(&state), false).unwrap();
        let first = &named[0];
        assert!(quote!(#first).to_string().contains("Other"));
        let mut inferred = attrs(quote!(#[debug_handler]));
        assert!(give_state(&mut inferred, None, true).is_ok());
    }

    #[test]
    fn without_any_state_it_asks_for_one() {
        let mut unknown = attrs(quote!(#[debug_handler]));
        let error = give_state(&mut unknown, None, false).unwrap_err();
        assert!(error.to_string().contains("add `state = AppState`"));
    }
}
