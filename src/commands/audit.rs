//! `grpcb audit`: run the probes of `audit` against one receiver and report them.

use crate::audit::{self, AuditReport, Plan, Probe, ProbeResult, Status};
use crate::cli::AuditArgs;
use crate::client;
use crate::error::{BadValue, Error, Result, exit};
use crate::output::{self, Format, Verbosity, visible};
use colored::Colorize;
use std::fmt::Write;

pub fn run(args: &AuditArgs) -> Result<u8> {
    let config = args.request.options().validate()?;
    let probes = selected(args.only.as_deref(), args.skip.as_deref())?;
    let format = Format::from(args.output.format);
    let verbosity = args.output.verbosity();
    output::decide_color(args.output.color.into());
    let plan = Plan {
        config,
        probes,
        strict: args.strict,
    };

    let http = client::http_client()?;
    let report = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?
        .block_on(audit::run(&http, &plan));

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

/// 1 when a probe failed; 3 when the receiver never answered at all.
fn exit_code(report: &AuditReport) -> u8 {
    let ran = report
        .probes
        .iter()
        .any(|probe| probe.status != Status::Skip);
    if ran && report.latency.answers == 0 {
        exit::TRANSPORT
    } else if report.totals.failed > 0 {
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
    let _ = writeln!(
        out,
        "{} {}  SdkAppid {}, {signed}",
        "grpcb audit".bold(),
        visible(&report.url),
        report.sdkappid
    );
    let width = Probe::ALL
        .iter()
        .map(|probe| probe.id().len())
        .max()
        .unwrap_or(0);
    for result in &report.probes {
        probe_lines(&mut out, result, width, verbose);
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
    let totals = &report.totals;
    let _ = writeln!(
        out,
        "{} probes: {} passed, {} failed, {} warned, {} skipped",
        report.probes.len(),
        totals.passed,
        totals.failed,
        totals.warned,
        totals.skipped
    );
    out
}

fn probe_lines(out: &mut String, result: &ProbeResult, width: usize, verbose: bool) {
    let label = match result.status {
        Status::Pass => "PASS".green().bold(),
        Status::Fail => "FAIL".red().bold(),
        Status::Warn => "WARN".yellow().bold(),
        Status::Skip => "SKIP".dimmed(),
    };
    let _ = writeln!(
        out,
        "{label}  {:width$}  {}",
        result.probe.id(),
        visible(&result.summary)
    );
    let detailed = verbose || matches!(result.status, Status::Fail | Status::Warn);
    if !detailed {
        return;
    }
    let indent = " ".repeat(width + 8);
    for exchange in &result.exchanges {
        let _ = writeln!(
            out,
            "{indent}{} {}",
            "sent:".dimmed(),
            visible(&exchange.sent)
        );
        let _ = writeln!(
            out,
            "{indent}{} {}",
            "got: ".dimmed(),
            visible(&exchange.received)
        );
    }
    let _ = writeln!(out, "{indent}{} {}", "why: ".dimmed(), visible(result.why));
    let _ = writeln!(out, "{indent}{} {}", "fix: ".dimmed(), result.fix);
}
