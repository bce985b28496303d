//! What a usable answer to a before (or reply) callback makes IM do, per kind of answer
//! (`docs/protocol.md` §2.6, §2.7 "Per command"): a code (allow, deny, drop, custom deny)
//! with a refusal list or a replacement; one result per user (Sns); a reply (Chatbot).

use super::decision::meaningful_codes;
use super::{Code, Decision, Judge, json_type, present, short};
use crate::catalog::{self, AnswerSemantics as Semantics, Callback, Decides, Refusal, Refuse};
use crate::json::{self, pointer_escape};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

impl Judge<'_> {
    /// An answer decided by its `ErrorCode` alone, with the refusal list and replacement
    /// the callback allows.
    pub(super) fn coded(
        &mut self,
        answer: &Map<String, Value>,
        decides: &Decides,
        code: i64,
    ) -> (Decision, String) {
        let info = json::member(answer, "ErrorInfo")
            .and_then(Value::as_str)
            .unwrap_or("");
        let (decision, meaning) = match code {
            0 => (Decision::Allow, allow_meaning(decides)),
            1 => (Decision::Deny, deny_meaning(decides)),
            2 if decides.can_drop => (
                Decision::Drop,
                "IM would silently drop the message; the sender is told it was sent".into(),
            ),
            code if decides
                .custom
                .as_ref()
                .is_some_and(|range| range.contains(&code)) =>
            {
                if info.is_empty() {
                    self.warn(
                        Code::EmptyErrorInfo,
                        Some("/ErrorInfo"),
                        format!(
                            "ErrorCode {code} reaches {} with an empty ErrorInfo",
                            decides.caller
                        ),
                    );
                }
                (
                    Decision::DenyCustom,
                    format!(
                        "IM would reject {}; {} gets {code} \"{info}\"",
                        decides.operation, decides.caller
                    ),
                )
            }
            other => return self.unknown_code(decides, other),
        };
        let decision = self.list_refusal(answer, decides, code, decision);
        let decision = self.replacement(answer, decides, code, decision);
        let meaning = match decision {
            Decision::AllowPartial => {
                let refused = refused_in(self.callback, Some(&Value::Object(answer.clone())));
                let requested = super::requested(self.callback, self.request_body);
                let kept_out: Vec<&str> = requested
                    .iter()
                    .copied()
                    .filter(|user| refused.iter().any(|refused| refused == user))
                    .collect();
                format!("IM would {} except {}", decides.action, kept_out.join(", "))
            }
            Decision::AllowModified => {
                "IM would deliver the message as the receiver rewrote it".to_string()
            }
            _ => meaning,
        };
        (decision, meaning)
    }

    /// An `ErrorCode` the callback does not document: IM's behaviour is unknown, so the
    /// answer breaks the contract and IM falls back.
    fn unknown_code(&mut self, decides: &Decides, code: i64) -> (Decision, String) {
        let elsewhere = catalog::CALLBACKS
            .iter()
            .filter_map(|other| match &other.answer {
                Semantics::Decides(Decides {
                    custom: Some(range),
                    ..
                }) if range.contains(&code) => Some(format!(
                    "; {}-{} is the custom range of {} callbacks",
                    range.start(),
                    range.end(),
                    other.family.as_str()
                )),
                _ => None,
            })
            .next()
            .unwrap_or_default();
        self.error(
            Code::UnknownErrorCode,
            Some("/ErrorCode"),
            format!(
                "ErrorCode {code} means nothing to {}: it takes {}{elsewhere}",
                self.callback.alias,
                meaningful_codes(decides)
            ),
        );
        self.fallback()
    }

    /// A refusal list (`RefusedMembers_Account`, `RefusedSubscribers_Account`): strings,
    /// from the request's list, meaningful only with ErrorCode 0 (§3.1.4, §3.7.5).
    fn list_refusal(
        &mut self,
        answer: &Map<String, Value>,
        decides: &Decides,
        code: i64,
        decision: Decision,
    ) -> Decision {
        let Some(Refusal {
            request,
            how: Refuse::List(field),
            noun,
            ..
        }) = &decides.refusal
        else {
            return decision;
        };
        let Some(refused) = present(answer, field) else {
            return decision;
        };
        let path = format!("/{field}");
        let Value::Array(refused) = refused else {
            self.error(
                Code::WrongType,
                Some(&path),
                format!("{field} is {}, not an array of UserIDs", json_type(refused)),
            );
            return decision;
        };
        let requested: BTreeSet<&str> = super::requested(self.callback, self.request_body)
            .into_iter()
            .collect();
        let mut valid = BTreeSet::new();
        for (index, user) in refused.iter().enumerate() {
            let element = format!("{path}/{index}");
            match user.as_str() {
                None => self.error(
                    Code::RefusedNotString,
                    Some(&element),
                    format!(
                        "refused user {} is {}, not a UserID string",
                        short(user),
                        json_type(user)
                    ),
                ),
                Some(user) if !requested.contains(user) => self.error(
                    Code::RefusedNotInvited,
                    Some(&element),
                    format!("`{user}` is refused but was not in {request}"),
                ),
                Some(user) => {
                    valid.insert(user);
                }
            }
        }
        if valid.is_empty() {
            // Nobody IM knows of is refused: everyone requested gets in.
            return decision;
        }
        if code != 0 {
            self.warn(
                Code::RefusedWithCode,
                Some(&path),
                format!("{field} comes with ErrorCode {code}: IM refuses the whole request and ignores the list"),
            );
            return decision;
        }
        if !requested.is_empty() && valid.len() == requested.len() {
            self.warn(
                Code::RefusedEveryone,
                Some(&path),
                format!("every {noun} is refused, so nobody is added"),
            );
        }
        Decision::AllowPartial
    }

    /// Another callback's refusal list where this one has its own (the official-account
    /// page's prose says `RefusedMembers_Account`, IM reads `RefusedSubscribers_Account`,
    /// §4 D28): nobody is refused, which the receiver surely did not mean.
    pub(super) fn misnamed_refusal(&mut self, key: &str) -> bool {
        let Semantics::Decides(Decides {
            refusal:
                Some(Refusal {
                    how: Refuse::List(own),
                    ..
                }),
            ..
        }) = &self.callback.answer
        else {
            return false;
        };
        let is_other_list = catalog::CALLBACKS.iter().any(|other| {
            matches!(&other.answer, Semantics::Decides(Decides {
                refusal: Some(Refusal { how: Refuse::List(field), .. }), ..
            }) if *field == key && field != own)
        });
        if is_other_list {
            self.warn(
                Code::RefusalMisnamed,
                Some(&format!("/{}", pointer_escape(key))),
                format!(
                    "{} reads its refusals from {own}, not {key}: IM ignores {key}, so nobody is refused",
                    self.callback.alias
                ),
            );
        }
        is_other_list
    }

    /// A replacement `MsgBody` / `CloudCustomData` on a before-send (§3.1.7, §3.2.1, §3.7.9).
    fn replacement(
        &mut self,
        answer: &Map<String, Value>,
        decides: &Decides,
        code: i64,
        decision: Decision,
    ) -> Decision {
        if !decides.can_rewrite {
            return decision;
        }
        let msg_body = present(answer, "MsgBody");
        let custom_data = present(answer, "CloudCustomData");
        if msg_body.is_none() && custom_data.is_none() {
            return decision;
        }
        let mut valid = true;
        if let Some((path, message)) = msg_body.and_then(super::message_body_problem) {
            self.error(Code::ReplacementInvalid, Some(&path), message);
            valid = false;
        }
        if let Some(data) = custom_data.filter(|data| !data.is_string()) {
            self.error(
                Code::WrongType,
                Some("/CloudCustomData"),
                format!("CloudCustomData is {}, not a string", json_type(data)),
            );
            valid = false;
        }
        if code != 0 {
            self.warn(
                Code::ReplacementIgnored,
                None,
                format!("a replacement comes with ErrorCode {code}: IM ignores it"),
            );
            return decision;
        }
        if valid {
            Decision::AllowModified
        } else {
            decision
        }
    }

    /// One result per requested user (`ResultItem`, §3.3.1): a top-level non-zero code means
    /// the receiver failed and IM lets the request through; otherwise each target's
    /// `ResultCode` decides for it.
    pub(super) fn per_user(
        &mut self,
        answer: &Map<String, Value>,
        decides: &Decides,
        code: i64,
    ) -> (Decision, String) {
        let Some(Refusal {
            request,
            noun,
            how: Refuse::PerUser { field, codes },
            ..
        }) = &decides.refusal
        else {
            return self.fallback();
        };
        if code != 0 {
            self.warn(
                Code::FailureLetsThrough,
                Some("/ErrorCode"),
                format!(
                    "ErrorCode {code} says the receiver failed: IM lets {} through for every {noun} and ignores {field}",
                    decides.operation
                ),
            );
            return (
                Decision::Fallback,
                format!(
                    "the receiver reported a failure, so IM lets {} through for every {noun}",
                    decides.operation
                ),
            );
        }
        let path = format!("/{field}");
        let items = match json::member(answer, field) {
            Some(Value::Array(items)) => items,
            None | Some(Value::Null) => {
                self.error(
                    Code::MissingField,
                    Some(&path),
                    format!(
                        "the answer has no {field}: IM needs one result per entry of {request}"
                    ),
                );
                return self.fallback();
            }
            Some(other) => {
                self.error(
                    Code::WrongType,
                    Some(&path),
                    format!("{field} is {}, not an array of results", json_type(other)),
                );
                return self.fallback();
            }
        };
        let requested = super::requested(self.callback, self.request_body);
        let mut decided: Vec<(&str, i64)> = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let at = format!("{path}/{index}");
            let Some((user, result)) = self.result_item(item, &at) else {
                continue;
            };
            if !requested.contains(&user) {
                self.error(
                    Code::ResultNotRequested,
                    Some(&format!("{at}/To_Account")),
                    format!("`{user}` has a result but was not in {request}"),
                );
            } else if decided.iter().any(|(seen, _)| *seen == user) {
                self.error(
                    Code::ResultDuplicate,
                    Some(&format!("{at}/To_Account")),
                    format!(
                        "`{user}` has more than one result; which one IM uses is not documented"
                    ),
                );
            } else {
                if result != 0 && !codes.contains(&result) {
                    self.warn(
                        Code::ResultCodeRange,
                        Some(&format!("{at}/ResultCode")),
                        format!(
                            "ResultCode {result} refuses `{user}` outside the documented {}-{}; what IM does with it is not documented",
                            codes.start(),
                            codes.end()
                        ),
                    );
                }
                decided.push((user, result));
            }
        }
        let missing: Vec<&str> = requested
            .iter()
            .copied()
            .filter(|user| !decided.iter().any(|(seen, _)| seen == user))
            .collect();
        if !missing.is_empty() {
            self.warn(
                Code::ResultMissing,
                Some(&path),
                format!(
                    "{field} has no result for {}: what IM does with them is not documented (counted here as let through)",
                    missing.join(", ")
                ),
            );
        }
        let refused: Vec<String> = decided
            .iter()
            .filter(|(_, result)| *result != 0)
            .map(|(user, result)| format!("{user} ({result})"))
            .collect();
        if refused.is_empty() {
            (
                Decision::Allow,
                format!("IM would {} for every {noun}", decides.action),
            )
        } else if !requested.is_empty() && refused.len() == requested.len() {
            (
                Decision::Deny,
                format!(
                    "IM would refuse {} for every {noun}: {}; {} gets each one's ResultCode (how it reaches the client is not documented)",
                    decides.operation,
                    refused.join(", "),
                    decides.caller
                ),
            )
        } else {
            (
                Decision::AllowPartial,
                format!(
                    "IM would {} except for {}; {} gets each refused one's ResultCode",
                    decides.action,
                    refused.join(", "),
                    decides.caller
                ),
            )
        }
    }

    /// One `{To_Account, ResultCode, ResultInfo}`: the user and the code, or `None` (with an
    /// error) when it is not usable.
    fn result_item<'v>(&mut self, item: &'v Value, at: &str) -> Option<(&'v str, i64)> {
        let Value::Object(item) = item else {
            self.error(
                Code::WrongType,
                Some(at),
                format!("a result is {}, not an object", json_type(item)),
            );
            return None;
        };
        let user = match item.get("To_Account") {
            Some(Value::String(user)) => Some(user.as_str()),
            other => {
                self.typed(at, "To_Account", other, "a UserID string");
                None
            }
        };
        let result = match item.get("ResultCode") {
            Some(value) if value.as_i64().is_some() => value.as_i64(),
            other => {
                self.typed(at, "ResultCode", other, "an integer");
                None
            }
        };
        if !item.get("ResultInfo").is_some_and(Value::is_string) {
            self.typed(
                at,
                "ResultInfo",
                item.get("ResultInfo"),
                "a string (\"\" when there is nothing to say)",
            );
        }
        user.zip(result)
    }

    /// A field of an answer object that is missing or of the wrong type.
    fn typed(&mut self, at: &str, key: &str, value: Option<&Value>, want: &str) {
        let path = format!("{at}/{key}");
        match value {
            None => self.error(
                Code::MissingField,
                Some(&path),
                format!("a result has no {key}; it needs {want}"),
            ),
            Some(other) => self.error(
                Code::WrongType,
                Some(&path),
                format!(
                    "{key} is {} ({}), not {want}",
                    json_type(other),
                    short(other)
                ),
            ),
        }
    }

    /// A reply (`RspData`, §3.8.3): with 0 a string goes back to the chatbot; 1 is a failure.
    pub(super) fn reply(
        &mut self,
        answer: &Map<String, Value>,
        decides: &Decides,
        code: i64,
        field: &str,
    ) -> (Decision, String) {
        match code {
            0 => match json::member(answer, field) {
                Some(Value::String(_)) => (Decision::Allow, allow_meaning(decides)),
                None | Some(Value::Null) => {
                    self.error(
                        Code::MissingField,
                        Some(&format!("/{field}")),
                        format!("the answer has no {field}: with ErrorCode 0 it must carry the string {} gets", decides.caller),
                    );
                    self.fallback()
                }
                Some(other) => {
                    self.error(
                        Code::WrongType,
                        Some(&format!("/{field}")),
                        format!("{field} is {}, not a string", json_type(other)),
                    );
                    self.fallback()
                }
            },
            1 => (
                Decision::Deny,
                format!(
                    "IM would treat {} as failed: {field} is ignored and {} gets nothing",
                    decides.operation, decides.caller
                ),
            ),
            other => self.unknown_code(decides, other),
        }
    }
}

