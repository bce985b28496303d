//! The zero-setup tour behind `grpcb demo`: the reference receiver on a free loopback port
//! with the example rules, sent every callback of the catalog and the interesting decisions.

use crate::app::stop::{Signal, Stop};
use crate::config::RequestOptions;
use crate::config::payload::{self as options, PayloadSpec};
use crate::config::serve::Limits;
use crate::engine::check::check;
use crate::engine::report::Report;
use crate::engine::serve::rules::Rules;
use crate::engine::serve::{self, Setup};
use crate::error::Result;
use crate::transport::Transport;
use grpcb_contract::catalog::{self, CALLBACKS, Callback, Field};
use grpcb_contract::inspect::Auth;
use grpcb_contract::payload::SetOp;
use grpcb_contract::query::DEFAULT_SDKAPPID;
use grpcb_contract::verdict::{Expectations, Expected, Outcome};
use serde_json::{Value, json};
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
    /// Typed fields (`--member alice --member blocked`), applied before `sets`.
    pub typed: Vec<(Field, Vec<String>)>,
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
    transport: &mut impl Transport,
    rules: Rules,
    scenarios: &[Scenario],
    pace: Option<Duration>,
    show: &mut dyn FnMut(Step) -> Result<()>,
) -> Result<Tour> {
    let mut stop = Stop::install()?;
    let config = Setup {
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
    let mut tour = Tour {
        url: server.url.clone(),
        reports: Vec::new(),
        stopped: None,
    };
    for scenario in scenarios {
        let spec = PayloadSpec {
            typed: scenario.typed.clone(),
            sets: scenario.sets.clone(),
            sdkappid: Some(request.sdkappid.clone()),
            ..PayloadSpec::default()
        };
        let body = options::build(scenario.callback, None, &spec)?.body;
        let one = async {
            if let Some(pace) = pace {
                tokio::time::sleep(pace).await;
            }
            check(
                transport,
                &request,
                scenario.callback,
                body,
                &scenario.expect,
            )
            .await
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

/// Every callback's sample, then the decisions worth seeing in each family that has them.
/// The values match the rules in `fixtures/serve-rules.toml`.
pub fn scenarios() -> Vec<Scenario> {
    let mut list: Vec<Scenario> = CALLBACKS
        .iter()
        .map(|callback| {
            let decision = if callback.kind().decides() {
                "allow"
            } else {
                "ignored"
            };
            scenario(callback, "", expect(decision))
        })
        .collect();
    let coded = |decision: &str, code: i64| Expectations {
        code: Some(code),
        ..expect(decision)
    };
    let refusing = |decision: &str, users: &[&str]| Expectations {
        refused: Some(users.iter().map(|user| (*user).to_string()).collect()),
        ..expect(decision)
    };
    use Input::{Members, Set};
    let tours: [(&str, &str, Input, Expectations); 11] = [
        (
            "before-create",
            "named \"forbidden\"",
            Set("Name", json!("forbidden")),
            coded("deny", 1),
        ),
        (
            "before-create",
            "named \"vip-only\"",
            Set("Name", json!("vip-only")),
            coded("deny-custom", 10101),
        ),
        (
            "before-invite",
            "inviting alice and blocked",
            Members(&["alice", "blocked"]),
            refusing("allow-partial", &["blocked"]),
        ),
        (
            "before-send",
            "text \"spam\"",
            Set(TEXT, json!("spam")),
            expect("drop"),
        ),
        (
            "before-send",
            "text \"darn it\"",
            Set(TEXT, json!("darn it")),
            expect("allow-modified"),
        ),
        (
            "c2c-before-send",
            "text \"spam\"",
            Set(TEXT, json!("spam")),
            coded("drop", 2),
        ),
        (
            "c2c-before-send",
            "from \"muted\"",
            Set("From_Account", json!("muted")),
            coded("deny-custom", 120_001),
        ),
        (
            "c2c-before-send",
            "text \"darn it\"",
            Set(TEXT, json!("darn it")),
            expect("allow-modified"),
        ),
        (
            "sns-prev-friend-add",
            "to alice and blocked",
            Members(&["alice", "blocked"]),
            refusing("allow-partial", &["blocked"]),
        ),
        (
            "sns-prev-friend-add",
            "to blocked alone",
            Members(&["blocked"]),
            refusing("deny", &["blocked"]),
        ),
        (
            "oa-before-add-subscriber",
            "of alice and blocked",
            Members(&["alice", "blocked"]),
            refusing("allow-partial", &["blocked"]),
        ),
    ];
    for (alias, label, input, expect) in tours {
        let Ok(callback) = catalog::find(alias) else {
            continue;
        };
        let mut scenario = scenario(callback, label, expect);
        match input {
            Set(path, value) => scenario.sets.push(SetOp {
                path: path.into(),
                value,
            }),
            Members(users) => scenario.typed.push((
                Field::Member,
                users.iter().map(|user| (*user).to_string()).collect(),
            )),
        }
        list.push(scenario);
    }
    list
}

/// Where a message's text is.
const TEXT: &str = "MsgBody.0.MsgContent.Text";

/// How one tour check's body differs from the sample.
enum Input {
    /// One `set`.
    Set(&'static str, Value),
    /// The callback's user list (`--member` for each).
    Members(&'static [&'static str]),
}

fn scenario(callback: &'static Callback, label: &str, expect: Expectations) -> Scenario {
    Scenario {
        callback,
        label: label.to_string(),
        typed: Vec::new(),
        sets: Vec::new(),
        expect,
    }
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
                typed: scenario.typed.clone(),
                sets: scenario.sets.clone(),
                ..PayloadSpec::default()
            };
            assert!(options::build(scenario.callback, None, &spec).is_ok());
        }
    }
}
