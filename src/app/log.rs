//! The log of a server (`grpcb serve`, `grpcb listen`) on stdout. It never holds the server
//! up: lines go through a bounded queue to one writer thread, and when stdout does not keep
//! up they are dropped and counted.

use crate::app::output;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

/// How long the log writer lets lines gather before one write: short enough to read as
/// live, long enough that a loaded server writes in batches.
const LOG_BATCH_PAUSE: Duration = Duration::from_millis(5);
/// Lines the log holds for the writer; beyond, new lines are dropped and counted: many
/// seconds of a busy server.
const LOG_QUEUE: usize = 4096;
/// Bytes the queued lines may hold in all (a line may quote what a client or a receiver
/// sent); beyond, new lines are dropped and counted too.
const LOG_BYTES: usize = 16 << 20;

/// Log lines are written by one thread, in order, so a slow or closed stdout never holds a
/// request handler, and a stdout nobody reads never fills memory.
#[derive(Clone)]
pub struct Log {
    lines: mpsc::SyncSender<String>,
    shared: Arc<LogShared>,
}

struct LogShared {
    dropped: AtomicU64,
    /// Bytes queued and not yet written.
    queued: AtomicUsize,
    /// Set when the server stopped: the writer ends once the queue is empty.
    ending: AtomicBool,
    /// Set by the writer when it has written everything and ended.
    done: AtomicBool,
}

impl Log {
    pub fn start() -> Log {
        let (lines, queue) = mpsc::sync_channel::<String>(LOG_QUEUE);
        let shared = Arc::new(LogShared {
            dropped: AtomicU64::new(0),
            queued: AtomicUsize::new(0),
            ending: AtomicBool::new(false),
            done: AtomicBool::new(false),
        });
        let writer_shared = shared.clone();
        std::thread::spawn(move || write_lines(&queue, &writer_shared));
        Log { lines, shared }
    }

    /// Queues a line, or drops and counts it when the queue is full.
    pub fn line(&self, text: String) {
        let size = text.len();
        let queued = self.shared.queued.fetch_add(size, Ordering::SeqCst);
        if queued + size > LOG_BYTES || self.lines.try_send(text).is_err() {
            self.shared.queued.fetch_sub(size, Ordering::SeqCst);
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn dropped(&self) -> u64 {
        self.shared.dropped.load(Ordering::Relaxed)
    }

    /// Lets the writer write what is queued, for `drain` at most: a stdout nobody reads
    /// must not keep the process from exiting.
    pub fn finish(&self, drain: Duration) {
        self.shared.ending.store(true, Ordering::SeqCst);
        let started = std::time::Instant::now();
        while !self.shared.done.load(Ordering::SeqCst) && started.elapsed() < drain {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// The writer thread: one write per batch; after the first line a short pause lets a burst
/// gather, so a busy server neither wakes this thread nor makes a write per request.
fn write_lines(queue: &mpsc::Receiver<String>, shared: &Arc<LogShared>) {
    loop {
        let first = match queue.recv_timeout(Duration::from_millis(50)) {
            Ok(line) => line,
            Err(mpsc::RecvTimeoutError::Timeout) if !shared.ending.load(Ordering::SeqCst) => {
                continue;
            }
            Err(_) => break,
        };
        std::thread::sleep(LOG_BATCH_PAUSE);
        let mut batch = first;
        for line in queue.try_iter() {
            batch.push_str(&line);
        }
        shared.queued.fetch_sub(batch.len(), Ordering::SeqCst);
        // A closed stdout (`| head`) must not stop the server; lines are dropped.
        let _ = output::stdout(&batch);
    }
    shared.done.store(true, Ordering::SeqCst);
}
