//! `grpcb example`: the body `send` would POST, as pretty JSON.

use crate::app::output;
use crate::app::report_notes;
use crate::app::status::ExitStatus;
use crate::cli::ExampleArgs;
use crate::config::payload as options;
use crate::error::Result;

pub fn run(args: &ExampleArgs) -> Result<ExitStatus> {
    let spec = args.payload.spec()?;
    let (callback, fixture) = options::start(args.callback.as_deref(), &spec)?;
    let built = options::build(callback, fixture.map(|f| f.value), &spec)?;
    report_notes(&built.notes);
    output::stdout(&output::json_text(&built.body))?;
    Ok(ExitStatus::Pass)
}
