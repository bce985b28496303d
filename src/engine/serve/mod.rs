//! The reference receiver behind `grpcb serve` and `grpcb demo`: an axum server on loopback
//! that checks every callback as a careful app backend should (`checks`), answers by the
//! rules (`rules`), and can record what it received (`record`).

pub mod connections;
pub mod record;
pub mod rules;

use crate::config::serve::{Limits, ServeConfig};
use crate::error::{BadValue, Result};
use axum::body::Body;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use connections::{Registry, Stats, Ticket};
use grpcb_contract::exchange::BODY_CAP;
use grpcb_contract::inspect::{self as checks, Auth, Check, Issue as Finding};
use grpcb_contract::sign::now_unix_seconds;
use grpcb_contract::verdict::Decision;
use http_body_util::BodyExt;
use hyper_util::rt::{TokioIo, TokioTimer};
use record::{Recorder, UNKNOWN_FOLDER};
use rules::{Reply, Rules};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

/// A body over the cap is read on and thrown away up to this much, so the client still gets
/// its 413 answer instead of a reset connection; beyond it the connection is dropped.
const DRAIN_LIMIT: u64 = 16 << 20;
/// How long a stop waits for requests in flight (a rule's delay, a slow client).
const GRACE: Duration = Duration::from_secs(5);
/// How long a connection closed to make room may take to finish the answer it is writing.
const CLOSE_GRACE: Duration = Duration::from_secs(1);
/// After `accept` fails with nothing to close (out of descriptors), wait this long.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Everything a server needs to start: its checked options, its rules read and its record
/// folder opened.
#[derive(Debug)]
pub struct Setup {
    pub addr: SocketAddr,
    pub auth: Auth,
    pub rules: Rules,
    pub recorder: Option<Recorder>,
    pub limits: Limits,
}

impl Setup {
    /// Reads the rules file and opens the record folder the options name.
    pub fn open(config: ServeConfig) -> Result<Setup> {
        let rules = config
            .rules
            .as_deref()
            .map(Rules::load)
            .transpose()?
            .unwrap_or_default();
        let recorder = config.record.as_deref().map(Recorder::open).transpose()?;
        Ok(Setup {
            addr: config.addr,
            auth: config.auth,
            rules,
            recorder,
            limits: config.limits,
        })
    }
}

/// What the server did with one request; named by its decision, or else by its own name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "lowercase")]
pub enum RequestOutcome {
    /// A valid callback, answered with this decision (as IM would take it).
    #[strum(disabled)]
    Answered(Decision),
    /// A rule's raw `status`/`body` override was sent; `grpcb send` judges what IM makes of it.
    Raw,
    /// A command grpcb does not know, answered OK/0 (a careful receiver never refuses one).
    Unrecognized,
    /// The request failed a check and got an error answer.
    Rejected,
    /// The server stopped before the answer was handed over (cut off at the grace deadline,
    /// most often in a rule's `delay`): the client got no answer.
    #[strum(serialize = "cut-off")]
    CutOff,
}

impl RequestOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestOutcome::Answered(decision) => decision.as_str(),
            other => other.into(),
        }
    }

    /// The outcome an index line names (`as_str`), if it is one.
    pub fn parse(name: &str) -> Option<RequestOutcome> {
        match name.parse::<Decision>() {
            Ok(decision) => Some(RequestOutcome::Answered(decision)),
            Err(_) => name.parse().ok(),
        }
    }
}

