//! `grpcb bench --html FILE`: the totals, a latency histogram drawn as inline SVG from the
//! run's HDR histogram (log-spaced bars, p50 and p99 marked, IM's 2 s budget where it falls
//! in range), the percentile table, the decisions, the findings with their fixes and the
//! transport failures.

use super::{Header, Tone, cards, closing, page, text};
use crate::config::BUDGET;
use crate::engine::bench::Summary;
use crate::engine::bench::tally::Tally;
use crate::render::bench::{QUANTILES, closing_line, grouped, setup, share};
use crate::render::style::Style;
use grpcb_contract::duration::{precise, tick};
use grpcb_contract::verdict::Outcome;
use std::fmt::Write as _;
use std::time::Duration;

/// Bars of the histogram.
const BARS: usize = 48;
/// The chart's drawing, in SVG user units.
const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;

/// The whole page.
pub fn page_of(summary: &Summary) -> String {
    let verdict = verdict(summary);
    let title = format!("{} → {}", summary.callback.alias, summary.url);
    let header = Header {
        tool: "bench",
        title: &title,
        lines: vec![summary.callback.command.to_string(), setup(summary)],
        verdict,
    };
    let tally = &summary.tally;
    let mut body = totals(summary, verdict.0);
    body.push_str("<h2>Latency</h2>\n");
    body.push_str(&histogram(tally));
    body.push_str(&percentiles(tally));
    body.push_str("<div class=\"two\">\n<div>\n<h2>Decisions</h2>\n");
    body.push_str(&decisions(tally));
    body.push_str("</div>\n<div>\n<h2>Transport failures</h2>\n");
    body.push_str(&transport(tally));
    body.push_str("</div>\n</div>\n<h2>Findings</h2>\n");
    body.push_str(&findings(tally));
    page(&header, &body)
}

fn verdict(summary: &Summary) -> (Tone, &'static str) {
    if summary.signal().is_some() {
        return (Tone::Stopped, "STOPPED");
    }
    match summary.outcome() {
        Outcome::Pass => (Tone::Pass, "PASS"),
        Outcome::Fail => (Tone::Fail, "FAIL"),
        Outcome::Error => (Tone::Error, "ERROR"),
    }
}

fn totals(summary: &Summary, tone: Tone) -> String {
    let tally = &summary.tally;
    // A count is coloured only when it is not zero.
    let tone_if = |n: u64, tone: Tone| Some(tone).filter(|_| n > 0);
    let mut out = cards(&[
        ("requests sent", grouped(tally.sent), None),
        (
            "passed",
            grouped(tally.passed),
            tone_if(tally.passed, Tone::Pass),
        ),
        (
            "failed",
            grouped(tally.failed),
            tone_if(tally.failed, Tone::Fail),
        ),
        (
            "no answer",
            grouped(tally.errored),
            tone_if(tally.errored, Tone::Error),
        ),
        ("requests / s", grouped(summary.rate().round() as u64), None),
        ("p99", at_least(tally, 0.99, tally.quantile(0.99)), None),
        (
            "error rate",
            format!("{:.2}%", summary.error_rate()),
            tone_if(tally.errored + tally.failed, Tone::Fail),
        ),
        (
            "over 2 s",
            grouped(tally.over_budget),
            tone_if(tally.over_budget, Tone::Fail),
        ),
    ]);
    out.push_str(&closing(tone, &closing_line(summary, Style::plain())));
    out
}

/// One bar: the latencies from `low` to `high` (µs) and how many answers took that long.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Bar {
    low: f64,
    high: f64,
    count: u64,
}

/// The histogram's answers in `BARS` log-spaced bars from the fastest to the slowest.
fn bars(tally: &Tally) -> Vec<Bar> {
    let histogram = &tally.latency;
    if histogram.is_empty() {
        return Vec::new();
    }
    let low = (histogram.min().max(1)) as f64;
    // Ends at the slowest answer's bucket; a run with one latency still gets a range.
    let high = (histogram.highest_equivalent(histogram.max()) as f64).max(low * 1.1);
    let ratio = (high / low).ln();
    let mut bars: Vec<Bar> = (0..BARS)
        .map(|index| Bar {
            low: low * (ratio * index as f64 / BARS as f64).exp(),
            high: low * (ratio * (index + 1) as f64 / BARS as f64).exp(),
            count: 0,
        })
        .collect();
    for value in histogram.iter_recorded() {
        let at = value.value_iterated_to() as f64;
        let position = ((at.max(low) / low).ln() / ratio * BARS as f64).floor();
        let index = (position.max(0.0) as usize).min(BARS - 1);
        bars[index].count += value.count_since_last_iteration();
    }
    bars
}

