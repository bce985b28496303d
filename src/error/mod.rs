//! The one error type that reaches `main`, the one place that maps outcomes to exit codes
//! (`docs/cli.md`, "Exit codes"), and the one renderer of input errors and notes, which
//! withholds any value that contains a callback token (`BadValue`, `Note`).

pub mod secret;

use crate::app::output::visible;
use crate::app::status::ExitStatus;
use std::fmt;

/// What stops a command before (or instead of) producing a report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user gave something we cannot use; the message (our own words, no user value)
    /// says what to do. Prefer `Value`, which names the subject.
    #[error("{0}")]
    Input(String),
    /// A value the user gave that we cannot use, kept apart from the message.
    #[error("{0}")]
    Value(Box<BadValue>),
    /// A required option is missing where clap could not tell (it may come from a suite).
    #[error("{0}")]
    Usage(Box<BadValue>),
    /// Writing to stdout failed because the reader went away (`grpcb ... | head`).
    #[error("broken pipe")]
    BrokenPipe,
    /// Anything else: I/O on our own side, a runtime that would not start.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl Error {
    /// An input error with a plain message; it must not quote a value the user gave (use
    /// `BadValue` for that).
    pub fn input(message: impl Into<String>) -> Self {
        Error::Input(message.into())
    }

    /// A usage mistake: what is missing (`problem`), said of where it should be given.
    pub fn usage(missing: BadValue) -> Self {
        Error::Usage(Box::new(missing))
    }

    /// The exit code for this error; the only mapping from errors to codes.
    pub fn status(&self) -> ExitStatus {
        match self {
            Error::Input(_) | Error::Value(_) => ExitStatus::BadInput,
            Error::Usage(_) => ExitStatus::Usage,
            Error::BrokenPipe => ExitStatus::Pass,
            Error::Other(_) => ExitStatus::Internal,
        }
    }

    /// The same error said of another subject: a suite key instead of the flag a check
    /// names. A plain message gets the subject in front of it.
    pub fn about(self, subject: Subject) -> Error {
        match self {
            Error::Value(bad) => Error::Value(Box::new(BadValue { subject, ..*bad })),
            Error::Input(message) => BadValue::new(subject, message).into(),
            other => other,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Other(err.into())
        }
    }
}

impl From<BadValue> for Error {
    fn from(bad: BadValue) -> Self {
        Error::Value(Box::new(bad))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where a bad value was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A command-line option or argument: `--url`, `-H`, `CALLBACK`.
    Flag(String),
    /// A file the user named (`what` says which: "fixture", "rules file"; empty for a file
    /// the message names itself), and where in it: a line, and a column.
    File {
        what: &'static str,
        path: String,
        line: Option<usize>,
        column: Option<usize>,
    },
    /// A key of a suite file, at a line and column, in a case or at the top level. The key
    /// is one grpcb knows (an unknown key is the bad value); the file and case are the user's.
    SuiteKey {
        file: String,
        line: usize,
        column: usize,
        case: Option<String>,
        key: Option<String>,
    },
}

impl Subject {
    pub fn flag(name: impl Into<String>) -> Subject {
        Subject::Flag(name.into())
    }

    pub fn file(what: &'static str, path: &std::path::Path) -> Subject {
        Subject::File {
            what,
            path: path.display().to_string(),
            line: None,
            column: None,
        }
    }

    /// The same subject at a line (and a column) of its file.
    pub fn at(self, line: usize, column: Option<usize>) -> Subject {
        match self {
            Subject::File { what, path, .. } => Subject::File {
                what,
                path,
                line: Some(line),
                column,
            },
            other => other,
        }
    }
}

/// A value grpcb cannot use, with its parts apart: rendering (`Display`) is the one place
/// that decides what of it may be shown. Any part that came from the user (the value, a
/// path, a case name, a parser's message) is withheld when it contains a callback token;
/// then our own words are dropped too if they happen to contain it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadValue {
    pub subject: Subject,
    /// The value as the user gave it.
    pub value: Option<String>,
    /// What is wrong, in our words; never quotes the value.
    pub problem: String,
    /// Text that may quote the user's input, such as a parser's message.
    pub detail: Option<String>,
    /// How to fix it, in our words.
    pub hint: Option<String>,
}

