//! Where output goes and how it looks: the colour decision, the token scrubber, and writes
//! that turn a closed pipe into a quiet exit.

use crate::config::Token;
use crate::error::Result;
use serde_json::Value;
use std::io::{IsTerminal, Write};

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

/// Decides colour once for the whole process: `--color`, then `NO_COLOR`, `CLICOLOR_FORCE`,
/// `TERM=dumb`, then whether stdout is a terminal.
pub fn decide_color(choice: ColorChoice) -> bool {
    let env = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env("NO_COLOR").is_some() {
                false
            } else if env("CLICOLOR_FORCE").is_some_and(|value| value != "0") {
                true
            } else if env("TERM").is_some_and(|term| term == "dumb") {
                false
            } else {
                std::io::stdout().is_terminal()
            }
        }
    };
    colored::control::set_override(enabled);
    enabled
}

/// Removes the callback tokens from anything grpcb prints, even when a receiver echoes them.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    /// Longest first, so a token that contains another is hidden whole.
    secrets: Vec<String>,
}

const HIDDEN: &str = "[token hidden]";

impl Redactor {
    pub fn new(token: Option<&Token>) -> Self {
        Self::all(token)
    }

    /// Hides every one of these tokens (a suite's cases may each have their own).
    pub fn all<'a>(tokens: impl IntoIterator<Item = &'a Token>) -> Self {
        let mut secrets: Vec<String> = tokens
            .into_iter()
            .map(|token| token.expose().to_string())
            .filter(|secret| !secret.is_empty())
            .collect();
        secrets.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        secrets.dedup();
        Redactor { secrets }
    }

    pub fn text(&self, text: &str) -> String {
        let mut text = text.to_string();
        for secret in &self.secrets {
            if text.contains(secret.as_str()) {
                text = text.replace(secret.as_str(), HIDDEN);
            }
        }
        text
    }

    /// Scrubs every string and key of a JSON value in place.
    pub fn value(&self, value: &mut Value) {
        if self.secrets.is_empty() {
            return;
        }
        match value {
            Value::String(text) => *text = self.text(text),
            Value::Array(items) => items.iter_mut().for_each(|item| self.value(item)),
            Value::Object(map) => {
                let keys: Vec<String> = map.keys().cloned().collect();
                for key in keys {
                    // Taken out and put back at the end, each in turn: the order stays.
                    if let Some(mut item) = map.shift_remove(&key) {
                        self.value(&mut item);
                        map.insert(self.text(&key), item);
                    }
                }
            }
            _ => {}
        }
    }
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

/// Pretty JSON with a final newline, scrubbed.
pub fn json_text(value: &Value, redactor: &Redactor) -> String {
    let mut value = value.clone();
    redactor.value(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scrubs_strings_and_keys_but_not_numbers() {
        let redactor = Redactor::new(Some(&Token::new("s3cret".into())));
        let mut value = json!({ "a": "xs3cretx", "s3cret": [1, "s3cret"], "n": 5 });
        redactor.value(&mut value);
        let text = value.to_string();
        assert!(!text.contains("s3cret"), "{text}");
        assert_eq!(value["n"], 5);
        assert_eq!(redactor.text("my s3cret"), "my [token hidden]");
    }
}
