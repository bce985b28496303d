//! `grpcb fuzz`: no failure against the reference receiver and against correct receivers with
//! business rules; each known body-handling defect found within the CI budget and shrunk to a
//! fixture that `grpcb send --fixture` fails with; the same seed the same bodies, reports and
//! fixtures whatever `--jobs`; JUnit; exit codes; signals.

use crate::support::signals::Running;
use crate::support::{Receiver, Reply, Run, Serve, defects, run, tempdir};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

const TOKEN: &str = "fuzz-token-7c1d9e";

/// `grpcb fuzz --url URL --format json --out OUT --seed 42 EXTRA...`.
fn fuzz(url: &str, out: &Path, extra: &[&str]) -> Run {
    fuzz_seeded(url, out, "42", extra)
}

/// The same with another seed.
fn fuzz_seeded(url: &str, out: &Path, seed: &str, extra: &[&str]) -> Run {
    let out = out.to_str().expect("UTF-8 path");
    let mut args = vec![
        "fuzz", "--url", url, "--format", "json", "--out", out, "--seed", seed,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn failures(report: &Value) -> Vec<Value> {
    report["callbacks"]
        .as_array()
        .expect("callbacks")
        .iter()
        .flat_map(|callback| callback["failures"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[test]
fn the_reference_receiver_keeps_every_property_over_every_callback() {
    let serve = Serve::start(&["--token", TOKEN]);
    let out = tempdir().join("failures");
    let run = fuzz(
        &serve.url,
        &out,
        &["--token", TOKEN, "--cases", "3", "--jobs", "4"],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    assert_eq!(report["verdict"], "pass");
    assert_eq!(report["signed"], true);
    assert_eq!(report["seed"], 42);
    assert_eq!(report["totals"]["callbacks"], 57);
    assert_eq!(report["totals"]["cases"], 3 * 57);
    assert_eq!(report["totals"]["failures"], 0);
    for callback in report["callbacks"].as_array().expect("callbacks") {
        assert_eq!(callback["status"], "pass", "{callback}");
        assert_eq!(callback["cases"], 3);
        let stable = callback["properties"]
            .as_array()
            .expect("properties")
            .iter()
            .any(|property| property["property"] == "stable");
        let decides = matches!(callback["kind"].as_str(), Some("before" | "reply"));
        assert_eq!(stable, decides, "{}", callback["alias"]);
    }
    assert!(!out.exists(), "no failure, no folder");
    // serve checked every body as a careful receiver does and refused none.
    let requests = report["totals"]["requests"].as_u64().expect("requests") as usize;
    let lines = serve.wait_for_lines(1 + requests);
    assert!(
        lines[1..].iter().all(|line| !line.contains("rejected")),
        "{}",
        lines.join("\n")
    );
}

/// A correct receiver with business rules: it decides by what the body says (the length of
/// a name), so different bodies get different decisions, and refuses some users of a list.
fn ruling_receiver() -> Receiver {
    fn odd(value: &Value) -> bool {
        value
            .as_str()
            .is_some_and(|text| text.chars().count() % 2 == 1)
    }
    Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        let command = got
            .query_pairs()
            .into_iter()
            .find(|(name, _)| name == "CallbackCommand")
            .map(|(_, value)| value)
            .unwrap_or_default();
        let users = |list: &str, key: &str| -> Vec<Value> {
            body[list]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|item| odd(&item[key]))
                .map(|item| item[key].clone())
                .collect()
        };
        let answer = match command.as_str() {
            "Group.CallbackBeforeInviteJoinGroup" => {
                json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "RefusedMembers_Account": users("DestinationMembers", "Member_Account")})
            }
            "OfficialAccount.CallbackBeforeAddSubscriber" => {
                json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "RefusedSubscribers_Account": users("SubscribeAccountList", "Subscriber_Account")})
            }
            "Sns.CallbackPrevFriendAdd" | "Sns.CallbackPrevFriendResponse" => {
                let list = if body["FriendItem"].is_array() {
                    "FriendItem"
                } else {
                    "ResponseFriendItem"
                };
                let results: Vec<Value> = body[list].as_array().into_iter().flatten().map(|item| {
                    let code = if odd(&item["To_Account"]) { 38001 } else { 0 };
                    json!({"To_Account": item["To_Account"], "ResultCode": code, "ResultInfo": ""})
                }).collect();
                json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "ResultItem": results})
            }
            _ if ["Operator_Account", "From_Account", "Requestor_Account"]
                .iter()
                .any(|key| odd(&body[key])) =>
            {
                let mut answer = json!({"ActionStatus": "OK", "ErrorCode": 1, "ErrorInfo": "no"});
                if command == "Chatbot.OnC2CSignalMessage" {
                    answer["RspData"] = json!("");
                }
                answer
            }
            _ => return Reply::allowing(&body),
        };
        Reply::json(&answer.to_string())
    })
}