impl BadValue {
    pub fn new(subject: Subject, problem: impl Into<String>) -> Self {
        BadValue {
            subject,
            value: None,
            problem: problem.into(),
            detail: None,
            hint: None,
        }
    }

    /// `problem` about the value `value` of the flag `flag`.
    pub fn flag(flag: &str, value: &str, problem: impl Into<String>) -> Self {
        BadValue::new(Subject::flag(flag), problem).value(value)
    }

    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The sentence that stands for a value that holds the token.
const WITHHELD: &str = "the value is withheld because it contains the callback token";

/// A user's text, escaped for the terminal, or `None` when it holds a token.
fn shown(text: &str) -> Option<String> {
    (!secret::in_text(text)).then(|| visible(text).into_owned())
}

/// A user's text, or what stands for it when it holds a token.
fn shown_or(text: &str, instead: &str) -> String {
    shown(text).unwrap_or_else(|| instead.to_string())
}

impl Subject {
    /// Whether a part of the subject the user wrote (a path, a case name) holds a token.
    fn holds_token(&self) -> bool {
        match self {
            Subject::Flag(_) => false,
            Subject::File { path, .. } => secret::in_text(path),
            Subject::SuiteKey { file, case, .. } => [Some(file), case.as_ref()]
                .into_iter()
                .flatten()
                .any(|text| secret::in_text(text)),
        }
    }
}

const PATH_WITHHELD: &str = "(path withheld: it contains the callback token)";

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Flag(name) => f.write_str(name),
            Subject::File {
                what,
                path,
                line,
                column,
            } => {
                if !what.is_empty() {
                    write!(f, "{what} ")?;
                }
                f.write_str(&shown_or(path, PATH_WITHHELD))?;
                for at in [line, column].into_iter().flatten() {
                    write!(f, ":{at}")?;
                }
                Ok(())
            }
            Subject::SuiteKey {
                file,
                line,
                column,
                case,
                key,
            } => {
                write!(f, "{}:{line}:{column}", shown_or(file, PATH_WITHHELD))?;
                let case = case.as_deref().map(|case| match shown(case) {
                    Some(name) => format!("case `{name}`"),
                    None => "a case whose name is withheld (it contains the callback token)".into(),
                });
                let key = key.as_deref().map(|key| format!("key `{key}`"));
                let place: Vec<String> = [case, key].into_iter().flatten().collect();
                if !place.is_empty() {
                    write!(f, ": {}", place.join(", "))?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value_withheld = self.value.as_deref().is_some_and(secret::in_text);
        let withheld = value_withheld
            || self.subject.holds_token()
            || self.detail.as_deref().is_some_and(secret::in_text);
        // Once a part was withheld, our own words must not carry the token either (a hint
        // such as "write 500ms" repeats the value).
        let ours = |text: &str| (!withheld || !secret::in_text(text)).then(|| text.to_string());
        let mut text = self.subject.to_string();
        match (&self.value, value_withheld) {
            (Some(_), true) => {
                text.push_str(": ");
                text.push_str(WITHHELD);
            }
            (Some(value), false) => text.push_str(&format!(" `{}`", visible(value))),
            (None, _) => {}
        }
        let mut what: Vec<String> = ours(&self.problem)
            .filter(|problem| !problem.is_empty())
            .into_iter()
            .collect();
        if let Some(detail) = &self.detail {
            what.push(shown_or(
                detail,
                "(the details are withheld: they quote the callback token)",
            ));
        }
        if !what.is_empty() {
            text.push_str(if value_withheld { "; " } else { ": " });
            text.push_str(&what.join(": "));
        }
        if let Some(hint) = self.hint.as_deref().and_then(ours) {
            text.push_str("; ");
            text.push_str(&hint);
        }
        f.write_str(&text)
    }
}

/// Something worth knowing about a value the user gave that is still used (an `--unset`
/// path that is not there, a platform spelling IM rarely sends); said on stderr, the command
/// goes on. Rendered here, as errors are: a note whose subject or text holds the token is
/// withheld.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub subject: Subject,
    /// The note in our words; it may quote the value it is about. After a flag it goes on
    /// from the flag (`IOS is sent as given: ...`); after a suite key it stands alone.
    pub text: String,
}

