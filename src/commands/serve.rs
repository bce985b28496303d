//! `grpcb serve`: the reference receiver in the foreground, logging one line per request,
//! until Ctrl-C or SIGTERM. The log never holds the server up: lines go through a bounded
//! queue to one writer thread, and when stdout does not keep up they are dropped and counted.

use crate::cli::ServeArgs;
use crate::error::Result;
use crate::output::{self, Format, visible};
use crate::serve::connections::{Snapshot, descriptor_cap};
use crate::serve::{self, Event, Observer, ServeConfig, Server};
use crate::stop::{Signal, Stop};
use crate::verdict::Severity;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

pub fn run(args: &ServeArgs) -> Result<u8> {
    let config = args.options().validate()?;
    let format = Format::from(args.format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let signal = runtime.block_on(serve_until_stopped(config, format));
    // A record still being written, or a connection task that ignores its stop, must not
    // keep the process alive.
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(signal?.exit_code())
}

/// How often the connection counts are looked at; a change gets one log line.
const REPORT_EVERY: Duration = Duration::from_secs(1);
/// How long the log may take to write what is queued once the server stopped.
const LOG_DRAIN: Duration = Duration::from_secs(1);

async fn serve_until_stopped(mut config: ServeConfig, format: Format) -> Result<Signal> {
    // Installed before the URL is printed: a SIGTERM right after it must stop us cleanly.
    let mut stop = Stop::install()?;
    let capped = descriptor_cap(config.limits.max_connections);
    if let Some((cap, _)) = capped {
        config.limits.max_connections = cap;
    }
    let summary = summary(&config, capped.map(|(_, limit)| limit));
    let log = Log::start();
    let observer: Observer = {
        let log = log.clone();
        Arc::new(move |event: &Event| log.line(log_line(event, format)))
    };
    let server = serve::start(config, observer).await?;
    let listening = match format {
        Format::Human => format!("grpcb serve: listening on {} (any path)\n", server.url),
        Format::Json => format!(
            "{}\n",
            json!({ "event": "listening", "url": server.url, "addr": server.addr.to_string() })
        ),
    };
    log.line(listening);
    output::stderr(&format!("grpcb serve: {summary}; Ctrl-C stops it\n"));
    if !server.addr.ip().is_loopback() {
        output::stderr(&format!(
            "grpcb serve: warning: {} is reachable from other machines\n",
            server.addr.ip()
        ));
    }
    let signal = report_connections_until(&server, &log, format, &mut stop).await;
    let connections = server.connections();
    let received = server.stop().await;
    let stopped = Stopped {
        signal,
        received,
        connections,
        dropped: log.dropped(),
    };
    if format == Format::Json {
        log.line(format!("{}\n", stopped.to_json()));
    }
    log.finish(LOG_DRAIN);
    // Counted again: the closing line itself may not have fitted.
    output::stderr(&format!(
        "{}\n",
        Stopped {
            dropped: log.dropped(),
            ..stopped
        }
        .line()
    ));
    Ok(signal)
}

/// Logs a line whenever the connection counts change (a flood of slow clients, the limit
/// reached), at most once per `REPORT_EVERY`, until a signal comes.
async fn report_connections_until(
    server: &Server,
    log: &Log,
    format: Format,
    stop: &mut Stop,
) -> Signal {
    let mut last = server.connections();
    let mut ticks = tokio::time::interval(REPORT_EVERY);
    loop {
        tokio::select! {
            signal = stop.wait() => return signal,
            _ = ticks.tick() => {}
        }
        let now = server.connections();
        if let Some(line) = connection_line(&last, &now, server.max_connections(), format) {
            log.line(line);
        }
        last = now;
    }
}

/// What changed about connections since `last`, if anything worth a line did.
fn connection_line(
    last: &Snapshot,
    now: &Snapshot,
    limit: usize,
    format: Format,
) -> Option<String> {
    let slow = now.header_timeouts - last.header_timeouts;
    let made_room = now.closed_at_limit - last.closed_at_limit;
    let full = now.full - last.full;
    let accept_errors = now.accept_errors - last.accept_errors;
    if slow + made_room + full + accept_errors == 0 {
        return None;
    }
    if format == Format::Json {
        let line = json!({
            "event": "connections",
            "open": now.open,
            "limit": limit,
            "header_timeouts": slow,
            "closed_at_limit": made_room,
            "full": full,
            "accept_errors": accept_errors,
        });
        return Some(format!("{line}\n"));
    }
    let mut parts = Vec::new();
    if slow > 0 {
        parts.push(format!(
            "{slow} closed: no complete request head within the read timeout"
        ));
    }
    if made_room > 0 {
        parts.push(format!(
            "connection limit ({limit}) reached: {made_room} idle closed to make room"
        ));
    }
    if full > 0 {
        parts.push(format!(
            "connection limit ({limit}) reached with every connection busy: new ones wait"
        ));
    }
    if accept_errors > 0 {
        parts.push(format!(
            "{accept_errors} connections could not be accepted (out of file descriptors?)"
        ));
    }
    Some(format!(
        "{} - connections: {} open; {}\n",
        clock_now(),
        now.open,
        parts.join("; ")
    ))
}

/// `12:34:56.789`, as the request lines show time.
fn clock_now() -> String {
    let time = serve::utc_timestamp(std::time::SystemTime::now());
    time.get(11..23).unwrap_or(&time).to_string()
}

/// How the server ended.
#[derive(Clone, Copy)]
struct Stopped {
    signal: Signal,
    received: u64,
    connections: Snapshot,
    dropped: u64,
}

impl Stopped {
    /// `STOPPED by SIGTERM after 3 requests (...)`, for stderr.
    fn line(&self) -> String {
        let requests = plural(self.received, "request");
        let mut line = format!(
            "grpcb serve: STOPPED by {} after {requests}, {}",
            self.signal.name(),
            plural(self.connections.accepted, "connection")
        );
        let closed = [
            (self.connections.header_timeouts, "for a slow request head"),
            (
                self.connections.closed_at_limit,
                "idle at the connection limit",
            ),
        ];
        for (count, why) in closed.into_iter().filter(|(count, _)| *count > 0) {
            line.push_str(&format!(", {count} closed {why}"));
        }
        if self.dropped > 0 {
            line.push_str(&format!(
                "; {} dropped because stdout did not keep up",
                plural(self.dropped, "log line")
            ));
        }
        line
    }

    fn to_json(self) -> Value {
        json!({
            "event": "stopped",
            "stopped": "signal",
            "signal": self.signal.name(),
            "verdict": "stopped",
            "requests": self.received,
            "connections": self.connections,
            "dropped_log_lines": self.dropped,
        })
    }
}

fn plural(count: u64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// What the server checks and does, in a few words for stderr.
fn summary(config: &ServeConfig, descriptor_limit: Option<u64>) -> String {
    let mut parts = vec![match &config.auth.sdkappid {
        Some(sdkappid) => format!("SdkAppid must be {sdkappid}"),
        None => "any SdkAppid".to_string(),
    }];
    parts.push(
        if config.auth.token.is_some() {
            "Sign and RequestTime checked"
        } else {
            "no Sign check (no --token)"
        }
        .to_string(),
    );
    parts.push(match config.rules.len() {
        0 => "no rules: every valid callback is allowed".to_string(),
        1 => "1 rule".to_string(),
        n => format!("{n} rules"),
    });
    if let Some(recorder) = &config.recorder {
        parts.push(format!("recording to {}", recorder.dir().display()));
    }
    let limits = &config.limits;
    parts.push(match descriptor_limit {
        Some(limit) => format!(
            "at most {} connections (the open-file limit, ulimit -n, is {limit})",
            limits.max_connections
        ),
        None => format!("at most {} connections", limits.max_connections),
    });
    parts.push(format!("read timeout {:?}", limits.read_timeout));
    parts.join(", ")
}

/// One log line: for people, time, request, callback, answer and findings; for scripts, the
/// event as a JSON object (the same object as a line of the record index).
fn log_line(event: &Event, format: Format) -> String {
    match format {
        Format::Json => {
            let mut value = serde_json::to_value(event).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut value {
                map.shift_insert(0, "event".into(), json!("callback"));
            }
            format!("{value}\n")
        }
        Format::Human => {
            let clock = event.time.get(11..23).unwrap_or(&event.time);
            // What the client sent is escaped: it must not colour or forge a log line.
            let mut line = format!(
                "{clock} {} {} {} -> {} {}",
                visible(&event.method),
                visible(&event.path),
                visible(&event.name()),
                event.status,
                event.decision.as_str()
            );
            if let Some(rule) = event.rule {
                line.push_str(&format!(" (rule {rule})"));
            }
            for finding in &event.findings {
                let mark = match finding.severity {
                    Severity::Error => "",
                    Severity::Warning => "note: ",
                };
                line.push_str(&format!(" | {mark}{}", visible(&finding.message)));
            }
            if let Some(file) = &event.file {
                line.push_str(&format!(" | saved {file}"));
            }
            line.push('\n');
            line
        }
    }
}

/// How long the log writer lets lines gather before one write: short enough to read as
/// live, long enough that a loaded server writes in batches.
const LOG_BATCH_PAUSE: Duration = Duration::from_millis(5);
/// Lines the log holds for the writer; beyond, new lines are dropped and counted. About a
/// megabyte at most, and many seconds of a busy server.
const LOG_QUEUE: usize = 4096;

/// Log lines are written by one thread, in order, so a slow or closed stdout never holds a
/// request handler, and a stdout nobody reads never fills memory.
#[derive(Clone)]
struct Log {
    lines: mpsc::SyncSender<String>,
    shared: Arc<LogShared>,
}

struct LogShared {
    dropped: AtomicU64,
    /// Set when the server stopped: the writer ends once the queue is empty.
    ending: AtomicBool,
    /// Set by the writer when it has written everything and ended.
    done: AtomicBool,
}

impl Log {
    fn start() -> Log {
        let (lines, queue) = mpsc::sync_channel::<String>(LOG_QUEUE);
        let shared = Arc::new(LogShared {
            dropped: AtomicU64::new(0),
            ending: AtomicBool::new(false),
            done: AtomicBool::new(false),
        });
        let writer_shared = shared.clone();
        std::thread::spawn(move || write_lines(&queue, &writer_shared));
        Log { lines, shared }
    }

    /// Queues a line, or drops and counts it when the queue is full.
    fn line(&self, text: String) {
        if self.lines.try_send(text).is_err() {
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn dropped(&self) -> u64 {
        self.shared.dropped.load(Ordering::Relaxed)
    }

    /// Lets the writer write what is queued, for `drain` at most: a stdout nobody reads
    /// must not keep the process from exiting.
    fn finish(&self, drain: Duration) {
        self.shared.ending.store(true, Ordering::SeqCst);
        let started = std::time::Instant::now();
        while !self.shared.done.load(Ordering::SeqCst) && started.elapsed() < drain {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// The writer thread: one write per batch; after the first line a short pause lets a burst
/// gather, so a busy server neither wakes this thread nor makes a write per request.
fn write_lines(queue: &mpsc::Receiver<String>, shared: &Arc<LogShared>) {
    loop {
        let first = match queue.recv_timeout(Duration::from_millis(50)) {
            Ok(line) => line,
            Err(mpsc::RecvTimeoutError::Timeout) if !shared.ending.load(Ordering::SeqCst) => {
                continue;
            }
            Err(_) => break,
        };
        std::thread::sleep(LOG_BATCH_PAUSE);
        let mut batch = first;
        for line in queue.try_iter() {
            batch.push_str(&line);
        }
        // A closed stdout (`| head`) must not stop the server; lines are dropped.
        let _ = output::stdout(&batch);
    }
    shared.done.store(true, Ordering::SeqCst);
}
