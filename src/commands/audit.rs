//! `grpcb audit`: run the probes of `audit` against one receiver and report them.

use crate::audit::{self, AuditReport, Plan, Probe, ProbeResult, Status, Verdict};
use crate::cli::AuditArgs;
use crate::client;
use crate::config::RequestOptions;
use crate::error::{BadValue, Error, Result, exit};
use crate::output::{self, Format, Verbosity, visible};
use crate::stop::Stop;
use crate::suite::{self, Context};
use colored::Colorize;
use std::fmt::Write;

pub fn run(args: &AuditArgs) -> Result<u8> {
    let config = args.request.options().validate()?;
    let probes = selected(args.only.as_deref(), args.skip.as_deref())?;
    let format = Format::from(args.output.format);
    let verbosity = args.output.verbosity();
    output::decide_color(args.output.color.into());
    // The audit's own request options (flags and GRPCB_*) apply to the suite's cases too.
    let suite = match &args.suite {
        None => None,
        Some(path) => {
            let context = Context {
                flags: args.request.options(),
                env: RequestOptions::default(),
                strict: false,
            };
            let plan = suite::Plan::load(std::slice::from_ref(path), context, None)?;
            for note in &plan.notes {
                output::stderr(&format!("grpcb: {note}\n"));
            }
            Some(audit::known_cases(path.display().to_string(), &plan)?)
        }
    };
    let plan = Plan {
        config,
        probes,
        strict: args.strict,
        suite,
    };

    let http = client::http_client()?;
    let report = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?
        .block_on(async {
            let stop = Stop::install()?;
            Ok::<_, Error>(audit::run(&http, &plan, stop).await)
        })?;

    match (format, verbosity) {
        (_, Verbosity::Quiet) => {}
        (Format::Human, verbosity) => {
            output::stdout(&render(&report, verbosity == Verbosity::Verbose))?;
        }
        (Format::Json, _) => {
            let value = serde_json::to_value(&report).map_err(anyhow::Error::from)?;
            output::stdout(&output::json_text(&value))?;
        }
    }
    Ok(exit_code(&report))
}

/// 130/143 after a signal; 3 when the receiver never answered at all; 1 when the audit
/// failed (under `--strict`, an inconclusive or warned probe too); else 0.
fn exit_code(report: &AuditReport) -> u8 {
    if let Some(signal) = report.stop_signal {
        return signal.exit_code();
    }
    let ran = report
        .probes
        .iter()
        .any(|probe| probe.status != Status::Skip);
    if ran && report.latency.answers == 0 {
        exit::TRANSPORT
    } else if report.verdict == Verdict::Fail {
        exit::CONTRACT
    } else {
        exit::OK
    }
}

/// The probes `--only` and `--skip` leave, in their fixed order.
fn selected(only: Option<&str>, skip: Option<&str>) -> Result<Vec<Probe>> {
    let parse = |list: &str| -> Result<Vec<Probe>> {
        list.split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(|id| {
                Probe::parse(id).ok_or_else(|| {
                    let known: Vec<&str> = Probe::ALL.iter().map(|probe| probe.id()).collect();
                    BadValue::flag("--only/--skip", id, "is not a probe")
                        .hint(format!("the probes are: {}", known.join(", ")))
                        .into()
                })
            })
            .collect()
    };
    let only = only.map(parse).transpose()?;
    let skip = skip.map(parse).transpose()?.unwrap_or_default();
    let probes: Vec<Probe> = Probe::ALL
        .into_iter()
        .filter(|probe| only.as_ref().is_none_or(|only| only.contains(probe)))
        .filter(|probe| !skip.contains(probe))
        .collect();
    if probes.is_empty() {
        return Err(Error::input(
            "--only and --skip leave no probe to run; `grpcb audit --help` lists them",
        ));
    }
    Ok(probes)
}

