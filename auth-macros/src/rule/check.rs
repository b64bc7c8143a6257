//! The names a rule may use, and what to suggest when it uses another.

use std::ops::Range;

use super::ast::{Method, Node, Root};
use super::error::RuleError;
use crate::suggest::closest;

/// The names a value can start with.
const VALUES: &[&str] = &["token", "req", "path", "true", "false", "null"];
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
    ("params", "path"),
    ("param", "path"),
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
    args: Vec<Node>,
    span: Range<usize>,
) -> Result<Node, RuleError> {
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
            "a rule reads `token` (the claims of the session token), `req` (`req.method`, \
             `req.path`) and `path` (the route's parameters, `path.<name>`)",
        ),
    }
}

/// The error for `path` (at `span`) without a parameter name after it.
pub(super) fn bare_path(span: Range<usize>) -> RuleError {
    RuleError::new("`path` is not a value by itself", span).help(
        "name a parameter of the route, as in `path.user_id` for `/users/{user_id}`; the \
         request's path is `req.path`",
    )
}

/// The error for `path[0]` (the index at `span`): parameters are read by name.
pub(super) fn param_by_index(span: Range<usize>) -> RuleError {
    RuleError::new("path parameters are read by name, not by position", span)
        .help("write `path.user_id` or `path['user_id']`")
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

/// The candidate `name` was most likely meant to be: an alias, or the closest by edit
/// distance.
fn suggest(name: &str, candidates: &[&'static str]) -> Option<&'static str> {
    ALIASES
        .iter()
        .find(|(alias, target)| *alias == name && candidates.contains(target))
        .map(|&(_, target)| target)
        .or_else(|| closest(name, candidates))
}

#[cfg(test)]
mod tests {
    use super::*;

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
