//! Which expectations an answer can meet at all: what each documented `ErrorCode` leads to
//! on a callback (from the table of documented codes, `answer_codes`), and why a set of
//! expectations can never hold (a decision and a code that contradict, users the request
//! does not list). An impossible expectation is a mistake in the test, refused before
//! anything is sent; this is the one place that says which ones are.

use super::decision::{
    Decision, Expectations, answer_codes, possible_decisions, refusal_unreachable, unreachable,
};
use super::meaningful_codes;
use crate::catalog::{AnswerSemantics, Callback, Decides, Refusal, Refuse};
use std::collections::BTreeSet;

/// What an answer carrying one `ErrorCode`, and otherwise keeping the contract, leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeLeads {
    /// One of these decisions; `warned`: such an answer passes only with a warning (IM
    /// ignores a notification's code; a Sns receiver's failure code lets the request
    /// through), so never under `--strict`.
    To {
        /// The decisions such an answer can lead to.
        decisions: Vec<Decision>,
        /// It passes only with a warning.
        warned: bool,
    },
    /// The callback does not document the code: such an answer breaks the contract.
    Nowhere,
}

/// What an answer with `code` can lead to on `callback`, from the table of documented codes
/// (`answer_codes`): a 0 may still become a partial allow or a rewrite by the rest of the
/// answer (or, with per-user results, refuse every target); a code the table lacks is the
/// receiver failing where the callback decides per user (IM lets the request through), and
/// breaks the contract elsewhere.
pub fn code_leads(callback: &Callback, code: i64) -> CodeLeads {
    let AnswerSemantics::Decides(decides) = &callback.answer else {
        return CodeLeads::To {
            decisions: vec![Decision::Ignored],
            warned: code != 0,
        };
    };
    let per_user = matches!(
        decides.refusal,
        Some(Refusal {
            how: Refuse::PerUser { .. },
            ..
        })
    );
    let documented = answer_codes(callback)
        .into_iter()
        .find(|(codes, _)| codes.contains(&code));
    match documented {
        Some((_, Decision::Allow)) => CodeLeads::To {
            decisions: possible_decisions(callback)
                .into_iter()
                .filter(|decision| {
                    matches!(
                        decision,
                        Decision::Allow | Decision::AllowPartial | Decision::AllowModified
                    ) || (per_user && *decision == Decision::Deny)
                })
                .collect(),
            warned: false,
        },
        Some((_, decision)) => CodeLeads::To {
            decisions: vec![decision],
            warned: false,
        },
        None if per_user => CodeLeads::To {
            decisions: vec![Decision::Fallback],
            warned: true,
        },
        None => CodeLeads::Nowhere,
    }
}

/// The expectation a conflict is about, for the caller to name its flag or key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpectKey {
    /// The expected decision (`--expect`, `expect.decision`).
    Decision,
    /// The expected `ErrorCode` (`--expect-code`, `expect.code`).
    Code,
    /// The users expected refused (`--expect-refused`, `expect.refused`).
    Refused,
}

/// An expectation no answer can meet, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Impossible {
    /// Which expectation cannot hold.
    pub key: ExpectKey,
    /// Why, in a sentence that names the callback.
    pub why: String,
}

impl Impossible {
    fn of(key: ExpectKey, why: String) -> Impossible {
        Impossible { key, why }
    }
}

