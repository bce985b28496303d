//! grpcb: tests the app backends that receive Tencent Cloud IM group callbacks.
//!
//! `run` parses the command line, dispatches to one command, and returns the exit code;
//! `main.rs` only calls it.

pub mod audit;
pub mod bench;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod client;
pub mod commands;
pub mod config;
pub mod curl;
pub mod error;
pub mod input;
pub mod json;
pub mod output;
pub mod payload;
pub mod replay;
pub mod report;
pub mod serve;
pub mod sign;
pub mod stop;
pub mod suite;
pub mod verdict;

use clap::Parser;
use cli::{Cli, Command};
use colored::Colorize;
use error::{Error, exit};
use std::ffi::OsString;
use std::io::IsTerminal;

/// Runs grpcb with these arguments (the first is the program name) and returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version are "errors" with exit code 0; a closed pipe is fine too.
            let _ = err.print();
            return if err.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
        }
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
