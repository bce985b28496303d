//! The engine behind `grpcb bench`: load a receiver as Tencent IM would, every request signed
//! anew and carrying its own templated IDs, every answer judged with the verdict of `send`.
//!
//! Threads: one per core (at most one per connection), each with its own single-threaded
//! runtime, its connections and its `Tally`; the tallies are merged at the end. Requests are
//! numbered from one shared counter, so `-n` is exact and `{{seq}}` unique. In the default
//! closed loop each connection sends, waits for the answer, and sends again; with `--rate`
//! request `i` is due at `start + i / rate` whatever the answers, and its latency counts from
//! then, so a receiver that falls behind shows up as latency instead of lower offered load
//! (no coordinated omission).

pub mod tally;
pub mod template;

use crate::app::stop::Signal;
use crate::config::RequestConfig;
use crate::config::load::{Load, Until};
use crate::engine::report::Report;
use crate::error::{Error, Result};
use crate::transport::{Outgoing, Target, Transport, UrlCache};
use grpcb_contract::catalog::Callback;
use grpcb_contract::exchange::{FailureKind, Response, TransportFailure};
use grpcb_contract::verdict::{self, Expectations, Outcome};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tally::Tally;
use template::Bodies;
use tokio::sync::{mpsc, watch};

/// A run with `-n` stops after this long even if not all requests were sent.
pub const MAX_RUN: Duration = Duration::from_secs(600);

/// Everything a run needs, checked.
pub struct LoadPlan {
    pub callback: &'static Callback,
    pub config: RequestConfig,
    pub bodies: Bodies,
    pub expect: Expectations,
    pub load: Load,
    /// Keep the first exchange, in full, for the report.
    pub keep_first: bool,
}

/// Why a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum EndReason {
    /// Every request of `-n` was sent.
    Requests,
    /// `--duration` (or the default) ran out.
    Duration,
    /// `-n` was not reached within `MAX_RUN`.
    Cap,
    /// SIGINT (Ctrl-C) or SIGTERM: the report is partial and nothing is judged.
    Signal(Signal),
}

impl EndReason {
    /// `requests`, `duration`, `cap` or `signal`, as the JSON report says it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A finished run.
pub struct Summary {
    pub callback: &'static Callback,
    /// The receiver URL as given (before the query IM appends).
    pub url: String,
    pub load: Load,
    pub templated: bool,
    pub stopped: EndReason,
    pub elapsed: Duration,
    pub tally: Tally,
    /// The first exchange in full, when asked for.
    pub first: Option<Report>,
}

/// A threshold the run broke.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Broken {
    /// The p99 is over `--max-p99`; or, `at_least`, it is a timed-out request's (the p99 is
    /// at least the timeout) and may be over it: not shown within, so not met.
    P99 {
        p99: Duration,
        max: Duration,
        at_least: bool,
    },
    ErrorRate {
        rate: f64,
        max: f64,
    },
}

impl Summary {
    /// Completed requests per second.
    pub fn rate(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.tally.sent as f64 / seconds
        } else {
            0.0
        }
    }

    /// (errored + failed) / sent × 100; 0 when nothing was sent.
    pub fn error_rate(&self) -> f64 {
        if self.tally.sent == 0 {
            0.0
        } else {
            (self.tally.errored + self.tally.failed) as f64 * 100.0 / self.tally.sent as f64
        }
    }

    /// Thresholds the run broke. Timed-out requests count in the p99 as the timeout: when
    /// the p99 is one of theirs it is only a lower bound, and `--max-p99` is not met. Without
    /// answers there is no p99 to compare; the run is an error then, whatever the thresholds
    /// say.
    pub fn broken(&self) -> Vec<Broken> {
        let thresholds = self.load.thresholds;
        let mut broken = Vec::new();
        let at_least = self.tally.at_least(0.99);
        if let (Some(max), Some(p99)) = (thresholds.max_p99, self.tally.quantile(0.99))
            && (p99 > max || at_least)
        {
            broken.push(Broken::P99 { p99, max, at_least });
        }
        if self.error_rate() > thresholds.max_error_rate {
            broken.push(Broken::ErrorRate {
                rate: self.error_rate(),
                max: thresholds.max_error_rate,
            });
        }
        broken
    }

    /// The signal that stopped the run, if one did.
    pub fn signal(&self) -> Option<Signal> {
        match self.stopped {
            EndReason::Signal(signal) => Some(signal),
            _ => None,
        }
    }

    /// error: nothing answered; fail: a threshold broken; else pass. Only meaningful for a
    /// run that was not stopped by a signal (see `signal`).
    pub fn outcome(&self) -> Outcome {
        if self.tally.answered() == 0 {
            Outcome::Error
        } else if !self.broken().is_empty() {
            Outcome::Fail
        } else {
            Outcome::Pass
        }
    }
}

/// A look at a run in progress, once a second.
#[derive(Clone, Copy, Debug)]
pub struct LoadProgress {
    pub elapsed: Duration,
    pub sent: u64,
    /// Errored or failed so far.
    pub bad: u64,
}

