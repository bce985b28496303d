//! `large-body` and `transformations`: decisions that must survive rewritings of the body
//! that keep its meaning (64 KB of padding; keys reordered, pretty-printed, `\u`-escaped,
//! EventTime as a string).
//!
//! A refusal that survives proves nothing alone: a receiver that refuses every body it cannot
//! read (fails closed) refuses the rewritten one too. So the correct request is rewritten as
//! well and must still be accepted, a rewritten request refused counts only when the correct
//! request sent right after it is accepted, and a survival is conclusive only when an accept
//! survived and a decision that depends on the body did.

use super::reading::{self, Reading, brief, decided, decision_text, first_error};
use super::transform::Transform;
use super::{
    Auditor, CONTROL, LARGE_MEMBERS, Original, Probe, ProbeExchange, ProbeResult, ProbeStatus,
    invitation_problem, known, large_invitation, plural, result, with_unjudged,
};
use crate::transport::Transport;
use grpcb_contract::payload;
use grpcb_contract::verdict::{Decision, Expectations, Outcome};

/// What the rewritings showed.
#[derive(Default)]
pub(super) struct Survival {
    problems: Vec<String>,
    /// Rewritten suite cases whose decision could be compared.
    cases: usize,
    /// Rewritten correct requests that were judged.
    controls: usize,
    /// Rewritten requests accepted as they were written (the correct request, a partial
    /// refusal, a rewrite): a receiver that refuses what it cannot read fails these.
    accepted: usize,
    /// Rewritten requests refused as they were written, each backed by the correct request
    /// accepted right after it.
    refused: usize,
    /// Rewritten requests whose decision depends on the body (deny, deny-custom, drop, a
    /// partial refusal, a rewrite): a receiver that reads nothing fails these.
    by_body: usize,
    /// What could not be judged, and why.
    unjudged: Vec<String>,
    exchanges: Vec<ProbeExchange>,
}

impl Survival {
    fn compared(&self) -> usize {
        self.cases + self.controls
    }

    /// An accept and a decision that depends on the body both survived.
    fn conclusive(&self) -> bool {
        self.accepted > 0 && self.by_body > 0
    }

    /// Why a survival without problems is not conclusive.
    fn why_not(&self) -> String {
        if self.compared() == 0 {
            "no request could be judged, so no decision could be compared".into()
        } else if self.accepted == 0 {
            "only refusals kept their decision, and a receiver that refuses every body it cannot read refuses those too; no accepted request could be compared".into()
        } else {
            "no decision that depends on the body could be compared (a deny, deny-custom, drop, partial refusal or rewrite of the suite)".into()
        }
    }
}

/// Decisions that keep the request out.
fn is_refusal(decision: Decision) -> bool {
    matches!(
        decision,
        Decision::Deny | Decision::DenyCustom | Decision::Drop
    )
}

/// Decisions only a receiver that reads the body can make.
fn depends_on_body(decision: Decision) -> bool {
    is_refusal(decision) || matches!(decision, Decision::AllowPartial | Decision::AllowModified)
}

