//! `grpcb run` stopped by SIGINT or SIGTERM: exit 130 or 143, the cases done so far and a
//! `STOPPED` closing line (or a JSON report that says it stopped), and a complete JUnit file
//! with the rest skipped. The receiver answers the first case and holds every later answer,
//! so what had finished when the signal came is known.

use crate::support::{LEAKY_ENV, Receiver, Reply, tempdir};
use quick_junit::{NonSuccessKind, Report, TestCaseStatus};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(30);

/// Answers the group named `first` at once; holds every other answer far past the test.
fn first_only_receiver() -> Receiver {
    Receiver::start_with(|received| {
        if received.body_json()["Name"] == "first" {
            Reply::ok()
        } else {
            Reply::ok().delay(Duration::from_secs(600))
        }
    })
}

/// `cases` before-create cases, the first named `first`.
fn suite(url: &str, cases: usize) -> PathBuf {
    let mut text = format!("url = \"{url}\"\ntimeout = \"5m\"\n");
    for index in 1..=cases {
        let group = if index == 1 {
            "first".to_string()
        } else {
            format!("group {index}")
        };
        text.push_str(&format!(
            "\n[[case]]\nname = \"case {index}\"\ncallback = \"before-create\"\ngroup_name = \"{group}\"\nexpect = {{ decision = \"allow\" }}\n"
        ));
    }
    let path = tempdir().join("suite.toml");
    std::fs::write(&path, text).expect("write suite");
    path
}

