//! `grpcb listen`'s log: one live line per callback for people (with `-v` the findings and
//! both bodies) or one JSON object per exchange, the summary of what it does, and its
//! closing summary.

use super::serve::plural;
use super::style::Style;
use crate::app::output::{Format, visible};
use crate::app::stop::Signal;
use crate::engine::listen::{Failure, ListenTotals, Relayed, Returned, Setup};
use crate::engine::serve::connections::Snapshot;
use crate::engine::serve::record;
use grpcb_contract::duration::human_ms;
use grpcb_contract::inspect::Issue;
use grpcb_contract::verdict::{Finding, Outcome, Severity};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// How much of each body `-v` shows.
const BODY_SHOWN: usize = 8 * 1024;

/// The first stdout line: where to point the tunnel, and where callbacks go.
pub fn listening_line(url: &str, forward_to: &str, format: Format) -> String {
    match format {
        Format::Human => format!(
            "grpcb listen: listening on {url} (any path), forwarding to {}\n",
            visible(forward_to)
        ),
        Format::Json => format!(
            "{}\n",
            json!({ "event": "listening", "url": url, "forward_to": forward_to })
        ),
    }
}

/// What the relay checks and does, in a few words for stderr.
pub fn summary(setup: &Setup, descriptor_limit: Option<u64>) -> String {
    let mut parts = vec![match &setup.auth.sdkappid {
        Some(sdkappid) => format!("SdkAppid checked against {sdkappid}"),
        None => "any SdkAppid".to_string(),
    }];
    parts.push(
        if setup.auth.token.is_some() {
            "Sign and RequestTime checked (a wrong one is reported and still forwarded)"
        } else {
            "no Sign check (no --token)"
        }
        .to_string(),
    );
    parts.push(format!("on failure: {}", setup.on_failure.as_str()));
    if let Some(recorder) = &setup.recorder {
        parts.push(format!("recording to {}", recorder.dir().display()));
    }
    let limits = &setup.limits;
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

/// The warning for a record folder its file system cannot lock.
pub fn unlocked_warning(setup: &Setup) -> Option<String> {
    let recorder = setup.recorder.as_ref()?;
    let why = recorder.unlocked.as_deref()?;
    Some(format!(
        "grpcb listen: warning: {} cannot be locked here ({why}); make sure nothing else records to it\n",
        record::lock_path(recorder.dir()).display()
    ))
}

/// One exchange: for people a live line (and with `verbose` its findings and bodies), for
/// scripts the exchange as a JSON object (the index line's, plus `bodies` with `verbose`).
pub fn exchange(relayed: &Relayed, format: Format, verbose: bool, style: Style) -> String {
    match format {
        Format::Json => {
            let mut value = relayed.to_json();
            if verbose && let Value::Object(map) = &mut value {
                map.insert("bodies".into(), bodies_json(relayed));
            }
            format!("{value}\n")
        }
        Format::Human => {
            let mut text = live_line(relayed, style);
            if verbose {
                details(&mut text, relayed, style);
            }
            text
        }
    }
}

/// `12:34:56.789 before-create   allow   1.3 ms  0 findings`, then what happened besides.
fn live_line(relayed: &Relayed, style: Style) -> String {
    let clock = relayed.time.get(11..23).unwrap_or(&relayed.time);
    let decision = relayed.decision.as_str();
    // Padded before colouring: escape codes would count as width.
    let padded = format!("{decision:<14}");
    let decision = match relayed.verdict {
        Some(Outcome::Pass) => style.good(&padded),
        Some(_) => style.bad(&padded),
        None if relayed.returned == Returned::Refused => style.bad(&padded),
        None => style.dim(&padded),
    };
    let latency = relayed
        .response
        .as_ref()
        .map_or_else(|| "-".to_string(), |answer| human_ms(answer.latency_ms));
    let mut line = format!(
        "{clock} {:<24} {decision} {latency:>9}  {}",
        visible(&relayed.name()),
        findings_count(&relayed.findings, relayed.verdict.is_some())
    );
    let mut notes = Vec::new();
    if let Some(note) = returned_note(relayed) {
        notes.push(style.caution(&note));
    }
    if !relayed.request_findings.is_empty() {
        notes.push(style.caution(&format!(
            "news about IM's request: {}",
            issue_codes(&relayed.request_findings)
        )));
    }
    if let Some(file) = &relayed.file {
        notes.push(format!("saved {}", visible(file)));
    }
    if let Some(why) = &relayed.unrecorded {
        notes.push(style.bad(&format!("NOT RECORDED: {}", visible(why))));
    }
    for note in notes {
        line.push_str("; ");
        line.push_str(&note);
    }
    line.push('\n');
    line
}

/// `0 findings`, `2 findings (missing-field, unknown-field)`, or `not judged`.
fn findings_count(findings: &[Finding], judged: bool) -> String {
    if !judged {
        return "not judged".to_string();
    }
    let count = plural(findings.len() as u64, "finding");
    if findings.is_empty() {
        return count;
    }
    let codes: Vec<&str> = findings
        .iter()
        .map(|finding| finding.code.as_str())
        .collect();
    format!("{count} ({})", codes.join(", "))
}

fn issue_codes(issues: &[Issue]) -> String {
    let codes: Vec<&str> = issues.iter().map(|issue| issue.code.as_str()).collect();
    codes.join(", ")
}

/// What went back to IM when it was not simply the receiver's good answer.
fn returned_note(relayed: &Relayed) -> Option<String> {
    let failure = relayed.failure.map(Failure::as_str);
    match (relayed.returned, failure) {
        (Returned::Receiver, None) => None,
        (Returned::Receiver, Some(why)) => Some(format!(
            "receiver failed ({why}): IM got its answer (--on-failure passthrough)"
        )),
        (Returned::BadGateway, why) => Some(format!(
            "receiver failed ({}): IM got 502 (--on-failure passthrough)",
            why.unwrap_or("no-answer")
        )),
        (Returned::Allow, why) => Some(format!(
            "receiver failed ({}): IM got allow from grpcb listen (--on-failure allow)",
            why.unwrap_or("no-answer")
        )),
        (Returned::Refused, _) => Some(format!(
            "refused by grpcb listen with {}, not forwarded",
            relayed.status
        )),
    }
}

/// `-v`: every finding and request finding with its message, then both bodies.
fn details(out: &mut String, relayed: &Relayed, style: Style) {
    for finding in &relayed.findings {
        let _ = writeln!(
            out,
            "    {} {}: {}",
            severity(finding.severity, style),
            style.bold(finding.code.as_str()),
            visible(&finding.message)
        );
    }
    for issue in &relayed.request_findings {
        let _ = writeln!(
            out,
            "    IM {} {}: {}",
            severity(issue.severity, style),
            style.bold(issue.code.as_str()),
            visible(&issue.message)
        );
    }
    if relayed.forwarded_to.is_some() {
        let _ = writeln!(out, "    > {}", shown(&relayed.bodies.request));
    }
    match (&relayed.response, &relayed.bodies.answer) {
        (Some(answer), Some(bytes)) => {
            let _ = writeln!(out, "    < {} {}", answer.status, shown(bytes));
        }
        _ if relayed.forwarded_to.is_some() => {
            let _ = writeln!(out, "    < {}", style.bad("no answer"));
        }
        _ => {}
    }
    if let Some(bytes) = &relayed.bodies.returned {
        let _ = writeln!(out, "    to IM: {} {}", relayed.status, shown(bytes));
    }
}

fn severity(severity: Severity, style: Style) -> String {
    match severity {
        Severity::Error => style.bad("error"),
        Severity::Warning => style.caution("warning"),
    }
}

/// Bytes as escaped text on one line, cut at `BODY_SHOWN`.
fn shown(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "(empty)".to_string();
    }
    let cut = bytes.len().min(BODY_SHOWN);
    let mut text = visible(&String::from_utf8_lossy(&bytes[..cut])).into_owned();
    if bytes.len() > cut {
        let _ = write!(text, "… ({} more bytes)", bytes.len() - cut);
    }
    text
}

