//! `grpcb schema`: the JSON Schema of a callback's body or answer, or an OpenAPI document, as
//! pretty JSON on stdout or in a file.

use crate::app::output;
use crate::app::status::ExitStatus;
use crate::cli::SchemaArgs;
use crate::config::payload::unknown_callback;
use crate::error::{Result, Subject};
use grpcb_contract::catalog::{self, CALLBACKS, Callback};
use grpcb_contract::schema;

pub fn run(args: &SchemaArgs) -> Result<ExitStatus> {
    let callback = args
        .callback
        .as_deref()
        .map(catalog::find)
        .transpose()
        .map_err(|err| unknown_callback(err, Subject::flag("CALLBACK"), ""))?;
    let document = match (callback, args.openapi, args.answer) {
        (_, true, _) => {
            let callbacks: Vec<&Callback> = match callback {
                Some(callback) => vec![callback],
                None => CALLBACKS.iter().collect(),
            };
            schema::openapi::document(&callbacks, env!("CARGO_PKG_VERSION"))
        }
        (Some(callback), false, false) => schema::body(callback),
        (Some(callback), false, true) => schema::answer(callback),
        (None, false, false) => schema::bodies(),
        (None, false, true) => schema::answers(),
    };
    let text = output::json_text(&document);
    match &args.output {
        Some(path) => output::file(path, "-o", &text)?,
        None => output::stdout(&text)?,
    }
    Ok(ExitStatus::Pass)
}
