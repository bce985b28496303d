//! `grpcb list`: every callback in the catalog, for people or scripts.

use crate::app::output;
use crate::app::status::ExitStatus;
use crate::cli::{FormatArg, ListArgs};
use crate::error::Result;
use crate::render::list as render;

pub fn run(args: &ListArgs) -> Result<ExitStatus> {
    let text = match args.format {
        FormatArg::Human => render::table(),
        FormatArg::Json => output::json_text(&render::as_json()),
    };
    output::stdout(&text)?;
    Ok(ExitStatus::Pass)
}
