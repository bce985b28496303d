//! How text looks on one stream. The colour decision is made once per stream, when the
//! process starts (`decide`), from `--color`, `NO_COLOR` (non-empty), `CLICOLOR_FORCE`,
//! `TERM=dumb` and whether *that* stream is a terminal; every write then paints with the
//! style of the stream it goes to. `colored` does the painting and is always asked to
//! (its own guess looks at stdout only): a `Style` simply does not paint when its stream
//! wants no colour.

use crate::app::output::ColorChoice;
use colored::{ColoredString, Colorize};
use std::io::IsTerminal;
use std::sync::OnceLock;

/// Whether one stream gets colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    color: bool,
}

/// The styles of the two streams, decided once.
static STYLES: OnceLock<(Style, Style)> = OnceLock::new();

/// Decides the style of stdout and of stderr once for the process; later calls change
/// nothing.
pub fn decide(choice: ColorChoice) {
    colored::control::set_override(true);
    let stdout = Style::decided(choice, std::io::stdout().is_terminal());
    let stderr = Style::decided(choice, std::io::stderr().is_terminal());
    let _ = STYLES.set((stdout, stderr));
}

/// The style of stdout (plain until decided).
pub fn stdout() -> Style {
    STYLES.get().map(|styles| styles.0).unwrap_or_default()
}

/// The style of stderr (plain until decided).
pub fn stderr() -> Style {
    STYLES.get().map(|styles| styles.1).unwrap_or_default()
}

impl Style {
    /// No colour.
    pub fn plain() -> Style {
        Style { color: false }
    }

    /// The decision for a stream: `--color`, then `NO_COLOR`, `CLICOLOR_FORCE`, `TERM=dumb`,
    /// then whether the stream is a terminal.
    pub fn decided(choice: ColorChoice, terminal: bool) -> Style {
        let env = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if env("NO_COLOR").is_some() => false,
            ColorChoice::Auto if env("CLICOLOR_FORCE").is_some_and(|value| value != "0") => true,
            ColorChoice::Auto if env("TERM").is_some_and(|term| term == "dumb") => false,
            ColorChoice::Auto => terminal,
        };
        Style { color }
    }

    fn paint(self, text: &str, how: fn(ColoredString) -> ColoredString) -> String {
        if self.color {
            how(text.normal()).to_string()
        } else {
            text.to_string()
        }
    }

    /// Bold: labels and codes.
    pub fn bold(self, text: &str) -> String {
        self.paint(text, Colorize::bold)
    }

    /// Dimmed: what matters less (URLs, fixes, details).
    pub fn dim(self, text: &str) -> String {
        self.paint(text, Colorize::dimmed)
    }

    /// Green and bold: a pass.
    pub fn good(self, text: &str) -> String {
        self.paint(text, |text| text.green().bold())
    }

    /// Red and bold: a failure, an error.
    pub fn bad(self, text: &str) -> String {
        self.paint(text, |text| text.red().bold())
    }

    /// Yellow and bold: a warning, a stop.
    pub fn caution(self, text: &str) -> String {
        self.paint(text, |text| text.yellow().bold())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_style_paints_only_when_its_stream_wants_colour() {
        colored::control::set_override(true);
        let on = Style::decided(ColorChoice::Always, false);
        let off = Style::decided(ColorChoice::Never, true);
        assert!(on.bad("x").contains('\x1b'));
        assert_eq!(off.bad("x"), "x");
        assert_eq!(Style::plain().bold("x"), "x");
    }
}
