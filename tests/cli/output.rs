//! The human report, colour, quiet and verbose modes, and a closed pipe.

use crate::support::{Receiver, Reply, grpcb, run, run_cmd};
use std::process::Stdio;

const DENY: &str = r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"banned word","Extra":true}"#;

#[test]
fn human_report_tells_the_story() {
    let receiver = Receiver::start(Reply::json(DENY));
    let run = run(&["send", "before-create", "--url", &receiver.url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.starts_with(&format!("POST {}?SdkAppid=1400000000&", receiver.url)),
        "{out}"
    );
    assert!(out.contains("HTTP 200 OK in "), "{out}");
    assert!(out.contains(r#""ErrorInfo":"banned word""#), "{out}");
    assert!(
        out.contains("deny: IM would reject the creation; the caller gets 10016"),
        "{out}"
    );
    assert!(out.contains("warning unknown-field at /Extra"), "{out}");
    assert!(out.contains("  fix: "), "{out}");
    assert!(
        out.trim_end().ends_with("PASS before-create: 1 warning"),
        "{out}"
    );
    assert!(!out.contains('\x1b'), "no colour when piped: {out:?}");
}

#[test]
fn human_report_of_a_failure() {
    let receiver = Receiver::start(Reply::ok().status(503));
    let run = run(&["send", "before-invite", "--url", &receiver.url]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("HTTP 503 Service Unavailable"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("error http-status"), "{}", run.stdout);
    assert!(
        run.stdout.contains("fallback: IM cannot use this answer"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .trim_end()
            .ends_with("FAIL before-invite: 1 error"),
        "{}",
        run.stdout
    );
}

#[test]
fn colour_follows_flags_and_environment() {
    let receiver = Receiver::start(Reply::ok());
    let coloured = |cmd: &mut assert_cmd::Command| run_cmd(cmd).stdout.contains('\x1b');
    let send = || {
        let mut cmd = grpcb();
        cmd.args(["send", "before-create", "--url", &receiver.url]);
        cmd
    };
    assert!(coloured(send().args(["--color", "always"])));
    assert!(!coloured(
        send().args(["--color", "never"]).env("CLICOLOR_FORCE", "1")
    ));
    assert!(coloured(send().env("CLICOLOR_FORCE", "1")));
    assert!(!coloured(
        send().env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1")
    ));
    assert!(
        !coloured(send().args(["--format", "json", "--color", "always"])),
        "JSON is never coloured"
    );
}

#[test]
fn quiet_prints_nothing_but_keeps_the_exit_code() {
    let receiver = Receiver::start(Reply::ok().status(500));
    let run = run(&["send", "before-create", "--url", &receiver.url, "-q"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (1, "", "")
    );
    let run = crate::support::run(&[
        "send",
        "before-create",
        "--url",
        &receiver.url,
        "-q",
        "--format",
        "json",
    ]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
}

#[test]
fn verbose_shows_the_whole_exchange() {
    let receiver = Receiver::start(Reply::json(DENY).header("x-served-by", "test"));
    let run = run(&[
        "send",
        "before-create",
        "--url",
        &receiver.url,
        "-v",
        "-H",
        "X-Trace: 7",
    ]);
    let out = &run.stdout;
    assert!(out.starts_with("> POST /im?SdkAppid=1400000000&"), "{out}");
    assert!(out.contains("> Content-Type: application/json"), "{out}");
    assert!(out.contains("> X-Trace: 7"), "{out}");
    assert!(
        out.contains("\"Name\": \"MyFirstGroup\""),
        "pretty request body: {out}"
    );
    assert!(out.contains("< HTTP/1.1 200 OK"), "{out}");
    assert!(out.contains("< x-served-by: test"), "{out}");
    assert!(
        out.contains("\"ErrorInfo\": \"banned word\""),
        "pretty response body: {out}"
    );

    let run = crate::support::run(&[
        "send",
        "before-create",
        "--url",
        &receiver.url,
        "-v",
        "--format",
        "json",
    ]);
    assert_eq!(run.json()["decision"], "deny", "stdout stays pure JSON");
    assert!(
        run.stderr.contains("< HTTP/1.1 200 OK"),
        "verbose goes to stderr: {}",
        run.stderr
    );
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let receiver = Receiver::start(Reply::ok());
    for args in [
        vec!["list"],
        vec!["example", "before-create"],
        vec!["send", "before-create", "--url", &receiver.url],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("grpcb"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn the_error_label_follows_the_colour_decision_of_stderr() {
    let bad = [
        "send",
        "before-create",
        "--url",
        "http://127.0.0.1:1/",
        "--timeout",
        "500",
    ];
    let with = |extra: &[&str], env: &[(&str, &str)]| {
        let mut cmd = grpcb();
        cmd.args(bad).args(extra);
        for (name, value) in env {
            cmd.env(name, value);
        }
        let run = run_cmd(&mut cmd);
        assert_eq!(run.code, 4, "{}", run.stderr);
        run.stderr.contains('\x1b')
    };
    assert!(
        with(&["--color", "always"], &[]),
        "--color reaches the label"
    );
    assert!(!with(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]));
    assert!(!with(&[], &[]), "stderr is a pipe here");
    // An empty NO_COLOR means unset, for the label as for everything else.
    assert!(with(&[], &[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")]));
    assert!(!with(&[], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]));
}
