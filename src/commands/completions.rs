//! `grpcb completions`: completion scripts from the same clap command that parses the flags.

use crate::app::output;
use crate::app::status::ExitStatus;
use crate::cli::{CompletionsArgs, completions::script};
use crate::error::Result;

pub fn run(args: &CompletionsArgs) -> Result<ExitStatus> {
    output::stdout(&script(args.shell))?;
    Ok(ExitStatus::Pass)
}
