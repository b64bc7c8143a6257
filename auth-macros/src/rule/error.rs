//! The error a bad rule compiles to, drawn with a caret under the offending text.

use std::fmt::Write as _;
use std::ops::Range;

/// What is wrong with a rule, where, and how to fix it.
///
/// Stable Rust cannot point a compile error inside a string literal, so the position travels as
/// a byte range and [`RuleError::render`] draws it under the rule.
#[derive(Debug)]
pub(crate) struct RuleError {
    message: String,
    /// The offending bytes of the rule; empty when something is missing at the end.
    span: Range<usize>,
    help: Option<String>,
}

impl RuleError {
    /// An error about the bytes `span` of the rule.
    pub(super) fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        RuleError {
            message: message.into(),
            span,
            help: None,
        }
    }

    /// Adds a `help:` line saying how to fix the rule.
    pub(super) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The message, then the line of `source` the error is on with carets under the offending
    /// text, then the help if there is one:
    ///
    /// ```text
    /// expected a value after `==`
    ///   |
    ///   | token.role ==
    ///   |              ^
    ///   = help: compare with a value, for example `token.role == 'admin'`
    /// ```
    ///
    /// `source` must be the rule the error came from.
    pub(crate) fn render(&self, source: &str) -> String {
        let mut out = format!("{}\n{}", self.message, diagram(source, &self.span));
        if let Some(help) = &self.help {
            let _ = write!(out, "\n  = help: {help}");
        }
        out
    }
}

/// The line of `source` that `span` starts on, with carets under the span (to the end of the
/// line at most), framed as rustc frames code:
///
/// ```text
///   |
///   | token.role ==
///   |              ^
/// ```
pub(crate) fn diagram(source: &str, span: &Range<usize>) -> String {
    let start = span.start.min(source.len());
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source[line_start..line_end].trim_end_matches('\r');
    // A span in the `\r`s a line ends with is drawn at the end of what is shown.
    let shown_end = line_start + line.len();
    let start = start.min(shown_end);
    let end = span.end.clamp(start, shown_end);
    // Columns count chars, not bytes, so that the carets line up under non-ASCII text.
    let column = source[line_start..start].chars().count();
    let width = source[start..end].chars().count().max(1);

    let mut out = String::from("  |\n  |");
    if !line.is_empty() {
        // A tab is one char but several columns on screen: draw it as one space.
        let _ = write!(out, " {}", line.replace('\t', " "));
    }
    let _ = write!(out, "\n  | {}{}", " ".repeat(column), "^".repeat(width));
    out
}

#[cfg(test)]
mod tests {
    use super::RuleError;

    #[test]
    fn caret_under_span() {
        let error = RuleError::new("unknown name `tokn`", 0..4).help("did you mean `token`?");
        assert_eq!(
            error.render("tokn.role"),
            "unknown name `tokn`\n  |\n  | tokn.role\n  | ^^^^\n  = help: did you mean `token`?",
        );
    }

    #[test]
    fn empty_span_at_the_end() {
        let error = RuleError::new("expected a value after `==`", 13..13);
        assert_eq!(
            error.render("token.role =="),
            "expected a value after `==`\n  |\n  | token.role ==\n  |              ^",
        );
    }

    #[test]
    fn columns_count_chars() {
        // 'é' is two bytes; the caret must still sit under the `#`.
        let error = RuleError::new("unexpected character `#`", 16..17);
        assert_eq!(
            error.render("token.n == 'é' #"),
            "unexpected character `#`\n  |\n  | token.n == 'é' #\n  |                ^",
        );
    }

    #[test]
    fn only_the_offending_line() {
        let source = "token.a &&\n\ttoken.b ==";
        let error = RuleError::new("expected a value after `==`", source.len()..source.len());
        assert_eq!(
            error.render(source),
            "expected a value after `==`\n  |\n  |  token.b ==\n  |            ^",
        );
    }

    #[test]
    fn a_span_in_the_carriage_returns_that_end_a_line() {
        let source = "\r\r((((\r\r";
        let error = RuleError::new("unclosed `(`", source.len()..source.len());
        assert_eq!(
            error.render(source),
            "unclosed `(`\n  |\n  | \r\r((((\n  |       ^",
        );
        let error = RuleError::new("unexpected", 7..8);
        assert_eq!(error.render("token\r\n\r\r"), "unexpected\n  |\n  |\n  | ^");
    }

    #[test]
    fn empty_rule() {
        let error = RuleError::new("the rule is empty", 0..0);
        assert_eq!(error.render(""), "the rule is empty\n  |\n  |\n  | ^");
    }
}
