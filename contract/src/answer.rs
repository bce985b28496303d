//! The answers a correct receiver sends, per callback (`docs/protocol.md` §2.4, §2.7): the
//! three common fields, plus what the callback's answer needs: one `ResultItem` per target on
//! the Sns before-callbacks, `RspData` on the chatbot's reply, a refusal list where the
//! callback has one. A reference receiver answers with these; a relay that must answer for a
//! receiver that failed can too.

use crate::catalog::{AnswerSemantics, Callback, Decides, Refusal, Refuse};
use crate::verdict::requested;
use serde_json::{Value, json};

/// `{"ActionStatus": "OK", "ErrorCode": code, "ErrorInfo": info}`.
pub fn ok(code: i64, info: &str) -> Value {
    json!({ "ActionStatus": "OK", "ErrorCode": code, "ErrorInfo": info })
}

/// `{"ActionStatus": "FAIL", "ErrorCode": code, "ErrorInfo": info}`.
pub fn fail(code: i64, info: &str) -> Value {
    json!({ "ActionStatus": "FAIL", "ErrorCode": code, "ErrorInfo": info })
}

/// The ResultCode a refusal gives a Sns target: the first of the documented range.
fn refusal_code(refusal: &Refusal) -> i64 {
    match &refusal.how {
        Refuse::PerUser { codes, .. } => *codes.start(),
        Refuse::List(_) => 1,
    }
}

fn decides(callback: &Callback) -> Option<&Decides> {
    match &callback.answer {
        AnswerSemantics::Decides(decides) => Some(decides),
        AnswerSemantics::Ignored => None,
    }
}

/// The answer that lets the request through as it is: OK/0, with a zero `ResultItem` per
/// requested target (Sns) or an empty `RspData` (chatbot). For a notification, what the
/// docs ask for: OK/0.
pub fn allow(callback: &Callback, request: &Value) -> Value {
    refuse(callback, request, &[], "")
}

/// The answer that refuses the whole request: FAIL/1 with `info`; on the Sns
/// before-callbacks, where a non-zero `ErrorCode` lets the request through, OK/0 with every
/// target refused in `ResultItem`.
pub fn deny(callback: &Callback, request: &Value, info: &str) -> Value {
    match decides(callback).and_then(|decides| decides.refusal.as_ref()) {
        Some(Refusal {
            how: Refuse::PerUser { .. },
            ..
        }) => {
            let everyone: Vec<String> = requested(callback, request)
                .into_iter()
                .map(str::to_string)
                .collect();
            refuse(callback, request, &everyone, info)
        }
        _ => fail(1, info),
    }
}

/// The answer that lets the request through but for `users` (those the request lists;
/// others are left out, naming them would break the contract): the refusal list, or each
/// refused target's `ResultCode`. `info` is the refused targets' `ResultInfo`.
pub fn refuse(callback: &Callback, request: &Value, users: &[String], info: &str) -> Value {
    let mut answer = ok(0, "");
    let Some(decides) = decides(callback) else {
        return answer;
    };
    if let Some(field) = decides.reply {
        answer[field] = json!("");
    }
    let Some(refusal) = &decides.refusal else {
        return answer;
    };
    let listed = requested(callback, request);
    let refused = |user: &str| users.iter().any(|refused| refused == user);
    match &refusal.how {
        Refuse::List(field) => {
            let kept_out: Vec<&str> = listed.into_iter().filter(|user| refused(user)).collect();
            if !kept_out.is_empty() {
                answer[*field] = json!(kept_out);
            }
        }
        Refuse::PerUser { field, .. } => {
            let code = refusal_code(refusal);
            let results: Vec<Value> = listed
                .into_iter()
                .map(|user| {
                    let (code, info) = if refused(user) { (code, info) } else { (0, "") };
                    json!({ "To_Account": user, "ResultCode": code, "ResultInfo": info })
                })
                .collect();
            answer[*field] = Value::Array(results);
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CALLBACKS, find};
    use crate::exchange::Response;
    use crate::verdict::{Decision, Expectations, Outcome, judge, possible_decisions};

    fn judged(callback: &Callback, answer: &Value) -> (Outcome, Decision) {
        let body = callback.sample_body();
        let response = Response::new(200, answer.to_string());
        let verdict = judge(callback, &body, &Ok(response), &Expectations::default());
        (verdict.outcome, verdict.decision)
    }

    #[test]
    fn every_callback_has_a_valid_allow_and_a_valid_deny_where_it_can_deny() {
        for callback in CALLBACKS {
            let body = callback.sample_body();
            let (outcome, decision) = judged(callback, &allow(callback, &body));
            assert_eq!(outcome, Outcome::Pass, "{}", callback.alias);
            let expected = if callback.kind().decides() {
                Decision::Allow
            } else {
                Decision::Ignored
            };
            assert_eq!(decision, expected, "{}", callback.alias);
            if possible_decisions(callback).contains(&Decision::Deny) {
                let (outcome, decision) = judged(callback, &deny(callback, &body, "no"));
                assert_eq!(
                    (outcome, decision),
                    (Outcome::Pass, Decision::Deny),
                    "{}",
                    callback.alias
                );
            }
        }
    }

    #[test]
    fn refusing_one_requested_user_is_a_partial_allow_and_strangers_are_left_out() {
        for alias in [
            "before-invite",
            "oa-before-add-subscriber",
            "sns-prev-friend-add",
            "sns-prev-friend-response",
        ] {
            let callback = find(alias).expect(alias);
            let body = callback.sample_body();
            let first = requested(callback, &body)[0].to_string();
            let answer = refuse(callback, &body, &[first, "stranger".into()], "no");
            assert!(!answer.to_string().contains("stranger"), "{alias}");
            assert_eq!(
                judged(callback, &answer),
                (Outcome::Pass, Decision::AllowPartial),
                "{alias}"
            );
        }
    }
}
