//! The arguments of `#[with_auth(...)]`: `authorized`, `sign_in`, `forbidden`, `claims`,
//! `check`, `state` and `csrf`.

use proc_macro2::TokenStream;
use proc_macro2::{Spacing, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitBool, LitStr, Path, Token, Type};

use crate::join::join;
use crate::suggest::closest;

const KEYS: [&str; 7] = [
    "authorized",
    "sign_in",
    "forbidden",
    "claims",
    "check",
    "state",
    "csrf",
];

/// The checked arguments. Every value keeps its literal, so errors and generated code carry
/// the user's spans.
#[derive(Default)]
pub(crate) struct Args {
    pub(crate) authorized: Option<LitStr>,
    pub(crate) sign_in: Option<Page>,
    pub(crate) forbidden: Option<Page>,
    /// The claims type the rule is checked against.
    pub(crate) claims: Option<Type>,
    /// The async check run after the rule.
    pub(crate) check: Option<Path>,
    /// The router's state type: the state the check takes, and the state checked to provide
    /// `AuthOptions`.
    pub(crate) state: Option<Type>,
    /// `false`: cross-origin writes authenticated by the session cookie are not refused.
    pub(crate) csrf: Option<LitBool>,
}

/// Where `sign_in` or `forbidden` sends a refused request.
pub(crate) enum Page {
    /// A path on this site.
    Path(LitStr),
    /// `false`: no redirect, even when the options name a page; 401 or 403 instead.
    Never(LitBool),
}

/// `key = value`, before the key or the value is checked. The key may be written with
/// hyphens (`sign-in`), so that mistake gets a suggestion rather than a syntax error; the value
/// is every token up to the next comma outside `<...>` (types have commas in them), so that
/// any value gets the same clear error.
struct RawArg {
    key: Ident,
    name: String,
    value: TokenStream,
}

impl Parse for RawArg {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return Err(input
                .error("name the rule: write `authorized = \"...\"` rather than the bare string"));
        }
        let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        let mut name = key.to_string();
        while input.peek(Token![-]) {
            input.parse::<Token![-]>()?;
            let part: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            name = format!("{name}-{part}");
        }
        input.parse::<Token![=]>().map_err(|_| {
            let message = match KEYS.contains(&name.as_str()) {
                true => format!("expected `{name} = ...`, like {}", example(&name)),
                false => {
                    format!("expected `{name} = ...`: every argument of `#[with_auth]` has a value")
                }
            };
            syn::Error::new(key.span(), message)
        })?;
        let value = input.step(|cursor| {
            let mut rest = *cursor;
            let mut value = TokenStream::new();
            let mut angles = 0_usize;
            let mut previous: Option<TokenTree> = None;
            while let Some((tree, next)) = rest.token_tree() {
                if let TokenTree::Punct(punct) = &tree {
                    let after_hyphen = matches!(&previous, Some(TokenTree::Punct(p)) if p.as_char() == '-' && p.spacing() == Spacing::Joint);
                    match punct.as_char() {
                        ',' if angles == 0 => break,
                        '<' => angles += 1,
                        // `->` in a function type is not a closing bracket.
                        '>' if !after_hyphen => angles = angles.saturating_sub(1),
                        _ => {}
                    }
                }
                previous = Some(tree.clone());
                value.extend([tree]);
                rest = next;
            }
            Ok((value, rest))
        })?;
        Ok(Self { key, name, value })
    }
}

impl Args {
    /// Parses and checks the arguments, collecting every mistake rather than stopping at the
    /// first, so one build shows them all. The arguments that are valid are returned beside
    /// the errors, so the rule is checked even when another argument is wrong.
    pub(crate) fn parse(tokens: TokenStream) -> (Self, syn::Result<()>) {
        let mut args = Args::default();
        let raw = match syn::parse::Parser::parse2(
            Punctuated::<RawArg, Token![,]>::parse_terminated,
            tokens,
        ) {
            Ok(raw) => raw,
            Err(error) => return (args, Err(error)),
        };
        let mut seen = Vec::new();
        let mut checked = Ok(());
        for arg in raw {
            let result = args.set(arg, &mut seen);
            checked = join(checked, result).map(drop);
        }
        (args, checked)
    }

