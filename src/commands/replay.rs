//! `grpcb replay DIR --url URL`: every callback of a recording sent again, in recorded order,
//! one line each as it is judged, then the totals (`crate::replay` has the rules).

use crate::check::check_request;
use crate::cli::ReplayArgs;
use crate::client;
use crate::config::RequestConfig;
use crate::error::{Error, Result, exit};
use crate::output::{self, Format, Verbosity};
use crate::replay::{self, Entry, Overrides, Replayed, Status, Totals};
use crate::report::human;
use crate::stop::{Signal, Stop};
use colored::{ColoredString, Colorize};
use serde_json::{Value, json};

/// File names are padded to line up, up to this width.
const FILE_COLUMN: usize = 40;

pub fn run(args: &ReplayArgs) -> Result<u8> {
    output::decide_color(args.output.color.into());
    let options = args.request.options();
    let overrides = Overrides {
        sdkappid: options.sdkappid.is_some(),
        client_ip: options.client_ip.is_some(),
        platform: options.platform.is_some(),
    };
    let config = options.validate()?;
    let entries = replay::load(&args.dir)?;
    let printer = Printer {
        format: Format::from(args.output.format),
        verbosity: args.output.verbosity(),
        width: entries
            .iter()
            .map(|entry| entry.file.chars().count())
            .max()
            .unwrap_or(0)
            .min(FILE_COLUMN),
    };
    let recorded = entries.len();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let (replays, signal) = runtime.block_on(replay_all(
        entries,
        &config,
        &overrides,
        args.strict,
        &printer,
    ))?;
    let totals = Totals::of(&replays, recorded);
    printer.closing(
        &args.dir.display().to_string(),
        &replays,
        &totals,
        signal,
        args.strict,
    )?;
    Ok(match signal {
        Some(signal) => signal.exit_code(),
        None => match totals.verdict(args.strict) {
            "pass" => exit::OK,
            "error" => exit::TRANSPORT,
            _ => exit::CONTRACT,
        },
    })
}

/// Replays the entries in order until they are done or a signal comes (the replay in flight
/// is then dropped); prints each line as it is judged.
async fn replay_all(
    entries: Vec<Entry>,
    config: &RequestConfig,
    overrides: &Overrides,
    strict: bool,
    printer: &Printer,
) -> Result<(Vec<Replayed>, Option<Signal>)> {
    let mut stop = Stop::install()?;
    let http = client::http_client()?;
    let mut replays = Vec::new();
    for entry in entries {
        let replayed = tokio::select! {
            signal = stop.wait() => return Ok((replays, Some(signal))),
            replayed = replay_one(&http, config, overrides, entry, strict) => replayed?,
        };
        printer.line(&replayed)?;
        replays.push(replayed);
    }
    Ok((replays, stop.signal()))
}

async fn replay_one(
    http: &reqwest::Client,
    config: &RequestConfig,
    overrides: &Overrides,
    entry: Entry,
    strict: bool,
) -> Result<Replayed> {
    let Some(callback) = entry.callback else {
        return Ok(replay::skipped(entry));
    };
    let bytes = std::fs::read(&entry.path)
        .map_err(|err| Error::input(format!("cannot read {}: {err}", entry.path.display())))?;
    let request = replay::request(&entry, config, overrides, bytes);
    let expect = replay::expectations(&entry, strict);
    let report = check_request(http, config, callback, &request, &expect).await;
    Ok(replay::judge(entry, report))
}

struct Printer {
    format: Format,
    verbosity: Verbosity,
    width: usize,
}

impl Printer {
    fn stdout(&self, text: &str) -> Result<()> {
        output::stdout(text)
    }

    /// One line per replay (human), the full exchange too with `-v`.
    fn line(&self, replayed: &Replayed) -> Result<()> {
        match (self.format, self.verbosity) {
            (_, Verbosity::Quiet) => Ok(()),
            (Format::Human, verbosity) => {
                let mut text = replay_line(replayed, self.width);
                if verbosity == Verbosity::Verbose
                    && let Some(report) = &replayed.report
                {
                    text.push_str(&human::render(report, true));
                    text.push('\n');
                }
                self.stdout(&text)
            }
            (Format::Json, Verbosity::Verbose) => {
                if let Some(report) = &replayed.report {
                    output::stderr(&human::render(report, true));
                }
                Ok(())
            }
            (Format::Json, _) => Ok(()),
        }
    }