/// `-v` in JSON: the bodies as text (cut at `BODY_SHOWN`, lossy UTF-8).
fn bodies_json(relayed: &Relayed) -> Value {
    let text = |bytes: &[u8]| {
        let cut = bytes.len().min(BODY_SHOWN);
        Value::from(String::from_utf8_lossy(&bytes[..cut]).into_owned())
    };
    json!({
        "request": text(&relayed.bodies.request),
        "answer": relayed.bodies.answer.as_deref().map(text),
        "returned": relayed.bodies.returned.as_deref().map(text),
    })
}

/// How the relay ended.
#[derive(Clone)]
pub struct ListenClosing {
    pub signal: Signal,
    pub totals: ListenTotals,
    pub connections: Snapshot,
    pub dropped: u64,
}

impl ListenClosing {
    /// `STOPPED by SIGTERM after 12 exchanges (allow 10, deny 2), ...`, for stderr.
    pub fn line(&self) -> String {
        let totals = &self.totals;
        let decisions: Vec<String> = totals
            .decisions
            .iter()
            .map(|(decision, count)| format!("{decision} {count}"))
            .collect();
        let mut line = format!(
            "grpcb listen: STOPPED by {} after {}",
            self.signal.name(),
            plural(totals.exchanges, "exchange")
        );
        if !decisions.is_empty() {
            let _ = write!(line, " ({})", decisions.join(", "));
        }
        if totals.failures > 0 {
            let why: Vec<String> = [
                (totals.no_answer, "no answer"),
                (totals.too_large, "too large"),
                (totals.unusable, "unusable"),
            ]
            .into_iter()
            .filter(|(count, _)| *count > 0)
            .map(|(count, why)| format!("{count} {why}"))
            .collect();
            let _ = write!(
                line,
                "; {} ({})",
                plural(totals.failures, "receiver failure"),
                why.join(", ")
            );
            if totals.allowed > 0 {
                let _ = write!(line, ", {} answered allow by listen", totals.allowed);
            }
        }
        if totals.differing_requests > 0 {
            let _ = write!(
                line,
                "; {} with news about IM",
                plural(totals.differing_requests, "request")
            );
        }
        if totals.recorded + totals.unrecorded > 0 {
            let _ = write!(line, "; {} recorded", totals.recorded);
            if totals.unrecorded > 0 {
                let _ = write!(line, ", {} NOT recorded", totals.unrecorded);
            }
        }
        if totals.refused > 0 {
            let _ = write!(
                line,
                "; {} refused by listen",
                plural(totals.refused, "request")
            );
        }
        let _ = write!(
            line,
            "; {}",
            plural(self.connections.accepted, "connection")
        );
        if self.dropped > 0 {
            let _ = write!(
                line,
                "; {} dropped because stdout did not keep up",
                plural(self.dropped, "log line")
            );
        }
        line
    }

    pub fn to_json(&self) -> Value {
        json!({
            "event": "stopped",
            "stopped": "signal",
            "signal": self.signal.name(),
            "verdict": "stopped",
            "totals": self.totals,
            "connections": self.connections,
            "dropped_log_lines": self.dropped,
        })
    }
}
