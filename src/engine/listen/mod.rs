//! `grpcb listen --forward-to URL`: a relay between Tencent IM and a receiver. Every callback
//! is checked as serve checks it (what differs from the catalog is news about IM, not a fault
//! of the receiver), forwarded byte for byte within what is left of IM's 2 s, the answer
//! judged as `send` judges it, and that answer returned to IM unchanged, or, when the
//! receiver gave none IM can use, what `--on-failure` says. serve's front door (`Door`)
//! takes the requests; serve's recorder writes the record folder `grpcb replay` reads.

pub mod forward;

use crate::config::listen::{ListenConfig, OnFailure};
use crate::config::serve::Limits;
use crate::engine::report::pairs;
use crate::engine::serve::connections::{Registry, Snapshot};
use crate::engine::serve::record::{Recorder, UNKNOWN_FOLDER};
use crate::engine::serve::rules::{Reply, Rules};
use crate::engine::serve::{self, Door, Handler, RequestOutcome, utc_timestamp};
use crate::error::Result;
use crate::transport::Outgoing;
use axum::body::Body;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use forward::Forwarder;
use grpcb_contract::catalog::Callback;
use grpcb_contract::exchange::{BUDGET, Exchange};
use grpcb_contract::inspect::{self, Auth, Check, Issue};
use grpcb_contract::sign::now_unix_seconds;
use grpcb_contract::verdict::{
    self, Category, Decision, Expectations, Finding, Outcome, Severity, Verdict,
};
use reqwest::Url;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::Semaphore;

/// Exchanges in flight at most, per connection allowed: one on each connection, and as many
/// again whose client hung up (each holds its bodies, at most 1 MiB each way). A request
/// beyond waits, its body unread. A stop waits for them all.
const IN_FLIGHT_PER_CONNECTION: usize = 2;
/// How long a stop waits for exchanges whose client went away (each ends within IM's 2 s,
/// plus its record).
const DRAIN: Duration = Duration::from_secs(5);

/// Everything the relay needs to start: its checked options, its record folder opened.
#[derive(Debug)]
pub struct Setup {
    pub addr: SocketAddr,
    pub forward_to: Url,
    pub auth: Auth,
    pub recorder: Option<Recorder>,
    pub limits: Limits,
    pub on_failure: OnFailure,
}

impl Setup {
    /// Opens (and locks) the record folder the options name.
    pub fn open(config: ListenConfig) -> Result<Setup> {
        let recorder = config.record.as_deref().map(Recorder::open).transpose()?;
        Ok(Setup {
            addr: config.addr,
            forward_to: config.forward_to,
            auth: config.auth,
            recorder,
            limits: config.limits,
            on_failure: config.on_failure,
        })
    }
}

/// What went back to IM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Returned {
    /// The receiver's answer, unchanged: status, body bytes, content type.
    Receiver,
    /// A 502: the receiver gave no answer to pass on (none, or one over the cap).
    BadGateway,
    /// `--on-failure allow`: a valid allow instead of the receiver's failure.
    Allow,
    /// listen's own answer to a request it could not forward (not a POST, a body over the
    /// cap, too slow or unreadable); the receiver never saw it.
    Refused,
}

