//! Outside text (what a receiver answered, what a client sent) made safe to show.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Outside text made safe for a terminal and for XML: every control character, the
/// bidirectional overrides that reorder what a terminal shows, and the noncharacters XML
/// forbids are written as visible escapes (`\n`, `\r`, `\t`, `\u001b`); printable Unicode is
/// kept as it is. A receiver cannot colour, clear or forge a line through it.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(visible("plain ünïcode ✓"), "plain ünïcode ✓");
        assert_eq!(
            visible("a\u{1b}[31mb\u{7}\r\nPASS\t\u{9b}\u{202e}\u{ffff}"),
            "a\\u001b[31mb\\u0007\\r\\nPASS\\t\\u009b\\u202e\\uffff"
        );
    }
}
