//! Human output is safe: what a receiver answers (ErrorInfo, keys, the raw body) and what a
//! client sends to serve (query values) reach the terminal with every control character
//! escaped visibly (`\u001b`, `\n`), so nobody can colour, clear or forge a line of grpcb's
//! output. JUnit stays valid XML whatever the answer.

use crate::support::serve::Serve;
use crate::support::{Receiver, Reply, grpcb, run_cmd, tempdir};

/// A deny whose ErrorInfo tries to clear the screen, ring the bell, go back to the start of
/// the line and print a line of its own; and a key that does the same.
const HOSTILE_JSON: &str = "{\"ActionStatus\":\"FAIL\",\"ErrorCode\":1,\
    \"ErrorInfo\":\"\\u001b[31mred\\u001b[2J\\u0007\\r\\nPASS forged-line\\n\",\
    \"\\u001b]0;title\\u0007\\nPASS forged-key\":1,\"C1\":\"\\u009b31m\"}";
/// Not JSON at all: the raw body is quoted.
const HOSTILE_RAW: &[u8] = b"oops \x1b[2J\x07\x7f\r\nPASS forged-raw\n";

/// Every control character in `text` is a newline grpcb wrote; no line is a forged one.
#[track_caller]
fn assert_safe(what: &str, text: &str) {
    for (index, c) in text.char_indices() {
        assert!(
            c == '\n' || !c.is_control(),
            "{what}: raw {c:?} at byte {index}:\n{text}"
        );
    }
    assert!(
        !text
            .lines()
            .any(|line| line.trim_start().starts_with("PASS forged")),
        "{what}: a forged line:\n{text}"
    );
}

fn hostile_receivers() -> Vec<(&'static str, Receiver)> {
    vec![
        ("json", Receiver::start(Reply::json(HOSTILE_JSON))),
        (
            "raw",
            Receiver::start(
                Reply::bytes(HOSTILE_RAW.to_vec()).header("content-type", "text/plain"),
            ),
        ),
    ]
}

#[test]
fn a_receiver_cannot_forge_or_colour_the_human_output_of_any_command() {
    let dir = tempdir();
    for (kind, receiver) in hostile_receivers() {
        let url = receiver.url.as_str();
        let suite = dir.join(format!("{kind}.toml"));
        std::fs::write(
            &suite,
            "[[case]]\nname = \"hostile\"\ncallback = \"before-create\"\n\
             expect = { decision = \"allow\" }\n",
        )
        .unwrap();
        let suite = suite.to_str().unwrap().to_string();
        let runs: Vec<Vec<&str>> = vec![
            vec!["send", "before-create", "--url", url, "--expect", "allow"],
            vec![
                "send",
                "before-create",
                "--url",
                url,
                "--expect",
                "allow",
                "-v",
            ],
            vec![
                "send",
                "before-create",
                "--url",
                url,
                "--expect",
                "allow",
                "--format",
                "json",
                "-v",
            ],
            vec!["run", &suite, "--url", url],
            vec!["run", &suite, "--url", url, "-v"],
            vec![
                "bench",
                "before-create",
                "--url",
                url,
                "-n",
                "3",
                "--expect",
                "allow",
                "--max-error-rate",
                "0",
            ],
            vec![
                "bench",
                "before-create",
                "--url",
                url,
                "-n",
                "3",
                "--expect",
                "allow",
                "--max-error-rate",
                "0",
                "-v",
            ],
            vec!["audit", "--url", url, "--only", "baseline,unknown-fields"],
            vec![
                "audit",
                "--url",
                url,
                "--only",
                "baseline,unknown-fields",
                "-v",
            ],
        ];
        for args in runs {
            let run = run_cmd(grpcb().args(&args));
            assert_ne!(run.code, 0, "{kind} {args:?}: the hostile answer passed");
            // JSON escapes what JSON must; the human rendering is what is checked here.
            if !args.contains(&"json") {
                assert_safe(&format!("{kind} {args:?} stdout"), &run.stdout);
            }
            assert_safe(&format!("{kind} {args:?} stderr"), &run.stderr);
        }
    }
}

