//! Where each `[[case]]` table of a suite starts and ends, found with the TOML lexer without
//! building the document's tree: a tree of 10^5 cases takes hundreds of MB, one case's a few
//! KB. Each case section (its `[[case]]` header, its keys and its `[case.x]` sub-tables) is
//! then parsed on its own, and the rest of the file (the top-level keys and tables) apart.

use std::ops::Range;
use toml_parser::Source;
use toml_parser::lexer::{Token, TokenKind};

/// The byte ranges of the `[[case]]` sections of a TOML document, in order. Everything else
/// (the keys before the first header, and tables such as `[headers]`) is top-level material.
pub fn case_sections(text: &str) -> Vec<Range<usize>> {
    let source = Source::new(text);
    let mut tokens = source.lex().peekable();
    let mut sections = Vec::new();
    let mut current: Option<usize> = None;
    // Brackets and braces open in a value: a `[` at a line start inside one is not a header.
    let mut depth = 0usize;
    let mut line_start = true;
    while let Some(token) = tokens.next() {
        match token.kind() {
            TokenKind::Newline => line_start = true,
            TokenKind::Whitespace | TokenKind::Comment => {}
            TokenKind::LeftSquareBracket if depth == 0 && line_start => {
                let start = token.span().start();
                let array = tokens
                    .next_if(|next| next.kind() == TokenKind::LeftSquareBracket)
                    .is_some();
                let header = Header::read(&source, &mut tokens);
                if array {
                    tokens.next_if(|next| next.kind() == TokenKind::RightSquareBracket);
                }
                let case_part = header.first == "case" && header.keys > 1 && current.is_some();
                if !case_part {
                    if let Some(open) = current.take() {
                        sections.push(open..start);
                    }
                    if array && header.first == "case" && header.keys == 1 {
                        current = Some(start);
                    }
                }
                line_start = false;
            }
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                depth += 1;
                line_start = false;
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.saturating_sub(1);
                line_start = false;
            }
            _ => line_start = false,
        }
    }
    if let Some(open) = current {
        sections.push(open..text.len());
    }
    sections
}

/// The key of a table header, read up to its closing bracket(s).
struct Header {
    /// The first key, decoded (`case` for `[[case]]`, `[["case"]]` and `[case.expect]`).
    first: String,
    /// How many dotted keys it has.
    keys: usize,
}

impl Header {
    fn read<'i>(source: &Source<'i>, tokens: &mut impl Iterator<Item = Token>) -> Header {
        let mut header = Header {
            first: String::new(),
            keys: 0,
        };
        for token in tokens.by_ref() {
            match token.kind() {
                TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString => {
                    if header.keys == 0
                        && let Some(raw) = source.get(token)
                    {
                        // A key that does not decode makes the section's own parse fail.
                        raw.decode_key(&mut header.first, &mut ());
                    }
                    header.keys += 1;
                }
                TokenKind::Whitespace | TokenKind::Dot => {}
                // `]`, or anything a header cannot hold: the section's parse reports it.
                _ => break,
            }
        }
        header
    }
}

/// The top-level material of `text`: the text with every case section blanked out (newlines
/// kept, so positions in it are positions in the file). Borrowed when nothing but blank space
/// follows the first case section.
pub fn top_level<'t>(text: &'t str, sections: &[Range<usize>]) -> std::borrow::Cow<'t, str> {
    let Some(first) = sections.first() else {
        return text.into();
    };
    let end = sections.last().map_or(text.len(), |last| last.end);
    let tail_is_blank = text[end..].trim().is_empty();
    let between_are_empty = sections.windows(2).all(|pair| pair[0].end == pair[1].start);
    if tail_is_blank && between_are_empty {
        return text[..first.start].into();
    }
    let mut bytes = text.as_bytes().to_vec();
    for section in sections {
        for byte in &mut bytes[section.clone()] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    // Only ASCII bytes were written, over whole sections that start and end on a character
    // boundary (token boundaries), so the text is still UTF-8.
    String::from_utf8(bytes)
        .map(Into::into)
        .unwrap_or_else(|_| text.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(text: &str) -> Vec<&str> {
        case_sections(text)
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn each_case_runs_to_the_next_header_that_is_not_its_own_sub_table() {
        let text = "url = \"u\"\n[[case]]\nname = \"a\"\n[case.expect]\ndecision = \"allow\"\n\n[[ 'case' ]]\nname = \"b\"\n[headers]\nX = \"1\"\n[[\"case\"]]\nname = \"c\"\n";
        assert_eq!(
            sections(text),
            [
                "[[case]]\nname = \"a\"\n[case.expect]\ndecision = \"allow\"\n\n",
                "[[ 'case' ]]\nname = \"b\"\n",
                "[[\"case\"]]\nname = \"c\"\n",
            ]
        );
    }

    #[test]
    fn brackets_in_strings_and_values_are_not_headers() {
        let text = "[[case]]\nname = \"\"\"\n[[case]]\n\"\"\"\nmember = [\n[\"x\"],\n]\nset = { A = [\n1] }\n# [[case]]\n[[case]]\nname = 'b'\n";
        let found = sections(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].starts_with("[[case]]\nname = 'b'"), "{found:?}");
    }

    #[test]
    fn other_tables_and_sub_tables_before_any_case_are_top_level() {
        assert!(sections("[case]\nname = \"a\"\n").is_empty());
        assert!(sections("[case.expect]\ndecision = \"a\"\n").is_empty());
        assert!(sections("[[cases]]\nname = \"a\"\n").is_empty());
        assert!(sections("case = [{ name = \"a\" }]\n").is_empty());
    }

    #[test]
    fn the_top_level_keeps_positions() {
        let text = "a = 1\n[[case]]\nname = \"é\"\n[t]\nb = 2\n";
        let sections = case_sections(text);
        let top = top_level(text, &sections);
        assert_eq!(top.len(), text.len());
        let blank = |n: usize| " ".repeat(n);
        assert_eq!(
            top,
            format!("a = 1\n{}\n{}\n[t]\nb = 2\n", blank(8), blank(11))
        );
        let plain = "a = 1\n[[case]]\nname = \"x\"\n[[case]]\nname = \"y\"\n";
        assert_eq!(top_level(plain, &case_sections(plain)), "a = 1\n");
    }
}
