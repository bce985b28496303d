//! `grpcb run`: contract suites for CI. Every case of every suite is checked first; then the
//! cases run, up to `--jobs` at a time over one HTTP client, each built again as it starts
//! and reported (its line, its JSON, its JUnit testcase) as soon as it and every case before
//! it are done, so the output keeps file order and the run holds only the cases in flight.
//! SIGINT or SIGTERM stops it: no new case starts, the cases in flight are cancelled, the
//! report covers what finished (the rest skipped) and the exit code is 130 or 143.

use crate::app::output::{self, Format, Verbosity};
use crate::app::status::ExitStatus;
use crate::app::stop::Stop;
use crate::cli::RunArgs;
use crate::config::RequestOptions;
use crate::config::suite::{Case, Context, RunPlan};
use crate::engine::check::check;
use crate::engine::report::{CaseResult, NotRun, Ran, RunJson, RunTotals};
use crate::error::{Error, Result};
use crate::render::junit::JunitWriter;
use crate::render::report as human;
use crate::render::style;
use crate::transport::{self, Transport};
use grpcb_contract::verdict::Outcome;
use indicatif::ProgressBar;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio::task::JoinHandle;

/// Longer suites get a progress bar on a terminal.
const PROGRESS_FROM: usize = 20;
/// Names are padded to line up, up to this width.
const NAME_COLUMN: usize = 60;