#[test]
fn correct_receivers_never_fail_even_when_they_decide_by_the_body() {
    for receiver in [Receiver::allowing(), ruling_receiver()] {
        let out = tempdir().join("failures");
        let run = fuzz(&receiver.url, &out, &["--cases", "4", "--jobs", "4"]);
        assert_eq!(run.code, 0, "{}", run.stdout);
        assert_eq!(failures(&run.json()), Vec::<Value>::new());
        assert!(!out.exists());
    }
    // The ruling receiver did decide differently: its decisions are not what is judged.
    let receiver = ruling_receiver();
    let out = tempdir().join("failures");
    let run = fuzz(&receiver.url, &out, &["before-create", "--cases", "12"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let denied = receiver
        .received()
        .iter()
        .filter(|got| {
            let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
            body["Operator_Account"]
                .as_str()
                .is_some_and(|user| user.chars().count() % 2 == 1)
        })
        .count();
    assert!(denied > 0 && denied < receiver.received().len());
}

/// One receiver defect and what finding it must be.
struct Defect {
    name: &'static str,
    receiver: fn() -> Receiver,
    callbacks: &'static [&'static str],
    /// The failure's property, finding code and rewriting.
    kind: (&'static str, Option<&'static str>, Option<&'static str>),
    /// What the shrunk fixture must show of the defect.
    shows: fn(&Value) -> bool,
    /// More fuzz arguments (the replay line must carry what matters of them).
    extra: &'static [&'static str],
}

fn has_relay_only(body: &Value) -> bool {
    body["MsgBody"]
        .as_array()
        .is_some_and(|message| message.len() == 1 && message[0]["MsgType"] == "TIMRelayElem")
}

fn small(body: &Value) -> bool {
    body.to_string().len() < 400
}

const DEFECTS: &[Defect] = &[
    Defect {
        name: "500 on TIMRelayElem",
        receiver: defects::relay_elem_500,
        callbacks: &[
            "before-send",
            "after-send",
            "c2c-before-send",
            "bot-c2c-message",
        ],
        kind: ("http-200", Some("http-status"), None),
        shows: |body| has_relay_only(body) && small(body),
        extra: &[],
    },
    Defect {
        name: "reads only the first 2 KB",
        receiver: defects::first_2kb_only,
        callbacks: &["before-create", "before-invite", "oa-before-add-subscriber"],
        kind: ("stable", None, Some("padded")),
        shows: small,
        extra: &[],
    },
    Defect {
        name: "500 on emoji in names",
        receiver: defects::emoji_in_names_500,
        callbacks: &["before-create", "after-create", "after-info-change"],
        kind: ("http-200", Some("http-status"), None),
        shows: |body| {
            small(body)
                && body["Name"].as_str().is_some_and(|name| {
                    name.chars().count() <= 2 && name.chars().any(|c| u32::from(c) >= 0x1F000)
                })
        },
        extra: &[],
    },
    Defect {
        name: "EventTime must be a number",
        receiver: defects::event_time_number_only,
        callbacks: &["before-create", "after-send", "quota-alarm"],
        kind: ("http-200", Some("http-status"), None),
        shows: |body| body["EventTime"].is_string() && small(body),
        extra: &[],
    },
    Defect {
        name: "breaks on a member list over 100",
        receiver: defects::over_100_members_500,
        callbacks: &["before-invite", "after-join", "sns-friend-add"],
        kind: ("http-200", Some("http-status"), None),
        shows: |body| {
            body.as_object().is_some_and(|fields| {
                fields
                    .values()
                    .any(|value| value.as_array().is_some_and(|list| list.len() == 101))
            })
        },
        extra: &[],
    },
    Defect {
        name: "an HTML page (status 200) on custom Data that is not JSON",
        receiver: defects::html_on_non_json_custom_data,
        callbacks: &["before-send", "after-send", "c2c-before-send"],
        kind: ("json-object", Some("body-not-json"), None),
        shows: |body| {
            small(body)
                && body["MsgBody"].as_array().is_some_and(|message| {
                    message.len() == 1
                        && message[0]["MsgContent"]["Data"]
                            .as_str()
                            .is_some_and(|data| serde_json::from_str::<Value>(data).is_err())
                })
        },
        extra: &[],
    },
    Defect {
        name: "a notification receiver refuses an unknown field",
        receiver: defects::strict_unknown_fields_500,
        callbacks: &["after-create", "after-send", "sns-friend-add"],
        kind: ("http-200", Some("http-status"), Some("extra-fields")),
        shows: small,
        extra: &[],
    },
    Defect {
        name: "answers 1.5 s late to control characters",
        receiver: defects::slow_on_control_characters,
        // One request a case: every slow answer costs the whole timeout.
        callbacks: &["after-send", "after-create"],
        kind: ("answers", Some("transport-timeout"), None),
        shows: |body| small(body) && defects::has_control(body),
        // A run's timeout shorter than the delay: the replay must keep it to fail too.
        extra: &["--timeout", "500ms"],
    },
];

/// Runs the replay line the report gives (its `grpcb` the binary under test).
fn replay(line: &str) -> Run {
    let command = line.replacen("grpcb", env!("CARGO_BIN_EXE_grpcb"), 1);
    let output = std::process::Command::new("sh")
        .args(["-c", &command])
        .output()
        .expect("sh runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn each_known_defect_is_found_within_the_ci_budget_and_replays_with_send() {
    for defect in DEFECTS {
        let receiver = (defect.receiver)();
        let dir = tempdir();
        let out = dir.join("failures");
        let mut args = defect.callbacks.to_vec();
        args.extend(["--cases", "3", "--jobs", "4"]);
        args.extend(defect.extra);
        let run = fuzz(&receiver.url, &out, &args);
        assert_eq!(
            run.code, 1,
            "{}: {}\n{}",
            defect.name, run.stdout, run.stderr
        );
        let report = run.json();
        assert_eq!(report["verdict"], "fail");
        let (property, code, transform) = defect.kind;
        let found: Vec<Value> = failures(&report)
            .into_iter()
            .filter(|failure| {
                failure["property"] == property
                    && failure["code"].as_str() == code
                    && failure["transform"].as_str() == transform
            })
            .collect();
        assert!(!found.is_empty(), "{}: {}", defect.name, run.stdout);
        for failure in &found {
            assert_eq!(failure["shrink"], "shrunk", "{}: {failure:#}", defect.name);
            let files = &failure["files"];
            let fixture = files["fixture"].as_str().expect("a fixture");
            let body: Value =
                serde_json::from_str(&std::fs::read_to_string(fixture).expect("written"))
                    .expect("the fixture is JSON");
            assert_eq!(body, failure["body"]);
            assert!(
                (defect.shows)(&body),
                "{}: the shrunk fixture does not show the defect: {body}",
                defect.name
            );
            let curl = std::fs::read_to_string(files["curl"].as_str().expect("a curl file"))
                .expect("written");
            assert!(curl.contains("curl -sS -i --globoff -X POST"), "{curl}");
            if transform.is_some() {
                let rewritten = files["rewritten"].as_str().expect("the rewritten body");
                let bytes = std::fs::read(rewritten).expect("written");
                match transform {
                    Some("padded") => assert!(bytes.len() > 64 * 1024),
                    _ => assert!(String::from_utf8_lossy(&bytes).contains("GrpcbFutureField")),
                }
            }
            let again = replay(files["replay"].as_str().expect("a replay line"));
            // No answer is exit 3 for send as for fuzz; any other failure exit 1.
            let code = if property == "answers" { 3 } else { 1 };
            assert_eq!(
                again.code, code,
                "{}: {} does not fail:\n{}{}",
                defect.name, files["replay"], again.stdout, again.stderr
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// What a receiver got, in order: each request's query and body.
fn sent(receiver: &Receiver) -> Vec<(String, String)> {
    receiver
        .received()
        .iter()
        .map(|got| {
            (
                got.query.clone(),
                String::from_utf8_lossy(&got.body).into_owned(),
            )
        })
        .collect()
}

/// The report without what depends on time.
fn without_latencies(mut report: Value) -> Value {
    for callback in report["callbacks"].as_array_mut().expect("callbacks") {
        callback["latency_ms"] = Value::Null;
    }
    report
}

/// Every file of a folder: name and content.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| {
                    (
                        entry.file_name().to_string_lossy().into_owned(),
                        std::fs::read(entry.path()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn one_seed_sends_the_same_bodies_and_gives_the_same_report_and_fixtures_whatever_the_jobs() {
    let callbacks = ["before-send", "after-send", "before-invite", "state-change"];
    // One receiver and one folder, so the runs differ in nothing but --jobs.
    let receiver = defects::relay_elem_500();
    let dir = tempdir();
    let out = dir.join("failures");
    let mut reports = Vec::new();
    let mut outs = Vec::new();
    let mut bodies = Vec::new();
    for jobs in ["1", "1", "8"] {
        let _ = std::fs::remove_dir_all(&out);
        let before = receiver.received().len();
        let mut args = callbacks.to_vec();
        args.extend(["--cases", "6", "--jobs", jobs]);
        let run = fuzz(&receiver.url, &out, &args);
        assert_eq!(run.code, 1, "{}", run.stdout);
        reports.push(without_latencies(run.json()));
        outs.push(files(&out));
        bodies.push(sent(&receiver).split_off(before));
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(bodies[0], bodies[1], "the same bodies in the same order");
    let mut scheduled = bodies[2].clone();
    scheduled.sort();
    let mut first = bodies[0].clone();
    first.sort();
    assert_eq!(scheduled, first, "the same bodies whatever --jobs");
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0], reports[2]);
    assert!(!outs[0].is_empty());
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);
    // Another seed, other bodies.
    let receiver = Receiver::allowing();
    let out = tempdir().join("failures");
    let mut args = callbacks.to_vec();
    args.extend(["--cases", "6"]);
    assert_eq!(fuzz_seeded(&receiver.url, &out, "43", &args).code, 0);
    assert_ne!(sent(&receiver), bodies[0]);
}

#[test]
fn platforms_follow_each_command_s_spelling_in_the_query() {
    let receiver = Receiver::allowing();
    let out = tempdir().join("failures");
    let run = fuzz(
        &receiver.url,
        &out,
        &[
            "state-change",
            "before-create",
            "member-state",
            "--cases",
            "40",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let mut platforms: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for got in receiver.received() {
        let pairs = got.query_pairs();
        let value = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };
        let command = value("CallbackCommand").unwrap_or_default();
        platforms
            .entry(command)
            .or_default()
            .extend(value("OptPlatform"));
    }
    let state = &platforms["State.StateChange"];
    assert!(state.contains(&"IOS".into()) && !state.contains(&"iOS".into()));
    let create = &platforms["Group.CallbackBeforeCreateGroup"];
    assert!(create.contains(&"iOS".into()) && !create.contains(&"IOS".into()));
    for spelling in [
        "RESTAPI", "Web", "Android", "Windows", "Mac", "macOS", "iPad", "Unknown",
    ] {
        assert!(create.contains(&spelling.into()), "{spelling}");
    }
    assert!(
        platforms["Group.CallbackOnMemberStateChange"].is_empty(),
        "the short shape has no OptPlatform"
    );
    // --platform pins it.
    let receiver = Receiver::allowing();
    let run = fuzz(
        &receiver.url,
        &out,
        &["before-create", "--cases", "5", "--platform", "iPad"],
    );
    assert_eq!(run.code, 0);
    assert!(
        receiver
            .received()
            .iter()
            .all(|got| got.query.contains("OptPlatform=iPad"))
    );
}

#[test]
fn junit_has_one_testcase_per_callback_and_property() {
    let receiver = defects::relay_elem_500();
    let dir = tempdir();
    let junit = dir.join("fuzz.xml");
    let run = fuzz(
        &receiver.url,
        &dir.join("failures"),
        &[
            "before-send",
            "after-create",
            "--cases",
            "2",
            "--junit",
            junit.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    let xml = std::fs::read_to_string(&junit).expect("written");
    assert_eq!(xml.matches("<testsuite ").count(), 2, "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 5 + 4, "{xml}");
    assert!(
        xml.contains(r#"<testcase name="http-200" classname="before-send""#),
        "{xml}"
    );
    assert_eq!(xml.matches("<failure").count(), 1, "{xml}");
    assert!(
        xml.contains("before-send-http-200-http-status.json"),
        "{xml}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A property no case reached (every case broke an earlier one) is not reported as kept.
#[test]
fn a_property_no_case_reached_is_skipped_not_passed() {
    let receiver = Receiver::start(Reply::ok().status(500));
    let dir = tempdir();
    let junit = dir.join("fuzz.xml");
    let run = fuzz(
        &receiver.url,
        &dir.join("failures"),
        &[
            "before-create",
            "--cases",
            "2",
            "--junit",
            junit.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report = run.json();
    let properties: Vec<(String, String, u64)> = report["callbacks"][0]["properties"]
        .as_array()
        .expect("properties")
        .iter()
        .map(|property| {
            (
                property["property"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                property["status"].as_str().unwrap_or_default().to_string(),
                property["cases"].as_u64().unwrap_or(u64::MAX),
            )
        })
        .collect();
    let expected: Vec<(String, String, u64)> = [
        ("answers", "pass", 2),
        ("http-200", "fail", 2),
        ("json-object", "skip", 0),
        ("contract", "skip", 0),
        ("stable", "skip", 0),
    ]
    .iter()
    .map(|(name, status, cases)| (name.to_string(), status.to_string(), *cases))
    .collect();
    assert_eq!(properties, expected);
    let xml = std::fs::read_to_string(&junit).expect("written");
    assert_eq!(xml.matches("<skipped").count(), 3, "{xml}");
    assert!(xml.contains("not checked: every case failed an earlier property first"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_seed_is_printed_and_a_random_one_chosen() {
    let receiver = Receiver::allowing();
    let out = tempdir().join("failures");
    let out = out.to_str().expect("UTF-8");
    let args = [
        "fuzz",
        "after-full",
        "--url",
        &receiver.url,
        "--cases",
        "1",
        "--out",
        out,
    ];
    let first = run(&args);
    let second = run(&args);
    assert_eq!(first.code, 0, "{}", first.stdout);
    let seed = |run: &Run| {
        run.stdout
            .lines()
            .next()
            .and_then(|line| line.split("seed ").nth(1))
            .and_then(|rest| rest.split_whitespace().next())
            .map(str::to_string)
    };
    assert!(seed(&first).is_some(), "{}", first.stdout);
    assert_ne!(seed(&first), seed(&second));
    assert!(
        first.stdout.contains("repeat with --seed"),
        "{}",
        first.stdout
    );
    assert!(
        first.stdout.contains("PASS  after-full"),
        "{}",
        first.stdout
    );
    assert!(
        first
            .stdout
            .lines()
            .last()
            .unwrap_or("")
            .starts_with("PASS: 1 callback")
    );
}

#[test]
fn exit_codes() {
    let out = tempdir().join("failures");
    // Nothing answered: 3.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/im", closed.local_addr().expect("addr"));
    drop(closed);
    let refused = fuzz(&url, &out, &["after-full", "before-create", "--cases", "1"]);
    assert_eq!(refused.code, 3, "{}", refused.stdout);
    assert_eq!(refused.json()["verdict"], "error");
    // Values that cannot be used: 4, nothing sent.
    let receiver = Receiver::allowing();
    for bad in [
        &["befor-create"][..],
        &["--duration", "30"],
        &["--cases", "0"],
        &["--jobs", "0"],
    ] {
        let bad_input = fuzz(&receiver.url, &out, bad);
        assert_eq!(bad_input.code, 4, "{bad:?}: {}", bad_input.stderr);
    }
    assert!(
        fuzz(&receiver.url, &out, &["befor-create"])
            .stderr
            .contains("before-create")
    );
    assert!(receiver.received().is_empty());
    assert_eq!(run(&["fuzz", "--cases", "1"]).code, 2, "no --url");
}

#[test]
fn duration_bounds_the_run() {
    let receiver = Receiver::start_with(|got| {
        Reply::allowing(&serde_json::from_slice(&got.body).unwrap_or_default())
            .delay(Duration::from_millis(50))
    });
    let out = tempdir().join("failures");
    let started = Instant::now();
    let run = fuzz(&receiver.url, &out, &["after-full", "--duration", "300ms"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let report = run.json();
    assert_eq!(report["ended"], "duration");
    assert!(
        report["totals"]["cases"]
            .as_u64()
            .is_some_and(|cases| cases >= 1)
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// A receiver that answers the first `quick` requests and holds the others. (A case of a
/// notification is two requests: the body, and one rewriting of it.)
fn stalling(quick: usize) -> Receiver {
    let count = std::sync::atomic::AtomicUsize::new(0);
    Receiver::start_with(move |got| {
        let reply = Reply::allowing(&serde_json::from_slice(&got.body).unwrap_or_default());
        if count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < quick {
            reply
        } else {
            reply.delay(Duration::from_secs(600))
        }
    })
}

#[test]
fn a_signal_stops_the_run_with_the_partial_report() {
    let receiver = stalling(6);
    let out = tempdir().join("failures");
    let out = out.to_str().expect("UTF-8");
    let mut running = Running::start(&[
        "fuzz",
        "after-full",
        "--url",
        &receiver.url,
        "--cases",
        "50",
        "--timeout",
        "5m",
        "--out",
        out,
    ]);
    assert!(running.first_line().contains("seed"));
    let started = Instant::now();
    while receiver.received().len() < 7 && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    running.signal("INT");
    let run = running.finish();
    assert_eq!(run.code, 130, "{}\n{}", run.stdout, run.stderr);
    let last = run.stdout.lines().last().unwrap_or("");
    assert!(
        last.starts_with("STOPPED by SIGINT after 3 of 50 cases"),
        "{}",
        run.stdout
    );

    let receiver = stalling(4);
    let running = Running::start(&[
        "fuzz",
        "after-full",
        "--url",
        &receiver.url,
        "--cases",
        "50",
        "--timeout",
        "5m",
        "--format",
        "json",
        "--out",
        out,
    ]);
    let started = Instant::now();
    while receiver.received().len() < 5 && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    running.signal("TERM");
    let run = running.finish();
    assert_eq!(run.code, 143, "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    assert_eq!(report["stopped"], "signal");
    assert_eq!(report["signal"], "SIGTERM");
    assert_eq!(report["verdict"], "stopped");
    assert_eq!(report["totals"]["cases"], 2);
}

/// `--strict`: a receiver whose every answer carries a warning (a field the docs do not
/// define) passes without it, fails the contract property with it, and the replay line
/// carries `--strict` so that it fails again (and passes without it).
#[test]
fn strict_fails_a_warning_and_the_replay_line_keeps_it() {
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Extra":1}"#,
    ));
    let dir = tempdir();
    let lenient = fuzz(
        &receiver.url,
        &dir.join("lenient"),
        &["after-create", "--cases", "3"],
    );
    assert_eq!(lenient.code, 0, "{}", lenient.stdout);
    assert!(failures(&lenient.json()).is_empty());

    let strict = fuzz(
        &receiver.url,
        &dir.join("strict"),
        &["after-create", "--cases", "3", "--strict"],
    );
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    let found = failures(&strict.json());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["property"], "contract", "{:#}", found[0]);
    assert_eq!(found[0]["code"], "unknown-field", "{:#}", found[0]);
    let line = found[0]["files"]["replay"].as_str().expect("a replay line");
    assert!(line.ends_with(" --strict"), "{line}");
    assert_eq!(replay(line).code, 1, "{line}");
    let without = line.trim_end_matches(" --strict");
    assert_eq!(replay(without).code, 0, "{without}");
    let _ = std::fs::remove_dir_all(&dir);
}