impl Returned {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Why the receiver's answer could not go to IM as the callback's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Failure {
    /// No HTTP answer: refused, timed out (IM's 2 s), closed, not HTTP.
    NoAnswer,
    /// An answer over the 1 MiB cap: cut there, never held whole.
    TooLarge,
    /// An answer IM cannot use: not 200, not a JSON object, or one it falls back on.
    Unusable,
}

impl Failure {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The receiver's answer, as far as it came.
#[derive(Clone, Debug, Serialize)]
pub struct ReceiverAnswer {
    pub status: u16,
    /// From forwarding to the last byte read.
    pub latency_ms: f64,
    pub content_type: Option<String>,
    /// Bytes read (at most the cap).
    pub bytes: usize,
    /// The answer went past the cap.
    pub too_large: bool,
    /// The first bytes as text, when the answer is not JSON.
    pub raw: Option<String>,
}

/// One request listen received and what became of it: a log line, an index line.
#[derive(Clone, Debug, Serialize)]
pub struct Relayed {
    /// Arrival, UTC, RFC 3339 with milliseconds.
    pub time: String,
    pub method: String,
    pub path: String,
    /// The decoded query (a repeated name keeps its first value).
    pub query: Map<String, Value>,
    /// The query exactly as received, as it was forwarded and as a replay sends it.
    pub query_string: Option<String>,
    /// The callback as the catalog knows it.
    pub callback: Option<&'static str>,
    pub alias: Option<&'static str>,
    pub kind: Option<&'static str>,
    /// What serve's checks found in IM's request: where real traffic differs from the
    /// catalog. News about IM, not a fault of the receiver.
    pub request_findings: Vec<Issue>,
    /// The receiver's URL with IM's query; null when listen answered itself.
    pub forwarded_to: Option<String>,
    /// The receiver's answer; null when none came.
    pub response: Option<ReceiverAnswer>,
    /// What IM would do with the receiver's answer (as `send` judges it); `unrecognized`
    /// for a command grpcb does not know (not judged), `rejected` when not forwarded.
    pub decision: RequestOutcome,
    pub meaning: Option<String>,
    /// The verdict on the receiver's answer, as `send`'s: pass, fail, error.
    pub verdict: Option<Outcome>,
    /// The verdict's findings on the receiver's answer, as `send` reports them.
    pub findings: Vec<Finding>,
    /// Why the receiver's answer could not be IM's, when it could not.
    pub failure: Option<Failure>,
    /// The status that went back to IM, and what it was.
    pub status: u16,
    pub returned: Returned,
    /// The receiver's JSON answer (replay compares its ErrorCode and refused users).
    pub answer: Option<Value>,
    /// The recorded body, relative to the record directory.
    pub file: Option<String>,
    /// Why the exchange could not be recorded, when it could not.
    #[serde(skip)]
    pub unrecorded: Option<String>,
    /// The bytes of both sides, for `-v`: IM's body, the receiver's answer (as read), and
    /// what went back when it was not the receiver's.
    #[serde(skip)]
    pub bodies: Bodies,
}

/// The bodies of one exchange, as bytes.
#[derive(Clone, Debug, Default)]
pub struct Bodies {
    pub request: Vec<u8>,
    pub answer: Option<Vec<u8>>,
    pub returned: Option<Vec<u8>>,
}

impl Relayed {
    /// The callback's name for people: alias, else the command as sent, else `-`.
    pub fn name(&self) -> String {
        match (self.alias, self.query.get("CallbackCommand")) {
            (Some(alias), _) => alias.to_string(),
            (None, Some(Value::String(command))) => inspect::shown(command),
            _ => "-".to_string(),
        }
    }

