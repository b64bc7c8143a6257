//! Builds a rule's syntax tree by precedence climbing, resolving names as it goes so that the
//! first error in the rule is the one reported.

use std::ops::Range;

use super::ast::{CmpOp, Expr, Key, Lit, Node, Number, Root};
use super::check;
use super::error::RuleError;
use super::lexer::{Kind, Lexer, Token};

/// How deeply `!`, parentheses and method arguments may nest. Far beyond any real rule, and
/// far below what would overflow the compiler's stack.
const MAX_DEPTH: usize = 100;

/// The syntax tree of `source`.
pub(super) fn parse(source: &str) -> Result<Node, RuleError> {
    if source.trim().is_empty() {
        return Err(RuleError::new("the rule is empty", 0..source.len())
            .help("write a condition, for example `token.role == 'admin'`"));
    }
    let mut parser = Parser {
        source,
        lexer: Lexer::new(source),
        peeked: None,
        last: None,
        depth: 0,
    };
    let expr = parser.expression()?;
    match parser.bump()? {
        None => Ok(expr),
        Some(token) if token.kind == Kind::CloseParen => {
            Err(RuleError::new("unmatched `)`", token.span)
                .help("remove it, or add the `(` it closes"))
        }
        Some(token) => Err(parser.unexpected(&token, "an operator or the end of the rule")),
    }
}

/// A binary operator, before its right operand is parsed.
#[derive(Clone, Copy)]
enum Infix {
    Or,
    And,
    Cmp(CmpOp),
}

impl Infix {
    /// How tightly the operator binds: `||`, then `&&`, then comparisons.
    fn precedence(self) -> u8 {
        match self {
            Infix::Or => 1,
            Infix::And => 2,
            Infix::Cmp(_) => 3,
        }
    }

    fn apply(self, lhs: Node, rhs: Node) -> Node {
        let span = lhs.span.start..rhs.span.end;
        let (lhs, rhs) = (Box::new(lhs), Box::new(rhs));
        let expr = match self {
            Infix::Or => Expr::Or(lhs, rhs),
            Infix::And => Expr::And(lhs, rhs),
            Infix::Cmp(op) => Expr::Compare(op, lhs, rhs),
        };
        Node { expr, span }
    }
}

/// A rule being parsed, with one token of lookahead.
struct Parser<'a> {
    source: &'a str,
    lexer: Lexer<'a>,
    peeked: Option<Token<'a>>,
    /// The last token consumed, which a missing value was expected after.
    last: Option<Range<usize>>,
    /// How many `unary` calls are under way.
    depth: usize,
}

impl<'a> Parser<'a> {
    /// `or`, the loosest expression: a whole rule, a group or an argument.
    fn expression(&mut self) -> Result<Node, RuleError> {
        self.binary(Infix::Or.precedence())
    }

    /// Operands joined by operators that bind at least as tightly as `min`.
    fn binary(&mut self, min: u8) -> Result<Node, RuleError> {
        let mut lhs = self.unary()?;
        // Comparisons do not associate: `a == b == c` means nothing useful.
        let mut compared = false;
        while let Some((op, span)) = self.infix(min)? {
            if compared && matches!(op, Infix::Cmp(_)) {
                return Err(
                    RuleError::new("comparisons cannot be chained; use `&&`", span).help(
                        "for example `token.age >= 18 && token.age < 65`, or put one \
                         comparison in parentheses",
                    ),
                );
            }
            self.bump()?;
            let rhs = self.binary(op.precedence() + 1)?;
            compared = matches!(op, Infix::Cmp(_));
            lhs = op.apply(lhs, rhs);
        }
        Ok(lhs)
    }

    /// The next token if it is a binary operator binding at least as tightly as `min`.
    fn infix(&mut self, min: u8) -> Result<Option<(Infix, Range<usize>)>, RuleError> {
        let Some(token) = self.peek()? else {
            return Ok(None);
        };
        let op = match token.kind {
            Kind::OrOr => Infix::Or,
            Kind::AndAnd => Infix::And,
            Kind::Cmp(op) => Infix::Cmp(op),
            Kind::Ident("in") => Infix::Cmp(CmpOp::In),
            _ => return Ok(None),
        };
        Ok((op.precedence() >= min).then(|| (op, token.span.clone())))
    }

