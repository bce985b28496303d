//! What the judge can find in an answer: stable finding codes (scripts match on them; never
//! rename one), their categories, severities and fixes.

use serde::Serialize;
use strum::{IntoStaticStr, VariantArray};

/// Whether a finding breaks the contract or only deserves a look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Severity {
    /// Breaks the contract: the check fails.
    Error,
    /// Worth fixing; fails only under `strict`.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What kind of thing a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Category {
    /// No HTTP answer.
    Transport,
    /// The HTTP status.
    Http,
    /// The answer's bytes: empty, not JSON, too large.
    Body,
    /// The answer's fields and their types.
    Schema,
    /// What the answer means to IM.
    Semantic,
    /// What the test expected.
    Expectation,
}

/// The stable finding codes, kebab case: `transport-refused`, `unknown-error-code`, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr, VariantArray)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
#[allow(missing_docs)] // Each code's meaning is its fix and the findings that carry it.
pub enum Code {
    TransportRefused,
    TransportDns,
    TransportTls,
    TransportTimeout,
    TransportClosed,
    TransportProtocol,
    TransportOther,
    HttpStatus,
    HttpRedirect,
    BodyEmpty,
    BodyNotJson,
    BodyNotObject,
    BodyTooLarge,
    MissingField,
    WrongType,
    BadActionStatus,
    UnknownField,
    DuplicateKey,
    UnknownErrorCode,
    FailStatus,
    EmptyErrorInfo,
    RefusedNotString,
    RefusedNotInvited,
    RefusedWithCode,
    RefusedEveryone,
    ReplacementInvalid,
    ReplacementIgnored,
    IgnoredField,
    AfterErrorCode,
    AfterFailStatus,
    OverBudget,
    ExpectDecision,
    ExpectCode,
    ExpectRefused,
    ExpectLatency,
    RefusalMisnamed,
    FailureLetsThrough,
    ResultNotRequested,
    ResultDuplicate,
    ResultCodeRange,
    ResultMissing,
}

impl Code {
    /// The code as reports print it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// What the finding is about.
    pub fn category(self) -> Category {
        use Code::*;
        match self {
            TransportRefused | TransportDns | TransportTls | TransportTimeout | TransportClosed
            | TransportProtocol | TransportOther => Category::Transport,
            HttpStatus | HttpRedirect => Category::Http,
            BodyEmpty | BodyNotJson | BodyNotObject | BodyTooLarge => Category::Body,
            MissingField | WrongType | BadActionStatus | UnknownField | DuplicateKey => {
                Category::Schema
            }
            ExpectDecision | ExpectCode | ExpectRefused | ExpectLatency => Category::Expectation,
            UnknownErrorCode | FailStatus | EmptyErrorInfo | RefusedNotString
            | RefusedNotInvited | RefusedWithCode | RefusedEveryone | ReplacementInvalid
            | ReplacementIgnored | IgnoredField | AfterErrorCode | AfterFailStatus | OverBudget
            | RefusalMisnamed | FailureLetsThrough | ResultNotRequested | ResultDuplicate
            | ResultCodeRange | ResultMissing => Category::Semantic,
        }
    }