#[test]
fn escapes_are_visible_and_colour_comes_only_from_grpcb() {
    let receiver = Receiver::start(Reply::json(HOSTILE_JSON));
    let run = run_cmd(grpcb().args(["send", "before-create", "--url", &receiver.url, "-v"]));
    assert_safe("send -v", &run.stdout);
    for shown in [
        "\\u001b[31mred\\u001b[2J\\u0007\\r\\nPASS forged-line\\n",
        "\\u009b31m",
    ] {
        assert!(run.stdout.contains(shown), "{shown}:\n{}", run.stdout);
    }
    // With --color always grpcb's own colour codes are there; the receiver's are still text.
    let run = run_cmd(grpcb().args([
        "send",
        "before-create",
        "--url",
        &receiver.url,
        "--color",
        "always",
    ]));
    assert!(run.stdout.contains("\u{1b}["), "no colour:\n{}", run.stdout);
    let without_colour = strip_sgr(&run.stdout);
    assert_safe("send --color always, colour codes removed", &without_colour);
    assert!(
        without_colour.contains("\\u001b[31mred"),
        "{without_colour}"
    );
    // JSON keeps the answer as it came, escaped the JSON way.
    let run = run_cmd(grpcb().args([
        "send",
        "before-create",
        "--url",
        &receiver.url,
        "--format",
        "json",
    ]));
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        report["response"]["body"]["ErrorInfo"],
        "\u{1b}[31mred\u{1b}[2J\u{7}\r\nPASS forged-line\n"
    );
}

/// `ESC [ digits ; ... m` sequences (grpcb's colours) removed.
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let len = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[len..].starts_with('m') {
            rest = &after[len + 1..];
        } else {
            out.push_str(&rest[at..at + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn junit_is_valid_xml_whatever_the_answer() {
    let noncharacters = "{\"ActionStatus\":\"FAIL\",\"ErrorCode\":1,\
        \"ErrorInfo\":\"\\u0000\\u0001\\u001b[2J\\ufffe\\uffff\\u0085 <&>\\\"\",\"\\u000bkey\":1}";
    let dir = tempdir();
    let suite = dir.join("suite.toml");
    std::fs::write(
        &suite,
        "[[case]]\nname = \"hostile \\u001b[2J\"\ncallback = \"before-create\"\n\
         expect = { decision = \"allow\" }\n",
    )
    .unwrap();
    for reply in [
        Reply::json(noncharacters),
        Reply::json(HOSTILE_JSON),
        Reply::bytes(HOSTILE_RAW.to_vec()),
    ] {
        let receiver = Receiver::start(reply);
        let junit = dir.join("junit.xml");
        let run = run_cmd(grpcb().args([
            "run",
            suite.to_str().unwrap(),
            "--url",
            &receiver.url,
            "--junit",
            junit.to_str().unwrap(),
        ]));
        assert_eq!(run.code, 1, "{}", run.stderr);
        let xml = std::fs::read_to_string(&junit).unwrap();
        for c in xml.chars() {
            let allowed = matches!(c, '\t' | '\n' | '\r')
                || (c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'));
            assert!(allowed, "XML 1.0 forbids {c:?}:\n{xml}");
        }
        quick_junit::Report::deserialize_from_str(&xml)
            .unwrap_or_else(|err| panic!("not valid JUnit ({err}):\n{xml}"));
        assert!(xml.contains("\\u001b[2J"), "escaped, not dropped:\n{xml}");
        assert!(xml.contains("<failure"), "{xml}");
    }
}

#[test]
fn serve_escapes_what_a_client_sends_in_its_human_log() {
    let serve = Serve::start(&[]);
    let request = "POST /im?SdkAppid=%1b%5b2J%07&CallbackCommand=Group.Callback%1b%5b31mX%0d%0aPASS%20forged-query\
                   &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI HTTP/1.1\r\n\
                   Host: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
    let answer = serve.raw(request.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let lines = serve.wait_for_lines(2);
    let log = lines.join("\n");
    assert_safe("serve log", &log);
    assert!(log.contains("\\u001b[2J\\u0007"), "{log}");
    assert!(log.contains("\\r\\nPASS forged-query"), "{log}");
}
