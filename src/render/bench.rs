//! The report of a run: a summary for people and one JSON object for scripts
//! (keys documented in the README, "grpcb bench").

use super::style::Style;
use crate::app::output::visible;
use crate::config::load::Until;
use crate::engine::bench::{Broken, EndReason, LoadProgress, Summary};
use grpcb_contract::verdict::Outcome;
use serde_json::{Map, Value, json};
use std::fmt::Write;
use std::time::Duration;

/// The quantiles the report shows, with their JSON keys.
pub const QUANTILES: [(&str, &str, f64); 4] = [
    ("p50", "p50", 0.5),
    ("p90", "p90", 0.9),
    ("p99", "p99", 0.99),
    ("p99.9", "p99_9", 0.999),
];

/// The report for a person.
pub fn human(summary: &Summary) -> String {
    let style = super::style::stdout();
    let tally = &summary.tally;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} -> {}",
        style.bold("grpcb bench"),
        summary.callback.alias,
        visible(&summary.url.clone())
    );
    let _ = writeln!(out, "{}\n", style.dim(&setup(summary)));
    let row = |out: &mut String, label: &str, text: String| {
        let _ = writeln!(out, "{:<10} {text}", style.bold(label));
    };
    row(
        &mut out,
        "requests",
        format!(
            "{} sent: {} answered, {} errored (no answer)",
            grouped(tally.sent),
            grouped(tally.answered()),
            grouped(tally.errored)
        ),
    );
    row(
        &mut out,
        "verdicts",
        format!(
            "{} passed, {} failed",
            grouped(tally.passed),
            grouped(tally.failed)
        ),
    );
    row(
        &mut out,
        "rate",
        format!(
            "{} req/s over {:.2} s",
            grouped(summary.rate().round() as u64),
            summary.elapsed.as_secs_f64()
        ),
    );
    let latency = match tally.max() {
        None => "no answers".to_string(),
        Some(max) => {
            let mut parts: Vec<String> = QUANTILES
                .iter()
                .filter_map(|(label, _, q)| {
                    tally.quantile(*q).map(|value| {
                        format!("{label} {}", grpcb_contract::duration::precise(value))
                    })
                })
                .collect();
            parts.push(format!("max {}", grpcb_contract::duration::precise(max)));
            if tally.timed_out > 0 {
                parts.push(format!(
                    "({} timed out, counted as the timeout)",
                    grouped(tally.timed_out)
                ));
            }
            parts.join("  ")
        }
    };
    row(&mut out, "latency", latency);
    let budget = if tally.timed_out == 0 {
        format!(
            "{} answers over 2 s ({:.2}%)",
            grouped(tally.over_budget),
            share(tally.over_budget, tally.timed())
        )
    } else {
        format!(
            "{} requests over 2 s ({:.2}%), the {} timed out counted as taking the timeout",
            grouped(tally.over_budget),
            share(tally.over_budget, tally.timed()),
            grouped(tally.timed_out)
        )
    };
    row(&mut out, "budget", budget);
    let decisions: Vec<String> = tally
        .decision_counts()
        .map(|(decision, count)| format!("{decision} {}", grouped(count)))
        .collect();
    row(&mut out, "decisions", or_none(decisions.join(", ")));
    let findings = tally.finding_counts();
    if findings.is_empty() {
        row(&mut out, "findings", "none".into());
    }
    for (index, (code, count)) in findings.iter().enumerate() {
        let severity = if count.errors > 0 {
            style.bad("error")
        } else {
            style.caution("warning")
        };
        let line = format!(
            "{severity} {} {} {}",
            code.as_str(),
            grouped(count.errors + count.warnings),
            style.dim(&format!(
                "e.g. {}",
                visible(count.example.as_deref().unwrap_or(""))
            ))
        );
        row(&mut out, if index == 0 { "findings" } else { "" }, line);
    }
    let transport: Vec<String> = tally
        .transport_counts()
        .map(|(failure, count)| format!("{} {}", failure.as_str(), grouped(count)))
        .collect();
    row(&mut out, "transport", or_none(transport.join(", ")));
    let _ = writeln!(out, "\n{}", closing_line(summary, style));
    out
}

