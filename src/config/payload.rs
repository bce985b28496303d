//! The payload options of the command line and of suites: where the body starts (a fixture
//! file, stdin, or the sample) and what shapes it; reading the fixture, and saying a payload
//! error of the flag or key the user wrote.

use crate::config::input;
use crate::error::{BadValue, Error, Note, Result, Subject};
use grpcb_contract::catalog::{self, Callback, Field, UnknownCallback};
use grpcb_contract::payload::{self, Error as PayloadError, SetOp, Spec, UnsetOp};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Where a fixture comes from.
#[derive(Clone, Debug)]
pub enum FixtureSource {
    File(PathBuf),
    Stdin,
}

impl FixtureSource {
    /// `-` is stdin, anything else a path.
    pub fn from_arg(arg: &Path) -> Self {
        if arg == Path::new("-") {
            FixtureSource::Stdin
        } else {
            FixtureSource::File(arg.to_path_buf())
        }
    }
}

/// Everything that shapes a body besides the callback itself.
#[derive(Clone, Debug, Default)]
pub struct PayloadSpec {
    pub fixture: Option<FixtureSource>,
    /// The query's `SdkAppid`, which a body field may have to equal (content-result-notify).
    pub sdkappid: Option<String>,
    /// Typed flags with their values (`--member` may repeat).
    pub typed: Vec<(Field, Vec<String>)>,
    /// `--set` overrides, applied after the typed flags, in order.
    pub sets: Vec<SetOp>,
    /// `--unset` paths, removed last, in order.
    pub unsets: Vec<UnsetOp>,
}

impl PayloadSpec {
    /// What shapes the body, for the contract's builder.
    pub fn content(&self) -> Spec {
        Spec {
            sdkappid: self.sdkappid.clone(),
            typed: self.typed.clone(),
            sets: self.sets.clone(),
            unsets: self.unsets.clone(),
        }
    }
}

pub const SET_HINT: &str =
    "write PATH=VALUE, e.g. --set Name=Team or --set MsgBody.0.MsgContent.Text=hi";

/// The typed flag of a field, as typed on the command line: `--group-id`.
pub fn flag(field: Field) -> String {
    format!("--{field}")
}

/// Reads and parses a fixture; it must be one JSON object.
pub fn load_fixture(source: &FixtureSource) -> Result<Value> {
    let path = match source {
        FixtureSource::File(path) => Some(path.as_path()),
        FixtureSource::Stdin => None,
    };
    let bytes = input::read(path, "fixture")?;
    payload::parse_fixture(&bytes).map_err(|err| {
        let subject = match &err {
            PayloadError::NotJson { line, column, .. } => {
                input::subject(path, "fixture").at(*line, Some(*column))
            }
            _ => input::subject(path, "fixture"),
        };
        said_of(err, subject, true).into()
    })
}

/// The callback a command works on and the fixture it starts from: `--fixture` read, the
/// callback named or else taken from the fixture (which must then agree with the name).
pub fn start(name: Option<&str>, spec: &PayloadSpec) -> Result<(&'static Callback, Option<Value>)> {
    let fixture = spec.fixture.as_ref().map(load_fixture).transpose()?;
    let callback = match (name, &fixture) {
        (Some(name), _) => catalog::find(name)
            .map_err(|err| unknown_callback(err, Subject::flag("CALLBACK"), ""))?,
        (None, Some(fixture)) => payload::callback_of(fixture).map_err(flag_error)?,
        (None, None) => {
            return Err(Error::usage(
                BadValue::new(Subject::flag("CALLBACK"), "missing").hint(
                    "name one (e.g. `grpcb send before-create`) \
                     or pass a --fixture whose CallbackCommand names it",
                ),
            ));
        }
    };
    if let Some(fixture) = &fixture {
        let overridden = spec.sets.iter().any(|set| set.path == "CallbackCommand");
        payload::check_fixture_command(callback, fixture, overridden).map_err(flag_error)?;
    }
    Ok((callback, fixture))
}

/// A body built from the command line, and the notes about how it was asked for.
#[derive(Clone, Debug)]
pub struct Built {
    pub body: Value,
    /// An `--unset` path that is not there.
    pub notes: Vec<Note>,
}

/// Builds the body; an `--unset` path that is not there gets a note.
pub fn build(callback: &Callback, start: Option<Value>, spec: &PayloadSpec) -> Result<Built> {
    let built = payload::build(callback, start, &spec.content()).map_err(flag_error)?;
    let notes = built
        .nothing_removed
        .iter()
        .map(|unset| Note {
            subject: Subject::flag("--unset"),
            text: format!("{}: {}", unset.path, unset.nothing_removed()),
        })
        .collect();
    Ok(Built {
        body: built.body,
        notes,
    })
}

