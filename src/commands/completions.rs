//! `grpcb completions`: completion scripts from the same clap command that parses the flags.

use crate::app::output;
use crate::app::status::ExitStatus;
use crate::cli::{self, CompletionsArgs};
use crate::error::Result;

pub fn run(args: &CompletionsArgs) -> Result<ExitStatus> {
    output::stdout(&script(args.shell))?;
    Ok(ExitStatus::Pass)
}

/// The completion script for one shell, as committed under `completions/`.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut cli::command(), "grpcb", &mut buffer);
    String::from_utf8_lossy(&buffer).into_owned()
}
