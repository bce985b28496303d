//! The callback token never appears in any output, even when a receiver echoes it.

use crate::support::{Receiver, Reply, grpcb, run_cmd};

const TOKEN: &str = "tok-9f8e7d6c5b4a";

#[test]
fn the_token_appears_in_no_output() {
    // A hostile receiver that echoes the token in its body and headers.
    let receiver = Receiver::start(
        Reply::json(&format!(
            r#"{{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"your token is {TOKEN}","{TOKEN}":1}}"#
        ))
        .header("x-echo", TOKEN),
    );
    let url = receiver.url.as_str();
    let runs: Vec<Vec<&str>> = vec![
        vec!["send", "before-create", "--url", url, "--token", TOKEN],
        vec![
            "send",
            "before-create",
            "--url",
            url,
            "--token",
            TOKEN,
            "-v",
        ],
        vec![
            "send",
            "before-create",
            "--url",
            url,
            "--token",
            TOKEN,
            "--format",
            "json",
        ],
        vec![
            "send",
            "before-create",
            "--url",
            url,
            "--token",
            TOKEN,
            "--format",
            "json",
            "-v",
        ],
        vec![
            "send",
            "before-create",
            "--url",
            "http://[::1",
            "--token",
            TOKEN,
        ],
        vec!["sign", "--token", TOKEN],
        vec!["sign", "--token", TOKEN, "--format", "json"],
    ];
    for args in runs {
        let run = run_cmd(grpcb().args(&args));
        assert!(
            !run.stdout.contains(TOKEN),
            "{args:?} stdout: {}",
            run.stdout
        );
        assert!(
            !run.stderr.contains(TOKEN),
            "{args:?} stderr: {}",
            run.stderr
        );
    }
    // Through the environment, and in help, which would otherwise show env values.
    for args in [
        vec!["send", "before-create", "--url", url, "-v"],
        vec!["send", "--help"],
        vec!["sign", "--help"],
    ] {
        let run = run_cmd(grpcb().args(&args).env("GRPCB_TOKEN", TOKEN));
        assert!(!run.stdout.contains(TOKEN), "{args:?}: {}", run.stdout);
        assert!(!run.stderr.contains(TOKEN), "{args:?}: {}", run.stderr);
    }
    // The receiver did get a signature, made from the token.
    assert!(
        receiver
            .received()
            .iter()
            .all(|got| got.query.contains("&Sign="))
    );
}
