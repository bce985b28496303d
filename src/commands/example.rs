//! `grpcb example`: the body `send` would POST, as pretty JSON.

use crate::app::output;
use crate::app::status::ExitStatus;
use crate::cli::ExampleArgs;
use crate::config::payload as options;
use crate::error::Result;

pub fn run(args: &ExampleArgs) -> Result<ExitStatus> {
    let spec = args.payload.spec()?;
    let (callback, fixture) = options::start(args.callback.as_deref(), &spec)?;
    let body = options::build(callback, fixture, &spec)?;
    output::stdout(&output::json_text(&body))?;
    Ok(ExitStatus::Pass)
}
