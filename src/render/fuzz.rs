//! `grpcb fuzz` for people (the opening line with the seed, one line per callback, each
//! failure with its fixture and the command that replays it, the closing line), for scripts
//! (the serialised `FuzzReport`) and for CI (JUnit: one testsuite per callback, one testcase
//! per property).

use super::junit::JunitWriter;
use super::report as exchange;
use super::style::{self, Style};
use crate::app::output::visible;
use crate::engine::fuzz::{
    CallbackSummary, Failure, FuzzPlan, FuzzReport, FuzzVerdict, Property, ShrinkStatus, Status,
};
use crate::error::Result;
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus};
use std::fmt::Write as _;
use std::time::Duration;

/// The first line, printed before any case is sent: where, how much, and the seed.
pub fn opening_line(plan: &FuzzPlan) -> String {
    let cases = if plan.cases == crate::config::fuzz::MAX_CASES {
        "as many cases as fit".to_string()
    } else {
        plural(plan.cases, "case")
    };
    let mut line = format!(
        "{} {}: {}, {cases} each",
        style::stdout().bold("grpcb fuzz"),
        visible(&crate::error::secret::shown(plan.config.url.as_str())),
        plural(plan.callbacks.len() as u64, "callback"),
    );
    if let Some(duration) = plan.duration {
        let _ = write!(
            line,
            " for at most {}",
            grpcb_contract::duration::human(duration)
        );
    }
    let _ = writeln!(
        line,
        ", seed {} (repeat with --seed {})",
        plan.seed, plan.seed
    );
    line
}

/// Everything after the opening line.
pub fn render(report: &FuzzReport, verbose: bool) -> String {
    let style = style::stdout();
    let mut out = String::new();
    let width = report
        .callbacks
        .iter()
        .map(|summary| summary.alias.len())
        .max()
        .unwrap_or(0);
    for summary in &report.callbacks {
        callback_lines(&mut out, summary, width, verbose, style);
    }
    out.push_str(&closing_line(report, style));
    out
}

fn label(status: Status, style: Style) -> String {
    match status {
        Status::Pass => style.good("PASS"),
        Status::Fail => style.bad("FAIL"),
        Status::Error => style.bad("ERROR"),
        Status::Skip => style.dim("SKIP"),
    }
}

fn label_width(status: Status) -> usize {
    match status {
        Status::Error => 5,
        _ => 4,
    }
}

fn callback_lines(
    out: &mut String,
    summary: &CallbackSummary,
    width: usize,
    verbose: bool,
    style: Style,
) {
    let pad = " ".repeat(5 - label_width(summary.status));
    let _ = write!(
        out,
        "{}{pad} {:width$}  {:>11}  {:>13}",
        label(summary.status, style),
        summary.alias,
        plural(summary.cases as u64, "case"),
        plural(summary.requests as u64, "request"),
    );
    if let Some(latency) = summary.latency_ms {
        let _ = write!(out, "  p50 {}", exchange::latency(latency.p50));
    }
    if !summary.failures.is_empty() {
        let _ = write!(
            out,
            "  {}",
            plural(summary.failures.len() as u64, "failure")
        );
    }
    out.push('\n');
    for failure in &summary.failures {
        failure_lines(out, failure, summary.cases, verbose, style);
    }
}

fn failure_lines(out: &mut String, failure: &Failure, cases: usize, verbose: bool, style: Style) {
    let _ = writeln!(
        out,
        "      {}: {}",
        style.bold(&failure.kind.slug()),
        visible(&failure.summary)
    );
    let _ = writeln!(out, "        {}", found_line(failure, cases));
    let _ = writeln!(out, "        {}", shrink_line(failure, style));
    if let Some(files) = &failure.files {
        let _ = writeln!(out, "        fixture: {}", visible(&files.fixture));
        let _ = writeln!(out, "        replay:  {}", visible(&files.replay));
    }
    if verbose {
        let sent = &failure.evidence.sent;
        out.push_str(&indent(&exchange::render(sent, true, style)));
        if let Some(rewritten) = &failure.evidence.rewritten {
            out.push_str(&indent(&exchange::render(rewritten, true, style)));
        }
    }
}

/// Where the failure was first found: `first in case 0 (...); 2 of 3 cases failed so`.
pub fn found_line(failure: &Failure, cases: usize) -> String {
    format!(
        "first in case {} ({}); {} of {cases} cases failed so",
        failure.first_case,
        failure.style.describe(),
        failure.cases
    )
}