/// An unknown callback name, said of where it was written; `more` ends the hint.
pub fn unknown_callback(err: UnknownCallback, subject: Subject, more: &str) -> BadValue {
    let known = match err.suggestion {
        Some(alias) => format!("did you mean `{alias}`? (`grpcb list` shows them all)"),
        None => "`grpcb list` shows the callbacks grpcb knows".into(),
    };
    BadValue::new(subject, "is not a callback grpcb knows")
        .value(err.name)
        .hint(format!("{known}{more}"))
}

/// A payload error said of the command-line flag it is about.
pub fn flag_error(err: PayloadError) -> Error {
    let subject = match &err {
        PayloadError::NoEquals(_) | PayloadError::CannotSet { .. } => Subject::flag("--set"),
        PayloadError::NotAPath(_) => Subject::flag("--unset"),
        PayloadError::NoField { field, .. }
        | PayloadError::NotAnInteger { field, .. }
        | PayloadError::OneUser { field, .. } => Subject::flag(flag(*field)),
        PayloadError::UnknownCommand(_) => Subject::flag("the fixture's CallbackCommand"),
        _ => Subject::flag("--fixture"),
    };
    match err {
        PayloadError::NoField {
            alias,
            field,
            takes,
        } => {
            let flags: Vec<String> = takes.into_iter().map(flag).collect();
            let takes = if flags.is_empty() {
                "it takes no typed flags".to_string()
            } else {
                format!("the flags it takes are: {}", flags.join(", "))
            };
            BadValue::new(subject, format!("{alias} has no field for {}", flag(field)))
                .hint(format!("{takes}; use --set PATH=VALUE for any other field"))
                .into()
        }
        err => said_of(err, subject, true).into(),
    }
}

/// A payload error said of `subject` (a flag, a file, a suite key); `flags` picks hints
/// for the command line rather than a suite.
pub fn said_of(err: PayloadError, subject: Subject, flags: bool) -> BadValue {
    match err {
        PayloadError::NoEquals(text) => BadValue::new(subject, "has no `=`")
            .value(text)
            .hint(SET_HINT),
        PayloadError::NotAPath(path) => BadValue::new(subject, "not a dotted path")
            .value(path)
            .hint(if flags {
                "write e.g. --unset EventTime or --unset MemberList.0"
            } else {
                "write e.g. unset = [\"EventTime\"] or unset = [\"MemberList.0\"]"
            }),
        PayloadError::NoField { alias, field, .. } => {
            BadValue::new(subject, format!("{alias} has no field for {field}"))
        }
        PayloadError::NotAnInteger { text, .. } => {
            BadValue::new(subject, "is not an integer").value(text)
        }
        PayloadError::OneUser { alias, path, .. } => BadValue::new(
            subject,
            format!("takes one user on {alias}: its {path} is a single UserID"),
        ),
        PayloadError::CannotSet { path, why } => {
            let bad = BadValue::new(subject, "cannot be set").value(path).detail(why);
            if flags { bad.hint(SET_HINT) } else { bad }
        }
        PayloadError::NotJson { message, .. } => {
            BadValue::new(subject, "is not valid JSON").detail(message)
        }
        PayloadError::NotObject => BadValue::new(subject, "is not a JSON object")
            .hint("a callback body is one object such as `grpcb example before-create` prints"),
        PayloadError::NoCommand => BadValue::new(
            subject,
            "has no CallbackCommand string to tell which callback it is",
        )
        .hint(if flags {
            "name the callback, e.g. `grpcb send before-create --fixture FILE`"
        } else {
            "name the callback"
        }),
        PayloadError::UnknownCommand(unknown) => {
            unknown_callback(unknown, subject, "; or name the callback to send it anyway")
        }
        PayloadError::CommandMismatch {
            alias,
            command,
            given,
        } => BadValue::new(
            subject,
            format!("its CallbackCommand is not the callback named, {alias} ({command})"),
        )
        .detail(format!("the fixture says `{given}`"))
        .hint(if flags {
            format!(
                "name the fixture's callback (or none, to use it), or send it as {alias} anyway with \
                 --set CallbackCommand={command}"
            )
        } else {
            format!(
                "name the fixture's callback, or send it as {alias} anyway with \
                 set = {{ CallbackCommand = \"{command}\" }}"
            )
        }),
    }
}