impl Serialize for RequestOutcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One request as the server saw and answered it: a log line, an index line.
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    /// UTC, RFC 3339 with milliseconds.
    pub time: String,
    pub method: String,
    pub path: String,
    /// The decoded query parameters (a repeated name keeps its first value).
    pub query: Map<String, Value>,
    /// The query exactly as received, for a replay that sends it again.
    pub query_string: Option<String>,
    /// The catalog alias of the callback, when known.
    pub alias: Option<&'static str>,
    pub status: u16,
    pub decision: RequestOutcome,
    /// The JSON answer sent (none for a rule's raw body), for a replay to compare with.
    pub answer: Option<Value>,
    /// The 1-based number of the rule that answered.
    pub rule: Option<usize>,
    /// The recorded fixture, relative to the record directory.
    pub file: Option<String>,
    /// Why the callback could not be recorded, when it could not (its answer is the same).
    #[serde(skip)]
    pub unrecorded: Option<String>,
    pub findings: Vec<Finding>,
}

impl Event {
    /// The callback's name for people: alias, else the command as sent, else `-`.
    pub fn name(&self) -> String {
        match (self.alias, self.query.get("CallbackCommand")) {
            (Some(alias), _) => alias.to_string(),
            (None, Some(Value::String(command))) => checks::shown(command),
            _ => "-".to_string(),
        }
    }
}

/// Told about every request once it is answered (the log of `grpcb serve`).
pub type Observer = Arc<dyn Fn(&Event) + Send + Sync>;

/// A running receiver.
pub struct Server {
    /// The callback URL, e.g. `http://127.0.0.1:8080/`; any path works.
    pub url: String,
    pub addr: SocketAddr,
    door: Door,
    state: Arc<AppState>,
}

struct AppState {
    auth: Auth,
    rules: Rules,
    recorder: Option<Arc<Recorder>>,
    observer: Observer,
    received: AtomicU64,
    /// Requests a stop cut off before their answer was handed over.
    cut_off: AtomicU64,
    limits: Limits,
    connections: Arc<Registry>,
}

/// Serves one request of a front door (serve's checks and rules, listen's relay).
pub type Handler = Arc<dyn Fn(Request) -> BoxedResponse + Send + Sync>;
pub type BoxedResponse = std::pin::Pin<Box<dyn Future<Output = Response> + Send>>;

/// A front door listening: connections accepted within the limits, each request served by
/// the handler, until `close`. `grpcb serve` and `grpcb listen` share it.
pub struct Door {
    /// `http://ADDR/`.
    pub url: String,
    pub addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Door {
    /// Binds `addr` and starts accepting in the current tokio runtime.
    pub async fn open(
        addr: SocketAddr,
        limits: Limits,
        connections: Arc<Registry>,
        handler: Handler,
    ) -> Result<Door> {
        let listener = TcpListener::bind(addr).await.map_err(|err| {
            BadValue::flag(
                "--addr",
                &addr.to_string(),
                format!("cannot listen there ({err})"),
            )
            .hint("pick another --addr (127.0.0.1:0 picks a free port)")
        })?;
        let addr = listener.local_addr().map_err(anyhow::Error::from)?;
        let (shutdown, stopping) = watch::channel(false);
        let gate = Gate {
            limits,
            connections,
            handler,
        };
        let task = tokio::spawn(accept_loop(listener, Arc::new(gate), stopping));
        Ok(Door {
            url: format!("http://{addr}/"),
            addr,
            shutdown,
            task,
        })
    }

    /// Stops accepting and lets requests in flight finish (for a few seconds at most).
    pub async fn close(mut self) {
        let _ = self.shutdown.send(true);
        if tokio::time::timeout(GRACE + CLOSE_GRACE, &mut self.task)
            .await
            .is_err()
        {
            self.task.abort();
            // Waited for, so the requests it cuts off are logged before the caller goes on.
            let _ = (&mut self.task).await;
        }
    }
}

/// What every connection of a door shares.
struct Gate {
    limits: Limits,
    connections: Arc<Registry>,
    handler: Handler,
}

/// Binds and starts serving in the current tokio runtime.
pub async fn start(config: Setup, observer: Observer) -> Result<Server> {
    let state = Arc::new(AppState {
        auth: config.auth,
        rules: config.rules,
        recorder: config.recorder.map(Arc::new),
        observer,
        received: AtomicU64::new(0),
        cut_off: AtomicU64::new(0),
        limits: config.limits,
        connections: Registry::new(config.limits.max_connections),
    });
    let handler: Handler = {
        let state = state.clone();
        Arc::new(move |request| Box::pin(handle(state.clone(), request)))
    };
    let door = Door::open(
        config.addr,
        config.limits,
        state.connections.clone(),
        handler,
    )
    .await?;
    Ok(Server {
        url: door.url.clone(),
        addr: door.addr,
        door,
        state,
    })
}

impl Server {
    /// Requests handled so far.
    pub fn received(&self) -> u64 {
        self.state.received.load(Ordering::SeqCst)
    }

