//! What a fuzz run found, in the field order of its JSON (`docs/cli.md`, "grpcb fuzz"): per
//! callback the cases run, each property, each way it failed with the shrunk body; the
//! totals. Nothing in it depends on timing but the latencies (and how far a run a signal or
//! `--duration` ended got).

use super::shrink::Shrunk;
use super::{CaseRun, Evidence, Failing, FailureKind, FuzzPlan, Property};
use crate::app::stop::Signal;
use crate::config::RequestConfig;
use crate::engine::audit::reading::{decided, decision_text, first_error};
use crate::engine::audit::transform::Transform;
use grpcb_contract::generate::{Style, string_bytes};
use grpcb_contract::verdict::{Code, Decision};
use hdrhistogram::Histogram;
use serde::Serialize;
use serde_json::Value;
use strum::IntoStaticStr;

/// The run as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FuzzVerdict {
    /// Every case of every callback kept every property.
    Pass,
    /// A case failed.
    Fail,
    /// Nothing answered at all.
    Error,
    /// A signal ended the run early.
    Stopped,
}

/// One callback's result, or one property's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// No request of this callback got an answer.
    Error,
    /// No case of this callback ran.
    Skip,
}

/// Why no further case started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// Every case ran (`--cases`).
    Cases,
    /// `--duration` was up.
    Duration,
    /// A signal came.
    Signal(Signal),
}

impl Ended {
    /// The signal that ended the run, if one did.
    pub fn signal(self) -> Option<Signal> {
        match self {
            Ended::Signal(signal) => Some(signal),
            Ended::Cases | Ended::Duration => None,
        }
    }

    /// `cases`, `duration` or `signal`.
    pub fn as_str(self) -> &'static str {
        match self {
            Ended::Cases => "cases",
            Ended::Duration => "duration",
            Ended::Signal(_) => "signal",
        }
    }
}

/// The whole run.
#[derive(Clone, Debug, Serialize)]
pub struct FuzzReport {
    pub url: String,
    /// The seed every case was drawn from: `--seed` repeats the run.
    pub seed: u64,
    /// Cases per callback, at most.
    pub cases: u64,
    /// `--duration`, when given.
    pub duration: Option<String>,
    pub signed: bool,
    pub verdict: FuzzVerdict,
    /// `"signal"` when a signal ended the run early.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<&'static str>,
    /// `SIGINT` or `SIGTERM`, when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signal: Option<&'static str>,
    /// Why no further case started: `cases`, `duration` or `signal`.
    pub ended: &'static str,
    pub callbacks: Vec<CallbackSummary>,
    pub totals: FuzzTotals,
    #[serde(skip)]
    pub ended_by: Ended,
}

/// One callback: its cases and how they went.
#[derive(Clone, Debug, Serialize)]
pub struct CallbackSummary {
    pub callback: &'static str,
    pub alias: &'static str,
    pub kind: &'static str,
    pub status: Status,
    /// Cases that ran.
    pub cases: usize,
    pub failed_cases: usize,
    pub requests: usize,
    pub answered: usize,
    pub latency_ms: Option<Latency>,
    pub properties: Vec<PropertySummary>,
    /// One per way the callback failed, in the order of their first cases.
    pub failures: Vec<Failure>,
}

/// The median and slowest answer.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Latency {
    pub p50: f64,
    pub max: f64,
}

/// One property of one callback: in how many cases it was checked and failed.
#[derive(Clone, Debug, Serialize)]
pub struct PropertySummary {
    pub property: Property,
    pub status: Status,
    pub cases: usize,
    pub failed: usize,
}

/// One way a callback failed: the first case that did, shrunk.
#[derive(Clone, Debug, Serialize)]
pub struct Failure {
    pub property: Property,
    /// The finding that broke it (none for `stable`).
    pub code: Option<&'static str>,
    /// The rewriting sent when it broke (always one for `stable`).
    pub transform: Option<&'static str>,
    /// What went wrong, for the shrunk body.
    pub summary: String,
    /// The first case that failed so, and how many did.
    pub first_case: u64,
    pub cases: usize,
    /// How the first case was drawn.
    pub style: Style,
    /// The `OptPlatform` it was sent with.
    pub platform: Option<String>,
    /// How shrinking went.
    pub shrink: ShrinkStatus,
    /// Smaller bodies tried.
    pub shrink_attempts: usize,
    /// The bytes of every string in the body, as found and as shrunk.
    pub found_text_bytes: usize,
    pub shrunk_text_bytes: usize,
    /// The shrunk body (the fixture's content).
    pub body: Value,
    /// What IM would do with the answer to the body as generated, and to the rewriting.
    pub decision: Decision,
    pub rewritten_decision: Option<Decision>,
    /// The files written for it, when they are.
    pub files: Option<FailureFiles>,
    #[serde(skip)]
    pub kind: FailureKind,
    #[serde(skip)]
    pub evidence: Evidence,
    #[serde(skip)]
    pub config: RequestConfig,
}