    /// `!unary` or a postfix expression.
    fn unary(&mut self) -> Result<Node, RuleError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let span = self.last.clone().unwrap_or(0..0);
            return Err(RuleError::new("the rule nests too deeply", span));
        }
        let node = match self.eat(&Kind::Bang)? {
            Some(bang) => self.unary().map(|operand| Node {
                span: bang.start..operand.span.end,
                expr: Expr::Not(Box::new(operand)),
            }),
            None => self.primary().and_then(|primary| self.postfix(primary)),
        };
        self.depth -= 1;
        node
    }

    /// `expr` followed by any number of `.name`, `?.name`, `[index]`, `?.[index]` and
    /// `.method(argument)`.
    fn postfix(&mut self, mut node: Node) -> Result<Node, RuleError> {
        loop {
            let start = node.span.start;
            let expr = if self.eat(&Kind::Dot)?.is_some() {
                self.member(node)?
            } else if self.eat(&Kind::QuestionDot)?.is_some() {
                match self.eat(&Kind::OpenBracket)? {
                    Some(open) => self.index(node, open)?,
                    None => self.member(node)?,
                }
            } else if let Some(open) = self.eat(&Kind::OpenBracket)? {
                self.index(node, open)?
            } else {
                return Ok(node);
            };
            let end = self.last.as_ref().map_or(start, |last| last.end);
            node = Node {
                expr,
                span: start..end,
            };
        }
    }

    /// After a dot: `name` or `method(argument)` on `object`.
    fn member(&mut self, object: Node) -> Result<Expr, RuleError> {
        let (name, span) = self.name_after_dot()?;
        let Some(open) = self.eat(&Kind::OpenParen)? else {
            let key = Key::Field(name.to_owned());
            return Ok(Expr::Member(Box::new(object), key, span));
        };
        let method = check::method(name, span)?;
        let (args, close) = self.list(open.clone(), &Kind::CloseParen, Self::expression)?;
        let argument = check::one_argument(method, args, open.start..close.end)?;
        Ok(Expr::Call(method, Box::new(object), Box::new(argument)))
    }

    /// The name after `.` or `?.`.
    fn name_after_dot(&mut self) -> Result<(&'a str, Range<usize>), RuleError> {
        let dot = self.last_text();
        match self.bump()? {
            Some(Token {
                kind: Kind::Ident(name),
                span,
            }) => Ok((name, span)),
            found => {
                let message = format!("expected a name after `{dot}`");
                let error = match found {
                    Some(token) => RuleError::new(
                        format!("{message}, found `{}`", &self.source[token.span.clone()]),
                        token.span,
                    ),
                    None => RuleError::new(message, self.end()),
                };
                Err(error
                    .help("write `['key']` for a key that is not a name, `[0]` for an element"))
            }
        }
    }

    /// After `[` (at `open`): the index and `]`.
    fn index(&mut self, object: Node, open: Range<usize>) -> Result<Expr, RuleError> {
        let (key, span) = self.key(open)?;
        Ok(Expr::Member(Box::new(object), key, span))
    }

    /// After `[` (at `open`): a string or integer key, `]`, and the key's span.
    fn key(&mut self, open: Range<usize>) -> Result<(Key, Range<usize>), RuleError> {
        let (key, span) = match self.bump()? {
            Some(Token {
                kind: Kind::Str(key),
                span,
            }) => (Key::Field(key), span),
            Some(Token {
                kind: Kind::Num(n),
                span,
            }) => match array_index(n) {
                Some(index) => (Key::Index(index), span),
                None => return Err(bad_index(span)),
            },
            Some(token) => return Err(bad_index(token.span)),
            None => return Err(self.unclosed(open)),
        };
        self.close(open, &Kind::CloseBracket, "`]`")?;
        Ok((key, span))
    }

    /// A literal, a root, an array literal or a group.
    fn primary(&mut self) -> Result<Node, RuleError> {
        let after = self.last.clone();
        let Some(Token { kind, span }) = self.bump()? else {
            return Err(self.missing_value(after, None));
        };
        let start = span.start;
        let expr = match kind {
            Kind::OpenParen => self.group(span)?,
            Kind::OpenBracket => self.array(span)?,
            Kind::Ident("token") => Expr::Root(Root::Token),
            Kind::Ident("req") => self.req(span)?,
            Kind::Ident("path") => self.path(span)?,
            Kind::Ident(name) if !matches!(name, "true" | "false" | "null" | "in") => {
                let called = self.peek()?.is_some_and(|t| t.kind == Kind::OpenParen);
                return Err(check::unknown_name(name, span, called));
            }
            kind => match literal(kind) {
                Some(lit) => Expr::Lit(lit),
                None => return Err(self.missing_value(after, Some(span))),
            },
        };
        let end = self.last.as_ref().map_or(start, |last| last.end);
        Ok(Node {
            expr,
            span: start..end,
        })
    }

    /// After `(` (at `open`): an expression and `)`.
    fn group(&mut self, open: Range<usize>) -> Result<Expr, RuleError> {
        let node = self.expression()?;
        self.close(open, &Kind::CloseParen, "an operator or `)`")?;
        Ok(node.expr)
    }

    /// After `[` (at `open`): literals separated by commas, and `]`.
    fn array(&mut self, open: Range<usize>) -> Result<Expr, RuleError> {
        let (items, _) = self.list(open, &Kind::CloseBracket, Self::array_item)?;
        Ok(Expr::Lit(Lit::Array(items)))
    }

    /// One element of an array literal, and its span.
    fn array_item(&mut self) -> Result<(Lit, Range<usize>), RuleError> {
        let token = self.bump()?;
        let span = token.as_ref().map_or(self.end(), |t| t.span.clone());
        let lit = token.and_then(|t| literal(t.kind));
        lit.map(|lit| (lit, span.clone())).ok_or_else(|| {
            let found = &self.source[span.clone()];
            RuleError::new(format!("expected a literal, found `{found}`"), span).help(
                "an array in a rule holds literals: strings, numbers, `true`, `false`, `null`",
            )
        })
    }

    /// After `req` (at `span`): `.method` or `.path`.
    fn req(&mut self, span: Range<usize>) -> Result<Expr, RuleError> {
        if self.eat(&Kind::Dot)?.is_none() && self.eat(&Kind::QuestionDot)?.is_none() {
            return Err(RuleError::new("`req` is not a value by itself", span)
                .help("use `req.method` or `req.path`"));
        }
        let (name, span) = self.name_after_dot()?;
        check::req_field(name, span).map(Expr::Root)
    }

    /// After `path` (at `span`): `.name`, `?.name` or `['name']`, a parameter of the route.
    fn path(&mut self, span: Range<usize>) -> Result<Expr, RuleError> {
        let name = if self.eat(&Kind::Dot)?.is_some() || self.eat(&Kind::QuestionDot)?.is_some() {
            self.name_after_dot()?.0.to_owned()
        } else if let Some(open) = self.eat(&Kind::OpenBracket)? {
            match self.key(open)? {
                (Key::Field(name), _) => name,
                (Key::Index(_), span) => return Err(check::param_by_index(span)),
            }
        } else {
            return Err(check::bare_path(span));
        };
        Ok(Expr::Root(Root::Param(name)))
    }

    /// After an opening `(` or `[` (at `open`): items separated by commas, an optional
    /// trailing comma, and `close`. Returns the items and the span of `close`.
    fn list<T>(
        &mut self,
        open: Range<usize>,
        close: &Kind<'_>,
        mut item: impl FnMut(&mut Self) -> Result<T, RuleError>,
    ) -> Result<(Vec<T>, Range<usize>), RuleError> {
        let expected = if *close == Kind::CloseParen {
            "`,` or `)`"
        } else {
            "`,` or `]`"
        };
        let mut items = Vec::new();
        loop {
            if let Some(end) = self.eat(close)? {
                return Ok((items, end));
            }
            if self.peek()?.is_none() {
                return Err(self.unclosed(open));
            }
            items.push(item(self)?);
            if self.eat(&Kind::Comma)?.is_none() {
                let end = self.close(open, close, expected)?;
                return Ok((items, end));
            }
        }
    }

    /// The token `close` that ends what `open` began.
    fn close(
        &mut self,
        open: Range<usize>,
        close: &Kind<'_>,
        expected: &str,
    ) -> Result<Range<usize>, RuleError> {
        match self.bump()? {
            Some(token) if token.kind == *close => Ok(token.span),
            Some(token) => Err(self.unexpected(&token, expected)),
            None => Err(self.unclosed(open)),
        }
    }

    /// The error for `found` where `expected` was.
    fn unexpected(&self, found: &Token<'_>, expected: &str) -> RuleError {
        let text = &self.source[found.span.clone()];
        let error = RuleError::new(
            format!("expected {expected}, found `{text}`"),
            found.span.clone(),
        );
        if let Some(symbol) = check::word_operator(text) {
            return error.help(format!("write `{symbol}` instead of `{text}`"));
        }
        let starts_value = matches!(
            found.kind,
            Kind::Ident(_) | Kind::Str(_) | Kind::Num(_) | Kind::OpenBracket | Kind::Bang
        );
        if starts_value && expected.starts_with("an operator") {
            return error.help("join conditions with `&&` or `||`");
        }
        error
    }

    /// The error for a value missing after the token at `after` (if any), where the token at
    /// `found` (if any) is.
    fn missing_value(&self, after: Option<Range<usize>>, found: Option<Range<usize>>) -> RuleError {
        let after = after.map(|span| &self.source[span]);
        let found_text = found.clone().map(|span| &self.source[span]);
        let message = match (after, found_text) {
            (Some(after), Some(found)) => {
                format!("expected a value after `{after}`, found `{found}`")
            }
            (Some(after), None) => format!("expected a value after `{after}`"),
            // Nothing came before: the rule starts with an operator, as in `&& x`.
            (None, Some(found)) if check::operand_hint(found).is_some() => {
                format!("expected a value before `{found}`")
            }
            (None, Some(found)) => format!("expected a value, found `{found}`"),
            (None, None) => "expected a value".to_owned(),
        };
        let error = RuleError::new(message, found.unwrap_or_else(|| self.end()));
        match after.or(found_text).and_then(check::operand_hint) {
            Some(hint) => error.help(hint),
            None => error,
        }
    }

    fn unclosed(&self, open: Range<usize>) -> RuleError {
        let text = &self.source[open.clone()];
        let close = if text == "(" { ")" } else { "]" };
        RuleError::new(format!("unclosed `{text}`"), open).help(format!("close it with `{close}`"))
    }

    /// The empty span at the end of the rule, where something missing is pointed at.
    fn end(&self) -> Range<usize> {
        self.source.len()..self.source.len()
    }

    fn last_text(&self) -> &'a str {
        self.last.clone().map_or("", |span| &self.source[span])
    }

    fn peek(&mut self) -> Result<Option<&Token<'a>>, RuleError> {
        if self.peeked.is_none() {
            self.peeked = self.lexer.next_token()?;
        }
        Ok(self.peeked.as_ref())
    }

    fn bump(&mut self) -> Result<Option<Token<'a>>, RuleError> {
        self.peek()?;
        let token = self.peeked.take();
        if let Some(token) = &token {
            self.last = Some(token.span.clone());
        }
        Ok(token)
    }

    /// Consumes the next token if it is `kind`, and returns its span.
    fn eat(&mut self, kind: &Kind<'_>) -> Result<Option<Range<usize>>, RuleError> {
        if self.peek()?.is_some_and(|t| t.kind == *kind) {
            Ok(self.bump()?.map(|t| t.span))
        } else {
            Ok(None)
        }
    }
}

