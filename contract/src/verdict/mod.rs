//! From an answer (or its absence) to findings and a decision: what IM would do with it and
//! whether it keeps the contract (`docs/protocol.md` §2.4-§2.7 and each callback's
//! section of §3).

mod answers;
mod decision;
mod finding;
mod possible;

pub use answers::refused_in;
pub use decision::{
    CUSTOM_CODES, Decision, Expectations, Expected, answer_codes, meaningful_codes,
    possible_decisions, refusal_unreachable, unreachable,
};
pub use finding::{Category, Code, Finding, Severity};
pub use possible::{CodeLeads, ExpectKey, Impossible, check_expectations, code_leads};

use crate::catalog::{self, AnswerSemantics as Semantics, Callback, Decides, Refusal, Refuse};
use crate::duration::human as human_duration;
use crate::exchange::{BUDGET, Exchange, FailureKind, Response, TransportFailure};
use crate::json::{self, pointer_escape, type_name as json_type};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::time::Duration;

/// pass, fail (contract broken) or error (no answer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The answer keeps the contract and the expectations.
    Pass,
    /// The answer breaks the contract or an expectation.
    Fail,
    /// No answer came.
    Error,
}

/// The whole judgement of one exchange.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Pass, fail or error.
    pub outcome: Outcome,
    /// What IM would do.
    pub decision: Decision,
    /// The decision in words: "IM would reject the creation; the caller gets 10016".
    pub meaning: String,
    /// Every observation, in the order made.
    pub findings: Vec<Finding>,
    /// The answer body, parsed, when it was JSON.
    pub body: Option<Value>,
    /// The first bytes of the answer as text, when it was not JSON.
    pub raw: Option<String>,
}

/// How much of a non-JSON answer the report quotes.
const RAW_PREVIEW: usize = 1024;
/// Fields every answer carries (`docs/protocol.md` §2.4).
const COMMON_FIELDS: [&str; 3] = ["ActionStatus", "ErrorCode", "ErrorInfo"];
/// Message element types of the message-format page (`docs/protocol.md` §2.10).
pub const MESSAGE_TYPES: [&str; 9] = [
    "TIMTextElem",
    "TIMLocationElem",
    "TIMFaceElem",
    "TIMCustomElem",
    "TIMSoundElem",
    "TIMImageElem",
    "TIMFileElem",
    "TIMVideoFileElem",
    "TIMRelayElem",
];

/// Judges one exchange.
pub fn judge(
    callback: &Callback,
    request_body: &Value,
    exchange: &Exchange,
    expect: &Expectations,
) -> Verdict {
    let mut judge = Judge {
        callback,
        request_body,
        findings: Vec::new(),
    };
    let answer = match exchange {
        Err(failure) => return judge.no_answer(failure),
        Ok(answer) => answer,
    };
    let (body, raw) = judge.read_body(answer);
    let (decision, meaning) = match body.as_ref().and_then(Value::as_object) {
        Some(object) if answer.status == 200 => judge.decide(object, answer.latency),
        _ => judge.fallback(),
    };
    judge.check_expectations(expect, body.as_ref(), decision, answer.latency);
    let outcome = judge.outcome(expect.strict);
    Verdict {
        outcome,
        decision,
        meaning,
        findings: judge.findings,
        body,
        raw,
    }
}

struct Judge<'a> {
    callback: &'a Callback,
    request_body: &'a Value,
    findings: Vec<Finding>,
}

