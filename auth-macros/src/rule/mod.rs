//! The rule language of `#[with_auth(authorized = "...")]`, compiled when the handler's crate
//! compiles: a request evaluates plain Rust over the helpers of `auth_runtime::__private::rule`
//! and parses nothing.
//!
//! # Grammar
//!
//! Lowest precedence first; `{ x }` repeats, `[ x ]` is optional.
//!
//! ```text
//! rule       = or ;
//! or         = and { "||" and } ;
//! and        = comparison { "&&" comparison } ;
//! comparison = unary [ compare unary ] ;          (* not associative: no `a == b == c` *)
//! compare    = "==" | "===" | "!=" | "!==" | "<" | "<=" | ">" | ">=" | "in" ;
//! unary      = "!" unary | postfix ;
//! postfix    = primary { "." name [ args ] | "?." name [ args ] | "?." index | index } ;
//! index      = "[" ( string | integer ) "]" ;        (* integer: not negative *)
//! args       = "(" or [ "," ] ")" ;                  (* exactly one argument *)
//! primary    = "token" | "req" ( "." | "?." ) ( "method" | "path" )
//!            | literal | "[" [ literal { "," literal } [ "," ] ] "]" | "(" or ")" ;
//! literal    = string | number | "true" | "false" | "null" ;
//! string     = "'" { char | "\'" | "\"" | "\\" } "'"
//!            | '"' { char | "\'" | "\"" | "\\" } '"' ;
//! number     = [ "-" ] digits [ "." digits ] ;       (* no leading zeros *)
//! name       = ( letter | "_" | "$" ) { letter | digit | "_" | "$" } ;
//! ```
//!
//! The methods are `contains`, `starts_with` and `ends_with`. `a?.b` means the same as `a.b`:
//! reading a missing value gives `null` either way. `and`, `or`, `not` and `=` are not
//! operators; the errors say what to write instead. What the operators mean is documented in
//! `auth_runtime`'s `rule_rt` module.
//!
//! # Errors
//!
//! A bad rule is a [`RuleError`], which [renders](RuleError::render) as its message, the rule
//! with carets under the offending text, and a hint. The parser reports the first error in
//! reading order.

mod ast;
mod check;
mod codegen;
mod error;
mod lexer;
mod parser;

use proc_macro2::{Ident, TokenStream};

pub(crate) use error::RuleError;

/// Compiles the rule `source` into a Rust expression of type `bool`.
///
/// The expression calls the helpers at `#rt::rule` (`rt` is the path of the runtime's hidden
/// module, such as `::auth_runtime::__private`) and reads the idents `token`, bound to a
/// `&auth_runtime::Token`, and `req`, bound to a `&auth_runtime::RequestInfo<'_>`, where it is
/// placed. It may be a bare `a && b`: bind it with `let` or parenthesize it before using it as
/// an operand.
pub(crate) fn compile(
    source: &str,
    rt: &TokenStream,
    token: &Ident,
    req: &Ident,
) -> Result<TokenStream, RuleError> {
    let expr = parser::parse(source)?;
    Ok(codegen::Codegen { rt, token, req }.condition(&expr))
}

#[cfg(test)]
mod tests {
    use proc_macro2::{Ident, Span};
    use quote::quote;

    use super::compile;

    fn compile_str(source: &str) -> Result<String, String> {
        let ident = |name| Ident::new(name, Span::call_site());
        compile(
            source,
            &quote!(::auth_runtime::__private),
            &ident("__token"),
            &ident("__req"),
        )
        .map(|tokens| tokens.to_string())
        .map_err(|error| error.render(source))
    }

    #[test]
    fn compiles_against_the_given_paths() {
        let expected = quote!(::auth_runtime::__private::rule::eq(
            ::auth_runtime::__private::rule::Val::Object(__token.claims()).field("role"),
            ::auth_runtime::__private::rule::Val::Str("admin")
        ));
        assert_eq!(
            compile_str("token.role == 'admin'"),
            Ok(expected.to_string())
        );
        let expected = quote!(::auth_runtime::__private::rule::Val::Str(__req.path()).truthy());
        assert_eq!(compile_str("req.path"), Ok(expected.to_string()));
    }

    #[test]
    fn renders_errors() {
        assert_eq!(
            compile_str("token.role =="),
            Err("expected a value after `==`\n  |\n  | token.role ==\n  |              ^\n  = help: compare with a value, for example `token.role == 'admin'`".into()),
        );
        assert_eq!(
            compile_str(" \t "),
            Err("the rule is empty\n  |\n  |    \n  | ^^^\n  = help: write a condition, for example `token.role == 'admin'`".into()),
        );
        assert_eq!(
            compile_str("token.name == 'Ünïcödé' && tokn.x"),
            Err("unknown name `tokn`\n  |\n  | token.name == 'Ünïcödé' && tokn.x\n  |                            ^^^^\n  = help: did you mean `token`?".into()),
        );
    }
}
