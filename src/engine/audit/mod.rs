//! `grpcb audit`: a battery of probes for the hygiene Tencent asks of every receiver (check
//! SdkAppid and Sign, answer within 2 s, tolerate what you do not know, read the whole body),
//! each judged pass, fail, warn, inconclusive or skip, with what was sent, what came back,
//! why it matters and how to fix it.
//!
//! A probe that needs the receiver to refuse a request only passes when the receiver accepts
//! the same request made correctly (the control): a receiver that refuses everything proves
//! nothing by refusing, so such a probe is inconclusive.

mod probe;
pub mod reading;
pub mod transform;

pub use probe::Probe;

use crate::app::stop::{Signal, Stop};
use crate::config::suite::{self, Case};
use crate::config::{BUDGET, QueryEdit, RequestConfig};
use crate::engine::audit::transform::Transform;
use crate::engine::check::check_sent_as;
use crate::engine::report::Report;
use crate::error::{BadValue, Result, Subject};
use crate::transport::Transport;
use grpcb_contract::catalog::{self, AnswerSemantics as Answer, Callback, elements, variants};
use grpcb_contract::duration::human as human_duration;
use grpcb_contract::payload;
use grpcb_contract::sign;
use grpcb_contract::verdict::{Decision, Expectations, Expected, Outcome};
use reading::{
    Handled, Reading, brief, decided, decision_text, describe, first_error, handled, ok_zero,
};
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
        control: None,
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
    let totals = AuditTotals::of(&results);
    let verdict = match signal {
        Some(_) => AuditVerdict::Stopped,
        None if totals.failed > 0 => AuditVerdict::Fail,
        None if plan.strict && totals.inconclusive + totals.warned > 0 => AuditVerdict::Fail,
        None if totals.inconclusive > 0 => AuditVerdict::Inconclusive,
        None => AuditVerdict::Pass,
    };
    AuditReport {
        url: plan.config.url.to_string(),
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
    }
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

/// A suite case sent as written.
struct Original<'a> {
    case: &'a Case,
    report: Report,
    exchange: ProbeExchange,
}

/// What the transformations of the suite's cases showed.
#[derive(Default)]
struct Survival {
    problems: Vec<String>,
    /// Transformed requests whose decision could be compared.
    compared: usize,
    /// Cases that fail as written, so nothing can be compared.
    unjudged: Vec<String>,
    exchanges: Vec<ProbeExchange>,
}

struct Auditor<'a, T> {
    transport: &'a mut T,
    plan: &'a AuditPlan,
    /// (latency, label) of every answer so far, for the latency probe.
    answered: Vec<(Duration, String)>,
    /// Requests that got no answer within the timeout.
    timed_out: Vec<String>,
    /// The correct before-create request, once sent.
    control: Option<Control>,
    /// The suite's cases as written, once sent.
    originals: Option<Vec<Original<'a>>>,
}

