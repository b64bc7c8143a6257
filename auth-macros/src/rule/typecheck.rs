//! Turns a rule's syntax tree into the statements that check it against a claims type.
//!
//! A proc macro cannot see the fields of the claims type, so the check runs later, in rustc's
//! const evaluation: the statements walk the rule with the `const fn`s of
//! `auth_runtime::__private::typecheck`, in the order the rule evaluates, against the type's
//! constant `Shape`. Each part of the rule comes with its text and its caret diagram, so the
//! message of a mistake points into the rule as a syntax error does.

use std::ops::Range;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::ast::{CmpOp, Expr, Key, Lit, Method, Node, Root};
use super::error::diagram;

/// Writes the checking statements for one rule.
pub(super) struct Typecheck<'a> {
    /// The rule's source, which spans index.
    source: &'a str,
    /// The path of the runtime's hidden module.
    rt: &'a TokenStream,
    /// The checker in scope.
    checker: Ident,
    statements: Vec<TokenStream>,
}

impl<'a> Typecheck<'a> {
    /// The statements that check `rule`; they leave the first mistake in `checker`.
    pub(super) fn statements(
        rule: &Node,
        source: &'a str,
        rt: &'a TokenStream,
        checker: Ident,
    ) -> Vec<TokenStream> {
        let mut typecheck = Typecheck {
            source,
            rt,
            checker,
            statements: Vec::new(),
        };
        typecheck.node(rule);
        typecheck.statements
    }

