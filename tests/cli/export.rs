//! `grpcb export locust|k6`: the scripts run for real (Locust distributed, a master and two
//! workers; k6 for a few seconds) against `grpcb serve --token`, which checks every Sign and
//! RequestTime: every check passes, the counts add up, the bodies are bench's bytes with only
//! the placeholders varying, and a wrong token (or none) makes the run fail.

use crate::support::load_tools::{self, Started};
use crate::support::{Receiver, Reply, Serve, grpcb, run, run_cmd, tempdir};
use regex::Regex;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

const TOKEN: &str = "zq-export-test-token";
/// The templated values every test sends: a UUID, a random number and a number from {{seq}}.
const SETS: [&str; 6] = [
    "--set",
    "MsgId={{uuid}}",
    "--set",
    "Random={{rand}}",
    "--set",
    "CloudCustomData=c-{{seq}}",
];

/// `grpcb export TOOL ARGS... --url URL` into a file; the script must not hold the token.
fn export(tool: &str, url: &str, args: &[&str]) -> PathBuf {
    let name = if tool == "locust" {
        "grpcb_locust.py"
    } else {
        "grpcb_k6.js"
    };
    let path = tempdir().join(name);
    let mut cmd = grpcb();
    cmd.args(["export", tool]).args(args).args(["--url", url]);
    // The token is in the exporting environment too: it must still not reach the script.
    cmd.env("GRPCB_TOKEN", TOKEN);
    let done = run_cmd(&mut cmd);
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert!(!done.stdout.contains(TOKEN), "the script holds the token");
    std::fs::write(&path, &done.stdout).expect("script written");
    path
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// The `callback` lines serve logged (JSON), once `count` of them came (serve logs a request
/// once it has answered it).
fn served(serve: &Serve, count: usize) -> Vec<Value> {
    serve
        .wait_for_lines(count + 1)
        .iter()
        .skip(1)
        .map(|line| serde_json::from_str::<Value>(line).expect("a JSON log line"))
        .collect()
}

/// Bench's body for `alias` with the same `--set`s, and its request.
fn bench_body(alias: &str) -> Vec<u8> {
    let receiver = Receiver::start(Reply::ok());
    let mut args = vec!["bench", alias, "--url", &receiver.url, "-n", "1", "-c", "1"];
    args.extend(SETS);
    let done = run(&args);
    assert_eq!(done.code, 0, "{}", done.stderr);
    receiver.single().body.to_vec()
}

/// The body with the templated values masked: what must equal bench's byte for byte.
fn masked(body: &[u8]) -> String {
    let text = String::from_utf8(body.to_vec()).expect("UTF-8 body");
    let uuid = Regex::new(
        r#""MsgId":"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}""#,
    )
    .unwrap();
    let random = Regex::new(r#""Random":[0-9]+"#).unwrap();
    let seq = Regex::new(r#""CloudCustomData":"c-[0-9]+""#).unwrap();
    let text = uuid.replace(&text, r#""MsgId":"UUID""#);
    let text = random.replace(&text, r#""Random":RAND"#);
    seq.replace(&text, r#""CloudCustomData":"c-SEQ""#)
        .into_owned()
}

/// The recorded bodies, checked against bench's, and their templated values all distinct.
/// Returns the {{seq}} numbers.
fn check_recorded_bodies(dir: &Path, aliases: &[&str], total: usize) -> Vec<u64> {
    let mut bodies = 0;
    let mut uuids = HashSet::new();
    let mut seqs = Vec::new();
    for alias in aliases {
        let expected = masked(&bench_body(alias));
        let folder = dir.join(alias);
        for entry in std::fs::read_dir(&folder).expect("recorded bodies") {
            let bytes = std::fs::read(entry.expect("entry").path()).expect("body");
            assert_eq!(masked(&bytes), expected, "{alias}: not bench's body");
            let body: Value = serde_json::from_slice(&bytes).expect("JSON");
            assert!(body["Random"].is_u64(), "{body}");
            assert!(uuids.insert(body["MsgId"].as_str().expect("MsgId").to_string()));
            let seq = body["CloudCustomData"]
                .as_str()
                .expect("seq")
                .trim_start_matches("c-");
            seqs.push(seq.parse::<u64>().expect("a number"));
            bodies += 1;
        }
    }
    assert_eq!(bodies, total, "bodies recorded");
    let distinct: HashSet<u64> = seqs.iter().copied().collect();
    assert_eq!(distinct.len(), seqs.len(), "a {{{{seq}}}} was sent twice");
    seqs
}

/// Every request was signed anew and accepted, with IM's query in IM's order.
fn check_served(lines: &[Value]) {
    let query = Regex::new(
        r"^SdkAppid=1400000000&CallbackCommand=Group\.Callback\w+&contenttype=json&ClientIP=127\.0\.0\.1&OptPlatform=RESTAPI&Sign=[0-9a-f]{64}&RequestTime=[0-9]{10}$",
    )
    .unwrap();
    for line in lines {
        assert_eq!(line["event"], "callback", "{line}");
        assert_ne!(line["decision"], "rejected", "serve refused: {line}");
        let sent = line["query_string"].as_str().expect("query string");
        assert!(query.is_match(sent), "{sent}");
    }
}

/// `grpcb decisions: {...}` from Locust's log.
fn locust_decisions(stderr: &str) -> Value {
    let line = stderr
        .lines()
        .find_map(|line| line.split("grpcb decisions: ").nth(1))
        .unwrap_or_else(|| panic!("no decisions in:\n{stderr}"));
    serde_json::from_str(line).expect("decisions JSON")
}

fn sum(counts: &Value) -> u64 {
    counts
        .as_object()
        .expect("an object")
        .values()
        .map(|count| count.as_u64().expect("a count"))
        .sum()
}

#[test]
fn locust_distributed_sends_bench_s_callbacks_signed_and_the_counts_add_up() {
    let Some(locust) = load_tools::find("locust") else {
        return;
    };
    let record = tempdir().join("recorded");
    let serve = Serve::start(&[
        "--token",
        TOKEN,
        "--format",
        "json",
        "--record",
        arg(&record),
    ]);
    let mut args = vec!["before-send", "after-create", "--weight", "before-send=2"];
    args.extend(SETS);
    let script = export("locust", &format!("{}im", serve.url), &args);
    let folder = script.parent().expect("folder").to_path_buf();
    let port = load_tools::free_port().to_string();
    let stats = folder.join("stats");
    // The master sends nothing: it needs no token.
    let mut master_cmd = load_tools::command(&locust);
    master_cmd
        .current_dir(&folder)
        .args([
            "-f",
            arg(&script),
            "--master",
            "--headless",
            "-u",
            "4",
            "-r",
            "4",
            "-t",
            "3s",
        ])
        .args([
            "--expect-workers",
            "2",
            "--master-bind-host",
            "127.0.0.1",
            "--master-bind-port",
            &port,
        ])
        .args([
            "--stop-timeout",
            "10",
            "--only-summary",
            "--json-file",
            arg(&stats),
        ]);
    let master = Started::spawn(&mut master_cmd);
    let workers: Vec<Started> = (0..2)
        .map(|_| {
            let mut worker = load_tools::command(&locust);
            worker.current_dir(&folder).env("GRPCB_TOKEN", TOKEN).args([
                "-f",
                arg(&script),
                "--worker",
                "--master-host",
                "127.0.0.1",
                "--master-port",
                &port,
            ]);
            Started::spawn(&mut worker)
        })
        .collect();
    let master = master.wait();
    let master_log = String::from_utf8_lossy(&master.stderr).into_owned();
    for worker in workers {
        let worker = worker.wait();
        assert!(
            worker.status.success(),
            "worker: {}",
            String::from_utf8_lossy(&worker.stderr)
        );
    }
    assert!(master.status.success(), "master: {master_log}");

    let entries: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(folder.join("stats.json")).expect("Locust's stats"),
    )
    .expect("stats JSON");
    let count = |name: &str, key: &str| -> u64 {
        entries
            .iter()
            .filter(|entry| entry["name"] == name)
            .map(|entry| entry[key].as_u64().expect("a count"))
            .sum()
    };
    let (sends, creates) = (
        count("before-send", "num_requests"),
        count("after-create", "num_requests"),
    );
    let total = sends + creates;
    assert!(sends > 0 && creates > 0, "{entries:?}");
    assert_eq!(
        count("before-send", "num_failures") + count("after-create", "num_failures"),
        0,
        "{master_log}"
    );
    // What Locust counted is what serve received and what the decisions add up to.
    let lines = served(&serve, total as usize);
    assert_eq!(lines.len() as u64, total, "serve's count");
    check_served(&lines);
    let decisions = locust_decisions(&master_log);
    assert_eq!(sum(&decisions), total, "{decisions}");
    assert_eq!(decisions["allow"].as_u64(), Some(sends), "{decisions}");
    assert_eq!(decisions["ignored"].as_u64(), Some(creates), "{decisions}");
    // Both workers sent, each with its own {{seq}} range.
    let seqs = check_recorded_bodies(&record, &["before-send", "after-create"], total as usize);
    assert!(seqs.iter().any(|seq| *seq < 1_000_000_000), "{seqs:?}");
    assert!(seqs.iter().any(|seq| *seq > 1_000_000_000), "{seqs:?}");
}

/// k6's end-of-test summary, as `--summary-export` writes it.
fn k6_metrics(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("k6's summary");
    serde_json::from_str::<Value>(&text).expect("summary JSON")["metrics"].clone()
}

#[test]
fn k6_runs_the_script_with_every_check_passed_and_the_threshold_met() {
    let Some(k6) = load_tools::find("k6") else {
        return;
    };
    let record = tempdir().join("recorded");
    let serve = Serve::start(&[
        "--token",
        TOKEN,
        "--format",
        "json",
        "--record",
        arg(&record),
    ]);
    let mut args = vec!["before-send", "before-create", "--expect", "allow"];
    args.extend(SETS);
    let script = export("k6", &format!("{}im", serve.url), &args);
    let summary = script.with_file_name("summary.json");
    let done = load_tools::run(
        load_tools::command(&k6)
            .env("GRPCB_TOKEN", TOKEN)
            .args([
                "run",
                "--no-usage-report",
                "--quiet",
                "--vus",
                "4",
                "--duration",
                "3s",
            ])
            .args(["--summary-export", arg(&summary), arg(&script)]),
    );
    let log = String::from_utf8_lossy(&done.stderr).into_owned();
    assert!(done.status.success(), "k6: {log}");
    let metrics = k6_metrics(&summary);
    let checks = &metrics["checks"];
    assert_eq!(checks["fails"], 0, "{metrics}");
    assert_eq!(checks["thresholds"]["rate==1"], false, "crossed: {metrics}");
    assert_eq!(
        metrics["http_req_duration"]["thresholds"]["p(99)<2000"], false,
        "{metrics}"
    );
    let requests = metrics["http_reqs"]["count"].as_u64().expect("requests");
    assert!(requests > 0);
    assert_eq!(checks["passes"].as_u64(), Some(requests));
    assert_eq!(
        metrics["grpcb_decision_allow"]["count"].as_u64(),
        Some(requests),
        "{metrics}"
    );
    let lines = served(&serve, requests as usize);
    assert_eq!(lines.len() as u64, requests, "serve's count");
    check_served(&lines);
    let bodies: usize = ["before-send", "before-create"]
        .iter()
        .map(|alias| std::fs::read_dir(record.join(alias)).map_or(0, Iterator::count))
        .sum();
    assert_eq!(bodies as u64, requests);
    let seqs = check_recorded_bodies(&record, &["before-send", "before-create"], bodies);
    assert!(seqs.contains(&1), "{{{{seq}}}} starts at 1");
}

/// Serve refuses a wrong Sign (FAIL/1): the scripts' checks fail and so do the runs; and a
/// script without its variable does not start.
#[test]
fn a_wrong_token_or_none_makes_the_scripts_fail() {
    let locust = load_tools::find("locust");
    let k6 = load_tools::find("k6");
    let serve = Serve::start(&["--token", TOKEN, "--format", "json"]);
    let url = format!("{}im", serve.url);
    let mut received = 0;
    if let Some(locust) = locust {
        // A refusal reads as a deny; --expect allow makes it fail the check.
        let script = export("locust", &url, &["before-send", "--expect", "allow"]);
        let folder = script.parent().expect("folder").to_path_buf();
        let stats = folder.join("stats");
        let locust_run = |token: Option<&str>| {
            let mut cmd = load_tools::command(&locust);
            cmd.current_dir(&folder)
                .args([
                    "-f",
                    arg(&script),
                    "--headless",
                    "-u",
                    "2",
                    "-r",
                    "2",
                    "-t",
                    "2s",
                ])
                .args([
                    "--stop-timeout",
                    "10",
                    "--only-summary",
                    "--json-file",
                    arg(&stats),
                ]);
            if let Some(token) = token {
                cmd.env("GRPCB_TOKEN", token);
            }
            load_tools::run(&mut cmd)
        };
        let done = locust_run(Some("not-the-token"));
        let log = String::from_utf8_lossy(&done.stderr).into_owned();
        assert_eq!(done.status.code(), Some(1), "{log}");
        let entries: Vec<Value> = serde_json::from_str(
            &std::fs::read_to_string(folder.join("stats.json")).expect("stats"),
        )
        .expect("JSON");
        let entry = entries
            .iter()
            .find(|entry| entry["name"] == "before-send")
            .expect("sent");
        assert!(entry["num_requests"].as_u64() > Some(0));
        assert_eq!(entry["num_failures"], entry["num_requests"], "{log}");
        let decisions = locust_decisions(&log);
        assert_eq!(decisions["deny"], entry["num_requests"], "{log}");
        received += entry["num_requests"].as_u64().expect("count");

        let done = locust_run(None);
        assert!(!done.status.success());
        assert!(String::from_utf8_lossy(&done.stderr).contains("grpcb: set GRPCB_TOKEN"));
    }
    if let Some(k6) = k6 {
        // A notification answered FAIL/1 breaks its documented answer (0) without --expect.
        let script = export("k6", &url, &["after-create"]);
        let summary = script.with_file_name("summary.json");
        let k6_run = |token: Option<&str>| {
            let mut cmd = load_tools::command(&k6);
            cmd.args([
                "run",
                "--no-usage-report",
                "--quiet",
                "--vus",
                "2",
                "--duration",
                "2s",
            ])
            .args(["--summary-export", arg(&summary), arg(&script)]);
            if let Some(token) = token {
                cmd.env("GRPCB_TOKEN", token);
            }
            load_tools::run(&mut cmd)
        };
        let done = k6_run(Some("not-the-token"));
        let log = String::from_utf8_lossy(&done.stderr).into_owned();
        // 99: a threshold was crossed.
        assert_eq!(done.status.code(), Some(99), "{log}");
        let metrics = k6_metrics(&summary);
        assert_eq!(metrics["checks"]["passes"], 0, "{metrics}");
        assert!(metrics["checks"]["fails"].as_u64() > Some(0), "{metrics}");
        assert!(
            log.contains("ErrorCode 1 means nothing to after-create"),
            "{log}"
        );
        received += metrics["http_reqs"]["count"].as_u64().expect("count");

        let done = k6_run(None);
        assert!(!done.status.success());
        assert!(String::from_utf8_lossy(&done.stderr).contains("grpcb: set GRPCB_TOKEN"));
    }
    // serve refused every one of them for its Sign.
    if received > 0 {
        let lines = served(&serve, received as usize);
        assert!(
            lines.iter().all(|line| line["decision"] == "rejected"),
            "{lines:?}"
        );
    }
}

#[test]
fn export_refuses_what_a_script_cannot_do() {
    let url = "http://127.0.0.1:9/im";
    let cases: [(&[&str], &str); 6] = [
        (&["locust", "befor-send"], "did you mean `before-send`?"),
        (
            &["locust", "before-send", "--weight", "after-send=2"],
            "names a callback the script does not send",
        ),
        (
            &["k6", "before-send", "--weight", "before-send=0"],
            "needs a whole number",
        ),
        (&["k6", "before-send", "before-send"], "is named twice"),
        (
            &["locust", "after-send", "--expect", "deny"],
            "can never lead to `deny`",
        ),
        (
            &["k6", "before-send", "--token-env", "NOT A NAME"],
            "is not an environment variable name",
        ),
    ];
    for (args, needle) in cases {
        let done = run(&[&["export"], args, &["--url", url]].concat());
        assert_eq!(done.code, 4, "{args:?}: {}", done.stderr);
        assert!(done.stderr.contains(needle), "{args:?}: {}", done.stderr);
        assert!(done.stdout.is_empty());
    }
    let fixture = crate::support::fixture("callbacks/before-send.json");
    let done = run(&[
        "export",
        "k6",
        "before-send",
        "after-send",
        "--fixture",
        arg(&fixture),
        "--url",
        url,
    ]);
    assert_eq!(done.code, 4, "{}", done.stderr);
    let done = run(&[
        "export",
        "k6",
        "before-send",
        "--set",
        "Extra={\"n\": {{seq}}}",
        "--set",
        "Extra.m=1",
        "--url",
        url,
    ]);
    assert!(
        done.stderr.contains("cannot be exported"),
        "{}",
        done.stderr
    );
    // A token that found its way into the options is never written.
    let mut cmd = grpcb();
    cmd.args([
        "export",
        "locust",
        "before-send",
        "--url",
        url,
        "--set",
        &format!("Secret={TOKEN}"),
    ])
    .env("GRPCB_TOKEN", TOKEN);
    let done = run_cmd(&mut cmd);
    assert_eq!(done.code, 4, "{}", done.stderr);
    assert!(
        done.stdout.is_empty() && !done.stderr.contains(TOKEN),
        "{}",
        done.stderr
    );
}

#[test]
fn an_unsigned_script_reads_no_token_and_signs_nothing() {
    for tool in ["locust", "k6"] {
        let done = run(&[
            "export",
            tool,
            "before-create",
            "--unsigned",
            "--url",
            "http://127.0.0.1:9/im",
        ]);
        assert_eq!(done.code, 0, "{}", done.stderr);
        assert!(
            done.stdout.contains("TOKEN_ENV = None")
                || done.stdout.contains("const TOKEN_ENV = null;")
        );
        assert!(done.stdout.contains("unsigned"));
    }
}

/// An answer with an ErrorCode before-create does not document fails Locust's check (and
/// IM would fall back), unsigned: the script then needs no token.
#[test]
fn locust_fails_an_error_code_the_callback_does_not_document() {
    let Some(locust) = load_tools::find("locust") else {
        return;
    };
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"OK","ErrorCode":5,"ErrorInfo":""}"#,
    ));
    let script = export("locust", &receiver.url, &["before-create", "--unsigned"]);
    let folder = script.parent().expect("folder").to_path_buf();
    let done = load_tools::run(
        load_tools::command(&locust)
            .current_dir(&folder)
            .args([
                "-f",
                arg(&script),
                "--headless",
                "-u",
                "1",
                "-r",
                "1",
                "-t",
                "1s",
            ])
            .args([
                "--stop-timeout",
                "10",
                "--only-summary",
                "--json-file",
                arg(&folder.join("stats")),
            ]),
    );
    let log = String::from_utf8_lossy(&done.stderr).into_owned();
    assert_eq!(done.status.code(), Some(1), "{log}");
    let decisions = locust_decisions(&log);
    let sent = receiver.received();
    assert!(!sent.is_empty());
    assert_eq!(
        decisions["fallback"].as_u64(),
        Some(sent.len() as u64),
        "{log}"
    );
    assert!(sent.iter().all(|request| !request.query.contains("Sign=")));
}

/// The other families: k6 judges Sns per-user results, the chatbot's reply and push batches
/// against serve (every check passes, the decisions are counted), and a receiver that
/// answers Sns without `ResultItem` fails the checks.
#[test]
fn k6_judges_every_family_s_answers() {
    let Some(k6) = load_tools::find("k6") else {
        return;
    };
    let k6_run = |url: &str, callbacks: &[&str]| {
        let script = export("k6", url, callbacks);
        let summary = script.with_file_name("summary.json");
        let done = load_tools::run(
            load_tools::command(&k6)
                .env("GRPCB_TOKEN", TOKEN)
                .args(["run", "--no-usage-report", "--quiet", "--vus", "2"])
                .args(["--duration", "2s", "--summary-export", arg(&summary)])
                .arg(arg(&script)),
        );
        (done.status.success(), k6_metrics(&summary))
    };
    let serve = Serve::start(&["--token", TOKEN]);
    let families = [
        "sns-prev-friend-add",
        "chatbot-c2c-signal",
        "push-offline",
        "c2c-before-send",
    ];
    let (passed, metrics) = k6_run(&format!("{}im", serve.url), &families);
    assert!(passed, "{metrics}");
    assert_eq!(metrics["checks"]["fails"], 0, "{metrics}");
    let requests = metrics["http_reqs"]["count"].as_u64().expect("requests");
    let decided = metrics["grpcb_decision_allow"]["count"]
        .as_u64()
        .unwrap_or(0)
        + metrics["grpcb_decision_ignored"]["count"]
            .as_u64()
            .unwrap_or(0);
    assert_eq!(decided, requests, "{metrics}");

    // A receiver that answers the Sns before-callback as if it were a group one.
    let receiver = Receiver::start(Reply::ok());
    let (passed, metrics) = k6_run(&receiver.url, &["sns-prev-friend-add"]);
    assert!(!passed, "{metrics}");
    assert_eq!(metrics["checks"]["passes"], 0, "{metrics}");
}

/// Answers `grpcb send` fails that a parser keeping the last key, or reading `0.0` as 0,
/// would pass; and refusals or replacements the verdict rejects. With what each script
/// must say about it.
const BAD_ANSWERS: [(&str, &str, &str); 13] = [
    (
        "before-create",
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorCode":0,"ErrorInfo":""}"#,
        "appears more than once",
    ),
    (
        "before-create",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ActionStatus":"FAIL"}"#,
        "appears more than once",
    ),
    (
        "before-create",
        r#"{"ActionStatus":"OK","ErrorCode":1,"Error\u0043ode":0,"ErrorInfo":""}"#,
        "appears more than once",
    ),
    (
        "before-create",
        r#"{"ActionStatus":"OK","ErrorCode":0.0,"ErrorInfo":""}"#,
        "not an integer",
    ),
    (
        "before-create",
        r#"{"ActionStatus":"OK","ErrorCode":-0,"ErrorInfo":""}"#,
        "not an integer",
    ),
    (
        "before-create",
        r#"{"ActionStatus":"OK","ErrorCode":1e0,"ErrorInfo":""}"#,
        "not an integer",
    ),
    (
        "before-send",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgBody":"oops"}"#,
        "MsgBody is not a non-empty array",
    ),
    (
        "before-send",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgBody":[{"MsgType":"Bogus"}]}"#,
        "is not a message element type",
    ),
    (
        "before-send",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","CloudCustomData":5}"#,
        "CloudCustomData is not a string",
    ),
    (
        "chatbot-c2c-signal",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#,
        "has no RspData string",
    ),
    (
        "before-invite",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["nobody"]}"#,
        "`nobody` is refused but was not in DestinationMembers",
    ),
    (
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"nobody","ResultCode":0,"ResultInfo":""}]}"#,
        "`nobody` has a result but was not in",
    ),
    (
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"nobody","ResultCode":0.0,"ResultInfo":""}]}"#,
        "ResultCode (integer)",
    ),
];