/// The SVG chart: one `<rect>` per non-empty bar inside `<g id="histogram-bars">`.
fn histogram(tally: &Tally) -> String {
    let bars = bars(tally);
    if bars.is_empty() {
        return "<p class=\"sub\">No answers, so no latencies to draw.</p>\n".into();
    }
    let (low, high) = (bars[0].low, bars[bars.len() - 1].high);
    let tallest = bars.iter().map(|bar| bar.count).max().unwrap_or(1).max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |us: f64| LEFT + (us.max(low) / low).ln() / (high / low).ln() * plot_w;
    let y = |count: u64| TOP + plot_h - count as f64 / tallest as f64 * plot_h;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<div class=\"chart\">\n<svg viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"latency histogram\">"
    );
    let _ = writeln!(
        out,
        "<title>Latency of {} answers, fastest to slowest</title>",
        grouped(tally.latency.len())
    );
    // Axes and ticks.
    let base = TOP + plot_h;
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\"/>",
        WIDTH - RIGHT
    );
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{base}\"/>"
    );
    for value in ticks(low, high) {
        let at = x(value);
        let _ = writeln!(
            out,
            "<line class=\"axis\" x1=\"{at:.1}\" y1=\"{base}\" x2=\"{at:.1}\" y2=\"{:.1}\"/><text class=\"tick\" x=\"{at:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            base + 5.0,
            base + 20.0,
            text(&tick(Duration::from_micros(value as u64)))
        );
    }
    for (count, label) in [
        (tallest, grouped(tallest)),
        (tallest / 2, grouped(tallest / 2)),
    ] {
        let at = y(count);
        let _ = writeln!(
            out,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{label}</text>",
            LEFT - 8.0,
            at + 4.0
        );
    }
    let _ = writeln!(
        out,
        "<text class=\"tick\" x=\"{LEFT}\" y=\"{:.1}\">answers</text>",
        TOP - 12.0
    );
    // The bars.
    out.push_str("<g id=\"histogram-bars\">\n");
    let budget_us = BUDGET.as_secs_f64() * 1e6;
    for bar in bars.iter().filter(|bar| bar.count > 0) {
        let left = x(bar.low);
        let width = (x(bar.high) - left - 1.0).max(1.0);
        let top = y(bar.count).min(base - 1.0);
        let late = if bar.low >= budget_us { " late" } else { "" };
        let _ = writeln!(
            out,
            "<rect class=\"bar{late}\" x=\"{left:.1}\" y=\"{top:.1}\" width=\"{width:.1}\" height=\"{:.1}\"><title>{} to {}: {} answers</title></rect>",
            base - top,
            text(&precise(Duration::from_micros(bar.low as u64))),
            text(&precise(Duration::from_micros(bar.high as u64))),
            grouped(bar.count)
        );
    }
    out.push_str("</g>\n");
    // p50, p99 and the budget, where they fall.
    let mut marks = Vec::new();
    for (class, label, q) in [("p50", "p50", 0.5), ("p99", "p99", 0.99)] {
        if let Some(value) = tally.quantile(q) {
            marks.push((class, label.to_string(), value.as_secs_f64() * 1e6));
        }
    }
    if (low..=high).contains(&budget_us) {
        marks.push(("budget", "2 s budget".into(), budget_us));
    }
    for (index, (class, label, value)) in marks.iter().enumerate() {
        let at = x(*value);
        let label_y = TOP + 12.0 + 14.0 * index as f64;
        // Right of the line, unless that runs off the chart.
        let (label_x, anchor) = if at > WIDTH - RIGHT - 80.0 {
            (at - 4.0, "end")
        } else {
            (at + 4.0, "start")
        };
        let _ = writeln!(
            out,
            "<line class=\"mark {class}\" x1=\"{at:.1}\" y1=\"{TOP}\" x2=\"{at:.1}\" y2=\"{base}\"/><text class=\"mark-label {class}\" x=\"{label_x:.1}\" y=\"{label_y:.1}\" text-anchor=\"{anchor}\">{}</text>",
            text(label)
        );
    }
    out.push_str("</svg>\n");
    let _ = writeln!(
        out,
        "<p class=\"legend\">Bars are log-spaced from {} to {}; a bar's height is how many answers took that long (hover one for its count).</p>\n</div>",
        text(&precise(Duration::from_micros(low as u64))),
        text(&precise(Duration::from_micros(high as u64)))
    );
    out
}

/// Round latencies (1, 2, 5 × 10ⁿ µs) between `low` and `high`, at most about eight.
fn ticks(low: f64, high: f64) -> Vec<f64> {
    let mut all = Vec::new();
    let mut decade = 1.0_f64;
    while decade <= high * 10.0 {
        for step in [1.0, 2.0, 5.0] {
            let value = decade * step;
            if value >= low && value <= high {
                all.push(value);
            }
        }
        decade *= 10.0;
    }
    if all.len() > 8 {
        // Only the powers of ten when 1-2-5 would crowd the axis.
        all.retain(|value| (value.log10().fract()).abs() < 1e-9);
    }
    all
}

/// The percentile table.
fn percentiles(tally: &Tally) -> String {
    let mut out =
        String::from("<h2>Percentiles</h2>\n<div class=\"boxed\"><table id=\"percentiles\">\n<tr>");
    for (label, _, _) in QUANTILES {
        let _ = write!(out, "<th class=\"num\">{label}</th>");
    }
    out.push_str("<th class=\"num\">max</th><th class=\"num\">mean</th></tr>\n<tr>");
    for (_, _, q) in QUANTILES {
        let cell = at_least(tally, q, tally.quantile(q));
        let _ = write!(out, "<td class=\"num\">{cell}</td>");
    }
    // With timed-out requests (counted as taking the timeout), max and mean are bounds too.
    let _ = writeln!(
        out,
        "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n</table></div>",
        at_least(tally, 1.0, tally.max()),
        at_least(tally, 1.0, tally.mean())
    );
    out
}