    fn set(&mut self, arg: RawArg, seen: &mut Vec<String>) -> syn::Result<()> {
        let RawArg { key, name, value } = arg;
        if !KEYS.contains(&name.as_str()) {
            return Err(unknown_key(&key, &name));
        }
        // Noted before the value is checked: a repeat is reported even after a bad value.
        if seen.contains(&name) {
            return Err(syn::Error::new(
                key.span(),
                format!("`{name}` is given more than once"),
            ));
        }
        seen.push(name.clone());
        match name.as_str() {
            "authorized" => self.authorized = Some(string_literal(&key, &name, value)?),
            "sign_in" => self.sign_in = Some(page(&key, &name, value)?),
            "forbidden" => self.forbidden = Some(page(&key, &name, value)?),
            "claims" => self.claims = Some(type_value(&key, &name, value)?),
            "state" => self.state = Some(type_value(&key, &name, value)?),
            "csrf" => self.csrf = Some(bool_value(&key, &name, value)?),
            _ => self.check = Some(path_value(&key, &name, value)?),
        }
        Ok(())
    }
}

fn unknown_key(key: &Ident, name: &str) -> syn::Error {
    let expected =
        "expected `authorized`, `sign_in`, `forbidden`, `claims`, `check`, `state` or `csrf`";
    let message = match closest(&name.replace('-', "_"), &KEYS) {
        Some(suggestion) => {
            format!("unknown argument `{name}`: did you mean `{suggestion}`? ({expected})")
        }
        None => format!("unknown argument `{name}`: {expected}"),
    };
    syn::Error::new(key.span(), message)
}

/// A type, such as the claims type: a string is the likely mistake, so it gets its own hint.
fn type_value(key: &Ident, name: &str, value: TokenStream) -> syn::Result<Type> {
    let message = format!("`{name}` takes a type, like {}", example(name));
    if value.is_empty() {
        return Err(syn::Error::new(key.span(), message));
    }
    if let Ok(literal) = syn::parse2::<LitStr>(value.clone()) {
        let message = format!(
            "{message}, not a string: write `{name} = {}`",
            literal.value()
        );
        return Err(syn::Error::new(literal.span(), message));
    }
    syn::parse2::<Type>(value.clone()).map_err(|_| syn::Error::new_spanned(value, message))
}

/// `true` or `false`, for `csrf`.
fn bool_value(key: &Ident, name: &str, value: TokenStream) -> syn::Result<LitBool> {
    let message = format!("`{name}` takes `true` or `false`, like {}", example(name));
    if value.is_empty() {
        return Err(syn::Error::new(key.span(), message));
    }
    syn::parse2::<LitBool>(value.clone()).map_err(|_| syn::Error::new_spanned(value, message))
}

/// A path to a function, for `check`.
fn path_value(key: &Ident, name: &str, value: TokenStream) -> syn::Result<Path> {
    let message = format!(
        "`{name}` takes the path of an async function, like {}",
        example(name)
    );
    if value.is_empty() {
        return Err(syn::Error::new(key.span(), message));
    }
    syn::parse2::<Path>(value.clone()).map_err(|_| syn::Error::new_spanned(value, message))
}

fn string_literal(key: &Ident, name: &str, value: TokenStream) -> syn::Result<LitStr> {
    let message = format!("`{name}` takes a string literal, like {}", example(name));
    if value.is_empty() {
        return Err(syn::Error::new(key.span(), message));
    }
    syn::parse2::<LitStr>(value.clone()).map_err(|_| syn::Error::new_spanned(value, message))
}

/// A page path, or `false` for none.
fn page(key: &Ident, name: &str, value: TokenStream) -> syn::Result<Page> {
    if let Ok(flag) = syn::parse2::<LitBool>(value.clone()) {
        return match flag.value {
            false => Ok(Page::Never(flag)),
            true => Err(syn::Error::new(
                flag.span,
                format!(
                    "`{name} = true` says nothing: give a path, like {}, or `false` to answer {} \
                     even when the options name a page",
                    example(name),
                    if name == "sign_in" { 401 } else { 403 }
                ),
            )),
        };
    }
    let path = string_literal(key, name, value)?;
    check_page(name, &path)?;
    Ok(Page::Path(path))
}

fn example(name: &str) -> &'static str {
    match name {
        "authorized" => "`authorized = \"token.role == 'admin'\"`",
        "sign_in" => "`sign_in = \"/auth/signin\"`",
        "forbidden" => "`forbidden = \"/auth/forbidden\"`",
        "claims" => "`claims = AppClaims`",
        "state" => "`state = AppState`",
        "csrf" => "`csrf = false`",
        _ => "`check = owns_post`",
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