/// Runs the plan until it is done or `stop` resolves with a signal, then waits for the
/// requests in flight (each ends within the timeout) and sums up. `progress` is called once
/// a second. Each load thread gets its transport from `connect`; its connections are clones
/// of that one.
pub async fn run<T: Transport + Clone + 'static>(
    plan: LoadPlan,
    connect: impl Fn() -> Result<T> + Send + Sync + 'static,
    stop: impl Future<Output = Signal>,
    mut progress: Option<Box<dyn FnMut(LoadProgress)>>,
) -> Result<Summary> {
    let load = plan.load;
    let connections = match load.until {
        Until::Requests(requests) => load
            .concurrency
            .min(usize::try_from(requests).unwrap_or(usize::MAX)),
        Until::Duration(_) => load.concurrency,
    };
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = cores.min(connections).max(1);
    let target = Target::new(&plan.config, plan.callback);
    let (stop_sender, stop_receiver) = watch::channel(false);
    let start = Instant::now();
    let (limit, deadline) = match load.until {
        Until::Requests(requests) => (requests, start + MAX_RUN),
        Until::Duration(duration) => (u64::MAX, start + duration),
    };
    let shared = Arc::new(Shared {
        target,
        plan,
        connect: Box::new(connect),
        next: AtomicU64::new(0),
        limit,
        start,
        deadline,
        stopping: AtomicBool::new(false),
        stop: stop_receiver,
        counters: (0..threads).map(|_| Counters::default()).collect(),
        first: Mutex::new(None),
        abort: Mutex::new(None),
    });

    let (done_sender, mut done) = mpsc::unbounded_channel::<Result<Tally>>();
    let mut handles = Vec::with_capacity(threads);
    for index in 0..threads {
        let share = connections / threads + usize::from(index < connections % threads);
        let shared = shared.clone();
        let done_sender = done_sender.clone();
        let handle = std::thread::Builder::new()
            .name(format!("grpcb-bench-{index}"))
            .spawn(move || {
                let _ = done_sender.send(thread_main(&shared, index, share));
            })
            .map_err(|err| anyhow::anyhow!("cannot start a load thread: {err}"))?;
        handles.push(handle);
    }
    drop(done_sender);

    let mut total = Tally::new()?;
    let mut failure = None;
    let mut signalled = None;
    let mut stop = std::pin::pin!(stop);
    let second = Duration::from_secs(1);
    let mut ticker = tokio::time::interval_at((start + second).into(), second);
    loop {
        tokio::select! {
            tally = done.recv() => match tally {
                Some(Ok(tally)) => total.merge(tally),
                Some(Err(err)) => failure = Some(err),
                None => break,
            },
            signal = &mut stop, if signalled.is_none() => {
                signalled = Some(signal);
                shared.stopping.store(true, Ordering::SeqCst);
                let _ = stop_sender.send(true);
            }
            _ = ticker.tick(), if progress.is_some() => {
                if let Some(show) = progress.as_mut() {
                    show(shared.progress());
                }
            }
        }
    }
    let elapsed = start.elapsed();
    for handle in handles {
        let _ = handle.join();
    }
    if let Some(err) = shared.abort.lock().ok().and_then(|mut abort| abort.take()) {
        return Err(err);
    }
    if let Some(err) = failure {
        return Err(err);
    }
    let stopped = match (signalled, load.until) {
        (Some(signal), _) => EndReason::Signal(signal),
        (None, Until::Duration(_)) => EndReason::Duration,
        (None, Until::Requests(requests)) if total.sent >= requests => EndReason::Requests,
        (None, Until::Requests(_)) => EndReason::Cap,
    };
    let first = shared.first.lock().ok().and_then(|mut first| first.take());
    Ok(Summary {
        callback: shared.plan.callback,
        url: crate::error::secret::shown(shared.plan.config.url.as_str()).into_owned(),
        load,
        templated: !shared.plan.bodies.is_fixed(),
        stopped,
        elapsed,
        tally: total,
        first,
    })
}

/// What every thread shares: the plan, the request counter and the stop signal.
struct Shared<T> {
    plan: LoadPlan,
    target: Target,
    /// A transport for a thread.
    connect: Box<dyn Fn() -> Result<T> + Send + Sync>,
    /// Requests claimed so far; the next request's number is this plus one.
    next: AtomicU64,
    limit: u64,
    start: Instant,
    /// No request starts (or, open loop, is due) at or after this.
    deadline: Instant,
    stopping: AtomicBool,
    stop: watch::Receiver<bool>,
    counters: Vec<Counters>,
    first: Mutex<Option<Report>>,
    /// An input error met mid-run (a body that cannot be built); stops the run.
    abort: Mutex<Option<Error>>,
}

/// One thread's live counts for the progress line, on its own cache line.
#[derive(Default)]
#[repr(align(128))]
struct Counters {
    sent: AtomicU64,
    bad: AtomicU64,
}

