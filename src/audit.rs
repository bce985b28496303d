//! `grpcb audit`: a battery of probes for the hygiene Tencent asks of every receiver (check
//! SdkAppid and Sign, answer within 2 s, tolerate what you do not know), each judged pass,
//! fail or warn with what was sent, what came back, why it matters and how to fix it.

use crate::catalog::{self, Callback, Kind};
use crate::check::check;
use crate::client::human_duration;
use crate::config::{BUDGET, QueryEdit, RequestConfig};
use crate::report::Report;
use crate::sign;
use crate::verdict::{Code, Decision, Expectations, Outcome, Severity, refused_users};
use serde::Serialize;
use serde_json::{Value, json};
use std::time::Duration;

/// Every probe, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Probe {
    Baseline,
    WrongSdkappid,
    MissingSdkappid,
    MissingSign,
    WrongSign,
    StaleTime,
    FutureTime,
    CommandMismatch,
    UnknownCommand,
    UnknownFields,
    DocVariants,
    LargeBody,
    Unicode,
    DuplicateDelivery,
    Latency,
}

impl Probe {
    pub const ALL: [Probe; 15] = [
        Probe::Baseline,
        Probe::WrongSdkappid,
        Probe::MissingSdkappid,
        Probe::MissingSign,
        Probe::WrongSign,
        Probe::StaleTime,
        Probe::FutureTime,
        Probe::CommandMismatch,
        Probe::UnknownCommand,
        Probe::UnknownFields,
        Probe::DocVariants,
        Probe::LargeBody,
        Probe::Unicode,
        Probe::DuplicateDelivery,
        Probe::Latency,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Probe::Baseline => "baseline",
            Probe::WrongSdkappid => "wrong-sdkappid",
            Probe::MissingSdkappid => "missing-sdkappid",
            Probe::MissingSign => "missing-sign",
            Probe::WrongSign => "wrong-sign",
            Probe::StaleTime => "stale-time",
            Probe::FutureTime => "future-time",
            Probe::CommandMismatch => "command-mismatch",
            Probe::UnknownCommand => "unknown-command",
            Probe::UnknownFields => "unknown-fields",
            Probe::DocVariants => "doc-variants",
            Probe::LargeBody => "large-body",
            Probe::Unicode => "unicode",
            Probe::DuplicateDelivery => "duplicate-delivery",
            Probe::Latency => "latency",
        }
    }

    pub fn parse(id: &str) -> Option<Probe> {
        Probe::ALL.into_iter().find(|probe| probe.id() == id.trim())
    }

    /// The signature probes need the token to sign anything.
    fn needs_token(self) -> bool {
        matches!(
            self,
            Probe::MissingSign | Probe::WrongSign | Probe::StaleTime | Probe::FutureTime
        )
    }

    /// A failed advisory probe is a warning unless `--strict`.
    fn advisory(self) -> bool {
        matches!(self, Probe::StaleTime | Probe::FutureTime)
    }

    pub fn why(self) -> &'static str {
        match self {
            Probe::Baseline => {
                "if correct callbacks are not answered validly, IM falls back to its failure policy on every event"
            }
            Probe::WrongSdkappid | Probe::MissingSdkappid => {
                "Tencent tells every backend to check SdkAppid: without it, callbacks meant for another app (or forged ones) are acted on"
            }
            Probe::MissingSign | Probe::WrongSign => {
                "with callback auth on, the Sign is the only proof a request comes from IM; anyone who finds the URL can forge callbacks otherwise"
            }
            Probe::StaleTime | Probe::FutureTime => {
                "a captured request replayed later still carries a valid Sign; Tencent documents a 60 s RequestTime window for its other webhooks (IM's own pages state none)"
            }
            Probe::CommandMismatch => {
                "a receiver that dispatches on the query but reads the body (or the reverse) can be steered into handling one event as another"
            }
            Probe::UnknownCommand => {
                "IM adds callbacks over time; a receiver that errors on a new one fails every such event once it is switched on"
            }
            Probe::UnknownFields => {
                "IM adds fields and query parameters (MsgId, TopicId, RequestID) without notice; strict parsers break"
            }
            Probe::DocVariants => {
                "the docs disagree (EventTime as a string, CreateGroupNum, Member_Account, OptPlatform IOS); real traffic may follow either"
            }
            Probe::LargeBody => {
                "a 2,000-member invitation is about 60 KB; receivers that read only the first bytes decide on half a request"
            }
            Probe::Unicode => {
                "group names and user IDs carry CJK text and emoji; broken decoding corrupts or rejects them"
            }
            Probe::DuplicateDelivery => {
                "after-callbacks may be retried on timeout; the same event must lead to the same decision"
            }
            Probe::Latency => {
                "IM waits 2 s at most, then applies its failure policy (by default letting the action through)"
            }
        }
    }

    pub fn fix(self) -> &'static str {
        match self {
            Probe::Baseline => {
                r#"answer HTTP 200 with {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""} (or a documented refusal) for every callback"#
            }
            Probe::WrongSdkappid | Probe::MissingSdkappid => {
                r#"compare the SdkAppid query parameter with your own and answer {"ActionStatus":"FAIL","ErrorCode":1,...} when it differs or is missing"#
            }
            Probe::MissingSign | Probe::WrongSign => {
                "recompute sha256(token + RequestTime) as lowercase hex, compare it with Sign in constant time, and refuse the request when it differs or is missing"
            }
            Probe::StaleTime | Probe::FutureTime => {
                "refuse requests whose RequestTime is more than 60 s away from your clock"
            }
            Probe::CommandMismatch => {
                "refuse a request whose query CallbackCommand differs from the body's"
            }
            Probe::UnknownCommand => {
                r#"answer unknown commands with {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""} and log them"#
            }
            Probe::UnknownFields | Probe::DocVariants | Probe::Unicode => {
                "parse leniently: ignore unknown fields and parameters, accept both documented spellings, decode UTF-8"
            }
            Probe::LargeBody => "read the whole body (IM sends Content-Length) before deciding",
            Probe::DuplicateDelivery => {
                "make decisions depend only on the request (deduplicate side effects by MsgId or event)"
            }
            Probe::Latency => {
                "answer first, do slow work asynchronously; keep every answer well under 2 s"
            }
        }
    }
}