    /// What happened to connections so far.
    pub fn connections(&self) -> connections::Snapshot {
        self.state.connections.snapshot()
    }

    /// The connection limit in force.
    pub fn max_connections(&self) -> usize {
        self.state.connections.limit()
    }

    /// Stops accepting, lets requests in flight finish (for a few seconds at most), and
    /// returns how many requests were handled and how many of them were cut off.
    pub async fn stop(self) -> Stopped {
        let Server { door, state, .. } = self;
        door.close().await;
        Stopped {
            received: state.received.load(Ordering::SeqCst),
            cut_off: state.cut_off.load(Ordering::SeqCst),
        }
    }
}

/// What a stopped server handled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stopped {
    /// Requests handled, those cut off included.
    pub received: u64,
    /// Requests the stop cut off before their answer was handed over.
    pub cut_off: u64,
}

/// Accepts connections until told to stop, within the connection limit; then lets the open
/// ones finish what they are answering, for `GRACE` at most.
async fn accept_loop(listener: TcpListener, gate: Arc<Gate>, mut stopping: watch::Receiver<bool>) {
    let registry = gate.connections.clone();
    let mut open = JoinSet::new();
    loop {
        while open.try_join_next().is_some() {}
        tokio::select! {
            _ = stopping.changed() => break,
            _ = registry.room() => {}
        }
        let accepted = tokio::select! {
            _ = stopping.changed() => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _)) => {
                let ticket = Arc::new(registry.open());
                open.spawn(serve_connection(
                    stream,
                    ticket,
                    gate.clone(),
                    stopping.clone(),
                ));
            }
            Err(_) => {
                // Out of descriptors, most often: an idle connection gives one back.
                Stats::count(&registry.stats.accept_errors);
                if !registry.close_longest_idle() {
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                }
            }
        }
    }
    drop(listener);
    let drained =
        tokio::time::timeout(GRACE, async { while open.join_next().await.is_some() {} }).await;
    if drained.is_err() {
        // Waited for, so every request cut off is logged before the closing line.
        open.abort_all();
        while open.join_next().await.is_some() {}
    }
}

/// Serves one connection (HTTP/1.1, kept alive) until the client closes it, its request head
/// does not arrive within the read timeout, or the server closes it to make room or to stop.
async fn serve_connection(
    stream: TcpStream,
    ticket: Arc<Ticket>,
    gate: Arc<Gate>,
    mut stopping: watch::Receiver<bool>,
) {
    let service = {
        let (handler, ticket) = (gate.handler.clone(), ticket.clone());
        hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
            // The connection is busy once `receive` has the whole request (a client still
            // sending its body stays idle, closable for room); idle again after the answer.
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(ticket.clone());
            let answered = ticket.answered_on_drop();
            let response = handler(request);
            async move {
                let response = response.await;
                drop(answered);
                Ok::<_, std::convert::Infallible>(response)
            }
        })
    };
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(gate.limits.read_timeout)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let (result, grace) = tokio::select! {
        result = connection.as_mut() => (Some(result), None),
        _ = ticket.told_to_close() => (None, Some(CLOSE_GRACE)),
        _ = stopping.changed() => (None, Some(GRACE)),
    };
    let result = match (result, grace) {
        (Some(result), _) => result,
        // Closed for room before a whole request arrived: no answer to finish, so its
        // descriptor is given back now (a flood must not pile up closing sockets).
        (None, Some(CLOSE_GRACE)) if !ticket.served() => return,
        (None, grace) => {
            connection.as_mut().graceful_shutdown();
            let grace = grace.unwrap_or(CLOSE_GRACE);
            tokio::time::timeout(grace, connection.as_mut())
                .await
                .unwrap_or(Ok(()))
        }
    };
    if result.is_err_and(|err| err.is_timeout()) {
        Stats::count(&gate.connections.stats.header_timeouts);
    }
}

