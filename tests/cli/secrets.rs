//! The callback token is only used to compute `Sign`: it never enters a report, a message or
//! a log line, so no output depends on its text (apart from `Sign` itself), and an input error
//! withholds a value that contains it. What a receiver sends back is shown as it came.

use crate::support::serve::Serve;
use crate::support::{Receiver, Reply, grpcb, run_cmd, tempdir};
use proptest::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const TOKEN: &str = "tok-9f8e7d6c5b4a";

/// A long token nobody could guess, different on every run.
fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let state = std::collections::hash_map::RandomState::new();
    (0..4)
        .map(|i| {
            let mut hasher = state.build_hasher();
            hasher.write_u64(i);
            format!("{:016x}", hasher.finish())
        })
        .collect()
}

/// Every file under `dir`, recursively, as text.
fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
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
    found.sort();
    found
}

/// Every subcommand and format, given a long random token, and every file they write: the
/// token appears in no byte of any of them.
#[test]
fn a_long_random_token_appears_in_no_output_or_file() {
    let token = random_token();
    assert_eq!(token.len(), 64);
    let clean = |what: &str, text: &str| {
        assert!(!text.contains(&token), "{what} shows the token:\n{text}");
    };
    let dir = tempdir();
    let record = dir.join("record");
    let record_arg = record.to_str().unwrap().to_string();
    let mut serve = Serve::start(&[
        "--token",
        &token,
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
         [[case]]\nname = \"invite\"\ncallback = \"before-invite\"\nexpect = { decision = \"deny\" }\n",
    )
    .unwrap();
    let junit = dir.join("junit.xml");
    let suite_arg = suite.to_str().unwrap().to_string();
    let junit_arg = junit.to_str().unwrap().to_string();
    let token_flag = format!("--token={token}");
    // fuzz writes its failures' fixtures and curl lines: a receiver that fails every case.
    let failing = Receiver::start(Reply::ok().status(500));
    let fuzz_out = dir.join("fuzz-failures").to_str().unwrap().to_string();
    let fuzz_junit = dir.join("fuzz.xml").to_str().unwrap().to_string();

    let with_flag: Vec<Vec<&str>> = vec![
        vec!["send", "before-create", "--url", &url, "--token", &token],
        vec!["send", "before-create", "--url", &url, &token_flag, "-v"],
        vec![
            "send",
            "before-create",
            "--url",
            &url,
            "--token",
            &token,
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
            &token,
            "--curl",
        ],
        vec!["audit", "--url", &url, "--token", &token],
        vec![
            "audit", "--url", &url, "--token", &token, "--format", "json", "-v",
        ],
        vec!["sign", "--token", &token],
        vec!["sign", "--token", &token, "--format", "json"],
        vec![
            "bench",
            "before-create",
            "--url",
            &url,
            "--token",
            &token,
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
            &token,
            "-n",
            "20",
            "--format",
            "json",
        ],
        vec![
            "fuzz",
            "before-create",
            "after-create",
            "--url",
            &failing.url,
            "--token",
            &token,
            "--cases",
            "2",
            "-v",
            "--out",
            &fuzz_out,
            "--junit",
            &fuzz_junit,
        ],
        vec![
            "fuzz",
            "before-invite",
            "after-create",
            "--url",
            &url,
            "--token",
            &token,
            "--cases",
            "2",
            "--format",
            "json",
        ],
        // Errors, too: none of these values holds the token, but every message is checked.
        vec![
            "send",
            "before-create",
            "--url",
            "http://[::1",
            "--token",
            &token,
        ],
        vec![
            "send",
            "before-create",
            "--url",
            &url,
            "--token",
            &token,
            "--timeout",
            "5",
        ],
        vec![
            "send",
            "before-create",
            "--url",
            &url,
            "--token",
            &token,
            "--expect-code",
            "x",
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
        vec![
            "fuzz",
            "after-full",
            "--url",
            &failing.url,
            "--cases",
            "1",
            "--format",
            "json",
            "--out",
            &fuzz_out,
        ],
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
                .env("GRPCB_TOKEN", &token)
                .env("SECRET_FOR_SUITE", &token),
        );
        clean(&format!("{args:?} stdout"), &run.stdout);
        clean(&format!("{args:?} stderr"), &run.stderr);
    }
    // Help never shows an environment variable's value.
    for command in [
        "send", "run", "audit", "bench", "fuzz", "serve", "demo", "sign",
    ] {
        let run = run_cmd(grpcb().args([command, "--help"]).env("GRPCB_TOKEN", &token));
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
            .any(|(path, _)| path.ends_with("index.jsonl"))
    );
    assert!(written.iter().any(|(path, _)| path.ends_with("junit.xml")));
    assert!(written.iter().any(|(path, _)| path.ends_with("fuzz.xml")));
    assert!(written.iter().any(|(path, _)| {
        path.to_string_lossy()
            .ends_with("http-200-http-status.curl")
    }));
    for (path, text) in written {
        if !path.ends_with("suite.toml") {
            clean(&path.display().to_string(), &text);
        }
    }
}

/// A token that is part of a URL the user gives (`--url`, `--forward-to`: a receiver that
/// authenticates by its own query) is used as given, but no output or file shows it: every
/// rendering of the URL is withheld, as an input error withholds it, and a curl or replay
/// line says so rather than print it.
#[test]
fn a_token_inside_the_url_appears_in_no_output_or_file() {
    let token = random_token();
    let clean = |what: &str, text: &str| {
        assert!(!text.contains(&token), "{what} shows the token:\n{text}");
    };
    let dir = tempdir();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let receiver = Receiver::allowing();
    let url = format!("{}/hook/{token}?key={token}", receiver.base);
    // fuzz writes its failures' files (fixtures, curl lines): a receiver that fails them all.
    let failing = Receiver::start(Reply::ok().status(500));
    let failing_url = format!("{}/hook?key={token}", failing.base);
    let suite = dir.join("suite.toml");
    std::fs::write(
        &suite,
        "[[case]]\nname = \"create\"\ncallback = \"before-create\"\n",
    )
    .unwrap();
    let suite_arg = suite.to_str().unwrap().to_string();
    let (junit, run_html, audit_html) = (path("run.xml"), path("run.html"), path("audit.html"));
    let (bench_html, fuzz_out, fuzz_junit) = (path("bench.html"), path("fuzz"), path("fuzz.xml"));
    let commands: Vec<Vec<&str>> = vec![
        vec!["send", "before-create", "--url", &url],
        vec!["send", "before-create", "--url", &url, "-v"],
        vec![
            "send",
            "before-create",
            "--url",
            &url,
            "--format",
            "json",
            "-v",
        ],
        vec!["send", "before-create", "--url", &url, "--curl"],
        vec![
            "run", &suite_arg, "--url", &url, "-v", "--junit", &junit, "--html", &run_html,
        ],
        vec!["run", &suite_arg, "--url", &url, "--format", "json", "-v"],
        vec![
            "audit",
            "--url",
            &url,
            "--format",
            "json",
            "-v",
            "--html",
            &audit_html,
        ],
        vec!["audit", "--url", &url, "-v"],
        vec![
            "bench",
            "before-create",
            "--url",
            &url,
            "-n",
            "5",
            "-v",
            "--html",
            &bench_html,
        ],
        vec![
            "bench",
            "before-create",
            "--url",
            &url,
            "-n",
            "5",
            "--format",
            "json",
        ],
        vec![
            "fuzz",
            "before-create",
            "--url",
            &failing_url,
            "--cases",
            "2",
            "-v",
            "--out",
            &fuzz_out,
            "--junit",
            &fuzz_junit,
        ],
        vec![
            "fuzz",
            "before-create",
            "--url",
            &url,
            "--cases",
            "2",
            "--format",
            "json",
        ],
    ];
    for args in &commands {
        let run = run_cmd(grpcb().args(args).args(["--token", &token]));
        clean(&format!("{args:?} stdout"), &run.stdout);
        clean(&format!("{args:?} stderr"), &run.stderr);
    }
    // The URL was used as given: the token reached the receiver in its path and query.
    let sent = receiver.received();
    assert!(!sent.is_empty());
    for request in &sent {
        assert_eq!(request.path, format!("/hook/{token}"));
        assert_eq!(request.query_pairs()[0], ("key".to_string(), token.clone()));
    }
    // A curl line shows the withheld URL in its place, and a note says so.
    let curl = run_cmd(
        grpcb()
            .args(["send", "before-create", "--url", &url, "--curl"])
            .args(["--token", &token]),
    );
    assert!(
        curl.stdout
            .starts_with("curl -sS -i --globoff -X POST '<withheld: holds the token>'"),
        "{}",
        curl.stdout
    );
    assert!(
        curl.stderr.contains("note: --url holds the callback token"),
        "{}",
        curl.stderr
    );
    let report = run_cmd(
        grpcb()
            .args(["send", "before-create", "--url", &url, "--format", "json"])
            .args(["--token", &token]),
    );
    assert_eq!(
        report.json()["request"]["url"],
        "<withheld: holds the token>"
    );
    // listen, forwarding to a URL that holds the token, recording what it relayed.
    for format in ["human", "json"] {
        let record = path(&format!("record-{format}"));
        let mut listen = Serve::listen(
            &url,
            &["--token", &token, "--record", &record, "--format", format],
        );
        let run = run_cmd(grpcb().args([
            "send",
            "before-create",
            "--url",
            &listen.url,
            "--token",
            &token,
        ]));
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        listen.wait_for_lines(2);
        assert_eq!(listen.terminate(), Some(143));
        let log = listen.lines().join("\n");
        assert!(log.contains("<withheld: holds the token>"), "{log}");
        clean(&format!("listen {format} stdout"), &log);
        clean(&format!("listen {format} stderr"), &listen.stderr());
    }
    let written = files_under(&dir);
    for name in [
        "index.jsonl",
        "run.xml",
        "run.html",
        "audit.html",
        "bench.html",
        "fuzz.xml",
    ] {
        assert!(
            written.iter().any(|(path, _)| path.ends_with(name)),
            "no {name}"
        );
    }
    assert!(
        written
            .iter()
            .any(|(path, text)| path.to_string_lossy().ends_with(".curl")
                && text.contains("<withheld: holds the token>"))
    );
    for (path, text) in written {
        clean(&path.display().to_string(), &text);
    }
}

/// A receiver's own words are its own: grpcb reports them as they came, even when they hold
/// the token's text (grpcb cannot tell an echo from a coincidence, and a report that rewrote
/// the answer would be a lie). A short token rewrites nothing either.
#[test]
fn what_a_receiver_answers_is_reported_as_it_came() {
    let answer = format!(
        r#"{{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"your token is {TOKEN}","{TOKEN}":1}}"#
    );
    let receiver = Receiver::start(Reply::json(&answer).header("x-echo", TOKEN));
    for token in [TOKEN, "e", "json", "verdict"] {
        let run = run_cmd(grpcb().args([
            "send",
            "before-create",
            "--url",
            &receiver.url,
            "--format",
            "json",
            &format!("--token={token}"),
        ]));
        let report: Value = serde_json::from_str(&run.stdout).expect("JSON report");
        assert_eq!(report["verdict"], "pass", "{token}: {}", run.stdout);
        assert_eq!(
            report["response"]["body"]["ErrorInfo"],
            format!("your token is {TOKEN}"),
            "{token}"
        );
        assert_eq!(report["response"]["headers"]["x-echo"], TOKEN, "{token}");
        assert_eq!(
            report["request"]["query"]["SdkAppid"], "1400000000",
            "{token}"
        );
        assert!(!run.stdout.contains("[token hidden]"), "{token}");
    }
}

/// Every kind of input error withholds a value that contains the token: flags grpcb checks,
/// flags clap checks, paths, serve's options, suite values. The option is still named.
#[test]
fn input_errors_withhold_a_value_that_contains_the_token() {
    const SECRET: &str = "Wh1thh3ld-s3cret";
    let dir = tempdir();
    let fixture = format!("/no/such/{SECRET}.json");
    let url = format!("ftp://127.0.0.1/im?key={SECRET}");
    let header = format!("X-Key {SECRET}");
    let set = format!("Name{SECRET}");
    let query = format!("={SECRET}");
    let timeout = format!("{SECRET}s");
    let send_to = |to: &str, extra: &[&str]| {
        let mut args = vec!["send", "before-create", "--token", SECRET, "--url", to];
        args.extend_from_slice(extra);
        args.iter().map(ToString::to_string).collect::<Vec<_>>()
    };
    let send = |extra: &[&str]| send_to("http://127.0.0.1:9/im", extra);
    let suite_url = dir.join("suite-url.toml");
    std::fs::write(
        &suite_url,
        format!(
            "url = \"ftp://127.0.0.1:9/im?key={SECRET}\"\ntoken = \"{SECRET}\"\n\
             [[case]]\nname = \"c\"\ncallback = \"before-create\"\n"
        ),
    )
    .unwrap();
    let suite_timeout = dir.join("suite-timeout.toml");
    std::fs::write(
        &suite_timeout,
        format!(
            "[[case]]\nname = \"c\"\ncallback = \"before-create\"\ntimeout = \"{SECRET}\"\n\
             token = \"{SECRET}\"\n"
        ),
    )
    .unwrap();
    let suite_ok = dir.join("suite-ok.toml");
    std::fs::write(
        &suite_ok,
        "[[case]]\nname = \"c\"\ncallback = \"before-create\"\n",
    )
    .unwrap();
    let held = dir.join(SECRET);
    std::fs::create_dir_all(&held).unwrap();
    let suite_unknown = held.join("suite.toml");
    std::fs::copy(&suite_ok, &suite_unknown).unwrap();
    // A suite that holds the token and unsets `path` in its one case.
    let unsetting = |name: &str, path: &str| {
        let suite = dir.join(name);
        let text = format!(
            "token = \"{SECRET}\"\n[[case]]\nname = \"c\"\ncallback = \"before-create\"\n\
             unset = [\"{path}\"]\n"
        );
        std::fs::write(&suite, text).unwrap();
        suite
    };
    let suite_unset = unsetting("suite-unset.toml", &format!("a..{SECRET}"));
    let suite_note = unsetting("suite-note.toml", &format!("Nope{SECRET}"));
    let strings = |args: &[&str]| args.iter().map(ToString::to_string).collect::<Vec<_>>();
    // `run` of a suite with no token of its own, the token on the command line.
    let run_ok = |extra: &[&str]| {
        let ok = suite_ok.to_str().unwrap();
        let mut args = vec!["run", ok, "--token", SECRET, "--url", "http://127.0.0.1:9/"];
        args.extend_from_slice(extra);
        strings(&args)
    };
    let unset_path = format!("a..{SECRET}");
    let note_path = format!("Name.x{SECRET}");
    let filter = format!("zz{SECRET}");
    let junit = format!("/nonexist/{SECRET}/j.xml");
    let recording = held.join("recording");
    // Notes go through the same withholding; they do not stop the command (exit 0, or 3
    // when the case gets no answer).
    let notes: Vec<(&str, Vec<String>, i32)> = vec![
        (
            "note: --unset",
            strings(&["example", "before-create", "--unset", &note_path]),
            0,
        ),
        (
            "key `unset`: note:",
            strings(&[
                "run",
                suite_note.to_str().unwrap(),
                "--url",
                "http://127.0.0.1:9/",
            ]),
            3,
        ),
    ];
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("--unset", send(&["--unset", &unset_path])),
        ("--filter", run_ok(&["--filter", &filter])),
        ("--junit", run_ok(&["--junit", &junit])),
        (
            "the recording's index",
            strings(&[
                "replay",
                recording.to_str().unwrap(),
                "--url",
                "http://127.0.0.1:9/",
            ]),
        ),
        (
            "--suite",
            strings(&[
                "audit",
                "--url",
                "http://127.0.0.1:9/",
                "--suite",
                suite_unknown.to_str().unwrap(),
            ]),
        ),
        (
            "key `unset`",
            strings(&[
                "run",
                suite_unset.to_str().unwrap(),
                "--url",
                "http://127.0.0.1:9/",
            ]),
        ),
        ("--url", send_to(&url, &[])),
        ("-H", send(&["-H", &header])),
        ("--set", send(&["--set", &set])),
        ("--query", send(&["--query", &query])),
        ("--timeout", send(&["--timeout", &timeout])),
        ("fixture", send(&["--fixture", &fixture])),
        ("--expect-code", send(&["--expect-code", SECRET])),
        ("--event-time", send(&["--event-time", SECRET])),
        (
            "--addr",
            ["serve", "--token", SECRET, "--addr", SECRET]
                .map(String::from)
                .to_vec(),
        ),
        (
            "rules file",
            ["serve", "--token", SECRET, "--rules", &fixture]
                .map(String::from)
                .to_vec(),
        ),
        (
            "--record",
            [
                "serve",
                "--token",
                SECRET,
                "--record",
                &format!("/dev/null/{SECRET}"),
            ]
            .map(String::from)
            .to_vec(),
        ),
        (
            "suite-url.toml:1:",
            ["run", suite_url.to_str().unwrap()]
                .map(String::from)
                .to_vec(),
        ),
        (
            "suite-timeout.toml:4:",
            [
                "run",
                suite_timeout.to_str().unwrap(),
                "--url",
                "http://127.0.0.1:9/",
            ]
            .map(String::from)
            .to_vec(),
        ),
    ];
    let errors = cases.into_iter().map(|(named, args)| (named, args, 4));
    for (named, args, code) in errors.chain(notes) {
        // A suite's own token is known before anything in it is checked.
        let mut cmd = grpcb();
        cmd.args(&args);
        if args[0] != "run" {
            cmd.env("GRPCB_TOKEN", SECRET);
        }
        let run = run_cmd(&mut cmd);
        assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains(SECRET), "{args:?}: {}", run.stderr);
        assert!(!run.stdout.contains(SECRET), "{args:?}: {}", run.stdout);
        assert!(run.stderr.contains(named), "{args:?}: {}", run.stderr);
        assert!(
            [
                "withheld because it",
                "withheld: it contains the callback token"
            ]
            .iter()
            .any(|withheld| run.stderr.contains(withheld)),
            "{args:?}: {}",
            run.stderr
        );
    }
    // A value that does not hold the token is shown as given, whatever the token: the check
    // is about the value, not about the message.
    let run = run_cmd(
        grpcb()
            .args(send(&["--timeout", "500"]))
            .env("GRPCB_TOKEN", "e"),
    );
    assert_eq!(run.code, 4);
    assert!(
        run.stderr
            .contains("--timeout `500`: no unit; write 500ms or 500s"),
        "{}",
        run.stderr
    );
}

