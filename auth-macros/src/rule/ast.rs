//! The syntax tree of a rule, its names already resolved.

use std::ops::Range;

/// A part of a rule and where it is in the rule's source.
#[derive(Debug)]
pub(super) struct Node {
    /// What the part is.
    pub(super) expr: Expr,
    /// The bytes of the rule it was parsed from.
    pub(super) span: Range<usize>,
}

/// A rule, or a part of one.
#[derive(Debug)]
pub(super) enum Expr {
    /// A literal: `'admin'`, `5`, `-1.5`, `true`, `null`, `['a', 'b']`.
    Lit(Lit),
    /// `token`, `req.method`, `req.path` or `path.<name>`.
    Root(Root),
    /// `object.name`, `object?.name`, `object['name']` or `object[0]`; the span is the key's.
    Member(Box<Node>, Key, Range<usize>),
    /// `receiver.method(argument)`.
    Call(Method, Box<Node>, Box<Node>),
    /// `!operand`.
    Not(Box<Node>),
    /// `lhs && rhs`.
    And(Box<Node>, Box<Node>),
    /// `lhs || rhs`.
    Or(Box<Node>, Box<Node>),
    /// `lhs == rhs`, `lhs < rhs`, `lhs in rhs`, ...
    Compare(CmpOp, Box<Node>, Box<Node>),
}

/// A value written in the rule itself.
#[derive(Debug)]
pub(super) enum Lit {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// `5`, `-1`, `2.5`.
    Num(Number),
    /// `'admin'` or `"admin"`, unescaped.
    Str(String),
    /// `['a', 'b']`, each element with its span.
    Array(Vec<(Lit, Range<usize>)>),
}

/// A number literal, typed the way the runtime compares numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Number {
    /// An integer that fits in an `i64`.
    Int(i64),
    /// An integer above `i64::MAX`.
    UInt(u64),
    /// A number with a fractional part.
    Float(f64),
}

/// What a rule can start from.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Root {
    /// `token`: the claims of the session token.
    Token,
    /// `req.method`.
    ReqMethod,
    /// `req.path`.
    ReqPath,
    /// `path.<name>`: a parameter of the matched route.
    Param(String),
}

/// How a member is looked up.
#[derive(Debug)]
pub(super) enum Key {
    /// `.name`, `?.name` or `['name']`: a field of an object.
    Field(String),
    /// `[0]`: an element of an array.
    Index(usize),
}

/// A method a value can be called with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Method {
    /// `haystack.contains(needle)`, the same as `needle in haystack`.
    Contains,
    /// `string.starts_with(prefix)`.
    StartsWith,
    /// `string.ends_with(suffix)`.
    EndsWith,
}

impl Method {
    /// The method's name in rules, which is also the name of its runtime helper.
    pub(super) fn name(self) -> &'static str {
        match self {
            Method::Contains => "contains",
            Method::StartsWith => "starts_with",
            Method::EndsWith => "ends_with",
        }
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum CmpOp {
    /// `==` or `===`.
    Eq,
    /// `!=` or `!==`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `in`.
    In,
}