async fn handle(state: Arc<AppState>, request: Request) -> Response {
    let time = SystemTime::now();
    let (parts, body) = request.into_parts();
    let query: Vec<(String, String)> =
        form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let mut event = Event {
        time: utc_timestamp(time),
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: crate::engine::report::pairs(&query),
        query_string: parts.uri.query().map(str::to_string),
        alias: None,
        status: 200,
        decision: RequestOutcome::Rejected,
        answer: None,
        rule: None,
        file: None,
        unrecorded: None,
        findings: Vec::new(),
    };
    let (reply, received_body) = match receive(&parts, body, state.limits.read_timeout).await {
        Ok(bytes) => (answer(&state, &mut event, &query, &bytes), Some(bytes)),
        Err((status, finding)) => {
            let reply = Reply::reject(status, &finding.message);
            event.findings.push(finding);
            (reply, None)
        }
    };
    event.status = reply.status;
    event.decision = reply.outcome;
    event.rule = reply.rule;
    if reply.outcome != RequestOutcome::Raw {
        event.answer = serde_json::from_slice(&reply.body).ok();
    }
    if let Some(token) = &state.auth.token
        && !signed_with(token, &query)
    {
        withhold_token(&mut event, token);
    }
    // Logged and recorded once the answer is ready to go (after a rule's delay); a stop
    // that cuts the request off first logs and records it as cut off instead (`Pending`).
    let mut pending = Pending {
        state: state.clone(),
        event: Some(event),
        bytes: received_body,
    };
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let (Some(mut event), bytes) = (pending.event.take(), pending.bytes.take()) else {
        return response(reply);
    };
    // Recorded before the answer leaves, so a client that got its answer finds the file.
    if let (Some(recorder), Some(bytes)) = (&state.recorder, bytes) {
        event = record(recorder.clone(), event, bytes).await;
    }
    state.received.fetch_add(1, Ordering::SeqCst);
    (state.observer)(&event);
    response(reply)
}

/// A request answered but not yet handed over. Dropped with its event still in it (the
/// server stopped and cut the request off), it logs and records the event as `cut-off`.
struct Pending {
    state: Arc<AppState>,
    event: Option<Event>,
    bytes: Option<Vec<u8>>,
}

impl Drop for Pending {
    fn drop(&mut self) {
        let Some(mut event) = self.event.take() else {
            return;
        };
        event.decision = RequestOutcome::CutOff;
        event.answer = None;
        event.rule = None;
        if let (Some(recorder), Some(bytes)) = (&self.state.recorder, self.bytes.take()) {
            // The runtime is stopping: written here, blocking, as `record` does off-thread.
            let folder = event.alias.unwrap_or(UNKNOWN_FOLDER);
            let saved = recorder.save(folder, &bytes).and_then(|file| {
                event.file = Some(file);
                let line = serde_json::to_string(&event).unwrap_or_default();
                recorder.append_index(&line)
            });
            if let Err(err) = saved {
                event.file = None;
                event.unrecorded = Some(format!("cannot record a callback: {err}"));
            }
        }
        self.state.received.fetch_add(1, Ordering::SeqCst);
        self.state.cut_off.fetch_add(1, Ordering::SeqCst);
        (self.state.observer)(&event);
    }
}