/// Runs `grpcb run ARGS`, waits until the receiver has `requests` requests, sends `signal`,
/// and returns what the run printed and how it ended.
fn stopped_run(receiver: &Receiver, args: &[&str], requests: usize, signal: &str) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_grpcb"));
    command
        .arg("run")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in LEAKY_ENV {
        command.env_remove(var);
    }
    let mut child = command.spawn().expect("grpcb run starts");
    let started = Instant::now();
    while receiver.received().len() < requests {
        if started.elapsed() > PATIENCE || child.try_wait().ok().flatten().is_some() {
            let _ = child.kill();
            let output = child.wait_with_output().expect("grpcb ends");
            panic!(
                "{} of {requests} requests arrived:\n{}{}",
                receiver.received().len(),
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    // The run must end by itself, well before the held answers or the 5 min timeout.
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("grpcb run did not stop on {signal}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("grpcb ends")
}

fn junit(path: &Path) -> Report {
    let xml = std::fs::read_to_string(path).expect("JUnit written");
    Report::deserialize_from_str(&xml).unwrap_or_else(|err| panic!("{err}:\n{xml}"))
}

/// Each testcase's name and status: `pass`, `failure`, `error` or `skipped: MESSAGE`.
fn statuses(report: &Report) -> Vec<(String, String)> {
    report
        .test_suites
        .iter()
        .flat_map(|suite| &suite.test_cases)
        .map(|case| {
            let status = match &case.status {
                TestCaseStatus::Success { .. } => "pass".to_string(),
                TestCaseStatus::NonSuccess { kind, .. } => match kind {
                    NonSuccessKind::Failure => "failure".to_string(),
                    NonSuccessKind::Error => "error".to_string(),
                },
                TestCaseStatus::Skipped { message, .. } => format!(
                    "skipped: {}",
                    message
                        .as_ref()
                        .map(quick_junit::XmlString::as_str)
                        .unwrap_or_default()
                ),
            };
            (case.name.as_str().to_string(), status)
        })
        .collect()
}

#[test]
fn sigint_prints_the_cases_done_and_writes_a_complete_junit_and_exits_130() {
    let receiver = first_only_receiver();
    let file = suite(&receiver.url, 5);
    let junit_path = file.with_file_name("report.xml");
    let html_path = file.with_file_name("report.html");
    let args = [
        file.to_str().expect("UTF-8"),
        "--junit",
        junit_path.to_str().expect("UTF-8"),
        "--html",
        html_path.to_str().expect("UTF-8"),
    ];
    // Case 2 reached the receiver: case 1 is done, case 2 waits for its answer.
    let output = stopped_run(&receiver, &args, 2, "-INT");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(130), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].starts_with("PASS  case 1 "), "{stdout}");
    assert_eq!(
        lines[1],
        "STOPPED by SIGINT after 1 of 5 cases: 1 passed, 0 failed, 4 skipped"
    );
    assert_eq!(
        receiver.received().len(),
        2,
        "no case started after the signal"
    );

    let report = junit(&junit_path);
    assert_eq!(
        (report.tests, report.skipped, report.failures, report.errors),
        (5, 4, 0, 0)
    );
    assert_eq!(report.test_suites.len(), 1);
    let interrupted = "skipped: not finished: SIGINT stopped the run before the answer came";
    let not_run = "skipped: not run: SIGINT stopped the run before this case";
    let expected: Vec<(String, String)> = [
        ("case 1", "pass"),
        ("case 2", interrupted),
        ("case 3", not_run),
        ("case 4", not_run),
        ("case 5", not_run),
    ]
    .iter()
    .map(|(name, status)| (name.to_string(), status.to_string()))
    .collect();
    assert_eq!(statuses(&report), expected);

    // The HTML page too: marked stopped, with the case done and the rest skipped.
    let html = std::fs::read_to_string(&html_path).expect("the page was written");
    assert!(html.contains("id=\"verdict\">STOPPED<"), "{html}");
    assert!(
        html.contains("STOPPED by SIGINT after 1 of 5 cases: 1 passed, 0 failed, 4 skipped"),
        "{html}"
    );
    assert_eq!(html.matches("class=\"item is-pass case\"").count(), 1);
    assert_eq!(html.matches("class=\"item is-skip case\"").count(), 4);
    assert!(html.contains("not run: SIGINT stopped the run before this case"));
}

#[test]
fn sigterm_with_jobs_reports_json_that_says_it_stopped_and_exits_143() {
    let receiver = first_only_receiver();
    let file = suite(&receiver.url, 8);
    let junit_path = file.with_file_name("report.xml");
    let args = [
        file.to_str().expect("UTF-8"),
        "--jobs",
        "4",
        "--format",
        "json",
        "--junit",
        junit_path.to_str().expect("UTF-8"),
    ];
    // Cases 1 to 4 started together; case 1's answer freed the permit case 5 took.
    let output = stopped_run(&receiver, &args, 5, "-TERM");
    assert_eq!(output.status.code(), Some(143));
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert_eq!(report["stopped"], "signal");
    assert_eq!(report["signal"], "SIGTERM");
    assert_eq!(report["verdict"], "stopped");
    assert_eq!(
        report["totals"],
        json!({ "passed": 1, "failed": 0, "errors": 0, "skipped": 7, "total": 1 })
    );
    let cases = report["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["name"], "case 1");
    assert_eq!(cases[0]["verdict"], "pass");
    assert_eq!(receiver.received().len(), 5);

    let junit = junit(&junit_path);
    let statuses = statuses(&junit);
    assert_eq!(statuses.len(), 8);
    assert_eq!(statuses[0].1, "pass");
    for (name, status) in &statuses[1..5] {
        assert!(
            status.contains("SIGTERM stopped the run before the answer came"),
            "{name}: {status}"
        );
    }
    for (name, status) in &statuses[5..] {
        assert!(
            status.contains("SIGTERM stopped the run before this case"),
            "{name}: {status}"
        );
    }
}

#[test]
fn a_stopped_run_is_not_a_pass_even_when_every_case_that_ran_passed() {
    let receiver = first_only_receiver();
    let file = suite(&receiver.url, 2);
    let args = [file.to_str().expect("UTF-8"), "-q"];
    let output = stopped_run(&receiver, &args, 2, "-INT");
    assert_eq!(output.status.code(), Some(130));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "",
        "-q prints nothing"
    );
}