    fn closing(
        &self,
        dir: &str,
        replays: &[Replayed],
        totals: &Totals,
        signal: Option<Signal>,
        strict: bool,
    ) -> Result<()> {
        match (self.format, self.verbosity) {
            (_, Verbosity::Quiet) => Ok(()),
            (Format::Human, _) => self.stdout(&closing_line(totals, signal, strict)),
            (Format::Json, _) => {
                let value = replay_json(dir, replays, totals, signal, strict);
                output::stdout(&output::json_text(&value))
            }
        }
    }
}

fn label(status: Status) -> ColoredString {
    match status {
        Status::Pass => "PASS".green().bold(),
        Status::Fail => "FAIL".red().bold(),
        Status::Error => "ERROR".red().bold(),
        Status::Inconclusive => "INCONCLUSIVE".yellow().bold(),
        Status::Skip => "SKIP".dimmed(),
    }
}

/// `PASS  before-create/000001.json  allow  2.1 ms`, and for anything but a plain pass, why.
fn replay_line(replayed: &Replayed, width: usize) -> String {
    let label = label(replayed.status);
    // Pad before colouring: escape codes would count as width.
    let pad = " ".repeat(12usize.saturating_sub(label.input.len()));
    let file: String = replayed
        .entry
        .file
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let (decision, latency) = match &replayed.report {
        Some(report) => (
            report.decision.as_str(),
            report.response.as_ref().map_or_else(
                || "-".to_string(),
                |response| format!("{:.1} ms", response.latency_ms),
            ),
        ),
        None => ("-", "-".to_string()),
    };
    let mut line = format!("{label}{pad} {file:width$}  {decision:14}  {latency:>9}");
    let finding = replayed
        .report
        .as_ref()
        .filter(|_| replayed.status != Status::Pass && replayed.note.is_none())
        .and_then(|report| {
            report
                .findings
                .iter()
                .find(|finding| finding.severity == crate::verdict::Severity::Error)
                .or_else(|| report.findings.first())
        });
    if let Some(note) = &replayed.note {
        line.push_str(&format!("  {note}"));
    } else if let Some(finding) = finding {
        line.push_str(&format!(
            "  {}: {}",
            finding.code.as_str().bold(),
            finding.message
        ));
    }
    line.push('\n');
    line
}

/// `3 passed, 1 failed, 1 inconclusive, 2 skipped`, or `STOPPED by SIGINT after 4 of 9
/// replays: ...`.
fn closing_line(totals: &Totals, signal: Option<Signal>, strict: bool) -> String {
    let mut counts = format!("{} passed, {} failed", totals.passed, totals.failed);
    for (count, what) in [
        (totals.errors, "errors"),
        (totals.inconclusive, "inconclusive"),
        (totals.skipped, "skipped"),
    ] {
        if count > 0 {
            counts.push_str(&format!(", {count} {what}"));
        }
    }
    let line = match signal {
        Some(signal) => format!(
            "{} by {} after {} of {} replays: {counts}",
            "STOPPED".yellow().bold(),
            signal.name(),
            totals.done,
            totals.recorded
        ),
        None if totals.verdict(strict) == "inconclusive" => {
            format!("{counts}; nothing could be compared: every replay was inconclusive or skipped")
        }
        None if strict && totals.inconclusive > 0 && totals.failed == 0 => {
            format!("{counts}; inconclusive replays fail under --strict")
        }
        None => counts,
    };
    format!("{line}\n")
}

/// `--format json`: every replay with its recorded decision and, when sent, the full report
/// of the exchange; the totals; the verdict.
fn replay_json(
    dir: &str,
    replays: &[Replayed],
    totals: &Totals,
    signal: Option<Signal>,
    strict: bool,
) -> Value {
    let replays: Vec<Value> = replays
        .iter()
        .map(|replayed| {
            let mut item = json!({
                "file": replayed.entry.file,
                "line": replayed.entry.line,
                "status": replayed.status,
                "recorded": {
                    "decision": replayed.entry.recorded.as_str(),
                    "answer": replayed.entry.answer,
                },
                "note": replayed.note,
            });
            if let (Some(report), Value::Object(map)) = (&replayed.report, &mut item)
                && let Value::Object(report) = report.to_json()
            {
                map.extend(report);
            }
            item
        })
        .collect();
    let mut value = json!({
        "dir": dir,
        "replays": replays,
        "totals": totals,
        "verdict": totals.verdict(strict),
    });
    if let (Some(signal), Value::Object(map)) = (signal, &mut value) {
        map.insert("verdict".into(), json!("stopped"));
        map.insert("stopped".into(), json!("signal"));
        map.insert("signal".into(), json!(signal.name()));
    }
    value
}
