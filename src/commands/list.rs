//! `grpcb list`: every callback in the catalog, for people or scripts.

use crate::app::output;
use crate::app::status::ExitStatus;
use crate::cli::{FormatArg, ListArgs};
use crate::error::Result;
use crate::render::list as render;
use grpcb_contract::catalog::Family;

pub fn run(args: &ListArgs) -> Result<ExitStatus> {
    // clap has checked the name against the families.
    let family = args.family.as_deref().and_then(Family::parse);
    let text = match args.format {
        FormatArg::Human => render::table(family),
        FormatArg::Json => output::json_text(&render::as_json(family)),
    };
    output::stdout(&text)?;
    Ok(ExitStatus::Pass)
}