/// Answers that keep the contract and use a refusal or a replacement: still a pass.
const GOOD_ANSWERS: [(&str, &str); 3] = [
    (
        "before-invite",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["tommy"]}"#,
    ),
    (
        "before-send",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#,
    ),
    (
        "before-create",
        r#" {"ActionStatus" : "OK" , "ErrorCode" : 0 , "ErrorInfo" : "a\\\"}" , "Y":[ ] , "Z":{ } } "#,
    ),
];

/// One short unsigned run of an exported script against a receiver answering `body`:
/// whether it passed, and its output.
fn one_run(tool: &Path, kind: &str, callback: &str, body: &str) -> (bool, String) {
    let receiver = Receiver::start(Reply::json(body));
    let script = export(kind, &receiver.url, &[callback, "--unsigned"]);
    let folder = script.parent().expect("folder").to_path_buf();
    let mut cmd = load_tools::command(&tool.to_path_buf());
    cmd.current_dir(&folder);
    if kind == "locust" {
        cmd.args(["-f", arg(&script), "--headless", "-u", "1", "-r", "1"])
            .args(["-t", "1s", "--stop-timeout", "10", "--only-summary"]);
    } else {
        cmd.args([
            "run",
            "--no-usage-report",
            "--vus",
            "1",
            "--iterations",
            "3",
        ])
        .arg(arg(&script));
    }
    let done = load_tools::run(&mut cmd);
    assert!(!receiver.received().is_empty(), "{callback}: nothing sent");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&done.stdout),
        String::from_utf8_lossy(&done.stderr)
    );
    (done.status.success(), log)
}

