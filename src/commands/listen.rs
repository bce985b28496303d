//! `grpcb listen --forward-to URL`: the relay in the foreground, one line per callback, until
//! Ctrl-C or SIGTERM; then every exchange in flight finishes, is logged and recorded, and the
//! summary is printed. The log never holds the relay up (`app::log`).

use crate::app::log::Log;
use crate::app::output::{self, Format, Verbosity};
use crate::app::status::ExitStatus;
use crate::app::stop::{Signal, Stop};
use crate::cli::ListenArgs;
use crate::engine::listen::{self, Observer, Relay, Relayed, Setup};
use crate::engine::serve::connections::descriptor_cap;
use crate::error::Result;
use crate::render::listen::{self as render, ListenClosing};
use crate::render::serve::connection_line;
use crate::render::style;
use std::sync::Arc;
use std::time::Duration;

pub fn run(args: &ListenArgs) -> Result<ExitStatus> {
    let setup = Setup::open(args.options().validate()?)?;
    if let Some(warning) = render::unlocked_warning(&setup) {
        output::stderr(&warning);
    }
    let format = Format::from(args.format);
    let verbosity = args.verbosity();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let signal = runtime.block_on(listen_until_stopped(setup, format, verbosity));
    // A connection task that ignores its stop must not keep the process alive.
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(signal?.status())
}

/// How often the connection counts are looked at; a change gets one log line.
const REPORT_EVERY: Duration = Duration::from_secs(1);
/// How long the log may take to write what is queued once the relay stopped.
const LOG_DRAIN: Duration = Duration::from_secs(1);

async fn listen_until_stopped(
    mut setup: Setup,
    format: Format,
    verbosity: Verbosity,
) -> Result<Signal> {
    // Installed before the URL is printed: a SIGTERM right after it must stop us cleanly.
    let mut stop = Stop::install()?;
    let capped = descriptor_cap(setup.limits.max_connections);
    if let Some((cap, _)) = capped {
        setup.limits.max_connections = cap;
    }
    let summary = render::summary(&setup, capped.map(|(_, limit)| limit));
    let forward_to = crate::error::secret::shown(setup.forward_to.as_str()).into_owned();
    let loopback = setup.addr.ip().is_loopback();
    let log = Log::start();
    let observer: Observer = {
        let log = log.clone();
        let style = style::stdout();
        Arc::new(move |relayed: &Relayed| {
            if let Some(why) = &relayed.unrecorded {
                output::stderr(&format!("grpcb listen: {why}\n"));
            }
            if verbosity != Verbosity::Quiet {
                let verbose = verbosity == Verbosity::Verbose;
                log.line(render::exchange(relayed, format, verbose, style));
            }
        })
    };
    let relay = listen::start(setup, observer).await?;
    log.line(render::listening_line(&relay.url, &forward_to, format));
    output::stderr(&format!("grpcb listen: {summary}; Ctrl-C stops it\n"));
    if !loopback {
        output::stderr(&format!(
            "grpcb listen: warning: {} is reachable from other machines\n",
            relay.addr.ip()
        ));
    }
    let signal = report_connections_until(&relay, &log, format, &mut stop).await;
    let connections = relay.connections();
    let totals = relay.stop().await;
    let closing = ListenClosing {
        signal,
        totals,
        connections,
        dropped: log.dropped(),
    };
    if format == Format::Json {
        log.line(format!("{}\n", closing.to_json()));
    }
    log.finish(LOG_DRAIN);
    // Counted again: the closing line itself may not have fitted.
    let closing = ListenClosing {
        dropped: log.dropped(),
        ..closing
    };
    output::stderr(&format!("{}\n", closing.line()));
    Ok(signal)
}

/// Logs a line whenever the connection counts change, at most once per `REPORT_EVERY`,
/// until a signal comes.
async fn report_connections_until(
    relay: &Relay,
    log: &Log,
    format: Format,
    stop: &mut Stop,
) -> Signal {
    let mut last = relay.connections();
    let mut ticks = tokio::time::interval(REPORT_EVERY);
    loop {
        tokio::select! {
            signal = stop.wait() => return signal,
            _ = ticks.tick() => {}
        }
        let now = relay.connections();
        if let Some(line) = connection_line(&last, &now, relay.max_connections(), format) {
            log.line(line);
        }
        last = now;
    }
}