/// `32 connections, closed loop, ...`: how the run was made and why it ended.
pub fn setup(summary: &Summary) -> String {
    let load = summary.load;
    let mut parts = vec![format!(
        "{} connection{}",
        load.concurrency,
        if load.concurrency == 1 { "" } else { "s" }
    )];
    parts.push(match load.rate {
        Some(rate) => format!("open loop at {rate} req/s"),
        None => "closed loop".into(),
    });
    parts.push(match load.until {
        Until::Requests(requests) => format!("{} requests", grouped(requests)),
        Until::Duration(duration) => format!("for {}", grpcb_contract::duration::span(duration)),
    });
    parts.push(match summary.stopped {
        EndReason::Requests => "all sent".into(),
        EndReason::Duration => "time is up".into(),
        EndReason::Cap => "stopped at the 10-minute cap".into(),
        EndReason::Signal(signal) => format!("stopped by {}: partial report", signal.name()),
    });
    if summary.templated {
        parts.push("templated body".into());
    }
    parts.join(", ")
}

/// `PASS ...`, `FAIL ...`, `ERROR ...`, or `STOPPED ...` after a signal.
pub fn closing_line(summary: &Summary, style: Style) -> String {
    let thresholds = summary.load.thresholds;
    if let Some(signal) = summary.signal() {
        return stopped_line(summary, signal, style);
    }
    match summary.outcome() {
        Outcome::Error => format!(
            "{} no answer to any of {} requests",
            style.bad("ERROR"),
            grouped(summary.tally.sent)
        ),
        Outcome::Fail => {
            let broken: Vec<String> = summary
                .broken()
                .iter()
                .map(|broken| match broken {
                    Broken::P99 { p99, max, at_least } => {
                        p99_broken(*p99, *max, *at_least, summary.tally.timed_out)
                    }
                    Broken::ErrorRate { rate, max } => {
                        format!("error rate {rate:.2}% is over --max-error-rate {max}%")
                    }
                })
                .collect();
            format!("{} {}", style.bad("FAIL"), broken.join("; "))
        }
        Outcome::Pass => {
            let mut met = Vec::new();
            if let (Some(max), Some(p99)) = (thresholds.max_p99, summary.tally.quantile(0.99)) {
                met.push(format!(
                    "p99 {} within {}",
                    grpcb_contract::duration::precise(p99),
                    grpcb_contract::duration::precise(max)
                ));
            }
            met.push(format!(
                "error rate {:.2}% within {}%",
                summary.error_rate(),
                thresholds.max_error_rate
            ));
            format!("{} {}", style.good("PASS"), met.join("; "))
        }
    }
}

/// Why `--max-p99` is not met: the p99 is over it, or it is a timed-out request's (at least
/// the timeout) and so may be.
fn p99_broken(p99: Duration, max: Duration, at_least: bool, timed_out: u64) -> String {
    let over = p99 > max;
    let (p99, max) = (
        grpcb_contract::duration::precise(p99),
        grpcb_contract::duration::precise(max),
    );
    let timed_out = grouped(timed_out);
    match at_least {
        false => format!("p99 {p99} is over --max-p99 {max}"),
        true if over => {
            format!("p99 at least {p99} ({timed_out} requests timed out) is over --max-p99 {max}")
        }
        true => format!(
            "p99 not judged: {timed_out} requests timed out, so p99 is at least {p99} and may be over --max-p99 {max}"
        ),
    }
}

/// `STOPPED by SIGINT after 812 of 2,000 requests`: a partial run, judged by nothing.
fn stopped_line(summary: &Summary, signal: crate::app::stop::Signal, style: Style) -> String {
    let sent = grouped(summary.tally.sent);
    let how_much = match summary.load.until {
        Until::Requests(requests) => format!("{sent} of {} requests", grouped(requests)),
        Until::Duration(duration) => format!(
            "{sent} requests in {:.2} s of {}",
            summary.elapsed.as_secs_f64(),
            grpcb_contract::duration::span(duration)
        ),
    };
    // There is always a threshold (--max-error-rate is 0 unless given), and none was judged.
    format!(
        "{} by {} after {how_much}; thresholds not judged",
        style.caution("STOPPED"),
        signal.name()
    )
}

/// The verdict for scripts: `stopped` after a signal, else the outcome.
fn verdict(summary: &Summary) -> Value {
    match summary.signal() {
        Some(_) => json!("stopped"),
        None => json!(summary.outcome()),
    }
}

