//! `grpcb replay DIR --url URL`: every callback of a recording sent again, in recorded order
//! (`crate::engine::replay` has the rules), one line each as it is judged, then the totals.

use crate::app::output::{self, Format, Verbosity};
use crate::app::status::ExitStatus;
use crate::app::stop::{Signal, Stop};
use crate::cli::ReplayArgs;
use crate::engine::replay::{self, Overrides, Replay, ReplayTotals, ReplayVerdict, Replayed};
use crate::error::Result;
use crate::render::replay as render;
use crate::render::report as human;
use crate::render::style;
use crate::transport;

/// File names are padded to line up, up to this width.
const FILE_COLUMN: usize = 40;

pub fn run(args: &ReplayArgs) -> Result<ExitStatus> {
    let options = args.request.options();
    crate::app::report_notes(&options.flag_notes());
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
    let (replays, signal) = runtime.block_on(async {
        let stop = Stop::install()?;
        let mut client = transport::Client::new()?;
        let replay = Replay {
            config: &config,
            overrides: &overrides,
            strict: args.strict,
        };
        replay
            .all(&mut client, entries, stop, |replayed| {
                printer.line(replayed)
            })
            .await
    })?;
    let totals = ReplayTotals::of(&replays, recorded);
    printer.closing(
        &args.dir.display().to_string(),
        &replays,
        &totals,
        signal,
        args.strict,
    )?;
    Ok(match signal {
        Some(signal) => signal.status(),
        None => match totals.verdict(args.strict) {
            ReplayVerdict::Pass => ExitStatus::Pass,
            ReplayVerdict::Error => ExitStatus::NoAnswer,
            ReplayVerdict::Fail | ReplayVerdict::Inconclusive => ExitStatus::Broken,
        },
    })
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
                let mut text = render::replay_line(replayed, self.width);
                if verbosity == Verbosity::Verbose {
                    for report in replayed.report.iter().chain(&replayed.control) {
                        text.push_str(&human::render(report, true, style::stdout()));
                        text.push('\n');
                    }
                }
                self.stdout(&text)
            }
            (Format::Json, Verbosity::Verbose) => {
                for report in replayed.report.iter().chain(&replayed.control) {
                    output::stderr(&human::render(report, true, style::stderr()));
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
        totals: &ReplayTotals,
        signal: Option<Signal>,
        strict: bool,
    ) -> Result<()> {
        match (self.format, self.verbosity) {
            (_, Verbosity::Quiet) => Ok(()),
            (Format::Human, _) => self.stdout(&render::closing_line(totals, signal, strict)),
            (Format::Json, _) => {
                let value = render::replay_json(dir, replays, totals, signal, strict);
                output::stdout(&output::json_text(&value))
            }
        }
    }
}