/// Whether some answer to a request listing `requested` users can meet `expect` on
/// `callback`: `Err` names the expectation that cannot hold and why; `Ok(Some(note))` when
/// only an answer with a warning can (an ErrorCode IM ignores), which `strict` refuses.
pub fn check_expectations(
    callback: &Callback,
    expect: &Expectations,
    requested: &[&str],
) -> Result<Option<String>, Impossible> {
    if let Some(expected) = expect.decision
        && let Some(why) = unreachable(callback, expected)
    {
        return Err(Impossible::of(ExpectKey::Decision, why));
    }
    if let Some(refused) = expect.refused.as_ref().filter(|users| !users.is_empty()) {
        if let Some(why) = refusal_unreachable(callback) {
            return Err(Impossible::of(ExpectKey::Refused, why));
        }
        let strangers: Vec<&str> = refused
            .iter()
            .map(String::as_str)
            .filter(|user| !requested.contains(user))
            .collect();
        if !strangers.is_empty() {
            let why = format!(
                "{} {} not among the users the request lists ({}), and IM refuses only those",
                strangers.join(", "),
                if strangers.len() == 1 { "is" } else { "are" },
                listed(callback, requested)
            );
            return Err(Impossible::of(ExpectKey::Refused, why));
        }
    }
    let mut candidates = possible_decisions(callback);
    let mut note = None;
    if let Some(code) = expect.code {
        match code_leads(callback, code) {
            CodeLeads::Nowhere => {
                let takes = match &callback.answer {
                    AnswerSemantics::Decides(decides) => meaningful_codes(decides),
                    AnswerSemantics::Ignored => "0".into(),
                };
                let why = format!(
                    "ErrorCode {code} means nothing to {}, so an answer with it breaks the contract; it takes {takes}",
                    callback.alias
                );
                return Err(Impossible::of(ExpectKey::Code, why));
            }
            CodeLeads::To { decisions, warned } => {
                if warned {
                    let why = warned_code(callback, code);
                    if expect.strict {
                        let why = format!("{why}, which --strict fails");
                        return Err(Impossible::of(ExpectKey::Code, why));
                    }
                    note = Some(why);
                }
                candidates = decisions;
            }
        }
    }
    if let (Some(expected), Some(code)) = (expect.decision, expect.code) {
        let leads = names(&candidates);
        candidates.retain(|decision| expected.accepts(*decision));
        if candidates.is_empty() {
            let why = format!(
                "`{}` and ErrorCode {code} contradict: on {} ErrorCode {code} leads to {leads}",
                expected.as_str(),
                callback.alias
            );
            return Err(Impossible::of(ExpectKey::Decision, why));
        }
    } else if let Some(expected) = expect.decision {
        candidates.retain(|decision| expected.accepts(*decision));
    }
    if let Some(refused) = &expect.refused {
        let before = candidates.clone();
        candidates.retain(|decision| refusal_fits(*decision, refused, requested));
        if candidates.is_empty() {
            let outcomes: Vec<String> = before
                .iter()
                .map(|decision| refusing(*decision, callback, requested))
                .collect();
            let why = format!(
                "no answer the other expectations allow refuses exactly these: {}",
                outcomes.join("; ")
            );
            return Err(Impossible::of(ExpectKey::Refused, why));
        }
    }
    Ok(note)
}

/// Why an answer with this code passes only with a warning.
fn warned_code(callback: &Callback, code: i64) -> String {
    match callback.answer {
        AnswerSemantics::Ignored => format!(
            "IM ignores the answer to {}: one with ErrorCode {code} passes only with a warning",
            callback.alias
        ),
        AnswerSemantics::Decides(_) => format!(
            "ErrorCode {code} tells IM that the receiver failed on {}, so IM lets the request through (fallback): an answer with it passes only with a warning",
            callback.alias
        ),
    }
}

/// Whether IM, deciding `decision`, can refuse exactly `refused` of the `requested` users.
fn refusal_fits(decision: Decision, refused: &BTreeSet<String>, requested: &[&str]) -> bool {
    let requested: BTreeSet<&str> = requested.iter().copied().collect();
    let refused: BTreeSet<&str> = refused.iter().map(String::as_str).collect();
    match decision {
        Decision::Deny | Decision::DenyCustom | Decision::Drop => refused == requested,
        Decision::AllowPartial => !refused.is_empty() && refused.is_subset(&requested),
        Decision::Allow | Decision::AllowModified | Decision::Ignored | Decision::Fallback => {
            refused.is_empty()
        }
    }
}

/// Whom IM refuses on a decision, in words: `deny refuses every one (alice, bob)`.
fn refusing(decision: Decision, callback: &Callback, requested: &[&str]) -> String {
    match decision {
        Decision::Deny | Decision::DenyCustom | Decision::Drop => {
            format!(
                "{decision} refuses every one ({})",
                listed(callback, requested)
            )
        }
        Decision::AllowPartial => format!("{decision} refuses some of them, at least one"),
        _ => format!("{decision} refuses no one"),
    }
}

/// The request's list of users, in words: `DestinationMembers: alice, bob`.
fn listed(callback: &Callback, requested: &[&str]) -> String {
    let field = match &callback.answer {
        AnswerSemantics::Decides(Decides {
            refusal: Some(refusal),
            ..
        }) => refusal.request,
        _ => "users",
    };
    match requested {
        [] => format!("{field}: none"),
        users => format!("{field}: {}", users.join(", ")),
    }
}