/// Where a failure was written, and how to send it again.
#[derive(Clone, Debug, Serialize)]
pub struct FailureFiles {
    /// The shrunk body: `grpcb send ALIAS --fixture FILE`.
    pub fixture: String,
    /// The rewritten body, byte for byte, when a rewriting failed.
    pub rewritten: Option<String>,
    /// The failing request(s) as curl commands.
    pub curl: String,
    /// The command that sends it again and fails.
    pub replay: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct FuzzTotals {
    pub callbacks: usize,
    pub passed: usize,
    pub failed: usize,
    pub errors: usize,
    pub skipped: usize,
    pub cases: usize,
    pub failed_cases: usize,
    pub requests: usize,
    pub answered: usize,
    pub failures: usize,
}

/// How a failure's shrinking went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ShrinkStatus {
    /// To the end: no smaller body fails the same way.
    Shrunk,
    /// Stopped at the most tries or the longest time one shrink takes.
    Limit,
    /// A signal stopped it: the body is as small as it got.
    Stopped,
    /// The case did not fail the same way when sent again: kept as found.
    NotReproduced,
    /// A signal came first: kept as found.
    NotRun,
}

/// The first case of one way one callback failed, and how many cases failed so.
#[derive(Clone, Debug)]
pub struct Group {
    pub failing: Failing,
    pub first_case: u64,
    pub cases: usize,
}

/// One callback's cases so far, counted as they end (in any order), holding only the first
/// failing case of each way to fail.
#[derive(Clone, Debug)]
pub struct Tally {
    pub cases: usize,
    pub failed_cases: usize,
    pub requests: usize,
    pub answered: usize,
    /// Latency of answers, in microseconds (none if the histogram could not be made).
    latency: Option<Histogram<u64>>,
    /// By first case, once the cases are done.
    pub groups: Vec<Group>,
}

impl Tally {
    pub fn new() -> Tally {
        Tally {
            cases: 0,
            failed_cases: 0,
            requests: 0,
            answered: 0,
            latency: Histogram::new_with_bounds(1, 3_600_000_000, 3).ok(),
            groups: Vec::new(),
        }
    }

    /// Counts one case; a failure is kept when it is the earliest of its kind.
    pub fn count(&mut self, run: CaseRun) {
        self.cases += 1;
        self.requests += run.requests;
        self.answered += run.answered;
        if let Some(histogram) = &mut self.latency {
            for ms in run.latencies {
                histogram.saturating_record(((ms * 1000.0) as u64).max(1));
            }
        }
        let Some(failing) = run.failure else {
            return;
        };
        self.failed_cases += 1;
        match self
            .groups
            .iter_mut()
            .find(|group| group.failing.kind == failing.kind)
        {
            Some(group) => {
                group.cases += 1;
                if run.case < group.first_case {
                    group.first_case = run.case;
                    group.failing = failing;
                }
            }
            None => self.groups.push(Group {
                failing,
                first_case: run.case,
                cases: 1,
            }),
        }
        // The order of the report is the order of first cases, whatever order cases end in.
        self.groups.sort_by_key(|group| group.first_case);
    }

    fn latency(&self) -> Option<Latency> {
        let histogram = self.latency.as_ref().filter(|h| !h.is_empty())?;
        Some(Latency {
            p50: histogram.value_at_quantile(0.5) as f64 / 1000.0,
            max: histogram.max() as f64 / 1000.0,
        })
    }
}

impl Default for Tally {
    fn default() -> Tally {
        Tally::new()
    }
}

/// Every group of every callback, in report order, with the callback's place.
pub fn groups(tallies: &[Tally]) -> impl Iterator<Item = (usize, &Group)> {
    tallies
        .iter()
        .enumerate()
        .flat_map(|(index, tally)| tally.groups.iter().map(move |group| (index, group)))
}