impl<'a, T: Transport> Auditor<'a, T> {
    /// Sends one request with a changed configuration and body; records its latency. A
    /// body field that must equal the query's SdkAppid is set to the audit's.
    async fn send(
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

    /// The correct before-create request: the baseline's, or sent now.
    async fn control(&mut self) -> Control {
        if let Some(control) = &self.control {
            return control.clone();
        }
        let callback = known(CONTROL);
        let sent = "the correct catalog sample (the control)".to_string();
        let (report, exchange) = self
            .send(callback, callback.sample_body(), sent, |_| {})
            .await;
        let control = Control::of(&report, exchange);
        self.control = Some(control.clone());
        control
    }

    async fn probe(&mut self, probe: Probe) -> ProbeResult {
        match probe {
            Probe::Baseline => self.baseline().await,
            Probe::WrongSdkappid => {
                let wrong = other_sdkappid(&self.plan.config.sdkappid);
                let sent = format!("SdkAppid {wrong} instead of {}", self.plan.config.sdkappid);
                self.must_refuse(probe, sent, move |config| config.sdkappid = wrong)
                    .await
            }
            Probe::MissingSdkappid => {
                self.must_refuse(probe, "no SdkAppid parameter".into(), |config| {
                    config
                        .query_edits
                        .push(QueryEdit::Remove("SdkAppid".into()));
                })
                .await
            }
            Probe::MissingSign => {
                self.must_refuse(probe, "RequestTime but no Sign".into(), |config| {
                    config.query_edits.push(QueryEdit::Remove("Sign".into()));
                })
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
                self.must_refuse(
                    probe,
                    "a Sign made with another token".into(),
                    move |config| {
                        config.request_time = Some(now);
                        config
                            .query_edits
                            .push(QueryEdit::Set("Sign".into(), forged));
                    },
                )
                .await
            }
            Probe::StaleTime => {
                let then = sign::now_unix_seconds().saturating_sub(300);
                self.must_refuse(
                    probe,
                    "a valid Sign for a RequestTime 5 minutes old".into(),
                    move |config| config.request_time = Some(then),
                )
                .await
            }
            Probe::FutureTime => {
                let later = sign::now_unix_seconds() + 300;
                self.must_refuse(
                    probe,
                    "a valid Sign for a RequestTime 5 minutes ahead".into(),
                    move |config| config.request_time = Some(later),
                )
                .await
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
                self.control = Some(Control::of(&report, exchange.clone()));
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

    /// Sends before-create with one thing wrong; the receiver must refuse it, and accept the
    /// same request made correctly, or the refusal proves nothing.
    async fn must_refuse(
        &mut self,
        probe: Probe,
        sent: String,
        tweak: impl FnOnce(&mut RequestConfig),
    ) -> ProbeResult {
        let callback = known(CONTROL);
        let (report, mut exchange) = self
            .send(callback, callback.sample_body(), sent.clone(), tweak)
            .await;
        exchange.notable = true;
        let (status, summary) = match reading::read(&report) {
            Reading::Rejected => {
                return self
                    .refusal(probe, format!("refused {sent}"), exchange)
                    .await;
            }
            Reading::Accepted => (
                ProbeStatus::Fail,
                format!(
                    "accepted a request with {sent} (answered {})",
                    report.decision
                ),
            ),
            Reading::Invalid(why) => (
                ProbeStatus::Fail,
                format!("{sent}: answered invalidly ({why}) instead of refusing"),
            ),
            Reading::NoAnswer(why) => (ProbeStatus::Fail, format!("{sent}: no answer ({why})")),
        };
        result(probe, status, summary, vec![exchange])
    }

    /// A refusal passes only when the control was accepted.
    async fn refusal(
        &mut self,
        probe: Probe,
        refused: String,
        exchange: ProbeExchange,
    ) -> ProbeResult {
        let control = self.control().await;
        if control.reading == Reading::Accepted {
            let mut exchange = exchange;
            exchange.notable = false;
            return result(probe, ProbeStatus::Pass, refused, vec![exchange]);
        }
        let summary = format!(
            "{refused}, but the receiver does not accept the correct request either ({}), so the refusal proves nothing; to make it conclusive, give the receiver's own --sdkappid (and --token when callback auth is on) so that correct requests are accepted",
            control.brief
        );
        let mut evidence = control.exchange;
        evidence.notable = true;
        result(
            probe,
            ProbeStatus::Inconclusive,
            summary,
            vec![exchange, evidence],
        )
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
        if !problems.is_empty() && self.control().await.reading != Reading::Accepted {
            warnings.insert(0, "the receiver refuses the correct before-create request too: does it need its own --sdkappid or --token?".into());
        }
        let passed = format!("{} answered validly", plural(exchanges.len(), "request"));
        judged(probe, problems, warnings, passed, exchanges)
    }

    /// The 2,000-member invitation must be decided as the sample is; with `--suite`, every
    /// known decision must survive 64 KB of padding before the fields that decide it.
    async fn large_body(&mut self) -> ProbeResult {
        let probe = Probe::LargeBody;
        let callback = known("before-invite");
        let (small, small_exchange) = self
            .send(
                callback,
                callback.sample_body(),
                "the catalog sample".into(),
                |_| {},
            )
            .await;
        let body = large_invitation(callback);
        let size = serde_json::to_vec(&body)
            .map(|bytes| bytes.len())
            .unwrap_or(0);
        let sent = format!("{LARGE_MEMBERS} invited members ({} KB)", size / 1024);
        let (large, mut large_exchange) = self.send(callback, body, sent, |_| {}).await;
        let mut problems: Vec<String> = invitation_problem(&small, &large).into_iter().collect();
        large_exchange.notable = !problems.is_empty();
        let mut exchanges = vec![small_exchange, large_exchange];
        // Only a partial refusal depends on the invitees; an allow (or a deny) of both says
        // nothing about whether the receiver read them.
        let sample_shows = small.decision == Decision::AllowPartial;
        let survival = self.survival(&[Transform::Padded]).await;
        problems.extend(survival.problems);
        exchanges.extend(survival.exchanges);
        let status = if !problems.is_empty() {
            ProbeStatus::Fail
        } else if sample_shows || survival.compared > 0 {
            ProbeStatus::Pass
        } else {
            ProbeStatus::Inconclusive
        };
        let summary = match status {
            ProbeStatus::Fail => problems.join("; "),
            ProbeStatus::Pass => {
                let mut summary = format!(
                    "same decision ({}) for 2 and {LARGE_MEMBERS} members",
                    large.decision
                );
                if survival.compared > 0 {
                    summary.push_str(&format!(
                        "; {} of the suite kept their decision past 64 KB of padding",
                        plural(survival.compared, "case")
                    ));
                }
                summary
            }
            _ => format!(
                "same decision ({}) for 2 and {LARGE_MEMBERS} members, but a decision that does not depend on the body cannot show whether the receiver reads it whole (one that reads only the first 2 KB answers the same); to make it conclusive, run with --suite FILE holding a case with a known deny or partial refusal",
                large.decision
            ),
        };
        let summary = with_unjudged(summary, &survival.unjudged);
        result(probe, status, summary, exchanges)
    }

    /// With `--suite`, every known decision must survive the rewritings that keep a body's
    /// meaning.
    async fn transformations(&mut self) -> ProbeResult {
        let probe = Probe::Transformations;
        if self.plan.suite.is_none() {
            let why = "not run: pass --suite FILE with cases whose decision is known (a deny, deny-custom, drop, rewrite or partial refusal)".to_string();
            return result(probe, ProbeStatus::Skip, why, Vec::new());
        }
        let rewritings = [
            Transform::Reordered,
            Transform::Pretty,
            Transform::EscapedUnicode,
            Transform::EventTimeString,
        ];
        let survival = self.survival(&rewritings).await;
        let (status, summary) = if !survival.problems.is_empty() {
            (ProbeStatus::Fail, survival.problems.join("; "))
        } else if survival.compared == 0 {
            (
                ProbeStatus::Inconclusive,
                "no case of the suite could be judged, so no decision could be compared".into(),
            )
        } else {
            (
                ProbeStatus::Pass,
                format!(
                    "{} kept their decision (keys reordered, pretty-printed, \\u-escaped, EventTime as a string)",
                    plural(survival.compared, "rewritten request")
                ),
            )
        };
        let summary = with_unjudged(summary, &survival.unjudged);
        result(probe, status, summary, survival.exchanges)
    }

    /// Sends the suite's known cases as written (once), then each rewritten by `transforms`;
    /// a rewritten request must be decided as the case was.
    async fn survival(&mut self, transforms: &[Transform]) -> Survival {
        let mut survival = Survival::default();
        let Some(suite) = self.plan.suite.as_ref() else {
            return survival;
        };
        if self.originals.is_none() {
            let mut originals = Vec::new();
            for case in &suite.cases {
                let sent = format!("case `{}` as written", case.name);
                let (report, exchange) = self
                    .exchange(
                        &case.config,
                        case.callback,
                        case.body.clone(),
                        None,
                        &case.expect,
                        sent,
                    )
                    .await;
                originals.push(Original {
                    case,
                    report,
                    exchange,
                });
            }
            self.originals = Some(originals);
        }
        // A receiver that refuses the correct request denies every case alike: its denials
        // prove nothing, whatever the body.
        let refuses_everything = self.control().await.reading != Reading::Accepted;
        let originals = self.originals.take().unwrap_or_default();
        for original in &originals {
            let case = original.case;
            if original.report.verdict != Outcome::Pass {
                survival.unjudged.push(format!(
                    "`{}` (it does not pass as written: {})",
                    case.name,
                    first_error(&original.report)
                ));
                continue;
            }
            let refusal = matches!(
                original.report.decision,
                Decision::Deny | Decision::DenyCustom | Decision::Drop
            );
            if refuses_everything && refusal {
                survival.unjudged.push(format!(
                    "`{}` (the receiver refuses the correct before-create request too, so its {} proves nothing)",
                    case.name, original.report.decision
                ));
                continue;
            }
            survival.exchanges.push(original.exchange.clone());
            let expected = decided(&original.report);
            for transform in transforms
                .iter()
                .filter(|transform| transform.applies_to(&case.body))
            {
                let sent = format!("case `{}` {}", case.name, transform.describe());
                let (report, mut exchange) = self
                    .exchange(
                        &case.config,
                        case.callback,
                        case.body.clone(),
                        Some(transform.apply(&case.body)),
                        &Expectations::default(),
                        sent,
                    )
                    .await;
                survival.compared += 1;
                let got = decided(&report);
                let problem = if report.verdict != Outcome::Pass {
                    Some(format!(
                        "case `{}` {}: {}",
                        case.name,
                        transform.describe(),
                        first_error(&report)
                    ))
                } else if got != expected {
                    Some(format!(
                        "case `{}` was decided {} when {}, but {} as written",
                        case.name,
                        decision_text(&got),
                        transform.describe(),
                        decision_text(&expected)
                    ))
                } else {
                    None
                };
                exchange.notable = problem.is_some();
                survival.problems.extend(problem);
                survival.exchanges.push(exchange);
            }
        }
        self.originals = Some(originals);
        survival
    }

    async fn duplicate_delivery(&mut self) -> ProbeResult {
        let probe = Probe::DuplicateDelivery;
        let callback = known("before-send");
        // The very same request twice: same body, same RequestTime and Sign.
        let now = sign::now_unix_seconds();
        let mut reports = Vec::new();
        let mut exchanges = Vec::new();
        for attempt in ["first delivery", "the same request again"] {
            let (report, exchange) = self
                .send(callback, callback.sample_body(), attempt.into(), |config| {
                    config.request_time = Some(now);
                })
                .await;
            reports.push(report);
            exchanges.push(exchange);
        }
        let (status, summary) = if !reports.iter().all(reading::valid) {
            (
                ProbeStatus::Fail,
                "not every delivery was answered validly".to_string(),
            )
        } else if reports[0].decision != reports[1].decision {
            (
                ProbeStatus::Fail,
                format!(
                    "decided {} then {} on the same request",
                    reports[0].decision, reports[1].decision
                ),
            )
        } else if self.control().await.reading != Reading::Accepted {
            (
                ProbeStatus::Inconclusive,
                format!(
                    "the same decision ({}) both times, but the receiver refuses the correct before-create request too, so that shows nothing; give it its own --sdkappid (and --token) to make it conclusive",
                    reports[0].decision
                ),
            )
        } else {
            (
                ProbeStatus::Pass,
                format!("the same decision ({}) both times", reports[0].decision),
            )
        };
        if status == ProbeStatus::Fail {
            for exchange in &mut exchanges {
                exchange.notable = true;
            }
        }
        result(probe, status, summary, exchanges)
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
