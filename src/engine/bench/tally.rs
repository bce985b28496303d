//! Counting judged exchanges without keeping them: fixed-size counters and one latency
//! histogram per thread, merged at the end, so memory stays flat however many requests run.

use crate::config::BUDGET;
use grpcb_contract::exchange::{FailureKind, Response, TransportFailure};
use grpcb_contract::verdict::{Code, Decision, Outcome, Severity, Verdict};
use hdrhistogram::Histogram;
use std::time::Duration;
use strum::VariantArray;

/// The histogram's range in microseconds: 1 µs to an hour, 3 significant digits.
const LOWEST_US: u64 = 1;
const HIGHEST_US: u64 = 3_600_000_000;
const SIGNIFICANT_DIGITS: u8 = 3;

/// One finding code's count, and the first message seen for it.
#[derive(Clone, Debug, Default)]
pub struct CodeCount {
    pub errors: u64,
    pub warnings: u64,
    pub example: Option<String>,
}

/// What a run (or one thread of it) has seen.
#[derive(Clone, Debug)]
pub struct Tally {
    /// Every request sent: passed + failed + errored.
    pub sent: u64,
    /// Answered and keeping the contract and the expectations.
    pub passed: u64,
    /// Answered, but breaking the contract or an expectation.
    pub failed: u64,
    /// No answer at all (refused, timeout, ...).
    pub errored: u64,
    /// Of those, no complete answer within the timeout: each counts in `latency` and
    /// `over_budget` as taking the timeout (or longer), which it did at least.
    pub timed_out: u64,
    /// Answers, and timed-out requests, later than IM's 2 s budget.
    pub over_budget: u64,
    /// Indexed like `Decision::VARIANTS`.
    pub decisions: [u64; Decision::VARIANTS.len()],
    /// Indexed like `Code::VARIANTS`.
    pub findings: Vec<CodeCount>,
    /// Indexed like `FailureKind::VARIANTS`.
    pub transport: [u64; FailureKind::VARIANTS.len()],
    /// Latency of answers and of timed-out requests, in microseconds.
    pub latency: Histogram<u64>,
}

impl Tally {
    /// Fails only if the histogram's fixed bounds were invalid.
    pub fn new() -> anyhow::Result<Tally> {
        let latency = Histogram::new_with_bounds(LOWEST_US, HIGHEST_US, SIGNIFICANT_DIGITS)
            .map_err(|err| anyhow::anyhow!("cannot make the latency histogram: {err}"))?;
        Ok(Tally {
            sent: 0,
            passed: 0,
            failed: 0,
            errored: 0,
            timed_out: 0,
            over_budget: 0,
            decisions: [0; Decision::VARIANTS.len()],
            findings: vec![CodeCount::default(); Code::VARIANTS.len()],
            transport: [0; FailureKind::VARIANTS.len()],
            latency,
        })
    }

    /// Counts one judged exchange; `latency` is the answer's, as the report measures it, or
    /// for a timeout how long the request waited (the timeout, or more from its due time).
    pub fn record(
        &mut self,
        verdict: &Verdict,
        exchange: &Result<Response, TransportFailure>,
        latency: Duration,
    ) {
        self.sent += 1;
        match verdict.outcome {
            Outcome::Pass => self.passed += 1,
            Outcome::Fail => self.failed += 1,
            Outcome::Error => self.errored += 1,
        }
        if let Some(index) = Decision::VARIANTS
            .iter()
            .position(|d| *d == verdict.decision)
        {
            self.decisions[index] += 1;
        }
        for finding in &verdict.findings {
            let Some(index) = Code::VARIANTS.iter().position(|code| *code == finding.code) else {
                continue;
            };
            let count = &mut self.findings[index];
            match finding.severity {
                Severity::Error => count.errors += 1,
                Severity::Warning => count.warnings += 1,
            }
            if count.example.is_none() {
                count.example = Some(finding.message.clone());
            }
        }
        let timed_out = matches!(exchange, Err(error) if error.kind == FailureKind::Timeout);
        if let Err(error) = exchange
            && let Some(index) = FailureKind::VARIANTS.iter().position(|f| *f == error.kind)
        {
            self.transport[index] += 1;
        }
        if exchange.is_ok() || timed_out {
            self.timed_out += u64::from(timed_out);
            let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
            self.latency.saturating_record(micros.max(LOWEST_US));
            if latency > BUDGET {
                self.over_budget += 1;
            }
        }
    }

