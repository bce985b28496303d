//! `grpcb audit`: a battery of probes for the hygiene Tencent asks of every receiver (check
//! SdkAppid and Sign, answer within 2 s, tolerate what you do not know, read the whole body),
//! each judged pass, fail, warn, inconclusive or skip, with what was sent, what came back,
//! why it matters and how to fix it.
//!
//! A probe that needs the receiver to refuse a request only passes when the receiver accepts
//! the same request made correctly (the control), sent right after it: a receiver that
//! refuses everything, or has started to (a rate limit), proves nothing by refusing, so such
//! a probe is inconclusive. Every sample is sent with values of its own ([`fresh`]), so a
//! receiver that refuses what it has seen cannot pass a probe by refusing a repeat; and once
//! any control of the audit was refused, no probe passes on a refusal alone.

mod fresh;
mod probe;
pub mod reading;
mod survival;
pub mod transform;

pub use probe::Probe;

use crate::app::stop::{Signal, Stop};
use crate::config::suite::{self, Case};
use crate::config::{BUDGET, QueryEdit, RequestConfig};
use crate::engine::check::check_sent_as;
use crate::engine::report::Report;
use crate::error::{BadValue, Result, Subject};
use crate::transport::Transport;
use grpcb_contract::catalog::{self, AnswerSemantics as Answer, Callback, elements, variants};
use grpcb_contract::duration::human as human_duration;
use grpcb_contract::payload;
use grpcb_contract::sign;
use grpcb_contract::verdict::{Expectations, Expected};
use reading::{Handled, Reading, brief, decided, decision_text, describe, handled, ok_zero};
use serde::Serialize;
use serde_json::{Value, json};
use std::path::Path;
use std::time::Duration;
use strum::{IntoStaticStr, VariantArray};

/// pass; fail; warn (works, but something is off); inconclusive (the evidence cannot decide:
/// never a pass); skip (not run).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "UPPERCASE")]
pub enum ProbeStatus {
    Pass,
    Fail,
    Warn,
    Inconclusive,
    Skip,
}

impl ProbeStatus {
    /// The label of the human report.
    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// One request a probe sent and what came back, in brief.
#[derive(Clone, Debug, Serialize)]
pub struct ProbeExchange {
    /// The callback whose shape the request has (its alias).
    pub callback: &'static str,
    /// What makes this request special, e.g. "SdkAppid 1400000001 instead of 1400000000".
    pub sent: String,
    pub url: String,
    /// What came back, e.g. `HTTP 200 {"ActionStatus":"OK",...} (allow)`.
    pub received: String,
    pub latency_ms: Option<f64>,
    /// This exchange is why the probe did not pass (the human report shows only these
    /// unless -v).
    pub notable: bool,
}

/// The result of one probe.
#[derive(Clone, Debug, Serialize)]
pub struct ProbeResult {
    pub probe: Probe,
    pub status: ProbeStatus,
    /// One sentence: what happened.
    pub summary: String,
    pub exchanges: Vec<ProbeExchange>,
    pub why: &'static str,
    pub fix: &'static str,
    /// The pass rests on the receiver refusing something: it holds only while the receiver
    /// accepts every correct request (see [`run`]).
    #[serde(skip)]
    pub rests_on_refusal: bool,
}

/// Latency over every answer of the audit.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LatencySummary {
    pub answers: usize,
    pub p95_ms: Option<f64>,
    pub max_ms: Option<f64>,
    /// Which request was the slowest.
    pub slowest: Option<String>,
}

/// The audit as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditVerdict {
    /// Every probe that ran passed or warned.
    Pass,
    /// A probe failed (or, under `--strict`, one was inconclusive or warned).
    Fail,
    /// Nothing failed, but some probe could not decide.
    Inconclusive,
    /// A signal ended the audit early.
    Stopped,
}