pub fn run(args: &RunArgs) -> Result<ExitStatus> {
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
    let jobs = usize::try_from(args.jobs).unwrap_or(1).max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(jobs.min(std::thread::available_parallelism().map_or(1, usize::from)))
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let _runtime = runtime.enter();
    // From here on a signal ends the run with a report, even one that comes while the
    // suites are being checked.
    let stop = Stop::install()?;

    let plan = RunPlan::load(&args.suites, context, args.filter.as_deref())?;
    for note in &plan.notes {
        output::stderr(&format!("grpcb: {note}\n"));
    }
    let junit = match &args.junit {
        Some(path) => Some(JunitWriter::create(path)?),
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
        totals: RunTotals::default(),
    };
    let started = Instant::now();
    // Every case's exchange goes through this client (its clones share its connections).
    let transport = transport::Client::new()?;
    let schedule = Schedule::new(transport, jobs, args.fail_fast, stop.clone());
    runtime.block_on(schedule.run(&plan, &mut sink))?;
    printer.progress.finish_and_clear();

    let Sink {
        junit,
        totals,
        json,
        ..
    } = sink;
    let stopped = stop.signal();
    // The report file first: CI wants it even when nobody reads stdout to the end.
    if let Some(junit) = junit {
        junit.finish(started.elapsed())?;
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

/// How the cases are started: how many at a time, over which transport, until what.
struct Schedule<T> {
    transport: T,
    jobs: usize,
    /// One per case running.
    permits: Arc<Semaphore>,
    fail_fast: bool,
    /// A case did not pass (under `--fail-fast`, no new case starts).
    failed: Arc<AtomicBool>,
    stop: Stop,
}

/// A case in the order of the report: running, or already decided.
enum Slot {
    Running(JoinHandle<CaseResult>),
    Done(Box<CaseResult>),
}

impl<T: Transport + Clone + Send + 'static> Schedule<T> {
    fn new(transport: T, jobs: usize, fail_fast: bool, stop: Stop) -> Schedule<T> {
        Schedule {
            transport,
            jobs,
            permits: Arc::new(Semaphore::new(jobs)),
            fail_fast,
            failed: Arc::new(AtomicBool::new(false)),
            stop,
        }
    }

    /// Starts the cases in file order, each once a permit is free, and reports each in the
    /// same order. The queue between the two holds `jobs` cases, so a slow case holds up
    /// at most that many finished ones behind it.
    async fn run(&self, plan: &RunPlan, sink: &mut Sink<'_>) -> Result<()> {
        let (queue, mut in_order) = mpsc::channel(self.jobs);
        let progress = sink.printer.progress.clone();
        let start = async move {
            let mut stop = self.stop.clone();
            for case in plan.cases() {
                let case = case?;
                let slot = match self.admit(&mut stop).await? {
                    Ok(permit) => {
                        Slot::Running(tokio::spawn(self.case(case, permit, progress.clone())))
                    }
                    Err(why) => Slot::Done(Box::new(not_run(case, why))),
                };
                if queue.send(slot).await.is_err() {
                    break;
                }
            }
            Ok::<(), Error>(())
        };
        let report = async {
            while let Some(slot) = in_order.recv().await {
                let result = match slot {
                    Slot::Done(result) => *result,
                    Slot::Running(task) => task
                        .await
                        .map_err(|err| anyhow::anyhow!("a case stopped unexpectedly: {err}"))?,
                };
                sink.case(&result)?;
            }
            Ok::<(), Error>(())
        };
        tokio::try_join!(start, report)?;
        Ok(())
    }

    /// A permit for the next case once one is free, or why the case may not start.
    async fn admit(&self, stop: &mut Stop) -> Result<Result<OwnedSemaphorePermit, NotRun>> {
        if let Some(why) = self.why_not() {
            return Ok(Err(why));
        }
        let permit = tokio::select! {
            biased;
            signal = stop.wait() => return Ok(Err(NotRun::Signal(signal))),
            permit = self.permits.clone().acquire_owned() => permit
                .map_err(|err| anyhow::anyhow!("the case permits closed: {err}"))?,
        };
        // A case that did not pass may have ended while this one waited.
        Ok(match self.why_not() {
            Some(why) => Err(why),
            None => Ok(permit),
        })
    }

    /// Why no further case may start, if none may.
    fn why_not(&self) -> Option<NotRun> {
        if let Some(signal) = self.stop.signal() {
            Some(NotRun::Signal(signal))
        } else if self.failed.load(Ordering::SeqCst) {
            Some(NotRun::FailFast)
        } else {
            None
        }
    }

    /// Sends one case and judges the answer, unless a signal comes first.
    fn case(
        &self,
        case: Case,
        permit: OwnedSemaphorePermit,
        progress: ProgressBar,
    ) -> impl Future<Output = CaseResult> + Send + 'static {
        let (mut transport, mut stop) = (self.transport.clone(), self.stop.clone());
        let (fail_fast, failed) = (self.fail_fast, self.failed.clone());
        async move {
            let Case {
                name,
                file,
                callback,
                body,
                config,
                expect,
                ..
            } = case;
            let clock = Instant::now();
            let ran = tokio::select! {
                biased;
                signal = stop.wait() => Err(NotRun::Interrupted(signal)),
                report = check(&mut transport, &config, callback, body, &expect) => Ok(Ran {
                    report,
                    elapsed: clock.elapsed(),
                }),
            };
            if fail_fast
                && ran
                    .as_ref()
                    .is_ok_and(|ran| ran.report.verdict != Outcome::Pass)
            {
                failed.store(true, Ordering::SeqCst);
            }
            progress.inc(1);
            drop(permit);
            CaseResult {
                name,
                file,
                alias: callback.alias,
                ran,
            }
        }
    }
}

fn not_run(case: Case, why: NotRun) -> CaseResult {
    CaseResult {
        name: case.name,
        file: case.file,
        alias: case.callback.alias,
        ran: Err(why),
    }
}

/// Where each case's result goes as it comes, in file order.
struct Sink<'p> {
    printer: &'p Printer,
    json: RunJson,
    junit: Option<JunitWriter>,
    totals: RunTotals,
}

impl Sink<'_> {
    fn case(&mut self, result: &CaseResult) -> Result<()> {
        self.totals.count(result);
        if let Some(junit) = &mut self.junit {
            junit.case(result)?;
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
