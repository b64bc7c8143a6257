//! The arguments of `#[with_auth(...)]`: `authorized`, `sign_in`, `forbidden`.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, Ident, Lit, LitStr, Token};

use crate::join::join;
use crate::suggest::closest;

const KEYS: [&str; 3] = ["authorized", "sign_in", "forbidden"];

/// The checked arguments. Every value keeps its literal, so errors and generated code carry
/// the user's spans.
#[derive(Default)]
pub(crate) struct Args {
    pub(crate) authorized: Option<LitStr>,
    pub(crate) sign_in: Option<LitStr>,
    pub(crate) forbidden: Option<LitStr>,
}

/// `key = value`, before the key or the value is checked.
struct RawArg {
    key: Ident,
    value: Expr,
}

impl Parse for RawArg {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        input.parse::<Token![=]>().map_err(|_| {
            syn::Error::new(
                key.span(),
                format!(
                    "expected `{key} = \"...\"`: every argument of `#[with_auth]` takes a string"
                ),
            )
        })?;
        Ok(Self {
            key,
            value: input.parse()?,
        })
    }
}

impl Args {
    /// Parses and checks the arguments, collecting every mistake rather than stopping at the
    /// first, so one build shows them all.
    pub(crate) fn parse(tokens: TokenStream) -> Result<Self, syn::Error> {
        let raw =
            syn::parse::Parser::parse2(Punctuated::<RawArg, Token![,]>::parse_terminated, tokens)?;
        let mut args = Args::default();
        let mut checked = Ok(());
        for arg in raw {
            checked = join(checked, args.set(arg)).map(drop);
        }
        checked.map(|()| args)
    }

    fn set(&mut self, arg: RawArg) -> syn::Result<()> {
        let name = arg.key.to_string();
        let slot = match name.as_str() {
            "authorized" => &mut self.authorized,
            "sign_in" => &mut self.sign_in,
            "forbidden" => &mut self.forbidden,
            _ => return Err(unknown_key(&arg.key, &name)),
        };
        if slot.is_some() {
            return Err(syn::Error::new(
                arg.key.span(),
                format!("`{name}` is given more than once"),
            ));
        }
        let value = string_literal(&name, arg.value)?;
        if name != "authorized" {
            check_page(&name, &value)?;
        }
        *slot = Some(value);
        Ok(())
    }
}

fn unknown_key(key: &Ident, name: &str) -> syn::Error {
    let expected = "expected `authorized`, `sign_in` or `forbidden`";
    let message = match closest(&name.replace('-', "_"), &KEYS) {
        Some(suggestion) => {
            format!("unknown argument `{name}`: did you mean `{suggestion}`? ({expected})")
        }
        None => format!("unknown argument `{name}`: {expected}"),
    };
    syn::Error::new(key.span(), message)
}

fn string_literal(name: &str, value: Expr) -> syn::Result<LitStr> {
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(literal),
            ..
        }) => Ok(literal),
        other => Err(syn::Error::new_spanned(
            other,
            format!("`{name}` takes a string literal, like {}", example(name)),
        )),
    }
}

fn example(name: &str) -> &'static str {
    match name {
        "authorized" => "`authorized = \"token.role == 'admin'\"`",
        "sign_in" => "`sign_in = \"/auth/signin\"`",
        _ => "`forbidden = \"/auth/forbidden\"`",
    }
}

/// A page must be a path on this site: anything else could send users off-site.
fn check_page(name: &str, literal: &LitStr) -> syn::Result<()> {
    let page = literal.value();
    let problem = if !page.starts_with('/') {
        Some("must be a path on this site, starting with `/`")
    } else if page.starts_with("//") || page.starts_with("/\\") {
        Some("must not start with `//` or `/\\`: browsers read that as another host")
    } else if page.contains('#') {
        Some("must not contain a `#` fragment: the `callbackUrl` query is added after the path")
    } else if !page.bytes().all(|byte| byte.is_ascii_graphic()) {
        Some(
            "must be a URL path without spaces, control or non-ASCII characters (percent-encode them)",
        )
    } else {
        None
    };
    match problem {
        Some(problem) => Err(syn::Error::new(
            literal.span(),
            format!("`{name}` {problem}, like {}", example(name)),
        )),
        None => Ok(()),
    }
}
