//! `grpcb serve`: the reference receiver in the foreground, logging one line per request,
//! until Ctrl-C or SIGTERM. The log never holds the server up: lines go through a bounded
//! queue to one writer thread, and when stdout does not keep up they are dropped and counted.

use crate::app::output::{self, Format};
use crate::app::status::ExitStatus;
use crate::app::stop::{Signal, Stop};
use crate::cli::ServeArgs;
use crate::engine::serve::connections::descriptor_cap;
use crate::engine::serve::{self, Event, Observer, Server, Setup};
use crate::error::Result;
use crate::render::serve as render;
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

pub fn run(args: &ServeArgs) -> Result<ExitStatus> {
    let config = Setup::open(args.options().validate()?)?;
    if let Some(warning) = render::unlocked_warning(&config) {
        output::stderr(&warning);
    }
    let format = Format::from(args.format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let signal = runtime.block_on(serve_until_stopped(config, format));
    // A record still being written, or a connection task that ignores its stop, must not
    // keep the process alive.
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(signal?.status())
}

/// How often the connection counts are looked at; a change gets one log line.
const REPORT_EVERY: Duration = Duration::from_secs(1);
/// How long the log may take to write what is queued once the server stopped.
const LOG_DRAIN: Duration = Duration::from_secs(1);

async fn serve_until_stopped(mut config: Setup, format: Format) -> Result<Signal> {
    // Installed before the URL is printed: a SIGTERM right after it must stop us cleanly.
    let mut stop = Stop::install()?;
    let capped = descriptor_cap(config.limits.max_connections);
    if let Some((cap, _)) = capped {
        config.limits.max_connections = cap;
    }
    let summary = render::summary(&config, capped.map(|(_, limit)| limit));
    let log = Log::start();
    let observer: Observer = {
        let log = log.clone();
        Arc::new(move |event: &Event| {
            if let Some(why) = &event.unrecorded {
                output::stderr(&format!("grpcb serve: {why}\n"));
            }
            log.line(render::log_line(event, format));
        })
    };
    let server = serve::start(config, observer).await?;
    let listening = match format {
        Format::Human => format!("grpcb serve: listening on {} (any path)\n", server.url),
        Format::Json => format!(
            "{}\n",
            json!({ "event": "listening", "url": server.url, "addr": server.addr.to_string() })
        ),
    };
    log.line(listening);
    output::stderr(&format!("grpcb serve: {summary}; Ctrl-C stops it\n"));
    if !server.addr.ip().is_loopback() {
        output::stderr(&format!(
            "grpcb serve: warning: {} is reachable from other machines\n",
            server.addr.ip()
        ));
    }
    let signal = report_connections_until(&server, &log, format, &mut stop).await;
    let connections = server.connections();
    let handled = server.stop().await;
    let stopped = render::ServeClosing {
        signal,
        received: handled.received,
        cut_off: handled.cut_off,
        connections,
        dropped: log.dropped(),
    };
    if format == Format::Json {
        log.line(format!("{}\n", stopped.to_json()));
    }
    log.finish(LOG_DRAIN);
    // Counted again: the closing line itself may not have fitted.
    output::stderr(&format!(
        "{}\n",
        render::ServeClosing {
            dropped: log.dropped(),
            ..stopped
        }
        .line()
    ));
    Ok(signal)
}

/// Logs a line whenever the connection counts change (a flood of slow clients, the limit
/// reached), at most once per `REPORT_EVERY`, until a signal comes.
async fn report_connections_until(
    server: &Server,
    log: &Log,
    format: Format,
    stop: &mut Stop,
) -> Signal {
    let mut last = server.connections();
    let mut ticks = tokio::time::interval(REPORT_EVERY);
    loop {
        tokio::select! {
            signal = stop.wait() => return signal,
            _ = ticks.tick() => {}
        }
        let now = server.connections();
        if let Some(line) = render::connection_line(&last, &now, server.max_connections(), format) {
            log.line(line);
        }
        last = now;
    }
}

/// How long the log writer lets lines gather before one write: short enough to read as
/// live, long enough that a loaded server writes in batches.
const LOG_BATCH_PAUSE: Duration = Duration::from_millis(5);
/// Lines the log holds for the writer; beyond, new lines are dropped and counted. About a
/// megabyte at most, and many seconds of a busy server.
const LOG_QUEUE: usize = 4096;

/// Log lines are written by one thread, in order, so a slow or closed stdout never holds a
/// request handler, and a stdout nobody reads never fills memory.
#[derive(Clone)]
struct Log {
    lines: mpsc::SyncSender<String>,
    shared: Arc<LogShared>,
}

struct LogShared {
    dropped: AtomicU64,
    /// Set when the server stopped: the writer ends once the queue is empty.
    ending: AtomicBool,
    /// Set by the writer when it has written everything and ended.
    done: AtomicBool,
}

impl Log {
    fn start() -> Log {
        let (lines, queue) = mpsc::sync_channel::<String>(LOG_QUEUE);
        let shared = Arc::new(LogShared {
            dropped: AtomicU64::new(0),
            ending: AtomicBool::new(false),
            done: AtomicBool::new(false),
        });
        let writer_shared = shared.clone();
        std::thread::spawn(move || write_lines(&queue, &writer_shared));
        Log { lines, shared }
    }

    /// Queues a line, or drops and counts it when the queue is full.
    fn line(&self, text: String) {
        if self.lines.try_send(text).is_err() {
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn dropped(&self) -> u64 {
        self.shared.dropped.load(Ordering::Relaxed)
    }

    /// Lets the writer write what is queued, for `drain` at most: a stdout nobody reads
    /// must not keep the process from exiting.
    fn finish(&self, drain: Duration) {
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
        // A closed stdout (`| head`) must not stop the server; lines are dropped.
        let _ = output::stdout(&batch);
    }
    shared.done.store(true, Ordering::SeqCst);
}
