//! `grpcb demo`: the zero-setup tour. Starts the reference receiver on a free loopback port
//! with the example rules, sends it every callback of the catalog and the interesting
//! decisions, and reports each check.

use crate::app::output::{self};
use crate::app::status::ExitStatus;
use crate::cli::{DemoArgs, FormatArg};
use crate::config::duration_flag;
use crate::engine::demo;
use crate::error::Result;
use crate::render::demo as render;
use std::time::Duration;

pub fn run(args: &DemoArgs) -> Result<ExitStatus> {
    let pace = args.pace.as_deref().map(pace).transpose()?;
    let rules = demo::demo_rules()?;
    let rule_count = rules.len();
    let scenarios = demo::scenarios();
    let human = args.format == FormatArg::Human;
    let name_width = scenarios
        .iter()
        .map(|s| render::name(s).len())
        .max()
        .unwrap_or(0);
    // People see each check as it ends (the tour may be paced, or stopped halfway).
    let mut show = |step: demo::Step| -> Result<()> {
        match step {
            _ if !human => Ok(()),
            demo::Step::Listening(url) => output::stdout(&render::header(url, rule_count)),
            demo::Step::Checked(scenario, report) => {
                output::stdout(&render::line(scenario, report, name_width))
            }
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let mut client = crate::transport::Client::new()?;
    let tour = runtime.block_on(demo::tour(&mut client, rules, &scenarios, pace, &mut show))?;
    let text = match args.format {
        FormatArg::Human => render::closing(&tour, scenarios.len()),
        FormatArg::Json => output::json_text(&render::as_json(&tour, &scenarios)),
    };
    output::stdout(&text)?;
    Ok(match tour.stopped {
        Some(signal) => signal.status(),
        None if tour.passed() == scenarios.len() => ExitStatus::Pass,
        None => ExitStatus::Broken,
    })
}

fn pace(text: &str) -> Result<Duration> {
    duration_flag("--pace", text)
}
