//! Splits a rule into tokens, each with the bytes of the rule it covers.

use std::ops::Range;

use super::ast::{CmpOp, Number};
use super::error::RuleError;

/// One token of a rule.
#[derive(Debug)]
pub(super) struct Token<'a> {
    /// What the token is.
    pub(super) kind: Kind<'a>,
    /// The bytes of the rule it covers.
    pub(super) span: Range<usize>,
}

/// What a token is.
#[derive(Debug, PartialEq)]
pub(super) enum Kind<'a> {
    /// A name: a root, a keyword (`true`, `in`, ...), a member or a method.
    Ident(&'a str),
    /// A string literal, unescaped.
    Str(String),
    /// A number literal, sign included.
    Num(Number),
    /// `==`, `===`, `!=`, `!==`, `<`, `<=`, `>` or `>=`.
    Cmp(CmpOp),
    /// `&&`.
    AndAnd,
    /// `||`.
    OrOr,
    /// `!`.
    Bang,
    /// `.`.
    Dot,
    /// `?.`.
    QuestionDot,
    /// `,`.
    Comma,
    /// `(`.
    OpenParen,
    /// `)`.
    CloseParen,
    /// `[`.
    OpenBracket,
    /// `]`.
    CloseBracket,
}

/// Reads a rule one token at a time.
///
/// The parser pulls tokens as it goes, so the first error in the rule is the one reported,
/// whether it is a bad token or bad syntax.
pub(super) struct Lexer<'a> {
    source: &'a str,
    pos: usize,
    /// Whether the last token was `.` or `?.`: only a member name may contain `$`.
    after_dot: bool,
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `source`.
    pub(super) fn new(source: &'a str) -> Self {
        Lexer {
            source,
            pos: 0,
            after_dot: false,
        }
    }

    /// The next token, or `None` at the end of the rule.
    pub(super) fn next_token(&mut self) -> Result<Option<Token<'a>>, RuleError> {
        self.eat_while(char::is_whitespace);
        let start = self.pos;
        let Some(c) = self.bump() else {
            return Ok(None);
        };
        let kind = self.kind(c, start)?;
        self.after_dot = matches!(kind, Kind::Dot | Kind::QuestionDot);
        Ok(Some(Token {
            kind,
            span: start..self.pos,
        }))
    }

    /// The token that starts with `c`, which is at `start`.
    fn kind(&mut self, c: char, start: usize) -> Result<Kind<'a>, RuleError> {
        Ok(match c {
            '(' => Kind::OpenParen,
            ')' => Kind::CloseParen,
            '[' => Kind::OpenBracket,
            ']' => Kind::CloseBracket,
            ',' => Kind::Comma,
            '.' => Kind::Dot,
            '?' if self.eat('.') => Kind::QuestionDot,
            '&' if self.eat('&') => Kind::AndAnd,
            '|' if self.eat('|') => Kind::OrOr,
            // `===` and `!==` are accepted for JavaScript habits; equality is always strict.
            '=' if self.eat('=') => Kind::Cmp(self.strict(CmpOp::Eq)),
            '!' if self.eat('=') => Kind::Cmp(self.strict(CmpOp::Ne)),
            '!' => Kind::Bang,
            '<' => Kind::Cmp(if self.eat('=') { CmpOp::Le } else { CmpOp::Lt }),
            '>' => Kind::Cmp(if self.eat('=') { CmpOp::Ge } else { CmpOp::Gt }),
            '\'' | '"' => Kind::Str(self.string(c, start)?),
            '0'..='9' => Kind::Num(self.number(start)?),
            '-' if self.peek().is_some_and(|c| c.is_ascii_digit()) => {
                Kind::Num(self.number(start)?)
            }
            c if c.is_ascii_alphabetic() || c == '_' || c == '$' && self.after_dot => {
                let dollar = self.after_dot;
                self.eat_while(|c| is_name_char(c, dollar));
                Kind::Ident(&self.source[start..self.pos])
            }
            '=' => {
                return Err(RuleError::new("`=` is not a comparison", start..self.pos)
                    .help("use `==` to compare values"));
            }
            _ => return Err(unexpected(c, start..self.pos)),
        })
    }

    /// `op`, after eating the third `=` of `===` or `!==`.
    fn strict(&mut self, op: CmpOp) -> CmpOp {
        self.eat('=');
        op
    }

    /// The rest of a string literal opened by `quote` at `start`, unescaped.
    fn string(&mut self, quote: char, start: usize) -> Result<String, RuleError> {
        let unterminated = || {
            RuleError::new("unterminated string", start..start + 1)
                .help(format!("close it with `{quote}`"))
        };
        let mut value = String::new();
        loop {
            let escape = self.pos;
            match self.bump() {
                None => return Err(unterminated()),
                Some(c) if c == quote => return Ok(value),
                Some('\\') => match self.bump() {
                    Some(c @ ('\'' | '"' | '\\')) => value.push(c),
                    Some(_) => {
                        let span = escape..self.pos;
                        return Err(RuleError::new(
                            format!("unknown escape `{}`", &self.source[span.clone()]),
                            span,
                        )
                        .help(r#"the only escapes are `\'`, `\"` and `\\`"#));
                    }
                    None => return Err(unterminated()),
                },
                Some(c) => value.push(c),
            }
        }
    }

    /// The rest of a number literal that starts at `start` (with its `-`, if any).
    fn number(&mut self, start: usize) -> Result<Number, RuleError> {
        self.eat_while(|c| c.is_ascii_digit());
        let float =
            self.peek() == Some('.') && self.peek_second().is_some_and(|c| c.is_ascii_digit());
        if float {
            self.pos += 1;
            self.eat_while(|c| c.is_ascii_digit());
        }
        let glued = self.peek().is_some_and(|c| {
            is_name_char(c, false)
                || c == '.' && self.peek_second().is_some_and(|c| c.is_ascii_digit())
        });
        if glued {
            // Take `12abc` or `1.2.3` whole, so the error shows the whole malformed number.
            self.eat_while(|c| is_name_char(c, false) || c == '.');
        }
        let span = start..self.pos;
        let text = &self.source[span.clone()];
        let digits = text.trim_start_matches('-');
        if glued {
            return Err(RuleError::new(format!("invalid number `{text}`"), span));
        }
        // JavaScript once read `010` as octal: refuse rather than pick a meaning.
        if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.") {
            return Err(RuleError::new(format!("invalid number `{text}`"), span)
                .help("remove the leading zeros"));
        }
        let number = if float {
            text.parse()
                .ok()
                .filter(|f: &f64| f.is_finite())
                .map(Number::Float)
        } else {
            (text.parse().map(Number::Int))
                .or_else(|_| text.parse().map(Number::UInt))
                .ok()
        };
        number.ok_or_else(|| {
            RuleError::new(format!("number `{text}` is too large"), span).help(format!(
                "integers must be between {} and {}",
                i64::MIN,
                u64::MAX
            ))
        })
    }

    fn peek(&self) -> Option<char> {
        self.source[self.pos..].chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.source[self.pos..].chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.pos += c.len_utf8();
        }
        found
    }

    fn eat_while(&mut self, mut pred: impl FnMut(char) -> bool) {
        while let Some(c) = self.peek().filter(|&c| pred(c)) {
            self.pos += c.len_utf8();
        }
    }
}