impl Judge<'_> {
    fn error(&mut self, code: Code, path: Option<&str>, message: String) {
        self.push(Severity::Error, code, path, message);
    }

    fn warn(&mut self, code: Code, path: Option<&str>, message: String) {
        self.push(Severity::Warning, code, path, message);
    }

    fn push(&mut self, severity: Severity, code: Code, path: Option<&str>, message: String) {
        self.findings
            .push(Finding::new(severity, code, path, message));
    }

    fn outcome(&self, strict: bool) -> Outcome {
        let broken = self.findings.iter().any(|finding| {
            finding.severity == Severity::Error || (strict && finding.severity == Severity::Warning)
        });
        if broken { Outcome::Fail } else { Outcome::Pass }
    }

    fn no_answer(mut self, failure: &TransportFailure) -> Verdict {
        let code = match failure.kind {
            FailureKind::Refused => Code::TransportRefused,
            FailureKind::Dns => Code::TransportDns,
            FailureKind::Tls => Code::TransportTls,
            FailureKind::Timeout => Code::TransportTimeout,
            FailureKind::Closed => Code::TransportClosed,
            FailureKind::Protocol => Code::TransportProtocol,
            FailureKind::Other => Code::TransportOther,
        };
        let what = match failure.kind {
            FailureKind::Refused => "the connection was refused".to_string(),
            FailureKind::Dns => "the host name did not resolve".to_string(),
            FailureKind::Tls => "the TLS handshake failed".to_string(),
            FailureKind::Timeout => format!("no answer within {}", human_duration(failure.elapsed)),
            FailureKind::Closed => {
                "the receiver closed the connection without a complete answer".to_string()
            }
            FailureKind::Protocol => {
                "the receiver answered with something that is not HTTP".to_string()
            }
            FailureKind::Other => "the request failed".to_string(),
        };
        self.error(code, None, format!("{what} ({})", failure.detail));
        let (decision, meaning) = self.fallback();
        Verdict {
            outcome: Outcome::Error,
            decision,
            meaning,
            findings: self.findings,
            body: None,
            raw: None,
        }
    }

    /// Checks status and body shape; returns the parsed body (if JSON) and a text preview
    /// (if not).
    fn read_body(&mut self, answer: &Response) -> (Option<Value>, Option<String>) {
        if answer.status != 200 {
            let status = format!("HTTP {} {}", answer.status, answer.reason.unwrap_or(""));
            if matches!(answer.status, 301 | 302 | 303 | 307 | 308) {
                let location = answer.header("location").unwrap_or("nowhere");
                self.error(
                    Code::HttpRedirect,
                    None,
                    format!("{} redirect to {location}: IM does not follow it and counts the callback as failed", status.trim_end()),
                );
            } else {
                self.error(
                    Code::HttpStatus,
                    None,
                    format!(
                        "{}: IM counts any status but 200 as a failed callback",
                        status.trim_end()
                    ),
                );
            }
        }
        let preview = || {
            let cut = answer.body.len().min(RAW_PREVIEW);
            Some(String::from_utf8_lossy(&answer.body[..cut]).into_owned())
        };
        if answer.too_large {
            self.error(
                Code::BodyTooLarge,
                None,
                "the answer is larger than 1 MiB; grpcb stopped reading at the cap".into(),
            );
            return (None, preview());
        }
        if answer.body.iter().all(u8::is_ascii_whitespace) {
            if answer.status == 200 {
                self.error(
                    Code::BodyEmpty,
                    None,
                    "the answer has no body; IM needs a JSON object".into(),
                );
            }
            return (None, None);
        }
        match json::parse(&answer.body) {
            Ok(json::Parsed { value, duplicates }) => {
                if answer.status == 200 {
                    self.duplicate_keys(&duplicates);
                }
                if answer.status == 200 && !value.is_object() {
                    self.error(
                        Code::BodyNotObject,
                        Some(""),
                        format!("the answer is {}, not a JSON object", json_type(&value)),
                    );
                }
                (Some(value), None)
            }
            Err(err) => {
                if answer.status == 200 {
                    let content_type = answer.header("content-type").unwrap_or("no content type");
                    self.error(
                        Code::BodyNotJson,
                        None,
                        format!("the answer is not JSON ({content_type}): {err}"),
                    );
                }
                (None, preview())
            }
        }
    }

    /// A key given twice: parsers disagree on which value wins, so for a field IM reads the
    /// outcome is undefined.
    fn duplicate_keys(&mut self, pointers: &[String]) {
        for pointer in pointers {
            let key = pointer.trim_start_matches('/');
            let read_by_im = COMMON_FIELDS.contains(&key) || !answer_field_owners(key).is_empty();
            let message = format!(
                "the key at {pointer} appears more than once; JSON parsers disagree on which value wins"
            );
            if read_by_im {
                self.error(Code::DuplicateKey, Some(pointer), message);
            } else {
                self.warn(Code::DuplicateKey, Some(pointer), message);
            }
        }
    }

    /// Schema and semantic checks of a JSON object answered with 200, and the decision.
    fn decide(&mut self, answer: &Map<String, Value>, latency: Duration) -> (Decision, String) {
        let status = self.check_action_status(answer);
        let code = self.check_error_code(answer);
        self.check_error_info(answer);
        self.check_extra_fields(answer);
        let over_budget = latency > BUDGET;
        if over_budget {
            self.error(
                Code::OverBudget,
                None,
                format!(
                    "answered in {}; IM gives up after 2 s and applies its failure policy",
                    human_duration(latency)
                ),
            );
        }
        let decides = match &self.callback.answer {
            Semantics::Ignored => {
                self.check_after_answer(status, code);
                return self.fallback();
            }
            Semantics::Decides(decides) => decides,
        };
        let Some(code) = code else {
            return self.fallback();
        };
        if over_budget {
            return self.fallback();
        }
        let decision = match (&decides.refusal, decides.reply) {
            (
                Some(Refusal {
                    how: Refuse::PerUser { .. },
                    ..
                }),
                _,
            ) => self.per_user(answer, decides, code),
            (_, Some(field)) => self.reply(answer, decides, code, field),
            _ => self.coded(answer, decides, code),
        };
        if status == Some("FAIL") && code == 0 {
            self.warn(
                Code::FailStatus,
                Some("/ActionStatus"),
                format!(
                    "ActionStatus FAIL with ErrorCode 0: IM acts on ErrorCode, so it would still {}",
                    decides.action
                ),
            );
        }
        decision
    }

    fn check_action_status<'b>(&mut self, answer: &'b Map<String, Value>) -> Option<&'b str> {
        match json::member(answer, "ActionStatus") {
            None => {
                self.error(
                    Code::MissingField,
                    Some("/ActionStatus"),
                    "the answer has no ActionStatus".into(),
                );
                None
            }
            Some(Value::String(status)) if status == "OK" || status == "FAIL" => Some(status),
            Some(Value::String(status)) => {
                let hint =
                    if status.eq_ignore_ascii_case("ok") || status.eq_ignore_ascii_case("fail") {
                        " (case matters)"
                    } else {
                        ""
                    };
                self.error(
                    Code::BadActionStatus,
                    Some("/ActionStatus"),
                    format!("ActionStatus is \"{status}\", not \"OK\" or \"FAIL\"{hint}"),
                );
                None
            }
            Some(other) => {
                self.error(
                    Code::WrongType,
                    Some("/ActionStatus"),
                    format!("ActionStatus is {}, not a string", json_type(other)),
                );
                None
            }
        }
    }

    fn check_error_code(&mut self, answer: &Map<String, Value>) -> Option<i64> {
        match json::member(answer, "ErrorCode") {
            None => {
                self.error(
                    Code::MissingField,
                    Some("/ErrorCode"),
                    "the answer has no ErrorCode; IM cannot tell what the receiver decided".into(),
                );
                None
            }
            Some(Value::Number(number)) if number.as_i64().is_some() => number.as_i64(),
            Some(other) => {
                self.error(
                    Code::WrongType,
                    Some("/ErrorCode"),
                    format!(
                        "ErrorCode is {} ({}), not an integer",
                        json_type(other),
                        short(other)
                    ),
                );
                None
            }
        }
    }

    fn check_error_info(&mut self, answer: &Map<String, Value>) {
        match json::member(answer, "ErrorInfo") {
            None => self.error(
                Code::MissingField,
                Some("/ErrorInfo"),
                "the answer has no ErrorInfo (send \"\" when there is nothing to say)".into(),
            ),
            Some(Value::String(_)) => {}
            Some(other) => self.error(
                Code::WrongType,
                Some("/ErrorInfo"),
                format!("ErrorInfo is {}, not a string", json_type(other)),
            ),
        }
    }

    /// Fields beyond the common three: this callback's own, another callback's (IM ignores
    /// them), or unknown.
    fn check_extra_fields(&mut self, answer: &Map<String, Value>) {
        let own = self.callback.answer.extra_fields();
        for (key, value) in answer {
            if COMMON_FIELDS.contains(&key.as_str()) || own.iter().any(|spec| spec.name == key) {
                continue;
            }
            let owners = answer_field_owners(key);
            if !owners.is_empty() && value.is_null() {
                continue;
            }
            let path = format!("/{}", pointer_escape(key));
            if self.misnamed_refusal(key) {
                continue;
            }
            if owners.is_empty() {
                self.warn(
                    Code::UnknownField,
                    Some(&path),
                    format!(
                        "the answer has a field `{key}` the contract does not define; IM ignores it"
                    ),
                );
            } else {
                self.warn(
                    Code::IgnoredField,
                    Some(&path),
                    format!(
                        "only {} may return {key}; IM ignores it in {}",
                        owners.join(", "),
                        self.callback.alias
                    ),
                );
            }
        }
    }

    fn check_after_answer(&mut self, status: Option<&str>, code: Option<i64>) {
        if let Some(code) = code.filter(|&code| code != 0) {
            // send-exception requests carry their own ErrorCode (`docs/protocol.md` §3.1.14); echoing it is a
            // common receiver bug.
            let echo = if self.request_body.get("ErrorCode").and_then(Value::as_i64) == Some(code) {
                "; it equals the request's ErrorCode, which describes the failed delivery, not your answer"
            } else {
                ""
            };
            self.warn(
                Code::AfterErrorCode,
                Some("/ErrorCode"),
                format!(
                    "ErrorCode {code} on {}, an after-callback: IM ignores it (the docs say answer 0){echo}",
                    self.callback.alias
                ),
            );
        }
        if status == Some("FAIL") {
            self.warn(
                Code::AfterFailStatus,
                Some("/ActionStatus"),
                format!(
                    "ActionStatus FAIL on {}, an after-callback: IM ignores it",
                    self.callback.alias
                ),
            );
        }
    }

    fn check_expectations(
        &mut self,
        expect: &Expectations,
        body: Option<&Value>,
        decision: Decision,
        latency: Duration,
    ) {
        if let Some(expected) = expect
            .decision
            .filter(|expected| !expected.accepts(decision))
        {
            self.error(
                Code::ExpectDecision,
                None,
                format!("expected {}, got {decision}", expected.as_str()),
            );
        }
        let answer_code = body
            .and_then(Value::as_object)
            .and_then(|body| json::member(body, "ErrorCode"));
        if let Some(code) = expect
            .code
            .filter(|&code| answer_code.and_then(Value::as_i64) != Some(code))
        {
            let got = answer_code.map_or("none".to_string(), short);
            self.error(
                Code::ExpectCode,
                Some("/ErrorCode"),
                format!("expected ErrorCode {code}, got {got}"),
            );
        }
        if let Some(expected) = &expect.refused {
            let got = refused_by_im(self.callback, self.request_body, decision, body);
            if &got != expected {
                let refusal = match &self.callback.answer {
                    Semantics::Decides(decides) => decides.refusal.as_ref(),
                    Semantics::Ignored => None,
                };
                let noun = refusal.map_or("requested user", |refusal| refusal.noun);
                let why = match (decision, &self.callback.answer) {
                    (Decision::Deny | Decision::DenyCustom, Semantics::Decides(decides)) => {
                        format!(
                            ": IM rejects {} as a whole, so every {noun} is refused",
                            decides.operation
                        )
                    }
                    (Decision::Fallback, _) => {
                        ": IM cannot use the answer; its failure policy lets the action go ahead by default, so nobody is refused".to_string()
                    }
                    _ => String::new(),
                };
                self.error(
                    Code::ExpectRefused,
                    refusal
                        .map(|refusal| format!("/{}", refusal.how.field()))
                        .as_deref(),
                    format!(
                        "expected refused [{}], got [{}]{why}",
                        join(expected),
                        join(&got)
                    ),
                );
            }
        }
        if let Some(limit) = expect.max_latency.filter(|limit| latency > *limit) {
            self.error(
                Code::ExpectLatency,
                None,
                format!(
                    "answered in {}, over the expected {}",
                    human_duration(latency),
                    human_duration(limit)
                ),
            );
        }
    }

    /// What IM does when it cannot use the answer, or with any after-callback answer.
    fn fallback(&self) -> (Decision, String) {
        match &self.callback.answer {
            Semantics::Ignored => (
                Decision::Ignored,
                format!(
                    "IM ignores the answer: {} is a notification",
                    self.callback.alias
                ),
            ),
            Semantics::Decides(decides) if decides.reply.is_some() => (
                Decision::Fallback,
                format!(
                    "IM cannot use this answer, so {} gets no content back (what it gets instead is not documented)",
                    decides.caller
                ),
            ),
            Semantics::Decides(decides) => (
                Decision::Fallback,
                format!(
                    "IM cannot use this answer and applies the app's failure policy (by default it lets {} go ahead)",
                    decides.operation
                ),
            ),
        }
    }
}

