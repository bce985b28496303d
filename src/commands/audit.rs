//! `grpcb audit`: run the probes of `audit` against one receiver and report them.

use crate::app::output::{self, Format, Verbosity};
use crate::app::report_notes;
use crate::app::status::ExitStatus;
use crate::app::stop::Stop;
use crate::cli::AuditArgs;
use crate::config::RequestOptions;
use crate::config::suite::{self, Context};
use crate::engine::audit::{self, AuditPlan, AuditReport, AuditVerdict, Probe, ProbeStatus};
use crate::error::{BadValue, Error, Result, Subject};
use crate::render::audit as render;
use crate::transport;
use strum::VariantArray;

pub fn run(args: &AuditArgs) -> Result<ExitStatus> {
    let request = args.request.options();
    report_notes(&request.flag_notes());
    let config = request.validate()?;
    let probes = selected(args.only.as_deref(), args.skip.as_deref())?;
    let format = Format::from(args.output.format);
    let verbosity = args.output.verbosity();
    // The audit's own request options (flags and GRPCB_*) apply to the suite's cases too.
    let suite = match &args.suite {
        None => None,
        Some(path) => {
            let context = Context {
                flags: args.request.options(),
                env: RequestOptions::default(),
                strict: false,
            };
            let plan = suite::RunPlan::load(std::slice::from_ref(path), context, None)?;
            report_notes(&plan.notes);
            Some(audit::known_cases(path, &plan)?)
        }
    };
    let html = args
        .html
        .html
        .as_deref()
        .map(crate::render::html::HtmlFile::create)
        .transpose()?;
    let plan = AuditPlan {
        config,
        probes,
        strict: args.strict,
        suite,
    };

    let mut client = transport::Client::new()?;
    let report = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?
        .block_on(async {
            let stop = Stop::install()?;
            Ok::<_, Error>(audit::run(&mut client, &plan, stop).await)
        })?;

    // The page first: CI wants it even when nobody reads stdout to the end.
    if let Some(html) = html {
        html.write(&crate::render::html::audit::page_of(&report))?;
    }
    match (format, verbosity) {
        (_, Verbosity::Quiet) => {}
        (Format::Human, verbosity) => {
            output::stdout(&render::render(&report, verbosity == Verbosity::Verbose))?;
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
fn exit_code(report: &AuditReport) -> ExitStatus {
    if let Some(signal) = report.stop_signal {
        return signal.status();
    }
    let ran = report
        .probes
        .iter()
        .any(|probe| probe.status != ProbeStatus::Skip);
    if ran && report.latency.answers == 0 {
        ExitStatus::NoAnswer
    } else if report.verdict == AuditVerdict::Fail {
        ExitStatus::Broken
    } else {
        ExitStatus::Pass
    }
}

/// The probes `--only` and `--skip` leave, in their fixed order.
fn selected(only: Option<&str>, skip: Option<&str>) -> Result<Vec<Probe>> {
    let parse = |list: &str| -> Result<Vec<Probe>> {
        list.split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(|id| {
                id.parse::<Probe>().map_err(|_| {
                    let known: Vec<&str> = Probe::VARIANTS.iter().map(|probe| probe.id()).collect();
                    BadValue::flag("--only/--skip", id, "is not a probe")
                        .hint(format!("the probes are: {}", known.join(", ")))
                        .into()
                })
            })
            .collect()
    };
    let only = only.map(parse).transpose()?;
    let skip = skip.map(parse).transpose()?.unwrap_or_default();
    let probes: Vec<Probe> = Probe::VARIANTS
        .iter()
        .copied()
        .filter(|probe| only.as_ref().is_none_or(|only| only.contains(probe)))
        .filter(|probe| !skip.contains(probe))
        .collect();
    if probes.is_empty() {
        return Err(
            BadValue::new(Subject::flag("--only and --skip"), "leave no probe to run")
                .hint("`grpcb audit --help` lists them")
                .into(),
        );
    }
    Ok(probes)
}