    /// Adds another thread's counts to these.
    pub fn merge(&mut self, other: Tally) {
        self.sent += other.sent;
        self.passed += other.passed;
        self.failed += other.failed;
        self.errored += other.errored;
        self.timed_out += other.timed_out;
        self.over_budget += other.over_budget;
        for (mine, theirs) in self.decisions.iter_mut().zip(other.decisions) {
            *mine += theirs;
        }
        for (mine, theirs) in self.findings.iter_mut().zip(other.findings) {
            mine.errors += theirs.errors;
            mine.warnings += theirs.warnings;
            if mine.example.is_none() {
                mine.example = theirs.example;
            }
        }
        for (mine, theirs) in self.transport.iter_mut().zip(other.transport) {
            *mine += theirs;
        }
        // Same bounds on both sides, so adding cannot fail; were it to, the percentiles
        // would lack that thread's answers, never the counts above.
        let _ = self.latency.add(&other.latency);
    }

    /// Answers of any kind: passed + failed.
    pub fn answered(&self) -> u64 {
        self.passed + self.failed
    }

    /// Requests with a latency: answers and timed-out requests.
    pub fn timed(&self) -> u64 {
        self.answered() + self.timed_out
    }

    /// Whether the latency at quantile `q` is a timed-out request's, and so only a lower
    /// bound: the timed-out requests are the slowest (an answer comes within the timeout),
    /// so it is when they are more than the share of requests above `q`.
    pub fn at_least(&self, q: f64) -> bool {
        let timed = self.timed();
        let rank = ((timed as f64) * q).ceil() as u64;
        self.timed_out > 0 && rank > timed - self.timed_out
    }

    /// The latency at quantile `q` (0.5 for p50), or None without answers.
    pub fn quantile(&self, q: f64) -> Option<Duration> {
        (!self.latency.is_empty()).then(|| Duration::from_micros(self.latency.value_at_quantile(q)))
    }

    pub fn max(&self) -> Option<Duration> {
        (!self.latency.is_empty()).then(|| Duration::from_micros(self.latency.max()))
    }

    pub fn mean(&self) -> Option<Duration> {
        (!self.latency.is_empty()).then(|| Duration::from_secs_f64(self.latency.mean() / 1e6))
    }

    /// Decisions with their counts, in `Decision::VARIANTS` order, leaving out those never made.
    pub fn decision_counts(&self) -> impl Iterator<Item = (Decision, u64)> + '_ {
        Decision::VARIANTS
            .iter()
            .copied()
            .zip(self.decisions)
            .filter(|(_, count)| *count > 0)
    }

    /// Finding codes seen, most frequent first (ties in `Code::VARIANTS` order).
    pub fn finding_counts(&self) -> Vec<(Code, &CodeCount)> {
        let mut seen: Vec<(Code, &CodeCount)> = Code::VARIANTS
            .iter()
            .copied()
            .zip(&self.findings)
            .filter(|(_, count)| count.errors + count.warnings > 0)
            .collect();
        seen.sort_by_key(|(_, count)| std::cmp::Reverse(count.errors + count.warnings));
        seen
    }

    /// Transport failures by kind, leaving out kinds never seen.
    pub fn transport_counts(&self) -> impl Iterator<Item = (FailureKind, u64)> + '_ {
        FailureKind::VARIANTS
            .iter()
            .copied()
            .zip(self.transport)
            .filter(|(_, count)| *count > 0)
    }
}
