//! The `#[serde(...)]` attributes that decide the names serde reads a type from, read as
//! serde_derive reads them. Every other serde key is skipped, its value consumed, so any valid
//! serde attribute is accepted.
//!
//! What serde itself refuses (broken syntax, a name that is not a string, an unknown
//! `rename_all` rule) is left to serde's own error, which fails the build anyway: this module
//! reads past it rather than print the same mistake twice.

use proc_macro2::{TokenStream, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, LitStr, Meta, Path, Token};

use super::rename::RenameRule;

/// Container keys that make serde read the type as something other than an object of its
/// fields or the name of a unit variant.
const RESHAPING: [&str; 8] = [
    "transparent",
    "tag",
    "untagged",
    "content",
    "from",
    "try_from",
    "into",
    "remote",
];

/// What the container's serde attributes say about names.
#[derive(Default)]
pub(crate) struct ContainerAttrs {
    /// `rename_all`, or its `deserialize` rule.
    pub(crate) rename_all: Option<RenameRule>,
}

/// What a field's or a variant's serde attributes say.
#[derive(Default)]
pub(crate) struct ItemAttrs {
    /// The first name of `rename`, or of its `deserialize` part: the name serde reads.
    pub(crate) rename: Option<String>,
    /// `skip` or `skip_deserializing`: serde never reads it from a token.
    pub(crate) skip: bool,
    /// `flatten`: its fields are read as the container's.
    pub(crate) flatten: bool,
    /// The key (`with`, `deserialize_with`, `untagged`) that makes serde read the value in
    /// its own way, so its JSON need not look like its type.
    pub(crate) custom: Option<Path>,
}

/// Reads the container's serde attributes; refuses the keys that reshape the type.
pub(crate) fn container(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> ContainerAttrs {
    let mut read = ContainerAttrs::default();
    each_key(attrs, |key, meta| {
        match key {
            "rename_all" => {
                let rule = deserialize_names(meta)?
                    .first()
                    .and_then(|name| RenameRule::from_name(&name.value()));
                read.rename_all = read.rename_all.or(rule);
            }
            _ if RESHAPING.contains(&key) => {
                errors.push(reshaping(&meta.path, key));
                skip_value(meta)?;
            }
            _ => skip_value(meta)?,
        }
        Ok(())
    });
    read
}

/// Reads the serde attributes of a field or a variant.
pub(crate) fn item(attrs: &[Attribute]) -> ItemAttrs {
    let mut read = ItemAttrs::default();
    each_key(attrs, |key, meta| {
        match key {
            "rename" => {
                let names = deserialize_names(meta)?;
                // As serde: the first `deserialize` name is the name, the others aliases.
                if read.rename.is_none() {
                    read.rename = names.first().map(LitStr::value);
                }
            }
            "skip" | "skip_deserializing" => read.skip = true,
            "flatten" => read.flatten = true,
            "with" | "deserialize_with" | "untagged" => {
                read.custom.get_or_insert_with(|| meta.path.clone());
                skip_value(meta)?;
            }
            _ => skip_value(meta)?,
        }
        Ok(())
    });
    read
}

/// Calls `visit` with every key of every `#[serde(...)]` in `attrs`, until one is broken.
fn each_key(
    attrs: &[Attribute],
    mut visit: impl FnMut(&str, &ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        // serde skips `#[serde()]`.
        if matches!(&attr.meta, Meta::List(list) if list.tokens.is_empty()) {
            continue;
        }
        // Broken syntax ends the attribute, as it ends serde's reading of it; serde reports it.
        let _ = attr.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map(ToString::to_string);
            match key {
                Some(key) => visit(&key, &meta),
                None => skip_value(&meta),
            }
        });
    }
}

/// The names of `key = "..."`, or of the `deserialize = "..."` parts of
/// `key(serialize = "...", deserialize = "...")`.
fn deserialize_names(meta: &ParseNestedMeta<'_>) -> syn::Result<Vec<LitStr>> {
    if meta.input.peek(Token![=]) {
        return Ok(string(meta)?.into_iter().collect());
    }
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error("expected `=` or `(`"));
    }
    let mut names = Vec::new();
    meta.parse_nested_meta(|part| {
        if part.path.is_ident("deserialize") {
            names.extend(string(&part)?);
            Ok(())
        } else {
            skip_value(&part)
        }
    })?;
    Ok(names)
}

/// The string literal after `=`, as serde reads it: through the invisible groups a
/// `macro_rules!` expansion leaves. Anything else is read past.
fn string(meta: &ParseNestedMeta<'_>) -> syn::Result<Option<LitStr>> {
    let expr: Expr = meta.value()?.parse()?;
    let mut value = &expr;
    while let Expr::Group(group) = value {
        value = &group.expr;
    }
    match value {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(literal),
            ..
        }) => Ok(Some(literal.clone())),
        _ => Ok(None),
    }
}

/// The error for a container key that reshapes the type.
fn reshaping(path: &Path, key: &str) -> syn::Error {
    syn::Error::new_spanned(
        path,
        format!(
            "`#[derive(Claims)]` cannot check rules against a `#[serde({key})]` type: rules \
             read a struct as an object of its named fields and an enum as the serde name of a \
             unit variant, and `{key}` changes that"
        ),
    )
}

/// Consumes the value of a key this crate does not read: `= <anything up to the next
/// comma>`, or `(...)`, or nothing for a flag.
pub(crate) fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.step(|cursor| {
            let mut rest = *cursor;
            while let Some((tree, next)) = rest.token_tree() {
                if matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == ',') {
                    break;
                }
                rest = next;
            }
            Ok(((), rest))
        })
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>().map(drop)
    } else {
        Ok(())
    }
}
