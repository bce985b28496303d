//! The report for a person at a terminal: request line, status, latency, the decision in
//! words, each finding with its fix, and a closing verdict line. Every text that came from
//! outside (the answer, its headers, findings and meanings that quote it) goes through
//! `output::visible`, so a receiver cannot colour the terminal or forge a line.

use super::style::Style;
use crate::app::output::visible;
use crate::app::stop::Signal;
use crate::engine::report::{Ran, Report, ResponseReport, RunTotals};
use grpcb_contract::duration::human as human_duration;
use grpcb_contract::verdict::{Finding, Outcome, Severity};
use serde_json::Value;
use std::fmt::Write;
use std::time::Duration;

/// How much of the answer body the one-line summary quotes.
const BODY_PREVIEW: usize = 160;

/// Renders a report; `verbose` adds the full request and response, as `curl -v` shows them.
pub fn render(report: &Report, verbose: bool, style: Style) -> String {
    let mut out = String::new();
    if verbose {
        exchange(&mut out, report, style);
    } else {
        let _ = writeln!(
            out,
            "{} {}",
            style.bold("POST"),
            style.dim(&visible(&report.request.url))
        );
        match &report.response {
            Some(response) => {
                let _ = writeln!(
                    out,
                    "{} {}",
                    status_line(response, style),
                    style.dim(&preview(response))
                );
            }
            None => {
                let _ = writeln!(out, "{}", style.bad("no answer"));
            }
        }
    }
    let _ = writeln!(
        out,
        "{} {}",
        style.bold(&format!("{}:", report.decision)),
        visible(&report.meaning)
    );
    for finding in &report.findings {
        finding_lines(&mut out, finding, style);
    }
    let _ = writeln!(out, "{}", closing_line(report, style));
    out
}

/// `PASS before-create` / `FAIL before-create: 2 errors, 1 warning`.
pub fn closing_line(report: &Report, style: Style) -> String {
    let verdict = verdict_label(report.verdict, style);
    let counts = counts(&report.findings);
    if counts.is_empty() {
        format!("{verdict} {}", report.alias)
    } else {
        format!("{verdict} {}: {counts}", report.alias)
    }
}

/// PASS, FAIL or ERROR.
fn verdict_text(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "PASS",
        Outcome::Fail => "FAIL",
        Outcome::Error => "ERROR",
    }
}

/// PASS, FAIL or ERROR, coloured, for every command that prints one line per check.
pub fn verdict_label(outcome: Outcome, style: Style) -> String {
    match outcome {
        Outcome::Pass => style.good(verdict_text(outcome)),
        Outcome::Fail | Outcome::Error => style.bad(verdict_text(outcome)),
    }
}

/// One line per suite case: verdict, name, decision, latency, and for a case that did not
/// pass, the finding that explains it.
pub fn case_line(name: &str, name_width: usize, ran: &Ran, style: Style) -> String {
    let report = &ran.report;
    // A name with a line break must not break the one-line-per-case output.
    let name = visible(name);
    // Pad before colouring: escape codes would count as width.
    let label = verdict_label(report.verdict, style);
    let pad = " ".repeat(5usize.saturating_sub(verdict_text(report.verdict).len()));
    let ms = ran.latency().as_secs_f64() * 1000.0;
    let mut line = format!(
        "{label}{pad} {name:name_width$}  {:14}  {:>9}",
        report.decision.as_str(),
        latency(ms)
    );
    if report.verdict != Outcome::Pass
        && let Some(finding) = ran.first_finding()
    {
        let _ = write!(
            line,
            "  {}: {}",
            style.bold(finding.code.as_str()),
            visible(&finding.message)
        );
    }
    line.push('\n');
    line
}

/// `3 passed, 1 failed` plus `, N errors` when some got no answer and `, N skipped` after
/// `--fail-fast`.
pub fn totals_line(totals: &RunTotals) -> String {
    format!("{}\n", tally(totals, " (--fail-fast)"))
}

/// The closing line of a run a signal stopped:
/// `STOPPED by SIGINT after 3 of 40 cases: 3 passed, 0 failed, 37 skipped`.
pub fn stopped_line(signal: Signal, totals: &RunTotals, cases: usize, style: Style) -> String {
    format!(
        "{} by {} after {} of {cases} cases: {}\n",
        style.caution("STOPPED"),
        signal.name(),
        totals.total,
        tally(totals, "")
    )
}

