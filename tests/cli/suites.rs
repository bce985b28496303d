//! `grpcb run`: contract suites against loopback receivers whose answer depends on the body.

use crate::support::serve::Serve;
use crate::support::{Receiver, Reply, fixture, grpcb, run, run_cmd, tempdir};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Denies any group whose Name contains "banned", refuses invited users named "blocked...",
/// and allows everything else, as a spec-correct receiver with those rules would.
fn rule_receiver() -> Receiver {
    Receiver::start_with(|received| {
        let body = received.body_json();
        let name = body["Name"].as_str().unwrap_or_default();
        if name.contains("banned") {
            return Reply::json(
                r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"name not allowed"}"#,
            );
        }
        let blocked: Vec<String> = body["DestinationMembers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|member| member["Member_Account"].as_str())
            .filter(|user| user.starts_with("blocked"))
            .map(|user| format!("\"{user}\""))
            .collect();
        if !blocked.is_empty() {
            return Reply::json(&format!(
                r#"{{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":[{}]}}"#,
                blocked.join(",")
            ));
        }
        Reply::ok()
    })
}

/// A URL where nothing listens: the port was just free.
fn closed_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{address}/im")
}

/// Writes a suite file into a fresh directory and returns its path.
fn suite(text: &str) -> PathBuf {
    suite_in(&tempdir(), "suite.toml", text)
}

fn suite_in(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write suite");
    path
}

