//! The report of one exchange, and its two renderings: `human` for people, `json` for scripts
//! (`docs/cli.md`, "The JSON report of `send --format json`"); and the results of a suite run,
//! also as JUnit XML.

use crate::app::stop::Signal;
use grpcb_contract::catalog::Callback;
use grpcb_contract::exchange::{Request, Response};
use grpcb_contract::verdict::{Decision, Finding, Outcome, Verdict};
use serde::Serialize;
use serde_json::{Map, Value};
use std::time::Duration;

/// Everything known about one exchange, in the field order of the contract.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub callback: &'static str,
    pub alias: &'static str,
    pub kind: &'static str,
    pub request: RequestReport,
    pub response: Option<ResponseReport>,
    pub decision: Decision,
    /// The decision in words.
    pub meaning: String,
    pub verdict: Outcome,
    pub findings: Vec<Finding>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RequestReport {
    pub url: String,
    pub query: Map<String, Value>,
    pub headers: Map<String, Value>,
    pub body: Value,
}

#[derive(Clone, Debug, Serialize)]
pub struct ResponseReport {
    pub status: u16,
    pub latency_ms: f64,
    pub headers: Map<String, Value>,
    /// The parsed answer, or null when it was not JSON.
    pub body: Option<Value>,
    /// The first bytes as text when the answer was not JSON.
    pub raw: Option<String>,
}

impl Report {
    /// The report of one exchange. The token is in none of it: the request carries only the
    /// `Sign` made from it, and what a receiver answered is reported as it came.
    pub fn new(
        callback: &'static Callback,
        request: &Request,
        answer: Option<&Response>,
        verdict: Verdict,
    ) -> Self {
        let response = answer.map(|answer| ResponseReport {
            status: answer.status,
            latency_ms: (answer.latency.as_secs_f64() * 1_000_000.0).round() / 1000.0,
            headers: pairs(&answer.headers),
            body: verdict.body.clone(),
            raw: verdict.raw.clone(),
        });
        Report {
            callback: callback.command,
            alias: callback.alias,
            kind: callback.kind().as_str(),
            request: RequestReport {
                url: request.url.clone(),
                query: pairs(&request.query),
                headers: pairs(&request.headers),
                body: request.body.clone(),
            },
            response,
            decision: verdict.decision,
            meaning: verdict.meaning,
            verdict: verdict.outcome,
            findings: verdict.findings,
        }
    }

    /// The report as a JSON value (printing is the caller's).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// Name/value pairs as an ordered object; a repeated name keeps its first value.
pub fn pairs(items: &[(String, String)]) -> Map<String, Value> {
    let mut map = Map::new();
    for (name, value) in items {
        if !map.contains_key(name) {
            map.insert(name.clone(), Value::String(value.clone()));
        }
    }
    map
}

/// One case of a suite run and what became of it.
#[derive(Clone, Debug)]
pub struct CaseResult {
    pub name: String,
    /// The suite file, as given on the command line.
    pub file: String,
    pub alias: &'static str,
    /// The case's exchange, or why it has none.
    pub ran: Result<Ran, NotRun>,
}

/// A case that was sent.
#[derive(Clone, Debug)]
pub struct Ran {
    pub report: Report,
    /// From sending to judging, answer or not.
    pub elapsed: Duration,
}

/// Why a case of a run has no result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotRun {
    /// `--fail-fast` stopped the run before the case started.
    FailFast,
    /// A signal stopped the run before the case started.
    Signal(Signal),
    /// A signal stopped the run while the case waited for its answer.
    Interrupted(Signal),
}

impl NotRun {
    /// Why, in words (the JUnit `skipped` message).
    pub fn message(self) -> String {
        match self {
            NotRun::FailFast => {
                "not run: --fail-fast stopped the run after a case that did not pass".into()
            }
            NotRun::Signal(signal) => {
                format!(
                    "not run: {} stopped the run before this case",
                    signal.name()
                )
            }
            NotRun::Interrupted(signal) => format!(
                "not finished: {} stopped the run before the answer came",
                signal.name()
            ),
        }
    }
}

impl Ran {
    /// The answer's latency, or how long grpcb waited for none.
    pub fn latency(&self) -> Duration {
        self.report
            .response
            .as_ref()
            .map_or(self.elapsed, |response| {
                Duration::from_secs_f64(response.latency_ms / 1000.0)
            })
    }

    /// The finding that explains a case that did not pass: the first error, else (under
    /// `strict`) the first warning.
    pub fn first_finding(&self) -> Option<&Finding> {
        let findings = &self.report.findings;
        findings
            .iter()
            .find(|finding| finding.severity == grpcb_contract::verdict::Severity::Error)
            .or_else(|| findings.first())
    }
}

/// How a run went, case by case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RunTotals {
    pub passed: usize,
    pub failed: usize,
    pub errors: usize,
    /// Not run: `--fail-fast` or a signal stopped the run first.
    pub skipped: usize,
    /// Cases that ran.
    pub total: usize,
}

impl RunTotals {
    /// Counts one more case.
    pub fn count(&mut self, result: &CaseResult) {
        match result.ran.as_ref().map(|ran| ran.report.verdict) {
            Ok(Outcome::Pass) => self.passed += 1,
            Ok(Outcome::Fail) => self.failed += 1,
            Ok(Outcome::Error) => self.errors += 1,
            Err(_) => self.skipped += 1,
        }
        self.total = self.passed + self.failed + self.errors;
    }