/// Checks one POSTed callback, then answers it by the rules, or rejects it.
fn answer(state: &AppState, event: &mut Event, query: &[(String, String)], body: &[u8]) -> Reply {
    let inspection = checks::inspect(&state.auth, query, body, now_unix_seconds());
    event.alias = inspection.callback.map(|callback| callback.alias);
    let reply = match (
        inspection.rejection(),
        inspection.callback,
        &inspection.body,
    ) {
        (None, Some(callback), Some(body)) => state.rules.answer(callback, body),
        (None, None, Some(_)) => Reply::unrecognized(),
        (reason, _, _) => Reply::reject(
            200,
            reason
                .as_deref()
                .unwrap_or("the callback could not be checked"),
        ),
    };
    event.findings = inspection.findings;
    reply
}

/// What a logged or recorded value that holds the token shows instead.
pub const TOKEN_WITHHELD: &str = crate::error::secret::WITHHELD;

/// Whether the request's `Sign` is the one `token` makes for its `RequestTime` (fresh or
/// not): its client knows the token, so a value of it that holds the token's text is a
/// coincidence of a short token, not a client sending the token by mistake.
fn signed_with(token: &grpcb_contract::sign::Token, query: &[(String, String)]) -> bool {
    let value = |name: &str| {
        query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    match (value("RequestTime").map(str::parse::<u64>), value("Sign")) {
        (Some(Ok(time)), Some(sign)) => token.verify(time, sign),
        _ => false,
    }
}

/// Withholds every value of the event that holds the token (a client that gets signing
/// wrong often sends it as `Sign`, in `RequestTime` or the path), as input errors do: serve
/// never logs nor records it. Once the request carried it, a finding or answer text that
/// quotes a value (cut short, so perhaps only part of the token) is withheld too. The body
/// is recorded as received: a replay sends it again.
fn withhold_token(event: &mut Event, token: &grpcb_contract::sign::Token) {
    let holds = |text: &str| token.is_in(text);
    let mut carried = false;
    for text in [&mut event.method, &mut event.path] {
        if holds(text) {
            *text = TOKEN_WITHHELD.into();
            carried = true;
        }
    }
    let query = std::mem::take(&mut event.query);
    for (name, value) in query {
        let shown = |text: String, carried: &mut bool| match holds(&text) {
            true => {
                *carried = true;
                TOKEN_WITHHELD.to_string()
            }
            false => text,
        };
        let name = shown(name, &mut carried);
        let value = match value {
            Value::String(text) => Value::String(shown(text, &mut carried)),
            other => other,
        };
        event.query.insert(name, value);
    }
    if let Some(raw) = event.query_string.take() {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
            .into_owned()
            .collect();
        event.query_string = match holds(&raw) || pairs.iter().any(|(n, v)| holds(n) || holds(v)) {
            true => {
                carried = true;
                let mut kept = form_urlencoded::Serializer::new(String::new());
                for (name, value) in &pairs {
                    let shown = |text: &str| match holds(text) {
                        true => TOKEN_WITHHELD.to_string(),
                        false => text.to_string(),
                    };
                    kept.append_pair(&shown(name), &shown(value));
                }
                Some(kept.finish())
            }
            false => Some(raw),
        };
    }
    let quoted = |text: &str| holds(text) || (carried && text.contains('`'));
    for finding in &mut event.findings {
        if quoted(&finding.message) {
            finding.message = format!("{}: {TOKEN_WITHHELD}", finding.code.as_str());
        }
    }
    if let Some(answer) = &mut event.answer {
        withhold_strings(answer, &quoted);
    }
}

/// Replaces every string of `value` that `withheld` says must not be shown.
fn withhold_strings(value: &mut Value, withheld: &dyn Fn(&str) -> bool) {
    match value {
        Value::String(text) if withheld(text) => *text = TOKEN_WITHHELD.into(),
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| withhold_strings(item, withheld)),
        Value::Object(map) => map
            .values_mut()
            .for_each(|item| withhold_strings(item, withheld)),
        _ => {}
    }
}

