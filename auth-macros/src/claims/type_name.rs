//! A field's type as its author would write it, for messages: `Option<u64>`, not the
//! `Option < u64 >` that printing tokens gives.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use syn::Type;

/// `ty` printed compactly: a space between two words, after `,` and `;`, and around `=`, `+`
/// and `->`; none around `<`, `>`, `::`, `&` or `'`.
pub(crate) fn type_name(ty: &Type) -> String {
    let mut out = String::new();
    write_tokens(&mut out, ty.to_token_stream());
    out
}

/// How a piece of text touches its neighbours.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// An identifier or literal: two of them in a row need a space.
    Word,
    /// A keyword that qualifies what follows (`mut`, `dyn`, `impl`, `const`): a space after it
    /// even before a bracket (`&mut [u8]`).
    Keyword,
    /// A punctuation that takes a space after it (`,`, `;`).
    Separator,
    /// A punctuation with a space on both sides (`=`, `+`, `->`).
    Operator,
    /// A `>` closing generic arguments: a word after it is a new word (`for<'a> Fn`).
    Close,
    /// Anything else: glued to both neighbours.
    Glue,
}

/// Appends `tokens` to `out`, spaced as [`type_name`] says.
fn write_tokens(out: &mut String, tokens: TokenStream) {
    let mut previous = Piece::Glue;
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        let (text, piece) = match &tree {
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                let piece = match text.as_str() {
                    "mut" | "dyn" | "impl" | "const" | "unsafe" | "extern" => Piece::Keyword,
                    _ => Piece::Word,
                };
                (text, piece)
            }
            TokenTree::Literal(literal) => (literal.to_string(), Piece::Word),
            TokenTree::Group(group) => {
                let (open, close) = delimiters(group.delimiter());
                let mut inner = String::new();
                write_tokens(&mut inner, group.stream());
                (format!("{open}{inner}{close}"), Piece::Glue)
            }
            TokenTree::Punct(punct) => {
                let next_is_gt = matches!(
                    trees.peek(),
                    Some(TokenTree::Punct(next)) if next.as_char() == '>'
                );
                match punct.as_char() {
                    '-' if punct.spacing() == Spacing::Joint && next_is_gt => {
                        trees.next();
                        ("->".to_owned(), Piece::Operator)
                    }
                    ',' | ';' => (punct.as_char().to_string(), Piece::Separator),
                    '=' | '+' => (punct.as_char().to_string(), Piece::Operator),
                    '>' => (">".to_owned(), Piece::Close),
                    other => (other.to_string(), Piece::Glue),
                }
            }
        };
        let space = matches!(
            (previous, piece),
            (
                Piece::Word | Piece::Keyword | Piece::Close,
                Piece::Word | Piece::Keyword
            ) | (Piece::Keyword, Piece::Glue)
                | (Piece::Separator, _)
                | (_, Piece::Operator)
                | (Piece::Operator, _)
        );
        if space && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text);
        previous = piece;
    }
}

/// The opening and closing text of a group.
fn delimiters(delimiter: Delimiter) -> (&'static str, &'static str) {
    match delimiter {
        Delimiter::Parenthesis => ("(", ")"),
        Delimiter::Brace => ("{", "}"),
        Delimiter::Bracket => ("[", "]"),
        // A type passed through `macro_rules!` arrives wrapped in an invisible group.
        Delimiter::None => ("", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::type_name;

    fn name(source: &str) -> String {
        type_name(&syn::parse_str(source).expect("a type"))
    }

    #[test]
    fn prints_types_as_written() {
        for source in [
            "String",
            "Option<u64>",
            "HashMap<String, bool>",
            "Vec<Vec<u8>>",
            "std::collections::BTreeMap<String, Vec<Option<i32>>>",
            "[u8; 4]",
            "(u8, bool)",
            "&'static str",
            "Box<dyn Fn(u8) -> bool + Send>",
            "<T as Trait>::Assoc",
            "Box<dyn for<'a> Fn(&'a str)>",
            "Wrapper<Item = u8>",
            "*const u8",
            "&mut [String]",
            "Array<3>",
        ] {
            assert_eq!(name(source), source);
        }
    }

    #[test]
    fn normalizes_spacing() {
        assert_eq!(name("Option < u64 >"), "Option<u64>");
        assert_eq!(name("HashMap<String,bool>"), "HashMap<String, bool>");
        assert_eq!(name(":: std :: string :: String"), "::std::string::String");
    }
}
