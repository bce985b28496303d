//! `send --curl`: a curl command that sends exactly what grpcb sends, without the token.

use crate::support::{Receiver, Reply, run};

#[test]
fn the_curl_command_sends_the_same_request() {
    let receiver = Receiver::start(Reply::ok());
    let common = [
        "before-create",
        "--url",
        &receiver.url,
        "--token",
        "tok-curl-secret",
        "--request-time",
        "1669872112",
        "--name",
        "O'Brien & \"friends\" $HOME",
        "-H",
        "X-Trace: 1",
    ];
    let mut send = vec!["send"];
    send.extend_from_slice(&common);
    assert_eq!(run(&send).code, 0);

    let mut curl = send.clone();
    curl.push("--curl");
    let printed = run(&curl);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    assert!(printed.stdout.starts_with("curl "), "{}", printed.stdout);
    assert!(
        !printed.stdout.contains("tok-curl-secret"),
        "{}",
        printed.stdout
    );
    assert_eq!(receiver.received().len(), 1, "--curl sends nothing");

    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(&printed.stdout)
        .output()
        .expect("sh runs curl (.ci/run installs curl)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let received = receiver.received();
    assert_eq!(received.len(), 2);
    let (by_grpcb, by_curl) = (&received[0], &received[1]);
    assert_eq!(by_curl.query, by_grpcb.query);
    assert_eq!(by_curl.body, by_grpcb.body);
    assert_eq!(
        by_curl.header("content-type"),
        by_grpcb.header("content-type")
    );
    assert_eq!(by_curl.header("x-trace").as_deref(), Some("1"));
}

/// Runs a printed curl command, bounded so that a command that would hang cannot hang the
/// test; returns curl's exit code (124: still running after 20 s).
fn run_printed(command: &str) -> Option<i32> {
    std::process::Command::new("timeout")
        .args(["20", "sh", "-c", command])
        .output()
        .expect("sh runs curl")
        .status
        .code()
}

/// A timeout under a millisecond is refused by every command (curl would read the printed
/// `--max-time 0` as no limit), and the shortest one allowed still bounds the curl command.
#[test]
fn the_curl_command_keeps_the_timeout() {
    let receiver = Receiver::start(Reply::ok().delay(std::time::Duration::from_secs(10)));
    for timeout in ["400us", "1ns", "999us"] {
        let printed = run(&[
            "send",
            "before-create",
            "--url",
            &receiver.url,
            "--timeout",
            timeout,
            "--curl",
        ]);
        assert_eq!(printed.code, 4, "{timeout}: {}", printed.stdout);
        assert!(
            printed.stderr.contains("--timeout") && printed.stderr.contains("shorter than 1ms"),
            "{}",
            printed.stderr
        );
        assert_eq!(printed.stdout, "");
    }
    for args in [
        vec!["bench", "before-create", "-n", "1"],
        vec!["audit", "--only", "baseline"],
        vec!["run", "fixtures/suites/example.toml"],
    ] {
        let mut args = args;
        args.extend(["--url", &receiver.url, "--timeout", "500us"]);
        let refused = crate::support::run_cmd(
            crate::support::grpcb()
                .args(&args)
                .current_dir(env!("CARGO_MANIFEST_DIR")),
        );
        assert_eq!(refused.code, 4, "{args:?}: {}", refused.stderr);
    }
    let serve = run(&["serve", "--addr", "127.0.0.1:0", "--read-timeout", "10us"]);
    assert_eq!(serve.code, 4, "{}", serve.stderr);
    assert!(receiver.received().is_empty(), "nothing was sent");

    let printed = run(&[
        "send",
        "before-create",
        "--url",
        &receiver.url,
        "--timeout",
        "1ms",
        "--curl",
    ]);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    assert!(
        printed.stdout.contains("--max-time 0.001 "),
        "{}",
        printed.stdout
    );
    // curl gives up (28: operation timed out) instead of waiting for the slow answer.
    assert_eq!(run_printed(&printed.stdout), Some(28), "{}", printed.stdout);
}

/// `[1-3]` and `{a,b}` in the URL are sent as written: one request, not one per expansion.
#[test]
fn the_curl_command_sends_one_request_whatever_the_url() {
    let receiver = Receiver::start(Reply::ok());
    let url = format!("{}[1-3]?x={{a,b}}", receiver.url);
    let printed = run(&["send", "before-create", "--url", &url, "--curl"]);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    assert!(printed.stdout.contains(" --globoff "), "{}", printed.stdout);
    assert_eq!(run_printed(&printed.stdout), Some(0), "{}", printed.stdout);
    let received = receiver.received();
    assert_eq!(received.len(), 1, "one request: {received:?}");
    assert_eq!(received[0].path, "/im[1-3]");
}
