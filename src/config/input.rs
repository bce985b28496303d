//! Reading the files users give grpcb (fixtures, suites, rules): with a size cap, so
//! `--fixture /dev/zero` is an error rather than exhausted memory, and with the line and
//! column of a byte offset for error messages.

use crate::error::{BadValue, Result, Subject};
use std::io::Read;
use std::path::Path;

/// No callback body, suite or rules file comes near this.
pub const MAX_INPUT: u64 = 16 << 20;

/// Where an input comes from, for errors: `fixture x.json`, or `--fixture -` for stdin.
pub fn subject(path: Option<&Path>, what: &'static str) -> Subject {
    match path {
        Some(path) => Subject::file(what, path),
        None => Subject::flag(format!("{what} on stdin")),
    }
}

/// Reads a file, or stdin for `None`, up to the cap. `what` names it in errors ("fixture").
pub fn read(path: Option<&Path>, what: &'static str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let read = match path {
        Some(path) => std::fs::File::open(path)
            .and_then(|file| file.take(MAX_INPUT + 1).read_to_end(&mut bytes)),
        None => std::io::stdin()
            .lock()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut bytes),
    };
    read.map_err(|err| BadValue::new(subject(path, what), format!("cannot be read ({err})")))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(BadValue::new(
            subject(path, what),
            format!("is larger than {} MiB", MAX_INPUT >> 20),
        )
        .hint("is it the right file?")
        .into());
    }
    Ok(bytes)
}

/// Reads a UTF-8 text file up to the cap.
pub fn read_text(path: &Path, what: &'static str) -> Result<String> {
    String::from_utf8(read(Some(path), what)?)
        .map_err(|_| BadValue::new(Subject::file(what, path), "is not UTF-8 text").into())
}

/// The 1-based line and column (in characters) of a byte offset into `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_with_character_columns() {
        let text = "ab\nçd\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 5), (2, 2));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn endless_input_is_refused() {
        let err = read(Some(Path::new("/dev/zero")), "fixture").unwrap_err();
        assert!(err.to_string().contains("larger than 16 MiB"), "{err}");
    }
}