/// Each bad answer fails `send`, and makes both scripts fail saying why; the good ones pass
/// all three.
#[test]
fn the_scripts_fail_what_send_fails_and_pass_what_it_passes() {
    let tools: Vec<(&str, PathBuf)> = ["locust", "k6"]
        .into_iter()
        .filter_map(|kind| load_tools::find(kind).map(|tool| (kind, tool)))
        .collect();
    for (callback, body, why) in BAD_ANSWERS {
        let sent = crate::support::answer(callback, Reply::json(body), &[]);
        assert_eq!(
            sent.code, 1,
            "send passes {callback} {body}: {}",
            sent.stdout
        );
        for (kind, tool) in &tools {
            let (passed, log) = one_run(tool, kind, callback, body);
            assert!(!passed, "{kind} passes {callback} {body}:\n{log}");
            assert!(
                log.contains(why),
                "{kind} {callback} {body}: not `{why}`:\n{log}"
            );
        }
    }
    for (callback, body) in GOOD_ANSWERS {
        let sent = crate::support::answer(callback, Reply::json(body), &[]);
        assert_eq!(
            sent.code, 0,
            "send fails {callback} {body}: {}",
            sent.stdout
        );
        for (kind, tool) in &tools {
            let (passed, log) = one_run(tool, kind, callback, body);
            assert!(passed, "{kind} fails {callback} {body}:\n{log}");
        }
    }
}