// ---- byte-identical outputs, whatever the token's text -------------------------------------

/// The neutral token: its text is in no output.
const NEUTRAL: &str = "Nq7-neutral-Zx";
const REQUEST_TIME: &str = "1669872112";

/// Replaces each `Sign` value (64 hex digits after `Sign=` or `"Sign":"`) with `<sign>`.
fn mask_sign(text: &str) -> String {
    mask(text, &["Sign=", "\"Sign\":\"", "\"Sign\": \""], |rest| {
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        (hex == 64).then_some(64)
    })
}

/// Replaces what follows each of `prefixes` with `<masked>`, for as many bytes as `len` says.
fn mask(text: &str, prefixes: &[&str], len: impl Fn(&str) -> Option<usize>) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let next = prefixes
            .iter()
            .filter_map(|prefix| rest.find(prefix).map(|at| (at, prefix.len())))
            .min();
        let Some((at, prefix)) = next else {
            out.push_str(rest);
            return out;
        };
        let after = at + prefix;
        out.push_str(&rest[..after]);
        rest = &rest[after..];
        if let Some(skip) = len(rest) {
            out.push_str("<masked>");
            rest = &rest[skip..];
        }
    }
}

/// Masks what changes from run to run whatever the token: times, latencies, the `date`
/// header, ports, and whether the client's connection was still open when serve stopped.
fn mask_timing(text: &str, port: &str) -> String {
    let until = |end: char| move |rest: &str| rest.find(end);
    let text = mask(text, &["\"open\":"], until(','));
    let text = mask(&text, &["time=\""], until('"'));
    let text = mask(&text, &["\"latency_ms\": ", "\"latency_ms\":"], until(','));
    let text = mask(&text, &["\"date\": \"", "\"date\":\""], until('"'));
    let text = mask(&text, &["\"time\":\""], until('"'));
    let text = mask(&text, &["answer: HTTP 200 in "], until(' '));
    text.replace(port, "<port>")
}