fn path(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// The last line of stdout: the closing line.
fn closing(stdout: &str) -> &str {
    stdout.lines().last().unwrap_or_default()
}

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

/// Two passing cases, one failing, one that gets no answer.
fn mixed_suite(url: &str) -> String {
    format!(
        r#"
url = "{url}"

[[case]]
name = "banned name is denied"
callback = "before-create"
group_name = "a banned word"
expect = {{ decision = "deny", code = 1 }}

[[case]]
name = "blocked user is refused alone"
callback = "before-invite"
member = ["alice", "blocked_bob"]
expect = {{ decision = "allow", refused = ["blocked_bob"] }}

[[case]]
name = "plain name is denied (wrong on purpose)"
callback = "before-create"
group_name = "Hikers"
expect = {{ decision = "deny" }}

[[case]]
name = "nobody listens"
callback = "after-create"
url = "{closed}"
"#,
        closed = closed_url()
    )
}

#[test]
fn the_example_suite_passes_against_a_spec_correct_receiver() {
    let receiver = Receiver::allowing();
    let example = fixture("suites/example.toml");
    let run = run(&["run", path(&example), "--url", &receiver.url]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(closing(&run.stdout), "61 passed, 0 failed");
    assert_eq!(count(&run.stdout, "PASS "), 61, "{}", run.stdout);
    let received = receiver.received();
    assert_eq!(received.len(), 61);
    // It covers every callback of the catalog (push and moderation bodies name theirs in
    // the query only).
    for callback in grpcb_contract::catalog::CALLBACKS {
        let query = format!("CallbackCommand={}&", callback.command);
        assert!(
            received.iter().any(|r| r.query.contains(&query)),
            "the example suite has no case for {}",
            callback.alias
        );
    }
    // Top-level headers, typed keys, `set` and a fixture relative to the suite file.
    assert!(
        received
            .iter()
            .all(|r| r.header("x-suite").as_deref() == Some("example"))
    );
    assert_eq!(received[0].body_json()["Name"], "Weekend hikers");
    assert_eq!(received[1].body_json()["MemberList"], serde_json::json!([]));
    assert_eq!(
        received[3].body_json()["DestinationMembers"][1]["Member_Account"],
        "tommy"
    );
    assert_eq!(
        received[4].body_json()["GroupId"],
        "@TGS#_@TGS#cQVLVHIM62CJ"
    );
    assert_eq!(
        received[4].body_json()["DestinationMembers"][0]["Member_Account"],
        "dave"
    );
}

#[test]
fn the_example_suites_pass_against_grpcb_serve() {
    let serve = Serve::start(&[]);
    let example = fixture("suites/example.toml");
    let run = run(&["run", path(&example), "--url", &serve.url, "--jobs", "4"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(closing(&run.stdout), "61 passed, 0 failed");

    let rules = fixture("serve-rules.toml");
    let serve = Serve::start(&["--rules", path(&rules)]);
    let suite = fixture("suites/rules.toml");
    let run = crate::support::run(&["run", path(&suite), "--url", &serve.url]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(closing(&run.stdout), "14 passed, 0 failed");
    // The same suite fails against a receiver without those rules, on the refusals.
    let plain = Serve::start(&[]);
    let run = crate::support::run(&["run", path(&suite), "--url", &plain.url]);
    assert_eq!(run.code, 1);
    assert_eq!(closing(&run.stdout), "3 passed, 11 failed");
}

#[test]
fn passing_failing_and_erroring_cases() {
    let receiver = rule_receiver();
    let file = suite(&mixed_suite(&receiver.url));
    let junit = file.with_file_name("report.xml");
    let run = run(&["run", path(&file), "--junit", path(&junit)]);
    assert_eq!(run.code, 1, "a failure outranks an error: {}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", run.stdout);
    assert!(
        lines[0].starts_with("PASS  banned name is denied"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(" deny "), "{}", lines[0]);
    assert!(lines[1].starts_with("PASS  blocked user"), "{}", lines[1]);
    assert!(lines[1].contains("allow-partial"), "{}", lines[1]);
    assert!(lines[2].starts_with("FAIL  plain name"), "{}", lines[2]);
    assert!(
        lines[2].contains("expect-decision: expected deny, got allow"),
        "{}",
        lines[2]
    );
    assert!(lines[3].starts_with("ERROR nobody listens"), "{}", lines[3]);
    assert!(lines[3].contains("transport-refused"), "{}", lines[3]);
    assert_eq!(lines[4], "2 passed, 1 failed, 1 errors");

    let xml = std::fs::read_to_string(&junit).expect("JUnit written");
    assert_eq!(count(&xml, "<testsuite "), 1, "{xml}");
    assert_eq!(count(&xml, "<testcase "), 4, "{xml}");
    assert_eq!(count(&xml, "<failure "), 1, "{xml}");
    assert_eq!(count(&xml, "<error "), 1, "{xml}");
    assert!(
        xml.contains(r#"message="expected deny, got allow" type="expect-decision""#),
        "{xml}"
    );
    assert!(xml.contains(r#"classname="before-invite""#), "{xml}");
    assert!(xml.contains(r#"tests="4""#) && xml.contains(r#"failures="1""#));
    assert!(xml.contains(" time=\""), "{xml}");
}

#[test]
fn json_has_every_case_with_its_full_report_and_the_totals() {
    let receiver = rule_receiver();
    let file = suite(&mixed_suite(&receiver.url));
    let run = run(&["run", path(&file), "--format", "json"]);
    assert_eq!(run.code, 1);
    let report = run.json();
    assert_eq!(
        report["totals"],
        serde_json::json!({ "passed": 2, "failed": 1, "errors": 1, "skipped": 0, "total": 4 })
    );
    let cases = report["cases"].as_array().expect("cases");
    let outcomes: Vec<&str> = cases
        .iter()
        .map(|case| case["outcome"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(outcomes, ["pass", "pass", "fail", "error"]);
    let first = &cases[0];
    assert_eq!(first["name"], "banned name is denied");
    assert_eq!(first["file"], path(&file));
    assert_eq!(first["callback"], "Group.CallbackBeforeCreateGroup");
    assert_eq!(first["decision"], "deny");
    assert_eq!(first["verdict"], "pass");
    assert_eq!(first["request"]["body"]["Name"], "a banned word");
    assert_eq!(first["response"]["status"], 200);
    assert_eq!(cases[3]["response"], Value::Null);
    assert_eq!(cases[3]["findings"][0]["code"], "transport-refused");
}

#[test]
fn only_errors_exit_3_and_all_passing_exits_0() {
    let receiver = Receiver::start(Reply::ok());
    let errors = suite(&format!(
        "[[case]]\nname = \"up\"\ncallback = \"after-create\"\nurl = \"{}\"\n\n\
         [[case]]\nname = \"down\"\ncallback = \"after-create\"\nurl = \"{}\"\n",
        receiver.url,
        closed_url()
    ));
    let run = run(&["run", path(&errors)]);
    assert_eq!(run.code, 3, "{}", run.stdout);
    assert_eq!(closing(&run.stdout), "1 passed, 0 failed, 1 errors");

    let passing = suite("[[case]]\nname = \"up\"\ncallback = \"after-create\"\n");
    let run = crate::support::run(&["run", path(&passing), "--url", &receiver.url, "-q"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "", "-q prints nothing");
    assert_eq!(run.stderr, "");
}

#[test]
fn jobs_run_concurrently_but_print_in_file_order() {
    // The earlier a case, the slower its answer: finishing order is the reverse of file order.
    let receiver = Receiver::start_with(|received| {
        let body = received.body_json();
        let rank: u64 = body["Name"]
            .as_str()
            .and_then(|name| name.strip_prefix("case-"))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        Reply::ok().delay(Duration::from_millis(100 * (6 - rank.min(6))))
    });
    let mut text = format!("url = \"{}\"\n", receiver.url);
    for rank in 1..=6 {
        text.push_str(&format!(
            "\n[[case]]\nname = \"case {rank}\"\ncallback = \"before-create\"\ngroup_name = \"case-{rank}\"\n"
        ));
    }
    let file = suite(&text);
    let run = run(&["run", path(&file), "--jobs", "4"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let names: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("PASS"))
        .map(|line| line.split_whitespace().take(3).last().unwrap_or_default())
        .collect();
    assert_eq!(names, ["1", "2", "3", "4", "5", "6"], "{}", run.stdout);
    assert_eq!(closing(&run.stdout), "6 passed, 0 failed");
    assert_eq!(receiver.received().len(), 6);
}

#[test]
fn fail_fast_starts_no_case_after_the_first_that_does_not_pass() {
    let receiver = rule_receiver();
    let file = suite(&format!(
        r#"
url = "{url}"
[[case]]
name = "first passes"
callback = "before-create"
[[case]]
name = "second fails"
callback = "before-create"
expect = {{ decision = "deny" }}
[[case]]
name = "third never starts"
callback = "before-create"
[[case]]
name = "fourth never starts"
callback = "before-create"
"#,
        url = receiver.url
    ));
    let junit = file.with_file_name("report.xml");
    let run = run(&["run", path(&file), "--fail-fast", "--junit", path(&junit)]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    assert_eq!(
        closing(&run.stdout),
        "1 passed, 1 failed, 2 skipped (--fail-fast)"
    );
    assert_eq!(receiver.received().len(), 2);
    let xml = std::fs::read_to_string(&junit).expect("JUnit written");
    assert_eq!(count(&xml, "<testcase "), 4, "{xml}");
    assert_eq!(count(&xml, "<skipped"), 2, "{xml}");
}

#[test]
fn filter_selects_cases_by_name_case_insensitively() {
    let receiver = rule_receiver();
    let file = suite(&mixed_suite(&receiver.url));
    let run = run(&["run", path(&file), "--filter", "BLOCKED"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(closing(&run.stdout), "1 passed, 0 failed");
    assert_eq!(receiver.received().len(), 1);

    let run = crate::support::run(&["run", path(&file), "--filter", "no such case"]);
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("no such case"), "{}", run.stderr);
}

#[test]
fn several_files_run_in_order_with_one_junit_testsuite_each() {
    let receiver = Receiver::start(Reply::ok());
    let dir = tempdir();
    let a = suite_in(
        &dir,
        "a.toml",
        "[[case]]\nname = \"a1\"\ncallback = \"after-create\"\n[[case]]\nname = \"a2\"\ncallback = \"after-create\"\n",
    );
    let b = suite_in(
        &dir,
        "b.toml",
        "[[case]]\nname = \"b1\"\ncallback = \"after-create\"\n",
    );
    let junit = dir.join("report.xml");
    let run = run(&[
        "run",
        path(&a),
        path(&b),
        "--url",
        &receiver.url,
        "--junit",
        path(&junit),
        "--jobs",
        "3",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|line| line.split_whitespace().nth(1))
        .collect();
    assert_eq!(names, ["a1", "a2", "b1", "passed,"]);
    let xml = std::fs::read_to_string(&junit).expect("JUnit written");
    assert_eq!(count(&xml, "<testsuite "), 2, "{xml}");
    assert!(xml.contains(&format!(r#"<testsuite name="{}" tests="2""#, path(&a))));
}

#[test]
fn flags_beat_the_case_which_beats_the_suite_which_beats_the_environment() {
    let receiver = Receiver::start(Reply::ok());
    let other = Receiver::start(Reply::ok());
    let file = suite(&format!(
        r#"
url = "{closed}"
sdkappid = 1400000001

[[case]]
name = "suite level"
callback = "after-create"

[[case]]
name = "case level"
callback = "after-create"
sdkappid = "1400000002"
"#,
        closed = closed_url()
    ));
    // --url beats the suite's url; the case's sdkappid beats the suite's.
    let run = run_cmd(
        grpcb()
            .args(["run", path(&file), "--url", &receiver.url])
            .env("GRPCB_URL", &other.url)
            .env("GRPCB_SDKAPPID", "1400000009"),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let sdkappids: Vec<String> = receiver
        .received()
        .iter()
        .map(|r| {
            r.query_pairs()
                .into_iter()
                .find(|(key, _)| key == "SdkAppid")
                .map(|(_, value)| value)
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(sdkappids, ["1400000001", "1400000002"]);
    assert!(other.received().is_empty());

    // --sdkappid beats the case; the environment fills only what nothing else gives.
    let bare =
        suite("[[case]]\nname = \"bare\"\ncallback = \"after-create\"\nsdkappid = 1400000002\n");
    let run = run_cmd(
        grpcb()
            .args(["run", path(&bare), "--sdkappid", "1400000003"])
            .env("GRPCB_URL", &other.url),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let query = other.single().query_pairs();
    assert!(
        query.contains(&("SdkAppid".into(), "1400000003".into())),
        "{query:?}"
    );
}

#[test]
fn a_suite_without_any_url_is_a_usage_error() {
    let file = suite("[[case]]\nname = \"x\"\ncallback = \"after-create\"\n");
    let run = run(&["run", path(&file)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("suite.toml:1:1:"), "{}", run.stderr);
    assert!(run.stderr.contains("--url"), "{}", run.stderr);
}

const TOKEN: &str = "tok-suite-5e4d3c2b1a";

#[test]
fn token_env_signs_every_case_and_the_token_appears_in_no_output() {
    // The token comes from the environment; nothing the run writes may show it.
    let receiver = Receiver::start(Reply::ok());
    let file = suite(&format!(
        r#"
url = "{url}"
token_env = "MY_IM_TOKEN"
request_time = 1669872112

[[case]]
name = "signed"
callback = "before-create"

[[case]]
name = "signed and failing"
callback = "before-create"
expect = {{ decision = "deny" }}
"#,
        url = receiver.url
    ));
    let junit = file.with_file_name("report.xml");
    for extra in [
        &[][..],
        &["--format", "json"],
        &["-v"],
        &["--format", "json", "-v"],
    ] {
        let run = run_cmd(
            grpcb()
                .args(["run", path(&file), "--junit", path(&junit)])
                .args(extra)
                .env("MY_IM_TOKEN", TOKEN),
        );
        assert_eq!(run.code, 1, "{extra:?}: {}{}", run.stdout, run.stderr);
        assert!(!run.stdout.contains(TOKEN), "{extra:?}: {}", run.stdout);
        assert!(!run.stderr.contains(TOKEN), "{extra:?}: {}", run.stderr);
        let xml = std::fs::read_to_string(&junit).expect("JUnit written");
        assert!(!xml.contains(TOKEN), "{xml}");
    }
    let query = receiver.received()[0].query_pairs();
    let expected_sign = grpcb_sign(TOKEN, 1669872112);
    assert!(query.contains(&("Sign".into(), expected_sign)), "{query:?}");
    assert!(query.contains(&("RequestTime".into(), "1669872112".into())));
}

/// What `grpcb sign` prints for this token and time.
fn grpcb_sign(token: &str, time: u64) -> String {
    let run = run(&[
        "sign",
        "--token",
        token,
        "--request-time",
        &time.to_string(),
    ]);
    run.stdout
        .lines()
        .find_map(|line| line.strip_prefix("Sign="))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn an_unset_token_env_is_an_input_error_naming_it() {
    let receiver = Receiver::start(Reply::ok());
    let file = suite(&format!(
        "url = \"{}\"\ntoken_env = \"GRPCB_TEST_UNSET_TOKEN\"\n[[case]]\nname = \"x\"\ncallback = \"after-create\"\n",
        receiver.url
    ));
    let run = run(&["run", path(&file)]);
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("suite.toml:2:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("GRPCB_TEST_UNSET_TOKEN"),
        "{}",
        run.stderr
    );
    assert!(receiver.received().is_empty());

    // A token on the command line wins, so the variable is not needed.
    let run = run_cmd(grpcb().args(["run", path(&file), "--token", TOKEN]));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn malformed_suites_are_input_errors_naming_file_line_and_key_before_anything_is_sent() {
    let receiver = Receiver::start(Reply::ok());
    let cases = [
        ("unknown-callback.toml", ":10:12:", "befor-create"),
        ("misspelled-key.toml", ":11:1:", "expcet"),
        ("misspelled-expect.toml", ":11:", "decison"),
        ("not-toml.toml", ":9:", "not valid TOML"),
        ("no-such-field.toml", ":11:1:", "group_id"),
        ("bad-set-path.toml", ":11:", "Name.First"),
        ("missing-fixture.toml", ":11:", "fixture"),
        ("bad-option.toml", ":11:", "timeout"),
    ];
    for (name, position, key) in cases {
        let file = fixture(&format!("suites/bad/{name}"));
        let run = run(&["run", path(&file), "--url", &receiver.url]);
        assert_eq!(run.code, 4, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{name}{position}")),
            "{name}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(key), "{name}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{name}");
    }
    assert!(receiver.received().is_empty(), "a bad suite sent requests");
}

#[test]
fn a_bad_suite_among_good_ones_stops_the_whole_run() {
    let receiver = Receiver::start(Reply::ok());
    let example = fixture("suites/example.toml");
    let bad = fixture("suites/bad/unknown-callback.toml");
    let run = run(&["run", path(&example), path(&bad), "--url", &receiver.url]);
    assert_eq!(run.code, 4);
    assert!(receiver.received().is_empty());
}

#[test]
fn strict_on_the_command_line_fails_cases_with_warnings() {
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Extra":1}"#,
    ));
    let file = suite("[[case]]\nname = \"extra field\"\ncallback = \"before-create\"\n");
    let run = run(&["run", path(&file), "--url", &receiver.url]);
    assert_eq!(run.code, 0, "a warning passes: {}", run.stdout);
    let run = crate::support::run(&["run", path(&file), "--url", &receiver.url, "--strict"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("unknown-field"), "{}", run.stdout);
}

#[test]
fn a_case_header_replaces_the_suite_header_of_the_same_name() {
    let receiver = Receiver::start(Reply::ok());
    let file = suite(
        r#"
headers = { X-Team = "suite", X-Trace = "1" }

[[case]]
name = "own header"
callback = "after-create"
headers = ["x-team: case"]
"#,
    );
    let run = run(&["run", path(&file), "--url", &receiver.url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let received = receiver.single();
    assert_eq!(received.header("x-team").as_deref(), Some("case"));
    assert_eq!(received.header("x-trace").as_deref(), Some("1"));
    assert_eq!(received.headers.get_all("x-team").iter().count(), 1);
}

#[test]
fn an_inline_table_in_set_replaces_while_dotted_keys_descend() {
    let receiver = Receiver::start(Reply::ok());
    let file = suite(
        r#"
[[case]]
name = "replace and descend"
callback = "before-send"
set.MsgBody.0.MsgContent = { Data = "d" }
set.MsgBody.0.MsgType = "TIMCustomElem"
set = { CloudCustomData = "x" }
"#,
    );
    let run = run(&["run", path(&file), "--url", &receiver.url]);
    // TOML forbids defining `set` twice; the error names the line.
    assert_eq!(run.code, 4, "{}", run.stdout);
    let file = suite(
        r#"
[[case]]
name = "replace and descend"
callback = "before-send"
set.MsgBody.0.MsgContent = { Data = "d" }
set.MsgBody.0.MsgType = "TIMCustomElem"
"#,
    );
    let run = crate::support::run(&["run", path(&file), "--url", &receiver.url]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let body = receiver.received()[0].body_json();
    assert_eq!(
        body["MsgBody"],
        serde_json::json!([{ "MsgType": "TIMCustomElem", "MsgContent": { "Data": "d" } }])
    );
}

#[test]
fn a_closed_stdout_still_runs_every_case_and_writes_junit() {
    let receiver = rule_receiver();
    let file = suite(
        r#"
[[case]]
name = "one"
callback = "before-create"
[[case]]
name = "two"
callback = "before-create"
group_name = "banned words"
expect = { decision = "allow" }
[[case]]
name = "three"
callback = "after-create"
"#,
    );
    let junit = tempdir().join("junit.xml");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_grpcb"))
        .args([
            "run",
            path(&file),
            "--url",
            &receiver.url,
            "--junit",
            path(&junit),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(receiver.received().len(), 3, "every case ran");
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert_eq!(xml.matches("<testcase").count(), 3, "{xml}");
    assert_eq!(xml.matches("<failure").count(), 1, "{xml}");
}

/// `expect.refused` compares the invitees IM would refuse: a receiver that lists
/// `blocked_bob` but answers ErrorCode 1 refuses everyone, so the case fails.
#[test]
fn expect_refused_in_a_suite_judges_the_whole_answer() {
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"no","RefusedMembers_Account":["blocked_bob"]}"#,
    ));
    let file = suite(&format!(
        r#"
url = "{}"

[[case]]
name = "only the blocked user is refused (wrong: everyone is)"
callback = "before-invite"
member = ["alice", "blocked_bob"]
expect = {{ refused = ["blocked_bob"] }}

[[case]]
name = "everyone is refused"
callback = "before-invite"
member = ["alice", "blocked_bob"]
expect = {{ decision = "deny", refused = ["alice", "blocked_bob"] }}
"#,
        receiver.url
    ));
    let run = run(&["run", path(&file)]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("FAIL  only the blocked"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("got [alice, blocked_bob]"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("PASS  everyone"), "{}", lines[1]);
}

#[test]
fn tables_after_the_cases_sub_tables_and_quoted_headers_read_as_one_toml_document() {
    let receiver = rule_receiver();
    let file = suite(&format!(
        r#"
url = "{url}"

[[case]]
name = "sub-table expectation"
callback = "before-create"
group_name = "a banned word"
[case.expect]
decision = "deny"
code = 1

[["case"]]
name = "a multi-line string that holds a header"
callback = "before-send"
text = """
[[case]]
name = "not a case"
"""

# Top-level again: these headers apply to every case, the earlier ones too.
[headers]
X-Team = "late"

[[ 'case' ]]
name = "after the table"
callback = "after-create"
set.GroupId = "@TGS#[[case]]"
"#,
        url = receiver.url
    ));
    let run = run(&["run", path(&file), "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = run.json();
    let names: Vec<&str> = report["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|case| case["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        [
            "sub-table expectation",
            "a multi-line string that holds a header",
            "after the table"
        ]
    );
    let received = receiver.received();
    assert_eq!(received.len(), 3);
    assert!(
        received
            .iter()
            .all(|r| r.header("x-team").as_deref() == Some("late"))
    );
    assert_eq!(
        received[1].body_json()["MsgBody"][0]["MsgContent"]["Text"],
        "[[case]]\nname = \"not a case\"\n"
    );
    assert_eq!(received[2].body_json()["GroupId"], "@TGS#[[case]]");

    // Without the sub-table's expectation the first case would pass against an allow; it
    // must fail, so the [case.expect] table was read as that case's.
    let allow = Receiver::start(Reply::ok());
    let run = crate::support::run(&["run", path(&file), "--url", &allow.url]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.starts_with("FAIL  sub-table expectation"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_inline_array_of_cases_works_and_both_forms_at_once_is_an_error() {
    let receiver = Receiver::start(Reply::ok());
    let file = suite(
        "case = [\n  { name = \"one\", callback = \"after-create\" },\n  { name = \"two\", callback = \"after-join\" },\n]\n",
    );
    let run = run(&["run", path(&file), "--url", &receiver.url]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(closing(&run.stdout), "2 passed, 0 failed");
    assert_eq!(receiver.received().len(), 2);

    let both = suite(
        "case = [{ name = \"one\", callback = \"after-create\" }]\n\n[[case]]\nname = \"two\"\ncallback = \"after-create\"\n",
    );
    let run = crate::support::run(&["run", path(&both), "--url", &receiver.url]);
    assert_eq!(run.code, 4, "{}", run.stdout);
    assert!(run.stderr.contains("suite.toml:1:8:"), "{}", run.stderr);
    assert!(run.stderr.contains("given twice"), "{}", run.stderr);
    assert_eq!(receiver.received().len(), 2, "nothing more was sent");
}

#[test]
fn a_mistake_in_a_late_case_names_its_line_in_the_file_and_nothing_is_sent() {
    let receiver = Receiver::start(Reply::ok());
    let mut text = String::from("timeout = \"2s\"\n");
    for index in 1..=40 {
        text.push_str(&format!(
            "\n[[case]]\nname = \"case {index}\"\ncallback = \"after-create\"\n"
        ));
    }
    // Line 1, then 40 cases of 4 lines: the 41st case's `expect` is on line 166.
    text.push_str("\n[[case]]\nname = \"bad\"\ncallback = \"after-create\"\nexpect = { decison = \"ignored\" }\n");
    let file = suite(&text);
    let run = run(&["run", path(&file), "--url", &receiver.url]);
    assert_eq!(run.code, 4, "{}", run.stdout);
    assert!(run.stderr.contains("suite.toml:166:"), "{}", run.stderr);
    assert!(run.stderr.contains("decison"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(receiver.received().is_empty(), "a bad suite sent requests");

    // A TOML mistake in a late case is placed in the file too.
    let broken = suite(&text.replace("expect = { decison = \"ignored\" }", "expect = {"));
    let run = crate::support::run(&["run", path(&broken), "--url", &receiver.url]);
    assert_eq!(run.code, 4, "{}", run.stdout);
    assert!(run.stderr.contains("suite.toml:166:"), "{}", run.stderr);
    assert!(run.stderr.contains("not valid TOML"), "{}", run.stderr);
    assert!(receiver.received().is_empty());
}

#[test]
fn a_top_level_table_given_twice_around_the_cases_is_invalid_toml() {
    let file = suite(
        "[headers]\nX-A = \"1\"\n\n[[case]]\nname = \"x\"\ncallback = \"after-create\"\n\n[headers]\nX-B = \"2\"\n",
    );
    let run = run(&["run", path(&file), "--url", "http://127.0.0.1:1/im"]);
    assert_eq!(run.code, 4, "{}", run.stdout);
    assert!(run.stderr.contains("suite.toml:8:"), "{}", run.stderr);
    assert!(run.stderr.contains("not valid TOML"), "{}", run.stderr);
}

#[test]
fn a_suite_platform_is_sent_as_spelled_with_a_note_for_the_unusual_ones() {
    let receiver = Receiver::start(Reply::ok());
    let file = suite(&format!(
        "url = \"{}\"\nplatform = \"IOS\"\n[[case]]\nname = \"ios\"\ncallback = \"before-send\"\n\
         [[case]]\nname = \"mac\"\ncallback = \"before-send\"\nplatform = \"mac\"\n",
        receiver.url
    ));
    let run = run(&["run", path(&file)]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let platforms: Vec<String> = receiver
        .received()
        .iter()
        .map(|got| {
            got.query_pairs()
                .into_iter()
                .find(|(key, _)| key == "OptPlatform")
                .unwrap()
                .1
        })
        .collect();
    assert_eq!(platforms, ["IOS", "Mac"]);
    assert!(
        run.stderr.contains(&format!(
            "{}:2:12: note: platform IOS is sent as given: only State.StateChange",
            path(&file)
        )),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("note:").count(), 1, "{}", run.stderr);
}
