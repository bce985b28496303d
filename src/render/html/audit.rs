//! `grpcb audit --html FILE`: the totals, then every probe with its status, what it found,
//! the exchanges that show it, why it matters and how to fix it.

use super::{Header, Tone, badge, cards, closing, count_card, page, text};
use crate::engine::audit::{AuditReport, AuditVerdict, ProbeResult, ProbeStatus};
use crate::render::audit::closing_line;
use crate::render::style::Style;
use std::fmt::Write as _;

/// Exchanges a probe shows (every one, in a table that stays readable).
const SHOWN_EXCHANGES: usize = 12;

/// The whole page.
pub fn page_of(report: &AuditReport) -> String {
    let signed = if report.signed {
        "signed with the token"
    } else {
        "unsigned (no --token)"
    };
    let mut lines = vec![format!("SdkAppid {}, {signed}", report.sdkappid)];
    if let Some(suite) = &report.suite {
        lines.push(format!("suite {suite}"));
    }
    let verdict = verdict(report);
    let header = Header {
        tool: "audit",
        title: &report.url,
        lines,
        verdict,
    };
    let mut body = summary(report, verdict.0);
    body.push_str("<h2>Probes</h2>\n");
    for probe in &report.probes {
        body.push_str(&probe_html(probe));
    }
    page(&header, &body)
}

fn verdict(report: &AuditReport) -> (Tone, &'static str) {
    if report.stop_signal.is_some() {
        return (Tone::Stopped, "STOPPED");
    }
    match report.verdict {
        AuditVerdict::Pass => (Tone::Pass, "PASS"),
        AuditVerdict::Fail => (Tone::Fail, "FAIL"),
        AuditVerdict::Inconclusive => (Tone::Inconclusive, "INCONCLUSIVE"),
        AuditVerdict::Stopped => (Tone::Stopped, "STOPPED"),
    }
}

fn summary(report: &AuditReport, tone: Tone) -> String {
    let totals = &report.totals;
    let mut items = vec![
        ("probes", report.probes.len().to_string(), None),
        count_card("passed", totals.passed, Tone::Pass),
        count_card("failed", totals.failed, Tone::Fail),
        count_card("inconclusive", totals.inconclusive, Tone::Inconclusive),
        count_card("warned", totals.warned, Tone::Warn),
        count_card("skipped", totals.skipped, Tone::Skip),
    ];
    let latency = &report.latency;
    if let Some(p95) = latency.p95_ms {
        items.push(("answers p95", format!("{p95:.1} ms"), None));
    }
    let mut out = cards(&items);
    out.push_str(&closing(tone, &closing_line(report, Style::plain())));
    if let (Some(max), Some(slowest)) = (latency.max_ms, &latency.slowest) {
        let _ = writeln!(
            out,
            "<p class=\"sub\">{} answers; the slowest took {max:.1} ms ({})</p>",
            latency.answers,
            text(slowest)
        );
    }
    out
}

fn probe_html(result: &ProbeResult) -> String {
    let tone = status_tone(result.status);
    let mut out = String::new();
    let _ = write!(
        out,
        "<section class=\"item is-{} probe\">\n<div class=\"head\">{} <span class=\"name mono\">{}</span></div>\n<p>{}</p>\n",
        tone.class(),
        badge(tone, &result.status.label().to_ascii_lowercase()),
        text(result.probe.id()),
        text(&result.summary)
    );
    // A passing probe says what it checked; the rest show their evidence; a skipped one
    // only why it did not run.
    if result.status == ProbeStatus::Skip {
        out.push_str("</section>\n");
        return out;
    }
    if result.status != ProbeStatus::Pass {
        out.push_str(&exchanges(result));
    }
    let _ = write!(
        out,
        "<p class=\"why\"><b>why</b> {}</p>\n<p class=\"fix\"><b>fix</b> {}</p>\n</section>\n",
        text(result.why),
        text(result.fix)
    );
    out
}

/// The exchanges that explain the status (the notable ones, when some are).
fn exchanges(result: &ProbeResult) -> String {
    let notable = result.exchanges.iter().any(|exchange| exchange.notable);
    let shown: Vec<_> = result
        .exchanges
        .iter()
        .filter(|exchange| !notable || exchange.notable)
        .collect();
    if shown.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<table class=\"exchanges\">\n<tr><th>callback</th><th>sent</th><th>got</th></tr>\n",
    );
    for exchange in shown.iter().take(SHOWN_EXCHANGES) {
        let _ = writeln!(
            out,
            "<tr><td class=\"mono nowrap\">{}</td><td class=\"wrap\">{}</td><td class=\"mono wrap\">{}</td></tr>",
            text(exchange.callback),
            text(&exchange.sent),
            text(&exchange.received)
        );
    }
    if shown.len() > SHOWN_EXCHANGES {
        let _ = writeln!(
            out,
            "<tr><td colspan=\"3\" class=\"meta\">... {} more (the JSON report has every exchange)</td></tr>",
            shown.len() - SHOWN_EXCHANGES
        );
    }
    out.push_str("</table>\n");
    out
}

fn status_tone(status: ProbeStatus) -> Tone {
    match status {
        ProbeStatus::Pass => Tone::Pass,
        ProbeStatus::Fail => Tone::Fail,
        ProbeStatus::Warn => Tone::Warn,
        ProbeStatus::Inconclusive => Tone::Inconclusive,
        ProbeStatus::Skip => Tone::Skip,
    }
}