/// The users a request lists for a callback whose answer may refuse some of them
/// (`DestinationMembers`, `SubscribeAccountList`, `FriendItem`, ...), in request order.
pub fn requested<'b>(callback: &Callback, request_body: &'b Value) -> Vec<&'b str> {
    let Semantics::Decides(Decides {
        refusal: Some(refusal),
        ..
    }) = &callback.answer
    else {
        return Vec::new();
    };
    request_body[refusal.request]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item[refusal.user].as_str())
        .collect()
}

/// The requested users IM would keep out given the whole answer, not just its refusal
/// list: a deny refuses every one; an allow none; a partial allow the refused users who
/// were requested; an answer IM cannot use none either, since its failure policy lets the
/// action go ahead by default (that answer already breaks the contract).
pub fn refused_by_im(
    callback: &Callback,
    request_body: &Value,
    decision: Decision,
    answer: Option<&Value>,
) -> BTreeSet<String> {
    let requested: BTreeSet<&str> = requested(callback, request_body).into_iter().collect();
    match decision {
        Decision::Deny | Decision::DenyCustom | Decision::Drop => {
            requested.into_iter().map(str::to_string).collect()
        }
        Decision::AllowPartial => refused_in(callback, answer)
            .into_iter()
            .filter(|user| requested.contains(user.as_str()))
            .collect(),
        Decision::Allow | Decision::AllowModified | Decision::Fallback | Decision::Ignored => {
            BTreeSet::new()
        }
    }
}

