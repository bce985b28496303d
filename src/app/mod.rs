//! The process: the runtime, the stop signal, where output goes.

pub mod log;
pub mod output;
pub mod status;
pub mod stop;

use crate::cli::Command;
use crate::commands;
use crate::error::{Error, Note};
use std::ffi::OsString;

/// Runs grpcb with these arguments (the first is the program name) and returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> u8 {
    let args: Vec<OsString> = args.into_iter().collect();
    // Known before clap speaks: its errors echo values, and none may show a token.
    crate::error::secret::remember_from_args(&args);
    let cli = match crate::cli::parse::parse(&args) {
        Ok(cli) => cli,
        Err(status) => return status.code(),
    };
    // The one colour decision, per stream, before anything is written.
    crate::render::style::decide(cli.command.color());
    let result = match &cli.command {
        Command::Send(args) => commands::send::run(args),
        Command::Example(args) => commands::example::run(args),
        Command::List(args) => commands::list::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Run(args) => commands::run::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Listen(args) => commands::listen::run(args),
        Command::Replay(args) => commands::replay::run(args),
        Command::Demo(args) => commands::demo::run(args),
        Command::Audit(args) => commands::audit::run(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::Fuzz(args) => commands::fuzz::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Sign(args) => commands::sign::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::man::run(args),
    };
    match result {
        Ok(status) => status.code(),
        Err(err) => {
            report_error(&err);
            err.status().code()
        }
    }
}

/// One line on stderr for each note about what the user asked for.
pub fn report_notes(notes: &[Note]) {
    for note in notes {
        output::stderr(&format!("grpcb: {note}\n"));
    }
}

/// One line on stderr for an error that stopped a command (a broken pipe says nothing).
pub fn report_error(err: &Error) {
    if matches!(err, Error::BrokenPipe) {
        return;
    }
    let label = crate::render::style::stderr().bad("error:");
    output::stderr(&format!("grpcb: {label} {err:#}\n"));
}