/// pass, fail or warn (a failed advisory probe), or skip (not run).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Warn,
    Skip,
}

/// One request a probe sent and what came back, in brief.
#[derive(Clone, Debug, Serialize)]
pub struct Exchange {
    /// What makes this request special, e.g. "SdkAppid 1400000001 instead of 1400000000".
    pub sent: String,
    pub url: String,
    /// What came back, e.g. `HTTP 200 {"ActionStatus":"OK",...} (allow)`.
    pub received: String,
    pub latency_ms: Option<f64>,
}

/// The result of one probe.
#[derive(Clone, Debug, Serialize)]
pub struct ProbeResult {
    pub probe: Probe,
    pub status: Status,
    /// One sentence: what happened.
    pub summary: String,
    pub exchanges: Vec<Exchange>,
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

/// The whole audit.
#[derive(Clone, Debug, Serialize)]
pub struct AuditReport {
    pub url: String,
    pub sdkappid: String,
    pub signed: bool,
    pub probes: Vec<ProbeResult>,
    pub latency: LatencySummary,
    pub totals: Totals,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Totals {
    pub passed: usize,
    pub failed: usize,
    pub warned: usize,
    pub skipped: usize,
}

/// What to run and how strictly to judge it.
#[derive(Clone, Debug)]
pub struct Plan {
    pub config: RequestConfig,
    pub probes: Vec<Probe>,
    pub strict: bool,
}

/// How an answer reads as a response to a request the receiver should refuse.
#[derive(Clone, Debug, PartialEq)]
enum Reading {
    /// No HTTP answer.
    NoAnswer(String),
    /// 4xx, or a valid JSON answer with FAIL or a non-zero ErrorCode.
    Rejected,
    /// A valid answer that goes ahead: OK and ErrorCode 0.
    Accepted,
    /// Anything else: 5xx, not JSON, missing fields.
    Invalid(String),
}

/// Runs the probes in order against one receiver.
pub async fn run(http: &reqwest::Client, plan: &Plan) -> AuditReport {
    let mut auditor = Auditor {
        http,
        plan,
        answered: Vec::new(),
        timed_out: Vec::new(),
    };
    let mut results = Vec::new();
    for probe in Probe::ALL {
        if !plan.probes.contains(&probe) {
            continue;
        }
        let result = if probe.needs_token() && plan.config.token.is_none() {
            auditor.result(
                probe,
                Status::Skip,
                "not run: pass --token (or GRPCB_TOKEN) to check signatures".into(),
                Vec::new(),
            )
        } else {
            auditor.probe(probe).await
        };
        results.push(result);
    }
    let mut totals = Totals::default();
    for result in &results {
        match result.status {
            Status::Pass => totals.passed += 1,
            Status::Fail => totals.failed += 1,
            Status::Warn => totals.warned += 1,
            Status::Skip => totals.skipped += 1,
        }
    }
    AuditReport {
        url: plan.config.url.to_string(),
        sdkappid: plan.config.sdkappid.clone(),
        signed: plan.config.token.is_some(),
        probes: results,
        latency: auditor.latency_summary(),
        totals,
    }
}

struct Auditor<'a> {
    http: &'a reqwest::Client,
    plan: &'a Plan,
    /// (latency, label) of every answer so far, for the latency probe.
    answered: Vec<(Duration, String)>,
    /// Requests that got no answer within the timeout.
    timed_out: Vec<String>,
}

impl Auditor<'_> {
    fn result(
        &self,
        probe: Probe,
        status: Status,
        summary: String,
        exchanges: Vec<Exchange>,
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

    /// A failing status for this probe: fail, or warn for an advisory one unless strict.
    fn failing(&self, probe: Probe) -> Status {
        if probe.advisory() && !self.plan.strict {
            Status::Warn
        } else {
            Status::Fail
        }
    }

    /// Sends one request with a changed configuration and body; records its latency.
    async fn send(
        &mut self,
        callback: &'static Callback,
        body: Value,
        sent: String,
        tweak: impl FnOnce(&mut RequestConfig),
    ) -> (Report, Exchange) {
        let mut config = self.plan.config.clone();
        tweak(&mut config);
        let report = check(self.http, &config, callback, body, &Expectations::default()).await;
        let latency = report.response.as_ref().map(|response| response.latency_ms);
        let label = format!("{} ({sent})", callback.alias);
        match latency {
            Some(ms) => self
                .answered
                .push((Duration::from_secs_f64(ms / 1000.0), label)),
            None if report
                .findings
                .iter()
                .any(|finding| finding.code == Code::TransportTimeout) =>
            {
                self.timed_out.push(label)
            }
            None => {}
        }
        let exchange = Exchange {
            sent,
            url: report.request.url.clone(),
            received: describe(&report),
            latency_ms: latency,
        };
        (report, exchange)
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
                        .push(QueryEdit::Remove("SdkAppid".into()))
                })
                .await
            }
            Probe::MissingSign => {
                self.must_refuse(probe, "RequestTime but no Sign".into(), |config| {
                    config.query_edits.push(QueryEdit::Remove("Sign".into()))
                })
                .await
            }
            Probe::WrongSign => {
                let now = sign::now_unix_seconds();
                // Another token than the real one, whatever its text.
                let other = self
                    .plan
                    .config
                    .token
                    .as_ref()
                    .map_or_else(String::new, |token| format!("{}-not", token.expose()));
                let forged = sign::sign(&other, now);
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
            Probe::UnknownFields => self.unknown_fields().await,
            Probe::DocVariants => self.doc_variants().await,
            Probe::LargeBody => self.large_body().await,
            Probe::Unicode => self.unicode().await,
            Probe::DuplicateDelivery => self.duplicate_delivery().await,
            Probe::Latency => self.latency(),
        }
    }

    async fn baseline(&mut self) -> ProbeResult {
        let mut exchanges = Vec::new();
        let mut problems = Vec::new();
        for alias in BASELINE {
            let callback = known(alias);
            let (report, exchange) = self
                .send(
                    callback,
                    callback.sample_body(),
                    "the catalog sample".into(),
                    |_| {},
                )
                .await;
            match read(&report) {
                Reading::Accepted => {}
                // A refusal is a legitimate decision for a before-callback.
                Reading::Rejected if callback.kind() == Kind::Before && report.verdict == Outcome::Pass => {}
                Reading::Rejected => problems.push(format!(
                    "{alias} was refused ({}): does the receiver need --token or another --sdkappid?",
                    exchange.received
                )),
                Reading::NoAnswer(why) | Reading::Invalid(why) => problems.push(format!("{alias}: {why}")),
            }
            exchanges.push(exchange);
        }
        if problems.is_empty() {
            let summary = format!(
                "{} correct callbacks were answered validly",
                exchanges.len()
            );
            self.result(Probe::Baseline, Status::Pass, summary, exchanges)
        } else {
            self.result(
                Probe::Baseline,
                Status::Fail,
                problems.join("; "),
                exchanges,
            )
        }
    }

    /// Sends before-create with one thing wrong; the receiver must refuse it.
    async fn must_refuse(
        &mut self,
        probe: Probe,
        sent: String,
        tweak: impl FnOnce(&mut RequestConfig),
    ) -> ProbeResult {
        let callback = known("before-create");
        let (report, exchange) = self
            .send(callback, callback.sample_body(), sent.clone(), tweak)
            .await;
        let (status, summary) = match read(&report) {
            Reading::Rejected => (Status::Pass, format!("refused: {sent}")),
            Reading::Accepted => (
                self.failing(probe),
                format!(
                    "accepted a request with {sent} (answered {})",
                    report.decision
                ),
            ),
            Reading::Invalid(why) => (
                self.failing(probe),
                format!("{sent}: answered invalidly ({why}) instead of refusing"),
            ),
            Reading::NoAnswer(why) => (self.failing(probe), format!("{sent}: no answer ({why})")),
        };
        self.result(probe, status, summary, vec![exchange])
    }

    async fn command_mismatch(&mut self) -> ProbeResult {
        let probe = Probe::CommandMismatch;
        let callback = known("before-create");
        let other = "Group.CallbackAfterCreateGroup";
        let sent = format!("query CallbackCommand {other}, body {}", callback.command);
        let (report, exchange) = self
            .send(callback, callback.sample_body(), sent, |config| {
                config
                    .query_edits
                    .push(QueryEdit::Set("CallbackCommand".into(), other.into()))
            })
            .await;
        let (status, summary) = match read(&report) {
            Reading::Rejected => (Status::Pass, "refused the mismatched request".to_string()),
            Reading::Accepted => (
                Status::Warn,
                "answered validly but accepted a request whose query and body disagree".to_string(),
            ),
            Reading::Invalid(why) | Reading::NoAnswer(why) => (Status::Fail, why),
        };
        self.result(probe, status, summary, vec![exchange])
    }

    async fn unknown_command(&mut self) -> ProbeResult {
        let probe = Probe::UnknownCommand;
        let callback = known("after-create");
        let future = "Group.CallbackAfterGroupArchived";
        let mut body = callback.sample_body();
        body["CallbackCommand"] = json!(future);
        let sent = format!("a future command, {future}");
        let (report, exchange) = self
            .send(callback, body, sent, |config| {
                config
                    .query_edits
                    .push(QueryEdit::Set("CallbackCommand".into(), future.into()))
            })
            .await;
        let (status, summary) = match read(&report) {
            Reading::Accepted | Reading::Rejected if valid(&report) => (
                Status::Pass,
                "answered the unknown command validly".to_string(),
            ),
            Reading::Rejected => (
                Status::Fail,
                format!("refused the unknown command with {}", exchange.received),
            ),
            Reading::Accepted => (Status::Fail, "answered, but not validly".to_string()),
            Reading::Invalid(why) | Reading::NoAnswer(why) => (Status::Fail, why),
        };
        self.result(probe, status, summary, vec![exchange])
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
        for (file, text) in VARIANTS {
            let Ok(body) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            let Some(callback) = body["CallbackCommand"]
                .as_str()
                .and_then(catalog::by_command)
            else {
                continue;
            };
            cases.push((callback, body, format!("variant {file}"), Vec::new()));
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

    /// Every request must get a valid answer that does not refuse it.
    async fn must_answer(
        &mut self,
        probe: Probe,
        cases: Vec<(&'static Callback, Value, String, Vec<QueryEdit>)>,
    ) -> ProbeResult {
        let mut exchanges = Vec::new();
        let mut problems = Vec::new();
        for (callback, body, sent, edits) in cases {
            let (report, exchange) = self
                .send(callback, body, sent.clone(), |config| {
                    config.query_edits.extend(edits)
                })
                .await;
            match read(&report) {
                Reading::Accepted if valid(&report) => {}
                Reading::Accepted | Reading::Invalid(_) | Reading::NoAnswer(_) => {
                    problems.push(format!("{sent}: {}", exchange.received))
                }
                Reading::Rejected => {
                    problems.push(format!("{sent}: refused ({})", exchange.received))
                }
            }
            exchanges.push(exchange);
        }
        if problems.is_empty() {
            let summary = format!("{} answered validly", plural(exchanges.len(), "request"));
            self.result(probe, Status::Pass, summary, exchanges)
        } else {
            self.result(probe, Status::Fail, problems.join("; "), exchanges)
        }
    }

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
        // The sample's own invitees go last: a receiver that decides on the first bytes
        // only cannot see them, and so cannot repeat its decision about them.
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
        let size = serde_json::to_vec(&body)
            .map(|bytes| bytes.len())
            .unwrap_or(0);
        let sent = format!("{LARGE_MEMBERS} invited members ({} KB)", size / 1024);
        let (large, large_exchange) = self.send(callback, body, sent, |_| {}).await;
        let exchanges = vec![small_exchange, large_exchange];
        let (status, summary) = if !valid(&large) {
            (
                Status::Fail,
                format!(
                    "the large invitation was not answered validly: {}",
                    exchanges[1].received
                ),
            )
        } else if !valid(&small) {
            (
                Status::Fail,
                "the small invitation was not answered validly".to_string(),
            )
        } else if (large.decision, refused(&large)) != (small.decision, refused(&small)) {
            (
                Status::Fail,
                format!(
                    "decided {} {:?} on the large invitation but {} {:?} on the small one, whose invitees it also holds",
                    large.decision,
                    refused(&large),
                    small.decision,
                    refused(&small)
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "same decision ({}) for 2 and {LARGE_MEMBERS} members",
                    large.decision
                ),
            )
        };
        self.result(probe, status, summary, exchanges)
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
                    config.request_time = Some(now)
                })
                .await;
            reports.push(report);
            exchanges.push(exchange);
        }
        let (status, summary) = if !reports.iter().all(valid) {
            (
                Status::Fail,
                "not every delivery was answered validly".to_string(),
            )
        } else if reports[0].decision != reports[1].decision {
            (
                Status::Fail,
                format!(
                    "decided {} then {} on the same request",
                    reports[0].decision, reports[1].decision
                ),
            )
        } else {
            (
                Status::Pass,
                format!("the same decision ({}) both times", reports[0].decision),
            )
        };
        self.result(probe, status, summary, exchanges)
    }

    fn latency(&self) -> ProbeResult {
        let summary = self.latency_summary();
        let (status, text) = match summary.max_ms {
            _ if !self.timed_out.is_empty() => (
                Status::Fail,
                format!(
                    "{} got no answer within the timeout: {}",
                    plural(self.timed_out.len(), "request"),
                    self.timed_out.join(", ")
                ),
            ),
            None => (Status::Skip, "no answers to measure".to_string()),
            Some(max) if max > BUDGET.as_secs_f64() * 1000.0 => (
                Status::Fail,
                format!(
                    "the slowest answer took {}: {}",
                    human_duration(Duration::from_secs_f64(max / 1000.0)),
                    summary.slowest.clone().unwrap_or_default()
                ),
            ),
            Some(max) => (
                Status::Pass,
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
        self.result(Probe::Latency, status, text, Vec::new())
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

/// About 60 KB of body (§ the issue: 2,000 invited members).
const LARGE_MEMBERS: usize = 2000;

/// The doc variants of `fixtures/variants/`, sent as they are.
const VARIANTS: [(&str, &str); 4] = [
    (
        "before-create-create-group-num.json",
        include_str!("../fixtures/variants/before-create-create-group-num.json"),
    ),
    (
        "before-create-event-time-string.json",
        include_str!("../fixtures/variants/before-create-event-time-string.json"),
    ),
    (
        "after-send-event-time-string.json",
        include_str!("../fixtures/variants/after-send-event-time-string.json"),
    ),
    (
        "after-member-field-change-member-account.json",
        include_str!("../fixtures/variants/after-member-field-change-member-account.json"),
    ),
];

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

/// The users an answer refuses, sorted.
fn refused(report: &Report) -> Vec<String> {
    let body = report
        .response
        .as_ref()
        .and_then(|response| response.body.as_ref());
    let mut users = refused_users(body.and_then(|body| body.get("RefusedMembers_Account")));
    users.sort();
    users
}

/// A valid answer: HTTP 200 and no error in its body or schema.
fn valid(report: &Report) -> bool {
    report
        .response
        .as_ref()
        .is_some_and(|response| response.status == 200)
        && !report.findings.iter().any(|finding| {
            finding.severity == Severity::Error
                && matches!(
                    finding.code.category(),
                    "transport" | "http" | "body" | "schema"
                )
        })
}

/// Reads an answer as accepted, rejected, invalid or missing.
fn read(report: &Report) -> Reading {
    let Some(response) = &report.response else {
        let why = report
            .findings
            .first()
            .map_or("no answer".to_string(), |finding| finding.message.clone());
        return Reading::NoAnswer(why);
    };
    if (400..500).contains(&response.status) {
        return Reading::Rejected;
    }
    if !valid(report) {
        let why = report
            .findings
            .iter()
            .find(|finding| finding.severity == Severity::Error)
            .map_or("invalid answer".to_string(), |finding| {
                finding.message.clone()
            });
        return Reading::Invalid(why);
    }
    // What IM would do decides for a before-callback; an after-callback's answer has no
    // decision, so there FAIL or a non-zero code is the receiver saying no.
    match report.decision {
        Decision::Deny | Decision::DenyCustom | Decision::Drop => Reading::Rejected,
        Decision::Allow | Decision::AllowPartial | Decision::AllowModified => Reading::Accepted,
        Decision::Ignored | Decision::Fallback => {
            let body = response.body.as_ref();
            let status = body.and_then(|body| body["ActionStatus"].as_str());
            let code = body.and_then(|body| body["ErrorCode"].as_i64());
            if status == Some("FAIL") || code.is_some_and(|code| code != 0) {
                Reading::Rejected
            } else {
                Reading::Accepted
            }
        }
    }
}

/// `HTTP 200 {"ActionStatus":"OK",...} (allow)` or the transport failure.
fn describe(report: &Report) -> String {
    let Some(response) = &report.response else {
        return report
            .findings
            .first()
            .map_or("no answer".to_string(), |finding| {
                format!("no answer: {}", finding.message)
            });
    };
    let body = match (&response.body, &response.raw) {
        (Some(body), _) => body.to_string(),
        (None, Some(raw)) => raw.clone(),
        (None, None) => "(empty)".to_string(),
    };
    let body: String = if body.chars().count() > 120 {
        format!("{}…", body.chars().take(120).collect::<String>())
    } else {
        body
    };
    format!("HTTP {} {body} ({})", response.status, report.decision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_callback_the_probes_send_is_in_the_catalog() {
        let source = include_str!("audit.rs");
        let mut aliases: Vec<&str> = BASELINE.to_vec();
        for piece in source.split("known(\"").skip(1) {
            aliases.extend(piece.split('"').next());
        }
        assert!(aliases.len() > BASELINE.len());
        for alias in aliases {
            assert!(catalog::find(alias).is_ok(), "{alias}");
        }
        for (file, text) in VARIANTS {
            let body: Value = serde_json::from_str(text).unwrap();
            assert!(
                body["CallbackCommand"]
                    .as_str()
                    .and_then(catalog::by_command)
                    .is_some(),
                "{file}"
            );
        }
    }
}