/// The report of a run; `shrunk` is in the order of [`groups`].
pub fn assemble(
    plan: &FuzzPlan,
    tallies: Vec<Tally>,
    shrunk: Vec<Option<Shrunk>>,
    ended: Ended,
) -> FuzzReport {
    let mut shrunk = shrunk.into_iter();
    let callbacks: Vec<CallbackSummary> = plan
        .callbacks
        .iter()
        .zip(tallies)
        .map(|(callback, tally)| {
            let failures = tally
                .groups
                .iter()
                .map(|group| failure(group, shrunk.next().flatten()))
                .collect();
            summary(callback, &tally, failures)
        })
        .collect();
    let mut totals = FuzzTotals::default();
    for summary in &callbacks {
        totals.callbacks += 1;
        match summary.status {
            Status::Pass => totals.passed += 1,
            Status::Fail => totals.failed += 1,
            Status::Error => totals.errors += 1,
            Status::Skip => totals.skipped += 1,
        }
        totals.cases += summary.cases;
        totals.failed_cases += summary.failed_cases;
        totals.requests += summary.requests;
        totals.answered += summary.answered;
        totals.failures += summary.failures.len();
    }
    let verdict = match ended {
        Ended::Signal(_) => FuzzVerdict::Stopped,
        _ if totals.requests > 0 && totals.answered == 0 => FuzzVerdict::Error,
        _ if totals.failures > 0 => FuzzVerdict::Fail,
        _ => FuzzVerdict::Pass,
    };
    FuzzReport {
        url: crate::error::secret::shown(plan.config.url.as_str()).into_owned(),
        seed: plan.seed,
        cases: plan.cases,
        duration: plan.duration.map(grpcb_contract::duration::human),
        signed: plan.config.token.is_some(),
        verdict,
        stopped: ended.signal().map(|_| "signal"),
        signal: ended.signal().map(Signal::name),
        ended: ended.as_str(),
        callbacks,
        totals,
        ended_by: ended,
    }
}

fn summary(
    callback: &'static grpcb_contract::catalog::Callback,
    tally: &Tally,
    failures: Vec<Failure>,
) -> CallbackSummary {
    let cases = tally.cases;
    let status = if cases == 0 {
        Status::Skip
    } else if tally.answered == 0 {
        Status::Error
    } else if failures.is_empty() {
        Status::Pass
    } else {
        Status::Fail
    };
    let properties = Property::of(callback)
        .into_iter()
        .map(|property| {
            let failed: usize = failures
                .iter()
                .filter(|failure| failure.property == property)
                .map(|failure| failure.cases)
                .sum();
            // A case stops at the first property it breaks: the later ones were not checked.
            let stopped_before: usize = failures
                .iter()
                .filter(|failure| failure.property.rank() < property.rank())
                .map(|failure| failure.cases)
                .sum();
            let checked = cases.saturating_sub(stopped_before);
            let status = match (checked, failed) {
                (_, 1..) => Status::Fail,
                (0, _) => Status::Skip,
                _ => Status::Pass,
            };
            PropertySummary {
                property,
                status,
                cases: checked,
                failed,
            }
        })
        .collect();
    CallbackSummary {
        callback: callback.command,
        alias: callback.alias,
        kind: callback.kind().as_str(),
        status,
        cases,
        failed_cases: tally.failed_cases,
        requests: tally.requests,
        answered: tally.answered,
        latency_ms: tally.latency(),
        properties,
        failures,
    }
}

fn failure(group: &Group, shrunk: Option<Shrunk>) -> Failure {
    let failing = &group.failing;
    let found_text_bytes = string_bytes(&failing.body);
    let (body, evidence, attempts, shrink) = match shrunk {
        Some(shrunk) => (shrunk.body, shrunk.evidence, shrunk.attempts, shrunk.status),
        None => (
            failing.body.clone(),
            failing.evidence.clone(),
            0,
            ShrinkStatus::NotRun,
        ),
    };
    let kind = failing.kind;
    let platform = evidence
        .sent
        .request
        .query
        .get("OptPlatform")
        .and_then(Value::as_str)
        .map(str::to_string);
    Failure {
        property: kind.property,
        code: kind.code.map(Code::as_str),
        transform: kind.transform.map(Transform::id),
        summary: said(&kind, &evidence),
        first_case: group.first_case,
        cases: group.cases,
        style: failing.style,
        platform,
        shrink,
        shrink_attempts: attempts,
        found_text_bytes,
        shrunk_text_bytes: string_bytes(&body),
        body,
        decision: evidence.sent.decision,
        rewritten_decision: evidence.rewritten.as_ref().map(|report| report.decision),
        files: None,
        kind,
        evidence,
        config: failing.config.clone(),
    }
}

/// What went wrong, in a sentence.
fn said(kind: &FailureKind, evidence: &Evidence) -> String {
    let rewritten = evidence.rewritten.as_ref();
    match (kind.property, kind.transform, rewritten) {
        (Property::Stable, Some(transform), Some(rewritten)) => format!(
            "decided {} as generated but {} {}",
            decision_text(&decided(&evidence.sent)),
            decision_text(&decided(rewritten)),
            transform.describe()
        ),
        (_, Some(transform), Some(rewritten)) => {
            format!("{} ({})", first_error(rewritten), transform.describe())
        }
        _ => first_error(&evidence.sent),
    }
}
