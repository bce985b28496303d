//! What a receiver's team writes in its own repository: its callback handler, called in
//! process (no HTTP), fed the requests IM sends and judged by the contract.

use grpcb_contract::answer;
use grpcb_contract::catalog::{self, Callback};
use grpcb_contract::exchange::Response;
use grpcb_contract::inspect::{self, Auth};
use grpcb_contract::payload::{self, SetOp, Spec};
use grpcb_contract::query::{self, Caller, DEFAULT_SDKAPPID};
use grpcb_contract::sign::Token;
use grpcb_contract::verdict::{self, Decision, Expectations, Expected, Outcome};
use serde_json::{Value, json};

const TOKEN: &str = "receiver-test-token";
const NOW: u64 = 1_700_000_000;

/// The receiver under test: checks the request as a careful backend does, then refuses
/// banned group names and invitees whose name starts with `blocked`.
fn handler(query: &[(String, String)], body: &[u8]) -> (u16, String) {
    let auth = Auth {
        sdkappid: Some(DEFAULT_SDKAPPID.into()),
        token: Some(Token::new(TOKEN)),
    };
    let inspection = inspect::inspect(&auth, query, body, NOW);
    if let Some(reason) = inspection.rejection() {
        let answer = json!({ "ActionStatus": "FAIL", "ErrorCode": 1, "ErrorInfo": reason });
        return (200, answer.to_string());
    }
    let body = inspection.body.unwrap_or(Value::Null);
    let Some(callback) = inspection.callback else {
        return (200, answer::ok(0, "").to_string());
    };
    let answer = if body["Name"]
        .as_str()
        .is_some_and(|name| name.contains("banned"))
    {
        json!({ "ActionStatus": "OK", "ErrorCode": 1, "ErrorInfo": "name not allowed" })
    } else if let Some(members) = body["DestinationMembers"].as_array() {
        let blocked: Vec<&str> = members
            .iter()
            .filter_map(|member| member["Member_Account"].as_str())
            .filter(|user| user.starts_with("blocked"))
            .collect();
        json!({ "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "RefusedMembers_Account": blocked })
    } else {
        answer::allow(callback, &body)
    };
    (200, answer.to_string())
}

/// The query IM sends for `callback`, signed.
fn im_query(callback: &Callback) -> Vec<(String, String)> {
    let caller = Caller {
        sdkappid: DEFAULT_SDKAPPID,
        client_ip: "127.0.0.1",
        platform: "RESTAPI",
    };
    let signature = query::signature(&Token::new(TOKEN), NOW);
    query::appended(callback, &caller)
        .into_iter()
        .chain(signature)
        .map(|(name, value)| (name.to_string(), value))
        .collect()
}

/// Sends `sets` on `alias`'s sample to the handler and judges its answer against `expected`.
fn judged(alias: &str, sets: &[&str], expected: Expected) -> verdict::Verdict {
    let callback = catalog::find(alias).expect("in the catalog");
    let spec = Spec {
        sets: sets
            .iter()
            .map(|set| SetOp::parse(set).expect("PATH=VALUE"))
            .collect(),
        ..Spec::default()
    };
    let body = payload::build(callback, None, &spec).expect("a body").body;
    let bytes = serde_json::to_vec(&body).expect("JSON");
    let (status, answer) = handler(&im_query(callback), &bytes);
    let expect = Expectations {
        decision: Some(expected),
        ..Expectations::default()
    };
    verdict::judge(callback, &body, &Ok(Response::new(status, answer)), &expect)
}

#[test]
fn every_callback_s_sample_is_answered_as_im_expects() {
    for callback in catalog::CALLBACKS {
        let expected = if callback.kind().decides() {
            Expected::Allow
        } else {
            Expected::Ignored
        };
        let verdict = judged(callback.alias, &[], expected);
        assert_eq!(
            verdict.outcome,
            Outcome::Pass,
            "{}: {:?}",
            callback.alias,
            verdict.findings
        );
    }
}

#[test]
fn a_banned_name_is_denied_and_a_blocked_invitee_refused() {
    let denied = judged("before-create", &["Name=a banned word"], Expected::Deny);
    assert_eq!(
        (denied.outcome, denied.decision),
        (Outcome::Pass, Decision::Deny)
    );
    let invite =
        r#"DestinationMembers=[{"Member_Account":"alice"},{"Member_Account":"blocked_bob"}]"#;
    let partial = judged("before-invite", &[invite], Expected::AllowPartial);
    assert_eq!(partial.outcome, Outcome::Pass, "{:?}", partial.findings);
    assert_eq!(
        partial.meaning,
        "IM would add the invited members except blocked_bob"
    );
}

#[test]
fn an_expectation_the_handler_does_not_meet_fails() {
    // The handler allows this name: expecting a deny must fail, never pass by accident.
    let verdict = judged("before-create", &["Name=Hikers"], Expected::Deny);
    assert_eq!(
        (verdict.outcome, verdict.decision),
        (Outcome::Fail, Decision::Allow)
    );
    assert!(
        verdict
            .findings
            .iter()
            .any(|finding| finding.code.as_str() == "expect-decision")
    );
}

#[test]
fn a_forged_sign_is_refused_by_the_inspection() {
    let callback = catalog::find("before-create").expect("in the catalog");
    let mut query = im_query(callback);
    for (name, value) in &mut query {
        if name == "Sign" {
            *value = Token::new("forged").sign(NOW);
        }
    }
    let (_, answer) = handler(&query, callback.sample.as_bytes());
    let verdict = verdict::judge(
        callback,
        &callback.sample_body(),
        &Ok(Response::new(200, answer)),
        &Expectations::default(),
    );
    assert_eq!(verdict.decision, Decision::Deny, "{}", verdict.meaning);
}
