//! `grpcb demo`: the zero-setup tour. Starts the reference receiver on a free loopback port
//! with the example rules, sends it every callback of the catalog and the interesting
//! decisions, and reports each check.

use crate::catalog::{self, AnswerSemantics as Answer, CALLBACKS, Callback, Kind};
use crate::check::check;
use crate::cli::{DemoArgs, FormatArg};
use crate::client;
use crate::config::{DEFAULT_SDKAPPID, RequestOptions, duration_flag};
use crate::error::{Result, exit};
use crate::output::{self, visible};
use crate::payload::SetOp;
use crate::payload_options::{self as payload, PayloadSpec};
use crate::report::Report;
use crate::serve::connections::Limits;
use crate::serve::rules::Rules;
use crate::serve::{self, ServeConfig};
use crate::stop::{Signal, Stop};
use crate::verdict::{Expectations, Expected, Outcome};
use colored::Colorize;
use grpcb_contract::inspect::Auth;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::fmt::Write;
use std::sync::Arc;
use std::time::Duration;

/// Both sides know it; it shows the Sign check working and is never printed.
const DEMO_TOKEN: &str = "grpcb-demo-token";
const RULES: &str = include_str!("../../fixtures/serve-rules.toml");

/// One check of the tour: a callback, how its body differs from the sample, what must
/// come back.
struct Scenario {
    callback: &'static Callback,
    /// What this check shows, after the alias ("" for the plain sample).
    label: String,
    sets: Vec<SetOp>,
    expect: Expectations,
}

