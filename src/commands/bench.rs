//! `grpcb bench`: load a receiver with one callback, judge every answer, report the run.

use crate::app::output::{self, Format, Verbosity};
use crate::app::report_notes;
use crate::app::status::ExitStatus;
use crate::app::stop::Stop;
use crate::cli::BenchArgs;
use crate::config::payload as options;
use crate::engine::bench::template::Bodies;
use crate::engine::bench::{self, LoadPlan, LoadProgress};
use crate::error::{BadValue, Result};
use crate::render::bench as report;
use crate::render::report as human;
use crate::render::style;
use crate::transport::{self, http1};
use reqwest::Url;

pub fn run(args: &BenchArgs) -> Result<ExitStatus> {
    let request = args.request.options();
    report_notes(&request.flag_notes());
    let config = request.validate()?;
    let load = args.load.options().validate()?;
    let mut spec = args.payload.spec()?;
    spec.sdkappid = Some(config.sdkappid.clone());
    let expect = args.expect.expectations();
    let format = Format::from(args.output.format);
    let verbosity = args.output.verbosity();

    let (callback, fixture) = options::start(args.callback.as_deref(), &spec)?;
    crate::config::check_reachable(&expect, callback)?;
    let bodies = Bodies::new(callback, fixture, &spec, &args.payload.sets, load.seed)?;
    report_notes(&bodies.notes);
    let html = args
        .html
        .html
        .as_deref()
        .map(crate::render::html::HtmlFile::create)
        .transpose()?;
    let plan = LoadPlan {
        callback,
        config,
        bodies,
        expect,
        load,
        keep_first: verbosity == Verbosity::Verbose,
    };
    // The progress line is for a person watching; a pipe or a CI log gets only the report.
    let bar = crate::render::progress::counts(verbosity != Verbosity::Quiet);
    let progress: Option<Box<dyn FnMut(LoadProgress)>> = bar.clone().map(|bar| {
        Box::new(move |progress: LoadProgress| bar.set_message(report::progress_line(&progress)))
            as Box<dyn FnMut(LoadProgress)>
    });
    let url = plan.config.url.clone();
    let summary = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?
        .block_on(async {
            let mut stop = Stop::install()?;
            let stopped = async move { stop.wait().await };
            // Plain HTTP goes through the lean client (on loopback hyper's machinery costs
            // more CPU than signing and judging); TLS through reqwest, as `send` does.
            if url.scheme() == "http" {
                // Once here: a URL it cannot use is an input error before the run starts.
                lean(&url)?;
                bench::run(plan, move || lean(&url), stopped, progress).await
            } else {
                let client = || Ok(transport::Client::new()?);
                bench::run(plan, client, stopped, progress).await
            }
        })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // The page first: CI wants it even when nobody reads stdout to the end.
    if let Some(html) = html {
        html.write(&crate::render::html::bench::page_of(&summary))?;
    }
    if let Some(first) = &summary.first {
        output::stderr(&human::render(first, true, style::stderr()));
    }
    match (format, verbosity) {
        (_, Verbosity::Quiet) => {}
        (Format::Human, _) => output::stdout(&report::human(&summary))?,
        (Format::Json, _) => {
            output::stdout(&output::json_text(&report::json(&summary)))?;
        }
    }
    // A run a signal stopped is partial: it exits as the signal says, never judged.
    Ok(match summary.signal() {
        Some(signal) => signal.status(),
        None => ExitStatus::from(summary.outcome()),
    })
}

/// A lean HTTP/1.1 connection to `url`.
fn lean(url: &Url) -> Result<http1::Connection> {
    http1::Connection::new(url, &[]).map_err(|why| {
        BadValue::flag("--url", url.as_str(), "cannot be used")
            .detail(why)
            .into()
    })
}
