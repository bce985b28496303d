//! The zero-setup tour behind `grpcb demo`: the reference receiver on a free loopback port
//! with the example rules, sent every callback of the catalog and the interesting decisions.

use crate::app::stop::{Signal, Stop};
use crate::config::RequestOptions;
use crate::config::payload::{self as options, PayloadSpec};
use crate::engine::check::check;
use crate::engine::report::Report;
use crate::engine::serve::connections::Limits;
use crate::engine::serve::rules::Rules;
use crate::engine::serve::{self, ServeConfig};
use crate::error::Result;
use crate::transport;
use grpcb_contract::catalog::{self, AnswerSemantics as Answer, CALLBACKS, Callback};
use grpcb_contract::inspect::Auth;
use grpcb_contract::payload::SetOp;
use grpcb_contract::query::DEFAULT_SDKAPPID;
use grpcb_contract::verdict::{Expectations, Expected, Outcome};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

/// Both sides know it; it shows the Sign check working and is never printed.
const DEMO_TOKEN: &str = "grpcb-demo-token";

const RULES: &str = include_str!("../../fixtures/serve-rules.toml");

/// One check of the tour: a callback, how its body differs from the sample, what must
/// come back.
pub struct Scenario {
    pub callback: &'static Callback,
    /// What this check shows, after the alias ("" for the plain sample).
    pub label: String,
    pub sets: Vec<SetOp>,
    pub expect: Expectations,
}

/// The example rules of `fixtures/serve-rules.toml`.
pub fn demo_rules() -> Result<Rules> {
    Rules::parse(RULES, "built-in rules (fixtures/serve-rules.toml)")
}

/// What the tour did: where the receiver listened, the report of each check that ran (in
/// the order of the scenarios), and the signal that cut it short.
pub struct Tour {
    pub url: String,
    pub reports: Vec<Report>,
    pub stopped: Option<Signal>,
}

impl Tour {
    pub fn passed(&self) -> usize {
        self.reports
            .iter()
            .filter(|report| report.verdict == Outcome::Pass)
            .count()
    }
}

/// What the tour shows as it goes.
pub enum Step<'a> {
    Listening(&'a str),
    Checked(&'a Scenario, &'a Report),
}

/// Starts the receiver and runs the scenarios against it, each after `pace`, until the
/// last or a signal (the check in flight is then dropped: it is the tour's own receiver).
pub async fn tour(
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
            token: Some(crate::error::secret::token(DEMO_TOKEN.into())),
        },
        rules,
        recorder: None,
        limits: Limits::default(),
    };
    let server = serve::start(config, Arc::new(|_: &serve::Event| {})).await?;
    show(Step::Listening(&server.url))?;
    let request = RequestOptions {
        url: Some(server.url.clone()),
        token: Some(crate::error::secret::token(DEMO_TOKEN.into())),
        ..RequestOptions::default()
    }
    .validate()?;
    let http = transport::http_client()?;
    let mut tour = Tour {
        url: server.url.clone(),
        reports: Vec::new(),
        stopped: None,
    };
    for scenario in scenarios {
        let spec = PayloadSpec {
            sets: scenario.sets.clone(),
            sdkappid: Some(request.sdkappid.clone()),
            ..PayloadSpec::default()
        };
        let body = options::build(scenario.callback, None, &spec)?;
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
pub fn scenarios() -> Vec<Scenario> {
    let mut list: Vec<Scenario> = CALLBACKS
        .iter()
        .map(|callback| Scenario {
            callback,
            label: String::new(),
            sets: Vec::new(),
            expect: expect(if callback.kind().decides() {
                "allow"
            } else {
                "ignored"
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
        && let Some(members) = decides.refusal.as_ref().map(|refusal| refusal.request)
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
            assert!(options::build(scenario.callback, None, &spec).is_ok());
        }
    }
}