/// The whole audit.
#[derive(Clone, Debug, Serialize)]
pub struct AuditReport {
    pub url: String,
    pub sdkappid: String,
    pub signed: bool,
    /// The `--suite` file whose cases were transformed.
    pub suite: Option<String>,
    pub verdict: AuditVerdict,
    /// `"signal"` when a signal ended the audit early.
    pub stopped: Option<&'static str>,
    /// `SIGINT` or `SIGTERM`, when one did.
    pub signal: Option<&'static str>,
    pub probes: Vec<ProbeResult>,
    pub latency: LatencySummary,
    pub totals: AuditTotals,
    /// The signal that stopped the audit.
    #[serde(skip)]
    pub stop_signal: Option<Signal>,
    /// Probes that finished before a signal.
    #[serde(skip)]
    pub done: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct AuditTotals {
    pub passed: usize,
    pub failed: usize,
    pub inconclusive: usize,
    pub warned: usize,
    pub skipped: usize,
}

impl AuditTotals {
    fn of(results: &[ProbeResult]) -> AuditTotals {
        let mut totals = AuditTotals::default();
        for result in results {
            match result.status {
                ProbeStatus::Pass => totals.passed += 1,
                ProbeStatus::Fail => totals.failed += 1,
                ProbeStatus::Inconclusive => totals.inconclusive += 1,
                ProbeStatus::Warn => totals.warned += 1,
                ProbeStatus::Skip => totals.skipped += 1,
            }
        }
        totals
    }
}

/// What to run and how strictly to judge it.
#[derive(Clone, Debug)]
pub struct AuditPlan {
    pub config: RequestConfig,
    pub probes: Vec<Probe>,
    /// Inconclusive and warned probes fail the audit.
    pub strict: bool,
    /// `--suite`: the cases whose decisions are known.
    pub suite: Option<KnownCases>,
}

/// The cases of a suite whose decisions are known, for the transformations.
#[derive(Clone, Debug)]
pub struct KnownCases {
    pub file: String,
    pub cases: Vec<Case>,
}

/// The expected decisions that depend on the body: a transformation that hides or garbles
/// the body shows up as another decision.
const KNOWN_DECISIONS: [Expected; 5] = [
    Expected::Deny,
    Expected::DenyCustom,
    Expected::Drop,
    Expected::AllowPartial,
    Expected::AllowModified,
];

/// Keeps the cases of `suite` whose decision is known: an expected deny, deny-custom, drop,
/// rewrite, or a partial refusal. A suite without one cannot be used.
pub fn known_cases(path: &Path, plan: &suite::RunPlan) -> Result<KnownCases> {
    let mut cases = Vec::new();
    for case in plan.cases() {
        cases.push(case?);
    }
    let cases: Vec<Case> = cases
        .into_iter()
        .filter(|case| {
            let decision = case
                .expect
                .decision
                .is_some_and(|expected| KNOWN_DECISIONS.contains(&expected));
            let refusal = case
                .expect
                .refused
                .as_ref()
                .is_some_and(|refused| !refused.is_empty());
            decision || refusal
        })
        .collect();
    if cases.is_empty() {
        return Err(BadValue::new(
            Subject::file("--suite", path),
            "no case has a known decision",
        )
        .hint(
            "audit needs cases with expect.decision deny, deny-custom, drop, allow-partial or \
             allow-modified, or a non-empty expect.refused, to check that the decision survives \
             transformations",
        )
        .into());
    }
    Ok(KnownCases {
        file: path.display().to_string(),
        cases,
    })
}

/// Runs the probes in order against one receiver, until `stop` fires: then the probe in
/// flight is abandoned and the rest are skipped.
pub async fn run(transport: &mut impl Transport, plan: &AuditPlan, mut stop: Stop) -> AuditReport {
    let mut auditor = Auditor {
        transport,
        plan,
        answered: Vec::new(),
        timed_out: Vec::new(),
        controls: Vec::new(),
        fresh: fresh::Fresh::default(),
        originals: None,
    };
    let mut results = Vec::new();
    let mut signal = stop.signal();
    let mut done = 0;
    for &probe in Probe::VARIANTS
        .iter()
        .filter(|probe| plan.probes.contains(probe))
    {
        if let Some(signal) = signal {
            let why = format!("not run: stopped by {}", signal.name());
            results.push(result(probe, ProbeStatus::Skip, why, Vec::new()));
            continue;
        }
        if probe.needs_token() && plan.config.token.is_none() {
            let why = "not run: pass --token (or GRPCB_TOKEN) to check signatures".to_string();
            results.push(result(probe, ProbeStatus::Skip, why, Vec::new()));
            done += 1;
            continue;
        }
        tokio::select! {
            finished = auditor.probe(probe) => {
                results.push(finished);
                done += 1;
            }
            caught = stop.wait() => {
                signal = Some(caught);
                let why = format!("not finished: stopped by {}", caught.name());
                results.push(result(probe, ProbeStatus::Skip, why, Vec::new()));
            }
        }
    }
    if let Some(refused) = auditor.refused_control() {
        for result in results
            .iter_mut()
            .filter(|result| result.rests_on_refusal && result.status == ProbeStatus::Pass)
        {
            in_doubt_after_all(result, refused);
        }
    }
    let totals = AuditTotals::of(&results);
    let verdict = match signal {
        Some(_) => AuditVerdict::Stopped,
        None if totals.failed > 0 => AuditVerdict::Fail,
        None if plan.strict && totals.inconclusive + totals.warned > 0 => AuditVerdict::Fail,
        None if totals.inconclusive > 0 => AuditVerdict::Inconclusive,
        None => AuditVerdict::Pass,
    };
    AuditReport {
        url: crate::error::secret::shown(plan.config.url.as_str()).into_owned(),
        sdkappid: plan.config.sdkappid.clone(),
        signed: plan.config.token.is_some(),
        suite: plan.suite.as_ref().map(|suite| suite.file.clone()),
        verdict,
        stopped: signal.map(|_| "signal"),
        signal: signal.map(Signal::name),
        probes: results,
        latency: auditor.latency_summary(),
        totals,
        stop_signal: signal,
        done,
    }
}

fn result(
    probe: Probe,
    status: ProbeStatus,
    summary: String,
    exchanges: Vec<ProbeExchange>,
) -> ProbeResult {
    ProbeResult {
        probe,
        status,
        summary,
        exchanges,
        why: probe.why(),
        fix: probe.fix(),
        rests_on_refusal: false,
    }
}

/// A pass that rests on a refusal, made inconclusive by a correct request the receiver
/// refused somewhere in the audit: its refusals may have another reason than what a probe
/// changed (a rate limit, refusing what it has seen, refusing on a schedule).
fn in_doubt_after_all(result: &mut ProbeResult, refused: &SentControl) {
    result.status = ProbeStatus::Inconclusive;
    result.summary = format!(
        "{}, but the receiver refused a correct request {} ({}), so a refusal in this audit may have another reason than the one probed (a rate limit, refusing a request it has seen); make sure every correct request is accepted",
        result.summary, refused.when, refused.control.brief
    );
    let mut evidence = refused.control.exchange.clone();
    evidence.notable = true;
    result.exchanges.push(evidence);
}

/// A correct request's reading, against which refusals are judged.
#[derive(Clone, Debug)]
struct Control {
    reading: Reading,
    /// The answer in brief: `FAIL/1`.
    brief: String,
    exchange: ProbeExchange,
}

impl Control {
    fn of(report: &Report, exchange: ProbeExchange) -> Control {
        Control {
            reading: reading::read(report),
            brief: brief(report),
            exchange,
        }
    }
}

/// A control, and when it was sent.
#[derive(Clone, Debug)]
struct SentControl {
    /// `in the baseline`, `right after the request with ...`.
    when: String,
    control: Control,
}

/// A suite case sent as written.
struct Original<'a> {
    case: &'a Case,
    report: Report,
    exchange: ProbeExchange,
}

