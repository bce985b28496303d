//! `grpcb example`: the body `send` would POST, as pretty JSON.

use crate::cli::ExampleArgs;
use crate::error::Result;
use crate::output;
use crate::payload;

pub fn run(args: &ExampleArgs) -> Result<u8> {
    let spec = args.payload.spec()?;
    let (callback, fixture) = payload::start(args.callback.as_deref(), &spec)?;
    let body = payload::build(callback, fixture, &spec)?;
    output::stdout(&output::json_text(&body))?;
    Ok(0)
}
