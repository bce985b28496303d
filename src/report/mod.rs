//! The report of one exchange, and its two renderings: `human` for people, `json` for scripts
//! (`spec/cli.md`, "The JSON report of `send --format json`").

pub mod human;

use crate::catalog::Callback;
use crate::client::{Answer, Request};
use crate::verdict::{Decision, Finding, Outcome, Verdict};
use serde::Serialize;
use serde_json::{Map, Value};

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
    pub fn new(
        callback: &'static Callback,
        request: &Request,
        answer: Option<&Answer>,
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
                url: request.url.to_string(),
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

    /// The report as a JSON value (scrubbing and printing are the caller's).
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
