//! `grpcb example`: the body `send` would POST, as pretty JSON.

use crate::cli::ExampleArgs;
use crate::error::Result;
use crate::output::{self, Redactor};
use crate::payload;

pub fn run(args: &ExampleArgs) -> Result<u8> {
    let spec = args.payload.spec()?;
    let fixture = spec
        .fixture
        .as_ref()
        .map(payload::load_fixture)
        .transpose()?;
    let callback = payload::resolve_callback(args.callback.as_deref(), fixture.as_ref())?;
    let body = payload::build(callback, fixture, &spec)?;
    output::stdout(&output::json_text(&body, &Redactor::default()))?;
    Ok(0)
}
