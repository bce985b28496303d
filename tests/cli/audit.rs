//! `grpcb audit` against receivers of known quality: careless ones fail the right probes, a
//! careful one passes them all, and one that refuses everything makes the refusal probes
//! inconclusive, never a pass.

use crate::support::serve::Serve;
use crate::support::{LEAKY_ENV, Received, Receiver, Reply, Run, fixture, run, tempdir};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const APPID: &str = "1400123456";
const TOKEN: &str = "audit-token-7d1f";

fn fail(why: &str) -> Reply {
    Reply::json(&format!(
        r#"{{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"{why}"}}"#
    ))
}

/// The business rules of the test receivers: a group named "forbidden" (or "禁止的群") is
/// denied; "tommy" and "blocked" are kept out of an invitation; everything else is allowed
/// as a spec-correct receiver allows it (`Reply::allowing`).
fn decide(body: &Value) -> Reply {
    if matches!(body["Name"].as_str(), Some("forbidden" | "禁止的群")) {
        return Reply::json(
            r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"name not allowed"}"#,
        );
    }
    let refused: Vec<String> = body["DestinationMembers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|member| member["Member_Account"].as_str())
        .filter(|user| matches!(*user, "tommy" | "blocked"))
        .map(|user| format!("\"{user}\""))
        .collect();
    if refused.is_empty() {
        Reply::allowing(body)
    } else {
        Reply::json(&format!(
            r#"{{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":[{}]}}"#,
            refused.join(",")
        ))
    }
}

/// What a careful backend checks before deciding: SdkAppid, a fresh RequestTime, the Sign,
/// and the same CallbackCommand in query and body. None when all is well.
fn checks(got: &Received, body: &Value) -> Option<Reply> {
    let query: HashMap<String, String> = got.query_pairs().into_iter().collect();
    if query.get("SdkAppid").map(String::as_str) != Some(APPID) {
        return Some(fail("wrong SdkAppid"));
    }
    let now = grpcb_contract::sign::now_unix_seconds();
    let time = query
        .get("RequestTime")
        .and_then(|time| time.parse::<u64>().ok());
    let Some(time) = time.filter(|time| time.abs_diff(now) <= 60) else {
        return Some(fail("stale or missing RequestTime"));
    };
    if query.get("Sign") != Some(&grpcb_contract::sign::sign(TOKEN, time)) {
        return Some(fail("bad Sign"));
    }
    // Push batches carry the command in each event; the moderation result carries none.
    let in_body = body["CallbackCommand"]
        .as_str()
        .or_else(|| body["Events"][0]["CallbackCommand"].as_str());
    if in_body.is_some() && in_body != query.get("CallbackCommand").map(String::as_str) {
        return Some(fail("command mismatch"));
    }
    None
}

/// The command a request names in its query.
fn query_command(got: &Received) -> String {
    got.query_pairs()
        .into_iter()
        .find(|(name, _)| name == "CallbackCommand")
        .map(|(_, value)| value)
        .unwrap_or_default()
}

/// Everything a careful backend does (independent of grpcb's own serve).
fn careful(got: &Received) -> Reply {
    let Ok(body) = serde_json::from_slice::<Value>(&got.body) else {
        return fail("not JSON");
    };
    checks(got, &body).unwrap_or_else(|| decide(&body))
}

/// A suite with known decisions the test receivers' rules make, plus one plain case that
/// audit leaves out.
fn rules_suite() -> PathBuf {
    let path = tempdir().join("rules.toml");
    std::fs::write(
        &path,
        r#"
[[case]]
name = "a forbidden group name is denied"
callback = "before-create"
group_name = "forbidden"
expect = { decision = "deny" }

[[case]]
name = "a forbidden CJK group name is denied"
callback = "before-create"
group_name = "禁止的群"
expect = { decision = "deny", code = 1 }

[[case]]
name = "a blocked invitee is refused alone"
callback = "before-invite"
member = ["alice", "blocked"]
expect = { refused = ["blocked"] }

[[case]]
name = "an ordinary group is allowed"
callback = "before-create"
group_name = "Weekend hikers"
expect = { decision = "allow" }
"#,
    )
    .expect("write suite");
    path
}