    /// The line for the JSON log: the index line's object, its event named first.
    pub fn to_json(&self) -> Value {
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut value {
            map.shift_insert(0, "event".into(), Value::from("exchange"));
        }
        value
    }
}

/// How the relay went so far: the summary at exit.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ListenTotals {
    /// Callbacks forwarded to the receiver.
    pub exchanges: u64,
    /// Requests listen answered itself (not forwarded).
    pub refused: u64,
    /// Exchanges by decision (`unrecognized`: a command grpcb does not know).
    pub decisions: BTreeMap<&'static str, u64>,
    /// Exchanges whose receiver gave no answer IM could use, by why.
    pub failures: u64,
    pub no_answer: u64,
    pub too_large: u64,
    pub unusable: u64,
    /// Of those, answered allow by listen (`--on-failure allow`).
    pub allowed: u64,
    /// Exchanges whose request differs from the catalog somewhere.
    pub differing_requests: u64,
    /// Exchanges recorded, and not (a write failed).
    pub recorded: u64,
    pub unrecorded: u64,
}

impl ListenTotals {
    fn count(&mut self, relayed: &Relayed) {
        if relayed.returned == Returned::Refused {
            self.refused += 1;
            return;
        }
        self.exchanges += 1;
        *self.decisions.entry(relayed.decision.as_str()).or_default() += 1;
        if let Some(failure) = relayed.failure {
            self.failures += 1;
            match failure {
                Failure::NoAnswer => self.no_answer += 1,
                Failure::TooLarge => self.too_large += 1,
                Failure::Unusable => self.unusable += 1,
            }
        }
        self.allowed += u64::from(relayed.returned == Returned::Allow);
        self.differing_requests += u64::from(!relayed.request_findings.is_empty());
        self.recorded += u64::from(relayed.file.is_some());
        self.unrecorded += u64::from(relayed.unrecorded.is_some());
    }
}

/// Told about every request once it is answered (the log of `grpcb listen`).
pub type Observer = Arc<dyn Fn(&Relayed) + Send + Sync>;

/// A running relay.
pub struct Relay {
    /// Where IM (or a tunnel) sends callbacks, e.g. `http://127.0.0.1:8080/`; any path works.
    pub url: String,
    pub addr: SocketAddr,
    door: Door,
    state: Arc<State>,
}

struct State {
    forward_to: Url,
    auth: Auth,
    on_failure: OnFailure,
    limits: Limits,
    recorder: Option<Arc<Recorder>>,
    forwarder: Forwarder,
    observer: Observer,
    connections: Arc<Registry>,
    totals: Mutex<ListenTotals>,
    /// One permit per exchange in flight, of `permits`.
    in_flight: Arc<Semaphore>,
    permits: u32,
}

/// Binds and starts relaying in the current tokio runtime.
pub async fn start(setup: Setup, observer: Observer) -> Result<Relay> {
    let permits = setup
        .limits
        .max_connections
        .saturating_mul(IN_FLIGHT_PER_CONNECTION);
    let permits = u32::try_from(permits).unwrap_or(u32::MAX >> 4);
    let state = Arc::new(State {
        forwarder: Forwarder::new(&setup.forward_to)?,
        forward_to: setup.forward_to,
        auth: setup.auth,
        on_failure: setup.on_failure,
        limits: setup.limits,
        recorder: setup.recorder.map(Arc::new),
        observer,
        connections: Registry::new(setup.limits.max_connections),
        totals: Mutex::new(ListenTotals::default()),
        in_flight: Arc::new(Semaphore::new(permits as usize)),
        permits,
    });
    let handler: Handler = {
        let state = state.clone();
        Arc::new(move |request| Box::pin(handle(state.clone(), request)))
    };
    let door = Door::open(setup.addr, setup.limits, state.connections.clone(), handler).await?;
    Ok(Relay {
        url: door.url.clone(),
        addr: door.addr,
        door,
        state,
    })
}

impl Relay {
    /// What happened to connections so far.
    pub fn connections(&self) -> Snapshot {
        self.state.connections.snapshot()
    }

    /// The connection limit in force.
    pub fn max_connections(&self) -> usize {
        self.state.connections.limit()
    }

