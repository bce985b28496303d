//! `grpcb fuzz`: property-based testing of a receiver. Every case is a body the catalog's
//! generator draws for a callback from the seed and the case's number (`contract::generate`);
//! it is sent signed as IM would, and its answer is judged by the verdict. A case fails on
//! what a receiver must never do with a valid body ([`Property`]): no answer within the
//! timeout, a status but 200, an answer that is not a JSON object, a contract violation, and,
//! for a callback whose answer decides, another decision for the same body rewritten in a way
//! that keeps its meaning (keys reordered, pretty-printed, `\u`-escaped, unknown fields,
//! padded past 64 KB); a notification's case sends one of these rewritings, judged on the
//! rest. The first case of each way a callback fails is shrunk to a minimal
//! body that still fails that way ([`shrink`]).
//!
//! Cases start in rounds (case 0 of every callback, then case 1, ...), up to `jobs` at a
//! time; what a case sends depends on the seed, the callback and its number only, so the
//! scheduling changes nothing but the order answers come in.

mod report;
mod shrink;

pub use report::{
    CallbackSummary, Ended, Failure, FailureFiles, FuzzReport, FuzzTotals, FuzzVerdict,
    PropertySummary, ShrinkStatus, Status, Tally,
};

use crate::app::stop::Stop;
use crate::config::RequestConfig;
use crate::engine::audit::reading::decided;
use crate::engine::audit::transform::Transform;
use crate::engine::check::{check, check_sent_as};
use crate::engine::report::Report;
use crate::transport::Transport;
use grpcb_contract::catalog::Callback;
use grpcb_contract::generate::{self, Style};
use grpcb_contract::payload;
use grpcb_contract::verdict::{Category, Code, Expectations, Severity};
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};
use strum::{IntoStaticStr, VariantArray};
use tokio::task::JoinSet;

/// What a receiver must do with every valid body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr, VariantArray)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Property {
    /// Answer, within the timeout (IM's 2 s).
    Answers,
    /// Answer HTTP 200.
    #[serde(rename = "http-200")]
    #[strum(serialize = "http-200")]
    Http200,
    /// Answer a JSON object.
    JsonObject,
    /// Keep the contract: no error finding about the answer's fields or what they mean.
    Contract,
    /// Decide the same (and refuse the same users) for the same body rewritten in a way that
    /// keeps its meaning: callbacks whose answer decides only.
    Stable,
}

impl Property {
    /// The property's name: `json-object`.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// What it asks, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Property::Answers => "an answer within the timeout",
            Property::Http200 => "HTTP 200",
            Property::JsonObject => "a JSON object",
            Property::Contract => "an answer that keeps the contract",
            Property::Stable => "the same decision for a rewritten body",
        }
    }

    /// Its place in the order a case checks properties in.
    pub fn rank(self) -> usize {
        Property::VARIANTS
            .iter()
            .position(|property| *property == self)
            .unwrap_or(usize::MAX)
    }

    /// The properties that apply to `callback`.
    pub fn of(callback: &Callback) -> Vec<Property> {
        Property::VARIANTS
            .iter()
            .copied()
            .filter(|property| *property != Property::Stable || callback.kind().decides())
            .collect()
    }
}

/// The rewritings a deciding callback's body is sent through, each compared with the body
/// as generated. (`EventTime` as a string is a doc variant the generator draws itself.)
pub const REWRITINGS: [Transform; 5] = [
    Transform::Reordered,
    Transform::Pretty,
    Transform::EscapedUnicode,
    Transform::ExtraFields,
    Transform::Padded,
];

/// The rewritings a notification's body is sent through, one a case in this order (the
/// strict deserializer that refuses an unknown field first): its answer decides nothing, so
/// each is judged on the first four properties only, at twice the requests rather than six
/// times.
pub const NOTIFICATION_REWRITINGS: [Transform; 5] = [
    Transform::ExtraFields,
    Transform::Reordered,
    Transform::Padded,
    Transform::EscapedUnicode,
    Transform::Pretty,
];

/// The rewritings case `case` of `callback` sends after the body as generated.
fn rewritings(callback: &Callback, case: u64) -> Vec<Transform> {
    if callback.kind().decides() {
        return REWRITINGS.to_vec();
    }
    let at = (case % NOTIFICATION_REWRITINGS.len() as u64) as usize;
    NOTIFICATION_REWRITINGS
        .get(at)
        .copied()
        .into_iter()
        .collect()
}