const NOTE_WITHHELD: &str = "the note is withheld because it quotes the callback token";

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let withheld = self.subject.holds_token() || secret::in_text(&self.text);
        match (&self.subject, withheld) {
            (Subject::Flag(flag), false) => write!(f, "note: {flag} {}", visible(&self.text)),
            (Subject::Flag(flag), true) => write!(f, "note: {flag}: {NOTE_WITHHELD}"),
            (subject, false) => write!(f, "{subject}: note: {}", visible(&self.text)),
            (subject, true) => write!(f, "{subject}: note: {NOTE_WITHHELD}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_shown_with_its_flag_problem_and_hint() {
        let bad = BadValue::flag("--timeout", "500", "no unit").hint("write 500ms or 500s");
        assert_eq!(
            bad.to_string(),
            "--timeout `500`: no unit; write 500ms or 500s"
        );
    }

    #[test]
    fn a_value_holding_a_token_is_withheld_with_what_quotes_it() {
        secret::token("zq-withheld-9".into());
        let bad = BadValue::flag("--url", "http://x/?k=zq-withheld-9", "is not a valid URL")
            .hint("give a full URL such as http://127.0.0.1:8080/im");
        assert_eq!(
            bad.to_string(),
            "--url: the value is withheld because it contains the callback token; \
             is not a valid URL; give a full URL such as http://127.0.0.1:8080/im"
        );
        let quoted =
            BadValue::flag("--timeout", "9zq-withheld-9", "no unit").hint("write 9zq-withheld-9ms");
        assert!(!quoted.to_string().contains("zq-withheld-9"), "{quoted}");
        let suite = BadValue::new(
            Subject::SuiteKey {
                file: "s.toml".into(),
                line: 3,
                column: 7,
                case: Some("zq-withheld-9 case".into()),
                key: Some("url".into()),
            },
            "bad",
        )
        .detail("parser says zq-withheld-9");
        let text = suite.to_string();
        assert!(!text.contains("zq-withheld-9"), "{text}");
        assert!(
            text.starts_with("s.toml:3:7: a case whose name is withheld"),
            "{text}"
        );
    }

    #[test]
    fn internal_failures_exit_5_and_unusable_values_4() {
        assert_eq!(
            Error::Other(anyhow::anyhow!("no runtime")).status(),
            ExitStatus::Internal
        );
        assert_eq!(
            Error::from(std::io::Error::other("disk")).status(),
            ExitStatus::Internal
        );
        assert_eq!(
            Error::from(BadValue::flag("-c", "x", "bad")).status(),
            ExitStatus::BadInput
        );
        assert_eq!(Error::input("bad").status(), ExitStatus::BadInput);
        assert_eq!(
            Error::usage(BadValue::new(Subject::flag("--url"), "missing")).status(),
            ExitStatus::Usage
        );
    }

    #[test]
    fn a_value_said_of_a_suite_key_keeps_value_problem_and_hint() {
        let key = Subject::SuiteKey {
            file: "s.toml".into(),
            line: 2,
            column: 11,
            case: Some("c".into()),
            key: Some("timeout".into()),
        };
        let error =
            Error::from(BadValue::flag("--timeout", "5", "no unit").hint("write 5s")).about(key);
        assert_eq!(
            error.to_string(),
            "s.toml:2:11: case `c`, key `timeout` `5`: no unit; write 5s"
        );
    }

    #[test]
    fn notes_are_withheld_as_errors_are() {
        secret::token("zq-note-9".into());
        let flag = Note {
            subject: Subject::flag("--unset"),
            text: "Name.xzq-note-9: the body has no `Name.xzq-note-9`".into(),
        };
        assert_eq!(
            flag.to_string(),
            "note: --unset: the note is withheld because it quotes the callback token"
        );
        let suite = Note {
            subject: Subject::File {
                what: "",
                path: "s.toml".into(),
                line: Some(4),
                column: Some(8),
            },
            text: "the body has no `a`".into(),
        };
        assert_eq!(suite.to_string(), "s.toml:4:8: note: the body has no `a`");
    }

    #[test]
    fn control_characters_in_values_are_escaped() {
        let bad = BadValue::flag("-H", "a\u{1b}[2Jb", "not a header");
        assert_eq!(bad.to_string(), "-H `a\\u001b[2Jb`: not a header");
    }
}
