//! `grpcb demo`: a line per check as it ends, the closing totals, or one JSON object.

use crate::app::output::visible;
use crate::app::stop::Signal;
use crate::engine::demo::{Scenario, Tour};
use crate::engine::report::Report;
use grpcb_contract::query::DEFAULT_SDKAPPID;
use grpcb_contract::verdict::Outcome;
use serde_json::{Value, json};
use std::fmt::Write;

pub fn header(url: &str, rules: usize) -> String {
    format!(
        "grpcb demo: the reference receiver listens on {url} \
         (SdkAppid {DEFAULT_SDKAPPID}, Sign checked, {rules} rules)\n\n"
    )
}

/// A check's name: the alias and what the check shows.
pub fn name(scenario: &Scenario) -> String {
    format!("{} {}", scenario.callback.alias, scenario.label)
        .trim_end()
        .to_string()
}

/// One line per check, findings under a failed one.
pub fn line(scenario: &Scenario, report: &Report, name_width: usize) -> String {
    let style = super::style::stdout();
    let verdict = crate::render::report::verdict_label(report.verdict, style);
    let latency = report.response.as_ref().map_or_else(
        || "-".into(),
        |response| crate::render::report::latency(response.latency_ms),
    );
    let mut out = format!(
        "{verdict}  {:name_width$}  {:14}  {latency:>8}  {}\n",
        name(scenario),
        report.decision.as_str(),
        visible(&report.meaning)
    );
    if report.verdict != Outcome::Pass {
        for finding in &report.findings {
            let _ = writeln!(
                out,
                "      {} {}",
                finding.code.as_str(),
                visible(&finding.message)
            );
        }
    }
    out
}

/// The totals, or `STOPPED ...` when a signal cut the tour short.
pub fn closing(tour: &Tour, total: usize) -> String {
    let style = super::style::stdout();
    let (ran, passed) = (tour.reports.len(), tour.passed());
    if let Some(signal) = tour.stopped {
        return format!(
            "\n{} by {} after {ran} of {total} checks ({passed} passed)\n",
            style.caution("STOPPED"),
            signal.name()
        );
    }
    let failed = match ran - passed {
        0 => String::new(),
        failed => format!(", {failed} failed"),
    };
    format!(
        "\n{ran} checks, {passed} passed{failed}\n\
         Next: `grpcb serve` runs this receiver for your own tests; \
         `grpcb send <CALLBACK> --url URL` checks yours.\n"
    )
}

pub fn as_json(tour: &Tour, scenarios: &[Scenario]) -> Value {
    let checks: Vec<Value> = scenarios
        .iter()
        .zip(&tour.reports)
        .map(|(scenario, report)| {
            let mut value = report.to_json();
            if let Value::Object(map) = &mut value {
                let label = if scenario.label.is_empty() {
                    "sample"
                } else {
                    scenario.label.as_str()
                };
                map.shift_insert(0, "scenario".into(), json!(label));
            }
            value
        })
        .collect();
    let passed = tour.passed();
    let verdict = match tour.stopped {
        Some(_) => "stopped",
        None if passed == scenarios.len() => "pass",
        None => "fail",
    };
    json!({
        "url": tour.url,
        "checks": checks,
        "total": scenarios.len(),
        "passed": passed,
        "failed": tour.reports.len() - passed,
        "stopped": tour.stopped.map(|_| "signal"),
        "signal": tour.stopped.map(Signal::name),
        "verdict": verdict,
    })
}