    /// Stops accepting, lets every exchange in flight finish, be logged and recorded (for a
    /// few seconds at most), and returns the totals.
    pub async fn stop(self) -> ListenTotals {
        let Relay { door, state, .. } = self;
        door.close().await;
        // Exchanges whose client hung up run on without a connection: wait for them too.
        let _ = tokio::time::timeout(DRAIN, state.in_flight.acquire_many(state.permits)).await;
        state.totals()
    }
}

impl State {
    fn totals(&self) -> ListenTotals {
        self.totals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Counts, logs and (with `--record`) records one request.
    async fn finish(&self, mut relayed: Relayed, body: Option<Vec<u8>>) {
        if let (Some(recorder), Some(bytes)) = (&self.recorder, body) {
            relayed = record(recorder.clone(), relayed, bytes).await;
        }
        self.totals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .count(&relayed);
        (self.observer)(&relayed);
    }
}

/// Serves one request. The exchange runs in a task of its own: a client that hangs up (IM
/// gives up after 2 s) must not cut it short before it is logged and recorded.
async fn handle(state: Arc<State>, request: Request) -> Response {
    let arrival = Instant::now();
    let Ok(permit) = state.in_flight.clone().acquire_owned().await else {
        return internal_error();
    };
    let exchange = tokio::spawn(async move {
        let response = relay(&state, request, arrival).await;
        drop(permit);
        response
    });
    exchange.await.unwrap_or_else(|_| internal_error())
}

fn internal_error() -> Response {
    let mut response = Response::new(Body::from("grpcb listen: internal error\n"));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
}

/// Checks, forwards, judges, answers and records one request.
async fn relay(state: &State, request: Request, arrival: Instant) -> Response {
    let (parts, body) = request.into_parts();
    let (mut relayed, query) = arrived(&parts);
    let bytes = match serve::receive(&parts, body, state.limits.read_timeout).await {
        Ok(bytes) => bytes,
        Err((status, issue)) => {
            let reply = Reply::reject(status, &issue.message);
            relayed.request_findings.push(issue);
            relayed.status = status;
            relayed.bodies.returned = Some(reply.body.clone());
            state.finish(relayed, None).await;
            return serve::response(reply);
        }
    };
    let inspection = inspect::inspect(&state.auth, &query, &bytes, now_unix_seconds());
    let callback = inspection.callback;
    relayed.callback = callback.map(|callback| callback.command);
    relayed.alias = callback.map(|callback| callback.alias);
    relayed.kind = callback.map(|callback| callback.kind().as_str());
    relayed.request_findings = for_a_relay(inspection.findings, &query);
    let request_body = inspection.body.unwrap_or(Value::Null);

    let url = forward::url(&state.forward_to, relayed.query_string.as_deref());
    let headers = forward::headers(&parts.headers);
    let outgoing = Outgoing {
        url: &url,
        headers: &headers,
        bytes: &bytes,
    };
    // IM's 2 s started when the request arrived.
    let left = BUDGET.saturating_sub(arrival.elapsed());
    let exchange = state.forwarder.send(outgoing, left).await;
    let verdict = callback.map(|callback| {
        verdict::judge(callback, &request_body, &exchange, &Expectations::default())
    });
    let failure = failure_of(&exchange, verdict.as_ref());
    let back = state.answer_for_im(callback, &request_body, &exchange, failure);

    // The query after it is the sender's (IM's): only the URL the user gave decides.
    relayed.forwarded_to = Some(
        match crate::error::secret::in_text(state.forward_to.as_str()) {
            true => crate::error::secret::WITHHELD.into(),
            false => url,
        },
    );
    judged(&mut relayed, &exchange, verdict);
    relayed.failure = failure;
    relayed.status = back.status;
    relayed.returned = back.returned;
    relayed.bodies.request.clone_from(&bytes);
    if back.returned != Returned::Receiver {
        relayed.bodies.returned = Some(back.body.clone());
    }
    state.finish(relayed, Some(bytes)).await;
    back.into_response()
}

/// The event of a request just arrived, before anything is known of it, and its decoded
/// query pairs.
fn arrived(parts: &Parts) -> (Relayed, Vec<(String, String)>) {
    let query_string = parts.uri.query().map(str::to_string);
    let query: Vec<(String, String)> =
        form_urlencoded::parse(query_string.as_deref().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let relayed = Relayed {
        time: utc_timestamp(SystemTime::now()),
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: pairs(&query),
        query_string,
        callback: None,
        alias: None,
        kind: None,
        request_findings: Vec::new(),
        forwarded_to: None,
        response: None,
        decision: RequestOutcome::Rejected,
        meaning: None,
        verdict: None,
        findings: Vec::new(),
        failure: None,
        status: 200,
        returned: Returned::Refused,
        answer: None,
        file: None,
        unrecorded: None,
        bodies: Bodies::default(),
    };
    (relayed, query)
}

/// serve's findings as a relay says them: an unknown command is forwarded, not answered.
fn for_a_relay(mut issues: Vec<Issue>, query: &[(String, String)]) -> Vec<Issue> {
    let command = query
        .iter()
        .find(|(name, _)| name == "CallbackCommand")
        .map_or("", |(_, value)| value.as_str());
    for issue in &mut issues {
        if issue.code == Check::UnknownCommand {
            issue.message = format!(
                "CallbackCommand `{}` is not one grpcb knows: forwarded; its fields and its answer are not checked",
                inspect::shown(command)
            );
        }
    }
    issues
}

/// Fills in the receiver's answer and what the judge made of it.
fn judged(relayed: &mut Relayed, exchange: &Exchange, verdict: Option<Verdict>) {
    let answer = exchange.as_ref().ok();
    relayed.bodies.answer = answer.map(|answer| answer.body.clone());
    relayed.response = answer.map(|answer| ReceiverAnswer {
        status: answer.status,
        latency_ms: (answer.latency.as_secs_f64() * 1_000_000.0).round() / 1000.0,
        content_type: answer.header("content-type").map(str::to_string),
        bytes: answer.body.len(),
        too_large: answer.too_large,
        raw: verdict.as_ref().and_then(|verdict| verdict.raw.clone()),
    });
    match verdict {
        Some(verdict) => {
            relayed.decision = RequestOutcome::Answered(verdict.decision);
            relayed.meaning = Some(verdict.meaning);
            relayed.verdict = Some(verdict.outcome);
            relayed.findings = verdict.findings;
            relayed.answer = verdict.body;
        }
        None => {
            relayed.decision = RequestOutcome::Unrecognized;
            relayed.answer = answer
                .filter(|answer| !answer.too_large)
                .and_then(|answer| serde_json::from_slice(&answer.body).ok());
        }
    }
}

/// Why the receiver's answer cannot be IM's answer, if it cannot: none came, it went past
/// the cap, or IM cannot use it (for a command grpcb does not know: not 200 with a JSON
/// object).
fn failure_of(exchange: &Exchange, verdict: Option<&Verdict>) -> Option<Failure> {
    let answer = match exchange {
        Err(_) => return Some(Failure::NoAnswer),
        Ok(answer) if answer.too_large => return Some(Failure::TooLarge),
        Ok(answer) => answer,
    };
    let unusable = match verdict {
        Some(verdict) => {
            verdict.decision == Decision::Fallback
                || verdict.findings.iter().any(|finding| {
                    finding.severity == Severity::Error
                        && matches!(finding.code.category(), Category::Http | Category::Body)
                })
        }
        None => {
            answer.status != 200
                || !serde_json::from_slice::<Value>(&answer.body).is_ok_and(|body| body.is_object())
        }
    };
    unusable.then_some(Failure::Unusable)
}

/// What goes back to IM.
struct Back {
    status: u16,
    body: Vec<u8>,
    content_type: Option<String>,
    returned: Returned,
}

impl State {
    /// The receiver's answer unchanged; on a failure, what `--on-failure` says.
    fn answer_for_im(
        &self,
        callback: Option<&'static Callback>,
        request_body: &Value,
        exchange: &Exchange,
        failure: Option<Failure>,
    ) -> Back {
        let receiver = |answer: &grpcb_contract::exchange::Response| Back {
            status: answer.status,
            body: answer.body.clone(),
            content_type: answer.header("content-type").map(str::to_string),
            returned: Returned::Receiver,
        };
        // An interim status (1xx) cannot be a final answer to IM.
        let final_answer = exchange.as_ref().ok().filter(|answer| answer.status >= 200);
        match (failure, final_answer) {
            (None, Some(answer)) => receiver(answer),
            (Some(Failure::Unusable), Some(answer))
                if self.on_failure == OnFailure::Passthrough =>
            {
                receiver(answer)
            }
            _ if self.on_failure == OnFailure::Allow => {
                let reply = allow(callback, request_body);
                Back {
                    status: reply.status,
                    body: reply.body,
                    content_type: Some("application/json".into()),
                    returned: Returned::Allow,
                }
            }
            _ => {
                let why = match failure {
                    Some(Failure::TooLarge) => {
                        "the receiver's answer is over 1 MiB; grpcb listen cut it there"
                    }
                    _ => "no answer from the receiver",
                };
                Back {
                    status: 502,
                    body: format!("grpcb listen: {why}\n").into_bytes(),
                    content_type: Some("text/plain; charset=utf-8".into()),
                    returned: Returned::BadGateway,
                }
            }
        }
    }
}

/// The minimal valid allow the catalog knows for a callback (serve's answer without rules),
/// or OK/0 for a command it does not know.
fn allow(callback: Option<&'static Callback>, request_body: &Value) -> Reply {
    match callback {
        Some(callback) => Rules::default().answer(callback, request_body),
        None => Reply::unrecognized(),
    }
}

impl Back {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        if let Some(value) = self
            .content_type
            .and_then(|value| HeaderValue::from_str(&value).ok())
        {
            response.headers_mut().insert(header::CONTENT_TYPE, value);
        }
        response
    }
}

/// Records IM's body and the index line off the async threads; a failure to record is said
/// in the event (`unrecorded`) and changes nothing else.
async fn record(recorder: Arc<Recorder>, relayed: Relayed, bytes: Vec<u8>) -> Relayed {
    let folder = relayed.alias.unwrap_or(UNKNOWN_FOLDER);
    let mut recorded = relayed.clone();
    let saved = tokio::task::spawn_blocking(move || {
        let file = recorder.save(folder, &bytes)?;
        recorded.file = Some(file);
        let line = serde_json::to_string(&recorded).unwrap_or_default();
        recorder.append_index(&line).map(|()| recorded)
    })
    .await;
    let unrecorded = match saved {
        Ok(Ok(recorded)) => return recorded,
        Ok(Err(err)) => format!("cannot record a callback: {err}"),
        Err(err) => format!("recording failed: {err}"),
    };
    Relayed {
        unrecorded: Some(unrecorded),
        ..relayed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use grpcb_contract::catalog::CALLBACKS;
    use grpcb_contract::exchange::Response as Answer;

    #[test]
    fn the_allow_of_on_failure_is_a_valid_allow_for_every_callback() {
        for callback in CALLBACKS {
            let body = callback.sample_body();
            let reply = allow(Some(callback), &body);
            let exchange = Ok(Answer::new(reply.status, reply.body));
            let verdict = verdict::judge(callback, &body, &exchange, &Expectations::default());
            assert!(
                matches!(verdict.decision, Decision::Allow | Decision::Ignored),
                "{}: {}",
                callback.alias,
                verdict.decision
            );
            assert_eq!(verdict.outcome, Outcome::Pass, "{}", callback.alias);
        }
    }

    #[test]
    fn an_unusable_answer_is_a_failure_and_a_broken_after_answer_is_not() {
        let judge = |alias: &str, status: u16, body: &str| {
            let callback = grpcb_contract::catalog::find(alias).unwrap();
            let exchange = Ok(Answer::new(status, body));
            let verdict = verdict::judge(
                callback,
                &callback.sample_body(),
                &exchange,
                &Expectations::default(),
            );
            failure_of(&exchange, Some(&verdict))
        };
        let ok = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#;
        assert_eq!(judge("before-create", 200, ok), None);
        assert_eq!(judge("before-create", 500, ok), Some(Failure::Unusable));
        assert_eq!(
            judge("before-create", 200, "<html>"),
            Some(Failure::Unusable)
        );
        assert_eq!(judge("before-create", 200, "{}"), Some(Failure::Unusable));
        assert_eq!(
            judge("after-create", 200, "not json"),
            Some(Failure::Unusable)
        );
        // IM ignores an after-callback's answer: a JSON object of the wrong shape passes on.
        assert_eq!(judge("after-create", 200, "{}"), None);
    }
}