struct Auditor<'a, T> {
    transport: &'a mut T,
    plan: &'a AuditPlan,
    /// (latency, label) of every answer so far, for the latency probe.
    answered: Vec<(Duration, String)>,
    /// Requests that got no answer within the timeout.
    timed_out: Vec<String>,
    /// Every control sent so far (the baseline's before-create among them), in order.
    controls: Vec<SentControl>,
    fresh: fresh::Fresh,
    /// The suite's cases as written, once sent.
    originals: Option<Vec<Original<'a>>>,
}

impl<'a, T: Transport> Auditor<'a, T> {
    /// Sends one request with a changed configuration and body, made fresh ([`fresh`]);
    /// records its latency. A body field that must equal the query's SdkAppid is set to the
    /// audit's.
    async fn send(
        &mut self,
        callback: &'static Callback,
        mut body: Value,
        sent: String,
        tweak: impl FnOnce(&mut RequestConfig),
    ) -> (Report, ProbeExchange) {
        self.fresh.apply(&mut body);
        self.send_as_is(callback, body, sent, tweak).await
    }

    /// [`Auditor::send`] without making the body fresh: a repeat is sent as such.
    async fn send_as_is(
        &mut self,
        callback: &'static Callback,
        mut body: Value,
        sent: String,
        tweak: impl FnOnce(&mut RequestConfig),
    ) -> (Report, ProbeExchange) {
        payload::sync_sdkappid(callback, &mut body, &self.plan.config.sdkappid);
        let mut config = self.plan.config.clone();
        tweak(&mut config);
        let expect = Expectations::default();
        self.exchange(&config, callback, body, None, &expect, sent)
            .await
    }

    /// Sends one request (as these exact bytes, when given) and records its latency.
    async fn exchange(
        &mut self,
        config: &RequestConfig,
        callback: &'static Callback,
        body: Value,
        bytes: Option<Vec<u8>>,
        expect: &Expectations,
        sent: String,
    ) -> (Report, ProbeExchange) {
        let report = check_sent_as(self.transport, config, callback, body, bytes, expect).await;
        let latency = report.response.as_ref().map(|response| response.latency_ms);
        let label = format!("{} ({sent})", callback.alias);
        match latency {
            Some(ms) => self
                .answered
                .push((Duration::from_secs_f64(ms / 1000.0), label)),
            None if report
                .findings
                .iter()
                .any(|finding| finding.code == grpcb_contract::verdict::Code::TransportTimeout) =>
            {
                self.timed_out.push(label);
            }
            None => {}
        }
        let exchange = ProbeExchange {
            callback: callback.alias,
            sent,
            url: report.request.url.clone(),
            received: describe(&report),
            latency_ms: latency,
            notable: false,
        };
        (report, exchange)
    }

    /// The correct before-create request, sent now (`when` says after what, for reports),
    /// fresh, over the same transport as the probes: what the request before it is judged
    /// against.
    async fn control_after(&mut self, when: String) -> Control {
        let callback = known(CONTROL);
        let sent = format!("the control: the correct request, {when}");
        let (report, exchange) = self
            .send(callback, callback.sample_body(), sent, |_| {})
            .await;
        let control = Control::of(&report, exchange);
        self.controls.push(SentControl {
            when,
            control: control.clone(),
        });
        control
    }

    /// The first control of the audit the receiver did not accept, if any.
    fn refused_control(&self) -> Option<&SentControl> {
        self.controls
            .iter()
            .find(|sent| sent.control.reading != Reading::Accepted)
    }

