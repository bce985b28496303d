//! grpcb: tests the app backends that receive Tencent Cloud IM group callbacks.
//!
//! `run` parses the command line, dispatches to one command, and returns the exit code;
//! `main.rs` only calls it.

pub mod audit;
pub mod bench;
pub mod check;
pub mod cli;
pub mod client;
pub mod commands;
pub mod config;
pub mod curl;
pub mod error;
pub mod input;
pub mod output;
pub mod payload_options;
pub mod replay;
pub mod report;
pub mod secret;
pub mod serve;
pub mod stop;
pub mod suite;
pub mod transform;

// Until the CLI's layers have their folders, the contract's modules keep their old paths.
pub use grpcb_contract::{catalog, json, payload, sign, verdict};

use clap::Parser;
use cli::{Cli, Command};
use colored::Colorize;
use error::{Error, exit};
use std::ffi::OsString;
use std::io::IsTerminal;

/// Runs grpcb with these arguments (the first is the program name) and returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> u8 {
    let args: Vec<OsString> = args.into_iter().collect();
    // Known before clap speaks: its errors echo values, and none may show a token.
    secret::remember_from_args(&args);
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(err) => return command_line_error(&err, &args),
    };
    let result = match &cli.command {
        Command::Send(args) => commands::send::run(args),
        Command::Example(args) => commands::example::run(args),
        Command::List(args) => commands::list::run(args),
        Command::Run(args) => commands::run::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Replay(args) => commands::replay::run(args),
        Command::Demo(args) => commands::demo::run(args),
        Command::Audit(args) => commands::audit::run(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::Sign(args) => commands::sign::run(args),
        Command::Completions(args) => commands::completions::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            report_error(&err);
            err.exit_code()
        }
    }
}

/// What clap found wrong with the command line (or the help it was asked for), printed, and
/// the exit code. A value the user typed that holds a token is not echoed.
fn command_line_error(err: &clap::Error, args: &[OsString]) -> u8 {
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
    match typed.filter(|typed| secret::in_text(typed)) {
        Some(typed) => {
            let flag = if unknown {
                "an argument"
            } else {
                context(ContextKind::InvalidArg).unwrap_or("an argument")
            };
            let bad = error::BadValue::flag(flag, typed, "cannot be used here")
                .hint("`grpcb help` lists the commands, `grpcb COMMAND --help` their flags");
            report_error(&bad.into());
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
fn command_line_exit_code(err: &clap::Error) -> u8 {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let no_value = matches!(
        err.get(ContextKind::InvalidValue),
        Some(ContextValue::String(value)) if value.is_empty()
    );
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => exit::OK,
        // "a value is required for '--url <URL>' but none was supplied"
        ErrorKind::InvalidValue if no_value => exit::USAGE,
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => {
            exit::INPUT
        }
        ErrorKind::Io | ErrorKind::Format => exit::INTERNAL,
        _ => exit::USAGE,
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

/// One line on stderr for an error that stopped a command (a broken pipe says nothing).
fn report_error(err: &Error) {
    if matches!(err, Error::BrokenPipe) {
        return;
    }
    let label = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        "error:".red().bold().to_string()
    } else {
        "error:".to_string()
    };
    output::stderr(&format!("grpcb: {label} {err:#}\n"));
}
