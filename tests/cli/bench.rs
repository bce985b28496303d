//! `grpcb bench` against loopback receivers: counts, signatures, templates, decisions and
//! findings, thresholds, exit codes, the JSON report, signals. No timing assertions of speed:
//! only lower bounds that the receivers' own delays guarantee.

use crate::support::raw::{http_200, http_200_kept_alive, write};
use crate::support::signals::Running;
use crate::support::{RawServer, Receiver, Reply, Run, Serve, grpcb, run, run_cmd};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const TOKEN: &str = "bench-tok-5e6f7a8b";
const ALLOW: &str = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#;

/// `grpcb bench CALLBACK --url URL --format json EXTRA...`.
fn bench(callback: &str, url: &str, extra: &[&str]) -> Run {
    let mut args = vec!["bench", callback, "--url", url, "--format", "json"];
    args.extend_from_slice(extra);
    run(&args)
}

/// The JSON report of a run that must exit with `code`; its accounting is checked too.
#[track_caller]
fn bench_report(callback: &str, url: &str, extra: &[&str], code: i32) -> Value {
    let run = bench(callback, url, extra);
    assert_eq!(run.code, code, "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    balanced(&report);
    report
}

fn count(report: &Value, pointer: &str) -> u64 {
    report
        .pointer(pointer)
        .and_then(Value::as_u64)
        .unwrap_or_else(|| panic!("{pointer} is not a count in {report:#}"))
}

/// Asserts the accounting identities every report keeps.
#[track_caller]
fn balanced(report: &Value) {
    let sent = count(report, "/requests/sent");
    let answered = count(report, "/requests/answered");
    let errored = count(report, "/requests/errored");
    assert_eq!(sent, answered + errored, "{report:#}");
    assert_eq!(
        answered,
        count(report, "/requests/passed") + count(report, "/requests/failed"),
        "{report:#}"
    );
    let total = |key: &str| -> u64 {
        report[key]
            .as_object()
            .unwrap_or_else(|| panic!("no {key} object"))
            .values()
            .filter_map(Value::as_u64)
            .sum()
    };
    assert_eq!(total("decisions"), sent, "{report:#}");
    assert_eq!(total("transport_errors"), errored, "{report:#}");
    assert_eq!(
        count(report, "/requests/timed_out"),
        report["transport_errors"]["timeout"].as_u64().unwrap_or(0),
        "{report:#}"
    );
}

#[test]
fn sends_exactly_n_requests_and_loses_none_in_the_count() {
    let receiver = Receiver::start(Reply::ok());
    let report = bench_report("before-create", &receiver.url, &["-n", "200", "-c", "8"], 0);
    assert_eq!(receiver.received().len(), 200);
    assert_eq!(count(&report, "/requests/sent"), 200);
    assert_eq!(count(&report, "/requests/passed"), 200);
    assert_eq!(count(&report, "/decisions/allow"), 200);
    assert_eq!(report["stopped"], "requests");
    assert_eq!(report["verdict"], "pass");
    // Every request is the callback IM sends, query and all.
    for received in receiver.received() {
        let query = received.query_pairs();
        assert_eq!(
            query[1],
            (
                "CallbackCommand".into(),
                "Group.CallbackBeforeCreateGroup".into()
            )
        );
        assert_eq!(
            received.header("content-type").as_deref(),
            Some("application/json")
        );
        assert_eq!(
            received.body_json()["CallbackCommand"],
            "Group.CallbackBeforeCreateGroup"
        );
    }
}

#[test]
fn every_request_is_signed_for_its_own_request_time() {
    let receiver = Receiver::start(Reply::ok());
    // 30 requests at 20 per second span at least two RequestTime seconds.
    let run = bench(
        "before-send",
        &receiver.url,
        &["--token", TOKEN, "-n", "30", "--rate", "20", "-c", "2"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let mut times = BTreeSet::new();
    for received in receiver.received() {
        let query = received.query_pairs();
        let value = |name: &str| {
            query
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
                .unwrap_or_else(|| panic!("no {name} in {query:?}"))
        };
        let request_time: u64 = value("RequestTime").parse().expect("seconds");
        assert_eq!(
            value("Sign"),
            grpcb_contract::sign::sign(TOKEN, request_time)
        );
        times.insert(request_time);
    }
    assert_eq!(receiver.received().len(), 30);
    assert!(times.len() >= 2, "RequestTime never changed: {times:?}");
}

#[test]
fn grpcb_serve_accepts_a_good_token_and_rejects_a_bad_one() {
    let serve = Serve::start(&["--token", TOKEN]);
    let good = bench(
        "before-create",
        &serve.url,
        &["--token", TOKEN, "-n", "100", "--expect", "allow"],
    );
    assert_eq!(good.code, 0, "{}", good.stdout);
    let report = good.json();
    balanced(&report);
    assert_eq!(count(&report, "/requests/passed"), 100);
    assert_eq!(count(&report, "/decisions/allow"), 100);

    // serve refuses every request with a wrong Sign (ErrorCode 1): the expectation fails.
    let bad = bench(
        "before-create",
        &serve.url,
        &["--token", "not-the-token", "-n", "100", "--expect", "allow"],
    );
    let report = bad.json();
    balanced(&report);
    assert_eq!(count(&report, "/requests/failed"), 100, "{report:#}");
    assert_eq!(count(&report, "/decisions/deny"), 100);
    assert_eq!(count(&report, "/findings/expect-decision/errors"), 100);
    assert_eq!(report["error_rate"], 100.0);
    // No --max-error-rate is a rate of 0: answers that break the contract fail the run.
    assert_eq!(bad.code, 1);
    // Only a rate given by hand tolerates them.
    let tolerated = bench(
        "before-create",
        &serve.url,
        &[
            "--token",
            "not-the-token",
            "-n",
            "20",
            "--max-error-rate",
            "100",
        ],
    );
    assert_eq!(tolerated.code, 0, "{}", tolerated.stdout);
    let human = run(&[
        "bench",
        "before-create",
        "--url",
        &serve.url,
        "--token",
        "not-the-token",
        "-n",
        "20",
        "--expect",
        "allow",
        "--max-error-rate",
        "0",
    ]);
    assert_eq!(human.code, 1, "{}", human.stdout);
    assert!(
        human
            .stdout
            .contains("FAIL error rate 100.00% is over --max-error-rate 0%"),
        "{}",
        human.stdout
    );
}

/// Any command loads: a per-target Sns answer, a push batch with a templated recipient in
/// each event, the moderation result with the query's SdkAppid.
#[test]
fn every_family_can_be_benched_against_grpcb_serve() {
    let serve = Serve::start(&["--token", TOKEN, "--sdkappid", "1400123456"]);
    let signed = ["--token", TOKEN, "--sdkappid", "1400123456", "-n", "30"];
    for (callback, expect) in [
        ("sns-prev-friend-add", "allow"),
        ("chatbot-c2c-signal", "allow"),
        ("c2c-before-send", "allow"),
        ("content-result-notify", "ignored"),
        ("state-change", "ignored"),
    ] {
        let mut extra = signed.to_vec();
        extra.extend(["--expect", expect, "--max-error-rate", "0"]);
        let report = bench_report(callback, &serve.url, &extra, 0);
        assert_eq!(count(&report, "/requests/passed"), 30, "{callback}");
    }
    let mut extra = signed.to_vec();
    extra.extend([
        "--set",
        "Events.0.To_Account=user-{{seq}}",
        "--max-error-rate",
        "0",
    ]);
    let report = bench_report("push-offline", &serve.url, &extra, 0);
    assert_eq!(count(&report, "/decisions/ignored"), 30);
}

#[test]
fn templates_give_each_request_its_own_values() {
    let receiver = Receiver::start(Reply::ok());
    let report = bench_report(
        "before-send",
        &receiver.url,
        &[
            "-n",
            "50",
            "-c",
            "4",
            "--set",
            "MsgId={{uuid}}",
            "--set",
            "Random={{rand}}",
            "--set",
            "GroupId=@TGS#{{seq}}",
            "--set",
            "EventTime={{now_ms}}",
            "--set",
            "CloudCustomData=\"{{seq}}\"",
        ],
        0,
    );
    assert_eq!(report["load"]["templated"], true);
    let bodies: Vec<Value> = receiver
        .received()
        .iter()
        .map(super::support::receiver::Received::body_json)
        .collect();
    assert_eq!(bodies.len(), 50);
    let ids: BTreeSet<String> = bodies
        .iter()
        .map(|b| b["MsgId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 50, "MsgIds repeat: {ids:?}");
    assert!(
        ids.iter().all(|id| id.len() == 36 && &id[14..15] == "4"),
        "{ids:?}"
    );
    // After substitution a VALUE that is JSON is JSON: numbers stay numbers.
    assert!(bodies.iter().all(|b| {
        b["Random"]
            .as_u64()
            .is_some_and(|n| n <= u64::from(u32::MAX))
    }));
    assert!(bodies.iter().all(|b| {
        b["EventTime"]
            .as_u64()
            .is_some_and(|ms| ms > 1_600_000_000_000)
    }));
    let groups: BTreeSet<String> = bodies
        .iter()
        .map(|b| b["GroupId"].as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = (1..=50).map(|seq| format!("@TGS#{seq}")).collect();
    assert_eq!(groups, expected);
    assert!(bodies.iter().all(|b| b["CloudCustomData"].is_string()));
}

#[test]
fn a_seed_repeats_the_random_values() {
    let values = |seed: &str| {
        let receiver = Receiver::start(Reply::ok());
        let report = bench_report(
            "before-send",
            &receiver.url,
            &[
                "-n",
                "10",
                "-c",
                "3",
                "--seed",
                seed,
                "--set",
                "MsgId={{uuid}}-{{rand}}",
            ],
            0,
        );
        assert_eq!(report["load"]["seed"], seed.parse::<u64>().unwrap());
        receiver
            .received()
            .iter()
            .map(|r| r.body_json()["MsgId"].as_str().unwrap().to_string())
            .collect::<BTreeSet<String>>()
    };
    assert_eq!(values("7"), values("7"));
    assert_ne!(values("7"), values("8"));
}

#[test]
fn decisions_and_findings_are_counted() {
    let served = Arc::new(AtomicUsize::new(0));
    let counter = served.clone();
    let receiver = Receiver::start_with(move |_| {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        if n.is_multiple_of(10) {
            // ErrorCode 7 means nothing for before-create: a contract failure.
            Reply::json(r#"{"ActionStatus":"OK","ErrorCode":7,"ErrorInfo":"what"}"#)
        } else if n.is_multiple_of(3) {
            Reply::json(r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no","Extra":1}"#)
        } else {
            Reply::ok()
        }
    });
    let run = bench("before-create", &receiver.url, &["-n", "90", "-c", "4"]);
    let report = run.json();
    balanced(&report);
    // 1..=90: multiples of 10: 9; multiples of 3 but not of 10: 30 - 3 = 27; the rest 54.
    assert_eq!(count(&report, "/requests/failed"), 9, "{report:#}");
    assert_eq!(count(&report, "/requests/passed"), 81);
    assert_eq!(count(&report, "/decisions/deny"), 27);
    assert_eq!(count(&report, "/decisions/allow"), 54);
    assert_eq!(count(&report, "/decisions/fallback"), 9);
    assert_eq!(count(&report, "/findings/unknown-error-code/errors"), 9);
    assert_eq!(count(&report, "/findings/unknown-field/warnings"), 27);
    assert!(
        report["findings"]["unknown-field"]["example"]
            .as_str()
            .unwrap()
            .contains("Extra")
    );
    assert_eq!(report["error_rate"], 10.0);
    // 10% failed or errored, over the default --max-error-rate 0.
    assert_eq!(run.code, 1);

    // The same counts for people.
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#,
    ));
    let human =
        run_cmd(grpcb().args(["bench", "before-create", "--url", &receiver.url, "-n", "12"]));
    assert_eq!(human.code, 0, "{}", human.stdout);
    assert!(
        human.stdout.contains("12 sent: 12 answered, 0 errored"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("decisions  deny 12"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("PASS error rate 0.00% within 0%"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_p99_over_the_threshold_exits_1() {
    let receiver = Receiver::start(Reply::ok().delay(Duration::from_millis(60)));
    let report = bench_report(
        "after-send",
        &receiver.url,
        &["-n", "20", "-c", "4", "--max-p99", "10ms"],
        1,
    );
    assert_eq!(report["verdict"], "fail");
    assert_eq!(
        report["thresholds"]["broken"],
        serde_json::json!(["max-p99"])
    );
    assert_eq!(report["thresholds"]["max_p99_ms"], 10.0);
    assert!(
        report["latency_ms"]["p99"].as_f64().unwrap() >= 60.0,
        "{report:#}"
    );

    let report = bench_report(
        "after-send",
        &receiver.url,
        &["-n", "20", "-c", "4", "--max-p99", "30s"],
        0,
    );
    assert_eq!(report["thresholds"]["broken"], serde_json::json!([]));
    assert_eq!(report["latency_at_least"], serde_json::json!([]));
}

#[test]
fn an_error_rate_over_the_threshold_exits_1() {
    let failing = Receiver::start(Reply::json("oops").status(500));
    let report = bench_report(
        "before-create",
        &failing.url,
        &["-n", "20", "--max-error-rate", "1%"],
        1,
    );
    assert_eq!(count(&report, "/requests/failed"), 20);
    assert_eq!(count(&report, "/findings/http-status/errors"), 20);
    assert_eq!(
        report["thresholds"]["broken"],
        serde_json::json!(["max-error-rate"])
    );

    let fine = Receiver::start(Reply::ok());
    let report = bench_report(
        "before-create",
        &fine.url,
        &["-n", "20", "--max-error-rate", "0", "--max-p99", "30s"],
        0,
    );
    assert_eq!(report["verdict"], "pass");
}

#[test]
fn nothing_answered_exits_3() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/im");
    let report = bench_report(
        "before-create",
        &url,
        &["-n", "5", "-c", "2", "--max-error-rate", "100"],
        3,
    );
    assert_eq!(count(&report, "/requests/errored"), 5);
    assert_eq!(count(&report, "/transport_errors/refused"), 5);
    assert_eq!(count(&report, "/findings/transport-refused/errors"), 5);
    assert_eq!(report["verdict"], "error");
    assert!(report["latency_ms"]["p50"].is_null());
    // https goes through the shared client, with the same accounting.
    let report = bench_report(
        "before-create",
        &format!("https://127.0.0.1:{port}/im"),
        &["-n", "3"],
        3,
    );
    assert_eq!(count(&report, "/transport_errors/refused"), 3);
}

#[test]
fn a_duration_ends_the_run_by_itself() {
    let receiver = Receiver::start(Reply::ok().delay(Duration::from_millis(5)));
    let started = Instant::now();
    let report = bench_report(
        "after-create",
        &receiver.url,
        &["--duration", "1s", "-c", "2"],
        0,
    );
    assert_eq!(report["stopped"], "duration");
    assert_eq!(report["load"]["duration_s"], 1.0);
    assert!(report["duration_s"].as_f64().unwrap() >= 1.0, "{report:#}");
    assert!(count(&report, "/requests/sent") > 0);
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn the_open_loop_counts_latency_from_the_schedule() {
    // One connection, answers after 100 ms, requests due every 10 ms: request 10 waits for
    // the nine before it, so its latency is at least 10 x 100 - 9 x 10 = 910 ms.
    let receiver = Receiver::start(Reply::ok().delay(Duration::from_millis(100)));
    let report = bench_report(
        "after-send",
        &receiver.url,
        &["--rate", "100", "-n", "10", "-c", "1"],
        0,
    );
    assert_eq!(report["load"]["mode"], "open");
    assert_eq!(report["load"]["rate"], 100.0);
    assert_eq!(count(&report, "/requests/sent"), 10);
    assert!(
        report["latency_ms"]["max"].as_f64().unwrap() >= 900.0,
        "{report:#}"
    );
}

#[test]
fn bad_input_exits_4_before_anything_is_sent() {
    let receiver = Receiver::start(Reply::ok());
    for (extra, needle) in [
        (
            vec!["--set", "MsgId={{nope}}"],
            "unknown placeholder `{{nope}}`",
        ),
        (vec!["--set", "MsgId={{seq"], "without"),
        (vec!["--set", "GroupId.x={{seq}}"], "--set"),
        (vec!["-c", "0"], "--concurrency"),
        (vec!["-n", "0"], "--requests"),
        (vec!["--rate", "0"], "--rate"),
        (vec!["--duration", "soon"], "--duration"),
        (vec!["--max-p99", "fast"], "--max-p99"),
        (vec!["--max-error-rate", "101"], "--max-error-rate"),
    ] {
        let mut args = vec!["bench", "before-send", "--url", receiver.url.as_str()];
        args.extend(extra.iter().copied());
        let run = run(&args);
        assert_eq!(run.code, 4, "{extra:?}: {}", run.stderr);
        assert!(run.stderr.contains(needle), "{extra:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{extra:?}: {}", run.stdout);
    }
    assert!(receiver.received().is_empty());
    let run = run(&[
        "bench",
        "before-send",
        "--url",
        &receiver.url,
        "-n",
        "5",
        "--duration",
        "1s",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn the_json_report_has_the_documented_keys() {
    let receiver = Receiver::start(Reply::ok());
    let report = bench("before-invite", &receiver.url, &["-n", "5", "--seed", "3"]).json();
    let keys = |value: &Value| -> Vec<String> {
        value.as_object().expect("object").keys().cloned().collect()
    };
    assert_eq!(
        keys(&report),
        [
            "callback",
            "alias",
            "kind",
            "url",
            "load",
            "stopped",
            "signal",
            "duration_s",
            "requests",
            "rate",
            "latency_ms",
            "latency_at_least",
            "over_budget",
            "decisions",
            "findings",
            "transport_errors",
            "error_rate",
            "thresholds",
            "verdict"
        ]
    );
    assert_eq!(
        keys(&report["load"]),
        [
            "concurrency",
            "mode",
            "rate",
            "requests",
            "duration_s",
            "seed",
            "templated"
        ]
    );
    assert_eq!(
        keys(&report["requests"]),
        [
            "sent",
            "answered",
            "errored",
            "timed_out",
            "passed",
            "failed"
        ]
    );
    assert_eq!(
        keys(&report["latency_ms"]),
        ["p50", "p90", "p99", "p99_9", "max", "mean"]
    );
    assert_eq!(keys(&report["over_budget"]), ["count", "percent"]);
    assert_eq!(
        keys(&report["thresholds"]),
        ["max_p99_ms", "max_error_rate", "broken"]
    );
    assert_eq!(report["callback"], "Group.CallbackBeforeInviteJoinGroup");
    assert_eq!(report["alias"], "before-invite");
    assert_eq!(report["kind"], "before");
    assert_eq!(report["load"]["concurrency"], 16);
    assert_eq!(report["load"]["mode"], "closed");
    assert_eq!(report["load"]["requests"], 5);
    assert_eq!(report["over_budget"]["count"], 0);
    assert_eq!(report["stopped"], "requests");
    assert!(report["signal"].is_null());
    assert_eq!(report["thresholds"]["broken"], serde_json::json!([]));
}

#[test]
fn the_token_appears_in_no_output() {
    // A receiver's own words are reported as they came (see secrets.rs); this one says
    // nothing of the token, so nothing may show it.
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"OK","ErrorCode":7,"ErrorInfo":"unknown code","Extra":1}"#,
    ));
    for extra in [
        vec![],
        vec!["-v"],
        vec!["--format", "json"],
        vec!["--format", "json", "-v"],
    ] {
        let mut args = vec![
            "bench",
            "before-create",
            "--url",
            receiver.url.as_str(),
            "--token",
            TOKEN,
            "-n",
            "3",
        ];
        args.extend(extra.iter().copied());
        let run = run(&args);
        // ErrorCode 7 breaks the contract: exit 1 under the default --max-error-rate 0.
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(!run.stdout.contains(TOKEN), "{extra:?}: {}", run.stdout);
        assert!(!run.stderr.contains(TOKEN), "{extra:?}: {}", run.stderr);
    }
    let help = run_cmd(grpcb().args(["bench", "--help"]).env("GRPCB_TOKEN", TOKEN));
    assert!(!help.stdout.contains(TOKEN));
}

#[test]
fn verbose_shows_the_first_exchange_and_quiet_nothing() {
    let receiver = Receiver::start(Reply::ok());
    let run = run(&[
        "bench",
        "before-create",
        "--url",
        &receiver.url,
        "-n",
        "3",
        "-v",
    ]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("> POST /im?SdkAppid=1400000000"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("< HTTP/1.1 200 OK"), "{}", run.stderr);
    assert!(run.stdout.contains("3 sent"), "{}", run.stdout);
    let run = crate::support::run(&[
        "bench",
        "before-create",
        "--url",
        &receiver.url,
        "-n",
        "3",
        "-q",
    ]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
}

/// Starts `grpcb bench ARGS` against `receiver` and sends it `signal` once requests arrive.
fn bench_stopped_by(signal: &str, receiver: &Receiver, args: &[&str]) -> Run {
    let mut all = vec!["bench", "--url", receiver.url.as_str()];
    all.extend_from_slice(args);
    let running = Running::start(&all);
    // Requests arriving means the handler is in place (it is installed before the first).
    let started = Instant::now();
    while receiver.received().len() < 5 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no requests arrived"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    running.signal(signal);
    running.finish()
}

#[test]
fn sigterm_stops_the_run_with_a_partial_report_and_exits_143() {
    let receiver = Receiver::start(Reply::ok().delay(Duration::from_millis(20)));
    let run = bench_stopped_by(
        "TERM",
        &receiver,
        &[
            "after-send",
            "--duration",
            "60s",
            "-c",
            "2",
            "--format",
            "json",
        ],
    );
    let report = run.json();
    assert_eq!(run.code, 143, "{report:#}");
    assert_eq!(report["stopped"], "signal");
    assert_eq!(report["signal"], "SIGTERM");
    assert_eq!(report["verdict"], "stopped");
    assert!(report["thresholds"]["broken"].is_null(), "{report:#}");
    balanced(&report);
    // Requests in flight were waited for: everything the receiver got was counted.
    assert_eq!(
        count(&report, "/requests/sent") as usize,
        receiver.received().len()
    );
}

#[test]
fn sigint_stops_the_run_and_a_stopped_run_never_passes() {
    // Every threshold would be met: a stopped run is still not a pass.
    let receiver = Receiver::start(Reply::ok().delay(Duration::from_millis(20)));
    let run = bench_stopped_by(
        "INT",
        &receiver,
        &[
            "before-create",
            "-n",
            "1000000",
            "-c",
            "2",
            "--max-error-rate",
            "0",
            "--max-p99",
            "30s",
        ],
    );
    assert_eq!(run.code, 130, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("stopped by SIGINT: partial report"),
        "{}",
        run.stdout
    );
    let closing = run
        .stdout
        .lines()
        .find(|line| line.starts_with("STOPPED"))
        .unwrap_or_else(|| panic!("no STOPPED line:\n{}", run.stdout));
    assert!(
        closing.starts_with("STOPPED by SIGINT after ")
            && closing.ends_with(" of 1,000,000 requests; thresholds not judged"),
        "{closing}"
    );
    assert!(
        !run.stdout.lines().any(|line| line.starts_with("PASS")),
        "{}",
        run.stdout
    );
}

#[test]
fn hostile_answers_get_the_verdict_send_gives_them() {
    type Behaviour = fn(&mut std::net::TcpStream);
    let cases: [(&str, Behaviour); 6] = [
        ("well-formed, then closed", |stream| {
            write(stream, &http_200(ALLOW.as_bytes()));
        }),
        ("garbage", |stream| {
            write(stream, b"\x00\x01garbage that is not HTTP\r\n\r\n");
        }),
        ("closed without answer", |_stream| {}),
        ("truncated", |stream| {
            write(
                stream,
                b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"Action",
            );
        }),
        ("interim, then chunked with trailers", |stream| {
            let rest = r#"ionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#;
            // The server closes after it: it says so, or a next request could meet the close.
            write(stream, b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nconnection: close\r\ntransfer-encoding: chunked\r\n\r\n5\r\n{\"Act\r\n");
            write(
                stream,
                format!("{:x}\r\n{rest}\r\n0\r\nx-trailer: 1\r\n\r\n", rest.len()).as_bytes(),
            );
        }),
        ("until close", |stream| {
            write(
                stream,
                b"HTTP/1.0 500 Internal Server Error\r\n\r\n<html>oops</html>",
            );
        }),
    ];
    for (name, behaviour) in cases {
        let server = RawServer::start(behaviour);
        let send = crate::support::send_json("before-create", &server.url, &[]).json();
        let expected: BTreeSet<String> = send["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|finding| finding["code"].as_str().unwrap().to_string())
            .collect();
        let report = bench("before-create", &server.url, &["-n", "4", "-c", "2"]).json();
        balanced(&report);
        let found: BTreeSet<String> = report["findings"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(found, expected, "{name}: {report:#}");
        let decision = send["decision"].as_str().unwrap();
        assert_eq!(
            count(&report, &format!("/decisions/{decision}")),
            4,
            "{name}: {report:#}"
        );
    }
}

#[test]
fn a_huge_answer_is_cut_at_the_cap_as_send_cuts_it() {
    let receiver = Receiver::start(Reply::bytes(vec![b'x'; 8 << 20]));
    let report = bench("before-create", &receiver.url, &["-n", "3", "-c", "1"]).json();
    balanced(&report);
    assert_eq!(count(&report, "/findings/body-too-large/errors"), 3);
    assert_eq!(count(&report, "/decisions/fallback"), 3);
    assert_eq!(receiver.received().len(), 3);
}

#[test]
fn a_slow_answer_is_cut_at_the_timeout_and_the_next_one_goes_on() {
    let served = Arc::new(AtomicUsize::new(0));
    let counter = served.clone();
    // Every third answer comes after 2 s; the others at once.
    let receiver = Receiver::start_with(move |_| {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        let delay = if n.is_multiple_of(3) { 2000 } else { 0 };
        Reply::ok().delay(Duration::from_millis(delay))
    });
    let started = Instant::now();
    let run = bench(
        "before-create",
        &receiver.url,
        &["-n", "9", "-c", "1", "--timeout", "300ms"],
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the timeouts did not cut"
    );
    let report = run.json();
    balanced(&report);
    assert_eq!(count(&report, "/transport_errors/timeout"), 3, "{report:#}");
    assert_eq!(count(&report, "/requests/passed"), 6);
    assert!(
        report["findings"]["transport-timeout"]["example"]
            .as_str()
            .unwrap()
            .contains("300.0 ms"),
        "{report:#}"
    );
}

#[test]
fn help_has_placeholders_thresholds_examples_and_exit_codes() {
    let help = run(&["bench", "--help"]);
    assert_eq!(help.code, 0);
    for needle in [
        "{{seq}}",
        "{{uuid}}",
        "{{rand}}",
        "{{now_ms}}",
        "--concurrency",
        "--rate",
        "--max-p99",
        "--max-error-rate",
        "(errored + failed) / sent",
        "Examples:",
        "Exit codes:",
    ] {
        assert!(help.stdout.contains(needle), "{needle}: {}", help.stdout);
    }
}

#[test]
fn a_request_dropped_after_it_was_read_is_an_error_never_a_resend() {
    // Every second request on a connection is read whole, then the connection is closed
    // without an answer: the receiver processed it, so bench must not send it again.
    let dropped = Arc::new(AtomicUsize::new(0));
    let answered = Arc::new(AtomicUsize::new(0));
    let (drops, answers) = (dropped.clone(), answered.clone());
    let server = RawServer::sessions(move |stream, nth| {
        if nth % 2 == 0 {
            drops.fetch_add(1, Ordering::SeqCst);
            return false;
        }
        answers.fetch_add(1, Ordering::SeqCst);
        write(stream, &http_200_kept_alive(ALLOW.as_bytes()));
        true
    });
    let report = bench_report("before-create", &server.url, &["-n", "200", "-c", "4"], 1);
    let (dropped, answered) = (
        dropped.load(Ordering::SeqCst),
        answered.load(Ordering::SeqCst),
    );
    assert!(dropped >= 96, "the server dropped only {dropped}");
    assert_eq!(count(&report, "/requests/sent") as usize, server.requests());
    assert_eq!(
        server.requests(),
        200,
        "a request was sent twice: {report:#}"
    );
    assert_eq!(count(&report, "/requests/answered") as usize, answered);
    assert_eq!(count(&report, "/requests/errored") as usize, dropped);
    assert_eq!(count(&report, "/transport_errors/closed") as usize, dropped);
    assert_eq!(
        count(&report, "/findings/transport-closed/errors") as usize,
        dropped
    );
    assert_eq!(count(&report, "/requests/passed") as usize, answered);
    // Reported as send reports a receiver that closes without answering.
    let send = crate::support::send_json("before-create", &RawServer::start(|_stream| {}).url, &[]);
    assert_eq!(send.finding_codes(), ["transport-closed"]);
    for message in [
        &report["findings"]["transport-closed"]["example"],
        &send.json()["findings"][0]["message"],
    ] {
        let message = message.as_str().unwrap_or_default();
        assert!(
            message.starts_with("the receiver closed the connection without a complete answer")
                && message.ends_with("connection closed before message completed)"),
            "{message}"
        );
    }
}

#[test]
fn a_connection_closed_while_idle_is_replaced_and_nothing_is_sent_twice() {
    // Each answer says nothing of closing, then the connection is closed; requests are
    // 100 ms apart, so each finds its connection closed before it is written.
    let server = RawServer::sessions(|stream, _| {
        write(stream, &http_200_kept_alive(ALLOW.as_bytes()));
        false
    });
    let report = bench_report(
        "before-create",
        &server.url,
        &["-n", "5", "-c", "1", "--rate", "10"],
        0,
    );
    assert_eq!(count(&report, "/requests/passed"), 5, "{report:#}");
    assert_eq!(server.requests(), 5);
    assert_eq!(server.connections(), 5);
}

#[test]
fn connections_are_reused_only_when_the_answer_allows_it() {
    let length = |status_line: &str, fields: &str| {
        format!(
            "{status_line}\r\n{fields}content-length: {}\r\n\r\n{ALLOW}",
            ALLOW.len()
        )
    };
    let chunked = |fields: &str| {
        format!(
            "HTTP/1.1 200 OK\r\n{fields}transfer-encoding: chunked\r\n\r\n{:x}\r\n{ALLOW}\r\n0\r\n\r\n",
            ALLOW.len()
        )
    };
    for (name, answer, connections) in [
        ("HTTP/1.1", length("HTTP/1.1 200 OK", ""), 1),
        ("HTTP/1.1 chunked", chunked(""), 1),
        (
            "HTTP/1.1, close",
            length("HTTP/1.1 200 OK", "connection: close\r\n"),
            3,
        ),
        (
            "HTTP/1.1, keep-alive then close",
            length(
                "HTTP/1.1 200 OK",
                "connection: keep-alive\r\nconnection: close\r\n",
            ),
            3,
        ),
        ("HTTP/1.0", length("HTTP/1.0 200 OK", ""), 3),
        (
            "HTTP/1.0 keep-alive",
            length("HTTP/1.0 200 OK", "connection: keep-alive\r\n"),
            1,
        ),
        // Both framings: read as chunked, and the connection is not trusted after it.
        (
            "Transfer-Encoding and Content-Length",
            chunked("content-length: 5\r\n"),
            3,
        ),
    ] {
        let server = RawServer::sessions(move |stream, _| {
            write(stream, answer.as_bytes());
            true
        });
        let report = bench_report("before-create", &server.url, &["-n", "3", "-c", "1"], 0);
        assert_eq!(count(&report, "/requests/passed"), 3, "{name}: {report:#}");
        assert_eq!(server.requests(), 3, "{name}");
        assert_eq!(server.connections(), connections, "{name}");
    }
}

/// A receiver that answers one request in `every` at once and holds the others for 5 s.
fn answers_one_in(every: usize) -> Receiver {
    let seen = AtomicUsize::new(0);
    Receiver::start_with(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst).is_multiple_of(every) {
            Reply::ok()
        } else {
            Reply::ok().delay(Duration::from_secs(5))
        }
    })
}

/// Timed-out requests took the timeout at least: they count as that in the percentiles and
/// the 2 s budget, and `--max-p99` is not met when the p99 is one of theirs, over the limit
/// or not (then it is not judged).
#[test]
fn timed_out_requests_count_as_taking_the_timeout() {
    let receiver = answers_one_in(10);
    let args = [
        "-n",
        "20",
        "-c",
        "20",
        "--timeout",
        "2100ms",
        "--max-p99",
        "300ms",
        // The timeouts alone would break the default --max-error-rate 0: p99 is judged here.
        "--max-error-rate",
        "100",
    ];
    let report = bench_report("before-create", &receiver.url, &args, 1);
    assert_eq!(count(&report, "/requests/answered"), 2, "{report:#}");
    assert_eq!(count(&report, "/requests/timed_out"), 18);
    assert_eq!(count(&report, "/over_budget/count"), 18);
    assert_eq!(report["over_budget"]["percent"], 90.0);
    assert!(
        report["latency_ms"]["p99"].as_f64().unwrap() >= 2100.0,
        "{report:#}"
    );
    assert!(
        report["latency_ms"]["p50"].as_f64().unwrap() >= 2100.0,
        "{report:#}"
    );
    assert_eq!(
        report["latency_at_least"],
        serde_json::json!(["p50", "p90", "p99", "p99_9", "max"])
    );
    assert_eq!(
        report["thresholds"]["broken"],
        serde_json::json!(["max-p99"])
    );
    assert_eq!(report["verdict"], "fail");
    let human = run(&[
        "bench",
        "before-create",
        "--url",
        &receiver.url,
        "--color",
        "never",
    ]
    .iter()
    .copied()
    .chain(args)
    .collect::<Vec<_>>());
    assert_eq!(human.code, 1, "{}", human.stdout);
    for said in [
        "budget     18 requests over 2 s (90.00%), the 18 timed out counted as taking the timeout",
        "(18 timed out, counted as the timeout)",
        "FAIL p99 at least 2.10 s (18 requests timed out) is over --max-p99 300.0 ms",
    ] {
        assert!(human.stdout.contains(said), "{said}: {}", human.stdout);
    }

    // A limit above the timeout: the p99 is at least the timeout, maybe more: not judged.
    let args = [
        "-n",
        "20",
        "-c",
        "20",
        "--timeout",
        "200ms",
        "--max-p99",
        "5s",
        "--max-error-rate",
        "100",
    ];
    let report = bench_report("before-create", &receiver.url, &args, 1);
    assert_eq!(count(&report, "/over_budget/count"), 0);
    assert_eq!(
        report["thresholds"]["broken"],
        serde_json::json!(["max-p99"])
    );
    let human = run(&["bench", "before-create", "--url", &receiver.url]
        .iter()
        .copied()
        .chain(args)
        .collect::<Vec<_>>());
    assert_eq!(human.code, 1, "{}", human.stdout);
    assert!(
        human
            .stdout
            .contains("p99 not judged: 18 requests timed out, so p99 is at least 200."),
        "{}",
        human.stdout
    );

    // One timeout in 200 is past the p99: it is measured, and the threshold met.
    let receiver = answers_one_in_200();
    let args = [
        "-n",
        "200",
        "-c",
        "8",
        "--timeout",
        "300ms",
        "--max-p99",
        "1s",
        "--max-error-rate",
        "1",
    ];
    let report = bench_report("before-create", &receiver.url, &args, 0);
    assert_eq!(count(&report, "/requests/timed_out"), 1);
    assert!(
        report["latency_ms"]["p99"].as_f64().unwrap() < 300.0,
        "{report:#}"
    );
    assert_eq!(
        report["latency_at_least"],
        serde_json::json!(["p99_9", "max"])
    );
    assert_eq!(report["verdict"], "pass");
}

/// Holds only the 100th request.
fn answers_one_in_200() -> Receiver {
    let seen = AtomicUsize::new(0);
    Receiver::start_with(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) == 99 {
            Reply::ok().delay(Duration::from_secs(5))
        } else {
            Reply::ok()
        }
    })
}