    async fn probe(&mut self, probe: Probe) -> ProbeResult {
        match probe {
            Probe::Baseline => self.baseline().await,
            Probe::WrongSdkappid => {
                let wrong = other_sdkappid(&self.plan.config.sdkappid);
                let sent = format!("SdkAppid {wrong} instead of {}", self.plan.config.sdkappid);
                let change: Change = Box::new(move |config| config.sdkappid = wrong);
                self.must_refuse(probe, vec![(sent, change)]).await
            }
            Probe::MissingSdkappid => {
                let change: Change = Box::new(|config| {
                    config
                        .query_edits
                        .push(QueryEdit::Remove("SdkAppid".into()));
                });
                self.must_refuse(probe, vec![("no SdkAppid parameter".into(), change)])
                    .await
            }
            Probe::MissingSign => {
                let change: Change = Box::new(|config| {
                    config.query_edits.push(QueryEdit::Remove("Sign".into()));
                });
                self.must_refuse(probe, vec![("RequestTime but no Sign".into(), change)])
                    .await
            }
            Probe::WrongSign => {
                let now = sign::now_unix_seconds();
                // Another token than the real one, whatever its text.
                let forged = self
                    .plan
                    .config
                    .token
                    .as_ref()
                    .map_or_else(|| sign::sign("", now), |token| token.other().sign(now));
                let change: Change = Box::new(move |config| {
                    config.request_time = Some(now);
                    config
                        .query_edits
                        .push(QueryEdit::Set("Sign".into(), forged));
                });
                let sent = "a Sign made with another token".to_string();
                self.must_refuse(probe, vec![(sent, change)]).await
            }
            Probe::StaleTime | Probe::FutureTime => {
                let past = probe == Probe::StaleTime;
                let mut changes = Vec::new();
                // Just past the documented minute, and well past it: a receiver with a
                // window of a few minutes passes the second but not the first.
                for (offset, how_far) in TIME_OFFSETS {
                    let now = sign::now_unix_seconds();
                    let time = if past {
                        now.saturating_sub(offset)
                    } else {
                        now + offset
                    };
                    let sent = if past {
                        format!("a valid Sign for a RequestTime {how_far} old")
                    } else {
                        format!("a valid Sign for a RequestTime {how_far} ahead")
                    };
                    let change: Change = Box::new(move |config| config.request_time = Some(time));
                    changes.push((sent, change));
                }
                self.must_refuse(probe, changes).await
            }
            Probe::CommandMismatch => self.command_mismatch().await,
            Probe::UnknownCommand => self.unknown_command().await,
            Probe::Coverage => self.coverage().await,
            Probe::MessageElements => self.message_elements().await,
            Probe::UnknownFields => self.unknown_fields().await,
            Probe::DocVariants => self.doc_variants().await,
            Probe::LargeBody => self.large_body().await,
            Probe::Transformations => self.transformations().await,
            Probe::Unicode => self.unicode().await,
            Probe::DuplicateDelivery => self.duplicate_delivery().await,
            Probe::Latency => self.latency(),
        }
    }

    /// Correct callbacks must be answered validly. A refusal is a legitimate decision for a
    /// before-callback and is ignored by IM for a notification (`send` passes both with
    /// warnings), so both are warnings here; only an answer `send` fails is a failure.
    async fn baseline(&mut self) -> ProbeResult {
        let mut exchanges = Vec::new();
        let mut problems = Vec::new();
        let (mut denied, mut refused) = (Vec::new(), Vec::new());
        for alias in BASELINE {
            let callback = known(alias);
            let (report, mut exchange) = self
                .send(
                    callback,
                    callback.sample_body(),
                    "the catalog sample".into(),
                    |_| {},
                )
                .await;
            if alias == CONTROL {
                self.controls.push(SentControl {
                    when: "in the baseline".into(),
                    control: Control::of(&report, exchange.clone()),
                });
            }
            let handling = handled(callback, &report);
            exchange.notable = handling != Handled::Fine;
            match handling {
                Handled::Fine => {}
                Handled::Denied => denied.push(format!("{alias} ({})", brief(&report))),
                Handled::RefusedNotification => {
                    refused.push(format!("{alias} ({})", brief(&report)));
                }
                Handled::Broken(why) => problems.push(format!("{alias}: {why}")),
            }
            exchanges.push(exchange);
        }
        let passed = format!(
            "{} correct callbacks were answered validly",
            exchanges.len()
        );
        let mut warnings = Vec::new();
        if !denied.is_empty() {
            warnings.push(format!(
                "denied {}: a legitimate decision, but while correct requests are refused the probes that need a refusal prove nothing",
                denied.join(", ")
            ));
        }
        if !refused.is_empty() {
            warnings.push(format!(
                "refused the notifications {}: IM ignores a notification's answer (send passes it with warnings), but a refusal usually means it was not handled",
                refused.join(", ")
            ));
        }
        if !problems.is_empty() || !warnings.is_empty() {
            warnings.push(
                "does the receiver need its own --sdkappid, or --token (callback auth on)?".into(),
            );
        }
        judged(Probe::Baseline, problems, warnings, passed, exchanges)
    }

    /// Sends before-create with one thing wrong, for each change in turn; the receiver must
    /// refuse each, and accept the correct request sent right after each, or the refusal
    /// proves nothing. The first change accepted fails the probe.
    async fn must_refuse(&mut self, probe: Probe, changes: Vec<(String, Change)>) -> ProbeResult {
        let callback = known(CONTROL);
        let mut exchanges = Vec::new();
        let mut refused = Vec::new();
        for (sent, change) in changes {
            let (report, mut exchange) = self
                .send(callback, callback.sample_body(), sent.clone(), change)
                .await;
            exchange.notable = true;
            let failure = match reading::read(&report) {
                Reading::Rejected => None,
                Reading::Accepted => Some(format!(
                    "accepted a request with {sent} (answered {})",
                    report.decision
                )),
                Reading::Invalid(why) => Some(format!(
                    "{sent}: answered invalidly ({why}) instead of refusing"
                )),
                Reading::NoAnswer(why) => Some(format!("{sent}: no answer ({why})")),
            };
            exchanges.push(exchange);
            if let Some(summary) = failure {
                return result(probe, ProbeStatus::Fail, summary, exchanges);
            }
            refused.push(sent);
            let control = self
                .control_after(format!(
                    "right after the one with {}",
                    refused[refused.len() - 1]
                ))
                .await;
            if control.reading != Reading::Accepted {
                let refused = format!("refused {}", refused.join(" and "));
                return in_doubt(probe, refused, control, exchanges);
            }
            exchanges.push(control.exchange);
        }
        for exchange in &mut exchanges {
            exchange.notable = false;
        }
        let mut passed = result(
            probe,
            ProbeStatus::Pass,
            format!("refused {}", refused.join(" and ")),
            exchanges,
        );
        passed.rests_on_refusal = true;
        passed
    }

