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

/// Every file under `dir`, recursively, as text.
fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            let text =
                String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
            found.push((path, text));
        }
    }
    found
}

#[track_caller]
fn clean(what: &str, text: &str) {
    assert!(!text.contains(TOKEN), "{what} shows the token:\n{text}");
}

/// Every subcommand and format, given the token, and every file they write.
#[test]
fn no_subcommand_format_report_or_file_shows_the_token() {
    use crate::support::serve::Serve;
    let dir = crate::support::tempdir();
    let record = dir.join("record");
    let record_arg = record.to_str().unwrap().to_string();
    let mut serve = Serve::start(&[
        "--token",
        TOKEN,
        "--record",
        &record_arg,
        "--format",
        "json",
    ]);
    let url = format!("{}im", serve.url);

    let suite = dir.join("suite.toml");
    std::fs::write(
        &suite,
        "token_env = \"SECRET_FOR_SUITE\"\n[[case]]\nname = \"create\"\ncallback = \"before-create\"\n\
         [[case]]\nname = \"invite\"\ncallback = \"before-invite\"\n",
    )
    .unwrap();
    let junit = dir.join("junit.xml");
    let suite_arg = suite.to_str().unwrap().to_string();
    let junit_arg = junit.to_str().unwrap().to_string();

    let with_flag: Vec<Vec<&str>> = vec![
        vec!["send", "before-create", "--url", &url, "--token", TOKEN],
        vec![
            "send",
            "before-create",
            "--url",
            &url,
            "--token",
            TOKEN,
            "-v",
            "--format",
            "json",
        ],
        vec![
            "send",
            "before-create",
            "--url",
            &url,
            "--token",
            TOKEN,
            "--curl",
        ],
        vec!["audit", "--url", &url, "--token", TOKEN],
        vec![
            "audit", "--url", &url, "--token", TOKEN, "--format", "json", "-v",
        ],
        vec!["sign", "--token", TOKEN],
        vec!["sign", "--token", TOKEN, "--format", "json"],
        vec![
            "bench",
            "before-create",
            "--url",
            &url,
            "--token",
            TOKEN,
            "-n",
            "20",
            "-v",
        ],
        vec![
            "bench",
            "before-send",
            "--url",
            &url,
            "--token",
            TOKEN,
            "-n",
            "20",
            "--format",
            "json",
        ],
    ];
    for args in &with_flag {
        let run = run_cmd(grpcb().args(args));
        clean(&format!("{args:?} stdout"), &run.stdout);
        clean(&format!("{args:?} stderr"), &run.stderr);
    }
    // The token through the environment, for every command that reads one.
    let with_env: Vec<Vec<&str>> = vec![
        vec!["send", "after-create", "--url", &url, "-v"],
        vec!["run", &suite_arg, "--url", &url, "--junit", &junit_arg],
        vec!["run", &suite_arg, "--url", &url, "--format", "json", "-v"],
        vec![
            "audit",
            "--url",
            &url,
            "--only",
            "baseline,wrong-sign",
            "--format",
            "json",
        ],
        vec!["sign", "--format", "json"],
        vec!["bench", "after-create", "--url", &url, "-n", "10", "-v"],
        vec!["demo"],
        vec!["demo", "--format", "json"],
        vec!["example", "before-send"],
        vec!["list", "--format", "json"],
        vec!["completions", "bash"],
    ];
    for args in &with_env {
        let run = run_cmd(
            grpcb()
                .args(args)
                .env("GRPCB_TOKEN", TOKEN)
                .env("SECRET_FOR_SUITE", TOKEN),
        );
        assert!(
            run.code == 0 || args[0] == "audit",
            "{args:?}: {}{}",
            run.stdout,
            run.stderr
        );
        clean(&format!("{args:?} stdout"), &run.stdout);
        clean(&format!("{args:?} stderr"), &run.stderr);
    }
    // Help never shows an environment variable's value.
    for command in ["send", "run", "audit", "bench", "serve", "demo", "sign"] {
        let run = run_cmd(grpcb().args([command, "--help"]).env("GRPCB_TOKEN", TOKEN));
        clean(&format!("{command} --help"), &run.stdout);
    }
    // The server's log and every file it and the suite wrote.
    assert_eq!(serve.terminate(), Some(143));
    clean("serve stdout", &serve.lines().join("\n"));
    clean("serve stderr", &serve.stderr());
    let written = files_under(&dir);
    assert!(
        written
            .iter()
            .any(|(path, _)| path.ends_with("index.jsonl")),
        "serve recorded nothing"
    );
    assert!(written.iter().any(|(path, _)| path.ends_with("junit.xml")));
    for (path, text) in written {
        if path.ends_with("suite.toml") {
            continue;
        }
        clean(&path.display().to_string(), &text);
    }
}

/// A token with characters JSON and XML escape, echoed back and placed where the one-line
/// preview cuts: no form of it may show, escaped or cut.
#[test]
fn an_echoed_token_is_scrubbed_before_escaping_and_cutting() {
    const ODD: &str = "tk\"odd\\<&>'secret-9";
    let padding = "x".repeat(140);
    let answer = serde_json::json!({
        "ActionStatus": "OK", "ErrorCode": 0,
        "ErrorInfo": format!("{padding}{ODD}"),
        "Echo": ODD,
    });
    let receiver = Receiver::start(Reply::json(&answer.to_string()));
    let dir = crate::support::tempdir();
    let suite = dir.join("suite.toml");
    std::fs::write(
        &suite,
        "[[case]]\nname = \"c\"\ncallback = \"before-create\"\nexpect = { decision = \"deny\" }\n",
    )
    .unwrap();
    let junit = dir.join("junit.xml");
    let forms = [
        ODD.to_string(),
        serde_json::to_string(ODD)
            .unwrap()
            .trim_matches('"')
            .to_string(),
        ODD.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;"),
        "tk\"odd".to_string(),
        "tk\\\"odd".to_string(),
    ];
    let runs = [
        vec![
            "send",
            "before-create",
            "--url",
            &receiver.url,
            "--token",
            ODD,
        ],
        vec![
            "send",
            "before-create",
            "--url",
            &receiver.url,
            "--token",
            ODD,
            "-v",
        ],
        vec![
            "send",
            "before-create",
            "--url",
            &receiver.url,
            "--token",
            ODD,
            "--format",
            "json",
        ],
        vec![
            "run",
            suite.to_str().unwrap(),
            "--url",
            &receiver.url,
            "--token",
            ODD,
            "--junit",
            junit.to_str().unwrap(),
        ],
        vec![
            "audit",
            "--url",
            &receiver.url,
            "--token",
            ODD,
            "--only",
            "baseline,wrong-sdkappid",
            "-v",
        ],
        vec![
            "bench",
            "before-create",
            "--url",
            &receiver.url,
            "--token",
            ODD,
            "-n",
            "3",
            "-v",
        ],
    ];
    for args in runs {
        let run = run_cmd(grpcb().args(&args));
        for form in &forms {
            assert!(
                !run.stdout.contains(form.as_str()),
                "{args:?} stdout shows {form}:\n{}",
                run.stdout
            );
            assert!(
                !run.stderr.contains(form.as_str()),
                "{args:?} stderr shows {form}:\n{}",
                run.stderr
            );
        }
    }
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("<failure"), "{xml}");
    for form in &forms {
        assert!(!xml.contains(form.as_str()), "junit shows {form}:\n{xml}");
    }
}
