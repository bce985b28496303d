//! `grpcb serve`'s log: one line per request for people or one JSON object per line, the
//! connection lines, the summary of what it checks, and its closing line.

use crate::app::output::{Format, visible};
use crate::app::stop::Signal;
use crate::engine::serve::connections::Snapshot;
use crate::engine::serve::{self, Event, RequestOutcome, Setup, record};
use grpcb_contract::verdict::Severity;
use serde_json::{Value, json};

/// What changed about connections since `last`, if anything worth a line did.
pub fn connection_line(
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
pub fn clock_now() -> String {
    let time = serve::utc_timestamp(std::time::SystemTime::now());
    time.get(11..23).unwrap_or(&time).to_string()
}

pub fn plural(count: u64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The warning for a record folder its file system cannot lock.
pub fn unlocked_warning(setup: &Setup) -> Option<String> {
    let recorder = setup.recorder.as_ref()?;
    let why = recorder.unlocked.as_deref()?;
    Some(format!(
        "grpcb serve: warning: {} cannot be locked here ({why}); make sure no other serve records to it\n",
        record::lock_path(recorder.dir()).display()
    ))
}

/// What the server checks and does, in a few words for stderr.
pub fn summary(config: &Setup, descriptor_limit: Option<u64>) -> String {
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
pub fn log_line(event: &Event, format: Format) -> String {
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
            // A request cut off got no answer: no status to show.
            let answered = match event.decision {
                RequestOutcome::CutOff => "cut off at the stop, no answer sent".to_string(),
                decision => format!("{} {}", event.status, decision.as_str()),
            };
            let mut line = format!(
                "{clock} {} {} {} -> {answered}",
                visible(&event.method),
                visible(&event.path),
                visible(&event.name()),
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

/// How the server ended.
#[derive(Clone, Copy)]
pub struct ServeClosing {
    pub signal: Signal,
    pub received: u64,
    /// Requests the stop cut off before their answer was handed over.
    pub cut_off: u64,
    pub connections: Snapshot,
    pub dropped: u64,
}

impl ServeClosing {
    /// `STOPPED by SIGTERM after 3 requests (...)`, for stderr.
    pub fn line(&self) -> String {
        let requests = plural(self.received, "request");
        let mut line = format!(
            "grpcb serve: STOPPED by {} after {requests}, {}",
            self.signal.name(),
            plural(self.connections.accepted, "connection")
        );
        if self.cut_off > 0 {
            line.push_str(&format!(
                ", {} cut off at the stop (no answer sent)",
                self.cut_off
            ));
        }
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

    pub fn to_json(self) -> Value {
        json!({
            "event": "stopped",
            "stopped": "signal",
            "signal": self.signal.name(),
            "verdict": "stopped",
            "requests": self.received,
            "cut_off": self.cut_off,
            "connections": self.connections,
            "dropped_log_lines": self.dropped,
        })
    }
}