    /// A refusal passes only when the correct request sent right after it is accepted.
    async fn refusal(
        &mut self,
        probe: Probe,
        refused: String,
        mut exchange: ProbeExchange,
    ) -> ProbeResult {
        let control = self
            .control_after(format!("right after the one with {}", exchange.sent))
            .await;
        if control.reading != Reading::Accepted {
            return in_doubt(probe, refused, control, vec![exchange]);
        }
        exchange.notable = false;
        let mut passed = result(
            probe,
            ProbeStatus::Pass,
            refused,
            vec![exchange, control.exchange],
        );
        passed.rests_on_refusal = true;
        passed
    }

    async fn command_mismatch(&mut self) -> ProbeResult {
        let probe = Probe::CommandMismatch;
        let callback = known(CONTROL);
        let other = "Group.CallbackAfterCreateGroup";
        let sent = format!("query CallbackCommand {other}, body {}", callback.command);
        let (report, mut exchange) = self
            .send(callback, callback.sample_body(), sent, |config| {
                config
                    .query_edits
                    .push(QueryEdit::Set("CallbackCommand".into(), other.into()));
            })
            .await;
        exchange.notable = true;
        let (status, summary) = match reading::read(&report) {
            Reading::Rejected => {
                let refused = "refused the mismatched request".to_string();
                return self.refusal(probe, refused, exchange).await;
            }
            Reading::Accepted => (
                ProbeStatus::Warn,
                "answered validly but accepted a request whose query and body disagree".to_string(),
            ),
            Reading::Invalid(why) | Reading::NoAnswer(why) => (ProbeStatus::Fail, why),
        };
        result(probe, status, summary, vec![exchange])
    }

    /// A future before-shaped and after-shaped command: anything but OK/0 fails.
    async fn unknown_command(&mut self) -> ProbeResult {
        let mut exchanges = Vec::new();
        let mut problems = Vec::new();
        for (alias, future, consequence) in FUTURE_COMMANDS {
            let callback = known(alias);
            let mut body = callback.sample_body();
            body["CallbackCommand"] = json!(future);
            let sent = format!("a future command, {future}");
            let (report, mut exchange) = self
                .send(callback, body, sent, |config| {
                    config
                        .query_edits
                        .push(QueryEdit::Set("CallbackCommand".into(), future.into()));
                })
                .await;
            if !ok_zero(&report) {
                problems.push(format!(
                    "answered {future} with {}: {consequence}",
                    brief(&report)
                ));
                exchange.notable = true;
            }
            exchanges.push(exchange);
        }
        let passed = "answered a future before- and after-callback with OK/0".to_string();
        judged(
            Probe::UnknownCommand,
            problems,
            Vec::new(),
            passed,
            exchanges,
        )
    }

    /// Every catalog callback's plain sample, all families: a before-callback denied blocks
    /// its feature for every user; an invalid answer makes IM fall back. The summary counts
    /// per family.
    async fn coverage(&mut self) -> ProbeResult {
        let mut exchanges = Vec::new();
        let mut problems = Vec::new();
        let mut refused_notifications = Vec::new();
        let mut families: Vec<(catalog::Family, usize, usize)> = Vec::new();
        for callback in catalog::CALLBACKS {
            let (report, mut exchange) = self
                .send(
                    callback,
                    callback.sample_body(),
                    "the catalog sample".into(),
                    |_| {},
                )
                .await;
            let handling = handled(callback, &report);
            exchange.notable = handling != Handled::Fine;
            match families
                .iter_mut()
                .find(|(family, ..)| *family == callback.family)
            {
                Some((_, fine, total)) => {
                    *fine += usize::from(handling == Handled::Fine);
                    *total += 1;
                }
                None => families.push((callback.family, usize::from(handling == Handled::Fine), 1)),
            }
            match handling {
                Handled::Fine => {}
                Handled::Denied => {
                    let means = match &callback.answer {
                        Answer::Decides(decides) => decides.denied_means,
                        Answer::Ignored => "",
                    };
                    problems.push(format!(
                        "{} ({}) denies its plain sample, so {means}",
                        callback.alias, callback.command
                    ));
                }
                Handled::RefusedNotification => refused_notifications.push(callback.alias),
                Handled::Broken(why) => problems.push(format!(
                    "{} ({}) is answered invalidly: {why}",
                    callback.alias, callback.command
                )),
            }
            exchanges.push(exchange);
        }
        let mut warnings = Vec::new();
        if !refused_notifications.is_empty() {
            warnings.push(format!(
                "refuses {}: {} (IM ignores a notification's answer, but a refusal usually means it was not handled)",
                plural(refused_notifications.len(), "notification"),
                refused_notifications.join(", ")
            ));
        }
        let by_family = families
            .iter()
            .map(|(family, fine, total)| format!("{family} {fine}/{total}"))
            .collect::<Vec<_>>()
            .join(", ");
        let passed = format!(
            "all {} callbacks answered validly ({by_family}); no before-callback denies its plain sample",
            exchanges.len()
        );
        if !problems.is_empty() || !warnings.is_empty() {
            warnings.insert(0, format!("handled as they should, by family: {by_family}"));
        }
        judged(Probe::Coverage, problems, warnings, passed, exchanges)
    }

