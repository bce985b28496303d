//! `grpcb send`: build one callback, POST it, judge the answer, report.

use crate::check::check;
use crate::cli::SendArgs;
use crate::client;
use crate::curl;
use crate::error::{Result, exit};
use crate::output::{self, Format, Redactor, Verbosity};
use crate::payload;
use crate::report::human;
use crate::verdict::Outcome;

pub fn run(args: &SendArgs) -> Result<u8> {
    let config = args.request.options().validate()?;
    let spec = args.payload.spec()?;
    let expect = args.expect.expectations();
    let format = Format::from(args.output.format);
    let verbosity = args.output.verbosity();
    output::decide_color(args.output.color.into());

    let (callback, fixture) = payload::start(args.callback.as_deref(), &spec)?;
    let body = payload::build(callback, fixture, &spec)?;
    if args.curl.curl {
        let request = client::prepare(&config, callback, body);
        let text = curl::command(&request, config.timeout);
        output::stdout(&Redactor::new(config.token.as_ref()).text(&text))?;
        return Ok(exit::OK);
    }
    let http = client::http_client()?;
    let report = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?
        .block_on(check(&http, &config, callback, body, &expect));

    let redactor = Redactor::new(config.token.as_ref());
    match (format, verbosity) {
        (_, Verbosity::Quiet) => {}
        (Format::Human, verbosity) => {
            let text = human::render(&report, verbosity == Verbosity::Verbose);
            output::stdout(&redactor.text(&text))?;
        }
        (Format::Json, verbosity) => {
            if verbosity == Verbosity::Verbose {
                output::stderr(&redactor.text(&human::render(&report, true)));
            }
            output::stdout(&output::json_text(&report.to_json(), &redactor))?;
        }
    }
    Ok(exit_code(report.verdict))
}

/// The exit code of one judged exchange.
pub fn exit_code(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::Pass => exit::OK,
        Outcome::Fail => exit::CONTRACT,
        Outcome::Error => exit::TRANSPORT,
    }
}