/// The callbacks that define an answer field, by alias.
fn answer_field_owners(key: &str) -> Vec<&'static str> {
    catalog::CALLBACKS
        .iter()
        .filter(|callback| {
            callback
                .answer
                .extra_fields()
                .iter()
                .any(|spec| spec.name == key)
        })
        .map(|callback| callback.alias)
        .collect()
}

/// A field of the answer, with `null` read as absent: receivers that serialise empty
/// optional fields (Go's nil slices) send `null`, which IM reads as no value.
fn present<'a>(answer: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    json::member(answer, key).filter(|value| !value.is_null())
}

/// Why a replacement `MsgBody` is not a message body, with the JSON pointer of the problem.
pub fn message_body_problem(body: &Value) -> Option<(String, String)> {
    let Value::Array(elements) = body else {
        return Some((
            "/MsgBody".into(),
            format!(
                "the replacement MsgBody is {}, not an array",
                json_type(body)
            ),
        ));
    };
    if elements.is_empty() {
        return Some(("/MsgBody".into(), "the replacement MsgBody is empty".into()));
    }
    let customs = elements
        .iter()
        .filter(|element| element["MsgType"] == catalog::elements::AT_MOST_ONCE)
        .count();
    if customs > 1 {
        return Some((
            "/MsgBody".into(),
            format!(
                "the replacement MsgBody has {customs} {}; a message holds at most one",
                catalog::elements::AT_MOST_ONCE
            ),
        ));
    }
    for (index, element) in elements.iter().enumerate() {
        let path = format!("/MsgBody/{index}");
        match element.get("MsgType").and_then(Value::as_str) {
            Some(kind) if MESSAGE_TYPES.contains(&kind) => {}
            Some(kind) => {
                return Some((
                    format!("{path}/MsgType"),
                    format!("MsgType `{kind}` is not a message element type"),
                ));
            }
            None => return Some((path, "a replacement element has no MsgType string".into())),
        }
        if !element.get("MsgContent").is_some_and(Value::is_object) {
            return Some((
                format!("{path}/MsgContent"),
                "a replacement element has no MsgContent object".into(),
            ));
        }
    }
    None
}

/// The UserIDs of a `RefusedMembers_Account` value (non-strings left out).
pub fn refused_users(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|user| user.as_str().map(str::to_string))
        .collect()
}

fn join(set: &BTreeSet<String>) -> String {
    set.iter().cloned().collect::<Vec<_>>().join(", ")
}

/// A value in a message, cut short.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}
