//! A small front end for the tests: it reads a rule as the macro does and calls the checker
//! in the same order, with the same diagrams, so that tests state a rule and its message.
//!
//! It reads the rules of the tests, not every rule: one `&&`/`||` level, one comparison, no
//! parentheses, and strings without escapes.

use super::super::{Affix, At, Checker, Op, Ty};
use crate::claims::shape::Shape;

/// The first mistake in `rule`, checked against claims of the shape `root`.
pub(super) fn check(root: &'static Shape, rule: &'static str) -> Option<String> {
    let mut checker = Checker::of_shape(root);
    let _ = Front { rule }.condition(&mut checker, rule);
    checker.error().map(str::to_owned)
}

/// The comparison operators, longest first so `===` is not read as `==`; `None` is `in`.
const OPERATORS: [(&str, Option<Op>); 9] = [
    (" === ", Some(Op::Eq)),
    (" !== ", Some(Op::Ne)),
    (" == ", Some(Op::Eq)),
    (" != ", Some(Op::Ne)),
    (" <= ", Some(Op::Le)),
    (" >= ", Some(Op::Ge)),
    (" < ", Some(Op::Lt)),
    (" > ", Some(Op::Gt)),
    (" in ", None),
];

/// A rule being read; every part of it is a subslice, which says where it is.
struct Front {
    rule: &'static str,
}

impl Front {
    /// Where `part` is, with the diagram the macro draws for it.
    fn at(&self, part: &'static str) -> At {
        let start = part.as_ptr() as usize - self.rule.as_ptr() as usize;
        let column = self.rule[..start].chars().count();
        let width = part.chars().count().max(1);
        let diagram = format!(
            "  |\n  | {}\n  | {}{}",
            self.rule,
            " ".repeat(column),
            "^".repeat(width)
        );
        At {
            text: part,
            diagram: Box::leak(diagram.into_boxed_str()),
        }
    }

    /// `a || b`, `a && b`, `!a`, or a comparison.
    fn condition(&self, checker: &mut Checker, text: &'static str) -> Ty<'static> {
        let text = text.trim();
        for symbol in [" || ", " && "] {
            if let Some(i) = text.rfind(symbol) {
                let _ = self.condition(checker, &text[..i]);
                let _ = self.condition(checker, &text[i + symbol.len()..]);
                return checker.logic(self.at(text));
            }
        }
        if let Some(operand) = text.strip_prefix('!') {
            let _ = self.condition(checker, operand);
            return checker.logic(self.at(text));
        }
        self.comparison(checker, text)
    }

    /// `a <op> b`, `a in b`, or a value.
    fn comparison(&self, checker: &mut Checker, text: &'static str) -> Ty<'static> {
        for (symbol, op) in OPERATORS {
            if let Some(i) = text.find(symbol) {
                let lhs = self.value(checker, &text[..i]);
                let rhs = self.value(checker, &text[i + symbol.len()..]);
                let at = self.at(text);
                return match op {
                    Some(op) => checker.compare(op, lhs, rhs, at),
                    None => checker.contains(rhs, lhs, at),
                };
            }
        }
        self.value(checker, text)
    }

    /// A primary, then its members, indices and method calls.
    fn value(&self, checker: &mut Checker, text: &'static str) -> Ty<'static> {
        let text = text.trim();
        let (mut ty, mut end) = self.primary(checker, text);
        while end < text.len() {
            let rest = &text[end..];
            (ty, end) = if let Some(after) = rest.strip_prefix("?.").or(rest.strip_prefix('.')) {
                let start = end + rest.len() - after.len();
                let len = after
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .unwrap_or(after.len());
                let name = &text[start..start + len];
                if text[start + len..].starts_with('(') {
                    self.call(checker, ty, name, text, start + len)
                } else {
                    let at = self.at(&text[..start + len]);
                    (checker.field(ty, name, self.at(name), at), start + len)
                }
            } else if let Some(after) = rest.strip_prefix("['") {
                let start = end + 2;
                let stop = start + after.find("']").expect("a closing `']`");
                let at = self.at(&text[..stop + 2]);
                let name = &text[start..stop];
                (checker.field(ty, name, self.at(name), at), stop + 2)
            } else {
                assert!(rest.starts_with('['), "unexpected `{rest}`");
                let stop = end + rest.find(']').expect("a closing `]`") + 1;
                (checker.index(ty, self.at(&text[..stop])), stop)
            };
        }
        ty
    }

    /// `receiver.name(argument)`, whose `(` is at `open` in `text`; the type and the end of the
    /// call.
    fn call(
        &self,
        checker: &mut Checker,
        receiver: Ty<'static>,
        name: &str,
        text: &'static str,
        open: usize,
    ) -> (Ty<'static>, usize) {
        let close = open + text[open..].find(')').expect("a closing `)`");
        let argument = self.value(checker, &text[open + 1..close]);
        let at = self.at(&text[..=close]);
        let ty = match name {
            "contains" => checker.contains(receiver, argument, at),
            "starts_with" => checker.affix(Affix::StartsWith, receiver, argument, at),
            "ends_with" => checker.affix(Affix::EndsWith, receiver, argument, at),
            _ => panic!("unknown method `{name}`"),
        };
        (ty, close + 1)
    }

    /// A root or a literal at the start of `text`: its type and its length.
    fn primary(&self, checker: &mut Checker, text: &'static str) -> (Ty<'static>, usize) {
        let word = text
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
            .unwrap_or(text.len());
        let root = text[..word].find('.').unwrap_or(word);
        // `req` and `path` take one name: `req.path`, `path.user_id`.
        let named = text[root..word]
            .match_indices('.')
            .nth(1)
            .map_or(word, |(i, _)| root + i);
        match &text[..root] {
            "token" => (checker.token(self.at(&text[..root])), root),
            "req" => (checker.req(self.at(&text[..named])), named),
            "path" => (checker.param(self.at(&text[..named])), named),
            "null" => (checker.null(self.at(&text[..root])), root),
            "true" | "false" => (checker.boolean(self.at(&text[..root])), root),
            _ if text.starts_with('\'') => {
                let len = text[1..].find('\'').expect("a closing quote") + 2;
                let value = &text[1..len - 1];
                (checker.string(value, self.at(&text[..len])), len)
            }
            _ if text.starts_with('[') => self.array(checker, text),
            _ => {
                assert!(text[..word].parse::<f64>().is_ok(), "unexpected `{text}`");
                (checker.number(self.at(&text[..word])), word)
            }
        }
    }

    /// An array literal at the start of `text`: its type and its length.
    fn array(&self, checker: &mut Checker, text: &'static str) -> (Ty<'static>, usize) {
        let close = text.find(']').expect("a closing `]`");
        let mut items = Vec::new();
        let mut start = 1;
        while start < close {
            let end = text[start..close].find(',').map_or(close, |i| start + i);
            let item = text[start..end].trim();
            items.push(self.primary(checker, item).0);
            start = end + 1;
        }
        let items: &'static [Ty<'static>] = Box::leak(items.into_boxed_slice());
        (checker.array(items, self.at(&text[..=close])), close + 1)
    }
}
