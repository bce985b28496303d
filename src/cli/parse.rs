//! What clap found wrong with the command line (or the help it was asked for): printed, and
//! its exit code, the only mapping of clap's error kinds to exit codes.

use crate::app::output;
use crate::app::status::ExitStatus;
use crate::cli::{self, Cli};
use crate::error;
use clap::Parser;
use std::ffi::OsString;

/// The parsed command line, or the exit code after clap's message (or help) was printed.
pub fn parse(args: &[OsString]) -> Result<Cli, ExitStatus> {
    Cli::try_parse_from(args).map_err(|err| command_line_error(&err, args))
}

/// What clap found wrong with the command line (or the help it was asked for), printed, and
/// the exit code. A value the user typed that holds a token is not echoed.
fn command_line_error(err: &clap::Error, args: &[OsString]) -> ExitStatus {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(text)) => Some(text.as_str()),
        _ => None,
    };
    // What the user typed: the value, or for an unknown argument the argument itself.
    let unknown = matches!(
        err.kind(),
        ErrorKind::UnknownArgument | ErrorKind::InvalidSubcommand
    );
    let typed = if unknown {
        context(ContextKind::InvalidArg).or(context(ContextKind::InvalidSubcommand))
    } else {
        context(ContextKind::InvalidValue)
    };
    match typed.filter(|typed| error::secret::in_text(typed)) {
        Some(typed) => {
            let flag = if unknown {
                "an argument"
            } else {
                context(ContextKind::InvalidArg).unwrap_or("an argument")
            };
            let bad = error::BadValue::flag(flag, typed, "cannot be used here")
                .hint("`grpcb help` lists the commands, `grpcb COMMAND --help` their flags");
            crate::render::style::decide(Default::default());
            crate::app::report_error(&bad.into());
        }
        // A closed pipe while printing help is fine.
        None => {
            let _ = err.print();
        }
    }
    if err.kind() == ErrorKind::DisplayHelp
        && let Some(examples) = cli::examples(help_topic(args).as_deref())
    {
        let _ = output::stdout(&format!("\n{examples}\n"));
    }
    command_line_exit_code(err)
}

/// The only mapping of clap's error kinds to exit codes: `--help` and `--version` exit 0; a
/// value that cannot be used exits 4, as when grpcb finds it (`--expect-code abc`,
/// `--format xml`, `--jobs 0`); any other mistake (an unknown flag, a missing argument or
/// value, conflicting flags) exits 2.
fn command_line_exit_code(err: &clap::Error) -> ExitStatus {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let no_value = matches!(
        err.get(ContextKind::InvalidValue),
        Some(ContextValue::String(value)) if value.is_empty()
    );
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => ExitStatus::Pass,
        // "a value is required for '--url <URL>' but none was supplied"
        ErrorKind::InvalidValue if no_value => ExitStatus::Usage,
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => {
            ExitStatus::BadInput
        }
        ErrorKind::Io | ErrorKind::Format => ExitStatus::Internal,
        _ => ExitStatus::Usage,
    }
}

/// The subcommand whose help was asked for (`grpcb send --help`, `grpcb help send`), or
/// `None` for grpcb's own. Every flag before a subcommand is a flag of grpcb itself, which
/// takes no value.
fn help_topic(args: &[OsString]) -> Option<String> {
    let mut words = args
        .iter()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .filter(|word| !word.starts_with('-'));
    match words.next() {
        Some(word) if word == "help" => words.next(),
        other => other,
    }
}
