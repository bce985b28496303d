//! `grpcb run`: contract suites for CI. Every case of every suite is checked first; then the
//! cases run (`engine::suite`), each reported (its line, its JSON, its JUnit testcase) in file
//! order as it comes. SIGINT or SIGTERM stops it: no new case starts, the cases in flight are
//! cancelled, the report covers what finished (the rest skipped) and the exit code is 130 or
//! 143.

use crate::app::output::{self, Format, Verbosity};
use crate::app::report_notes;
use crate::app::status::ExitStatus;
use crate::app::stop::Stop;
use crate::cli::RunArgs;
use crate::config::RequestOptions;
use crate::config::suite::{Context, RunPlan};
use crate::engine::report::{CaseResult, Ran, RunTotals};
use crate::engine::suite::Schedule;
use crate::error::Result;
use crate::render::html::run::{RunEnd, RunHtml};
use crate::render::junit::JunitWriter;
use crate::render::report as human;
use crate::render::run::RunJson;
use crate::render::style;
use crate::transport;
use indicatif::ProgressBar;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Longer suites get a progress bar on a terminal.
const PROGRESS_FROM: usize = 20;
/// Names are padded to line up, up to this width.
const NAME_COLUMN: usize = 60;

pub fn run(args: &RunArgs) -> Result<ExitStatus> {
    let format = Format::from(args.output.format);
    let verbosity = args.output.verbosity();

    let flags = args.request.options();
    report_notes(&flags.flag_notes());
    flags.check_given()?;
    // The environment is the lowest layer: checked per case once merged, so a bad
    // GRPCB_URL does not matter when a flag or the suite gives the URL.
    let env = RequestOptions::from_env();
    let context = Context {
        flags,
        env,
        strict: args.strict,
    };
    let jobs = usize::try_from(args.jobs).unwrap_or(1).max(1);
    // One thread: the cases in flight wait on the receiver, not on grpcb's CPU, and handing
    // each case between threads cost more than judging it.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let _runtime = runtime.enter();
    // From here on a signal ends the run with a report, even one that comes while the
    // suites are being checked.
    let stop = Stop::install()?;

    let plan = RunPlan::load(&args.suites, context, args.filter.as_deref())?;
    report_notes(&plan.notes);
    let junit = match &args.junit {
        Some(path) => Some(JunitWriter::create(path)?),
        None => None,
    };
    let html = match &args.html.html {
        Some(path) => Some(RunHtml::create(path)?),
        None => None,
    };
    let printer = Printer {
        format,
        verbosity,
        name_width: plan.longest_name.min(NAME_COLUMN),
        progress: crate::render::progress::cases(
            plan.count,
            plan.count > PROGRESS_FROM && verbosity != Verbosity::Quiet,
        ),
        closed: AtomicBool::new(false),
    };
    let mut sink = Sink {
        printer: &printer,
        json: RunJson::default(),
        junit,
        html,
        totals: RunTotals::default(),
    };
    let started = Instant::now();
    // Plain HTTP over the lean connection (one per job, kept from case to case), the rest
    // over reqwest: the same reports, a fraction of the CPU per case.
    let transport = transport::Auto::new();
    let schedule = Schedule::new(transport, jobs, args.fail_fast, stop.clone());
    let progress = printer.progress.clone();
    runtime.block_on(schedule.run(&plan, move || progress.inc(1), |result| sink.case(result)))?;
    printer.progress.finish_and_clear();

    let Sink {
        junit,
        html,
        totals,
        json,
        ..
    } = sink;
    let stopped = stop.signal();
    // The report files first: CI wants them even when nobody reads stdout to the end.
    if let Some(junit) = junit {
        junit.finish(started.elapsed())?;
    }
    if let Some(html) = html {
        html.finish(&RunEnd {
            totals: &totals,
            planned: plan.count,
            stopped,
            elapsed: started.elapsed(),
            url: args
                .request
                .url
                .as_deref()
                .map(crate::error::secret::shown)
                .as_deref(),
        })?;
    }
    match (format, verbosity) {
        (_, Verbosity::Quiet) => {}
        (Format::Human, _) => printer.stdout(&match stopped {
            Some(signal) => human::stopped_line(signal, &totals, plan.count, style::stdout()),
            None => human::totals_line(&totals),
        }),
        (Format::Json, _) => printer.stdout(&json.end(&totals, stopped)),
    }
    if let Some(signal) = stopped {
        return Ok(signal.status());
    }
    if printer.closed.load(Ordering::SeqCst) {
        // The reader went away (`| head`): the run still finished and the JUnit file is
        // written; say nothing more and exit 0, as every command does on a closed pipe.
        return Ok(ExitStatus::Pass);
    }
    Ok(ExitStatus::from(totals.outcome()))
}

/// Where each case's result goes as it comes, in file order.
struct Sink<'p> {
    printer: &'p Printer,
    json: RunJson,
    junit: Option<JunitWriter>,
    html: Option<RunHtml>,
    totals: RunTotals,
}

impl Sink<'_> {
    fn case(&mut self, result: &CaseResult) -> Result<()> {
        self.totals.count(result);
        if let Some(junit) = &mut self.junit {
            junit.case(result)?;
        }
        if let Some(html) = &mut self.html {
            html.case(result)?;
        }
        let Ok(ran) = &result.ran else {
            return Ok(());
        };
        self.printer.case(&result.name, ran);
        if self.printer.format == Format::Json && self.printer.verbosity != Verbosity::Quiet {
            let text = self.json.case(result);
            self.printer.stdout(&text);
        }
        Ok(())
    }
}

/// Where per-case output goes while the run is going.
struct Printer {
    format: Format,
    verbosity: Verbosity,
    name_width: usize,
    progress: ProgressBar,
    /// stdout was closed by its reader; the run goes on without printing.
    closed: AtomicBool,
}

impl Printer {
    /// Writes to stdout unless its reader has gone; a closed pipe stops output, not the run.
    fn stdout(&self, text: &str) {
        if self.closed.load(Ordering::SeqCst) {
            return;
        }
        let written = self.progress.suspend(|| output::stdout(text));
        if written.is_err() {
            self.closed.store(true, Ordering::SeqCst);
        }
    }

    fn case(&self, name: &str, ran: &Ran) {
        let text = match (self.format, self.verbosity) {
            (_, Verbosity::Quiet) => return,
            (Format::Human, Verbosity::Verbose) => format!(
                "{}{}\n",
                human::case_line(name, self.name_width, ran, style::stdout()),
                human::render(&ran.report, true, style::stdout())
            ),
            (Format::Human, _) => human::case_line(name, self.name_width, ran, style::stdout()),
            (Format::Json, Verbosity::Verbose) => {
                let text = human::render(&ran.report, true, style::stderr());
                self.progress.suspend(|| output::stderr(&text));
                return;
            }
            (Format::Json, _) => return,
        };
        self.stdout(&text);
    }
}
