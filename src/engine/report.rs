//! The report of one exchange, in the field order of its JSON (`docs/cli.md`, "The JSON report
//! of `send --format json`"), and the results of a suite run's cases and their totals.

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
    /// `Sign` made from it (a URL the user gave that holds the token is withheld), and what a
    /// receiver answered is reported as it came.
    pub fn new(
        callback: &'static Callback,
        request: &Request,
        answer: Option<&Response>,
        verdict: Verdict,
    ) -> Self {
        let sent = RequestReport {
            url: crate::transport::shown_url(callback, request).to_string(),
            query: pairs(&crate::transport::shown_query(callback, request)),
            headers: pairs(&crate::transport::shown_headers(&request.headers)),
            body: request.body.clone(),
        };
        Report::with(callback, sent, answer, verdict)
    }

    /// The same, taking the request's URL and body instead of copying them.
    pub fn from_request(
        callback: &'static Callback,
        request: Request,
        answer: Option<&Response>,
        verdict: Verdict,
    ) -> Self {
        let withheld = crate::transport::url_holds_token(callback, &request);
        let query = crate::transport::shown_query(callback, &request);
        let Request {
            url, headers, body, ..
        } = request;
        let sent = RequestReport {
            url: match withheld {
                true => crate::error::secret::WITHHELD.into(),
                false => url,
            },
            query: pairs(&query),
            headers: pairs(&crate::transport::shown_headers(&headers)),
            body,
        };
        Report::with(callback, sent, answer, verdict)
    }

    fn with(
        callback: &'static Callback,
        request: RequestReport,
        answer: Option<&Response>,
        verdict: Verdict,
    ) -> Self {
        let Verdict {
            outcome,
            decision,
            meaning,
            findings,
            body,
            raw,
        } = verdict;
        let response = answer.map(|answer| ResponseReport {
            status: answer.status,
            latency_ms: (answer.latency.as_secs_f64() * 1_000_000.0).round() / 1000.0,
            headers: pairs(&answer.headers),
            body,
            raw,
        });
        Report {
            callback: callback.command,
            alias: callback.alias,
            kind: callback.kind().as_str(),
            request,
            response,
            decision,
            meaning,
            verdict: outcome,
            findings,
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