fn path(path: &std::path::Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn audit(url: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "audit",
        "--url",
        url,
        "--sdkappid",
        APPID,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// Probe id → status.
fn statuses(run: &Run) -> HashMap<String, String> {
    run.json()["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .map(|probe| {
            (
                probe["probe"].as_str().unwrap().to_string(),
                probe["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A probe's summary.
fn summary(run: &Run, probe: &str) -> String {
    run.json()["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .find(|result| result["probe"] == probe)
        .and_then(|result| result["summary"].as_str())
        .unwrap_or_else(|| panic!("no probe {probe}: {}", run.stdout))
        .to_string()
}

#[track_caller]
fn expect(run: &Run, code: i32, expected: &[(&str, &str)]) {
    assert_eq!(run.code, code, "{}{}", run.stdout, run.stderr);
    let got = statuses(run);
    for (probe, status) in expected {
        assert_eq!(
            got.get(*probe).map(String::as_str),
            Some(*status),
            "{probe}: {}",
            run.stdout
        );
    }
}

const PROBES: [&str; 18] = [
    "baseline",
    "wrong-sdkappid",
    "missing-sdkappid",
    "missing-sign",
    "wrong-sign",
    "stale-time",
    "future-time",
    "command-mismatch",
    "unknown-command",
    "coverage",
    "message-elements",
    "unknown-fields",
    "doc-variants",
    "large-body",
    "transformations",
    "unicode",
    "duplicate-delivery",
    "latency",
];

/// The probes that need the receiver to refuse a request.
const MUST_REFUSE: [&str; 7] = [
    "wrong-sdkappid",
    "missing-sdkappid",
    "missing-sign",
    "wrong-sign",
    "stale-time",
    "future-time",
    "command-mismatch",
];

#[test]
fn a_careful_receiver_passes_every_probe() {
    let receiver = Receiver::start_with(careful);
    let suite = rules_suite();
    let run = audit(
        &receiver.url,
        &["--token", TOKEN, "--strict", "--suite", path(&suite)],
    );
    let all_pass: Vec<(&str, &str)> = PROBES.iter().map(|probe| (*probe, "pass")).collect();
    expect(&run, 0, &all_pass);
    let report = run.json();
    assert_eq!(report["verdict"], "pass");
    assert_eq!(report["stopped"], Value::Null);
    assert_eq!(report["suite"], path(&suite));
    assert_eq!(
        report["totals"],
        serde_json::json!({"passed": 18, "failed": 0, "inconclusive": 0, "warned": 0, "skipped": 0})
    );
    assert_eq!(
        report["probes"].as_array().unwrap().len(),
        PROBES.len(),
        "one result per probe"
    );
    assert!(report["latency"]["answers"].as_u64().unwrap() >= 80);
    assert!(report["latency"]["p95_ms"].as_f64().is_some());
    assert!(!run.stdout.contains(TOKEN));
    // The three known cases were sent as written, padded and rewritten; the plain one not.
    let received = receiver.received();
    let names: Vec<String> = received
        .iter()
        .filter_map(|got| serde_json::from_slice::<Value>(&got.body).ok())
        .filter_map(|body| body["Name"].as_str().map(str::to_string))
        .collect();
    assert!(!names.iter().any(|name| name == "Weekend hikers"));
    assert!(summary(&run, "large-body").contains("3 cases of the suite"));
    assert!(summary(&run, "transformations").contains("rewritten requests kept their decision"));
}

/// Exactly the bytes of each transformation reach the receiver.
#[test]
fn transformations_send_the_rewritten_bytes() {
    let receiver = Receiver::start_with(careful);
    let suite = rules_suite();
    let run = audit(
        &receiver.url,
        &[
            "--token",
            TOKEN,
            "--suite",
            path(&suite),
            "--only",
            "large-body,transformations",
        ],
    );
    expect(
        &run,
        0,
        &[("large-body", "pass"), ("transformations", "pass")],
    );
    let bodies: Vec<Vec<u8>> = receiver
        .received()
        .iter()
        .map(|got| got.body.to_vec())
        .collect();
    let text = |bytes: &Vec<u8>| String::from_utf8_lossy(bytes).into_owned();
    let padded = bodies
        .iter()
        .map(text)
        .find(|body| body.contains("GrpcbPadding") && body.contains("forbidden"))
        .expect("a padded case");
    assert!(
        padded.starts_with(r#"{"CallbackCommand":"Group.CallbackBeforeCreateGroup","GrpcbPadding"#)
    );
    assert!(padded.find("forbidden").unwrap() > 64 * 1024);
    assert!(
        bodies
            .iter()
            .map(text)
            .any(|body| body.contains("\n  \"Name\": \"forbidden\""))
    );
    assert!(
        bodies
            .iter()
            .map(text)
            .any(|body| body.contains(r#""Name":"\u7981\u6b62\u7684\u7fa4""#))
    );
    assert!(
        bodies
            .iter()
            .map(text)
            .any(|body| body.starts_with(r#"{"EventTime":"#))
    );
    assert!(
        bodies
            .iter()
            .map(text)
            .any(|body| body.contains(r#""EventTime":"1670574414123""#))
    );
}

/// grpcb's own reference receiver, with the rules the suite fixture expects, passes every
/// probe under --strict.
#[test]
fn grpcb_serve_with_a_token_and_sdkappid_passes_every_probe() {
    let serve = Serve::start_with_env(
        &[
            "--sdkappid",
            APPID,
            "--rules",
            path(&fixture("serve-rules.toml")),
        ],
        &[("GRPCB_TOKEN", TOKEN)],
    );
    let suite = fixture("suites/rules.toml");
    let run = audit(
        &format!("{}im", serve.url),
        &["--token", TOKEN, "--strict", "--suite", path(&suite)],
    );
    let all_pass: Vec<(&str, &str)> = PROBES.iter().map(|probe| (*probe, "pass")).collect();
    expect(&run, 0, &all_pass);
}

#[test]
fn a_receiver_that_checks_nothing() {
    let receiver =
        Receiver::start_with(|got| decide(&serde_json::from_slice(&got.body).unwrap_or_default()));
    let run = audit(&receiver.url, &["--token", TOKEN]);
    expect(
        &run,
        1,
        &[
            ("baseline", "pass"),
            ("wrong-sdkappid", "fail"),
            ("missing-sdkappid", "fail"),
            ("missing-sign", "fail"),
            ("wrong-sign", "fail"),
            // CN-32431 documents the 60 s window for IM: accepting is a failure.
            ("stale-time", "fail"),
            ("future-time", "fail"),
            ("command-mismatch", "warn"),
            ("unknown-command", "pass"),
            ("coverage", "pass"),
            ("message-elements", "pass"),
            ("large-body", "pass"),
            ("transformations", "skip"),
            ("latency", "pass"),
        ],
    );
    assert_eq!(run.json()["verdict"], "fail");
}

/// The receiver refuses every request without its own SdkAppid (or without a token): a
/// refusal then proves nothing, so the refusal probes are inconclusive, never a pass.
#[test]
fn a_receiver_that_refuses_everything_makes_the_refusal_probes_inconclusive() {
    let receiver = Receiver::start_with(careful);
    // The default SdkAppid, not the receiver's.
    let run = run(&[
        "audit",
        "--url",
        &receiver.url,
        "--token",
        TOKEN,
        "--format",
        "json",
    ]);
    let mut wanted: Vec<(&str, &str)> = MUST_REFUSE
        .iter()
        .map(|probe| (*probe, "inconclusive"))
        .collect();
    wanted.extend([
        ("baseline", "warn"),
        // Denying both the sample and the 2,000 invitees shows nothing either.
        ("large-body", "inconclusive"),
        ("duplicate-delivery", "inconclusive"),
        // Refusing what must be let through fails.
        ("coverage", "fail"),
        ("unknown-fields", "fail"),
    ]);
    expect(&run, 1, &wanted);
    let report = run.json();
    let passed: Vec<String> = statuses(&run)
        .into_iter()
        .filter(|(_, status)| status == "pass")
        .map(|(probe, _)| probe)
        .collect();
    assert_eq!(passed, ["latency"], "{}", run.stdout);
    assert_eq!(report["totals"]["inconclusive"], 9);
    assert_eq!(
        report["verdict"], "fail",
        "other probes fail: {}",
        run.stdout
    );
    assert!(
        summary(&run, "unknown-fields").contains("refuses the correct before-create request too"),
        "{}",
        run.stdout
    );
    let why = summary(&run, "wrong-sdkappid");
    assert!(
        why.contains("does not accept the correct request either (FAIL/1)")
            && why.contains("--sdkappid"),
        "{why}"
    );
    assert!(summary(&run, "baseline").contains("--sdkappid"));

    // The refusal probes alone: nothing fails, so exit 0 with the verdict inconclusive;
    // --strict fails it.
    let only = MUST_REFUSE.join(",");
    let base = [
        "audit",
        "--url",
        &receiver.url,
        "--token",
        TOKEN,
        "--only",
        &only,
    ];
    let json = [base.as_slice(), &["--format", "json"]].concat();
    let lenient = crate::support::run(&json);
    assert_eq!(lenient.code, 0, "{}", lenient.stdout);
    assert_eq!(lenient.json()["verdict"], "inconclusive");
    let strict = crate::support::run(&[json.as_slice(), &["--strict"]].concat());
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    assert_eq!(strict.json()["verdict"], "fail");
    let human = crate::support::run(&base);
    assert_eq!(human.code, 0);
    assert!(
        human.stdout.contains("INCONCLUSIVE  wrong-sdkappid"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.lines().last().unwrap().starts_with(
            "INCONCLUSIVE: 7 probes: 0 passed, 0 failed, 7 inconclusive, 0 warned, 0 skipped"
        ),
        "{}",
        human.stdout
    );

    // With --suite, its denials prove nothing either, and the partial refusal fails as
    // written (everyone is refused): nothing can be judged.
    let suite = rules_suite();
    let run = crate::support::run(&[
        "audit",
        "--url",
        &receiver.url,
        "--token",
        TOKEN,
        "--suite",
        path(&suite),
        "--only",
        "large-body,transformations",
        "--format",
        "json",
    ]);
    expect(
        &run,
        0,
        &[
            ("large-body", "inconclusive"),
            ("transformations", "inconclusive"),
        ],
    );
    let why = summary(&run, "transformations");
    assert!(
        why.contains("`a forbidden group name is denied` (the receiver refuses the correct before-create request too, so its deny proves nothing)")
            && why.contains("`a blocked invitee is refused alone` (it does not pass as written: expected refused [blocked], got [alice, blocked]"),
        "{why}"
    );

    // Unsigned against a receiver that needs the token: the same.
    let unsigned = audit(
        &receiver.url,
        &["--only", "wrong-sdkappid,missing-sdkappid"],
    );
    expect(
        &unsigned,
        0,
        &[
            ("wrong-sdkappid", "inconclusive"),
            ("missing-sdkappid", "inconclusive"),
        ],
    );
}

/// FAIL/1 to a notification: IM ignores it and `send` passes it with warnings, so the
/// baseline warns instead of failing.
#[test]
fn fail_1_to_notifications_is_a_warning() {
    let receiver = Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        if let Some(refusal) = checks(got, &body) {
            return refusal;
        }
        let notification = grpcb_contract::catalog::by_command(&query_command(got))
            .is_some_and(|callback| !callback.kind().decides());
        if notification {
            return fail("not handled");
        }
        decide(&body)
    });
    let run = audit(&receiver.url, &["--token", TOKEN]);
    expect(
        &run,
        0,
        &[
            ("baseline", "warn"),
            ("wrong-sdkappid", "pass"),
            ("coverage", "warn"),
            ("message-elements", "warn"),
            ("doc-variants", "warn"),
        ],
    );
    assert!(summary(&run, "baseline").contains("IM ignores a notification's answer"));
    // send rates the same answer pass with warnings.
    let send = crate::support::send_json(
        "after-create",
        &receiver.url,
        &["--sdkappid", APPID, "--token", TOKEN],
    );
    assert_eq!(send.code, 0);
    assert_eq!(
        send.finding_codes(),
        ["after-error-code", "after-fail-status"]
    );
    // --strict fails the warnings.
    let strict = audit(
        &receiver.url,
        &["--token", TOKEN, "--only", "baseline", "--strict"],
    );
    expect(&strict, 1, &[("baseline", "warn")]);
}

/// An older receiver: it knows some commands and answers FAIL/1 to every other one, so it
/// denies the before-callbacks it does not know.
#[test]
fn fail_1_to_unknown_commands_denies_whole_features() {
    const KNOWN: [&str; 6] = [
        "Group.CallbackBeforeCreateGroup",
        "Group.CallbackBeforeInviteJoinGroup",
        "Group.CallbackBeforeSendMsg",
        "Group.CallbackAfterCreateGroup",
        "Group.CallbackAfterSendMsg",
        "Group.CallbackOnMemberStateChange",
    ];
    let receiver = Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        if let Some(refusal) = checks(got, &body) {
            return refusal;
        }
        match body["CallbackCommand"].as_str() {
            Some(command) if KNOWN.contains(&command) => decide(&body),
            _ => fail("unknown command"),
        }
    });
    let run = audit(&receiver.url, &["--token", TOKEN]);
    expect(
        &run,
        1,
        &[
            ("baseline", "pass"),
            ("wrong-sdkappid", "pass"),
            ("unknown-command", "fail"),
            ("coverage", "fail"),
            ("message-elements", "pass"),
        ],
    );
    let coverage = summary(&run, "coverage");
    for said in [
        "before-create-topic (Group.CallbackBeforeCreateTopic) denies its plain sample, so users cannot create topics",
        "before-apply (Group.CallbackBeforeApplyJoinGroup) denies its plain sample, so users cannot apply to join groups",
        "refuses 42 notifications",
        "sns-prev-friend-add (Sns.CallbackPrevFriendAdd) denies its plain sample, so users cannot add friends",
    ] {
        assert!(coverage.contains(said), "{said}: {coverage}");
    }
    assert!(!coverage.contains("before-create (G"), "{coverage}");
    let unknown = summary(&run, "unknown-command");
    assert!(
        unknown.contains("Group.CallbackBeforeFutureEvent")
            && unknown.contains("Group.CallbackAfterFutureEvent")
            && unknown.contains("the new feature is blocked"),
        "{unknown}"
    );
}

/// A wrong answer to an unknown command in any form fails: only OK/0 passes.
#[test]
fn unknown_commands_need_ok_and_zero() {
    for answer in [
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#,
        r#"{"ActionStatus":"FAIL","ErrorCode":0,"ErrorInfo":""}"#,
        r#"{"ActionStatus":"OK","ErrorCode":10101,"ErrorInfo":"no"}"#,
    ] {
        let receiver = Receiver::start_with(move |got| {
            if got.query.contains("FutureEvent") {
                Reply::json(answer)
            } else {
                Reply::ok()
            }
        });
        let run = audit(&receiver.url, &["--only", "unknown-command"]);
        expect(&run, 1, &[("unknown-command", "fail")]);
    }
}

/// A receiver that decides on the first 2 KB of the body only.
fn first_2_kb(got: &Received) -> Reply {
    let head = &got.body[..got.body.len().min(2048)];
    match serde_json::from_slice::<Value>(head) {
        Ok(body) => decide(&body),
        Err(_) => Reply::ok(),
    }
}

#[test]
fn a_receiver_that_reads_only_the_first_2_kb() {
    // Refusing one of the sample's invitees, it is caught by the 2,000-member invitation.
    let receiver = Receiver::start_with(first_2_kb);
    let run = audit(&receiver.url, &["--only", "baseline,large-body"]);
    expect(&run, 1, &[("baseline", "pass"), ("large-body", "fail")]);
    let message = summary(&run, "large-body");
    assert!(message.contains("large invitation"), "{message}");

    // Allowing the sample, it cannot be caught without a known deny: inconclusive...
    let allows_the_sample = Receiver::start_with(|got| {
        let head = &got.body[..got.body.len().min(2048)];
        match serde_json::from_slice::<Value>(head) {
            Ok(body) if body["Name"] == "forbidden" => {
                Reply::json(r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#)
            }
            _ => Reply::ok(),
        }
    });
    let run = audit(&allows_the_sample.url, &["--only", "large-body"]);
    expect(&run, 0, &[("large-body", "inconclusive")]);
    let message = summary(&run, "large-body");
    assert!(message.contains("--suite FILE"), "{message}");
    assert_eq!(run.json()["verdict"], "inconclusive");

    // ...and caught with --suite: the padding hides the name that decides.
    let suite = tempdir().join("deny.toml");
    std::fs::write(
        &suite,
        "[[case]]\nname = \"forbidden is denied\"\ncallback = \"before-create\"\ngroup_name = \"forbidden\"\nexpect = { decision = \"deny\" }\n",
    )
    .unwrap();
    let run = audit(
        &allows_the_sample.url,
        &[
            "--only",
            "large-body,transformations",
            "--suite",
            path(&suite),
        ],
    );
    expect(
        &run,
        1,
        &[("large-body", "fail"), ("transformations", "pass")],
    );
    let message = summary(&run, "large-body");
    assert!(
        message.contains("case `forbidden is denied` was decided allow when padded past 64 KB"),
        "{message}"
    );
}

/// A receiver that matches the compact bytes instead of parsing: the rewritings that keep
/// the meaning change its decision.
#[test]
fn a_receiver_that_matches_bytes_fails_the_transformations() {
    let receiver = Receiver::start_with(|got| {
        let text = String::from_utf8_lossy(&got.body);
        if text.contains(r#""Name":"forbidden""#) || text.contains(r#""Name":"禁止的群""#) {
            Reply::json(r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#)
        } else if text.contains(r#"{"Member_Account":"blocked"}"#) {
            Reply::json(
                r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["blocked"]}"#,
            )
        } else {
            Reply::ok()
        }
    });
    let suite = rules_suite();
    let run = audit(
        &receiver.url,
        &[
            "--only",
            "large-body,transformations",
            "--suite",
            path(&suite),
        ],
    );
    expect(
        &run,
        1,
        &[("large-body", "pass"), ("transformations", "fail")],
    );
    let message = summary(&run, "transformations");
    for said in [
        "case `a forbidden group name is denied` was decided allow when pretty-printed, but deny as written",
        "case `a forbidden CJK group name is denied` was decided allow when non-ASCII text as \\u escapes",
        "case `a blocked invitee is refused alone` was decided allow when pretty-printed, but allow-partial (refused blocked) as written",
    ] {
        assert!(message.contains(said), "{said}: {message}");
    }
}

/// A Java SDK that answers HTTP 500 to a forwarded message.
#[test]
fn a_receiver_that_breaks_on_a_forwarded_message_fails_message_elements() {
    let receiver = Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        if let Some(refusal) = checks(got, &body) {
            return refusal;
        }
        let relay = body["MsgBody"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|element| element["MsgType"] == "TIMRelayElem");
        if relay {
            return Reply::bytes(b"java.lang.NullPointerException".to_vec()).status(500);
        }
        decide(&body)
    });
    let run = audit(&receiver.url, &["--token", TOKEN]);
    expect(
        &run,
        1,
        &[
            ("baseline", "pass"),
            ("coverage", "pass"),
            ("message-elements", "fail"),
            ("unknown-fields", "pass"),
        ],
    );
    let message = summary(&run, "message-elements");
    for said in [
        "before-send with MsgBody with one TIMRelayElem: HTTP 500",
        "after-send with MsgBody with one TIMRelayElem: HTTP 500",
        "before-send with MsgBody with all 9 element types in one message: HTTP 500",
    ] {
        assert!(message.contains(said), "{said}: {message}");
    }
    assert!(!message.contains("TIMImageElem"), "{message}");
    // Every element type was sent, to both callbacks.
    let received = receiver.received();
    for msg_type in grpcb_contract::verdict::MESSAGE_TYPES {
        for command in ["Group.CallbackBeforeSendMsg", "Group.CallbackAfterSendMsg"] {
            assert!(
                received.iter().any(|got| {
                    let body = got.body_json();
                    body["CallbackCommand"] == command
                        && body["MsgBody"].as_array().is_some_and(|elements| {
                            elements.len() == 1 && elements[0]["MsgType"] == msg_type
                        })
                }),
                "{command} {msg_type}"
            );
        }
    }
}

#[test]
fn a_strict_parser_and_a_crash_on_unknown_commands() {
    let receiver = Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        let command = body["CallbackCommand"].as_str().unwrap_or_default();
        let Some(callback) = grpcb_contract::catalog::by_command(command) else {
            return Reply::bytes(b"internal error".to_vec()).status(500);
        };
        let known = callback.sample_body();
        let unknown = body
            .as_object()
            .unwrap()
            .keys()
            .any(|key| known.get(key).is_none());
        if unknown || got.query.contains("RequestID") || body["EventTime"].is_string() {
            return Reply::json(r#"{"error":"unexpected input"}"#).status(400);
        }
        Reply::ok()
    });
    let run = audit(
        &receiver.url,
        &[
            "--only",
            "baseline,unknown-command,unknown-fields,doc-variants,unicode",
        ],
    );
    expect(
        &run,
        1,
        &[
            ("baseline", "pass"),
            ("unknown-command", "fail"),
            ("unknown-fields", "fail"),
            ("doc-variants", "fail"),
            ("unicode", "pass"),
        ],
    );
}

#[test]
fn a_slow_receiver_fails_latency() {
    let receiver = Receiver::start_with(|got| {
        if got.query.contains("Group.CallbackBeforeCreateGroup") {
            Reply::ok().delay(Duration::from_millis(2200))
        } else {
            Reply::ok()
        }
    });
    let run = audit(
        &receiver.url,
        &["--only", "baseline,latency", "--timeout", "5s"],
    );
    // Over 2 s, IM falls back: send fails the answer, so the baseline does too.
    expect(&run, 1, &[("baseline", "fail"), ("latency", "fail")]);
    assert!(summary(&run, "baseline").contains("IM gives up after 2 s"));
    assert!(
        run.json()["latency"]["slowest"]
            .as_str()
            .unwrap()
            .starts_with("before-create")
    );
    // With IM's own 2 s timeout the slow answer never arrives.
    let run = audit(&receiver.url, &["--only", "baseline,latency"]);
    expect(&run, 1, &[("baseline", "fail"), ("latency", "fail")]);
}

#[test]
fn signature_probes_are_skipped_without_a_token_and_selection_works() {
    let receiver = Receiver::start(Reply::ok());
    let run = audit(&receiver.url, &["--skip", "large-body,unicode"]);
    let got = statuses(&run);
    assert_eq!(got["missing-sign"], "skip");
    assert_eq!(got["transformations"], "skip");
    assert!(!got.contains_key("large-body") && !got.contains_key("unicode"));
    let run = audit(&receiver.url, &["--only", "baseline,nonsense"]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr.contains("`nonsense`: is not a probe") && run.stderr.contains("wrong-sign"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_suite_without_a_known_decision_is_an_input_error() {
    let receiver = Receiver::start(Reply::ok());
    let example = fixture("suites/example.toml");
    let run = audit(&receiver.url, &["--suite", path(&example)]);
    assert_eq!(run.code, 4, "{}", run.stdout);
    assert!(
        run.stderr.contains("no case has a known decision"),
        "{}",
        run.stderr
    );
    assert!(receiver.received().is_empty(), "nothing is sent");
    let missing = audit(&receiver.url, &["--suite", "no/such/suite.toml"]);
    assert_eq!(missing.code, 4);
    assert!(
        missing.stderr.contains("no/such/suite.toml"),
        "{}",
        missing.stderr
    );
}

#[test]
fn human_report_and_unreachable_receiver() {
    let receiver = Receiver::start(Reply::ok());
    let human = run(&[
        "audit",
        "--url",
        &receiver.url,
        "--only",
        "baseline,wrong-sdkappid",
    ]);
    assert_eq!(human.code, 1);
    assert!(human.stdout.contains("PASS  baseline"), "{}", human.stdout);
    assert!(
        human.stdout.contains("FAIL  wrong-sdkappid"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("why:") && human.stdout.contains("fix:"),
        "{}",
        human.stdout
    );
    assert_eq!(
        human.stdout.lines().last().unwrap(),
        "FAIL: 2 probes: 1 passed, 1 failed, 0 inconclusive, 0 warned, 0 skipped",
        "{}",
        human.stdout
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let run = run(&[
        "audit",
        "--url",
        &format!("http://127.0.0.1:{port}/im"),
        "-q",
    ]);
    assert_eq!((run.code, run.stdout.as_str()), (3, ""));
}

#[test]
fn a_selection_that_leaves_nothing_is_an_input_error() {
    let run = run(&["audit", "--url", "http://127.0.0.1:9/im", "--only", ""]);
    assert_eq!(run.code, 4);
    let run = crate::support::run(&[
        "audit",
        "--url",
        "http://127.0.0.1:9/im",
        "--only",
        "baseline",
        "--skip",
        "baseline",
    ]);
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("no probe"), "{}", run.stderr);
}

/// Starts an audit against a receiver slow enough that a signal lands mid-run, sends the
/// signal once a few requests arrived, and returns the exit code and stdout.
fn interrupted(signal: &str, format: &str) -> (Option<i32>, String, Duration) {
    let receiver = Receiver::start(Reply::ok().delay(Duration::from_millis(300)));
    let mut command = Command::new(env!("CARGO_BIN_EXE_grpcb"));
    command
        .args(["audit", "--url", &receiver.url, "--format", format])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in LEAKY_ENV {
        command.env_remove(var);
    }
    let child = command.spawn().expect("grpcb audit starts");
    let started = Instant::now();
    while receiver.received().len() < 8 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no requests arrived"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let signalled = Instant::now();
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let output = child.wait_with_output().expect("grpcb audit ends");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        signalled.elapsed(),
    )
}

#[test]
fn sigint_prints_the_probes_done_so_far_and_exits_130() {
    let (code, stdout, took) = interrupted("-INT", "json");
    assert_eq!(code, Some(130), "{stdout}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let report: Value = serde_json::from_str(&stdout).expect("a JSON report");
    assert_eq!(report["stopped"], "signal");
    assert_eq!(report["signal"], "SIGINT");
    assert_eq!(report["verdict"], "stopped");
    let probes = report["probes"].as_array().unwrap();
    // Every probe is there: those done, then the one interrupted and the rest skipped.
    assert_eq!(probes.len(), PROBES.len());
    assert_eq!(probes[0]["probe"], "baseline");
    assert_eq!(probes[0]["status"], "pass", "{report:#}");
    let last = probes.last().unwrap();
    assert_eq!(last["status"], "skip");
    assert_eq!(last["summary"], "not run: stopped by SIGINT");
    assert!(
        probes
            .iter()
            .any(|probe| probe["summary"] == "not finished: stopped by SIGINT"),
        "{report:#}"
    );
}

#[test]
fn sigterm_prints_a_stopped_closing_line_and_exits_143() {
    let (code, stdout, _) = interrupted("-TERM", "human");
    assert_eq!(code, Some(143), "{stdout}");
    let closing = stdout.lines().last().unwrap_or_default();
    assert!(
        closing.starts_with("STOPPED by SIGTERM after ") && closing.contains(" of 18 probes: "),
        "{stdout}"
    );
    assert!(stdout.contains("PASS  baseline"), "{stdout}");
    assert!(!stdout.contains("\nPASS:"), "never a pass: {stdout}");
}

/// `audit --help` and the README name every probe.
#[test]
fn help_and_readme_list_every_probe() {
    let help = run(&["audit", "--help"]);
    assert_eq!(help.code, 0);
    // The help wraps lines; compare words.
    let words: Vec<&str> = help
        .stdout
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .collect();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    for probe in <grpcb::engine::audit::Probe as strum::VariantArray>::VARIANTS {
        assert!(words.contains(&probe.id()), "--help lacks {}", probe.id());
        assert!(
            readme.contains(&format!("`{}`", probe.id())),
            "README lacks {}",
            probe.id()
        );
    }
    assert_eq!(
        PROBES.len(),
        <grpcb::engine::audit::Probe as strum::VariantArray>::VARIANTS.len()
    );
    assert!(help.stdout.contains("inconclusive"));
}
