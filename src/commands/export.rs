//! `grpcb export locust|k6`: a load script that sends what `bench` sends, for a load tool
//! that spreads it over many machines.

use crate::app::output;
use crate::app::report_notes;
use crate::app::status::ExitStatus;
use crate::cli::{ExportArgs, ExportTool};
use crate::config::payload as options;
use crate::engine::export::{self, ExportRequest};
use crate::error::{BadValue, Result, Subject};
use crate::render::export::{Script, script};
use grpcb_contract::catalog::{self, Callback};
use grpcb_contract::verdict::{Expectations, Expected};

/// The most a `--weight` may be: shares beyond that are a typo.
const MAX_WEIGHT: u32 = 10_000;

pub fn run(args: &ExportArgs) -> Result<ExitStatus> {
    let request = args.request.options();
    report_notes(&request.flag_notes());
    let config = request.validate()?;
    let mut spec = args.payload.spec()?;
    // A body field that must equal the query's SdkAppid (content-result-notify) follows it.
    spec.sdkappid = Some(config.sdkappid.clone());
    if spec.fixture.is_some() && args.callbacks.len() > 1 {
        return Err(BadValue::new(
            Subject::flag("--fixture"),
            "is the body of one callback, and several are named",
        )
        .hint("export one callback with --fixture, or leave it out")
        .into());
    }
    // The first callback as send names it, with its fixture; the others by name.
    let (first, fixture) = options::start(args.callbacks.first().map(String::as_str), &spec)?;
    let mut named: Vec<&'static Callback> = vec![first];
    for name in args.callbacks.iter().skip(1) {
        let callback = catalog::find(name)
            .map_err(|err| options::unknown_callback(err, Subject::flag("CALLBACK"), ""))?;
        if named.iter().any(|known| known.alias == callback.alias) {
            return Err(BadValue::flag("CALLBACK", name, "is named twice")
                .hint("give each callback once; --weight CALLBACK=N gives it a larger share")
                .into());
        }
        named.push(callback);
    }
    let expect = Expectations {
        decision: args.expect.as_deref().and_then(Expected::parse),
        ..Expectations::default()
    };
    for callback in &named {
        crate::config::check_reachable(&expect, callback)?;
    }
    let weights = weights(&named, &args.weights)?;
    let callbacks: Vec<(&'static Callback, u32)> = named.into_iter().zip(weights).collect();
    let token_env = if args.unsigned {
        None
    } else {
        Some(variable_name(&args.token_env)?)
    };
    let plan = export::plan(&ExportRequest {
        config: &config,
        callbacks: &callbacks,
        fixture,
        spec: &spec,
        raw_sets: &args.payload.sets,
        token_env,
        expect: expect.decision,
    })?;
    report_notes(&plan.notes);
    let kind = match args.tool {
        ExportTool::Locust => Script::Locust,
        ExportTool::K6 => Script::K6,
    };
    let text = script(kind, &plan);
    // The token is read when the script runs; one that found its way into the options (a
    // --set, a header, the URL, --token-env itself) is never written.
    if crate::error::secret::in_text(&text) {
        return Err(BadValue::new(
            Subject::flag("the export"),
            "would write the callback token into the script",
        )
        .hint("it is in a --set, -H, --url or --token-env; the script reads the token from --token-env when it runs")
        .into());
    }
    output::stdout(&text)?;
    Ok(ExitStatus::Pass)
}

/// Each callback's weight: 1, or what a `--weight CALLBACK=N` gives it.
fn weights(callbacks: &[&'static Callback], given: &[String]) -> Result<Vec<u32>> {
    let mut weights = vec![1; callbacks.len()];
    for assignment in given {
        let bad = |problem: &str| BadValue::flag("--weight", assignment, problem);
        let (name, number) = assignment.split_once('=').ok_or_else(|| {
            bad("has no `=`").hint("write CALLBACK=N, e.g. --weight before-send=3")
        })?;
        let callback = catalog::find(name)
            .map_err(|err| options::unknown_callback(err, Subject::flag("--weight"), ""))?;
        let index = callbacks
            .iter()
            .position(|named| named.alias == callback.alias)
            .ok_or_else(|| {
                bad("names a callback the script does not send").hint("name it as a CALLBACK too")
            })?;
        weights[index] = number
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|weight| (1..=MAX_WEIGHT).contains(weight))
            .ok_or_else(|| bad(&format!("needs a whole number from 1 to {MAX_WEIGHT}")))?;
    }
    Ok(weights)
}

/// An environment variable's name as every shell can set it: letters, digits and `_`, not
/// starting with a digit.
fn variable_name(name: &str) -> Result<String> {
    let valid = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(name.to_string())
    } else {
        Err(
            BadValue::flag("--token-env", name, "is not an environment variable name")
                .hint("letters, digits and _, e.g. GRPCB_TOKEN")
                .into(),
        )
    }
}
