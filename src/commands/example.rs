//! `grpcb example`: the body `send` would POST, as pretty JSON.

use crate::cli::ExampleArgs;
use crate::error::Result;
use crate::output;
use crate::payload_options;

pub fn run(args: &ExampleArgs) -> Result<u8> {
    let spec = args.payload.spec()?;
    let (callback, fixture) = payload_options::start(args.callback.as_deref(), &spec)?;
    let body = payload_options::build(callback, fixture, &spec)?;
    output::stdout(&output::json_text(&body))?;
    Ok(0)
}
