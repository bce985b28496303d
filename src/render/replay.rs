//! `grpcb replay`: one line per replay, the closing totals, or one JSON object.

use crate::app::output::visible;
use crate::app::stop::Signal;
use crate::engine::replay::{ReplayStatus, ReplayTotals, ReplayVerdict, Replayed};
use serde_json::{Value, json};

pub fn label(status: ReplayStatus) -> String {
    let style = super::style::stdout();
    match status {
        ReplayStatus::Pass => style.good("PASS"),
        ReplayStatus::Fail => style.bad("FAIL"),
        ReplayStatus::Error => style.bad("ERROR"),
        ReplayStatus::Inconclusive => style.caution("INCONCLUSIVE"),
        ReplayStatus::Skip => style.dim("SKIP"),
    }
}

/// `PASS  before-create/000001.json  allow  2.1 ms`, and for anything but a plain pass, why.
/// What the recording says (its file names, the reasons in its notes) is outside input, so
/// it is escaped as a receiver's answer is.
pub fn replay_line(replayed: &Replayed, width: usize) -> String {
    let style = super::style::stdout();
    let label = label(replayed.status);
    // Pad before colouring: escape codes would count as width.
    let pad = " ".repeat(12usize.saturating_sub(replayed.status.as_str().len()));
    let file = visible(&replayed.entry.file);
    let (decision, latency) = match &replayed.report {
        Some(report) => (
            report.decision.as_str(),
            report.response.as_ref().map_or_else(
                || "-".to_string(),
                |response| format!("{:.1} ms", response.latency_ms),
            ),
        ),
        None => ("-", "-".to_string()),
    };
    let mut line = format!("{label}{pad} {file:width$}  {decision:14}  {latency:>9}");
    let finding = replayed
        .report
        .as_ref()
        .filter(|_| replayed.status != ReplayStatus::Pass && replayed.note.is_none())
        .and_then(|report| {
            report
                .findings
                .iter()
                .find(|finding| finding.severity == grpcb_contract::verdict::Severity::Error)
                .or_else(|| report.findings.first())
        });
    if let Some(note) = &replayed.note {
        line.push_str(&format!("  {}", visible(note)));
    } else if let Some(finding) = finding {
        line.push_str(&format!(
            "  {}: {}",
            style.bold(finding.code.as_str()),
            visible(&finding.message)
        ));
    }
    line.push('\n');
    line
}

/// `3 passed, 1 failed, 1 inconclusive, 2 skipped`, or `STOPPED by SIGINT after 4 of 9
/// replays: ...`.
pub fn closing_line(totals: &ReplayTotals, signal: Option<Signal>, strict: bool) -> String {
    let style = super::style::stdout();
    let mut counts = format!("{} passed, {} failed", totals.passed, totals.failed);
    for (count, what) in [
        (totals.errors, "errors"),
        (totals.inconclusive, "inconclusive"),
        (totals.skipped, "skipped"),
    ] {
        if count > 0 {
            counts.push_str(&format!(", {count} {what}"));
        }
    }
    let line = match signal {
        Some(signal) => format!(
            "{} by {} after {} of {} replays: {counts}",
            style.caution("STOPPED"),
            signal.name(),
            totals.done,
            totals.recorded
        ),
        None if totals.verdict(strict) == ReplayVerdict::Inconclusive => {
            format!("{counts}; nothing could be compared: every replay was inconclusive or skipped")
        }
        None if strict && totals.inconclusive > 0 && totals.failed == 0 => {
            format!("{counts}; inconclusive replays fail under --strict")
        }
        None => counts,
    };
    format!("{line}\n")
}

/// `--format json`: every replay with its recorded decision and, when sent, the full report
/// of the exchange; the totals; the verdict.
pub fn replay_json(
    dir: &str,
    replays: &[Replayed],
    totals: &ReplayTotals,
    signal: Option<Signal>,
    strict: bool,
) -> Value {
    let replays: Vec<Value> = replays
        .iter()
        .map(|replayed| {
            let mut item = json!({
                "file": replayed.entry.file,
                "line": replayed.entry.line,
                "status": replayed.status,
                "recorded": {
                    "decision": replayed.entry.recorded.as_str(),
                    "answer": replayed.entry.answer,
                },
                "note": replayed.note,
                "control": replayed.control.as_ref().map(crate::engine::report::Report::to_json),
            });
            if let (Some(report), Value::Object(map)) = (&replayed.report, &mut item)
                && let Value::Object(report) = report.to_json()
            {
                map.extend(report);
            }
            item
        })
        .collect();
    let mut value = json!({
        "dir": dir,
        "replays": replays,
        "totals": totals,
        "verdict": totals.verdict(strict),
    });
    if let (Some(signal), Value::Object(map)) = (signal, &mut value) {
        map.insert("verdict".into(), json!("stopped"));
        map.insert("stopped".into(), json!("signal"));
        map.insert("signal".into(), json!(signal.name()));
    }
    value
}
