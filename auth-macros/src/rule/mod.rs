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
//!            | "path" ( ( "." | "?." ) name | "[" string "]" )
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
//!
//! # Typed claims
//!
//! Against a claims type (`claims = AppClaims`), the names and types a rule uses are checked
//! too, but not here: the macro cannot see the type's fields. [`Rule::typecheck`] writes
//! statements that rustc's const evaluation runs against the type's `Shape`, with each part's
//! text and caret diagram, so those mistakes read like the ones above.

mod ast;
mod check;
mod codegen;
mod error;
mod lexer;
mod parser;
mod typecheck;

use proc_macro2::{Ident, TokenStream};

use ast::{Expr, Key, Node, Root};
pub(crate) use error::RuleError;

/// A rule that parsed: what the macros generate from it.
pub(crate) struct Rule<'a> {
    source: &'a str,
    tree: Node,
}

impl<'a> Rule<'a> {
    /// Parses the rule `source`, resolving its names; the first mistake is the error.
    pub(crate) fn parse(source: &'a str) -> Result<Self, RuleError> {
        let tree = parser::parse(source)?;
        Ok(Rule { source, tree })
    }

    /// The rule as a Rust expression of type `bool`.
    ///
    /// The expression calls the helpers at `#rt::rule` (`rt` is the path of the runtime's
    /// hidden module, such as `::auth_runtime::__private`) and reads the idents `token`, bound
    /// to a `&auth_runtime::Token<C>`, and `req`, bound to a `&auth_runtime::RequestInfo<'_>`,
    /// where it is placed. It may be a bare `a && b`: bind it with `let` or parenthesize it
    /// before using it as an operand.
    pub(crate) fn condition(&self, rt: &TokenStream, token: &Ident, req: &Ident) -> TokenStream {
        codegen::Codegen { rt, token, req }.condition(&self.tree)
    }

    /// Statements that check the rule against a claims type with the `const fn`s of
    /// `#rt::typecheck`, through `checker`, a `Checker` in scope; the first mistake is left in
    /// it.
    pub(crate) fn typecheck(&self, rt: &TokenStream, checker: Ident) -> Vec<TokenStream> {
        typecheck::Typecheck::statements(&self.tree, self.source, rt, checker)
    }

    /// Whether the rule reads the route's parameters (`path.<name>`).
    pub(crate) fn reads_path(&self) -> bool {
        reads_path(&self.tree)
    }

    /// The top-level claims the rule reads (`token.role`, `token['https://x/roles']`), in the
    /// order it first reads them; `None` when it reads the token itself (`token`,
    /// `'role' in token`, `token[0]`), which needs them all.
    pub(crate) fn claims_read(&self) -> Option<Vec<String>> {
        let mut names = Vec::new();
        claims_read(&self.tree, &mut names).then_some(names)
    }
}

/// Adds the claims `node` reads to `names`; `false` when it reads the whole token.
fn claims_read(node: &Node, names: &mut Vec<String>) -> bool {
    match &node.expr {
        Expr::Member(object, key, _) if matches!(object.expr, Expr::Root(Root::Token)) => match key
        {
            Key::Field(name) => {
                if !names.contains(name) {
                    names.push(name.clone());
                }
                true
            }
            Key::Index(_) => false,
        },
        Expr::Root(root) => *root != Root::Token,
        Expr::Lit(_) => true,
        Expr::Member(object, ..) | Expr::Not(object) => claims_read(object, names),
        Expr::Call(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) | Expr::Compare(_, a, b) => {
            claims_read(a, names) & claims_read(b, names)
        }
    }
}

fn reads_path(node: &Node) -> bool {
    match &node.expr {
        Expr::Root(root) => matches!(root, Root::Param(_)),
        Expr::Lit(_) => false,
        Expr::Member(object, ..) | Expr::Not(object) => reads_path(object),
        Expr::Call(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) | Expr::Compare(_, a, b) => {
            reads_path(a) || reads_path(b)
        }
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::{Ident, Span};
    use quote::quote;

    use super::Rule;

    fn compile_str(source: &str) -> Result<String, String> {
        let ident = |name| Ident::new(name, Span::call_site());
        let rule = Rule::parse(source).map_err(|error| error.render(source))?;
        let rt = quote!(::auth_runtime::__private);
        Ok(rule
            .condition(&rt, &ident("__token"), &ident("__req"))
            .to_string())
    }

    #[test]
    fn compiles_against_the_given_paths() {
        let expected = quote!(::auth_runtime::__private::rule::eq(
            ::auth_runtime::__private::rule::Val::of(__token.claims()).field("role"),
            ::auth_runtime::__private::rule::Val::Str("admin")
        ));
        assert_eq!(
            compile_str("token.role == 'admin'"),
            Ok(expected.to_string())
        );
        let expected = quote!(::auth_runtime::__private::rule::Val::Str(__req.path()).truthy());
        assert_eq!(compile_str("req.path"), Ok(expected.to_string()));
        let expected = quote!(::auth_runtime::__private::rule::param(__req, "id").truthy());
        assert_eq!(compile_str("path.id"), Ok(expected.to_string()));
    }

    #[test]
    fn knows_whether_it_reads_the_route() {
        let reads = |source| Rule::parse(source).map(|rule| rule.reads_path()).ok();
        assert_eq!(
            reads("token.role == 'admin' || req.path == '/'"),
            Some(false)
        );
        assert_eq!(reads("token.sub == path.user_id"), Some(true));
        assert_eq!(reads("!(token.a && path['x'].contains('y'))"), Some(true));
    }

    #[test]
    fn the_claims_a_rule_reads() {
        let read = |source: &str| match Rule::parse(source) {
            Ok(rule) => rule.claims_read(),
            Err(error) => panic!("{}", error.render(source)),
        };
        assert_eq!(read("token.role == 'admin'"), Some(vec!["role".to_owned()]));
        assert_eq!(
            read("token?.org?.team.name == 'core' || 'a' in token['https://x/roles'] && token.org"),
            Some(vec!["org".to_owned(), "https://x/roles".to_owned()])
        );
        assert_eq!(read("req.method == 'GET' && path.id == '7'"), Some(vec![]));
        for whole in [
            "token",
            "'role' in token",
            "token[0] == 1",
            "token.contains('role')",
        ] {
            assert_eq!(read(whole), None, "{whole}");
        }
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
