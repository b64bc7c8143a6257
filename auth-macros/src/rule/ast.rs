//! The syntax tree of a rule, its names already resolved.

/// A rule, or a part of one.
#[derive(Debug)]
pub(super) enum Expr {
    /// A literal: `'admin'`, `5`, `-1.5`, `true`, `null`, `['a', 'b']`.
    Lit(Lit),
    /// `token`, `req.method` or `req.path`.
    Root(Root),
    /// `object.name`, `object?.name`, `object['name']` or `object[0]`.
    Member(Box<Expr>, Key),
    /// `receiver.method(argument)`.
    Call(Method, Box<Expr>, Box<Expr>),
    /// `!operand`.
    Not(Box<Expr>),
    /// `lhs && rhs`.
    And(Box<Expr>, Box<Expr>),
    /// `lhs || rhs`.
    Or(Box<Expr>, Box<Expr>),
    /// `lhs == rhs`, `lhs < rhs`, `lhs in rhs`, ...
    Compare(CmpOp, Box<Expr>, Box<Expr>),
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
    /// `['a', 'b']`.
    Array(Vec<Lit>),
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
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Root {
    /// `token`: the claims of the session token.
    Token,
    /// `req.method`.
    ReqMethod,
    /// `req.path`.
    ReqPath,
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
