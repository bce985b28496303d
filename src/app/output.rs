//! Where output goes and how it looks: the colour decision, the one escaping of outside text
//! (`visible`), and writes that turn a closed pipe into a quiet exit.

use crate::error::Result;
use serde_json::Value;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

/// Report format on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// How much a command prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Verbosity {
    Quiet,
    #[default]
    Normal,
    Verbose,
}

/// Outside text (what a receiver answered, what a client sent) made safe for a terminal and
/// for XML: every control character, the bidirectional overrides that reorder what a
/// terminal shows, and the noncharacters XML forbids are written as visible escapes
/// (`\n`, `\r`, `\t`, `\u001b`); printable Unicode is kept as it is. A receiver cannot
/// colour, clear or forge a line of grpcb's output through it.
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

/// Writes all of `text` to stdout; a closed pipe becomes `Error::BrokenPipe` (exit 0).
pub fn stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes all of `text` to stderr, ignoring failures: there is nowhere left to complain.
pub fn stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Pretty JSON with a final newline.
pub fn json_text(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
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
