//! `grpcb replay`: a real `serve --record` capture sent again to real receivers.

use crate::support::{Receiver, Reply, Run, Serve, fixture, run, send_json, tempdir};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};

const TOKEN: &str = "replay-token";

fn rules() -> String {
    fixture("serve-rules.toml").to_str().unwrap().to_string()
}

fn dir_arg(dir: &Path) -> &str {
    dir.to_str().unwrap()
}

/// Posts raw bytes with this query to a server, closing after the answer.
fn post(addr: &str, query: &str, body: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    let mut request = format!(
        "POST /im?{query} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    stream.write_all(&request).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

/// The `Sign` and `RequestTime` of now for the test token.
fn signature() -> (String, u64) {
    let signed = run(&["sign", "--token", TOKEN, "--format", "json"]).json();
    (
        signed["Sign"].as_str().unwrap().to_string(),
        signed["RequestTime"].as_u64().unwrap(),
    )
}

/// The body recorded with odd spacing and a query IM would send from an iPhone, with the
/// undocumented RequestID: a replay must keep both exactly.
const ODD_BODY: &str = "{ \"CallbackCommand\" : \"Group.CallbackBeforeCreateGroup\",\n  \"Operator_Account\":\"leckie\",\"Owner_Account\":\"leckie\",\"Type\":\"Public\",\"Name\":\"My Group \\u00e9\",\"MemberList\":[{\"Member_Account\":\"bob\"}],\"EventTime\":1670574414123 }";

/// Records, through `grpcb serve --rules --token --record`, one callback of every kind of
/// outcome; returns the folder and the files in record order.
fn capture() -> (PathBuf, Vec<&'static str>) {
    let dir = tempdir().join("captured");
    let mut serve = Serve::start(&[
        "--sdkappid",
        "1400000000",
        "--token",
        TOKEN,
        "--rules",
        &rules(),
        "--record",
        dir_arg(&dir),
    ]);
    let url = format!("{}im", serve.url);
    let send = |callback: &str, extra: &[&str]| {
        let mut args = vec!["--token", TOKEN];
        args.extend_from_slice(extra);
        send_json(callback, &url, &args)
    };
    send("before-create", &[]); // allow
    send("before-create", &["--name", "forbidden"]); // deny
    send("before-create", &["--name", "vip-only"]); // deny-custom 10101
    send(
        "before-invite",
        &["--member", "alice", "--member", "blocked"],
    ); // allow-partial
    send("after-create", &[]); // ignored
    send_json("before-create", &url, &["--token", "wrong-token"]); // rejected
    send("before-create", &["--name", "broken"]); // raw
    let (sign, time) = signature();
    post(
        &serve.addr,
        &format!(
            "SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeCreateGroup&contenttype=json&ClientIP=10.1.2.3&OptPlatform=IOS&RequestID=cf026bb1-e5da-4eba-99c8-b257f25278a0&Sign={sign}&RequestTime={time}"
        ),
        ODD_BODY.as_bytes(),
    ); // allow, odd bytes and query
    post(
        &serve.addr,
        &format!(
            "SdkAppid=1400000000&CallbackCommand=C2C.CallbackBeforeFutureMsg&contenttype=json&Sign={sign}&RequestTime={time}"
        ),
        br#"{"CallbackCommand":"C2C.CallbackBeforeFutureMsg"}"#,
    ); // unrecognized
    serve.wait_for_lines(10);
    assert_eq!(serve.terminate(), Some(143));
    let files = vec![
        "before-create/000001.json",
        "before-create/000002.json",
        "before-create/000003.json",
        "before-invite/000004.json",
        "after-create/000005.json",
        "before-create/000006.json",
        "before-create/000007.json",
        "before-create/000008.json",
        "unknown/000009.json",
    ];
    (dir, files)
}

fn replay(dir: &Path, url: &str, extra: &[&str]) -> Run {
    let mut args = vec!["replay", dir_arg(dir), "--url", url];
    args.extend_from_slice(extra);
    run(&args)
}

fn statuses(run: &Run) -> Vec<(String, String)> {
    run.json()["replays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|replay| {
            (
                replay["file"].as_str().unwrap().to_string(),
                replay["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn expect_statuses(run: &Run, files: &[&str], wanted: &[&str]) {
    let got = statuses(run);
    let wanted: Vec<(String, String)> = files
        .iter()
        .zip(wanted)
        .map(|(file, status)| (file.to_string(), status.to_string()))
        .collect();
    assert_eq!(got, wanted, "{}", run.stdout);
}

#[test]
fn a_capture_replays_against_a_receiver_with_the_same_rules() {
    let (dir, files) = capture();
    let serve = Serve::start(&[
        "--sdkappid",
        "1400000000",
        "--token",
        TOKEN,
        "--rules",
        &rules(),
    ]);
    let url = format!("{}im", serve.url);
    let run = replay(&dir, &url, &["--token", TOKEN, "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    expect_statuses(
        &run,
        &files,
        &[
            "pass",
            "pass",
            "pass",
            "pass",
            "pass",
            "inconclusive",
            "inconclusive",
            "pass",
            "skip",
        ],
    );
    let report = run.json();
    assert_eq!(report["verdict"], "pass");
    assert_eq!(
        report["totals"],
        json!({"passed": 6, "failed": 0, "errors": 0, "inconclusive": 2, "skipped": 1, "done": 9, "recorded": 9})
    );
    assert_eq!(
        report["replays"][3]["recorded"]["decision"],
        "allow-partial"
    );
    assert!(
        report["replays"][5]["note"]
            .as_str()
            .unwrap()
            .contains("the recorder rejected it (Sign does not match)"),
        "{}",
        report["replays"][5]
    );

    let human = replay(&dir, &url, &["--token", TOKEN]);
    assert_eq!(human.code, 0);
    let lines: Vec<&str> = human.stdout.lines().collect();
    assert!(
        lines[0].starts_with("PASS") && lines[0].contains("before-create/000001.json  allow"),
        "{}",
        human.stdout
    );
    assert!(lines[5].starts_with("INCONCLUSIVE"), "{}", human.stdout);
    assert!(
        lines[8].starts_with("SKIP") && lines[8].contains("C2C.CallbackBeforeFutureMsg"),
        "{}",
        human.stdout
    );
    assert_eq!(lines[9], "6 passed, 0 failed, 2 inconclusive, 1 skipped");
}

#[test]
fn a_replay_sends_the_recorded_bytes_and_query_signed_anew() {
    let (dir, files) = capture();
    let receiver = Receiver::start(Reply::ok());
    let run = replay(&dir, &receiver.url, &["--token", TOKEN, "--format", "json"]);
    // An allow-everything receiver differs where the recorder denied.
    assert_eq!(run.code, 1, "{}", run.stdout);
    let received = receiver.received();
    // Every callback grpcb knows was sent, in order; the unknown one was not.
    assert_eq!(received.len(), files.len() - 1);
    for (got, file) in received.iter().zip(&files) {
        let recorded = std::fs::read(dir.join(file)).unwrap();
        assert_eq!(got.body.to_vec(), recorded, "{file}");
        let pairs = got.query_pairs();
        let value = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };
        let time: u64 = value("RequestTime").unwrap().parse().unwrap();
        let sign = run_sign(time);
        assert_eq!(value("Sign"), Some(sign), "{file}");
        assert_eq!(pairs.iter().filter(|(key, _)| key == "Sign").count(), 1);
    }
    let odd = &received[7];
    assert_eq!(odd.body.to_vec(), ODD_BODY.as_bytes());
    assert!(
        odd.query.starts_with(
            "SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeCreateGroup&contenttype=json&ClientIP=10.1.2.3&OptPlatform=IOS&RequestID=cf026bb1-e5da-4eba-99c8-b257f25278a0&Sign="
        ),
        "{}",
        odd.query
    );
    expect_statuses(
        &run,
        &files,
        &[
            "pass",
            "fail",
            "fail",
            "fail",
            "pass",
            "inconclusive",
            "inconclusive",
            "pass",
            "skip",
        ],
    );
    let report = run.json();
    let findings = report["replays"][1]["findings"].as_array().unwrap();
    let finding = findings
        .iter()
        .find(|finding| finding["code"] == "expect-decision")
        .expect("an expect-decision finding");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("recorded deny, but this answer leads to allow"),
        "{finding}"
    );
    // The custom denial's code is compared too.
    let custom = report["replays"][2]["findings"].as_array().unwrap();
    assert!(
        custom
            .iter()
            .any(|finding| finding["code"] == "expect-code"),
        "{custom:?}"
    );
    assert_eq!(report["verdict"], "fail");
}

fn run_sign(time: u64) -> String {
    run(&[
        "sign",
        "--token",
        TOKEN,
        "--request-time",
        &time.to_string(),
        "--format",
        "json",
    ])
    .json()["Sign"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_receiver_that_refuses_everything_does_not_pass_the_rejected_ones() {
    let (dir, files) = capture();
    // FAIL/1 to everything: what a receiver that rejects the request answers.
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"bad request"}"#,
    ));
    let run = replay(&dir, &receiver.url, &["--token", TOKEN, "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    expect_statuses(
        &run,
        &files,
        &[
            "fail",
            "pass",
            "fail",
            "fail",
            "pass",
            "inconclusive",
            "inconclusive",
            "fail",
            "skip",
        ],
    );
    // Replaying only what the recorder rejected compares nothing: never a pass.
    let only = tempdir().join("rejected");
    std::fs::create_dir_all(only.join("before-create")).unwrap();
    std::fs::copy(dir.join(files[5]), only.join(files[5])).unwrap();
    let index = std::fs::read_to_string(dir.join("index.jsonl")).unwrap();
    let line = index.lines().nth(5).unwrap();
    std::fs::write(only.join("index.jsonl"), format!("{line}\n")).unwrap();
    let run = replay(&only, &receiver.url, &["--token", TOKEN]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("nothing could be compared"),
        "{}",
        run.stdout
    );
}

#[test]
fn strict_fails_inconclusive_replays() {
    let (dir, _) = capture();
    let serve = Serve::start(&[
        "--sdkappid",
        "1400000000",
        "--token",
        TOKEN,
        "--rules",
        &rules(),
    ]);
    let run = replay(
        &dir,
        &format!("{}im", serve.url),
        &["--token", TOKEN, "--strict"],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("inconclusive replays fail under --strict"),
        "{}",
        run.stdout
    );
}

#[test]
fn without_a_token_sign_and_request_time_are_left_out_and_flags_replace_the_capture() {
    let (dir, _) = capture();
    let receiver = Receiver::start(Reply::ok());
    let run = replay(
        &dir,
        &receiver.url,
        &["--sdkappid", "1400999999", "--platform", "web", "-q"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    for got in receiver.received() {
        assert!(
            !got.query.contains("Sign=") && !got.query.contains("RequestTime="),
            "{}",
            got.query
        );
        assert!(
            got.query.starts_with("SdkAppid=1400999999&"),
            "{}",
            got.query
        );
    }
    assert!(receiver.received()[7].query.contains("&OptPlatform=Web&"));
}

#[test]
fn an_older_index_without_query_string_or_answer_still_replays() {
    let dir = tempdir().join("old");
    std::fs::create_dir_all(dir.join("before-create")).unwrap();
    let body = run(&["example", "before-create"]).json().to_string();
    std::fs::write(dir.join("before-create/000001.json"), &body).unwrap();
    let line = json!({
        "time": "2026-01-01T00:00:00.000Z", "method": "POST", "path": "/",
        "query": {"SdkAppid": "1400123456", "CallbackCommand": "Group.CallbackBeforeCreateGroup", "contenttype": "json", "ClientIP": "10.0.0.1", "OptPlatform": "Android"},
        "alias": "before-create", "status": 200, "decision": "deny", "rule": 1,
        "file": "before-create/000001.json", "findings": []
    });
    std::fs::write(dir.join("index.jsonl"), format!("{line}\n")).unwrap();
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#,
    ));
    let run = replay(&dir, &receiver.url, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let got = receiver.single();
    assert_eq!(
        got.query,
        "SdkAppid=1400123456&CallbackCommand=Group.CallbackBeforeCreateGroup&contenttype=json&ClientIP=10.0.0.1&OptPlatform=Android"
    );
    assert_eq!(got.body.to_vec(), body.as_bytes());
}

#[test]
fn a_recording_that_cannot_be_read_is_an_input_error() {
    let receiver = Receiver::start(Reply::ok());
    let empty = tempdir();
    let run = replay(&empty, &receiver.url, &[]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr
            .contains("index.jsonl: cannot read the recording's index"),
        "{}",
        run.stderr
    );
    for (line, needle) in [
        ("not json", "index.jsonl:1: not a record line"),
        (
            r#"{"file":"a/1.json","decision":"allow"}"#,
            "index.jsonl:1: the body file",
        ),
        (
            r#"{"file":"../secret.json","decision":"allow"}"#,
            "is not inside the recording",
        ),
        (
            r#"{"file":"index.jsonl","decision":"maybe"}"#,
            "decision `maybe` is not one grpcb knows",
        ),
    ] {
        std::fs::write(empty.join("index.jsonl"), format!("{line}\n")).unwrap();
        let run = replay(&empty, &receiver.url, &[]);
        assert_eq!(run.code, 4, "{line}: {}", run.stderr);
        assert!(run.stderr.contains(needle), "{line}: {}", run.stderr);
    }
    std::fs::write(empty.join("index.jsonl"), "\n").unwrap();
    let run = replay(&empty, &receiver.url, &[]);
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("records nothing"), "{}", run.stderr);
    assert!(receiver.received().is_empty());
    // No URL is a usage mistake.
    let run = run_no_url(&empty);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

fn run_no_url(dir: &Path) -> Run {
    run(&["replay", dir_arg(dir)])
}

#[test]
fn sigint_stops_a_replay_with_what_was_done() {
    let (dir, _) = capture();
    let receiver = Receiver::start(Reply::ok().delay(std::time::Duration::from_millis(300)));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_grpcb"))
        .args([
            "replay",
            dir_arg(&dir),
            "--url",
            &receiver.url,
            "--format",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the second request to arrive, then interrupt.
    let started = std::time::Instant::now();
    while receiver.received().len() < 2 {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "no requests came"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let code = child.wait().unwrap().code();
    assert_eq!(code, Some(130), "{stdout}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["stopped"], "signal");
    assert_eq!(report["signal"], "SIGINT");
    assert_eq!(report["verdict"], "stopped");
    assert!(report["totals"]["done"].as_u64().unwrap() < 9, "{report}");
}

/// Partial refusals of the other families replay with their refused users: the Sns targets
/// of `ResultItem`, the official account's `RefusedSubscribers_Account`.
#[test]
fn partial_refusals_of_every_family_replay_with_their_users() {
    let dir = tempdir().join("families");
    let mut serve = Serve::start(&["--rules", &rules(), "--record", dir_arg(&dir)]);
    let url = format!("{}im", serve.url);
    for callback in ["sns-prev-friend-add", "oa-before-add-subscriber"] {
        let run = send_json(
            callback,
            &url,
            &["--member", "alice", "--member", "blocked"],
        );
        assert_eq!(run.json()["decision"], "allow-partial", "{}", run.stdout);
    }
    let run = send_json("c2c-before-send", &url, &["--text", "spam"]);
    assert_eq!(run.json()["decision"], "drop");
    serve.wait_for_lines(4);
    assert_eq!(serve.terminate(), Some(143));

    let same = Serve::start(&["--rules", &rules()]);
    let run = replay(&dir, &same.url, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        statuses(&run).iter().filter(|(_, s)| s == "pass").count(),
        3
    );

    // A receiver that lets everyone through differs on each.
    let plain = Serve::start(&[]);
    let run = replay(&dir, &plain.url, &["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report = run.json();
    for replay in report["replays"].as_array().unwrap() {
        assert_eq!(replay["status"], "fail", "{replay}");
    }
    let codes: Vec<String> = report["replays"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| finding["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.contains(&"expect-refused".to_string()), "{codes:?}");
}