/// What one token makes grpcb write: send's JSON, `--curl`, run's JUnit and JSON, and
/// serve's log and record files (serve checks the Sign with the same token).
fn outputs(token: &str, receiver: &Receiver, dir: &Path) -> Vec<(String, String)> {
    let token_flag = format!("--token={token}");
    let send = |extra: &[&str]| {
        let mut cmd = grpcb();
        cmd.args(["send", "before-invite", "--url", &receiver.url, &token_flag])
            .args(["--request-time", REQUEST_TIME, "--member", "alice"])
            .args(extra);
        run_cmd(&mut cmd)
    };
    let mut got = vec![
        ("send json".to_string(), send(&["--format", "json"]).stdout),
        ("send curl".to_string(), send(&["--curl"]).stdout),
    ];
    let suite = dir.join("suite.toml");
    std::fs::write(
        &suite,
        "request_time = 1669872112\n[[case]]\nname = \"passes\"\ncallback = \"before-create\"\n\
         [[case]]\nname = \"fails\"\ncallback = \"before-invite\"\nmember = [\"alice\"]\n\
         expect = { decision = \"deny\" }\n",
    )
    .unwrap();
    let junit = dir.join("junit.xml");
    let run = run_cmd(grpcb().args([
        "run",
        suite.to_str().unwrap(),
        "--url",
        &receiver.url,
        &token_flag,
        "--junit",
        junit.to_str().unwrap(),
        "--format",
        "json",
    ]));
    got.push(("run json".into(), run.stdout));
    got.push((
        "run junit".into(),
        std::fs::read_to_string(&junit).unwrap_or_default(),
    ));
    // fuzz's report and the files of a failure (a receiver that answers 500 to everything).
    let failing = Receiver::start(Reply::ok().status(500));
    let fuzz_out = dir.join("fuzz-failures");
    let fuzz = run_cmd(grpcb().args([
        "fuzz",
        "before-invite",
        "--url",
        &failing.url,
        &token_flag,
        "--request-time",
        REQUEST_TIME,
        "--cases",
        "2",
        "--seed",
        "1",
        "--format",
        "json",
        "--out",
        fuzz_out.to_str().unwrap(),
    ]));
    let mut report: Value = serde_json::from_str(&fuzz.stdout).unwrap_or_default();
    for callback in report["callbacks"].as_array_mut().into_iter().flatten() {
        callback["latency_ms"] = Value::Null;
    }
    let failing_port = failing.base.rsplit(':').next().unwrap_or_default();
    got.push((
        "fuzz json".into(),
        report.to_string().replace(failing_port, "<port>"),
    ));
    for (path, text) in files_under(&fuzz_out) {
        let name = path.strip_prefix(&fuzz_out).unwrap().display().to_string();
        got.push((format!("fuzz {name}"), text.replace(failing_port, "<port>")));
    }

    let record = dir.join("record");
    let mut serve = Serve::start(&[
        &token_flag,
        "--record",
        record.to_str().unwrap(),
        "--format",
        "json",
    ]);
    // Fresh, so serve accepts the Sign; the same second for both tokens is not needed,
    // RequestTime is masked with the times.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let sent = run_cmd(grpcb().args([
        "send",
        "before-create",
        "--url",
        &format!("{}im", serve.url),
        &token_flag,
        "--request-time",
        &now,
        "--format",
        "json",
    ]));
    assert_eq!(
        sent.code, 0,
        "serve refused a signed callback: {}",
        sent.stdout
    );
    serve.wait_for_lines(2);
    serve.terminate();
    let port = serve
        .addr
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_string();
    let log: Vec<String> = serve.lines().into_iter().skip(1).collect();
    got.push((
        "serve log".into(),
        mask_timing(&log.join("\n"), &port).replace(&now, "<now>"),
    ));
    for (path, text) in files_under(&record) {
        let name = path.strip_prefix(&record).unwrap().display().to_string();
        if name == ".lock" {
            // The lock holds serve's process id, which differs from run to run.
            continue;
        }
        got.push((
            format!("record {name}"),
            mask_timing(&text, &port).replace(&now, "<now>"),
        ));
    }
    let receiver_port = receiver.base.rsplit(':').next().unwrap_or_default();
    let dir = dir.display().to_string();
    got.into_iter()
        .map(|(what, text)| {
            let text = mask_timing(&mask_sign(&text), receiver_port);
            (what, text.replace(&dir, "<dir>"))
        })
        .collect()
}

