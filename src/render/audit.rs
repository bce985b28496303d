//! The human report of `grpcb audit` (its JSON is the serialised `AuditReport`).

use super::style::Style;
use crate::app::output::visible;
use crate::engine::audit::{AuditReport, AuditVerdict, Probe, ProbeResult, ProbeStatus};
use std::fmt::Write;
use strum::VariantArray;

pub fn render(report: &AuditReport, verbose: bool) -> String {
    let style = super::style::stdout();
    let mut out = String::new();
    let signed = if report.signed {
        "signed with the token"
    } else {
        "unsigned (no --token)"
    };
    let _ = write!(
        out,
        "{} {}  SdkAppid {}, {signed}",
        style.bold("grpcb audit"),
        visible(&report.url),
        report.sdkappid
    );
    match &report.suite {
        Some(file) => {
            let _ = writeln!(out, ", suite {file}");
        }
        None => out.push('\n'),
    }
    let id_width = Probe::VARIANTS
        .iter()
        .map(|probe| probe.id().len())
        .max()
        .unwrap_or(0);
    // Labels line up: four letters wide unless an INCONCLUSIVE is there.
    let label_width = report
        .probes
        .iter()
        .map(|probe| probe.status.label().len())
        .max()
        .unwrap_or(4);
    for result in &report.probes {
        probe_lines(&mut out, result, (label_width, id_width), verbose);
    }
    let latency = &report.latency;
    if let (Some(p95), Some(max)) = (latency.p95_ms, latency.max_ms) {
        let _ = writeln!(
            out,
            "latency: {} answers, p95 {p95:.1} ms, slowest {max:.1} ms ({})",
            latency.answers,
            visible(latency.slowest.as_deref().unwrap_or(""))
        );
    }
    let _ = writeln!(out, "{}", closing_line(report, style));
    out
}

/// `FAIL: 18 probes: ...`, or `STOPPED by SIGINT after 3 of 18 probes: ...`.
pub fn closing_line(report: &AuditReport, style: Style) -> String {
    let totals = &report.totals;
    let counts = format!(
        "{} passed, {} failed, {} inconclusive, {} warned, {} skipped",
        totals.passed, totals.failed, totals.inconclusive, totals.warned, totals.skipped
    );
    let total = report.probes.len();
    match (report.verdict, report.stop_signal) {
        (_, Some(signal)) => format!(
            "{} by {} after {} of {total} probes: {counts}",
            style.caution("STOPPED"),
            signal.name(),
            report.done
        ),
        (AuditVerdict::Pass, _) => format!("{}: {total} probes: {counts}", style.good("PASS")),
        (AuditVerdict::Inconclusive, _) => format!(
            "{}: {total} probes: {counts} (nothing failed, but not every probe could decide; --strict fails on that)",
            style.caution("INCONCLUSIVE")
        ),
        (AuditVerdict::Fail | AuditVerdict::Stopped, _) => {
            format!("{}: {total} probes: {counts}", style.bad("FAIL"))
        }
    }
}

/// How many exchanges a probe that did not pass shows without -v.
pub const SHOWN_EXCHANGES: usize = 6;

pub fn probe_lines(
    out: &mut String,
    result: &ProbeResult,
    (label_width, id_width): (usize, usize),
    verbose: bool,
) {
    let style = super::style::stdout();
    let text = format!("{:label_width$}", result.status.label());
    let label = match result.status {
        ProbeStatus::Pass => style.good(&text),
        ProbeStatus::Fail => style.bad(&text),
        ProbeStatus::Warn | ProbeStatus::Inconclusive => style.caution(&text),
        ProbeStatus::Skip => style.dim(&text),
    };
    let _ = writeln!(
        out,
        "{label}  {:id_width$}  {}",
        result.probe.id(),
        visible(&result.summary)
    );
    let detailed = verbose
        || matches!(
            result.status,
            ProbeStatus::Fail | ProbeStatus::Warn | ProbeStatus::Inconclusive
        );
    if !detailed {
        return;
    }
    let indent = " ".repeat(label_width + id_width + 4);
    // Without -v, only the first few exchanges that explain the status.
    let notable = result.exchanges.iter().any(|exchange| exchange.notable);
    let shown: Vec<_> = result
        .exchanges
        .iter()
        .filter(|exchange| verbose || !notable || exchange.notable)
        .collect();
    let limit = if verbose {
        shown.len()
    } else {
        SHOWN_EXCHANGES
    };
    for exchange in shown.iter().take(limit) {
        let _ = writeln!(
            out,
            "{indent}{} {}: {}",
            style.dim("sent:"),
            exchange.callback,
            visible(&exchange.sent)
        );
        let _ = writeln!(
            out,
            "{indent}{} {}",
            style.dim("got: "),
            visible(&exchange.received)
        );
    }
    if shown.len() > limit {
        let _ = writeln!(
            out,
            "{indent}{}",
            style.dim(&format!(
                "... {} more (-v shows every exchange)",
                shown.len() - limit
            ))
        );
    }
    let _ = writeln!(out, "{indent}{} {}", style.dim("why: "), result.why);
    let _ = writeln!(out, "{indent}{} {}", style.dim("fix: "), result.fix);
}
