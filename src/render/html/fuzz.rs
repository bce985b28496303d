//! `grpcb fuzz --html FILE`: the totals, then every callback with its properties and each
//! way it failed: what broke, where it was first found, how it shrank, the fixture and the
//! line that replays it, and the shrunk body.

use super::{Header, Tone, badge, cards, closing, count_card, page, text};
use crate::engine::fuzz::{CallbackSummary, Failure, FuzzReport, FuzzVerdict, Status};
use crate::render::fuzz::{closing_line, found_line, plural, shrink_line};
use crate::render::report::latency;
use crate::render::style::Style;
use std::fmt::Write as _;

/// The whole page.
pub fn page_of(report: &FuzzReport) -> String {
    let signed = if report.signed {
        "signed with the token"
    } else {
        "unsigned (no --token)"
    };
    let mut lines = vec![format!(
        "seed {} (repeat with --seed {}), {} per callback, {signed}",
        report.seed,
        report.seed,
        plural(report.cases, "case")
    )];
    lines.extend(
        report
            .duration
            .as_ref()
            .map(|duration| format!("--duration {duration}")),
    );
    let verdict = verdict(report);
    let header = Header {
        tool: "fuzz",
        title: &report.url,
        lines,
        verdict,
    };
    let mut body = summary(report, verdict.0);
    body.push_str("<h2>Callbacks</h2>\n");
    for callback in &report.callbacks {
        body.push_str(&callback_html(callback));
    }
    page(&header, &body)
}

fn verdict(report: &FuzzReport) -> (Tone, &'static str) {
    if report.ended_by.signal().is_some() {
        return (Tone::Stopped, "STOPPED");
    }
    match report.verdict {
        FuzzVerdict::Pass => (Tone::Pass, "PASS"),
        FuzzVerdict::Fail => (Tone::Fail, "FAIL"),
        FuzzVerdict::Error => (Tone::Error, "ERROR"),
        FuzzVerdict::Stopped => (Tone::Stopped, "STOPPED"),
    }
}

fn summary(report: &FuzzReport, tone: Tone) -> String {
    let totals = &report.totals;
    let items = vec![
        ("callbacks", totals.callbacks.to_string(), None),
        ("cases", totals.cases.to_string(), None),
        ("requests", totals.requests.to_string(), None),
        count_card("failures", totals.failures, Tone::Fail),
    ];
    let mut out = cards(&items);
    out.push_str(&closing(tone, &closing_line(report, Style::plain())));
    out
}

fn status_tone(status: Status) -> Tone {
    match status {
        Status::Pass => Tone::Pass,
        Status::Fail => Tone::Fail,
        Status::Error => Tone::Error,
        Status::Skip => Tone::Skip,
    }
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Error => "error",
        Status::Skip => "skip",
    }
}

fn callback_html(summary: &CallbackSummary) -> String {
    let tone = status_tone(summary.status);
    let mut meta = format!(
        "{}, {}",
        plural(summary.cases as u64, "case"),
        plural(summary.requests as u64, "request")
    );
    if let Some(times) = summary.latency_ms {
        let _ = write!(meta, ", p50 {}", latency(times.p50));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<section class=\"item is-{} callback\">\n<div class=\"head\">{} <span class=\"name mono\">{}</span> <span class=\"meta\">{} &middot; {}</span></div>",
        tone.class(),
        badge(tone, status_label(summary.status)),
        text(summary.alias),
        text(summary.callback),
        text(&meta)
    );
    out.push_str("<table class=\"properties\">\n<tr><th>property</th><th>status</th><th class=\"num\">cases</th><th class=\"num\">failed</th></tr>\n");
    for property in &summary.properties {
        let tone = status_tone(property.status);
        let _ = writeln!(
            out,
            "<tr><td class=\"mono\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            text(property.property.id()),
            badge(tone, status_label(property.status)),
            property.cases,
            property.failed
        );
    }
    out.push_str("</table>\n");
    for failure in &summary.failures {
        out.push_str(&failure_html(failure, summary.cases));
    }
    out.push_str("</section>\n");
    out
}

fn failure_html(failure: &Failure, cases: usize) -> String {
    let mut out = String::from("<div class=\"failure boxed\">\n");
    let _ = writeln!(
        out,
        "<p><span class=\"finding-code\">{}</span> {}</p>",
        text(&failure.kind.slug()),
        text(&failure.summary)
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\">{}</p>",
        text(&found_line(failure, cases))
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\">{}</p>",
        text(&shrink_line(failure, Style::plain()))
    );
    if let Some(files) = &failure.files {
        let _ = writeln!(
            out,
            "<p class=\"fix\"><b>fixture</b> <code>{}</code></p>\n<p class=\"fix\"><b>replay</b> <code class=\"wrap\">{}</code></p>",
            text(&files.fixture),
            text(&files.replay)
        );
    }
    // What the receiver answered (to the rewritten body when that is what failed).
    let exchange = failure
        .evidence
        .rewritten
        .as_ref()
        .unwrap_or(&failure.evidence.sent);
    let answer = match &exchange.response {
        None => "no answer".to_string(),
        Some(response) => {
            let body = match (&response.body, &response.raw) {
                (Some(body), _) => body.to_string(),
                (None, Some(raw)) => raw.clone(),
                (None, None) => String::new(),
            };
            format!("HTTP {} {body}", response.status)
        }
    };
    let _ = writeln!(
        out,
        "<p><b>answer</b> <code class=\"wrap\">{}</code></p>",
        text(&answer)
    );
    let body = serde_json::to_string_pretty(&failure.body).unwrap_or_default();
    let _ = writeln!(
        out,
        "<p><b>shrunk body</b></p>\n<pre class=\"mono wrap body\">{}</pre>",
        text_keeping_lines(&body)
    );
    out.push_str("</div>\n");
    out
}

/// Outside text with its line breaks kept (each line escaped as [`text`] does).
fn text_keeping_lines(raw: &str) -> String {
    raw.lines().map(text).collect::<Vec<_>>().join("\n")
}