/// A valid allow that comes after IM's 2 s (the scripts wait 5 s, so the answer does
/// arrive): `send` fails it, and so does each script's check, saying why and counting it as
/// IM's fallback, as for no answer.
#[test]
fn the_scripts_fail_an_answer_slower_than_im_s_budget() {
    const ALLOW: &str = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#;
    const WHY: &str = "over IM's 2 s: IM would have given up";
    let slow = || Reply::json(ALLOW).delay(std::time::Duration::from_millis(2300));
    let sent = crate::support::answer("before-create", slow(), &["--timeout", "5s"]);
    assert_eq!(sent.code, 1, "send passes a slow allow: {}", sent.stdout);
    if let Some(locust) = load_tools::find("locust") {
        let receiver = Receiver::start(slow());
        let script = export(
            "locust",
            &receiver.url,
            &["before-create", "--unsigned", "--timeout", "5s"],
        );
        let done = load_tools::run(
            load_tools::command(&locust)
                .current_dir(script.parent().expect("folder"))
                .args(["-f", arg(&script), "--headless", "-u", "1", "-r", "1"])
                .args(["-t", "1s", "--stop-timeout", "10", "--only-summary"]),
        );
        let log = String::from_utf8_lossy(&done.stderr).into_owned();
        assert_eq!(done.status.code(), Some(1), "{log}");
        assert!(log.contains(WHY), "locust: not `{WHY}`:\n{log}");
        let answered = receiver.received().len() as u64;
        assert!(answered > 0);
        let decisions = locust_decisions(&log);
        assert_eq!(decisions["fallback"].as_u64(), Some(answered), "{log}");
        assert_eq!(sum(&decisions), answered, "{log}");
    }
    if let Some(k6) = load_tools::find("k6") {
        let receiver = Receiver::start(slow());
        let script = export(
            "k6",
            &receiver.url,
            &["before-create", "--unsigned", "--timeout", "5s"],
        );
        let summary = script.with_file_name("summary.json");
        let done = load_tools::run(
            load_tools::command(&k6)
                .args([
                    "run",
                    "--no-usage-report",
                    "--vus",
                    "1",
                    "--iterations",
                    "2",
                ])
                .args(["--summary-export", arg(&summary), arg(&script)]),
        );
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&done.stdout),
            String::from_utf8_lossy(&done.stderr)
        );
        assert!(!done.status.success(), "k6 passes a slow allow:\n{log}");
        assert!(log.contains(WHY), "k6: not `{WHY}`:\n{log}");
        let metrics = k6_metrics(&summary);
        assert_eq!(metrics["checks"]["passes"], 0, "{metrics}");
        assert_eq!(metrics["checks"]["fails"], 2, "{metrics}");
        assert_eq!(
            metrics["grpcb_decision_fallback"]["count"].as_u64(),
            Some(2),
            "{metrics}"
        );
        assert_eq!(receiver.received().len(), 2);
    }
}
