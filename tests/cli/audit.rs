//! `grpcb audit` against receivers of known quality: careless ones fail the right probes, a
//! careful one passes them all.

use crate::support::serve::Serve;
use crate::support::{Received, Receiver, Reply, Run, run};
use std::collections::HashMap;
use std::time::Duration;

const APPID: &str = "1400123456";
const TOKEN: &str = "audit-token-7d1f";

fn fail(why: &str) -> Reply {
    Reply::json(&format!(
        r#"{{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"{why}"}}"#
    ))
}

/// OK, refusing "tommy" when an invitation names him.
fn decide(body: &serde_json::Value) -> Reply {
    let invites_tommy = body["DestinationMembers"]
        .as_array()
        .is_some_and(|members| {
            members
                .iter()
                .any(|member| member["Member_Account"] == "tommy")
        });
    if invites_tommy {
        Reply::json(
            r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["tommy"]}"#,
        )
    } else {
        Reply::ok()
    }
}

/// Everything a careful backend checks (independent of grpcb's own serve).
fn careful(got: &Received) -> Reply {
    let query: HashMap<String, String> = got.query_pairs().into_iter().collect();
    if query.get("SdkAppid").map(String::as_str) != Some(APPID) {
        return fail("wrong SdkAppid");
    }
    let now = grpcb::sign::now_unix_seconds();
    let time = query
        .get("RequestTime")
        .and_then(|time| time.parse::<u64>().ok());
    let Some(time) = time.filter(|time| time.abs_diff(now) <= 60) else {
        return fail("stale or missing RequestTime");
    };
    if query.get("Sign") != Some(&grpcb::sign::sign(TOKEN, time)) {
        return fail("bad Sign");
    }
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(&got.body) else {
        return fail("not JSON");
    };
    if body["CallbackCommand"].as_str() != query.get("CallbackCommand").map(String::as_str) {
        return fail("command mismatch");
    }
    decide(&body)
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

#[track_caller]
fn expect(run: &Run, code: i32, expected: &[(&str, &str)]) {
    assert_eq!(run.code, code, "{}", run.stdout);
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

const ALL_PASS: [(&str, &str); 15] = [
    ("baseline", "pass"),
    ("wrong-sdkappid", "pass"),
    ("missing-sdkappid", "pass"),
    ("missing-sign", "pass"),
    ("wrong-sign", "pass"),
    ("stale-time", "pass"),
    ("future-time", "pass"),
    ("command-mismatch", "pass"),
    ("unknown-command", "pass"),
    ("unknown-fields", "pass"),
    ("doc-variants", "pass"),
    ("large-body", "pass"),
    ("unicode", "pass"),
    ("duplicate-delivery", "pass"),
    ("latency", "pass"),
];

#[test]
fn a_careful_receiver_passes_every_probe() {
    let receiver = Receiver::start_with(careful);
    let run = audit(&receiver.url, &["--token", TOKEN, "--strict"]);
    expect(&run, 0, &ALL_PASS);
    let report = run.json();
    assert_eq!(report["totals"]["passed"], 15);
    assert!(report["latency"]["answers"].as_u64().unwrap() >= 20);
    assert!(report["latency"]["p95_ms"].as_f64().is_some());
    assert!(!run.stdout.contains(TOKEN));
}

#[test]
fn grpcb_serve_with_a_token_and_sdkappid_passes_every_probe() {
    let serve = Serve::start_with_env(&["--sdkappid", APPID], &[("GRPCB_TOKEN", TOKEN)]);
    let run = audit(&format!("{}im", serve.url), &["--token", TOKEN, "--strict"]);
    expect(&run, 0, &ALL_PASS);
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
            ("stale-time", "warn"),
            ("future-time", "warn"),
            ("command-mismatch", "warn"),
            ("unknown-command", "pass"),
            ("large-body", "pass"),
            ("latency", "pass"),
        ],
    );
    // --strict turns the replay warnings into failures.
    let run = audit(
        &receiver.url,
        &[
            "--token",
            TOKEN,
            "--strict",
            "--only",
            "stale-time,future-time",
        ],
    );
    expect(&run, 1, &[("stale-time", "fail"), ("future-time", "fail")]);
}

#[test]
fn a_receiver_that_reads_only_the_first_2_kb() {
    let receiver = Receiver::start_with(|got| {
        let head = &got.body[..got.body.len().min(2048)];
        match serde_json::from_slice::<serde_json::Value>(head) {
            Ok(body) => decide(&body),
            Err(_) => Reply::ok(),
        }
    });
    let run = audit(&receiver.url, &["--only", "baseline,large-body"]);
    expect(&run, 1, &[("baseline", "pass"), ("large-body", "fail")]);
    let message = run.json()["probes"][1]["summary"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("large invitation"), "{message}");
}

#[test]
fn a_receiver_that_answers_an_empty_200_to_a_wrong_sdkappid() {
    let receiver = Receiver::start_with(|got| {
        if got.query.contains(&format!("SdkAppid={APPID}")) {
            Reply::ok()
        } else {
            Reply::bytes(Vec::new())
        }
    });
    let run = audit(
        &receiver.url,
        &["--only", "wrong-sdkappid,missing-sdkappid"],
    );
    expect(
        &run,
        1,
        &[("wrong-sdkappid", "fail"), ("missing-sdkappid", "fail")],
    );
    assert!(run.stdout.contains("answered invalidly"), "{}", run.stdout);
}

#[test]
fn a_strict_parser_and_a_crash_on_unknown_commands() {
    let receiver = Receiver::start_with(|got| {
        let body: serde_json::Value = serde_json::from_slice(&got.body).unwrap_or_default();
        let command = body["CallbackCommand"].as_str().unwrap_or_default();
        let Some(callback) = grpcb::catalog::by_command(command) else {
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
    expect(&run, 1, &[("baseline", "pass"), ("latency", "fail")]);
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
    assert!(
        human
            .stdout
            .trim_end()
            .ends_with("2 probes: 1 passed, 1 failed, 0 warned, 0 skipped"),
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
