//! `grpcb serve`: the reference receiver in the foreground, logging one line per request,
//! until Ctrl-C or SIGTERM.

use crate::cli::ServeArgs;
use crate::error::Result;
use crate::output::{self, Format, visible};
use crate::serve::{self, Event, Observer, ServeConfig};
use crate::verdict::Severity;
use serde_json::{Value, json};
use std::sync::{Arc, mpsc};

pub fn run(args: &ServeArgs) -> Result<u8> {
    let config = args.options().validate()?;
    let format = Format::from(args.format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    runtime.block_on(serve_until_stopped(config, format))?;
    Ok(0)
}

async fn serve_until_stopped(config: ServeConfig, format: Format) -> Result<()> {
    // Installed before the URL is printed: a SIGTERM right after it must stop us cleanly.
    let mut stop = crate::stop::Stop::install()?;
    let summary = summary(&config);
    let log = Log::start();
    let lines = log.sender.clone();
    let observer: Observer = Arc::new(move |event: &Event| {
        let _ = lines.send(Line::Text(log_line(event, format)));
    });
    let server = serve::start(config, observer).await?;
    let listening = match format {
        Format::Human => format!("grpcb serve: listening on {} (any path)\n", server.url),
        Format::Json => format!(
            "{}\n",
            json!({ "event": "listening", "url": server.url, "addr": server.addr.to_string() })
        ),
    };
    let _ = log.sender.send(Line::Text(listening));
    output::stderr(&format!("grpcb serve: {summary}; Ctrl-C stops it\n"));
    if !server.addr.ip().is_loopback() {
        output::stderr(&format!(
            "grpcb serve: warning: {} is reachable from other machines\n",
            server.addr.ip()
        ));
    }
    stop.wait().await;
    let received = server.stop().await;
    log.finish();
    output::stderr(&format!(
        "grpcb serve: stopped after {received} request{}\n",
        if received == 1 { "" } else { "s" }
    ));
    Ok(())
}

/// What the server checks and does, in a few words for stderr.
fn summary(config: &ServeConfig) -> String {
    let mut parts = vec![match &config.auth.sdkappid {
        Some(sdkappid) => format!("SdkAppid must be {sdkappid}"),
        None => "any SdkAppid".to_string(),
    }];
    parts.push(
        if config.auth.token.is_some() {
            "Sign and RequestTime checked"
        } else {
            "no Sign check (no --token)"
        }
        .to_string(),
    );
    parts.push(match config.rules.len() {
        0 => "no rules: every valid callback is allowed".to_string(),
        1 => "1 rule".to_string(),
        n => format!("{n} rules"),
    });
    if let Some(recorder) = &config.recorder {
        parts.push(format!("recording to {}", recorder.dir().display()));
    }
    parts.join(", ")
}

/// One log line: for people, time, request, callback, answer and findings; for scripts, the
/// event as a JSON object (the same object as a line of the record index).
fn log_line(event: &Event, format: Format) -> String {
    match format {
        Format::Json => {
            let mut value = serde_json::to_value(event).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut value {
                map.shift_insert(0, "event".into(), json!("callback"));
            }
            format!("{value}\n")
        }
        Format::Human => {
            let clock = event.time.get(11..23).unwrap_or(&event.time);
            // What the client sent is escaped: it must not colour or forge a log line.
            let mut line = format!(
                "{clock} {} {} {} -> {} {}",
                visible(&event.method),
                visible(&event.path),
                visible(&event.name()),
                event.status,
                event.decision.as_str()
            );
            if let Some(rule) = event.rule {
                line.push_str(&format!(" (rule {rule})"));
            }
            for finding in &event.findings {
                let mark = match finding.severity {
                    Severity::Error => "",
                    Severity::Warning => "note: ",
                };
                line.push_str(&format!(" | {mark}{}", visible(&finding.message)));
            }
            if let Some(file) = &event.file {
                line.push_str(&format!(" | saved {file}"));
            }
            line.push('\n');
            line
        }
    }
}

/// How long the log writer lets lines gather before one write: short enough to read as
/// live, long enough that a loaded server writes in batches.
const LOG_BATCH_PAUSE: std::time::Duration = std::time::Duration::from_millis(5);

enum Line {
    Text(String),
    End,
}

/// Log lines are written by one thread, in order, so a slow or closed stdout never holds a
/// request handler.
struct Log {
    sender: mpsc::Sender<Line>,
    writer: std::thread::JoinHandle<()>,
}

impl Log {
    fn start() -> Log {
        let (sender, receiver) = mpsc::channel();
        let writer = std::thread::spawn(move || {
            // One write per batch: after the first line a short pause lets a burst gather,
            // so a busy server neither wakes this thread nor makes a write per request.
            while let Ok(first) = receiver.recv() {
                std::thread::sleep(LOG_BATCH_PAUSE);
                let mut batch = String::new();
                let mut end = false;
                for line in std::iter::once(first).chain(receiver.try_iter()) {
                    match line {
                        Line::Text(text) => batch.push_str(&text),
                        Line::End => {
                            end = true;
                            break;
                        }
                    }
                }
                // A closed stdout (`| head`) must not stop the server; lines are dropped.
                let _ = output::stdout(&batch);
                if end {
                    break;
                }
            }
        });
        Log { sender, writer }
    }

    /// Writes every line sent so far, then stops the writer.
    fn finish(self) {
        let _ = self.sender.send(Line::End);
        let _ = self.writer.join();
    }
}