/// One way of failing: the property broken, the finding that broke it (none for `stable`),
/// and the rewriting of the body that was sent when it broke (always one for `stable`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailureKind {
    pub property: Property,
    pub code: Option<Code>,
    pub transform: Option<Transform>,
}

impl FailureKind {
    /// `stable-padded`, `http-200-http-status`, `contract-unknown-error-code-pretty`: the
    /// name of its fixture files.
    pub fn slug(&self) -> String {
        let mut parts = vec![self.property.id()];
        parts.extend(self.code.map(Code::as_str));
        parts.extend(self.transform.map(Transform::id));
        parts.join("-")
    }
}

/// What to run.
#[derive(Clone, Debug)]
pub struct FuzzPlan {
    pub config: RequestConfig,
    pub callbacks: Vec<&'static Callback>,
    /// Cases per callback, at most.
    pub cases: u64,
    /// No case starts after this long.
    pub duration: Option<Duration>,
    pub seed: u64,
    /// Cases (or shrinks) in flight at once.
    pub jobs: usize,
    /// `--platform` was given: every case is sent with it rather than a drawn one.
    pub pin_platform: bool,
    /// `--strict`: a warning breaks the contract property as an error does.
    pub strict: bool,
}

/// What a case sent and got.
#[derive(Clone, Debug)]
pub struct Evidence {
    /// The exchange of the body as generated.
    pub sent: Report,
    /// The exchange of the rewritten body, where the failure needed one.
    pub rewritten: Option<Report>,
}

/// A case that failed, with the body that made it fail.
#[derive(Clone, Debug)]
pub struct Failing {
    pub kind: FailureKind,
    pub body: Value,
    pub config: RequestConfig,
    /// Judged under `--strict` (its shrinks are too).
    pub strict: bool,
    pub style: Style,
    pub evidence: Evidence,
}

/// One case that ran.
#[derive(Clone, Debug)]
pub struct CaseRun {
    /// The callback's place in the plan.
    pub callback: usize,
    pub case: u64,
    pub requests: usize,
    pub answered: usize,
    /// The latency of each answer, ms.
    pub latencies: Vec<f64>,
    pub failure: Option<Failing>,
}

/// What a body got: the requests it took and the first failure.
struct Judged {
    requests: usize,
    answered: usize,
    latencies: Vec<f64>,
    failure: Option<(FailureKind, Evidence)>,
}

impl Judged {
    fn count(&mut self, report: &Report) {
        self.requests += 1;
        if let Some(response) = &report.response {
            self.answered += 1;
            self.latencies.push(response.latency_ms);
        }
    }
}

/// The property an exchange broke and by which finding: its first error (or, under
/// `--strict`, its first error or warning).
fn broken(report: &Report, strict: bool) -> Option<(Property, Code)> {
    let finding = report.findings.iter().find(|finding| {
        finding.severity == Severity::Error || (strict && finding.severity == Severity::Warning)
    })?;
    let property = match finding.code.category() {
        Category::Transport => Property::Answers,
        Category::Http => Property::Http200,
        Category::Body => Property::JsonObject,
        _ if finding.code == Code::OverBudget => Property::Answers,
        Category::Schema | Category::Semantic | Category::Expectation => Property::Contract,
    };
    Some((property, finding.code))
}

/// Sends `body`, then its `rewritings` (that apply to it); stops at the first failure.
/// Shrinking passes just the one rewriting that showed the failure.
async fn judge(
    transport: &mut impl Transport,
    config: &RequestConfig,
    callback: &'static Callback,
    body: &Value,
    rewritings: Vec<Transform>,
    strict: bool,
) -> Judged {
    let expect = Expectations {
        strict,
        ..Expectations::default()
    };
    let mut judged = Judged {
        requests: 0,
        answered: 0,
        latencies: Vec::new(),
        failure: None,
    };
    let sent = check(transport, config, callback, body.clone(), &expect).await;
    judged.count(&sent);
    if let Some((property, code)) = broken(&sent, strict) {
        let kind = FailureKind {
            property,
            code: Some(code),
            transform: None,
        };
        judged.failure = Some((
            kind,
            Evidence {
                sent,
                rewritten: None,
            },
        ));
        return judged;
    }
    let decides = callback.kind().decides();
    for transform in rewritings.into_iter().filter(|t| t.applies_to(body)) {
        let bytes = transform.apply(body);
        let rewritten = check_sent_as(
            transport,
            config,
            callback,
            body.clone(),
            Some(bytes),
            &expect,
        )
        .await;
        judged.count(&rewritten);
        let kind = match broken(&rewritten, strict) {
            Some((property, code)) => Some(FailureKind {
                property,
                code: Some(code),
                transform: Some(transform),
            }),
            None if decides && decided(&rewritten) != decided(&sent) => Some(FailureKind {
                property: Property::Stable,
                code: None,
                transform: Some(transform),
            }),
            None => None,
        };
        if let Some(kind) = kind {
            judged.failure = Some((
                kind,
                Evidence {
                    sent,
                    rewritten: Some(rewritten),
                },
            ));
            return judged;
        }
    }
    judged
}

