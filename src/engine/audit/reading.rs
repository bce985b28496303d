//! How audit reads one answer: accepted, refused, invalid or missing; whether it keeps the
//! contract; what IM decided; and the answer in brief for the report.

use crate::engine::report::Report;
use grpcb_contract::catalog::{self, Callback};
use grpcb_contract::verdict::{self, Category, Decision, Outcome, Severity};
use std::collections::BTreeSet;

/// How an answer reads as a response to a request.
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    /// No HTTP answer.
    NoAnswer(String),
    /// 4xx, or a valid JSON answer with FAIL or a non-zero ErrorCode.
    Rejected,
    /// A valid answer that goes ahead: OK and ErrorCode 0.
    Accepted,
    /// Anything else: 5xx, not JSON, missing fields.
    Invalid(String),
}

/// Reads an answer as accepted, rejected, invalid or missing.
pub fn read(report: &Report) -> Reading {
    let Some(response) = &report.response else {
        return Reading::NoAnswer(first_error(report));
    };
    if (400..500).contains(&response.status) {
        return Reading::Rejected;
    }
    if !valid(report) {
        return Reading::Invalid(first_error(report));
    }
    // What IM would do decides for a before-callback; an after-callback's answer has no
    // decision, so there FAIL or a non-zero code is the receiver saying no.
    match report.decision {
        Decision::Deny | Decision::DenyCustom | Decision::Drop => Reading::Rejected,
        Decision::Allow | Decision::AllowPartial | Decision::AllowModified => Reading::Accepted,
        Decision::Ignored | Decision::Fallback => {
            let body = response.body.as_ref();
            let status = body.and_then(|body| body["ActionStatus"].as_str());
            let code = body.and_then(|body| body["ErrorCode"].as_i64());
            if status == Some("FAIL") || code.is_some_and(|code| code != 0) {
                Reading::Rejected
            } else {
                Reading::Accepted
            }
        }
    }
}

/// How an answer to a request the receiver must handle as usual reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Handled {
    /// Answered validly and let through.
    Fine,
    /// A before-callback refused with a valid answer: IM would deny (or drop) it.
    Denied,
    /// A notification answered FAIL or a non-zero code: IM ignores it, so `send` passes it
    /// with warnings.
    RefusedNotification,
    /// Not answered validly: what went wrong.
    Broken(String),
}

/// Judges an answer the way `send` does, then says whether it let the request through.
pub fn handled(callback: &Callback, report: &Report) -> Handled {
    let passes = report.verdict == Outcome::Pass;
    match read(report) {
        Reading::Accepted if passes => Handled::Fine,
        Reading::Rejected if passes && !callback.kind().decides() => Handled::RefusedNotification,
        Reading::Rejected if passes => Handled::Denied,
        Reading::Rejected => Handled::Broken(format!("refused: {}", first_error(report))),
        Reading::Accepted | Reading::Invalid(_) | Reading::NoAnswer(_) => {
            Handled::Broken(first_error(report))
        }
    }
}

/// A valid answer: HTTP 200 and no error in its body or schema.
pub fn valid(report: &Report) -> bool {
    report
        .response
        .as_ref()
        .is_some_and(|response| response.status == 200)
        && !report.findings.iter().any(|finding| {
            finding.severity == Severity::Error
                && matches!(
                    finding.code.category(),
                    Category::Transport | Category::Http | Category::Body | Category::Schema
                )
        })
}

/// HTTP 200 with ActionStatus OK and ErrorCode 0, and nothing broken.
pub fn ok_zero(report: &Report) -> bool {
    let body = report
        .response
        .as_ref()
        .and_then(|response| response.body.as_ref());
    valid(report)
        && report.verdict == Outcome::Pass
        && body.is_some_and(|body| body["ActionStatus"] == "OK" && body["ErrorCode"] == 0)
}

/// What IM would do: the decision and, for a partial allow, the invitees it keeps out (a
/// deny keeps out everyone, whoever was invited).
pub fn decided(report: &Report) -> (Decision, BTreeSet<String>) {
    if report.decision != Decision::AllowPartial {
        return (report.decision, BTreeSet::new());
    }
    let refused = catalog::find(report.alias)
        .map(|callback| {
            let answer = report
                .response
                .as_ref()
                .and_then(|response| response.body.as_ref());
            verdict::refused_by_im(callback, &report.request.body, report.decision, answer)
        })
        .unwrap_or_default();
    (report.decision, refused)
}

/// A decision in words: `allow-partial (refused tommy)`.
pub fn decision_text((decision, refused): &(Decision, BTreeSet<String>)) -> String {
    if refused.is_empty() {
        decision.to_string()
    } else {
        let users: Vec<&str> = refused.iter().map(String::as_str).collect();
        format!("{decision} (refused {})", users.join(", "))
    }
}

/// The first error finding's message, else the first finding's, else "no answer".
pub fn first_error(report: &Report) -> String {
    report
        .findings
        .iter()
        .find(|finding| finding.severity == Severity::Error)
        .or_else(|| report.findings.first())
        .map_or("no answer".to_string(), |finding| finding.message.clone())
}

/// The answer in a word or two, for summaries: `FAIL/1`, `OK/0`, `HTTP 500`, `no answer`.
pub fn brief(report: &Report) -> String {
    let Some(response) = &report.response else {
        return "no answer".to_string();
    };
    let body = response.body.as_ref();
    let status = body.and_then(|body| body["ActionStatus"].as_str());
    let code = body.and_then(|body| body["ErrorCode"].as_i64());
    match (response.status, status, code) {
        (200, Some(status), Some(code)) => format!("{status}/{code}"),
        (200, _, _) => "an invalid answer".to_string(),
        (other, _, _) => format!("HTTP {other}"),
    }
}

/// `HTTP 200 {"ActionStatus":"OK",...} (allow)` or the transport failure.
pub fn describe(report: &Report) -> String {
    let Some(response) = &report.response else {
        return format!("no answer: {}", first_error(report));
    };
    let body = match (&response.body, &response.raw) {
        (Some(body), _) => body.to_string(),
        (None, Some(raw)) => raw.clone(),
        (None, None) => "(empty)".to_string(),
    };
    let body: String = if body.chars().count() > 120 {
        format!("{}…", body.chars().take(120).collect::<String>())
    } else {
        body
    };
    format!("HTTP {} {body} ({})", response.status, report.decision)
}