/// A request to send: its number, and in the open loop when it is due.
struct Ticket {
    seq: u64,
    due: Option<Instant>,
}

impl<T> Shared<T> {
    /// The next request, or None when the run is over.
    fn claim(&self) -> Option<Ticket> {
        if self.stopping.load(Ordering::Relaxed) {
            return None;
        }
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        if index >= self.limit {
            return None;
        }
        let due = match self.plan.load.rate {
            Some(rate) => {
                let due = self.start + Duration::from_secs_f64(index as f64 / rate);
                if due >= self.deadline {
                    return None;
                }
                Some(due)
            }
            None if Instant::now() >= self.deadline => return None,
            None => None,
        };
        Some(Ticket {
            seq: index + 1,
            due,
        })
    }

    fn progress(&self) -> LoadProgress {
        let sum = |field: fn(&Counters) -> &AtomicU64| -> u64 {
            self.counters
                .iter()
                .map(|counters| field(counters).load(Ordering::Relaxed))
                .sum()
        };
        LoadProgress {
            elapsed: self.start.elapsed(),
            sent: sum(|counters| &counters.sent),
            bad: sum(|counters| &counters.bad),
        }
    }

    fn abort(&self, err: Error) {
        if let Ok(mut abort) = self.abort.lock() {
            abort.get_or_insert(err);
        }
        self.stopping.store(true, Ordering::SeqCst);
    }
}

/// One thread: its own runtime, its share of the connections, its tally.
fn thread_main<T: Transport + Clone + 'static>(
    shared: &Arc<Shared<T>>,
    index: usize,
    connections: usize,
) -> Result<Tally> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    // One transport per thread: a client's pool belongs to the runtime that made it.
    let transport = (shared.connect)()?;
    let tally = Rc::new(RefCell::new(Tally::new()?));
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async {
        let tasks: Vec<_> = (0..connections)
            .map(|_| {
                tokio::task::spawn_local(connection(
                    shared.clone(),
                    index,
                    transport.clone(),
                    tally.clone(),
                ))
            })
            .collect();
        for task in tasks {
            let _ = task.await;
        }
    });
    Ok(tally.replace(Tally::new()?))
}

/// One connection: claim a request, wait until it is due (open loop), build, sign, send,
/// judge, count; until the run is over.
async fn connection<T: Transport>(
    shared: Arc<Shared<T>>,
    thread: usize,
    mut transport: T,
    tally: Rc<RefCell<Tally>>,
) {
    let plan = &shared.plan;
    let timeout = plan.config.timeout;
    let mut stop = shared.stop.clone();
    let mut urls = UrlCache::default();
    while let Some(ticket) = shared.claim() {
        if let Some(due) = ticket.due {
            tokio::select! {
                () = tokio::time::sleep_until(due.into()) => {}
                _ = stop.wait_for(|stopping| *stopping) => break,
            }
        }
        let (body, bytes) = match plan.bodies.body(ticket.seq) {
            Ok(built) => built,
            Err(err) => {
                shared.abort(err);
                break;
            }
        };
        let url = urls.url_text(&shared.target);
        let request = Outgoing {
            url,
            headers: &shared.target.headers,
            bytes: &bytes,
        };
        let exchange = transport.send(request, timeout).await;
        let latency = match (&exchange, ticket.due) {
            (Ok(_), Some(due)) => due.elapsed(),
            (Ok(answer), None) => answer.latency,
            // A timed-out request took the timeout at least: it counts as that, never as
            // nothing, in the percentiles and the 2 s budget.
            (Err(failure), due) if failure.kind == FailureKind::Timeout => {
                due.map_or(timeout, |due| due.elapsed().max(timeout))
            }
            (Err(_), _) => Duration::ZERO,
        };
        let verdict = verdict::judge(plan.callback, &body, &exchange, &plan.expect);
        // Request 1 is kept whole for `-v`.
        if plan.keep_first && ticket.seq == 1 {
            keep_first(&shared, url, &body, &exchange, verdict.clone());
        }
        let counters = &shared.counters[thread];
        counters.sent.fetch_add(1, Ordering::Relaxed);
        if verdict.outcome != Outcome::Pass {
            counters.bad.fetch_add(1, Ordering::Relaxed);
        }
        tally.borrow_mut().record(&verdict, &exchange, latency);
    }
}

/// Keeps request 1 and its judged answer, for `-v`.
fn keep_first<T>(
    shared: &Shared<T>,
    url: &str,
    body: &serde_json::Value,
    exchange: &std::result::Result<Response, TransportFailure>,
    verdict: verdict::Verdict,
) {
    let Ok(url) = reqwest::Url::parse(url) else {
        return;
    };
    let request = shared.target.request_to(url, body.clone());
    let report = Report::new(
        shared.plan.callback,
        &request,
        exchange.as_ref().ok(),
        verdict,
    );
    if let Ok(mut first) = shared.first.lock() {
        *first = Some(report);
    }
}
