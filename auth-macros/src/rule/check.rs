//! The names a rule may use, and what to suggest when it uses another.

use std::ops::Range;

use super::ast::{Expr, Method, Root};
use super::error::RuleError;

/// The names a value can start with.
const VALUES: &[&str] = &["token", "req", "true", "false", "null"];
/// The fields of `req`.
const REQ_FIELDS: &[&str] = &["method", "path"];
/// The methods, in the order the help lists them.
const METHODS: &[&str] = &["contains", "starts_with", "ends_with"];
/// Names people bring from JavaScript or NextAuth.js, and what rules call them. Each is only
/// suggested where its rule name is valid.
const ALIASES: &[(&str, &str)] = &[
    ("startsWith", "starts_with"),
    ("endsWith", "ends_with"),
    ("includes", "contains"),
    ("undefined", "null"),
    ("nil", "null"),
    ("session", "token"),
    ("user", "token"),
    ("claims", "token"),
    ("request", "req"),
];

/// The field `name` (at `span`) of `req`.
pub(super) fn req_field(name: &str, span: Range<usize>) -> Result<Root, RuleError> {
    match name {
        "method" => Ok(Root::ReqMethod),
        "path" => Ok(Root::ReqPath),
        _ => {
            let error = RuleError::new(format!("`req` has no field `{name}`"), span);
            Err(match suggest(name, REQ_FIELDS) {
                Some(field) => error.help(format!("did you mean `{field}`?")),
                None => error.help("`req` has only `method` and `path`"),
            })
        }
    }
}

/// The method `name` (at `span`).
pub(super) fn method(name: &str, span: Range<usize>) -> Result<Method, RuleError> {
    known_method(name).ok_or_else(|| {
        let error = RuleError::new(format!("unknown method `{name}`"), span);
        match suggest(name, METHODS) {
            Some(method) => error.help(format!("did you mean `{method}`?")),
            None => error.help("the methods are `contains`, `starts_with` and `ends_with`"),
        }
    })
}

/// The one argument of a call to `method`, whose parentheses are at `span`.
pub(super) fn one_argument(
    method: Method,
    args: Vec<Expr>,
    span: Range<usize>,
) -> Result<Expr, RuleError> {
    let count = args.len();
    let mut args = args.into_iter();
    match (args.next(), args.next()) {
        (Some(arg), None) => Ok(arg),
        _ => Err(RuleError::new(
            format!(
                "`{}` takes exactly one argument, found {count}",
                method.name()
            ),
            span,
        )
        .help(format!("for example `{}`", example(method)))),
    }
}

/// The error for a name (at `span`) that is not a root, a literal or an operator; `called`
/// says whether `(` follows it.
pub(super) fn unknown_name(name: &str, span: Range<usize>, called: bool) -> RuleError {
    if let Some(symbol) = word_operator(name) {
        return RuleError::new(format!("expected a value, found `{name}`"), span)
            .help(format!("write `{symbol}` instead of `{name}`"));
    }
    if called {
        let meant = known_method(name).or_else(|| suggest(name, METHODS).and_then(known_method));
        return match meant {
            Some(method) => RuleError::new(format!("`{name}` is a method, not a function"), span)
                .help(format!(
                    "call it on a value, for example `{}`",
                    example(method)
                )),
            None => RuleError::new(format!("unknown function `{name}`"), span).help(
                "rules have no functions; the methods `contains`, `starts_with` and \
                 `ends_with` are called on a value",
            ),
        };
    }
    let error = RuleError::new(format!("unknown name `{name}`"), span);
    match suggest(name, VALUES) {
        Some(value) => error.help(format!("did you mean `{value}`?")),
        None => error.help(
            "a rule reads `token` (the claims of the session token) and `req` (`req.method`, \
             `req.path`)",
        ),
    }
}

/// The operator spelled `name` in other languages: `and`, `or`, `not`.
pub(super) fn word_operator(name: &str) -> Option<&'static str> {
    ["and", "or", "not"]
        .iter()
        .zip(["&&", "||", "!"])
        .find_map(|(word, symbol)| name.eq_ignore_ascii_case(word).then_some(symbol))
}

/// A hint for a value missing next to the operator `op`.
pub(super) fn operand_hint(op: &str) -> Option<String> {
    Some(match op {
        "==" | "!=" | "===" | "!==" => {
            format!("compare with a value, for example `token.role {op} 'admin'`")
        }
        "<" | "<=" | ">" | ">=" => format!("compare with a value, for example `token.age {op} 18`"),
        "in" => "for example `token.role in ['admin', 'editor']`".to_owned(),
        "&&" | "||" => format!(
            "`{op}` needs a condition on each side, for example \
             `token.email_verified {op} token.role == 'admin'`"
        ),
        "!" => "`!` negates the value after it, for example `!token.banned`".to_owned(),
        _ => return None,
    })
}

