//! Turns a rule's syntax tree into the Rust expression that evaluates it with the helpers of
//! `auth_runtime::__private::rule`.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::ast::{CmpOp, Expr, Key, Lit, Node, Number, Root};

/// What generated code refers to.
pub(super) struct Codegen<'a> {
    /// The path of the runtime's hidden module, such as `::auth_runtime::__private`.
    pub(super) rt: &'a TokenStream,
    /// A `&Token<C>` in scope.
    pub(super) token: &'a Ident,
    /// A `&RequestInfo<'_>` in scope.
    pub(super) req: &'a Ident,
}

impl Codegen<'_> {
    /// `expr` as a `bool` expression. It may be a bare `a && b`, so a caller that uses it as
    /// an operand must parenthesize it.
    pub(super) fn condition(&self, node: &Node) -> TokenStream {
        let rt = self.rt;
        match &node.expr {
            Expr::Not(operand) => {
                let operand = self.operand(operand);
                quote!(!#operand)
            }
            Expr::And(lhs, rhs) => {
                let (lhs, rhs) = (self.operand(lhs), self.operand(rhs));
                quote!(#lhs && #rhs)
            }
            Expr::Or(lhs, rhs) => {
                let (lhs, rhs) = (self.operand(lhs), self.operand(rhs));
                quote!(#lhs || #rhs)
            }
            Expr::Compare(op, lhs, rhs) => self.compare(*op, lhs, rhs),
            Expr::Call(method, receiver, argument) => {
                let helper = Ident::new(method.name(), Span::call_site());
                let (receiver, argument) = (self.value(receiver), self.value(argument));
                quote!(#rt::rule::#helper(#receiver, #argument))
            }
            Expr::Lit(_) | Expr::Root(_) | Expr::Member(..) => {
                let value = self.value(node);
                quote!(#value.truthy())
            }
        }
    }

    /// `expr` as an operand of `!`, `&&` or `||`: parenthesized where Rust's precedence
    /// would otherwise regroup it, and only there, so that rustc's `unused_parens` stays quiet.
    fn operand(&self, node: &Node) -> TokenStream {
        let condition = self.condition(node);
        match &node.expr {
            Expr::And(..) | Expr::Or(..) => quote!((#condition)),
            _ => condition,
        }
    }

    /// `expr` as a `Val`.
    fn value(&self, node: &Node) -> TokenStream {
        let rt = self.rt;
        match &node.expr {
            Expr::Lit(lit) => self.literal(lit),
            Expr::Root(root) => self.root(root),
            Expr::Member(object, Key::Field(name), _) => {
                let object = self.value(object);
                quote!(#object.field(#name))
            }
            Expr::Member(object, Key::Index(index), _) => {
                let object = self.value(object);
                let index = Literal::usize_suffixed(*index);
                quote!(#object.index(#index))
            }
            Expr::Not(_) | Expr::And(..) | Expr::Or(..) | Expr::Compare(..) | Expr::Call(..) => {
                let condition = self.condition(node);
                quote!(#rt::rule::Val::Bool(#condition))
            }
        }
    }

    fn compare(&self, op: CmpOp, lhs: &Node, rhs: &Node) -> TokenStream {
        let rt = self.rt;
        let (lhs, rhs) = (self.value(lhs), self.value(rhs));
        match op {
            CmpOp::Eq => quote!(#rt::rule::eq(#lhs, #rhs)),
            CmpOp::Ne => quote!(!#rt::rule::eq(#lhs, #rhs)),
            CmpOp::Lt => quote!(#rt::rule::lt(#lhs, #rhs)),
            CmpOp::Le => quote!(#rt::rule::le(#lhs, #rhs)),
            CmpOp::Gt => quote!(#rt::rule::gt(#lhs, #rhs)),
            CmpOp::Ge => quote!(#rt::rule::ge(#lhs, #rhs)),
            CmpOp::In => quote!(#rt::rule::contains(#rhs, #lhs)),
        }
    }

    fn root(&self, root: &Root) -> TokenStream {
        let Codegen { rt, token, req } = self;
        match root {
            Root::Token => quote!(#rt::rule::Val::of(#token.claims())),
            Root::ReqMethod => quote!(#rt::rule::Val::Str(#req.method())),
            Root::ReqPath => quote!(#rt::rule::Val::Str(#req.path())),
            Root::Param(name) => quote!(#rt::rule::param(#req, #name)),
        }
    }

    /// A constant `Val`: an array literal of them is promoted to a `static` by rustc, so
    /// literals cost nothing at run time.
    fn literal(&self, lit: &Lit) -> TokenStream {
        let rt = self.rt;
        match lit {
            Lit::Null => quote!(#rt::rule::Val::Null),
            Lit::Bool(b) => quote!(#rt::rule::Val::Bool(#b)),
            Lit::Str(s) => quote!(#rt::rule::Val::Str(#s)),
            Lit::Num(n) => {
                // Suffixed, so that the literal's type never depends on inference.
                let (variant, literal) = match *n {
                    Number::Int(i) => (quote!(Int), Literal::i64_suffixed(i)),
                    Number::UInt(u) => (quote!(UInt), Literal::u64_suffixed(u)),
                    Number::Float(f) => (quote!(Float), Literal::f64_suffixed(f)),
                };
                quote!(#rt::rule::Val::Num(#rt::rule::Num::#variant(#literal)))
            }
            Lit::Array(items) => {
                let items = items.iter().map(|(item, _)| self.literal(item));
                quote!(#rt::rule::Val::List(&[#(#items),*]))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::{Ident, Span, TokenStream};
    use quote::quote;

    use super::Codegen;
    use crate::rule::parser::parse;

    fn generate(source: &str) -> String {
        let rt = quote!(rt);
        let token = Ident::new("token", Span::call_site());
        let req = Ident::new("req", Span::call_site());
        let codegen = Codegen {
            rt: &rt,
            token: &token,
            req: &req,
        };
        codegen.condition(&parse(source).unwrap()).to_string()
    }

    fn assert_generates(source: &str, expected: TokenStream) {
        assert_eq!(generate(source), expected.to_string(), "{source}");
    }

    #[test]
    fn equality() {
        assert_generates(
            "token.role == 'admin'",
            quote!(rt::rule::eq(
                rt::rule::Val::of(token.claims()).field("role"),
                rt::rule::Val::Str("admin")
            )),
        );
        assert_generates(
            "req.method !== 'GET'",
            quote!(!rt::rule::eq(
                rt::rule::Val::Str(req.method()),
                rt::rule::Val::Str("GET")
            )),
        );
    }

    #[test]
    fn typed_numbers() {
        assert_generates(
            "token.org['tier'][0] >= -5",
            quote!(rt::rule::ge(
                rt::rule::Val::of(token.claims())
                    .field("org")
                    .field("tier")
                    .index(0usize),
                rt::rule::Val::Num(rt::rule::Num::Int(-5i64))
            )),
        );
        assert_generates(
            "token.a < 2.5 || token.b > 18446744073709551615",
            quote!(
                rt::rule::lt(
                    rt::rule::Val::of(token.claims()).field("a"),
                    rt::rule::Val::Num(rt::rule::Num::Float(2.5f64))
                ) || rt::rule::gt(
                    rt::rule::Val::of(token.claims()).field("b"),
                    rt::rule::Val::Num(rt::rule::Num::UInt(18446744073709551615u64))
                )
            ),
        );
    }

    #[test]
    fn membership() {
        assert_generates(
            "token.role in ['admin', null]",
            quote!(rt::rule::contains(
                rt::rule::Val::List(&[rt::rule::Val::Str("admin"), rt::rule::Val::Null]),
                rt::rule::Val::of(token.claims()).field("role")
            )),
        );
        assert_generates(
            "req.path.starts_with('/admin')",
            quote!(rt::rule::starts_with(
                rt::rule::Val::Str(req.path()),
                rt::rule::Val::Str("/admin")
            )),
        );
    }

    #[test]
    fn logic() {
        // Truthiness only where a value stands for a condition; parentheses only where Rust
        // would regroup.
        assert_generates(
            "!(token.a || token.b) && token.c",
            quote!(
                !(rt::rule::Val::of(token.claims()).field("a").truthy()
                    || rt::rule::Val::of(token.claims()).field("b").truthy())
                    && rt::rule::Val::of(token.claims()).field("c").truthy()
            ),
        );
        assert_generates(
            "!token.banned",
            quote!(!rt::rule::Val::of(token.claims()).field("banned").truthy()),
        );
    }

    #[test]
    fn conditions_as_values() {
        assert_generates(
            "(token.a == 1) == !token.b",
            quote!(rt::rule::eq(
                rt::rule::Val::Bool(rt::rule::eq(
                    rt::rule::Val::of(token.claims()).field("a"),
                    rt::rule::Val::Num(rt::rule::Num::Int(1i64))
                )),
                rt::rule::Val::Bool(!rt::rule::Val::of(token.claims()).field("b").truthy())
            )),
        );
    }
}
