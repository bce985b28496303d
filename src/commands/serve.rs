//! `grpcb serve`: the reference receiver in the foreground, logging one line per request,
//! until Ctrl-C or SIGTERM. The log never holds the server up (`app::log`).

use crate::app::log::Log;
use crate::app::output::{self, Format};
use crate::app::status::ExitStatus;
use crate::app::stop::{Signal, Stop};
use crate::cli::ServeArgs;
use crate::engine::serve::connections::descriptor_cap;
use crate::engine::serve::{self, Event, Observer, Server, Setup};
use crate::error::Result;
use crate::render::serve as render;
use serde_json::json;
use std::sync::Arc;
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
    let received = server.stop().await;
    let stopped = render::ServeClosing {
        signal,
        received,
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