    /// Checks `node`; returns the variable holding its type.
    fn node(&mut self, node: &Node) -> Ident {
        let (rt, c) = (self.rt, self.checker.clone());
        let at = self.at(&node.span);
        let call = match &node.expr {
            Expr::Lit(lit) => return self.literal(lit, &node.span),
            Expr::Root(Root::Token) => quote!(#c.token(#at)),
            Expr::Root(Root::ReqMethod | Root::ReqPath) => quote!(#c.req(#at)),
            Expr::Root(Root::Param(_)) => quote!(#c.param(#at)),
            Expr::Member(object, Key::Field(name), key) => {
                let object = self.node(object);
                let name_at = self.at(key);
                quote!(#c.field(#object, #name, #name_at, #at))
            }
            Expr::Member(object, Key::Index(_), _) => {
                let object = self.node(object);
                quote!(#c.index(#object, #at))
            }
            Expr::Call(method, receiver, argument) => {
                let (receiver, argument) = (self.node(receiver), self.node(argument));
                match method {
                    Method::Contains => quote!(#c.contains(#receiver, #argument, #at)),
                    Method::StartsWith => {
                        quote!(#c.affix(#rt::typecheck::Affix::StartsWith, #receiver, #argument, #at))
                    }
                    Method::EndsWith => {
                        quote!(#c.affix(#rt::typecheck::Affix::EndsWith, #receiver, #argument, #at))
                    }
                }
            }
            Expr::Not(operand) => {
                self.node(operand);
                quote!(#c.logic(#at))
            }
            Expr::And(lhs, rhs) | Expr::Or(lhs, rhs) => {
                self.node(lhs);
                self.node(rhs);
                quote!(#c.logic(#at))
            }
            Expr::Compare(op, lhs, rhs) => {
                let (lhs, rhs) = (self.node(lhs), self.node(rhs));
                match compare_op(*op) {
                    Some(op) => quote!(#c.compare(#rt::typecheck::Op::#op, #lhs, #rhs, #at)),
                    // `lhs in rhs`: the needle, then the haystack.
                    None => quote!(#c.contains(#rhs, #lhs, #at)),
                }
            }
        };
        self.bind(call)
    }

    /// Checks a literal at `span`; an array's items are bound first, since the array's type
    /// borrows them.
    fn literal(&mut self, lit: &Lit, span: &Range<usize>) -> Ident {
        let c = self.checker.clone();
        let at = self.at(span);
        let call = match lit {
            Lit::Null => quote!(#c.null(#at)),
            Lit::Bool(_) => quote!(#c.boolean(#at)),
            Lit::Num(_) => quote!(#c.number(#at)),
            Lit::Str(value) => quote!(#c.string(#value, #at)),
            Lit::Array(items) => {
                let items: Vec<Ident> = items
                    .iter()
                    .map(|(item, span)| self.literal(item, span))
                    .collect();
                let array = self.bind(quote!([#(#items),*]));
                quote!(#c.array(&#array, #at))
            }
        };
        self.bind(call)
    }

    /// `let __auth_tN = value;`, and `__auth_tN`.
    fn bind(&mut self, value: TokenStream) -> Ident {
        let name = format_ident!("__auth_t{}", self.statements.len());
        self.statements.push(quote!(let #name = #value;));
        name
    }

    /// The `At` of the text at `span`: the text itself and its caret diagram.
    fn at(&self, span: &Range<usize>) -> TokenStream {
        let rt = self.rt;
        let text = &self.source[span.clone()];
        let diagram = diagram(self.source, span);
        quote!(#rt::typecheck::At { text: #text, diagram: #diagram })
    }
}

/// The checker's name for a comparison; `None` for `in`, which is checked as `contains`.
fn compare_op(op: CmpOp) -> Option<Ident> {
    let name = match op {
        CmpOp::Eq => "Eq",
        CmpOp::Ne => "Ne",
        CmpOp::Lt => "Lt",
        CmpOp::Le => "Le",
        CmpOp::Gt => "Gt",
        CmpOp::Ge => "Ge",
        CmpOp::In => return None,
    };
    Some(Ident::new(name, Span::call_site()))
}

#[cfg(test)]
mod tests {
    use proc_macro2::{Ident, Span};
    use quote::quote;

    use super::Typecheck;
    use crate::rule::parser::parse;

    fn statements(source: &str) -> Vec<String> {
        let rt = quote!(rt);
        let checker = Ident::new("c", Span::call_site());
        let rule = parse(source).unwrap();
        Typecheck::statements(&rule, source, &rt, checker)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// Each statement up to its arguments: `let __auth_t0 = c . token`.
    fn calls(statements: &[String]) -> Vec<&str> {
        statements
            .iter()
            .map(|s| s.split(" (").next().unwrap_or_default())
            .collect()
    }

    #[test]
    fn walks_the_rule_in_evaluation_order() {
        let at = |text: &str, diagram: &str| {
            quote!(rt::typecheck::At { text: #text, diagram: #diagram }).to_string()
        };
        let rule = "token.role == 'admin'";
        assert_eq!(
            statements(rule),
            [
                format!(
                    "let __auth_t0 = c . token ({}) ;",
                    at("token", "  |\n  | token.role == 'admin'\n  | ^^^^^")
                ),
                format!(
                    "let __auth_t1 = c . field (__auth_t0 , \"role\" , {} , {}) ;",
                    at("role", "  |\n  | token.role == 'admin'\n  |       ^^^^"),
                    at(
                        "token.role",
                        "  |\n  | token.role == 'admin'\n  | ^^^^^^^^^^"
                    ),
                ),
                format!(
                    "let __auth_t2 = c . string (\"admin\" , {}) ;",
                    at(
                        "'admin'",
                        "  |\n  | token.role == 'admin'\n  |               ^^^^^^^"
                    )
                ),
                format!(
                    "let __auth_t3 = c . compare (rt :: typecheck :: Op :: Eq , __auth_t1 , __auth_t2 , {}) ;",
                    at(
                        rule,
                        "  |\n  | token.role == 'admin'\n  | ^^^^^^^^^^^^^^^^^^^^^"
                    )
                ),
            ]
        );
    }

    #[test]
    fn arrays_bind_their_items_first() {
        let statements = statements("token.role in ['a', 1]");
        let calls = calls(&statements);
        assert_eq!(
            calls,
            [
                "let __auth_t0 = c . token",
                "let __auth_t1 = c . field",
                "let __auth_t2 = c . string",
                "let __auth_t3 = c . number",
                "let __auth_t4 = [__auth_t2 , __auth_t3] ;",
                "let __auth_t5 = c . array",
                "let __auth_t6 = c . contains",
            ]
        );
        assert!(statements[6].starts_with("let __auth_t6 = c . contains (__auth_t5 , __auth_t1 ,"));
    }

    #[test]
    fn logic_checks_both_sides() {
        let statements = statements("!token.a || path.id.starts_with(req.path)");
        let calls = calls(&statements);
        assert_eq!(
            calls,
            [
                "let __auth_t0 = c . token",
                "let __auth_t1 = c . field",
                "let __auth_t2 = c . logic",
                "let __auth_t3 = c . param",
                "let __auth_t4 = c . req",
                "let __auth_t5 = c . affix",
                "let __auth_t6 = c . logic",
            ]
        );
    }
}
