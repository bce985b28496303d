//! `grpcb demo`: the zero-setup tour. Starts the reference receiver on a free loopback port
//! with the example rules, sends it every callback of the catalog and the interesting
//! decisions, and reports each check.

use crate::catalog::{self, Answer, CALLBACKS, Callback, Kind};
use crate::check::check;
use crate::cli::{DemoArgs, FormatArg};
use crate::client;
use crate::config::{DEFAULT_SDKAPPID, RequestOptions, Token};
use crate::error::{Result, exit};
use crate::output::{self, Redactor};
use crate::payload::{self, PayloadSpec, SetOp};
use crate::report::Report;
use crate::serve::checks::Auth;
use crate::serve::connections::Limits;
use crate::serve::rules::Rules;
use crate::serve::{self, ServeConfig};
use crate::verdict::{Expectations, Expected, Outcome};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::fmt::Write;
use std::sync::Arc;

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
    let rules = demo_rules()?;
    let rule_count = rules.len();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)?;
    let (url, results) = runtime.block_on(tour(rules))?;
    let passed = results
        .iter()
        .filter(|(_, report)| report.verdict == Outcome::Pass)
        .count();
    let text = match args.format {
        FormatArg::Human => human(&url, rule_count, &results, passed),
        FormatArg::Json => output::json_text(&as_json(&url, &results, passed), &redactor()),
    };
    output::stdout(&text)?;
    Ok(if passed == results.len() {
        exit::OK
    } else {
        exit::CONTRACT
    })
}

/// The example rules of `fixtures/serve-rules.toml`.
fn demo_rules() -> Result<Rules> {
    Rules::parse(RULES, "built-in rules (fixtures/serve-rules.toml)")
}

/// Runs the receiver and every scenario against it; returns its URL and the reports.
async fn tour(rules: Rules) -> Result<(String, Vec<(Scenario, Report)>)> {
    let config = ServeConfig {
        addr: ([127, 0, 0, 1], 0).into(),
        auth: Auth {
            sdkappid: Some(DEFAULT_SDKAPPID.into()),
            token: Some(Token::new(DEMO_TOKEN.into())),
        },
        rules,
        recorder: None,
        limits: Limits::default(),
    };
    let server = serve::start(config, Arc::new(|_: &serve::Event| {})).await?;
    let request = RequestOptions {
        url: Some(server.url.clone()),
        token: Some(Token::new(DEMO_TOKEN.into())),
        ..RequestOptions::default()
    }
    .validate()?;
    let http = client::http_client()?;
    let mut results = Vec::new();
    for scenario in scenarios() {
        let spec = PayloadSpec {
            sets: scenario.sets.clone(),
            ..PayloadSpec::default()
        };
        let body = payload::build(scenario.callback, None, &spec)?;
        let report = check(&http, &request, scenario.callback, body, &scenario.expect).await;
        results.push((scenario, report));
    }
    let url = server.url.clone();
    server.stop().await;
    Ok((url, results))
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

fn redactor() -> Redactor {
    Redactor::new(Some(&Token::new(DEMO_TOKEN.into())))
}

/// One line per check, findings under a failed one, then the totals.
fn human(url: &str, rules: usize, results: &[(Scenario, Report)], passed: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "grpcb demo: the reference receiver listens on {url} \
         (SdkAppid {DEFAULT_SDKAPPID}, Sign checked, {rules} rules)\n"
    );
    let name = |scenario: &Scenario| {
        format!("{} {}", scenario.callback.alias, scenario.label)
            .trim_end()
            .to_string()
    };
    let name_width = results
        .iter()
        .map(|(scenario, _)| name(scenario).len())
        .max()
        .unwrap_or(0);
    for (scenario, report) in results {
        let verdict = crate::report::human::verdict_label(report.verdict);
        let latency = report.response.as_ref().map_or_else(
            || "-".into(),
            |response| crate::report::human::latency(response.latency_ms),
        );
        let _ = writeln!(
            out,
            "{verdict}  {:name_width$}  {:14}  {latency:>8}  {}",
            name(scenario),
            report.decision.as_str(),
            report.meaning
        );
        if report.verdict != Outcome::Pass {
            for finding in &report.findings {
                let _ = writeln!(out, "      {} {}", finding.code.as_str(), finding.message);
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{} checks, {passed} passed{}",
        results.len(),
        match results.len() - passed {
            0 => String::new(),
            failed => format!(", {failed} failed"),
        }
    );
    let _ = writeln!(
        out,
        "Next: `grpcb serve` runs this receiver for your own tests; `grpcb send <CALLBACK> --url URL` checks yours."
    );
    out
}

fn as_json(url: &str, results: &[(Scenario, Report)], passed: usize) -> Value {
    let checks: Vec<Value> = results
        .iter()
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
    json!({
        "url": url,
        "checks": checks,
        "total": results.len(),
        "passed": passed,
        "failed": results.len() - passed,
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