/// What an allow does: `IM would <action>`, joined rather than formatted (the meaning of
/// nearly every answer under load, built per request).
fn allow_meaning(decides: &Decides) -> String {
    ["IM would ", decides.action].concat()
}

/// What the plain deny (ErrorCode 1) does and who sees what.
fn deny_meaning(decides: &Decides) -> String {
    match decides.deny_code {
        Some(code) => format!(
            "IM would reject {}; {} gets {code}",
            decides.operation, decides.caller
        ),
        None => format!(
            "IM would reject {}; the error {} gets is not documented",
            decides.operation, decides.caller
        ),
    }
}

/// The users an answer refuses, as its refusal field names them (non-strings left out):
/// the listed UserIDs, or the targets with a non-zero `ResultCode`.
pub fn refused_in(callback: &Callback, answer: Option<&Value>) -> Vec<String> {
    let Semantics::Decides(Decides {
        refusal: Some(refusal),
        ..
    }) = &callback.answer
    else {
        return Vec::new();
    };
    let list = answer
        .and_then(|answer| answer.get(refusal.how.field()))
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    match refusal.how {
        Refuse::List(_) => list
            .iter()
            .filter_map(|user| user.as_str().map(str::to_string))
            .collect(),
        Refuse::PerUser { .. } => {
            // The first result for a user is the one that counts, as the judge reads it.
            let mut seen = BTreeSet::new();
            list.iter()
                .filter_map(|item| {
                    Some((item["To_Account"].as_str()?, item["ResultCode"].as_i64()?))
                })
                .filter(|(user, _)| seen.insert(*user))
                .filter(|(_, code)| *code != 0)
                .map(|(user, _)| user.to_string())
                .collect()
        }
    }
}