/// How shrinking went: `shrunk in 9 tries from 72 to 40 bytes of text`.
pub fn shrink_line(failure: &Failure, style: Style) -> String {
    let shrunk = format!(
        "{} from {} to {} bytes of text",
        plural(failure.shrink_attempts as u64, "try"),
        failure.found_text_bytes,
        failure.shrunk_text_bytes
    );
    match failure.shrink {
        ShrinkStatus::Shrunk => format!("shrunk in {shrunk}"),
        ShrinkStatus::Limit => format!("shrunk in {shrunk}, where the limit stopped it"),
        ShrinkStatus::Stopped => format!("shrunk in {shrunk}, where the signal stopped it"),
        ShrinkStatus::NotReproduced => format!(
            "{}: the case did not fail so when sent again (kept as found, not shrunk)",
            style.caution("not reproduced")
        ),
        ShrinkStatus::NotRun => "not shrunk: the run was stopped first (kept as found)".into(),
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("        {line}\n"))
        .collect()
}

/// `FAIL: 2 of 57 callbacks failed ...`, or `STOPPED by SIGINT after 40 of 171 cases: ...`.
pub fn closing_line(report: &FuzzReport, style: Style) -> String {
    let totals = &report.totals;
    let counts = format!(
        "{} in {} ({}); seed {}",
        plural(totals.failures as u64, "failure"),
        plural(totals.cases as u64, "case"),
        plural(totals.requests as u64, "request"),
        report.seed
    );
    if let Some(signal) = report.ended_by.signal() {
        let planned = report.cases.saturating_mul(totals.callbacks as u64);
        let of = if report.cases == crate::config::fuzz::MAX_CASES {
            String::new()
        } else {
            format!(" of {planned}")
        };
        return format!(
            "{} by {} after {}{of} cases: {counts}\n",
            style.caution("STOPPED"),
            signal.name(),
            totals.cases
        );
    }
    let head = match report.verdict {
        FuzzVerdict::Pass => format!(
            "{}: {} kept every property",
            style.good("PASS"),
            plural(totals.callbacks as u64, "callback")
        ),
        FuzzVerdict::Error => format!("{}: nothing answered", style.bad("ERROR")),
        FuzzVerdict::Fail | FuzzVerdict::Stopped => format!(
            "{}: {} of {} failed",
            style.bad("FAIL"),
            totals.failed + totals.errors,
            plural(totals.callbacks as u64, "callback")
        ),
    };
    let ended = if report.ended == "duration" {
        " (--duration was up)"
    } else {
        ""
    };
    format!("{head}: {counts}{ended}\n")
}

/// `1 case`, `3 cases`; `tries` for `try`.
pub fn plural(count: u64, noun: &str) -> String {
    match (count, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "try") => format!("{count} tries"),
        _ => format!("{count} {noun}s"),
    }
}

/// Writes the JUnit testcases of a run: per callback, one per property.
pub fn junit(report: &FuzzReport, writer: &mut JunitWriter) -> Result<()> {
    for summary in &report.callbacks {
        for property in &summary.properties {
            let failures: Vec<&Failure> = summary
                .failures
                .iter()
                .filter(|failure| failure.property == property.property)
                .collect();
            let status = match (property.status, failures.first()) {
                (Status::Skip, _) => {
                    let mut status = TestCaseStatus::skipped();
                    status.set_message(if summary.cases == 0 {
                        "not run: no case of this callback ran"
                    } else {
                        "not checked: every case failed an earlier property first"
                    });
                    status
                }
                (_, Some(first)) => failed(property.property, first, &failures),
                (_, None) => TestCaseStatus::success(),
            };
            let mut case = TestCase::new(property.property.id(), status);
            case.set_classname(summary.alias);
            writer.add(summary.alias, case, Duration::ZERO)?;
        }
    }
    Ok(())
}

fn failed(property: Property, first: &Failure, all: &[&Failure]) -> TestCaseStatus {
    let kind = if property == Property::Answers {
        NonSuccessKind::Error
    } else {
        NonSuccessKind::Failure
    };
    let mut status = TestCaseStatus::non_success(kind);
    status.set_message(visible(&first.summary).as_ref());
    status.set_type(first.kind.slug());
    let mut text = String::new();
    for failure in all {
        let _ = writeln!(
            text,
            "{}: {} (first in case {}, {} cases)",
            failure.kind.slug(),
            visible(&failure.summary),
            failure.first_case,
            failure.cases
        );
        if let Some(files) = &failure.files {
            let _ = writeln!(text, "fixture: {}", visible(&files.fixture));
            let _ = writeln!(text, "replay: {}", visible(&files.replay));
        }
        let _ = writeln!(text, "body: {}", visible(&failure.body.to_string()));
    }
    status.set_description(text);
    status
}
