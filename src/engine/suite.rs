//! Running the cases of a suite run: every case built again as it starts, up to `jobs` at a
//! time over at most `jobs` clones of one transport (each case takes an idle one and gives it
//! back, so its connection and buffers serve the next case), each handed on (its line, its JSON, its JUnit testcase)
//! as soon as it and every case before it are done, so the output keeps file order and the
//! run holds only the cases in flight. `--fail-fast` starts no case after one that did not
//! pass; SIGINT or SIGTERM starts none and cancels those in flight: they are handed on as not
//! run, with why.

use crate::app::stop::Stop;
use crate::config::suite::{Case, RunPlan};
use crate::engine::check::check;
use crate::engine::report::{CaseResult, NotRun, Ran};
use crate::error::{Error, Result};
use crate::transport::Transport;
use grpcb_contract::verdict::Outcome;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio::task::JoinHandle;

/// How the cases are started: how many at a time, over which transport, until what.
pub struct Schedule<T> {
    transport: T,
    /// Clones of `transport` no case is using: at most one per job.
    idle: Arc<Mutex<Vec<T>>>,
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
    /// Cases go through clones of `transport`, `jobs` at a time (at least one).
    pub fn new(transport: T, jobs: usize, fail_fast: bool, stop: Stop) -> Schedule<T> {
        let jobs = jobs.max(1);
        Schedule {
            transport,
            idle: Arc::new(Mutex::new(Vec::with_capacity(jobs))),
            jobs,
            permits: Arc::new(Semaphore::new(jobs)),
            fail_fast,
            failed: Arc::new(AtomicBool::new(false)),
            stop,
        }
    }

    /// Starts the cases in file order, each once a permit is free, and hands each to
    /// `report` in the same order; `finished` is told of each case as it ends, in any order.
    /// The queue between the two holds `jobs` cases, so a slow case holds up at most that
    /// many finished ones behind it.
    pub async fn run(
        &self,
        plan: &RunPlan,
        finished: impl Fn() + Clone + Send + 'static,
        mut report: impl FnMut(&CaseResult) -> Result<()>,
    ) -> Result<()> {
        let (queue, mut in_order) = mpsc::channel(self.jobs);
        let start = async move {
            let mut stop = self.stop.clone();
            for case in plan.cases() {
                let case = case?;
                let slot = match self.admit(&mut stop).await? {
                    Ok(permit) => {
                        Slot::Running(tokio::spawn(self.case(case, permit, finished.clone())))
                    }
                    Err(why) => Slot::Done(Box::new(not_run(case, why))),
                };
                if queue.send(slot).await.is_err() {
                    break;
                }
            }
            Ok::<(), Error>(())
        };
        let reported = async {
            while let Some(slot) = in_order.recv().await {
                let result = match slot {
                    Slot::Done(result) => *result,
                    Slot::Running(task) => task
                        .await
                        .map_err(|err| anyhow::anyhow!("a case stopped unexpectedly: {err}"))?,
                };
                report(&result)?;
            }
            Ok::<(), Error>(())
        };
        tokio::try_join!(start, reported)?;
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
        finished: impl Fn() + Send + 'static,
    ) -> impl Future<Output = CaseResult> + Send + 'static {
        let mut transport = self.take_transport();
        let (idle, mut stop) = (self.idle.clone(), self.stop.clone());
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
            if let Ok(mut idle) = idle.lock() {
                idle.push(transport);
            }
            finished();
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

impl<T: Clone> Schedule<T> {
    /// An idle transport, or a new clone while fewer than `jobs` exist.
    fn take_transport(&self) -> T {
        self.idle
            .lock()
            .ok()
            .and_then(|mut idle| idle.pop())
            .unwrap_or_else(|| self.transport.clone())
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