/// The report for scripts.
pub fn json(summary: &Summary) -> Value {
    let tally = &summary.tally;
    let load = summary.load;
    let ms = |value: Option<Duration>| value.map(|value| round3(value.as_secs_f64() * 1000.0));
    let mut latency = Map::new();
    for (_, key, q) in QUANTILES {
        latency.insert(key.into(), json!(ms(tally.quantile(q))));
    }
    latency.insert("max".into(), json!(ms(tally.max())));
    latency.insert("mean".into(), json!(ms(tally.mean())));
    // The quantiles that are a timed-out request's: each is at least that, not measured.
    let mut at_least: Vec<&str> = QUANTILES
        .iter()
        .filter(|(_, _, q)| tally.at_least(*q))
        .map(|(_, key, _)| *key)
        .collect();
    if tally.timed_out > 0 {
        at_least.push("max");
    }
    let decisions: Map<String, Value> = tally
        .decision_counts()
        .map(|(decision, count)| (decision.as_str().to_string(), json!(count)))
        .collect();
    let findings: Map<String, Value> = tally
        .finding_counts()
        .into_iter()
        .map(|(code, count)| {
            (
                code.as_str().to_string(),
                json!({
                    "errors": count.errors,
                    "warnings": count.warnings,
                    "example": count.example,
                }),
            )
        })
        .collect();
    let transport: Map<String, Value> = tally
        .transport_counts()
        .map(|(failure, count)| (failure.as_str().to_string(), json!(count)))
        .collect();
    // A run a signal stopped is not judged: null, not an empty list that reads as "met".
    let broken: Option<Vec<&str>> = summary.signal().is_none().then(|| {
        summary
            .broken()
            .iter()
            .map(|broken| match broken {
                Broken::P99 { .. } => "max-p99",
                Broken::ErrorRate { .. } => "max-error-rate",
            })
            .collect()
    });
    let (requests, duration_s) = match load.until {
        Until::Requests(requests) => (Some(requests), None),
        Until::Duration(duration) => (None, Some(duration.as_secs_f64())),
    };
    json!({
        "callback": summary.callback.command,
        "alias": summary.callback.alias,
        "kind": summary.callback.kind().as_str(),
        "url": summary.url,
        "load": {
            "concurrency": load.concurrency,
            "mode": if load.rate.is_some() { "open" } else { "closed" },
            "rate": load.rate,
            "requests": requests,
            "duration_s": duration_s,
            "seed": load.seed,
            "templated": summary.templated,
        },
        "stopped": summary.stopped.as_str(),
        "signal": summary.signal().map(super::super::app::stop::Signal::name),
        "duration_s": round3(summary.elapsed.as_secs_f64()),
        "requests": {
            "sent": tally.sent,
            "answered": tally.answered(),
            "errored": tally.errored,
            "timed_out": tally.timed_out,
            "passed": tally.passed,
            "failed": tally.failed,
        },
        "rate": round3(summary.rate()),
        "latency_ms": latency,
        "latency_at_least": at_least,
        "over_budget": {
            "count": tally.over_budget,
            "percent": round3(share(tally.over_budget, tally.timed())),
        },
        "decisions": decisions,
        "findings": findings,
        "transport_errors": transport,
        "error_rate": round3(summary.error_rate()),
        "thresholds": {
            "max_p99_ms": ms(load.thresholds.max_p99),
            "max_error_rate": load.thresholds.max_error_rate,
            "broken": broken,
        },
        "verdict": verdict(summary),
    })
}

/// The progress line (stderr, on a terminal, through `progress::counts`).
pub fn progress_line(progress: &LoadProgress) -> String {
    let seconds = progress.elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        progress.sent as f64 / seconds
    } else {
        0.0
    };
    format!(
        "{:>6.1} s  {} sent  {} req/s  {} errored or failed",
        seconds,
        grouped(progress.sent),
        grouped(rate.round() as u64),
        grouped(progress.bad)
    )
}

/// `1,234,567`.
pub fn grouped(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `part` as a percentage of `whole`; 0 for an empty whole.
pub fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

fn or_none(text: String) -> String {
    if text.is_empty() { "none".into() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_durations_read_at_a_glance() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