/// Records the body and its index line off the async threads; a failure to record is said
/// in the event (`unrecorded`) and does not change the answer.
async fn record(recorder: Arc<Recorder>, event: Event, bytes: Vec<u8>) -> Event {
    let folder = event.alias.unwrap_or(UNKNOWN_FOLDER);
    let mut recorded = event.clone();
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
    Event {
        unrecorded: Some(unrecorded),
        ..event
    }
}

/// The body of a POST, read within `timeout`, or the status and finding that say why there
/// is none to check. Then the request is in: a door's connection (its `Ticket` in the
/// request's extensions) is busy until the answer, no longer closable for room.
pub async fn receive(
    parts: &Parts,
    body: Body,
    timeout: Duration,
) -> std::result::Result<Vec<u8>, (u16, Finding)> {
    let received = read_request(parts, body, timeout).await;
    if let Some(ticket) = parts.extensions.get::<Arc<Ticket>>() {
        ticket.mark_busy();
    }
    received
}

async fn read_request(
    parts: &Parts,
    body: Body,
    timeout: Duration,
) -> std::result::Result<Vec<u8>, (u16, Finding)> {
    if parts.method != Method::POST {
        return Err((
            405,
            Finding::error(
                Check::MethodNotAllowed,
                format!(
                    "{} is not allowed: IM sends callbacks with POST",
                    parts.method
                ),
            ),
        ));
    }
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    tokio::time::timeout(timeout, read_body(body, declared))
        .await
        .unwrap_or_else(|_| {
            Err((
                408,
                Finding::error(
                    Check::BodyTimeout,
                    format!("the body did not arrive within {timeout:?} (--read-timeout)"),
                ),
            ))
        })
}

/// Reads the body up to the cap (`docs/cli.md`: 1 MiB, the same cap as answers). Over it,
/// the rest is drained and dropped so the client still reads the 413.
async fn read_body(
    mut body: Body,
    declared: Option<u64>,
) -> std::result::Result<Vec<u8>, (u16, Finding)> {
    let cap = BODY_CAP as u64;
    let too_large = |size: u64| {
        (
            413,
            Finding::error(
                Check::BodyTooLarge,
                format!(
                    "the body is over 1 MiB ({size} bytes or more); a callback body is small JSON"
                ),
            ),
        )
    };
    if let Some(size) = declared.filter(|&size| size > DRAIN_LIMIT) {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    let mut total: u64 = 0;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|err| {
            (
                400,
                Finding::error(
                    Check::BodyUnreadable,
                    format!("the body could not be read: {err}"),
                ),
            )
        })?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total += data.len() as u64;
        if total <= cap {
            bytes.extend_from_slice(&data);
        } else if total > DRAIN_LIMIT {
            break;
        }
    }
    if total > cap {
        return Err(too_large(total));
    }
    Ok(bytes)
}

/// The HTTP answer of a reply (listen answers its own refusals and allows with it).
pub fn response(reply: Reply) -> Response {
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    if reply.outcome != RequestOutcome::Raw {
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    if reply.status == 405 {
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
    }
    // The rest of a body that was too slow or too large is not worth waiting for.
    if matches!(reply.status, 408 | 413) {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// `2026-05-01T12:34:56.789Z`, without a date-time dependency.
pub fn utc_timestamp(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let seconds = since.as_secs();
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60,
        since.subsec_millis()
    )
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        let at = |seconds: u64, millis: u64| {
            utc_timestamp(UNIX_EPOCH + Duration::from_millis(seconds * 1000 + millis))
        };
        assert_eq!(at(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(at(1_669_872_112, 5), "2022-12-01T05:21:52.005Z");
        assert_eq!(at(951_782_400, 0), "2000-02-29T00:00:00.000Z");
    }
}
