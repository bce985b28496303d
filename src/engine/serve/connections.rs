//! The connections of `grpcb serve`: how many may be open, which to close when there are too
//! many, and the counts the log reports. A silent or slow client must not hold the server:
//! headers and bodies have a read timeout (`--read-timeout`, applied where they are read), and
//! at the connection limit (`--max-connections`) the connection idle longest is closed to make
//! room, as nginx reuses idle keep-alive connections. Idle means no request in progress: a
//! kept-alive connection between requests, or one still sending its request head or body
//! (the server does nothing for it until the body is in). Connections
//! that never completed a request (a flood of silent or slow clients) go before kept-alive
//! ones that did (IM's). When every connection is busy, new ones wait in the kernel's backlog.

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;
use tokio::sync::Notify;

/// Descriptors kept free for what the server opens besides connections (records, the log)
/// and for the connections told to close that still hold theirs (`CLOSING_ROOM`).
const SPARE_DESCRIPTORS: u64 = 32;

/// How many connections told to close, still holding their descriptor until they do, may
/// be open beyond the limit; past that a new connection waits for one to close.
const CLOSING_ROOM: usize = 8;

/// The largest connection limit the open-file limit (`ulimit -n`) allows, when it is known
/// and lower than what was asked; with more, accepting would fail with "too many open files".
pub fn descriptor_cap(wanted: usize) -> Option<(usize, u64)> {
    let limit = open_file_limit()?;
    let cap = usize::try_from(limit.saturating_sub(SPARE_DESCRIPTORS).max(1)).ok()?;
    (cap < wanted).then_some((cap, limit))
}

#[cfg(unix)]
fn open_file_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<u64> {
    None
}

/// What happened to connections so far; the log reports changes, the summary the totals.
#[derive(Debug, Default)]
pub struct Stats {
    pub accepted: AtomicU64,
    /// Closed by the server: no complete request head within the read timeout.
    pub header_timeouts: AtomicU64,
    /// Idle connections closed to make room at the limit.
    pub closed_at_limit: AtomicU64,
    /// Times the limit was reached with every connection busy (new ones waited).
    pub full: AtomicU64,
    /// `accept` failed (most often: out of file descriptors).
    pub accept_errors: AtomicU64,
}

/// A copy of the counts at one moment, plus how many connections were open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub open: u64,
    pub accepted: u64,
    pub header_timeouts: u64,
    pub closed_at_limit: u64,
    pub full: u64,
    pub accept_errors: u64,
}