    /// before-send and after-send with each message element type, then all in one message.
    async fn message_elements(&mut self) -> ProbeResult {
        let mut bodies: Vec<(String, Value)> = elements::ELEMENTS
            .iter()
            .map(|element| {
                (
                    format!("one {}", element.msg_type),
                    json!([element.value()]),
                )
            })
            .collect();
        bodies.push((
            format!(
                "all {} element types in one message",
                elements::ELEMENTS.len()
            ),
            elements::every_element(),
        ));
        let mut cases = Vec::new();
        for alias in ["before-send", "after-send"] {
            let callback = known(alias);
            for (what, msg_body) in &bodies {
                let mut body = callback.sample_body();
                body["MsgBody"] = msg_body.clone();
                cases.push((callback, body, format!("MsgBody with {what}"), Vec::new()));
            }
        }
        self.must_answer(Probe::MessageElements, cases).await
    }

    async fn unknown_fields(&mut self) -> ProbeResult {
        let callback = known("before-create");
        let mut body = callback.sample_body();
        body["FieldFromTheFuture"] = json!({ "Nested": [1, 2, 3], "Flag": true });
        body["MsgPriority"] = json!("Normal");
        let cases = vec![(
            callback,
            body,
            "two unknown body fields and a RequestID query parameter".to_string(),
            vec![QueryEdit::Set(
                "RequestID".into(),
                "cf026bb1-e5da-4eba-99c8-b257f25278a0".into(),
            )],
        )];
        self.must_answer(Probe::UnknownFields, cases).await
    }

    async fn doc_variants(&mut self) -> ProbeResult {
        let mut cases = Vec::new();
        for variant in variants::VARIANTS {
            let callback = known(variant.alias);
            let body = variant.value();
            cases.push((
                callback,
                body,
                format!("variant {}", variant.file),
                Vec::new(),
            ));
        }
        let send = known("before-send");
        let edit = vec![QueryEdit::Set("OptPlatform".into(), "IOS".into())];
        cases.push((send, send.sample_body(), "OptPlatform=IOS".into(), edit));
        self.must_answer(Probe::DocVariants, cases).await
    }

    async fn unicode(&mut self) -> ProbeResult {
        let callback = known("before-create");
        let mut body = callback.sample_body();
        body["Name"] = json!("周末登山群 🏔️🎉 «Ünïcødé» \"quoted\"");
        body["MemberList"] =
            json!([{ "Member_Account": "用户_小明" }, { "Member_Account": "emoji😀user" }]);
        let cases = vec![(
            callback,
            body,
            "a CJK and emoji group name and user IDs".to_string(),
            Vec::new(),
        )];
        self.must_answer(Probe::Unicode, cases).await
    }

