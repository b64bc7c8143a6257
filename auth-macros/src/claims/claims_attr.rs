//! `#[claims(skip)]`, this crate's own attribute: it leaves a field out of rules, for field
//! types a rule cannot read.

use quote::ToTokens;
use syn::{Attribute, Meta};

use super::serde_attrs::skip_value;

/// Whether `attrs` hold `#[claims(skip)]`; any other `#[claims]` content is reported.
pub(crate) fn field_skip(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> bool {
    let mut skip = false;
    for attr in claims_attrs(attrs) {
        let problem = match &attr.meta {
            Meta::List(list) if list.tokens.is_empty() => Some("`#[claims()]` says nothing"),
            Meta::List(_) => None,
            Meta::Path(_) | Meta::NameValue(_) => Some("`#[claims]` takes its key in parentheses"),
        };
        if let Some(problem) = problem {
            errors.push(syn::Error::new_spanned(attr, expected(problem)));
            continue;
        }
        let parsed = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("skip") {
                let key = meta.path.to_token_stream().to_string();
                errors.push(syn::Error::new_spanned(
                    &meta.path,
                    expected(&format!("unknown `claims` key `{key}`")),
                ));
                return skip_value(&meta);
            }
            if !(meta.input.is_empty() || meta.input.peek(syn::Token![,])) {
                errors.push(meta.error("`skip` takes no value: write `#[claims(skip)]`"));
                return skip_value(&meta);
            }
            skip = true;
            Ok(())
        });
        if let Err(error) = parsed {
            errors.push(error);
        }
    }
    skip
}

/// Reports `#[claims(...)]` on a struct, an enum or a variant, where it means nothing.
pub(crate) fn misplaced(attrs: &[Attribute], errors: &mut Vec<syn::Error>) {
    for attr in claims_attrs(attrs) {
        errors.push(syn::Error::new_spanned(
            attr,
            "`#[claims(skip)]` goes on a field of a struct deriving `Claims`",
        ));
    }
}

/// The `#[claims(...)]` attributes among `attrs`.
fn claims_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("claims"))
}

/// `problem`, and what the attribute takes.
fn expected(problem: &str) -> String {
    format!(
        "{problem}: the only key of `#[claims(...)]` is `skip`, as in `#[claims(skip)]`, which \
         leaves a field out of rules"
    )
}
