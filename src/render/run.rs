//! `grpcb run --format json`: the cases and totals of a run as one pretty JSON document,
//! written as the cases end.

use crate::app::stop::Signal;
use crate::engine::report::{CaseResult, Report, RunTotals};
use grpcb_contract::verdict::Outcome;
use serde::Serialize;
use serde_json::Value;

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
    use crate::engine::report::{NotRun, Ran};
    use serde_json::json;
    use std::time::Duration;

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
