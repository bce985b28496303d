//! `grpcb send`: build one callback, POST it, judge the answer, report.

use crate::app::output::{self, Format, Verbosity};
use crate::app::report_notes;
use crate::app::status::ExitStatus;
use crate::cli::SendArgs;
use crate::config::payload as options;
use crate::engine::check::check_sent_as;
use crate::error::Result;
use crate::render::curl;
use crate::render::report as human;
use crate::render::style;
use crate::transport;

pub fn run(args: &SendArgs) -> Result<ExitStatus> {
    let request = args.request.options();
    let config = request.clone().validate()?;
    let mut spec = args.payload.spec()?;
    spec.sdkappid = Some(config.sdkappid.clone());
    let expect = args.expect.expectations();
    let format = Format::from(args.output.format);
    let verbosity = args.output.verbosity();

    let (callback, fixture) = options::start(args.callback.as_deref(), &spec)?;
    report_notes(&request.flag_notes_for(callback));
    let built = options::build(callback, fixture.as_ref().map(|f| f.value.clone()), &spec)?;
    report_notes(&built.notes);
    let (bytes, notes) = fixture
        .as_ref()
        .map(|fixture| options::exact_bytes(fixture, &built, &spec))
        .unwrap_or_default();
    report_notes(&notes);
    let body = built.body;
    report_notes(&crate::config::check_expectations(
        &expect, callback, &body,
    )?);
    if args.curl.curl {
        let mut request = transport::prepare(&config, callback, body);
        if let Some(bytes) = bytes {
            request.bytes = bytes;
        }
        let text = curl::command(callback, &request, config.timeout);
        output::stdout(&text)?;
        return Ok(ExitStatus::Pass);
    }
    let mut client = transport::Client::new()?;
    let report = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?
        .block_on(check_sent_as(
            &mut client,
            &config,
            callback,
            body,
            bytes,
            &expect,
        ));

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