fn names(decisions: &[Decision]) -> String {
    let names: Vec<&str> = decisions.iter().map(|decision| decision.as_str()).collect();
    names.join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CALLBACKS, find};
    use crate::exchange::Response;
    use crate::verdict::{Code, Expected, Outcome, Severity, judge};

    /// What each code leads to, as the judge itself decides an answer carrying it.
    #[test]
    fn codes_lead_where_the_judge_decides() {
        let codes = [
            0, 1, 2, 3, 5, 38001, 10099, 10100, 10150, 10200, 10201, 120000, 120001, 130000,
        ];
        for callback in CALLBACKS {
            for code in codes {
                let mut answer = crate::answer::allow(callback, &callback.sample_body());
                answer["ErrorCode"] = code.into();
                answer["ErrorInfo"] = "why".into();
                let response = Response::new(200, answer.to_string());
                let body = callback.sample_body();
                let verdict = judge(callback, &body, &Ok(response), &Default::default());
                let warned = verdict
                    .findings
                    .iter()
                    .any(|finding| finding.severity == Severity::Warning);
                match code_leads(callback, code) {
                    CodeLeads::Nowhere => {
                        assert_eq!(verdict.outcome, Outcome::Fail, "{} {code}", callback.alias);
                        assert!(
                            verdict
                                .findings
                                .iter()
                                .any(|finding| finding.code == Code::UnknownErrorCode),
                            "{} {code}",
                            callback.alias
                        );
                    }
                    CodeLeads::To {
                        decisions,
                        warned: warns,
                    } => {
                        assert_eq!(verdict.outcome, Outcome::Pass, "{} {code}", callback.alias);
                        assert!(
                            decisions.contains(&verdict.decision),
                            "{} {code}: {:?} not in {decisions:?}",
                            callback.alias,
                            verdict.decision
                        );
                        if warns {
                            assert!(warned, "{} {code}", callback.alias);
                        }
                    }
                }
            }
        }
    }

    fn expect(decision: Option<&str>, code: Option<i64>, refused: Option<&[&str]>) -> Expectations {
        Expectations {
            decision: decision.and_then(Expected::parse),
            code,
            refused: refused.map(|users| users.iter().map(ToString::to_string).collect()),
            ..Expectations::default()
        }
    }

    #[test]
    fn contradictions_are_named() {
        let create = find("before-create").unwrap();
        let send = find("before-send").unwrap();
        let invite = find("before-invite").unwrap();
        let after = find("after-create").unwrap();
        let friend = find("sns-prev-friend-add").unwrap();
        let invited = ["alice", "bob"];
        let refused = |callback, expect: Expectations, users: &[&str]| {
            check_expectations(callback, &expect, users).unwrap_err()
        };
        let why = refused(create, expect(Some("deny"), Some(0), None), &[]);
        assert_eq!(why.key, ExpectKey::Decision);
        assert_eq!(
            why.why,
            "`deny` and ErrorCode 0 contradict: on before-create ErrorCode 0 leads to allow"
        );
        let why = refused(send, expect(Some("drop"), Some(1), None), &[]);
        assert!(why.why.contains("ErrorCode 1 leads to deny"), "{}", why.why);
        let why = refused(create, expect(None, Some(5), None), &[]);
        assert_eq!(why.key, ExpectKey::Code);
        assert!(
            why.why
                .starts_with("ErrorCode 5 means nothing to before-create")
        );
        let why = refused(invite, expect(None, None, Some(&["zz"])), &invited);
        assert_eq!(why.key, ExpectKey::Refused);
        assert_eq!(
            why.why,
            "zz is not among the users the request lists (DestinationMembers: alice, bob), and IM refuses only those"
        );
        let why = refused(
            invite,
            expect(Some("deny"), None, Some(&["alice"])),
            &invited,
        );
        assert!(
            why.why
                .contains("deny refuses every one (DestinationMembers: alice, bob)")
        );
        let why = refused(invite, expect(None, Some(1), Some(&[])), &invited);
        assert_eq!(why.key, ExpectKey::Refused, "{}", why.why);
        let why = refused(friend, expect(Some("allow"), Some(5), None), &[]);
        assert!(why.why.contains("leads to fallback"), "{}", why.why);
        let strict = Expectations {
            strict: true,
            ..expect(None, Some(1), None)
        };
        assert!(check_expectations(after, &strict, &[]).is_err());

        // What can hold does.
        for (callback, expect, users) in [
            (create, expect(Some("deny"), Some(1), None), &[][..]),
            (create, expect(Some("deny-custom"), Some(10101), None), &[]),
            (send, expect(Some("drop"), Some(2), None), &[]),
            (
                invite,
                expect(Some("allow"), Some(0), Some(&["bob"])),
                &invited,
            ),
            (
                invite,
                expect(Some("deny"), None, Some(&["alice", "bob"])),
                &invited,
            ),
            (invite, expect(None, None, Some(&[])), &invited),
            (
                friend,
                expect(Some("deny"), Some(0), Some(&["alice"])),
                &["alice"],
            ),
        ] {
            assert_eq!(
                check_expectations(callback, &expect, users),
                Ok(None),
                "{} {expect:?}",
                callback.alias
            );
        }
        let note = check_expectations(after, &expect(None, Some(1), None), &[]);
        assert!(
            note.unwrap()
                .unwrap()
                .starts_with("IM ignores the answer to after-create"),
        );
    }
}
