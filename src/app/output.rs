//! Where output goes and how it looks: the colour decision, the one escaping of outside text
//! (`visible`), and writes that turn a closed pipe into a quiet exit.

use crate::error::{BadValue, Result, Subject};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

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

pub use grpcb_contract::text::visible;

/// Writes all of `text` to stdout; a closed pipe becomes `Error::BrokenPipe` (exit 0).
pub fn stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes all of `text` to the file at `path`, given with `flag`; a file that cannot be
/// written is a value that cannot be used.
pub fn file(path: &Path, flag: &'static str, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|err| {
        BadValue::new(
            Subject::file(flag, path),
            format!("cannot be written ({err})"),
        )
        .into()
    })
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