/// A latency for the page: `≥ ` before one that is a timed-out request's (only a lower
/// bound, as the human and JSON reports say: `latency_at_least`).
fn at_least(tally: &Tally, q: f64, value: Option<Duration>) -> String {
    match value {
        None => "-".into(),
        Some(value) if tally.at_least(q) => format!("≥ {}", precise(value)),
        Some(value) => precise(value),
    }
}

fn decisions(tally: &Tally) -> String {
    let rows: Vec<String> = tally
        .decision_counts()
        .map(|(decision, count)| {
            format!(
                "<tr><td class=\"mono\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}%</td></tr>",
                text(decision.as_str()),
                grouped(count),
                share(count, tally.sent)
            )
        })
        .collect();
    table(
        "<tr><th>decision</th><th class=\"num\">requests</th><th class=\"num\">share</th></tr>",
        &rows,
        "none",
    )
}

fn transport(tally: &Tally) -> String {
    let rows: Vec<String> = tally
        .transport_counts()
        .map(|(failure, count)| {
            format!(
                "<tr><td class=\"mono\">{}</td><td class=\"num\">{}</td></tr>",
                text(failure.as_str()),
                grouped(count)
            )
        })
        .collect();
    table(
        "<tr><th>failure</th><th class=\"num\">requests</th></tr>",
        &rows,
        "none: every request was answered",
    )
}

fn findings(tally: &Tally) -> String {
    let rows: Vec<String> = tally
        .finding_counts()
        .into_iter()
        .map(|(code, count)| {
            let (tone, word) = if count.errors > 0 {
                (Tone::Fail, "error")
            } else {
                (Tone::Warn, "warning")
            };
            format!(
                "<tr><td class=\"{}\">{word}</td><td class=\"finding-code mono\">{}</td><td class=\"num\">{}</td><td class=\"wrap\">e.g. {}<br><span class=\"fix\"><b>fix</b> {}</span></td></tr>",
                tone.class(),
                text(code.as_str()),
                grouped(count.errors + count.warnings),
                text(count.example.as_deref().unwrap_or("")),
                text(code.fix())
            )
        })
        .collect();
    table(
        "<tr><th>severity</th><th>finding</th><th class=\"num\">requests</th><th>example and how to fix it</th></tr>",
        &rows,
        "none: every answer kept the contract",
    )
}

/// A boxed table, or a line saying there is nothing to show.
fn table(head: &str, rows: &[String], empty: &str) -> String {
    if rows.is_empty() {
        return format!("<p class=\"sub\">{}</p>\n", text(empty));
    }
    format!(
        "<div class=\"boxed\"><table>\n{head}\n{}\n</table></div>\n",
        rows.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally_of(latencies_us: &[u64]) -> Tally {
        let mut tally = Tally::new().expect("bounds");
        for us in latencies_us {
            tally.latency.record(*us).expect("in range");
        }
        tally
    }

    #[test]
    fn every_answer_is_in_one_bar() {
        let latencies: Vec<u64> = (1..=2000).map(|i| 200 + i * i / 10).collect();
        let bars = bars(&tally_of(&latencies));
        assert_eq!(bars.len(), BARS);
        assert_eq!(bars.iter().map(|bar| bar.count).sum::<u64>(), 2000);
        assert!(
            bars.windows(2)
                .all(|pair| pair[0].high <= pair[1].low + 1e-6)
        );
    }

    #[test]
    fn a_timed_out_requests_latency_is_marked_a_lower_bound() {
        let mut tally = tally_of(&[1000; 9]);
        tally.passed = 9;
        tally.latency.record(3_000_000).expect("in range");
        tally.timed_out = 1;
        let table = percentiles(&tally);
        let cells: Vec<&str> = table.split("<td class=\"num\">").skip(1).collect();
        assert!(cells[0].starts_with("1.0"), "p50 measured: {table}");
        assert!(
            cells
                .iter()
                .rev()
                .take(3)
                .all(|cell| cell.starts_with("≥ ")),
            "{table}"
        );
        assert!(at_least(&tally, 0.99, tally.quantile(0.99)).starts_with("≥ "));
    }

    #[test]
    fn one_latency_still_draws_a_bar() {
        let html = histogram(&tally_of(&[1500; 10]));
        assert_eq!(html.matches("<rect").count(), 1);
        assert!(histogram(&tally_of(&[])).contains("No answers"));
    }

    #[test]
    fn ticks_are_round_and_in_range() {
        assert_eq!(ticks(150.0, 900.0), [200.0, 500.0]);
        let wide = ticks(10.0, 5e6);
        assert!(wide.len() <= 8 && wide.contains(&1000.0), "{wide:?}");
    }
}
