//! Shrinking a failing case: the body made smaller one edit at a time
//! (`contract::generate::shrink`), each smaller body sent as the case was and kept when it
//! fails the same way (the same property, the same finding, under the same rewriting). First
//! the case is sent again: a failure that does not come back is reported as not reproduced
//! and left as it was. Bounded by attempts and time; a signal stops it with the smallest body
//! so far.

use super::report::{ShrinkStatus, Tally, groups};
use super::{Evidence, Failing, FailureKind, FuzzPlan, Progress, judge};
use crate::app::stop::Stop;
use crate::transport::Transport;
use grpcb_contract::catalog::Callback;
use grpcb_contract::generate::shrink as edits;
use serde_json::Value;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// The most smaller bodies one failure's shrinking sends.
pub const MAX_ATTEMPTS: usize = 5000;
/// The longest one failure's shrinking takes.
pub const MAX_TIME: Duration = Duration::from_secs(60);

/// A failing body, as small as shrinking made it.
#[derive(Clone, Debug)]
pub struct Shrunk {
    pub body: Value,
    /// The exchanges of the smallest body that failed.
    pub evidence: Evidence,
    /// Smaller bodies sent.
    pub attempts: usize,
    pub status: ShrinkStatus,
    pub requests: usize,
}

/// Shrinks the first failing case of each way each callback failed, `plan.jobs` at a time;
/// the results are in the order of `report::groups`.
pub async fn all<T>(
    transport: T,
    plan: &FuzzPlan,
    tallies: &[Tally],
    stop: &Stop,
    progress: impl Fn(Progress),
) -> Vec<Option<Shrunk>>
where
    T: Transport + Clone + Send + 'static,
{
    let failures: Vec<(usize, Failing)> = groups(tallies)
        .map(|(callback, group)| (callback, group.failing.clone()))
        .collect();
    let mut out: Vec<Option<Shrunk>> = vec![None; failures.len()];
    if failures.is_empty() || stop.signal().is_some() {
        return out;
    }
    progress(Progress::Shrinking(failures.len()));
    let mut in_flight = JoinSet::new();
    for (index, (callback, failing)) in failures.into_iter().enumerate() {
        while in_flight.len() >= plan.jobs.max(1) {
            if let Some(Ok((at, shrunk))) = in_flight.join_next().await {
                out[at] = Some(shrunk);
            }
        }
        let callback = plan.callbacks[callback];
        let (mut transport, stop) = (transport.clone(), stop.clone());
        in_flight.spawn(async move {
            (
                index,
                shrink(&mut transport, callback, &failing, stop).await,
            )
        });
    }
    while let Some(done) = in_flight.join_next().await {
        if let Ok((at, shrunk)) = done {
            out[at] = Some(shrunk);
        }
    }
    out
}

/// Shrinks one failing case.
async fn shrink(
    transport: &mut impl Transport,
    callback: &'static Callback,
    failing: &Failing,
    mut stop: Stop,
) -> Shrunk {
    let mut best = Shrunk {
        body: failing.body.clone(),
        evidence: failing.evidence.clone(),
        attempts: 0,
        status: ShrinkStatus::NotRun,
        requests: 0,
    };
    let Some((requests, again)) =
        attempt(transport, callback, failing, &failing.body, &mut stop).await
    else {
        return best;
    };
    best.requests += requests;
    match again {
        Some(evidence) => best.evidence = evidence,
        None => {
            best.status = ShrinkStatus::NotReproduced;
            return best;
        }
    }
    let started = Instant::now();
    let mut tried = HashSet::new();
    // Passes over the edits: after a smaller body is kept, the pass goes on from the same
    // place in the new body's edits (those before it were tried), until a pass keeps none.
    let (mut at, mut kept) = (0, false);
    // The edits of the current smallest body, made again only when it changes.
    let mut current = edits::edits(callback, &best.body);
    best.status = loop {
        if stop.signal().is_some() {
            break ShrinkStatus::Stopped;
        }
        if best.attempts >= MAX_ATTEMPTS || started.elapsed() > MAX_TIME {
            break ShrinkStatus::Limit;
        }
        let Some(edit) = current.get(at) else {
            if !kept {
                break ShrinkStatus::Shrunk;
            }
            (at, kept) = (0, false);
            continue;
        };
        let candidate = edit
            .apply(&best.body)
            .filter(|candidate| edits::is_valid(callback, candidate))
            .filter(|candidate| tried.insert(digest(candidate)));
        let Some(candidate) = candidate else {
            at += 1;
            continue;
        };
        best.attempts += 1;
        let Some((requests, failed)) =
            attempt(transport, callback, failing, &candidate, &mut stop).await
        else {
            break ShrinkStatus::Stopped;
        };
        best.requests += requests;
        match failed {
            Some(evidence) => {
                best.body = candidate;
                best.evidence = evidence;
                current = edits::edits(callback, &best.body);
                kept = true;
            }
            None => at += 1,
        }
    };
    best
}

/// Sends `body` as the failing case was sent: the requests it took and, if it failed the
/// same way, its exchanges; `None` when a signal came first.
async fn attempt(
    transport: &mut impl Transport,
    callback: &'static Callback,
    failing: &Failing,
    body: &Value,
    stop: &mut Stop,
) -> Option<(usize, Option<Evidence>)> {
    let kind: FailureKind = failing.kind;
    let judged = tokio::select! {
        biased;
        _ = stop.wait() => return None,
        judged = judge(transport, &failing.config, callback, body, kind.transform.into_iter().collect(), failing.strict) => judged,
    };
    let same = judged
        .failure
        .filter(|(found, _)| *found == kind)
        .map(|(_, evidence)| evidence);
    Some((judged.requests, same))
}

/// A digest of a body, to send no smaller body twice.
fn digest(body: &Value) -> u64 {
    let mut hasher = DefaultHasher::new();
    body.to_string().hash(&mut hasher);
    hasher.finish()
}