fn render(report: &AuditReport, verbose: bool) -> String {
    let mut out = String::new();
    let signed = if report.signed {
        "signed with the token"
    } else {
        "unsigned (no --token)"
    };
    let _ = write!(
        out,
        "{} {}  SdkAppid {}, {signed}",
        "grpcb audit".bold(),
        visible(&report.url),
        report.sdkappid
    );
    match &report.suite {
        Some(file) => {
            let _ = writeln!(out, ", suite {file}");
        }
        None => out.push('\n'),
    }
    let id_width = Probe::ALL
        .iter()
        .map(|probe| probe.id().len())
        .max()
        .unwrap_or(0);
    // Labels line up: four letters wide unless an INCONCLUSIVE is there.
    let label_width = report
        .probes
        .iter()
        .map(|probe| probe.status.label().len())
        .max()
        .unwrap_or(4);
    for result in &report.probes {
        probe_lines(&mut out, result, (label_width, id_width), verbose);
    }
    let latency = &report.latency;
    if let (Some(p95), Some(max)) = (latency.p95_ms, latency.max_ms) {
        let _ = writeln!(
            out,
            "latency: {} answers, p95 {p95:.1} ms, slowest {max:.1} ms ({})",
            latency.answers,
            visible(latency.slowest.as_deref().unwrap_or(""))
        );
    }
    let _ = writeln!(out, "{}", closing_line(report));
    out
}

/// `FAIL: 18 probes: ...`, or `STOPPED by SIGINT after 3 of 18 probes: ...`.
fn closing_line(report: &AuditReport) -> String {
    let totals = &report.totals;
    let counts = format!(
        "{} passed, {} failed, {} inconclusive, {} warned, {} skipped",
        totals.passed, totals.failed, totals.inconclusive, totals.warned, totals.skipped
    );
    let total = report.probes.len();
    match (report.verdict, report.stop_signal) {
        (_, Some(signal)) => format!(
            "{} by {} after {} of {total} probes: {counts}",
            "STOPPED".yellow().bold(),
            signal.name(),
            report.done
        ),
        (Verdict::Pass, _) => format!("{}: {total} probes: {counts}", "PASS".green().bold()),
        (Verdict::Inconclusive, _) => format!(
            "{}: {total} probes: {counts} (nothing failed, but not every probe could decide; --strict fails on that)",
            "INCONCLUSIVE".yellow().bold()
        ),
        (Verdict::Fail | Verdict::Stopped, _) => {
            format!("{}: {total} probes: {counts}", "FAIL".red().bold())
        }
    }
}

/// How many exchanges a probe that did not pass shows without -v.
const SHOWN_EXCHANGES: usize = 6;

fn probe_lines(
    out: &mut String,
    result: &ProbeResult,
    (label_width, id_width): (usize, usize),
    verbose: bool,
) {
    let text = format!("{:label_width$}", result.status.label());
    let label = match result.status {
        Status::Pass => text.green().bold(),
        Status::Fail => text.red().bold(),
        Status::Warn | Status::Inconclusive => text.yellow().bold(),
        Status::Skip => text.dimmed(),
    };
    let _ = writeln!(
        out,
        "{label}  {:id_width$}  {}",
        result.probe.id(),
        visible(&result.summary)
    );
    let detailed = verbose
        || matches!(
            result.status,
            Status::Fail | Status::Warn | Status::Inconclusive
        );
    if !detailed {
        return;
    }
    let indent = " ".repeat(label_width + id_width + 4);
    // Without -v, only the first few exchanges that explain the status.
    let notable = result.exchanges.iter().any(|exchange| exchange.notable);
    let shown: Vec<_> = result
        .exchanges
        .iter()
        .filter(|exchange| verbose || !notable || exchange.notable)
        .collect();
    let limit = if verbose {
        shown.len()
    } else {
        SHOWN_EXCHANGES
    };
    for exchange in shown.iter().take(limit) {
        let _ = writeln!(
            out,
            "{indent}{} {}: {}",
            "sent:".dimmed(),
            exchange.callback,
            visible(&exchange.sent)
        );
        let _ = writeln!(
            out,
            "{indent}{} {}",
            "got: ".dimmed(),
            visible(&exchange.received)
        );
    }
    if shown.len() > limit {
        let _ = writeln!(
            out,
            "{indent}{}",
            format!("... {} more (-v shows every exchange)", shown.len() - limit).dimmed()
        );
    }
    let _ = writeln!(out, "{indent}{} {}", "why: ".dimmed(), result.why);
    let _ = writeln!(out, "{indent}{} {}", "fix: ".dimmed(), result.fix);
}