    /// Every request must get a valid answer that lets it through, as `send` judges it (a
    /// refused notification is a warning: IM ignores it).
    async fn must_answer(
        &mut self,
        probe: Probe,
        cases: Vec<(&'static Callback, Value, String, Vec<QueryEdit>)>,
    ) -> ProbeResult {
        let mut exchanges = Vec::new();
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        for (callback, body, sent, edits) in cases {
            let (report, mut exchange) = self
                .send(callback, body, sent.clone(), |config| {
                    config.query_edits.extend(edits);
                })
                .await;
            let what = format!("{} with {sent}", callback.alias);
            let handling = handled(callback, &report);
            exchange.notable = handling != Handled::Fine;
            match handling {
                Handled::Fine => {}
                Handled::Denied => problems.push(format!(
                    "{what}: refused ({}): {}",
                    brief(&report),
                    report.meaning
                )),
                Handled::RefusedNotification => {
                    warnings.push(format!("{what}: answered {}", brief(&report)));
                }
                Handled::Broken(why) => problems.push(format!("{what}: {why}")),
            }
            exchanges.push(exchange);
        }
        if !problems.is_empty() {
            let control = self
                .control_after(format!("right after the {}", probe.id()))
                .await;
            if control.reading != Reading::Accepted {
                warnings.insert(0, "the receiver refuses the correct before-create request too: does it need its own --sdkappid or --token?".into());
                exchanges.push(control.exchange);
            }
        }
        let passed = format!("{} answered validly", plural(exchanges.len(), "request"));
        judged(probe, problems, warnings, passed, exchanges)
    }

    /// The very same request twice (same body, RequestTime and Sign; the body fresh, so
    /// the first is new to the receiver): the same decision both times. A refusal both times
    /// passes only when the correct request sent right after is accepted.
    async fn duplicate_delivery(&mut self) -> ProbeResult {
        let probe = Probe::DuplicateDelivery;
        let callback = known("before-send");
        let now = sign::now_unix_seconds();
        let mut body = callback.sample_body();
        self.fresh.apply(&mut body);
        let mut reports = Vec::new();
        let mut exchanges = Vec::new();
        for attempt in ["first delivery", "the same request again"] {
            let (report, exchange) = self
                .send_as_is(callback, body.clone(), attempt.into(), |config| {
                    config.request_time = Some(now);
                })
                .await;
            reports.push(report);
            exchanges.push(exchange);
        }
        let refusals = reports
            .iter()
            .map(|report| reading::read(report) == Reading::Rejected)
            .collect::<Vec<_>>();
        let (first, again) = (reports[0].decision, reports[1].decision);
        let (status, summary) = if !reports.iter().all(reading::valid) {
            (
                ProbeStatus::Fail,
                "not every delivery was answered validly".to_string(),
            )
        } else if refusals[1] || (refusals[0] && first == again) {
            // A refusal: of this request, or of any correct request by now?
            let control = self
                .control_after("right after the second delivery".into())
                .await;
            let accepted = control.reading == Reading::Accepted;
            exchanges.push(control.exchange);
            match (first == again, accepted) {
                (true, true) => (
                    ProbeStatus::Pass,
                    format!("the same decision ({first}) both times"),
                ),
                (false, true) => (
                    ProbeStatus::Fail,
                    format!("decided {first} then {again} on the same request"),
                ),
                (_, false) => (
                    ProbeStatus::Inconclusive,
                    format!(
                        "decided {first} then {again}, but the receiver does not accept the correct before-create request sent right after either ({}), so that shows nothing; give it its own --sdkappid (and --token), and let it accept a correct request whenever it comes, to make it conclusive",
                        control.brief
                    ),
                ),
            }
        } else if first != again {
            (
                ProbeStatus::Fail,
                format!("decided {first} then {again} on the same request"),
            )
        } else {
            (
                ProbeStatus::Pass,
                format!("the same decision ({first}) both times"),
            )
        };
        if status != ProbeStatus::Pass {
            for exchange in &mut exchanges {
                exchange.notable = true;
            }
        }
        let mut judged = result(probe, status, summary, exchanges);
        judged.rests_on_refusal = refusals[0];
        judged
    }

    fn latency(&self) -> ProbeResult {
        let summary = self.latency_summary();
        let (status, text) = match summary.max_ms {
            _ if !self.timed_out.is_empty() => (
                ProbeStatus::Fail,
                format!(
                    "{} got no answer within the timeout: {}",
                    plural(self.timed_out.len(), "request"),
                    self.timed_out.join(", ")
                ),
            ),
            None => (ProbeStatus::Skip, "no answers to measure".to_string()),
            Some(max) if max > BUDGET.as_secs_f64() * 1000.0 => (
                ProbeStatus::Fail,
                format!(
                    "the slowest answer took {}: {}",
                    human_duration(Duration::from_secs_f64(max / 1000.0)),
                    summary.slowest.clone().unwrap_or_default()
                ),
            ),
            Some(max) => (
                ProbeStatus::Pass,
                format!(
                    "{} answers within 2 s: p95 {}, slowest {}",
                    summary.answers,
                    human_duration(Duration::from_secs_f64(
                        summary.p95_ms.unwrap_or(max) / 1000.0
                    )),
                    human_duration(Duration::from_secs_f64(max / 1000.0))
                ),
            ),
        };
        result(Probe::Latency, status, text, Vec::new())
    }

    fn latency_summary(&self) -> LatencySummary {
        let mut sorted: Vec<&(Duration, String)> = self.answered.iter().collect();
        sorted.sort_by_key(|(latency, _)| *latency);
        let Some((max, slowest)) = sorted.last() else {
            return LatencySummary::default();
        };
        let rank = ((sorted.len() as f64) * 0.95).ceil() as usize;
        let p95 = sorted[rank.clamp(1, sorted.len()) - 1].0;
        let ms = |duration: Duration| (duration.as_secs_f64() * 1_000_000.0).round() / 1000.0;
        LatencySummary {
            answers: sorted.len(),
            p95_ms: Some(ms(p95)),
            max_ms: Some(ms(*max)),
            slowest: Some(slowest.clone()),
        }
    }
}

/// The sample invitation with 2,000 invitees, the sample's own last: a receiver that decides
/// on the first bytes only cannot see them, and so cannot repeat its decision about them.
fn large_invitation(callback: &Callback) -> Value {
    let mut body = callback.sample_body();
    let sample_members = body["DestinationMembers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut members: Vec<Value> = (sample_members.len()..LARGE_MEMBERS)
        .map(|index| json!({ "Member_Account": format!("invitee_{index:05}") }))
        .collect();
    members.extend(sample_members);
    body["DestinationMembers"] = Value::Array(members);
    body
}

/// What is wrong with how the small and the large invitation were decided, if anything.
fn invitation_problem(small: &Report, large: &Report) -> Option<String> {
    let (small_decided, large_decided) = (decided(small), decided(large));
    if !reading::valid(large) {
        Some(format!(
            "the large invitation was not answered validly: {}",
            describe(large)
        ))
    } else if !reading::valid(small) {
        Some("the small invitation was not answered validly".to_string())
    } else if small_decided != large_decided {
        Some(format!(
            "decided {} on the large invitation but {} on the small one, whose invitees it also holds",
            decision_text(&large_decided),
            decision_text(&small_decided)
        ))
    } else {
        None
    }
}

/// A refusal the control sent right after it cannot back: inconclusive, with both exchanges.
fn in_doubt(
    probe: Probe,
    refused: String,
    control: Control,
    mut exchanges: Vec<ProbeExchange>,
) -> ProbeResult {
    let summary = format!(
        "{refused}, but the receiver does not accept the correct request sent right after either ({}), so the refusal proves nothing; to make it conclusive, give the receiver's own --sdkappid (and --token when callback auth is on) so that correct requests are accepted, and let it accept a correct request whenever it comes (no rate limit, no refusal of what it has seen)",
        control.brief
    );
    let mut evidence = control.exchange;
    evidence.notable = true;
    exchanges.push(evidence);
    result(probe, ProbeStatus::Inconclusive, summary, exchanges)
}

/// fail with the problems (and the warnings), else warn with the warnings, else pass.
fn judged(
    probe: Probe,
    problems: Vec<String>,
    warnings: Vec<String>,
    passed: String,
    exchanges: Vec<ProbeExchange>,
) -> ProbeResult {
    if !problems.is_empty() {
        let mut summary = capped(problems);
        summary.extend(capped(warnings));
        result(probe, ProbeStatus::Fail, summary.join("; "), exchanges)
    } else if !warnings.is_empty() {
        result(
            probe,
            ProbeStatus::Warn,
            capped(warnings).join("; "),
            exchanges,
        )
    } else {
        result(probe, ProbeStatus::Pass, passed, exchanges)
    }
}

/// The first few items, then how many more: a summary stays readable however much failed
/// (the exchanges hold every one).
fn capped(mut items: Vec<String>) -> Vec<String> {
    const SHOWN: usize = 5;
    if items.len() > SHOWN {
        let more = items.len() - SHOWN;
        items.truncate(SHOWN);
        items.push(format!("and {more} more (see the exchanges)"));
    }
    items
}

/// Names the suite cases that could not be judged, after the summary.
fn with_unjudged(summary: String, unjudged: &[String]) -> String {
    if unjudged.is_empty() {
        return summary;
    }
    format!("{summary}; not judged: {}", unjudged.join(", "))
}

/// The callbacks the baseline sends: both kinds, the three with extra answer fields, and the
/// one sent without ClientIP/OptPlatform.
const BASELINE: [&str; 6] = [
    "before-create",
    "before-invite",
    "before-send",
    "after-create",
    "after-send",
    "member-state",
];

/// The correct request that every refusal is judged against; the refusal probes send it
/// with one thing wrong.
const CONTROL: &str = "before-create";

/// How far stale-time and future-time move RequestTime: just past the minute the IM console
/// guide allows (CN-32431), and well past it.
const TIME_OFFSETS: [(u64, &str); 2] = [(90, "90 s"), (300, "5 minutes")];

/// How a refusal probe changes the correct request.
type Change = Box<dyn FnOnce(&mut RequestConfig)>;

/// Commands from the future, each sent with a sample of its shape, and what an answer other
/// than OK/0 means.
const FUTURE_COMMANDS: [(&str, &str, &str); 2] = [
    (
        "before-create",
        "Group.CallbackBeforeFutureEvent",
        "once Tencent adds this before-callback, a FAIL or non-zero ErrorCode makes IM deny (or fall back on) every such action: the new feature is blocked",
    ),
    (
        "after-create",
        "Group.CallbackAfterFutureEvent",
        "a notification the receiver does not know must still get OK/0",
    ),
];

/// About 60 KB of body (§ the issue: 2,000 invited members).
const LARGE_MEMBERS: usize = 2000;

fn plural(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// A callback the probes send. The catalog is static data and a test below checks every
/// alias used here, so the lookup cannot fail at run time.
fn known(alias: &str) -> &'static Callback {
    catalog::find(alias).unwrap_or_else(|_| panic!("the catalog lacks {alias}"))
}

/// An SdkAppid that differs from `given` but has its shape.
fn other_sdkappid(given: &str) -> String {
    match given.parse::<u64>() {
        Ok(number) => number.wrapping_add(1).to_string(),
        Err(_) => "1400000001".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_callback_the_probes_send_is_in_the_catalog() {
        let source = include_str!("mod.rs");
        let mut aliases: Vec<&str> = BASELINE.to_vec();
        aliases.push(CONTROL);
        aliases.extend(FUTURE_COMMANDS.iter().map(|(alias, _, _)| *alias));
        for piece in source.split("known(\"").skip(1) {
            aliases.extend(piece.split('"').next());
        }
        assert!(aliases.len() > BASELINE.len());
        for alias in aliases {
            assert!(catalog::find(alias).is_ok(), "{alias}");
        }
        for variant in variants::VARIANTS {
            assert!(catalog::find(variant.alias).is_ok(), "{}", variant.file);
        }
    }

    #[test]
    fn future_commands_are_unknown_and_shaped_like_their_sample() {
        for (alias, future, _) in FUTURE_COMMANDS {
            assert!(catalog::by_command(future).is_none(), "{future}");
            let shape = if known(alias).kind().decides() {
                "Group.CallbackBefore"
            } else {
                "Group.CallbackAfter"
            };
            assert!(future.starts_with(shape), "{future}");
        }
    }

    #[test]
    fn every_before_callback_says_what_denying_it_means() {
        for callback in catalog::CALLBACKS {
            if let Answer::Decides(decides) = &callback.answer {
                assert!(!decides.denied_means.is_empty(), "{}", callback.alias);
            }
        }
    }
}
