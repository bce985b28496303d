//! `grpcb fuzz`: the opening line with the seed, the cases and shrinks (`engine::fuzz`) with a
//! progress bar on a terminal, each failure written under `--out` (the fixture, the rewritten
//! body, the curl line), then the report (human, JSON, JUnit) and the exit code. SIGINT or
//! SIGTERM stops it with the report of what ran and 130 or 143.

use crate::app::output::{self, Format, Verbosity};
use crate::app::report_notes;
use crate::app::status::ExitStatus;
use crate::app::stop::Stop;
use crate::cli::FuzzArgs;
use crate::config::QueryEdit;
use crate::config::fuzz::MAX_CASES;
use crate::engine::fuzz::{
    self, Failure, FailureFiles, FuzzPlan, FuzzReport, FuzzVerdict, Progress,
};
use crate::error::{BadValue, Error, Result, Subject};
use crate::render::curl;
use crate::render::fuzz as render;
use crate::render::junit::JunitWriter;
use crate::transport;
use grpcb_contract::catalog::Callback;
use grpcb_contract::verdict::{self, Decision};
use std::path::Path;
use std::time::Instant;

pub fn run(args: &FuzzArgs) -> Result<ExitStatus> {
    let request = args.request.options();
    report_notes(&request.flag_notes());
    let pin_platform = request.platform.is_some();
    let config = request.validate()?;
    let options = args.options().validate()?;
    let format = Format::from(args.output.format);
    let verbosity = args.output.verbosity();
    let mut junit = match &args.junit {
        Some(path) => Some(JunitWriter::create(path)?),
        None => None,
    };
    let html = args
        .html
        .html
        .as_deref()
        .map(crate::render::html::HtmlFile::create)
        .transpose()?;
    let plan = FuzzPlan {
        config,
        callbacks: options.callbacks,
        cases: options.cases,
        duration: options.duration,
        seed: options.seed,
        jobs: options.jobs,
        pin_platform,
        strict: options.strict,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(
            plan.jobs
                .min(std::thread::available_parallelism().map_or(1, usize::from)),
        )
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let _runtime = runtime.enter();
    let stop = Stop::install()?;
    if format == Format::Human && verbosity != Verbosity::Quiet {
        output::stdout(&render::opening_line(&plan))?;
    }
    let shown = verbosity != Verbosity::Quiet;
    let bar = if plan.cases < MAX_CASES {
        let total = plan.cases.saturating_mul(plan.callbacks.len() as u64);
        crate::render::progress::cases(usize::try_from(total).unwrap_or(usize::MAX), shown)
    } else {
        crate::render::progress::counts(shown).unwrap_or_else(indicatif::ProgressBar::hidden)
    };
    let ticker = bar.clone();
    let progress = move |event: Progress| match event {
        Progress::Case => ticker.inc(1),
        Progress::Shrinking(count) => ticker.set_message(format!("shrinking {count}")),
    };
    let started = Instant::now();
    let transport = transport::Client::new()?;
    let mut report = runtime.block_on(fuzz::run(transport, &plan, stop.clone(), progress));
    bar.finish_and_clear();

    if let Err(err) = write_failures(&mut report, &plan, &options.out) {
        crate::app::report_error(&err);
    }
    if let Some(junit) = &mut junit {
        render::junit(&report, junit)?;
    }
    if let Some(junit) = junit {
        junit.finish(started.elapsed())?;
    }
    if let Some(html) = html {
        html.write(&crate::render::html::fuzz::page_of(&report))?;
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
    Ok(exit_status(&report))
}

/// 130/143 after a signal; 3 when nothing answered; 1 when a case failed; else 0.
fn exit_status(report: &FuzzReport) -> ExitStatus {
    if let Some(signal) = report.ended_by.signal() {
        return signal.status();
    }
    match report.verdict {
        FuzzVerdict::Pass => ExitStatus::Pass,
        FuzzVerdict::Fail => ExitStatus::Broken,
        FuzzVerdict::Error => ExitStatus::NoAnswer,
        FuzzVerdict::Stopped => ExitStatus::Interrupted,
    }
}

/// Writes each failure's files under `out` (made when there is a first failure) and says
/// where in the report.
fn write_failures(report: &mut FuzzReport, plan: &FuzzPlan, out: &Path) -> Result<()> {
    for summary in &mut report.callbacks {
        let Some(callback) = plan
            .callbacks
            .iter()
            .copied()
            .find(|callback| callback.command == summary.callback)
        else {
            continue;
        };
        for failure in &mut summary.failures {
            std::fs::create_dir_all(out).map_err(|err| out_error(out, &err))?;
            failure.files = Some(write_failure(callback, failure, plan.strict, out)?);
        }
    }
    Ok(())
}

fn out_error(path: &Path, err: &std::io::Error) -> Error {
    BadValue::new(
        Subject::file("--out", path),
        format!("cannot be written ({err}); the failures are in the report only"),
    )
    .into()
}

/// The fixture (the shrunk body, pretty), the rewritten body (byte for byte), the curl lines.
fn write_failure(
    callback: &'static Callback,
    failure: &Failure,
    strict: bool,
    out: &Path,
) -> Result<FailureFiles> {
    let stem = format!("{}-{}", callback.alias, failure.kind.slug());
    let write = |name: String, bytes: &[u8]| -> Result<String> {
        let path = out.join(name);
        std::fs::write(&path, bytes).map_err(|err| out_error(&path, &err))?;
        Ok(path.display().to_string())
    };
    let mut pretty = serde_json::to_string_pretty(&failure.body).map_err(anyhow::Error::from)?;
    pretty.push('\n');
    let fixture = write(format!("{stem}.json"), pretty.as_bytes())?;
    let config = &failure.config;
    let plain = transport::prepare(config, callback, failure.body.clone());
    let mut curls = format!(
        "# grpcb fuzz: {}\n# as generated\n{}",
        failure.summary.replace('\n', " "),
        curl::command(callback, &plain, config.timeout)
    );
    let rewritten = match failure.kind.transform {
        None => None,
        Some(transform) => {
            let bytes = transform.apply(&failure.body);
            let mut request = plain.clone();
            request.bytes.clone_from(&bytes);
            curls.push_str(&format!(
                "# {}\n{}",
                transform.describe(),
                curl::command(callback, &request, config.timeout)
            ));
            Some((
                transform,
                write(format!("{stem}.{}.json", transform.id()), &bytes)?,
            ))
        }
    };
    let curl = write(format!("{stem}.curl"), curls.as_bytes())?;
    let replay = match &rewritten {
        Some((transform, _)) if !transform.survives_parsing() => format!("sh {}", quote(&curl)),
        Some((_, file)) => replay_line(callback, failure, strict, file),
        None => replay_line(callback, failure, strict, &fixture),
    };
    Ok(FailureFiles {
        fixture,
        rewritten: rewritten.map(|(_, file)| file),
        curl,
        replay,
    })
}

/// `grpcb send ALIAS --fixture FILE --url URL ...`: the same request (the same platform,
/// SdkAppid, headers, query edits; a token by its variable, never its text) and, for a
/// decision that changed, the decision as generated as the expectation.
fn replay_line(callback: &'static Callback, failure: &Failure, strict: bool, file: &str) -> String {
    let config = &failure.config;
    let mut words = vec![
        "grpcb send".to_string(),
        callback.alias.to_string(),
        format!("--fixture {}", quote(file)),
        format!(
            "--url {}",
            quote(&crate::error::secret::shown(config.url.as_str()))
        ),
    ];
    if callback.query.has_platform() && config.platform != crate::config::PLATFORMS[0] {
        words.push(format!("--platform {}", config.platform));
    }
    if config.sdkappid != crate::config::DEFAULT_SDKAPPID {
        words.push(format!("--sdkappid {}", config.sdkappid));
    }
    if callback.query.has_client_ip() && config.client_ip != crate::config::DEFAULT_CLIENT_IP {
        words.push(format!("--client-ip {}", quote(&config.client_ip)));
    }
    if config.token.is_some() {
        words.push("--token \"$GRPCB_TOKEN\"".into());
    }
    words.extend(
        config
            .request_time
            .map(|time| format!("--request-time {time}")),
    );
    // A receiver too slow for the run's --timeout must be too slow for the replay's.
    if config.timeout != crate::config::BUDGET {
        words.push(format!("--timeout {}ms", config.timeout.as_millis()));
    }
    for (name, value) in &transport::shown_headers(&config.headers) {
        words.push(format!("-H {}", quote(&format!("{name}: {value}"))));
    }
    for edit in &config.query_edits {
        let text = match edit {
            QueryEdit::Set(name, value) => format!("{name}={value}"),
            QueryEdit::Remove(name) => name.clone(),
        };
        words.push(format!("--query {}", quote(&text)));
    }
    if failure.kind.property == fuzz::Property::Stable {
        words.extend(expectations(callback, failure));
    }
    if strict {
        words.push("--strict".into());
    }
    words.join(" ")
}

/// The expectations the decision as generated meets and the rewritten one does not.
fn expectations(callback: &'static Callback, failure: &Failure) -> Vec<String> {
    let sent = &failure.evidence.sent;
    let mut words = Vec::new();
    let expected = match sent.decision {
        Decision::Allow => Some("allow"),
        Decision::AllowPartial => Some("allow-partial"),
        Decision::AllowModified => Some("allow-modified"),
        Decision::Deny => Some("deny"),
        Decision::DenyCustom => Some("deny-custom"),
        Decision::Drop => Some("drop"),
        Decision::Ignored => Some("ignored"),
        Decision::Fallback => None,
    };
    words.extend(expected.map(|name| format!("--expect {name}")));
    let code = sent
        .response
        .as_ref()
        .and_then(|response| response.body.as_ref())
        .and_then(|body| body["ErrorCode"].as_i64());
    words.extend(code.map(|code| format!("--expect-code {code}")));
    if verdict::refusal_unreachable(callback).is_none() {
        let (_, refused) = crate::engine::audit::reading::decided(sent);
        let users: Vec<&str> = refused.iter().map(String::as_str).collect();
        words.push(format!("--expect-refused {}", quote(&users.join(","))));
    }
    words
}

/// Single quotes for a shell, each `'` as `'\''`.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}