fn tally(totals: &RunTotals, skipped_because: &str) -> String {
    let mut line = format!("{} passed, {} failed", totals.passed, totals.failed);
    if totals.errors > 0 {
        let _ = write!(line, ", {} errors", totals.errors);
    }
    if totals.skipped > 0 {
        let _ = write!(line, ", {} skipped{skipped_because}", totals.skipped);
    }
    line
}

fn counts(findings: &[Finding]) -> String {
    let errors = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => String::new(),
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

fn finding_lines(out: &mut String, finding: &Finding, style: Style) {
    let severity = match finding.severity {
        Severity::Error => style.bad("error"),
        Severity::Warning => style.caution("warning"),
    };
    let at = match finding.path.as_deref() {
        Some(path) if !path.is_empty() => format!(" at {}", visible(path)),
        _ => String::new(),
    };
    let _ = writeln!(out, "{severity} {}{at}", style.bold(finding.code.as_str()));
    let _ = writeln!(out, "  {}", visible(&finding.message));
    let _ = writeln!(out, "  {} {}", style.dim("fix:"), style.dim(finding.fix));
}

fn status_line(response: &ResponseReport, style: Style) -> String {
    let reason = http_reason(response.status);
    let status = format!("HTTP {} {reason}", response.status);
    let status = if response.status == 200 {
        style.good(&status)
    } else {
        style.bad(&status)
    };
    format!("{status} in {}", latency(response.latency_ms))
}

/// A latency in milliseconds as a person reads it (`1.7 ms`, `2.30 s`).
pub fn latency(ms: f64) -> String {
    human_duration(Duration::from_secs_f64(ms.max(0.0) / 1000.0))
}

fn http_reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("")
}

/// The answer body on one line, cut short (after escaping, so an escape is never cut).
fn preview(response: &ResponseReport) -> String {
    let text = match (&response.body, &response.raw) {
        (Some(body), _) => visible(&body.to_string()).into_owned(),
        (None, Some(raw)) => visible(raw).into_owned(),
        (None, None) => "(empty body)".to_string(),
    };
    if text.chars().count() > BODY_PREVIEW {
        format!("{}…", text.chars().take(BODY_PREVIEW).collect::<String>())
    } else {
        text
    }
}

/// The full request and response, `>` and `<` prefixed like `curl -v`.
fn exchange(out: &mut String, report: &Report, style: Style) {
    let request = &report.request;
    let url = visible(&request.url);
    let target = url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|slash| &rest[slash..]))
        .unwrap_or(match url == crate::error::secret::WITHHELD {
            true => crate::error::secret::WITHHELD,
            false => "/",
        });
    let _ = writeln!(out, "> POST {target} HTTP/1.1");
    headers(out, ">", &request.headers);
    let _ = writeln!(out, ">");
    let _ = writeln!(out, "{}\n", pretty(&request.body));
    match &report.response {
        Some(response) => {
            let _ = writeln!(
                out,
                "< HTTP/1.1 {} {} ({})",
                response.status,
                http_reason(response.status),
                latency(response.latency_ms)
            );
            headers(out, "<", &response.headers);
            let _ = writeln!(out, "<");
            match (&response.body, &response.raw) {
                (Some(body), _) => {
                    let _ = writeln!(out, "{}", pretty(body));
                }
                (None, Some(raw)) => {
                    let _ = writeln!(out, "{}", visible(raw));
                }
                (None, None) => {}
            }
            let _ = writeln!(out);
        }
        None => {
            let _ = writeln!(out, "{}\n", style.bad("no answer"));
        }
    }
}

fn headers(out: &mut String, prefix: &str, headers: &serde_json::Map<String, Value>) {
    for (name, value) in headers {
        let _ = writeln!(
            out,
            "{prefix} {}: {}",
            visible(name),
            visible(value.as_str().unwrap_or_default())
        );
    }
}

/// Pretty JSON, each line escaped: JSON escapes C0 controls in strings, not DEL or C1.
fn pretty(value: &Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.lines().map(visible).collect::<Vec<_>>().join("\n")
}