/// The body and request options of one case.
fn prepare(
    plan: &FuzzPlan,
    callback: &'static Callback,
    case: u64,
) -> (Value, RequestConfig, Style) {
    let drawn = generate::case(callback, plan.seed, case);
    let mut body = drawn.body;
    payload::sync_sdkappid(callback, &mut body, &plan.config.sdkappid);
    let mut config = plan.config.clone();
    if let (false, Some(platform)) = (plan.pin_platform, drawn.platform) {
        config.platform = platform;
    }
    (body, config, drawn.style)
}

/// Runs one case, unless a signal comes first.
async fn run_case<T: Transport>(
    mut transport: T,
    plan: Arc<FuzzPlan>,
    index: usize,
    case: u64,
    mut stop: Stop,
) -> Option<CaseRun> {
    let callback = plan.callbacks[index];
    let (body, config, style) = prepare(&plan, callback, case);
    let judged = tokio::select! {
        biased;
        _ = stop.wait() => return None,
        judged = judge(&mut transport, &config, callback, &body, rewritings(callback, case), plan.strict) => judged,
    };
    let failure = judged.failure.map(|(kind, evidence)| Failing {
        kind,
        body,
        config,
        strict: plan.strict,
        style,
        evidence,
    });
    Some(CaseRun {
        callback: index,
        case,
        requests: judged.requests,
        answered: judged.answered,
        latencies: judged.latencies,
        failure,
    })
}

/// Runs the plan: the cases, then the shrinking of the first case of each way each callback
/// failed. `progress` is told of each case as it ends and of each shrink as it starts.
pub async fn run<T>(
    transport: T,
    plan: &FuzzPlan,
    stop: Stop,
    progress: impl Fn(Progress) + Clone + Send + 'static,
) -> FuzzReport
where
    T: Transport + Clone + Send + 'static,
{
    let started = Instant::now();
    let shared = Arc::new(plan.clone());
    let mut tallies: Vec<Tally> = plan.callbacks.iter().map(|_| Tally::new()).collect();
    let mut in_flight = JoinSet::new();
    let mut ended = Ended::Cases;
    let mut waiting = stop.clone();
    let collect = |done: Option<CaseRun>, tallies: &mut Vec<Tally>| {
        if let Some(run) = done {
            progress(Progress::Case);
            tallies[run.callback].count(run);
        }
    };
    'rounds: for case in 0..plan.cases {
        for index in 0..plan.callbacks.len() {
            if let Some(signal) = stop.signal() {
                ended = Ended::Signal(signal);
                break 'rounds;
            }
            if plan
                .duration
                .is_some_and(|limit| started.elapsed() >= limit)
            {
                ended = Ended::Duration;
                break 'rounds;
            }
            while in_flight.len() >= plan.jobs.max(1) {
                tokio::select! {
                    biased;
                    signal = waiting.wait() => {
                        ended = Ended::Signal(signal);
                        break 'rounds;
                    }
                    done = in_flight.join_next() => {
                        collect(done.and_then(Result::ok).flatten(), &mut tallies);
                    }
                }
            }
            let task = run_case(transport.clone(), shared.clone(), index, case, stop.clone());
            in_flight.spawn(task);
        }
    }
    while let Some(done) = in_flight.join_next().await {
        collect(done.ok().flatten(), &mut tallies);
    }
    if let (Ended::Cases | Ended::Duration, Some(signal)) = (ended, stop.signal()) {
        ended = Ended::Signal(signal);
    }
    let shrunk = shrink::all(transport, plan, &tallies, &stop, progress).await;
    if let (Ended::Cases | Ended::Duration, Some(signal)) = (ended, stop.signal()) {
        ended = Ended::Signal(signal);
    }
    report::assemble(plan, tallies, shrunk, ended)
}

/// What `run` tells its caller as it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// A case ended.
    Case,
    /// Shrinking this many failures started.
    Shrinking(usize),
}
