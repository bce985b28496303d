//! What IM would do with an answer, and what a test may expect of it.

use crate::catalog::{AnswerSemantics, Callback, Decides, Refusal, Refuse};
use serde::Serialize;
use std::collections::BTreeSet;
use std::time::Duration;
use strum::{Display, EnumString, IntoStaticStr, VariantArray};

/// What Tencent IM would do with the answer (`docs/protocol.md` §2.7).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Display, EnumString, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Decision {
    /// The action goes ahead.
    Allow,
    /// The action is refused (the caller gets 10016 or 20006), or every Sns target is.
    Deny,
    /// The action is refused with the receiver's own code (10100-10200 for groups,
    /// 120001-130000 for C2C and official accounts) and text.
    DenyCustom,
    /// The message is silently dropped (before-send, `ErrorCode` 2).
    Drop,
    /// The action goes ahead without the refused users (invitees, subscribers, friend
    /// request targets).
    AllowPartial,
    /// The message is delivered as the receiver rewrote it.
    AllowModified,
    /// IM cannot use the answer and applies the app's failure policy.
    Fallback,
    /// A notification: IM ignores the answer.
    Ignored,
}

impl Decision {
    /// The decision as reports name it: `allow`, `deny-custom`, ...
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A decision an expectation accepts. `allow` and `deny` name families (the action goes
/// ahead / is refused); every other name matches its decision exactly. There is no
/// `fallback`: an answer IM cannot use always breaks the contract, so expecting one could
/// never pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Display, EnumString, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "kebab-case", ascii_case_insensitive)]
pub enum Expected {
    /// `allow`, `allow-partial` or `allow-modified`.
    Allow,
    /// `deny` or `deny-custom`.
    Deny,
    /// `drop`.
    Drop,
    /// `ignored`.
    Ignored,
    /// `deny-custom` only.
    DenyCustom,
    /// `allow-partial` only.
    AllowPartial,
    /// `allow-modified` only.
    AllowModified,
}

impl Expected {
    /// Every name an expectation takes, in the order help texts list them.
    pub fn names() -> Vec<&'static str> {
        Expected::VARIANTS
            .iter()
            .map(|expected| expected.as_str())
            .collect()
    }

    /// The expectation a name stands for, in any case.
    pub fn parse(name: &str) -> Option<Expected> {
        name.trim().parse().ok()
    }

    /// Whether this expectation is met by `decision`.
    pub fn accepts(self, decision: Decision) -> bool {
        use Decision as D;
        match self {
            Expected::Allow => matches!(decision, D::Allow | D::AllowPartial | D::AllowModified),
            Expected::Deny => matches!(decision, D::Deny | D::DenyCustom),
            Expected::Drop => decision == D::Drop,
            Expected::Ignored => decision == D::Ignored,
            Expected::DenyCustom => decision == D::DenyCustom,
            Expected::AllowPartial => decision == D::AllowPartial,
            Expected::AllowModified => decision == D::AllowModified,
        }
    }

    /// The name: `allow`, `deny-custom`, ...
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a test requires of the answer beyond the contract itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expectations {
    /// The decision IM must take.
    pub decision: Option<Expected>,
    /// The exact `ErrorCode`.
    pub code: Option<i64>,
    /// Exactly these invitees must be refused, given the whole answer.
    pub refused: Option<BTreeSet<String>>,
    /// The answer must come within this long.
    pub max_latency: Option<Duration>,
    /// Warnings count as failures.
    pub strict: bool,
}

/// The codes a group before-callback may answer to deny with its own code and text, which
/// IM passes on to the caller (`docs/protocol.md` §2.6); each callback's own range is
/// [`Decides::custom`].
pub const CUSTOM_CODES: std::ops::RangeInclusive<i64> = 10100..=10200;

/// The codes a before-callback's answer may carry, for messages.
pub fn meaningful_codes(decides: &Decides) -> String {
    if let Some(Refusal {
        how: Refuse::PerUser { field, .. },
        ..
    }) = &decides.refusal
    {
        return format!(
            "0 (processed: {field} decides per user) or a failure code (IM then lets the request through)"
        );
    }
    if decides.reply.is_some() {
        return "0 (success) and 1 (failure)".to_string();
    }
    let mut codes = vec!["0 (allow)".to_string(), "1 (deny)".to_string()];
    if decides.can_drop {
        codes.push("2 (drop)".into());
    }
    if let Some(range) = &decides.custom {
        codes.push(format!(
            "{}-{} (deny with your own code)",
            range.start(),
            range.end()
        ));
    }
    let last = codes.pop().unwrap_or_default();
    format!("{} and {last}", codes.join(", "))
}

/// The `ErrorCode`s an answer to `callback` may carry, each range with the decision it leads
/// to (a before-callback's 0 may still become `allow-partial` or `allow-modified` by the rest
/// of the answer). Any other code breaks the contract of a before-callback; an after-callback's
/// answer is documented as 0 (IM ignores any other, which `judge` warns of). The one table of
/// documented codes that code outside the verdict (a load script's checks) may use.
pub fn answer_codes(callback: &Callback) -> Vec<(std::ops::RangeInclusive<i64>, Decision)> {
    let AnswerSemantics::Decides(decides) = &callback.answer else {
        return vec![(0..=0, Decision::Ignored)];
    };
    // Per-user results (Sns): 0 is "processed", each result deciding for its user; any other
    // code is the receiver failing, which IM lets through (`fallback`).
    if let Some(Refusal {
        how: Refuse::PerUser { .. },
        ..
    }) = &decides.refusal
    {
        return vec![(0..=0, Decision::Allow)];
    }
    let mut codes = vec![(0..=0, Decision::Allow), (1..=1, Decision::Deny)];
    if decides.can_drop {
        codes.push((2..=2, Decision::Drop));
    }
    if let Some(range) = &decides.custom {
        codes.push((range.clone(), Decision::DenyCustom));
    }
    codes
}

/// The decisions a callback's answer can lead to when it keeps the contract (a broken
/// answer always leads to `fallback`), from the most to the least permissive.
pub fn possible_decisions(callback: &Callback) -> Vec<Decision> {
    let AnswerSemantics::Decides(decides) = &callback.answer else {
        return vec![Decision::Ignored];
    };
    let mut decisions = vec![Decision::Allow];
    if decides.refusal.is_some() {
        decisions.push(Decision::AllowPartial);
    }
    if decides.can_rewrite {
        decisions.push(Decision::AllowModified);
    }
    decisions.push(Decision::Deny);
    if decides.custom.is_some() {
        decisions.push(Decision::DenyCustom);
    }
    if decides.can_drop {
        decisions.push(Decision::Drop);
    }
    decisions
}

/// Why expecting refused users can never make sense on `callback` (its answer cannot
/// refuse some of a request's users), or `None` when it can.
pub fn refusal_unreachable(callback: &Callback) -> Option<String> {
    if let AnswerSemantics::Decides(Decides {
        refusal: Some(_), ..
    }) = &callback.answer
    {
        return None;
    }
    let able: Vec<&str> = crate::catalog::CALLBACKS
        .iter()
        .filter(|other| {
            matches!(
                &other.answer,
                AnswerSemantics::Decides(Decides {
                    refusal: Some(_),
                    ..
                })
            )
        })
        .map(|other| other.alias)
        .collect();
    Some(format!(
        "{} cannot refuse some users: only {} can",
        callback.alias,
        able.join(", ")
    ))
}

/// Why `expected` can never be met on `callback`, or `None` when it can: an impossible
/// expectation is a mistake in the test, to refuse before anything is sent.
pub fn unreachable(callback: &Callback, expected: Expected) -> Option<String> {
    let reachable = possible_decisions(callback);
    if reachable.iter().any(|decision| expected.accepts(*decision)) {
        return None;
    }
    let names: Vec<&str> = reachable.iter().map(|decision| decision.as_str()).collect();
    Some(format!(
        "{} can never lead to `{}`; it can lead to {}",
        callback.alias,
        expected.as_str(),
        names.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_and_strum_spell_every_decision_alike() {
        for decision in Decision::VARIANTS {
            assert_eq!(
                serde_json::to_value(decision).ok(),
                Some(decision.as_str().into())
            );
        }
    }

    /// The table says what the judge does: a listed code keeps the contract and leads to its
    /// decision; any other breaks a before-callback's contract, and is warned of on an
    /// after-callback.
    fn per_user(callback: &Callback) -> bool {
        matches!(
            &callback.answer,
            AnswerSemantics::Decides(Decides {
                refusal: Some(Refusal {
                    how: Refuse::PerUser { .. },
                    ..
                }),
                ..
            })
        )
    }

    #[test]
    fn answer_codes_are_the_codes_the_judge_accepts() {
        use crate::exchange::Response;
        use crate::verdict::{Code, Severity, judge};
        for callback in crate::catalog::CALLBACKS {
            let table = answer_codes(callback);
            let request = callback.sample_body();
            for code in [
                -1, 0, 1, 2, 3, 99, 10016, 10099, 10100, 10150, 10200, 10201, 120000, 120001,
                125000, 130000, 130001, 38001,
            ] {
                // A correct allow (with what the callback's answer needs: results per user,
                // a reply), its code replaced.
                let mut answer = crate::answer::allow(callback, &request);
                answer["ErrorCode"] = code.into();
                answer["ErrorInfo"] = "x".into();
                let answer = answer.to_string();
                let verdict = judge(
                    callback,
                    &request,
                    &Ok(Response::new(200, answer)),
                    &Expectations::default(),
                );
                let errors = verdict
                    .findings
                    .iter()
                    .any(|finding| finding.severity == Severity::Error);
                let listed = table.iter().find(|(codes, _)| codes.contains(&code));
                match listed {
                    Some((_, decision)) => {
                        assert!(!errors, "{} {code}: {:?}", callback.alias, verdict.findings);
                        assert_eq!(verdict.decision, *decision, "{} {code}", callback.alias);
                        assert!(possible_decisions(callback).contains(decision));
                    }
                    None if per_user(callback) => {
                        assert_eq!(
                            verdict.decision,
                            Decision::Fallback,
                            "{} {code}",
                            callback.alias
                        );
                        assert!(
                            verdict
                                .findings
                                .iter()
                                .any(|f| f.code == Code::FailureLetsThrough),
                            "{} {code}",
                            callback.alias
                        );
                    }
                    None if callback.kind().decides() => {
                        assert!(errors, "{} {code} passed", callback.alias);
                        assert!(
                            verdict
                                .findings
                                .iter()
                                .any(|f| f.code == Code::UnknownErrorCode),
                            "{} {code}",
                            callback.alias
                        );
                    }
                    None => assert!(
                        verdict
                            .findings
                            .iter()
                            .any(|f| f.code == Code::AfterErrorCode),
                        "{} {code}",
                        callback.alias
                    ),
                }
            }
        }
    }

    #[test]
    fn expectations_parse_in_any_case_and_never_fallback() {
        assert_eq!(Expected::parse(" ALLOW "), Some(Expected::Allow));
        assert_eq!(Expected::parse("deny-custom"), Some(Expected::DenyCustom));
        assert_eq!(Expected::parse("fallback"), None);
        assert_eq!(
            Expected::names(),
            [
                "allow",
                "deny",
                "drop",
                "ignored",
                "deny-custom",
                "allow-partial",
                "allow-modified"
            ]
        );
        for expected in Expected::VARIANTS {
            assert!(!expected.accepts(Decision::Fallback));
        }
    }
}