impl<T: Transport> Auditor<'_, T> {
    /// The 2,000-member invitation must be decided as the sample is; with `--suite`, every
    /// known decision, and the correct request's accept, must survive 64 KB of padding before
    /// the fields that decide it.
    pub(super) async fn large_body(&mut self) -> ProbeResult {
        let probe = Probe::LargeBody;
        let callback = known("before-invite");
        let (small, small_exchange) = self
            .send(
                callback,
                callback.sample_body(),
                "the catalog sample".into(),
                |_| {},
            )
            .await;
        let body = large_invitation(callback);
        let size = serde_json::to_vec(&body)
            .map(|bytes| bytes.len())
            .unwrap_or(0);
        let sent = format!("{LARGE_MEMBERS} invited members ({} KB)", size / 1024);
        let (large, mut large_exchange) = self.send(callback, body, sent, |_| {}).await;
        let mut problems: Vec<String> = invitation_problem(&small, &large).into_iter().collect();
        large_exchange.notable = !problems.is_empty();
        let mut exchanges = vec![small_exchange, large_exchange];
        // Only a partial refusal depends on the invitees and lets the request through; an
        // allow (or a deny) of both says nothing about whether the receiver read them.
        let sample_shows = small.decision == Decision::AllowPartial;
        let survival = self.survival(&[Transform::Padded]).await;
        problems.extend(survival.problems.iter().cloned());
        exchanges.extend(survival.exchanges.iter().cloned());
        let status = if !problems.is_empty() {
            ProbeStatus::Fail
        } else if sample_shows || survival.conclusive() {
            ProbeStatus::Pass
        } else {
            ProbeStatus::Inconclusive
        };
        let same = format!(
            "same decision ({}) for 2 and {LARGE_MEMBERS} members",
            large.decision
        );
        let summary = match status {
            ProbeStatus::Fail => problems.join("; "),
            ProbeStatus::Pass if survival.compared() > 0 => format!(
                "{same}; {} of the suite and {} kept their decision past 64 KB of padding",
                plural(survival.cases, "case"),
                plural(survival.controls, "correct request")
            ),
            ProbeStatus::Pass => same,
            _ if self.plan.suite.is_some() => format!(
                "{same}, but that does not show whether the receiver reads a body whole, and with the suite {}",
                survival.why_not()
            ),
            _ => format!(
                "{same}, but a decision that does not depend on the body cannot show whether the receiver reads it whole (one that reads only the first 2 KB answers the same); to make it conclusive, run with --suite FILE holding a case with a known deny or partial refusal"
            ),
        };
        let summary = with_unjudged(summary, &survival.unjudged);
        let mut judged = result(probe, status, summary, exchanges);
        judged.rests_on_refusal = !sample_shows && survival.refused > 0;
        judged
    }

    /// With `--suite`, every known decision, and the correct request's accept, must survive
    /// the rewritings that keep a body's meaning.
    pub(super) async fn transformations(&mut self) -> ProbeResult {
        let probe = Probe::Transformations;
        if self.plan.suite.is_none() {
            let why = "not run: pass --suite FILE with cases whose decision is known (a deny, deny-custom, drop, rewrite or partial refusal)".to_string();
            return result(probe, ProbeStatus::Skip, why, Vec::new());
        }
        let rewritings = [
            Transform::Reordered,
            Transform::Pretty,
            Transform::EscapedUnicode,
            Transform::EventTimeString,
        ];
        let survival = self.survival(&rewritings).await;
        let (status, summary) = if !survival.problems.is_empty() {
            (ProbeStatus::Fail, survival.problems.join("; "))
        } else if !survival.conclusive() {
            (ProbeStatus::Inconclusive, survival.why_not())
        } else {
            (
                ProbeStatus::Pass,
                format!(
                    "{} kept their decision (keys reordered, pretty-printed, \\u-escaped, EventTime as a string): {} of the suite, {}",
                    plural(survival.compared(), "rewritten request"),
                    plural(survival.cases, "case"),
                    plural(survival.controls, "correct request")
                ),
            )
        };
        let summary = with_unjudged(summary, &survival.unjudged);
        let mut judged = result(probe, status, summary, survival.exchanges);
        judged.rests_on_refusal = survival.refused > 0;
        judged
    }

    /// Sends the correct request, then each rewriting of it; then the suite's known cases as
    /// written (once for the audit), then each rewritten by `transforms`. A rewritten request
    /// must be decided as it was written.
    async fn survival(&mut self, transforms: &[Transform]) -> Survival {
        let mut survival = Survival::default();
        if self.plan.suite.is_none() {
            return survival;
        }
        let control = self
            .control_after("as written, before its rewritings".into())
            .await;
        // A receiver that refuses the correct request denies every case alike: its denials
        // prove nothing, whatever the body.
        let refuses_everything = control.reading != Reading::Accepted;
        survival.exchanges.push(control.exchange);
        if refuses_everything {
            survival.unjudged.push(format!(
                "the correct request (refused as written too: {})",
                control.brief
            ));
        } else {
            self.rewritten_controls(transforms, &mut survival).await;
        }
        self.send_originals().await;
        let originals = self.originals.take().unwrap_or_default();
        for original in &originals {
            self.rewritten_case(original, transforms, refuses_everything, &mut survival)
                .await;
        }
        self.originals = Some(originals);
        survival
    }

    /// The correct request, fresh each time, rewritten: each must be accepted, unless the
    /// correct request sent right after is refused too (then the receiver refuses everything
    /// by now, and nothing can be said).
    async fn rewritten_controls(&mut self, transforms: &[Transform], survival: &mut Survival) {
        let callback = known(CONTROL);
        for transform in transforms {
            let mut body = callback.sample_body();
            payload::sync_sdkappid(callback, &mut body, &self.plan.config.sdkappid);
            self.fresh.apply(&mut body);
            if !transform.applies_to(&body) {
                continue;
            }
            let bytes = transform.apply(&body);
            let sent = format!("the correct request {}", transform.describe());
            let config = self.plan.config.clone();
            let (report, mut exchange) = self
                .exchange(
                    &config,
                    callback,
                    body,
                    Some(bytes),
                    &Expectations::default(),
                    sent.clone(),
                )
                .await;
            let problem = match reading::read(&report) {
                Reading::Accepted if report.verdict == Outcome::Pass => {
                    survival.controls += 1;
                    survival.accepted += 1;
                    None
                }
                Reading::Rejected if report.verdict == Outcome::Pass => {
                    let next = self.control_after(format!("right after {sent}")).await;
                    let accepted = next.reading == Reading::Accepted;
                    survival.exchanges.push(next.exchange);
                    if accepted {
                        survival.controls += 1;
                        Some(format!(
                            "the correct request was refused ({}) when {}, but accepted as written right after",
                            brief(&report),
                            transform.describe()
                        ))
                    } else {
                        survival.unjudged.push(format!(
                            "{sent} (refused, and so was the correct request sent right after: {})",
                            next.brief
                        ));
                        None
                    }
                }
                _ => {
                    survival.controls += 1;
                    Some(format!("{sent}: {}", first_error(&report)))
                }
            };
            exchange.notable = problem.is_some();
            survival.problems.extend(problem);
            survival.exchanges.push(exchange);
        }
    }

    /// The suite's known cases as written, once for the whole audit.
    async fn send_originals(&mut self) {
        let Some(suite) = self
            .plan
            .suite
            .as_ref()
            .filter(|_| self.originals.is_none())
        else {
            return;
        };
        let mut originals = Vec::new();
        for case in &suite.cases {
            let sent = format!("case `{}` as written", case.name);
            let (report, exchange) = self
                .exchange(
                    &case.config,
                    case.callback,
                    case.body.clone(),
                    None,
                    &case.expect,
                    sent,
                )
                .await;
            originals.push(Original {
                case,
                report,
                exchange,
            });
        }
        self.originals = Some(originals);
    }

    /// One case's rewritings: each must be decided as the case was written; a refusal
    /// counts only when the correct request sent right after it is accepted.
    async fn rewritten_case(
        &mut self,
        original: &Original<'_>,
        transforms: &[Transform],
        refuses_everything: bool,
        survival: &mut Survival,
    ) {
        let case = original.case;
        if original.report.verdict != Outcome::Pass {
            survival.unjudged.push(format!(
                "`{}` (it does not pass as written: {})",
                case.name,
                first_error(&original.report)
            ));
            return;
        }
        let written = original.report.decision;
        if refuses_everything && is_refusal(written) {
            survival.unjudged.push(format!(
                "`{}` (the receiver refuses the correct before-create request too, so its {written} proves nothing)",
                case.name
            ));
            return;
        }
        survival.exchanges.push(original.exchange.clone());
        let expected = decided(&original.report);
        for transform in transforms
            .iter()
            .filter(|transform| transform.applies_to(&case.body))
        {
            let sent = format!("case `{}` {}", case.name, transform.describe());
            let (report, mut exchange) = self
                .exchange(
                    &case.config,
                    case.callback,
                    case.body.clone(),
                    Some(transform.apply(&case.body)),
                    &Expectations::default(),
                    sent.clone(),
                )
                .await;
            let got = decided(&report);
            // A refusal, kept or new, says something about the rewriting only while the
            // receiver still accepts the correct request.
            if report.verdict == Outcome::Pass && is_refusal(got.0) {
                let next = self.control_after(format!("right after {sent}")).await;
                let accepted = next.reading == Reading::Accepted;
                survival.exchanges.push(next.exchange);
                if !accepted {
                    survival.unjudged.push(format!(
                        "{sent} (refused, and so was the correct request sent right after: {})",
                        next.brief
                    ));
                    survival.exchanges.push(exchange);
                    continue;
                }
            }
            survival.cases += 1;
            let problem = if report.verdict != Outcome::Pass {
                Some(format!("{sent}: {}", first_error(&report)))
            } else if got != expected {
                Some(format!(
                    "case `{}` was decided {} when {}, but {} as written",
                    case.name,
                    decision_text(&got),
                    transform.describe(),
                    decision_text(&expected)
                ))
            } else {
                if is_refusal(written) {
                    survival.refused += 1;
                } else {
                    survival.accepted += 1;
                }
                survival.by_body += usize::from(depends_on_body(written));
                None
            };
            exchange.notable = problem.is_some();
            survival.problems.extend(problem);
            survival.exchanges.push(exchange);
        }
    }
}