/// The method called `name` in rules.
fn known_method(name: &str) -> Option<Method> {
    match name {
        "contains" => Some(Method::Contains),
        "starts_with" => Some(Method::StartsWith),
        "ends_with" => Some(Method::EndsWith),
        _ => None,
    }
}

/// A call of `method` to show in help.
fn example(method: Method) -> &'static str {
    match method {
        Method::Contains => "token.roles.contains('admin')",
        Method::StartsWith => "req.path.starts_with('/admin')",
        Method::EndsWith => "token.email.ends_with('@example.com')",
    }
}

/// The candidate `name` was most likely meant to be: an alias, or the closest by edit distance
/// if close enough, ignoring ASCII case.
fn suggest(name: &str, candidates: &[&'static str]) -> Option<&'static str> {
    if let Some(&(_, target)) = ALIASES
        .iter()
        .find(|(alias, target)| *alias == name && candidates.contains(target))
    {
        return Some(target);
    }
    let lower = name.to_ascii_lowercase();
    let len = lower.chars().count();
    // As rustc does: up to one edit per three chars, so `tokn` finds `token` but `x` finds
    // nothing; a prefix of three chars or more (`tok`) also counts.
    let limit = len.max(3) / 3;
    candidates
        .iter()
        .map(|&candidate| (distance(&lower, candidate), candidate))
        .filter(|&(d, candidate)| d <= limit || len >= 3 && candidate.starts_with(&lower))
        .min_by_key(|&(d, _)| d)
        .map(|(_, candidate)| candidate)
}

/// The optimal string alignment distance between `a` and `b`: insertions, deletions,
/// substitutions and swaps of adjacent chars, so that `toekn` is one edit from `token`.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j] is the distance between the first i chars of a and the first j of b.
    let mut rows: Vec<Vec<usize>> = (0..=a.len())
        .map(|i| (0..=b.len()).map(|j| if i == 0 { j } else { i }).collect())
        .collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut d = substitution.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("token", "token"), 0);
        assert_eq!(distance("tokn", "token"), 1);
        assert_eq!(distance("toekn", "token"), 1);
        assert_eq!(distance("", "req"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("tokn", VALUES), Some("token"));
        assert_eq!(suggest("Token", VALUES), Some("token"));
        assert_eq!(suggest("tok", VALUES), Some("token"));
        assert_eq!(suggest("request", VALUES), Some("req"));
        assert_eq!(suggest("undefined", VALUES), Some("null"));
        assert_eq!(suggest("Null", VALUES), Some("null"));
        assert_eq!(suggest("x", VALUES), None);
        assert_eq!(suggest("role", VALUES), None);
        assert_eq!(suggest("startsWith", METHODS), Some("starts_with"));
        assert_eq!(suggest("includes", METHODS), Some("contains"));
        assert_eq!(suggest("endswith", METHODS), Some("ends_with"));
        assert_eq!(suggest("contain", METHODS), Some("contains"));
        assert_eq!(suggest("has", METHODS), None);
        // An alias is only suggested where its target is valid.
        assert_eq!(suggest("includes", VALUES), None);
        assert_eq!(suggest("methd", REQ_FIELDS), Some("method"));
    }

    #[test]
    fn names() {
        assert_eq!(req_field("path", 0..4).ok(), Some(Root::ReqPath));
        assert_eq!(method("ends_with", 0..9).ok(), Some(Method::EndsWith));
        assert_eq!(word_operator("AND"), Some("&&"));
        assert_eq!(word_operator("nor"), None);
        assert_eq!(operand_hint("("), None);
    }

    #[test]
    fn messages() {
        assert_eq!(
            req_field("other", 4..9).unwrap_err().render("req.other"),
            "`req` has no field `other`\n  |\n  | req.other\n  |     ^^^^^\n  = help: `req` has only `method` and `path`",
        );
        assert_eq!(
            method("startsWith", 9..19)
                .unwrap_err()
                .render("req.path.startsWith('/')"),
            "unknown method `startsWith`\n  |\n  | req.path.startsWith('/')\n  |          ^^^^^^^^^^\n  = help: did you mean `starts_with`?",
        );
        assert_eq!(
            method("has", 12..15)
                .unwrap_err()
                .render("token.roles.has('a')"),
            "unknown method `has`\n  |\n  | token.roles.has('a')\n  |             ^^^\n  = help: the methods are `contains`, `starts_with` and `ends_with`",
        );
    }
}