/// Whether `c` may continue a name; `$` only may in a member name, after `.` or `?.`.
fn is_name_char(c: char, dollar: bool) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' && dollar
}

/// The error for a character that starts no token.
fn unexpected(c: char, span: Range<usize>) -> RuleError {
    // `escape_debug` makes invisible characters such as U+200B visible in the message.
    let error = RuleError::new(format!("unexpected character `{}`", c.escape_debug()), span);
    match c {
        '&' => error.help("use `&&` for a logical and"),
        '|' => error.help("use `||` for a logical or"),
        '?' => error.help("use `?.` for optional chaining"),
        '-' => error.help("`-` may only start a number, as in `-1`"),
        '+' | '*' | '/' | '%' => error.help("rules have no arithmetic"),
        '`' => error.help("quote strings with `'` or `\"`"),
        _ => error,
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Lexer};
    use crate::rule::ast::{CmpOp, Number};

    fn lex(source: &str) -> Vec<Kind<'_>> {
        let mut lexer = Lexer::new(source);
        let mut kinds = Vec::new();
        while let Some(token) = lexer.next_token().unwrap() {
            let text = &source[token.span];
            assert_eq!(text, text.trim(), "a span never covers whitespace");
            kinds.push(token.kind);
        }
        kinds
    }

    fn error(source: &str) -> String {
        let mut lexer = Lexer::new(source);
        loop {
            match lexer.next_token() {
                Ok(Some(_)) => {}
                Ok(None) => panic!("{source:?} lexed"),
                Err(error) => return error.render(source),
            }
        }
    }

    #[test]
    fn operators() {
        use Kind::*;
        assert_eq!(
            lex("== === != !== < <= > >= && || ! . ?. , ( ) [ ]"),
            [
                Cmp(CmpOp::Eq),
                Cmp(CmpOp::Eq),
                Cmp(CmpOp::Ne),
                Cmp(CmpOp::Ne),
                Cmp(CmpOp::Lt),
                Cmp(CmpOp::Le),
                Cmp(CmpOp::Gt),
                Cmp(CmpOp::Ge),
                AndAnd,
                OrOr,
                Bang,
                Dot,
                QuestionDot,
                Comma,
                OpenParen,
                CloseParen,
                OpenBracket,
                CloseBracket,
            ]
        );
        assert_eq!(lex("!!a"), [Bang, Bang, Ident("a")]);
    }

    #[test]
    fn names() {
        use Kind::*;
        assert_eq!(
            lex("token.email_verified?.$id"),
            [
                Ident("token"),
                Dot,
                Ident("email_verified"),
                QuestionDot,
                Ident("$id")
            ]
        );
    }

    #[test]
    fn strings() {
        assert_eq!(
            lex(r#"'it\'s' "say \"hi\"" 'a\\b' "'" '"' 'é'"#),
            [
                Kind::Str("it's".into()),
                Kind::Str("say \"hi\"".into()),
                Kind::Str("a\\b".into()),
                Kind::Str("'".into()),
                Kind::Str("\"".into()),
                Kind::Str("é".into()),
            ]
        );
    }

    #[test]
    fn numbers() {
        use Number::*;
        let nums = |source| {
            lex(source)
                .into_iter()
                .map(|kind| match kind {
                    Kind::Num(n) => n,
                    other => panic!("{other:?}"),
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            nums("0 5 -5 1.5 -0.25 9223372036854775807 9223372036854775808 -9223372036854775808"),
            [
                Int(0),
                Int(5),
                Int(-5),
                Float(1.5),
                Float(-0.25),
                Int(i64::MAX),
                UInt(1 << 63),
                Int(i64::MIN),
            ]
        );
        // `1.` is not a decimal: the dot is member access.
        assert_eq!(lex("1.a"), [Kind::Num(Int(1)), Kind::Dot, Kind::Ident("a")]);
    }

    #[test]
    fn bad_numbers() {
        assert_eq!(
            error("1 == 18446744073709551616"),
            "number `18446744073709551616` is too large\n  |\n  | 1 == 18446744073709551616\n  |      ^^^^^^^^^^^^^^^^^^^^\n  = help: integers must be between -9223372036854775808 and 18446744073709551615",
        );
        assert_eq!(
            error("-9223372036854775809"),
            "number `-9223372036854775809` is too large\n  |\n  | -9223372036854775809\n  | ^^^^^^^^^^^^^^^^^^^^\n  = help: integers must be between -9223372036854775808 and 18446744073709551615",
        );
        assert_eq!(
            error("x == 12abc"),
            "invalid number `12abc`\n  |\n  | x == 12abc\n  |      ^^^^^",
        );
        assert_eq!(
            error("1.2.3"),
            "invalid number `1.2.3`\n  |\n  | 1.2.3\n  | ^^^^^"
        );
        assert_eq!(
            error("007"),
            "invalid number `007`\n  |\n  | 007\n  | ^^^\n  = help: remove the leading zeros",
        );
        let huge = format!("{}.5", "9".repeat(400));
        assert!(error(&huge).starts_with("number `999"));
    }

    #[test]
    fn unterminated_string() {
        assert_eq!(
            error("token.role == 'admin"),
            "unterminated string\n  |\n  | token.role == 'admin\n  |               ^\n  = help: close it with `'`",
        );
        assert_eq!(
            error(r#"x == "a\"#),
            "unterminated string\n  |\n  | x == \"a\\\n  |      ^\n  = help: close it with `\"`",
        );
    }

    #[test]
    fn unknown_escape() {
        assert_eq!(
            error(r"token.name == 'a\nb'"),
            "unknown escape `\\n`\n  |\n  | token.name == 'a\\nb'\n  |                 ^^\n  = help: the only escapes are `\\'`, `\\\"` and `\\\\`",
        );
    }

    #[test]
    fn single_equals() {
        assert_eq!(
            error("token.role = 'admin'"),
            "`=` is not a comparison\n  |\n  | token.role = 'admin'\n  |            ^\n  = help: use `==` to compare values",
        );
    }

    #[test]
    fn unexpected_characters() {
        assert_eq!(
            error("token.a & token.b"),
            "unexpected character `&`\n  |\n  | token.a & token.b\n  |         ^\n  = help: use `&&` for a logical and",
        );
        assert_eq!(
            error("a | b"),
            "unexpected character `|`\n  |\n  | a | b\n  |   ^\n  = help: use `||` for a logical or",
        );
        assert_eq!(error("#a"), "unexpected character `#`\n  |\n  | #a\n  | ^");
        // `$` may only appear in a member name.
        assert_eq!(error("$x"), "unexpected character `$`\n  |\n  | $x\n  | ^");
        assert_eq!(
            error("'é' == é"),
            "unexpected character `é`\n  |\n  | 'é' == é\n  |        ^"
        );
        assert_eq!(
            error("a - 1"),
            "unexpected character `-`\n  |\n  | a - 1\n  |   ^\n  = help: `-` may only start a number, as in `-1`",
        );
    }
}