pub fn run(args: &DemoArgs) -> Result<u8> {
    output::decide_color(args.color.into());
    let pace = args.pace.as_deref().map(pace).transpose()?;
    let rules = demo_rules()?;
    let rule_count = rules.len();
    let scenarios = scenarios();
    let human = args.format == FormatArg::Human;
    let name_width = scenarios.iter().map(|s| name(s).len()).max().unwrap_or(0);
    // People see each check as it ends (the tour may be paced, or stopped halfway).
    let mut show = |step: Step| -> Result<()> {
        match step {
            _ if !human => Ok(()),
            Step::Listening(url) => output::stdout(&header(url, rule_count)),
            Step::Checked(scenario, report) => output::stdout(&line(scenario, report, name_width)),
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let tour = runtime.block_on(tour(rules, &scenarios, pace, &mut show))?;
    let text = match args.format {
        FormatArg::Human => closing(&tour, scenarios.len()),
        FormatArg::Json => output::json_text(&as_json(&tour, &scenarios)),
    };
    output::stdout(&text)?;
    Ok(match tour.stopped {
        Some(signal) => signal.exit_code(),
        None if tour.passed() == scenarios.len() => exit::OK,
        None => exit::CONTRACT,
    })
}

fn pace(text: &str) -> Result<Duration> {
    duration_flag("--pace", text)
}

/// The example rules of `fixtures/serve-rules.toml`.
fn demo_rules() -> Result<Rules> {
    Rules::parse(RULES, "built-in rules (fixtures/serve-rules.toml)")
}

/// What the tour did: where the receiver listened, the report of each check that ran (in
/// the order of the scenarios), and the signal that cut it short.
struct Tour {
    url: String,
    reports: Vec<Report>,
    stopped: Option<Signal>,
}

impl Tour {
    fn passed(&self) -> usize {
        self.reports
            .iter()
            .filter(|report| report.verdict == Outcome::Pass)
            .count()
    }
}

/// What the tour shows as it goes.
enum Step<'a> {
    Listening(&'a str),
    Checked(&'a Scenario, &'a Report),
}

/// Starts the receiver and runs the scenarios against it, each after `pace`, until the
/// last or a signal (the check in flight is then dropped: it is the tour's own receiver).
async fn tour(
    rules: Rules,
    scenarios: &[Scenario],
    pace: Option<Duration>,
    show: &mut dyn FnMut(Step) -> Result<()>,
) -> Result<Tour> {
    let mut stop = Stop::install()?;
    let config = ServeConfig {
        addr: ([127, 0, 0, 1], 0).into(),
        auth: Auth {
            sdkappid: Some(DEFAULT_SDKAPPID.into()),
            token: Some(crate::secret::token(DEMO_TOKEN.into())),
        },
        rules,
        recorder: None,
        limits: Limits::default(),
    };
    let server = serve::start(config, Arc::new(|_: &serve::Event| {})).await?;
    show(Step::Listening(&server.url))?;
    let request = RequestOptions {
        url: Some(server.url.clone()),
        token: Some(crate::secret::token(DEMO_TOKEN.into())),
        ..RequestOptions::default()
    }
    .validate()?;
    let http = client::http_client()?;
    let mut tour = Tour {
        url: server.url.clone(),
        reports: Vec::new(),
        stopped: None,
    };
    for scenario in scenarios {
        let spec = PayloadSpec {
            sets: scenario.sets.clone(),
            ..PayloadSpec::default()
        };
        let body = payload::build(scenario.callback, None, &spec)?;
        let one = async {
            if let Some(pace) = pace {
                tokio::time::sleep(pace).await;
            }
            check(&http, &request, scenario.callback, body, &scenario.expect).await
        };
        let report = tokio::select! {
            report = one => report,
            signal = stop.wait() => {
                tour.stopped = Some(signal);
                break;
            }
        };
        show(Step::Checked(scenario, &report))?;
        tour.reports.push(report);
    }
    server.stop().await;
    Ok(tour)
}

/// Every callback's sample, then the decisions worth seeing, for the callbacks this catalog
/// has. The values match the rules in `fixtures/serve-rules.toml`.
fn scenarios() -> Vec<Scenario> {
    let mut list: Vec<Scenario> = CALLBACKS
        .iter()
        .map(|callback| Scenario {
            callback,
            label: String::new(),
            sets: Vec::new(),
            expect: expect(match callback.kind() {
                Kind::Before => "allow",
                Kind::After => "ignored",
            }),
        })
        .collect();
    let set = |path: &str, value: Value| SetOp {
        path: path.into(),
        value,
    };
    if let Ok(create) = catalog::find("before-create") {
        list.push(Scenario {
            callback: create,
            label: "named \"forbidden\"".into(),
            sets: vec![set("Name", json!("forbidden"))],
            expect: Expectations {
                code: Some(1),
                ..expect("deny")
            },
        });
        list.push(Scenario {
            callback: create,
            label: "named \"vip-only\"".into(),
            sets: vec![set("Name", json!("vip-only"))],
            expect: Expectations {
                code: Some(10101),
                ..expect("deny-custom")
            },
        });
    }
    if let Ok(invite) = catalog::find("before-invite")
        && let Answer::Decides(decides) = &invite.answer
        && let Some(members) = decides.refusable
    {
        list.push(Scenario {
            callback: invite,
            label: "inviting alice and blocked".into(),
            sets: vec![set(
                members,
                json!([{ "Member_Account": "alice" }, { "Member_Account": "blocked" }]),
            )],
            expect: Expectations {
                refused: Some(BTreeSet::from(["blocked".to_string()])),
                ..expect("allow-partial")
            },
        });
    }
    if let Ok(send) = catalog::find("before-send") {
        let text = "MsgBody.0.MsgContent.Text";
        list.push(Scenario {
            callback: send,
            label: "text \"spam\"".into(),
            sets: vec![set(text, json!("spam"))],
            expect: expect("drop"),
        });
        list.push(Scenario {
            callback: send,
            label: "text \"darn it\"".into(),
            sets: vec![set(text, json!("darn it"))],
            expect: expect("allow-modified"),
        });
    }
    list
}

fn expect(decision: &str) -> Expectations {
    Expectations {
        decision: Expected::parse(decision),
        ..Expectations::default()
    }
}

fn header(url: &str, rules: usize) -> String {
    format!(
        "grpcb demo: the reference receiver listens on {url} \
         (SdkAppid {DEFAULT_SDKAPPID}, Sign checked, {rules} rules)\n\n"
    )
}

/// A check's name: the alias and what the check shows.
fn name(scenario: &Scenario) -> String {
    format!("{} {}", scenario.callback.alias, scenario.label)
        .trim_end()
        .to_string()
}

/// One line per check, findings under a failed one.
fn line(scenario: &Scenario, report: &Report, name_width: usize) -> String {
    let verdict = crate::report::human::verdict_label(report.verdict);
    let latency = report.response.as_ref().map_or_else(
        || "-".into(),
        |response| crate::report::human::latency(response.latency_ms),
    );
    let mut out = format!(
        "{verdict}  {:name_width$}  {:14}  {latency:>8}  {}\n",
        name(scenario),
        report.decision.as_str(),
        visible(&report.meaning)
    );
    if report.verdict != Outcome::Pass {
        for finding in &report.findings {
            let _ = writeln!(
                out,
                "      {} {}",
                finding.code.as_str(),
                visible(&finding.message)
            );
        }
    }
    out
}

/// The totals, or `STOPPED ...` when a signal cut the tour short.
fn closing(tour: &Tour, total: usize) -> String {
    let (ran, passed) = (tour.reports.len(), tour.passed());
    if let Some(signal) = tour.stopped {
        return format!(
            "\n{} by {} after {ran} of {total} checks ({passed} passed)\n",
            "STOPPED".yellow().bold(),
            signal.name()
        );
    }
    let failed = match ran - passed {
        0 => String::new(),
        failed => format!(", {failed} failed"),
    };
    format!(
        "\n{ran} checks, {passed} passed{failed}\n\
         Next: `grpcb serve` runs this receiver for your own tests; \
         `grpcb send <CALLBACK> --url URL` checks yours.\n"
    )
}

fn as_json(tour: &Tour, scenarios: &[Scenario]) -> Value {
    let checks: Vec<Value> = scenarios
        .iter()
        .zip(&tour.reports)
        .map(|(scenario, report)| {
            let mut value = report.to_json();
            if let Value::Object(map) = &mut value {
                let label = if scenario.label.is_empty() {
                    "sample"
                } else {
                    scenario.label.as_str()
                };
                map.shift_insert(0, "scenario".into(), json!(label));
            }
            value
        })
        .collect();
    let passed = tour.passed();
    let verdict = match tour.stopped {
        Some(_) => "stopped",
        None if passed == scenarios.len() => "pass",
        None => "fail",
    };
    json!({
        "url": tour.url,
        "checks": checks,
        "total": scenarios.len(),
        "passed": passed,
        "failed": tour.reports.len() - passed,
        "stopped": tour.stopped.map(|_| "signal"),
        "signal": tour.stopped.map(Signal::name),
        "verdict": verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_rules_load_and_every_scenario_builds() {
        let rules = demo_rules().unwrap_or_else(|err| panic!("{err}"));
        assert!(!rules.is_empty());
        for scenario in scenarios() {
            let spec = PayloadSpec {
                sets: scenario.sets.clone(),
                ..PayloadSpec::default()
            };
            assert!(payload::build(scenario.callback, None, &spec).is_ok());
        }
    }
}