/// The literal a token is, if it is one.
fn literal(kind: Kind<'_>) -> Option<Lit> {
    match kind {
        Kind::Str(s) => Some(Lit::Str(s)),
        Kind::Num(n) => Some(Lit::Num(n)),
        Kind::Ident("null") => Some(Lit::Null),
        Kind::Ident("true") => Some(Lit::Bool(true)),
        Kind::Ident("false") => Some(Lit::Bool(false)),
        _ => None,
    }
}

/// `n` as an array index, if it is a non-negative integer.
fn array_index(n: Number) -> Option<usize> {
    match n {
        Number::Int(i) => usize::try_from(i).ok(),
        Number::UInt(u) => usize::try_from(u).ok(),
        Number::Float(_) => None,
    }
}

fn bad_index(span: Range<usize>) -> RuleError {
    RuleError::new("an index must be a string or a non-negative integer", span)
        .help("write a literal, as in `['key']` or `[0]`")
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::rule::ast::{CmpOp, Expr, Key, Lit, Node, Number, Root};

    /// The tree as an S-expression, to compare against in one line.
    fn sexp(node: &Node) -> String {
        match &node.expr {
            Expr::Lit(lit) => lit_sexp(lit),
            Expr::Root(Root::Token) => "token".into(),
            Expr::Root(Root::ReqMethod) => "req.method".into(),
            Expr::Root(Root::ReqPath) => "req.path".into(),
            Expr::Root(Root::Param(name)) => format!("path.{name}"),
            Expr::Member(object, Key::Field(name), _) => format!("(. {} {name:?})", sexp(object)),
            Expr::Member(object, Key::Index(i), _) => format!("(. {} {i})", sexp(object)),
            Expr::Call(method, receiver, arg) => {
                format!("({} {} {})", method.name(), sexp(receiver), sexp(arg))
            }
            Expr::Not(operand) => format!("(! {})", sexp(operand)),
            Expr::And(a, b) => format!("(&& {} {})", sexp(a), sexp(b)),
            Expr::Or(a, b) => format!("(|| {} {})", sexp(a), sexp(b)),
            Expr::Compare(op, a, b) => {
                let op = match op {
                    CmpOp::Eq => "==",
                    CmpOp::Ne => "!=",
                    CmpOp::Lt => "<",
                    CmpOp::Le => "<=",
                    CmpOp::Gt => ">",
                    CmpOp::Ge => ">=",
                    CmpOp::In => "in",
                };
                format!("({op} {} {})", sexp(a), sexp(b))
            }
        }
    }

    fn lit_sexp(lit: &Lit) -> String {
        match lit {
            Lit::Null => "null".into(),
            Lit::Bool(b) => b.to_string(),
            Lit::Num(Number::Int(i)) => format!("{i}i"),
            Lit::Num(Number::UInt(u)) => format!("{u}u"),
            Lit::Num(Number::Float(f)) => format!("{f:?}f"),
            Lit::Str(s) => format!("{s:?}"),
            Lit::Array(items) => {
                let items: Vec<_> = items.iter().map(|(item, _)| lit_sexp(item)).collect();
                format!("[{}]", items.join(" "))
            }
        }
    }

    fn tree(source: &str) -> String {
        sexp(&parse(source).unwrap())
    }

    fn error(source: &str) -> String {
        parse(source).unwrap_err().render(source)
    }

    #[test]
    fn precedence() {
        assert_eq!(
            tree("token || token && token == token"),
            "(|| token (&& token (== token token)))",
        );
        assert_eq!(
            tree("token.a == 1 && token.b || !token.c"),
            r#"(|| (&& (== (. token "a") 1i) (. token "b")) (! (. token "c")))"#,
        );
        assert_eq!(
            tree("(token.a || token.b) && token.c"),
            r#"(&& (|| (. token "a") (. token "b")) (. token "c"))"#,
        );
        assert_eq!(tree("!!token"), "(! (! token))");
        assert_eq!(tree("!token.a == true"), r#"(== (! (. token "a")) true)"#);
        assert_eq!(
            tree("(token.a == 1) == true"),
            r#"(== (== (. token "a") 1i) true)"#
        );
        assert_eq!(
            tree("token.a && token.b && token.c"),
            r#"(&& (&& (. token "a") (. token "b")) (. token "c"))"#,
        );
    }

    #[test]
    fn operators() {
        assert_eq!(
            tree("token.a === 1 || token.b !== 2 || token.c != 3"),
            r#"(|| (|| (== (. token "a") 1i) (!= (. token "b") 2i)) (!= (. token "c") 3i))"#,
        );
        assert_eq!(
            tree("token.age >= 18 && token.age < 65.5"),
            r#"(&& (>= (. token "age") 18i) (< (. token "age") 65.5f))"#,
        );
        assert_eq!(
            tree("'admin' in token.roles"),
            r#"(in "admin" (. token "roles"))"#
        );
        assert_eq!(
            tree("token.role in ['admin', \"editor\",]"),
            r#"(in (. token "role") ["admin" "editor"])"#,
        );
        assert_eq!(
            tree("[] == [1, -2.5, true, null]"),
            "(== [] [1i -2.5f true null])"
        );
    }

    #[test]
    fn members() {
        assert_eq!(
            tree("token?.org.$id[0]['https://x.io/roles']?.[1]?.in"),
            r#"(. (. (. (. (. (. token "org") "$id") 0) "https://x.io/roles") 1) "in")"#,
        );
        assert_eq!(
            tree("req.method == 'GET' && req?.path"),
            r#"(&& (== req.method "GET") req.path)"#,
        );
    }

    #[test]
    fn path_parameters() {
        assert_eq!(
            tree("token.sub == path.user_id || path['org-id'] == path?.x"),
            r#"(|| (== (. token "sub") path.user_id) (== path.org-id path.x))"#,
        );
        assert_eq!(
            error("path == '/admin'"),
            "`path` is not a value by itself\n  |\n  | path == '/admin'\n  | ^^^^\n  = help: name a parameter of the route, as in `path.user_id` for `/users/{user_id}`; the request's path is `req.path`",
        );
        assert_eq!(
            error("path[0] == 'a'"),
            "path parameters are read by name, not by position\n  |\n  | path[0] == 'a'\n  |      ^\n  = help: write `path.user_id` or `path['user_id']`",
        );
        assert_eq!(
            error("params.id == 'a'"),
            "unknown name `params`\n  |\n  | params.id == 'a'\n  | ^^^^^^\n  = help: did you mean `path`?",
        );
    }

    /// Every node with the text it spans, outermost first.
    fn spans(node: &Node, source: &str, out: &mut Vec<String>) {
        out.push(source[node.span.clone()].to_owned());
        match &node.expr {
            Expr::Member(object, _, key) => {
                spans(object, source, out);
                out.push(format!("key {}", &source[key.clone()]));
            }
            Expr::Not(operand) => spans(operand, source, out),
            Expr::Call(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) | Expr::Compare(_, a, b) => {
                spans(a, source, out);
                spans(b, source, out);
            }
            Expr::Lit(Lit::Array(items)) => {
                out.extend(
                    items
                        .iter()
                        .map(|(_, span)| format!("item {}", &source[span.clone()])),
                );
            }
            Expr::Lit(_) | Expr::Root(_) => {}
        }
    }

    #[test]
    fn nodes_know_their_text() {
        let source = "!(token?.a['b'] == 1) || token.r in ['x', \"y\"] && path.id.ends_with('z')";
        let mut out = Vec::new();
        spans(&parse(source).unwrap(), source, &mut out);
        assert_eq!(
            out,
            [
                source,
                "!(token?.a['b'] == 1)",
                "(token?.a['b'] == 1)",
                "token?.a['b']",
                "token?.a",
                "token",
                "key a",
                "key 'b'",
                "1",
                "token.r in ['x', \"y\"] && path.id.ends_with('z')",
                "token.r in ['x', \"y\"]",
                "token.r",
                "token",
                "key r",
                "['x', \"y\"]",
                "item 'x'",
                "item \"y\"",
                "path.id.ends_with('z')",
                "path.id",
                "'z'",
            ]
        );
    }

    #[test]
    fn methods() {
        assert_eq!(
            tree("req.path.starts_with('/admin') || token.email.ends_with(token.domain)"),
            r#"(|| (starts_with req.path "/admin") (ends_with (. token "email") (. token "domain")))"#,
        );
        assert_eq!(tree("token.contains('sub')"), r#"(contains token "sub")"#);
        assert_eq!(
            tree("['a', 'b'].contains(token?.role,)"),
            r#"(contains ["a" "b"] (. token "role"))"#,
        );
        assert_eq!(
            tree("token.roles.contains(token.a == 1)"),
            r#"(contains (. token "roles") (== (. token "a") 1i))"#,
        );
    }

    #[test]
    fn empty_rule() {
        assert_eq!(
            error(""),
            "the rule is empty\n  |\n  |\n  | ^\n  = help: write a condition, for example `token.role == 'admin'`",
        );
        assert_eq!(
            error("  "),
            "the rule is empty\n  |\n  |   \n  | ^^\n  = help: write a condition, for example `token.role == 'admin'`",
        );
    }

    #[test]
    fn missing_values() {
        assert_eq!(
            error("token.role =="),
            "expected a value after `==`\n  |\n  | token.role ==\n  |              ^\n  = help: compare with a value, for example `token.role == 'admin'`",
        );
        assert_eq!(
            error("&& token.a"),
            "expected a value before `&&`\n  |\n  | && token.a\n  | ^^\n  = help: `&&` needs a condition on each side, for example `token.email_verified && token.role == 'admin'`",
        );
        assert_eq!(
            error("!"),
            "expected a value after `!`\n  |\n  | !\n  |  ^\n  = help: `!` negates the value after it, for example `!token.banned`",
        );
        assert_eq!(
            error("token.a || )"),
            "expected a value after `||`, found `)`\n  |\n  | token.a || )\n  |            ^\n  = help: `||` needs a condition on each side, for example `token.email_verified || token.role == 'admin'`",
        );
        assert_eq!(
            error("token.age >= "),
            "expected a value after `>=`\n  |\n  | token.age >= \n  |              ^\n  = help: compare with a value, for example `token.age >= 18`",
        );
        assert_eq!(
            error("()"),
            "expected a value after `(`, found `)`\n  |\n  | ()\n  |  ^"
        );
        assert_eq!(
            error("in token.roles"),
            "expected a value before `in`\n  |\n  | in token.roles\n  | ^^\n  = help: for example `token.role in ['admin', 'editor']`",
        );
    }

    #[test]
    fn trailing_tokens() {
        assert_eq!(
            error("token.a token.b"),
            "expected an operator or the end of the rule, found `token`\n  |\n  | token.a token.b\n  |         ^^^^^\n  = help: join conditions with `&&` or `||`",
        );
        assert_eq!(
            error("token.a and token.b"),
            "expected an operator or the end of the rule, found `and`\n  |\n  | token.a and token.b\n  |         ^^^\n  = help: write `&&` instead of `and`",
        );
        assert_eq!(
            error("token.a OR token.b"),
            "expected an operator or the end of the rule, found `OR`\n  |\n  | token.a OR token.b\n  |         ^^\n  = help: write `||` instead of `OR`",
        );
        assert_eq!(
            error("not token.banned"),
            "expected a value, found `not`\n  |\n  | not token.banned\n  | ^^^\n  = help: write `!` instead of `not`",
        );
    }

    #[test]
    fn unbalanced() {
        assert_eq!(
            error("(token.a || token.b"),
            "unclosed `(`\n  |\n  | (token.a || token.b\n  | ^\n  = help: close it with `)`",
        );
        assert_eq!(
            error("token.a)"),
            "unmatched `)`\n  |\n  | token.a)\n  |        ^\n  = help: remove it, or add the `(` it closes",
        );
        assert_eq!(
            error("(token.a token.b)"),
            "expected an operator or `)`, found `token`\n  |\n  | (token.a token.b)\n  |          ^^^^^\n  = help: join conditions with `&&` or `||`",
        );
        assert_eq!(
            error("token.role in ['a', 'b'"),
            "unclosed `[`\n  |\n  | token.role in ['a', 'b'\n  |               ^\n  = help: close it with `]`",
        );
        assert_eq!(
            error("token.a['b'"),
            "unclosed `[`\n  |\n  | token.a['b'\n  |        ^\n  = help: close it with `]`",
        );
        assert_eq!(
            error("token.roles.contains('a'"),
            "unclosed `(`\n  |\n  | token.roles.contains('a'\n  |                     ^\n  = help: close it with `)`",
        );
        assert_eq!(
            error("token.a['b' 'c']"),
            "expected `]`, found `'c'`\n  |\n  | token.a['b' 'c']\n  |             ^^^",
        );
        assert_eq!(
            error("['a' 'b']"),
            "expected `,` or `]`, found `'b'`\n  |\n  | ['a' 'b']\n  |      ^^^",
        );
    }

    #[test]
    fn chained_comparison() {
        assert_eq!(
            error("token.a == token.b == true"),
            "comparisons cannot be chained; use `&&`\n  |\n  | token.a == token.b == true\n  |                    ^^\n  = help: for example `token.age >= 18 && token.age < 65`, or put one comparison in parentheses",
        );
        assert!(error("token.x && 1 < token.a < 3").contains("cannot be chained"));
        assert!(error("'a' in token.b in token.c").contains("cannot be chained"));
    }

    #[test]
    fn names() {
        assert_eq!(
            error("tokn.role == 'admin'"),
            "unknown name `tokn`\n  |\n  | tokn.role == 'admin'\n  | ^^^^\n  = help: did you mean `token`?",
        );
        assert_eq!(
            error("request.path == '/'"),
            "unknown name `request`\n  |\n  | request.path == '/'\n  | ^^^^^^^\n  = help: did you mean `req`?",
        );
        assert_eq!(
            error("role == 'admin'"),
            "unknown name `role`\n  |\n  | role == 'admin'\n  | ^^^^\n  = help: a rule reads `token` (the claims of the session token), `req` (`req.method`, `req.path`) and `path` (the route's parameters, `path.<name>`)",
        );
        assert_eq!(
            error("req == 'GET'"),
            "`req` is not a value by itself\n  |\n  | req == 'GET'\n  | ^^^\n  = help: use `req.method` or `req.path`",
        );
        assert_eq!(
            error("req.other == 'x'"),
            "`req` has no field `other`\n  |\n  | req.other == 'x'\n  |     ^^^^^\n  = help: `req` has only `method` and `path`",
        );
        assert_eq!(
            error("contains(token.roles, 'a')"),
            "`contains` is a method, not a function\n  |\n  | contains(token.roles, 'a')\n  | ^^^^^^^^\n  = help: call it on a value, for example `token.roles.contains('admin')`",
        );
        assert_eq!(
            error("includes('a')"),
            "`includes` is a method, not a function\n  |\n  | includes('a')\n  | ^^^^^^^^\n  = help: call it on a value, for example `token.roles.contains('admin')`",
        );
        assert_eq!(
            error("len(token.roles)"),
            "unknown function `len`\n  |\n  | len(token.roles)\n  | ^^^\n  = help: rules have no functions; the methods `contains`, `starts_with` and `ends_with` are called on a value",
        );
    }

    #[test]
    fn member_names() {
        assert_eq!(
            error("token.0"),
            "expected a name after `.`, found `0`\n  |\n  | token.0\n  |       ^\n  = help: write `['key']` for a key that is not a name, `[0]` for an element",
        );
        assert_eq!(
            error("token?."),
            "expected a name after `?.`\n  |\n  | token?.\n  |        ^\n  = help: write `['key']` for a key that is not a name, `[0]` for an element",
        );
    }

    #[test]
    fn methods_errors() {
        assert_eq!(
            error("req.path.startsWith('/admin')"),
            "unknown method `startsWith`\n  |\n  | req.path.startsWith('/admin')\n  |          ^^^^^^^^^^\n  = help: did you mean `starts_with`?",
        );
        assert_eq!(
            error("token.roles.contains()"),
            "`contains` takes exactly one argument, found 0\n  |\n  | token.roles.contains()\n  |                     ^^\n  = help: for example `token.roles.contains('admin')`",
        );
        assert_eq!(
            error("token.email.ends_with('a', 'b')"),
            "`ends_with` takes exactly one argument, found 2\n  |\n  | token.email.ends_with('a', 'b')\n  |                      ^^^^^^^^^^\n  = help: for example `token.email.ends_with('@example.com')`",
        );
        assert_eq!(
            error("token.a.contains('a' 'b')"),
            "expected `,` or `)`, found `'b'`\n  |\n  | token.a.contains('a' 'b')\n  |                      ^^^",
        );
    }

    #[test]
    fn bad_indexes() {
        let expected = |source: &str, column: usize, width: usize| {
            format!(
                "an index must be a string or a non-negative integer\n  |\n  | {source}\n  | {}{}\n  = help: write a literal, as in `['key']` or `[0]`",
                " ".repeat(column),
                "^".repeat(width),
            )
        };
        assert_eq!(error("token.a[b]"), expected("token.a[b]", 8, 1));
        assert_eq!(error("token.a[-1]"), expected("token.a[-1]", 8, 2));
        assert_eq!(error("token.a[1.5]"), expected("token.a[1.5]", 8, 3));
        assert_eq!(error("token.a[]"), expected("token.a[]", 8, 1));
    }

    #[test]
    fn array_elements() {
        assert_eq!(
            error("token.r in ['a', token.b]"),
            "expected a literal, found `token`\n  |\n  | token.r in ['a', token.b]\n  |                  ^^^^^\n  = help: an array in a rule holds literals: strings, numbers, `true`, `false`, `null`",
        );
    }

    #[test]
    fn first_error_wins() {
        // The lexer's error at the end does not hide the parser's earlier one.
        assert!(error("tokn.a == 'x").starts_with("unknown name `tokn`"));
        assert!(error("token.a = 'x").starts_with("`=` is not a comparison"));
    }

    #[test]
    fn nesting_limit() {
        let deep = format!("{}token{}", "(".repeat(200), ")".repeat(200));
        assert!(error(&deep).starts_with("the rule nests too deeply"));
        let bangs = format!("{}token", "!".repeat(99));
        assert_eq!(tree(&bangs).matches('!').count(), 99);
    }
}