impl Stats {
    pub fn count(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// The open connections, and whether each has a request in progress.
#[derive(Debug)]
pub struct Registry {
    limit: usize,
    table: Mutex<Table>,
    /// Told whenever room may have appeared (a connection closed or went idle), when
    /// someone waits for it.
    changed: Notify,
    waiting: AtomicU64,
    pub stats: Stats,
}

#[derive(Debug, Default)]
struct Table {
    next: u64,
    open: BTreeMap<u64, Slot>,
}

#[derive(Debug)]
struct Slot {
    /// Since when no request is in progress; `None` while one is.
    idle_since: Option<Instant>,
    /// Told to close, to make room.
    close: Arc<Notify>,
    closing: bool,
    /// Whether a request ever arrived on it.
    served: bool,
}

impl Table {
    /// Connections that count against the limit: those not already told to close.
    fn counted(&self) -> usize {
        self.open.values().filter(|slot| !slot.closing).count()
    }

    /// Whether a new connection can be taken within `limit`: every open socket counts
    /// until it is closed, those told to close included; at the limit, one idle connection
    /// can be closed for it while few enough are still closing (so the descriptors stay
    /// below the open-file limit, `SPARE_DESCRIPTORS`).
    fn has_room(&mut self, limit: usize) -> bool {
        let sockets = self.open.len();
        sockets < limit || (sockets < limit + CLOSING_ROOM && self.longest_idle().is_some())
    }

    /// The connection to close for room: idle and not already closing; of those, one that
    /// never served a request, idle longest.
    fn longest_idle(&mut self) -> Option<&mut Slot> {
        self.open
            .values_mut()
            .filter(|slot| !slot.closing && slot.idle_since.is_some())
            .min_by_key(|slot| (slot.served, slot.idle_since))
    }
}

impl Registry {
    pub fn new(limit: usize) -> Arc<Registry> {
        Arc::new(Registry {
            limit: limit.max(1),
            table: Mutex::new(Table::default()),
            changed: Notify::new(),
            waiting: AtomicU64::new(0),
            stats: Stats::default(),
        })
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    fn table(&self) -> MutexGuard<'_, Table> {
        self.table
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits until a new connection can be taken: below the limit, or at it with an idle
    /// connection that can be closed for it. Returns whether it had to wait.
    pub async fn room(&self) -> bool {
        // Counted before looking, so a connection going idle meanwhile wakes us; uncounted
        // however this ends (the accept loop may drop it to stop).
        struct Waiting<'a>(&'a AtomicU64);
        impl Drop for Waiting<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let _waiting = Waiting(&self.waiting);
        let mut waited = false;
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            {
                let mut table = self.table();
                if table.has_room(self.limit) {
                    return waited;
                }
            }
            if !waited {
                Stats::count(&self.stats.full);
                waited = true;
            }
            changed.await;
        }
    }

    /// Registers a new connection (idle until its first request head arrives); at the limit,
    /// the connection idle longest is told to close. The ticket unregisters on drop.
    pub fn open(self: &Arc<Self>) -> Ticket {
        Stats::count(&self.stats.accepted);
        let mut table = self.table();
        if table.counted() >= self.limit
            && let Some(victim) = table.longest_idle()
        {
            victim.closing = true;
            victim.close.notify_one();
            Stats::count(&self.stats.closed_at_limit);
        }
        let id = table.next;
        table.next += 1;
        let close = Arc::new(Notify::new());
        table.open.insert(
            id,
            Slot {
                idle_since: Some(Instant::now()),
                close: close.clone(),
                closing: false,
                served: false,
            },
        );
        Ticket {
            id,
            close,
            registry: self.clone(),
        }
    }

    /// Closes the connection idle longest, if any (after `accept` ran out of descriptors).
    pub fn close_longest_idle(&self) -> bool {
        let mut table = self.table();
        let Some(victim) = table.longest_idle() else {
            return false;
        };
        victim.closing = true;
        victim.close.notify_one();
        Stats::count(&self.stats.closed_at_limit);
        true
    }

    pub fn snapshot(&self) -> Snapshot {
        let stats = &self.stats;
        let load = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        Snapshot {
            open: u64::try_from(self.table().open.len()).unwrap_or(u64::MAX),
            accepted: load(&stats.accepted),
            header_timeouts: load(&stats.header_timeouts),
            closed_at_limit: load(&stats.closed_at_limit),
            full: load(&stats.full),
            accept_errors: load(&stats.accept_errors),
        }
    }

    fn set_idle(&self, id: u64, idle: bool) {
        if let Some(slot) = self.table().open.get_mut(&id) {
            slot.idle_since = idle.then(Instant::now);
            slot.served |= !idle;
        }
        // Only the accept loop waits, and only at the limit: no wake-up per request otherwise.
        if idle && self.waiting.load(Ordering::SeqCst) > 0 {
            self.changed.notify_waiters();
        }
    }
}

/// One open connection's place in the registry.
#[derive(Debug)]
pub struct Ticket {
    id: u64,
    close: Arc<Notify>,
    registry: Arc<Registry>,
}

impl Ticket {
    /// Resolves when the registry wants this connection closed to make room.
    pub async fn told_to_close(&self) {
        self.close.notified().await;
    }

    /// Whether a whole request ever arrived on this connection (so an answer may still be
    /// being written to it).
    pub fn served(&self) -> bool {
        self.registry
            .table()
            .open
            .get(&self.id)
            .is_some_and(|slot| slot.served)
    }