    /// How to fix the receiver (or the test) when this finding appears.
    pub fn fix(self) -> &'static str {
        match self {
            Code::TransportRefused => "start the receiver, or check the host and port in --url",
            Code::TransportDns => "check the host name in --url",
            Code::TransportTls => {
                "check the receiver's certificate (IM only calls HTTPS receivers with a valid one)"
            }
            Code::TransportTimeout => {
                "answer within 2 s: reply first, do slow work asynchronously (IM gives up at 2 s)"
            }
            Code::TransportClosed => {
                "answer every POST with an HTTP response before closing; say `Connection: close` in the last answer on a connection"
            }
            Code::TransportProtocol => {
                "answer with HTTP/1.1: the receiver sent bytes that are not HTTP"
            }
            Code::TransportOther => "check that the receiver is reachable at --url",
            Code::HttpStatus => {
                "answer HTTP 200 for every callback; say no in ErrorCode, not the status"
            }
            Code::HttpRedirect => {
                "point the callback URL at the final address: IM does not follow redirects"
            }
            Code::BodyEmpty | Code::BodyNotJson | Code::BodyNotObject => {
                r#"answer a JSON object: {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#
            }
            Code::BodyTooLarge => {
                "answer only ActionStatus, ErrorCode, ErrorInfo (and the callback's own fields)"
            }
            Code::MissingField => {
                "always send ActionStatus, ErrorCode and ErrorInfo, and what the callback's answer requires (ResultItem on the Sns before-callbacks, RspData on chatbot-c2c-signal)"
            }
            Code::WrongType => "ActionStatus and ErrorInfo are strings, ErrorCode an integer",
            Code::BadActionStatus => r#"ActionStatus is exactly "OK" or "FAIL" (upper case)"#,
            Code::DuplicateKey => "write each key once",
            Code::UnknownField => {
                "drop the field, or ignore this warning: IM ignores fields it does not know"
            }
            Code::UnknownErrorCode => {
                "answer a code the callback documents: 0 allows, 1 denies; custom denial ranges differ per family (10100-10200 group, 120001-130000 C2C and official accounts); the catalog lists each callback's"
            }
            Code::FailStatus => {
                "to refuse, answer ErrorCode 1 (or 10100-10200); to allow, answer OK"
            }
            Code::EmptyErrorInfo => {
                "say in ErrorInfo why: IM passes it to the caller with your code"
            }
            Code::RefusedNotString => r#"list plain UserIDs: "RefusedMembers_Account": ["user1"]"#,
            Code::RefusedNotInvited => {
                "refuse only users the request lists (DestinationMembers, SubscribeAccountList)"
            }
            Code::RefusedWithCode => {
                "send RefusedMembers_Account with ErrorCode 0 to refuse some; a non-zero code refuses all"
            }
            Code::RefusedEveryone => "to refuse the whole request, answer ErrorCode 1 instead",
            Code::ReplacementInvalid => {
                r#"send MsgBody as a non-empty array of {"MsgType":"TIMTextElem","MsgContent":{...}} elements"#
            }
            Code::ReplacementIgnored => {
                "send a replacement MsgBody/CloudCustomData only with ErrorCode 0"
            }
            Code::IgnoredField => "drop the field: only the callback that defines it may return it",
            Code::AfterErrorCode | Code::AfterFailStatus => {
                r#"answer after-callbacks with {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#
            }
            Code::OverBudget => "answer within 2 s: reply first, do slow work asynchronously",
            Code::RefusalMisnamed => {
                "name the refusal list as the callback reads it: RefusedSubscribers_Account for oa-before-add-subscriber, RefusedMembers_Account for before-invite"
            }
            Code::FailureLetsThrough => {
                "answer ErrorCode 0 with one ResultItem per target; refuse a target with a ResultCode in 38000-39000 (a non-zero ErrorCode lets the whole request through)"
            }
            Code::ResultNotRequested => "give results only for the users the request lists",
            Code::ResultDuplicate => "give each requested user exactly one result",
            Code::ResultCodeRange => "refuse a target with a ResultCode in 38000-39000",
            Code::ResultMissing => {
                "give every requested user a result (ResultCode 0 to let it through)"
            }
            Code::ExpectDecision | Code::ExpectCode | Code::ExpectRefused | Code::ExpectLatency => {
                "the receiver answered validly but not as the test expects: check its rules or the expectation"
            }
        }
    }
}

/// One observation about an answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// A JSON pointer into the answer body, where one applies.
    pub path: Option<String>,
    /// What was found, in words.
    pub message: String,
    /// How to fix it ([`Code::fix`]).
    pub fix: &'static str,
}

impl Finding {
    /// An error finding with this code's fix.
    pub fn error(code: Code, path: Option<&str>, message: String) -> Finding {
        Finding::new(Severity::Error, code, path, message)
    }

    /// A finding with this code's fix.
    pub fn new(severity: Severity, code: Code, path: Option<&str>, message: String) -> Finding {
        Finding {
            severity,
            code,
            path: path.map(str::to_string),
            message,
            fix: code.fix(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_and_strum_spell_every_code_alike() {
        for code in Code::VARIANTS {
            let serde = serde_json::to_value(code).expect("a string");
            assert_eq!(serde, code.as_str());
            let prefix = code.as_str().split('-').next().unwrap_or_default();
            let category: &str = code.category().into();
            if ["transport", "http", "body"].contains(&prefix) {
                assert_eq!(category, prefix);
            }
            if prefix == "expect" {
                assert_eq!(code.category(), Category::Expectation);
            }
        }
    }
}
