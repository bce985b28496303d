//! `grpcb run`: contract suites for CI. Every suite is loaded and checked first; then the cases
//! run, up to `--jobs` at a time over one HTTP client, and each line prints as soon as its case
//! and every case before it are done, so the output keeps file order.

use crate::check::check;
use crate::cli::RunArgs;
use crate::client;
use crate::commands::send::exit_code;
use crate::config::RequestOptions;
use crate::error::{BadValue, Result, exit};
use crate::output::{self, Format, Verbosity};
use crate::report::{self, CaseResult, Ran, Totals, human, junit};
use crate::suite::{self, Case, Context};
use crate::verdict::Outcome;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;
use tokio::sync::{Semaphore, mpsc};

/// Longer suites get a progress bar on a terminal.
const PROGRESS_FROM: usize = 20;
/// Names are padded to line up, up to this width.
const NAME_COLUMN: usize = 60;

pub fn run(args: &RunArgs) -> Result<u8> {
    output::decide_color(args.output.color.into());
    let format = Format::from(args.output.format);
    let verbosity = args.output.verbosity();

    let flags = args.request.options();
    flags.check_given()?;
    // The environment is the lowest layer: checked per case once merged, so a bad
    // GRPCB_URL does not matter when a flag or the suite gives the URL.
    let env = RequestOptions::from_env();
    let context = Context {
        flags,
        env,
        strict: args.strict,
    };
    let mut cases = Vec::new();
    for path in &args.suites {
        cases.extend(suite::load(path, &context)?.cases);
    }
    if let Some(filter) = &args.filter {
        let wanted = filter.to_lowercase();
        cases.retain(|case| case.name.to_lowercase().contains(&wanted));
        if cases.is_empty() {
            return Err(BadValue::flag("--filter", filter, "is in no case name").into());
        }
    }
    // Fail on an unwritable report path now, not after the whole run.
    if let Some(path) = &args.junit {
        write_file(path, "")?;
    }

    let printer = Printer {
        format,
        verbosity,
        name_width: cases
            .iter()
            .map(|case| case.name.chars().count())
            .max()
            .unwrap_or(0)
            .min(NAME_COLUMN),
        progress: progress_bar(cases.len(), verbosity),
        closed: AtomicBool::new(false),
    };
    let started = Instant::now();
    let jobs = usize::try_from(args.jobs).unwrap_or(1).max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(jobs.min(std::thread::available_parallelism().map_or(1, usize::from)))
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let http = client::http_client()?;
    let results = runtime.block_on(execute(cases, http, jobs, args.fail_fast, &printer))?;
    printer.progress.finish_and_clear();

    let totals = Totals::of(&results);
    // The report file first: CI wants it even when nobody reads stdout to the end.
    if let Some(path) = &args.junit {
        write_file(path, &junit::render(&results, started.elapsed()))?;
    }
    match (format, verbosity) {
        (_, Verbosity::Quiet) => {}
        (Format::Human, _) => printer.stdout(&human::totals_line(&totals)),
        (Format::Json, _) => {
            printer.stdout(&output::json_text(&report::run_json(&results, &totals)))
        }
    }
    if printer.closed.load(Ordering::SeqCst) {
        // The reader went away (`| head`): the run still finished and the JUnit file is
        // written; say nothing more and exit 0, as every command does on a closed pipe.
        return Ok(exit::OK);
    }
    Ok(exit_code(totals.outcome()))
}

/// Runs the cases and prints each result in file order; returns every case's result,
/// skipped ones included.
async fn execute(
    cases: Vec<Case>,
    http: reqwest::Client,
    jobs: usize,
    fail_fast: bool,
    printer: &Printer,
) -> Result<Vec<CaseResult>> {
    let mut results: Vec<CaseResult> = cases
        .iter()
        .map(|case| CaseResult {
            name: case.name.clone(),
            file: case.file.clone(),
            alias: case.callback.alias,
            ran: None,
        })
        .collect();
    let permits = Arc::new(Semaphore::new(jobs));
    let stop = Arc::new(AtomicBool::new(false));
    let (started, mut in_order) = mpsc::unbounded_channel();
    let progress = printer.progress.clone();
    // Cases start in file order, each once a permit is free; the loop below awaits them in
    // the same order.
    let dispatcher = tokio::spawn(async move {
        for case in cases {
            let Ok(permit) = permits.clone().acquire_owned().await else {
                break;
            };
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let (http, stop, progress) = (http.clone(), stop.clone(), progress.clone());
            let task = tokio::spawn(async move {
                let clock = Instant::now();
                let report =
                    check(&http, &case.config, case.callback, case.body, &case.expect).await;
                if fail_fast && report.verdict != Outcome::Pass {
                    stop.store(true, Ordering::SeqCst);
                }
                progress.inc(1);
                drop(permit);
                Ran {
                    report,
                    elapsed: clock.elapsed(),
                }
            });
            if started.send(task).is_err() {
                break;
            }
        }
    });
    let mut index = 0;
    while let Some(task) = in_order.recv().await {
        let ran = task
            .await
            .map_err(|err| anyhow::anyhow!("a case stopped unexpectedly: {err}"))?;
        if let Some(result) = results.get_mut(index) {
            printer.case(&result.name, &ran);
            result.ran = Some(ran);
        }
        index += 1;
    }
    dispatcher
        .await
        .map_err(|err| anyhow::anyhow!("the case dispatcher stopped unexpectedly: {err}"))?;
    Ok(results)
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
                human::case_line(name, self.name_width, ran),
                human::render(&ran.report, true)
            ),
            (Format::Human, _) => human::case_line(name, self.name_width, ran),
            (Format::Json, Verbosity::Verbose) => {
                let text = human::render(&ran.report, true);
                self.progress.suspend(|| output::stderr(&text));
                return;
            }
            (Format::Json, _) => return,
        };
        self.stdout(&text);
    }
}

/// A bar on stderr for long suites, only when a person watches.
fn progress_bar(cases: usize, verbosity: Verbosity) -> ProgressBar {
    if cases <= PROGRESS_FROM || verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(cases).unwrap_or(u64::MAX)),
        ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} cases, {elapsed}") {
        bar.set_style(style);
    }
    bar
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|err| {
        BadValue::flag(
            "--junit",
            &path.display().to_string(),
            format!("cannot be written ({err})"),
        )
        .into()
    })
}
