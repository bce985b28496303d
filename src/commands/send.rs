//! `grpcb send`: build one callback, POST it, judge the answer, report.

use crate::app::output::{self, Format, Verbosity};
use crate::app::report_notes;
use crate::app::status::ExitStatus;
use crate::cli::SendArgs;
use crate::config::payload as options;
use crate::engine::check::check;
use crate::error::Result;
use crate::render::curl;
use crate::render::report as human;
use crate::render::style;
use crate::transport;

pub fn run(args: &SendArgs) -> Result<ExitStatus> {
    let request = args.request.options();
    report_notes(&request.flag_notes());
    let config = request.validate()?;
    let mut spec = args.payload.spec()?;
    spec.sdkappid = Some(config.sdkappid.clone());
    let expect = args.expect.expectations();
    let format = Format::from(args.output.format);
    let verbosity = args.output.verbosity();

    let (callback, fixture) = options::start(args.callback.as_deref(), &spec)?;
    crate::config::check_reachable(&expect, callback)?;
    let built = options::build(callback, fixture, &spec)?;
    report_notes(&built.notes);
    let body = built.body;
    if args.curl.curl {
        let request = transport::prepare(&config, callback, body);
        let text = curl::command(&request, config.timeout);
        output::stdout(&text)?;
        return Ok(ExitStatus::Pass);
    }
    let mut client = transport::Client::new()?;
    let report = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?
        .block_on(check(&mut client, &config, callback, body, &expect));

    match (format, verbosity) {
        (_, Verbosity::Quiet) => {}
        (Format::Human, verbosity) => {
            output::stdout(&human::render(
                &report,
                verbosity == Verbosity::Verbose,
                style::stdout(),
            ))?;
        }
        (Format::Json, verbosity) => {
            if verbosity == Verbosity::Verbose {
                output::stderr(&human::render(&report, true, style::stderr()));
            }
            output::stdout(&output::json_text(&report.to_json()))?;
        }
    }
    Ok(ExitStatus::from(report.verdict))
}