/// Tokens drawn from the output itself: if any rendering rewrote text equal to the token,
/// these would show it.
fn substrings_of_the_output() -> impl Strategy<Value = String> {
    let notable = prop::sample::select(vec![
        "e",
        "json",
        "verdict",
        "1400000000",
        "14000",
        "0",
        "PASS",
        "FAIL",
        "allow",
        "true",
        "\"",
        "{",
        ":",
        "Sign",
        "RequestTime",
        "testcase",
        "before-invite",
        "alice",
        "OK",
        "ErrorCode",
        "http",
        "im",
        "-",
        " ",
    ]);
    let sample = r#"{"callback":"Group.CallbackBeforeInviteJoinGroup","alias":"before-invite","kind":"before","request":{"url":"http://127.0.0.1/im?SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeInviteJoinGroup&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI","query":{},"headers":{"content-type":"application/json; charset=utf-8"}},"decision":"allow","meaning":"IM would add every invitee","verdict":"pass","findings":[]} <testsuites name="grpcb" tests="2" failures="1"><testcase name="passes" classname="before-create"/> curl -sS -i -X POST --data-binary"#;
    prop_oneof![
        notable.prop_map(str::to_string),
        (0..sample.len() - 8, 1usize..8).prop_map(move |(start, len)| {
            let start = (0..=start)
                .rev()
                .find(|&i| sample.is_char_boundary(i))
                .unwrap_or(0);
            let end = (start + len..=sample.len())
                .find(|&i| sample.is_char_boundary(i))
                .unwrap_or(sample.len());
            sample[start..end].to_string()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// JSON, `--curl`, JUnit, serve's log and its record files are byte for byte the same
    /// with a token drawn from the output as with a neutral one, apart from `Sign` (and a
    /// `--url` that holds the token's text, withheld).
    #[test]
    fn no_output_depends_on_the_token_text(token in substrings_of_the_output()) {
        let receiver = Receiver::start(Reply::json(
            r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":[]}"#,
        ));
        // A URL the user wrote the token into is withheld (a_token_inside_the_url_...): that
        // output depends on the token by design, so the property is for every other token.
        prop_assume!(!receiver.url.contains(&token));
        let with_token = outputs(&token, &receiver, &tempdir());
        let neutral = outputs(NEUTRAL, &receiver, &tempdir());
        prop_assert_eq!(with_token.len(), neutral.len());
        for ((what, text), (_, expected)) in with_token.iter().zip(&neutral) {
            prop_assert!(!text.is_empty(), "{} is empty", what);
            prop_assert_eq!(text, expected, "{} differs with token {:?}", what, token);
        }
    }
}

/// A header the user adds with the token in its value or name (`-H 'X-Auth: T'`) is sent as
/// given and withheld in `-v`, the JSON report and `--curl`; grpcb's own
/// `Content-Type: application/json` stays shown even when the token is `json`.
#[test]
fn a_token_inside_a_header_is_sent_and_appears_in_no_output() {
    let token = random_token();
    let receiver = Receiver::start(Reply::ok());
    let auth = format!("X-Auth: {token}");
    let named = format!("X-{token}: 1");
    for extra in [vec!["-v"], vec!["--format", "json"], vec!["--curl"]] {
        let sent = run_cmd(
            grpcb()
                .args(["send", "before-create", "--url", &receiver.url])
                .args(["--token", &token, "-H", &auth, "-H", &named])
                .args(&extra),
        );
        assert_eq!(sent.code, 0, "{extra:?}: {}", sent.stderr);
        for text in [&sent.stdout, &sent.stderr] {
            assert!(!text.contains(&token), "{extra:?}: {text}");
        }
        let both = format!("{}{}", sent.stdout, sent.stderr);
        assert!(
            both.contains("<withheld: holds the token>"),
            "{extra:?}: {both}"
        );
    }
    let received = receiver.received();
    assert!(
        received
            .iter()
            .any(|request| request.headers.iter().any(|(_, value)| value == &token)),
        "the receiver got the header as given"
    );

    // fuzz writes a failure's replay line, with the run's headers, into its files.
    let failing = Receiver::start(Reply::ok().status(500));
    let dir = tempdir();
    let out = dir.join("out");
    let fuzzed = run_cmd(
        grpcb()
            .args([
                "fuzz",
                "before-create",
                "--url",
                &failing.url,
                "--cases",
                "1",
            ])
            .args(["--token", &token, "-H", &auth, "--out"])
            .arg(&out),
    );
    assert_eq!(fuzzed.code, 1, "{}", fuzzed.stderr);
    assert!(!fuzzed.stdout.contains(&token) && !fuzzed.stderr.contains(&token));
    let files = files_under(&out);
    assert!(!files.is_empty(), "fuzz wrote its failure");
    for (path, text) in files {
        assert!(!text.contains(&token), "{}: {text}", path.display());
    }

    // Short tokens found in grpcb's own header's name or value (proptest found `-`).
    for short_token in ["json", "-", "Content", "a"] {
        let short = run_cmd(
            grpcb()
                .args(["send", "before-create", "--url", &receiver.url])
                .args(["--token", short_token, "-v"]),
        );
        assert!(
            short.stderr.contains("Content-Type: application/json")
                || short.stdout.contains("Content-Type: application/json"),
            "{short_token}: {}{}",
            short.stdout,
            short.stderr
        );
    }
}