    /// Marks a request in progress (its whole request is in) until `answered_on_drop`'s
    /// guard drops.
    pub fn mark_busy(&self) {
        self.registry.set_idle(self.id, false);
    }

    /// A guard that, dropped once the answer is made, marks the connection idle again if a
    /// request was in progress.
    pub fn answered_on_drop(self: &Arc<Self>) -> Answered {
        Answered(self.clone())
    }

    /// Marks a request in progress until the guard drops.
    pub fn busy(self: &Arc<Self>) -> Busy {
        self.registry.set_idle(self.id, false);
        Busy(self.clone())
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.registry.table().open.remove(&self.id);
        self.registry.changed.notify_waiters();
    }
}

/// A request handed to the handler; idle again when it is answered, if it went busy.
pub struct Answered(Arc<Ticket>);

impl Drop for Answered {
    fn drop(&mut self) {
        let busy = self
            .0
            .registry
            .table()
            .open
            .get(&self.0.id)
            .is_some_and(|slot| slot.idle_since.is_none());
        if busy {
            self.0.registry.set_idle(self.0.id, true);
        }
    }
}

/// A request in progress on a connection.
pub struct Busy(Arc<Ticket>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.registry.set_idle(self.0.id, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn at_the_limit_the_longest_idle_connection_is_told_to_close() {
        let registry = Registry::new(2);
        let first = Arc::new(registry.open());
        let second = Arc::new(registry.open());
        let _busy = first.busy();
        assert!(!registry.room().await, "an idle connection makes room");
        let _third = registry.open();
        // The idle one (second) goes, not the busy one.
        tokio::time::timeout(Duration::from_secs(1), second.told_to_close())
            .await
            .expect("second told to close");
        assert_eq!(registry.snapshot().closed_at_limit, 1);
        assert_eq!(registry.snapshot().open, 3);
        drop(second);
        assert_eq!(registry.snapshot().open, 2);
    }

    #[tokio::test]
    async fn a_connection_that_never_sent_a_request_goes_before_a_kept_alive_one() {
        let registry = Registry::new(2);
        let kept_alive = Arc::new(registry.open());
        drop(kept_alive.busy());
        let silent = Arc::new(registry.open());
        let _new = registry.open();
        tokio::time::timeout(Duration::from_secs(1), silent.told_to_close())
            .await
            .expect("the silent one goes");
        let close = tokio::time::timeout(Duration::from_millis(20), kept_alive.told_to_close());
        assert!(close.await.is_err(), "the kept-alive one stays");
    }

    #[tokio::test]
    async fn connections_told_to_close_count_until_they_are_closed() {
        let registry = Registry::new(2);
        let mut open = Vec::new();
        // At the limit with idle connections, each new one closes another, until
        // CLOSING_ROOM of them still hold their sockets: then a new one waits.
        for _ in 0..2 + CLOSING_ROOM {
            assert!(!registry.room().await);
            open.push(registry.open());
        }
        assert_eq!(
            registry.snapshot().open,
            u64::try_from(2 + CLOSING_ROOM).unwrap()
        );
        let waiting = tokio::spawn({
            let registry = registry.clone();
            async move { registry.room().await }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(
            !waiting.is_finished(),
            "sockets still closing hold descriptors"
        );
        drop(open.remove(0));
        assert!(waiting.await.unwrap(), "room once one is closed");
    }

    #[tokio::test]
    async fn with_every_connection_busy_a_new_one_waits() {
        let registry = Registry::new(1);
        let only = Arc::new(registry.open());
        let busy = only.busy();
        let waiting = tokio::spawn({
            let registry = registry.clone();
            async move { registry.room().await }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(!waiting.is_finished());
        drop(busy);
        assert!(waiting.await.unwrap(), "it waited");
        assert_eq!(registry.snapshot().full, 1);
    }
}