    /// The run's outcome: failed when any case failed, else error when any got no answer.
    pub fn outcome(&self) -> Outcome {
        if self.failed > 0 {
            Outcome::Fail
        } else if self.errors > 0 {
            Outcome::Error
        } else {
            Outcome::Pass
        }
    }
}

/// `grpcb run --format json`, written as the cases end: the same text as the document
/// `{"cases": [...], "totals": {...}}` pretty-printed whole, without holding every case.
#[derive(Debug, Default)]
pub struct RunJson {
    cases: usize,
}

impl RunJson {
    /// The text that adds a case that ran (after the document's opening, for the first);
    /// nothing for a case that did not run.
    pub fn case(&mut self, result: &CaseResult) -> String {
        let Some(value) = case_json(result) else {
            return String::new();
        };
        let before = if self.cases == 0 {
            "{\n  \"cases\": [\n"
        } else {
            ",\n"
        };
        self.cases += 1;
        format!("{before}{}", indented(&value, "    ", true))
    }

    /// The text that ends the document: the totals and, for a run a signal stopped,
    /// `"stopped": "signal"`, the signal and `"verdict": "stopped"`.
    pub fn end(&self, totals: &RunTotals, stopped: Option<Signal>) -> String {
        let mut text = if self.cases == 0 {
            "{\n  \"cases\": [],\n".to_string()
        } else {
            "\n  ],\n".to_string()
        };
        let mut members = vec![(
            "totals",
            serde_json::to_value(totals).unwrap_or(Value::Null),
        )];
        if let Some(signal) = stopped {
            members.push(("stopped", Value::from("signal")));
            members.push(("signal", Value::from(signal.name())));
            members.push(("verdict", Value::from("stopped")));
        }
        let members: Vec<String> = members
            .iter()
            .map(|(key, value)| format!("  \"{key}\": {}", indented(value, "  ", false)))
            .collect();
        text.push_str(&members.join(",\n"));
        text.push_str("\n}\n");
        text
    }
}

/// One case of `grpcb run --format json`: its name, file and outcome, then its full report.
fn case_json(result: &CaseResult) -> Option<Value> {
    #[derive(Serialize)]
    struct CaseJson<'a> {
        name: &'a str,
        file: &'a str,
        outcome: Outcome,
        #[serde(flatten)]
        report: &'a Report,
    }
    let ran = result.ran.as_ref().ok()?;
    serde_json::to_value(CaseJson {
        name: &result.name,
        file: &result.file,
        outcome: ran.report.verdict,
        report: &ran.report,
    })
    .ok()
}

/// Pretty JSON with every line but the first (or every line, with `first`) indented, as it
/// stands inside a larger pretty document. A newline in pretty JSON is always structure:
/// strings escape theirs.
fn indented(value: &Value, indent: &str, first: bool) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        if index > 0 || first {
            out.push_str(indent);
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn result(name: &str, ran: Result<Ran, NotRun>) -> CaseResult {
        CaseResult {
            name: name.into(),
            file: "s.toml".into(),
            alias: "before-create",
            ran,
        }
    }

    fn ran(report: Value) -> Ran {
        let callback = grpcb_contract::catalog::find("before-create").expect("in the catalog");
        let request = crate::transport::prepare(
            &crate::config::RequestOptions {
                url: Some("http://127.0.0.1:1/im".into()),
                ..Default::default()
            }
            .validate()
            .expect("valid"),
            callback,
            report.clone(),
        );
        let verdict = grpcb_contract::verdict::judge(
            callback,
            &request.body,
            &Err(grpcb_contract::exchange::TransportFailure {
                kind: grpcb_contract::exchange::FailureKind::Refused,
                detail: "test".into(),
                elapsed: Duration::from_millis(1),
            }),
            &Default::default(),
        );
        Ran {
            report: Report::new(callback, &request, None, verdict),
            elapsed: Duration::from_millis(1),
        }
    }

    /// The streamed document is the one the whole value pretty-prints to.
    #[test]
    fn streamed_json_is_the_pretty_document_byte_for_byte() {
        let results = [
            result(
                "a \"quoted\"\nname",
                Ok(ran(json!({ "Name": "x\ny", "List": [], "Empty": {} }))),
            ),
            result("skipped", Err(NotRun::FailFast)),
            result("b", Ok(ran(json!({ "Nested": [{ "A": [1, 2] }] })))),
        ];
        for count in 0..=results.len() {
            let mut totals = RunTotals::default();
            let mut stream = RunJson::default();
            let mut text = String::new();
            for result in &results[..count] {
                totals.count(result);
                text.push_str(&stream.case(result));
            }
            text.push_str(&stream.end(&totals, None));
            let cases: Vec<Value> = results[..count].iter().filter_map(case_json).collect();
            let whole = json!({ "cases": cases, "totals": totals });
            let expected = format!(
                "{}\n",
                serde_json::to_string_pretty(&whole).unwrap_or_default()
            );
            assert_eq!(text, expected, "{count} cases");
        }
    }

    #[test]
    fn a_stopped_run_says_so_after_the_totals() {
        let mut totals = RunTotals::default();
        totals.count(&result("x", Err(NotRun::Signal(Signal::Interrupt))));
        let text = RunJson::default().end(&totals, Some(Signal::Interrupt));
        let value: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(value["stopped"], "signal");
        assert_eq!(value["signal"], "SIGINT");
        assert_eq!(value["verdict"], "stopped");
        assert_eq!(value["totals"]["skipped"], 1);
        assert_eq!(value["cases"], json!([]));
    }
}
