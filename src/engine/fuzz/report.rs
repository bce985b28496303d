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
use serde::Serialize;
use serde_json::Value;

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
    /// It failed the same way when sent again.
    pub reproduced: bool,
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

/// The first case of one way one callback failed, and every case that failed so.
#[derive(Clone, Debug)]
pub struct Group {
    /// The callback's place in the plan.
    pub callback: usize,
    pub failing: Failing,
    pub cases: Vec<u64>,
}

/// The ways each callback failed, in callback order and then by first case.
pub fn group(runs: &[Vec<CaseRun>]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (index, list) in runs.iter().enumerate() {
        for run in list {
            let Some(failing) = &run.failure else {
                continue;
            };
            match groups
                .iter_mut()
                .find(|group| group.callback == index && group.failing.kind == failing.kind)
            {
                Some(group) => group.cases.push(run.case),
                None => groups.push(Group {
                    callback: index,
                    failing: failing.clone(),
                    cases: vec![run.case],
                }),
            }
        }
    }
    groups
}

/// The report of a run.
pub fn assemble(
    plan: &FuzzPlan,
    runs: &[Vec<CaseRun>],
    groups: Vec<Group>,
    shrunk: Vec<Option<Shrunk>>,
    ended: Ended,
) -> FuzzReport {
    let mut mine: Vec<Vec<Failure>> = vec![Vec::new(); plan.callbacks.len()];
    for (group, shrunk) in groups.into_iter().zip(shrunk) {
        let at = group.callback;
        mine[at].push(failure(group, shrunk));
    }
    let callbacks: Vec<CallbackSummary> = plan
        .callbacks
        .iter()
        .zip(mine)
        .zip(runs)
        .map(|((callback, failures), runs)| summary(callback, runs, failures))
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
        url: plan.config.url.to_string(),
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
    runs: &[CaseRun],
    failures: Vec<Failure>,
) -> CallbackSummary {
    let cases = runs.len();
    let failed_cases = runs.iter().filter(|run| run.failure.is_some()).count();
    let requests = runs.iter().map(|run| run.requests).sum();
    let answered = runs.iter().map(|run| run.answered).sum();
    let mut latencies: Vec<f64> = runs
        .iter()
        .flat_map(|run| run.latencies.iter().copied())
        .collect();
    latencies.sort_by(f64::total_cmp);
    let latency_ms = latencies.last().map(|max| Latency {
        p50: latencies[latencies.len() / 2],
        max: *max,
    });
    let status = if cases == 0 {
        Status::Skip
    } else if answered == 0 {
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
            let status = match (cases, failed) {
                (0, _) => Status::Skip,
                (_, 0) => Status::Pass,
                _ => Status::Fail,
            };
            PropertySummary {
                property,
                status,
                cases,
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
        failed_cases,
        requests,
        answered,
        latency_ms,
        properties,
        failures,
    }
}

fn failure(group: Group, shrunk: Option<Shrunk>) -> Failure {
    let Group { failing, cases, .. } = group;
    let found_text_bytes = string_bytes(&failing.body);
    let (body, evidence, attempts, reproduced) = match shrunk {
        Some(shrunk) => (
            shrunk.body,
            shrunk.evidence,
            shrunk.attempts,
            shrunk.reproduced,
        ),
        None => (failing.body.clone(), failing.evidence.clone(), 0, false),
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
        first_case: cases.first().copied().unwrap_or(0),
        cases: cases.len(),
        style: failing.style,
        platform,
        reproduced,
        shrink_attempts: attempts,
        found_text_bytes,
        shrunk_text_bytes: string_bytes(&body),
        body,
        decision: evidence.sent.decision,
        rewritten_decision: evidence.rewritten.as_ref().map(|report| report.decision),
        files: None,
        kind,
        evidence,
        config: failing.config,
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
