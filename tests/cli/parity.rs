//! `send` (reqwest/hyper) and `bench` and `run` (the lean HTTP/1.1 client) judge every raw
//! answer alike: one corpus of answers, well-formed and not, each sent through all three; the
//! finding codes, the decision, the verdict and the exit code must agree, and must be the
//! ones the table says (so a leniency both clients shared would still fail). `run`'s report
//! of each answer is `send`'s, word for word (latency aside), and bench's example message of
//! each finding is `send`'s.

use crate::support::RawServer;
use crate::support::{Run, fixture_text, run, tempdir};
use serde_json::Value;
use std::collections::BTreeMap;

const ALLOW: &str = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#;

/// One raw answer and what both clients must make of it: the finding codes (with
/// severity) and the decision.
struct Case {
    name: &'static str,
    answer: Vec<u8>,
    findings: &'static [&'static str],
    decision: &'static str,
}

/// What one run made of an answer, in terms both reports share.
#[derive(Debug, PartialEq, Eq)]
struct Judged {
    code: i32,
    /// Finding code -> "error" or "warning".
    findings: BTreeMap<String, String>,
    decision: String,
    verdict: String,
}

fn head_then(head: &str, body: &[u8]) -> Vec<u8> {
    let mut out = head.as_bytes().to_vec();
    out.extend_from_slice(body);
    out
}

fn with_length(status_line: &str, extra: &str, body: &str) -> Vec<u8> {
    head_then(
        &format!(
            "{status_line}\r\ncontent-type: application/json\r\n{extra}content-length: {}\r\n\r\n",
            body.len()
        ),
        body.as_bytes(),
    )
}

fn chunked(head_extra: &str, chunks: &str) -> Vec<u8> {
    head_then(
        &format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n{head_extra}transfer-encoding: chunked\r\n\r\n"
        ),
        chunks.as_bytes(),
    )
}

/// ALLOW in two chunks, with the last chunk and the empty trailer section.
fn allow_chunks() -> String {
    let (first, rest) = ALLOW.split_at(10);
    format!(
        "{:x}\r\n{first}\r\n{:x}\r\n{rest}\r\n0\r\n\r\n",
        first.len(),
        rest.len()
    )
}

const TRANSPORT_PROTOCOL: &[&str] = &["transport-protocol:error"];
const TRANSPORT_CLOSED: &[&str] = &["transport-closed:error"];

fn corpus() -> Vec<Case> {
    let ok = "HTTP/1.1 200 OK";
    let big = 2 << 20;
    let case = |name, answer, findings, decision| Case {
        name,
        answer,
        findings,
        decision,
    };
    vec![
        // Well-formed answers.
        case("content-length", with_length(ok, "", ALLOW), &[], "allow"),
        case("chunked", chunked("", &allow_chunks()), &[], "allow"),
        case(
            "chunked with extensions and trailers",
            chunked(
                "",
                &format!("{:x};name=value\r\n{ALLOW}\r\n0\r\nx-trailer: 1\r\n\r\n", ALLOW.len()),
            ),
            &[],
            "allow",
        ),
        case(
            "until close",
            head_then(&format!("{ok}\r\ncontent-type: application/json\r\n\r\n"), ALLOW.as_bytes()),
            &[],
            "allow",
        ),
        case(
            "100 Continue first",
            head_then("HTTP/1.1 100 Continue\r\n\r\n", &with_length(ok, "", ALLOW)),
            &[],
            "allow",
        ),
        case("HTTP/1.0", with_length("HTTP/1.0 200 OK", "", ALLOW), &[], "allow"),
        case(
            "HTTP/1.0 keep-alive",
            with_length("HTTP/1.0 200 OK", "connection: keep-alive\r\n", ALLOW),
            &[],
            "allow",
        ),
        case("no reason phrase", with_length("HTTP/1.1 200", "", ALLOW), &[], "allow"),
        case(
            "bare LF line ends",
            format!("{ok}\ncontent-length: {}\n\n{ALLOW}", ALLOW.len()).into_bytes(),
            &[],
            "allow",
        ),
        case(
            "a repeated equal length",
            with_length(ok, &format!("content-length: {}\r\n", ALLOW.len()), ALLOW),
            &[],
            "allow",
        ),
        case(
            "a length list of equal values",
            head_then(&format!("{ok}\r\ncontent-length: {0}, {0}\r\n\r\n", ALLOW.len()), ALLOW.as_bytes()),
            &[],
            "allow",
        ),
        case(
            "a 100 KB header",
            with_length(ok, &format!("x-big: {}\r\n", "a".repeat(100_000)), ALLOW),
            &[],
            "allow",
        ),
        case(
            "204 No Content",
            b"HTTP/1.1 204 No Content\r\n\r\n".to_vec(),
            &["http-status:error"],
            "fallback",
        ),
        case(
            "500 with a body",
            with_length("HTTP/1.1 500 Internal Server Error", "", "oops"),
            &["http-status:error"],
            "fallback",
        ),
        // Lengths RFC 9112 does not allow (Content-Length = 1*DIGIT).
        case(
            "a signed length",
            head_then(&format!("{ok}\r\ncontent-length: +{}\r\n\r\n", ALLOW.len()), ALLOW.as_bytes()),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a negative length",
            head_then(&format!("{ok}\r\ncontent-length: -1\r\n\r\n"), ALLOW.as_bytes()),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a hex length",
            head_then(&format!("{ok}\r\ncontent-length: 0x33\r\n\r\n"), ALLOW.as_bytes()),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "an empty length",
            head_then(&format!("{ok}\r\ncontent-length: \r\n\r\n"), ALLOW.as_bytes()),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "conflicting lengths in a list",
            head_then(&format!("{ok}\r\ncontent-length: {}, 5\r\n\r\n", ALLOW.len()), ALLOW.as_bytes()),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "conflicting length lines",
            with_length(ok, "content-length: 5\r\n", ALLOW),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a length past u64",
            head_then(&format!("{ok}\r\ncontent-length: 99999999999999999999\r\n\r\n"), b""),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "the largest u64 length",
            head_then(&format!("{ok}\r\ncontent-length: 18446744073709551615\r\n\r\n"), b""),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        // Chunk framing.
        case(
            "an empty chunk-size line",
            chunked("", &format!("{:x}\r\n{ALLOW}\r\n\r\n\r\n", ALLOW.len())),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a chunk size that is not hex",
            chunked("", "zz\r\nabc\r\n0\r\n\r\n"),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a chunk size past u64",
            chunked("", "fffffffffffffffffff\r\nabc\r\n0\r\n\r\n"),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "no CRLF after chunk data",
            chunked("", &format!("{:x}\r\n{ALLOW}XX0\r\n\r\n", ALLOW.len())),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "chunked, closed before the last chunk",
            chunked("", &format!("{:x}\r\n{ALLOW}\r\n", ALLOW.len())),
            TRANSPORT_CLOSED,
            "fallback",
        ),
        case(
            "chunked, closed inside a chunk",
            chunked("", &format!("{:x}\r\n{}", ALLOW.len(), &ALLOW[..9])),
            TRANSPORT_CLOSED,
            "fallback",
        ),
        case(
            "chunked on HTTP/1.0",
            head_then("HTTP/1.0 200 OK\r\ntransfer-encoding: chunked\r\n\r\n", allow_chunks().as_bytes()),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "blanks after a chunk size",
            chunked("", &format!("{:x} \t\r\n{ALLOW}\r\n0\r\n\r\n", ALLOW.len())),
            &[],
            "allow",
        ),
        case(
            "a chunk size of leading zeros",
            chunked("", &format!("0000{:x}\r\n{ALLOW}\r\n0\r\n\r\n", ALLOW.len())),
            &[],
            "allow",
        ),
        case(
            "a digit after blanks in a chunk size",
            chunked("", "3 4\r\nabc\r\n0\r\n\r\n"),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a bare LF after a chunk size",
            chunked("", &format!("{:x}\n{ALLOW}\r\n0\r\n\r\n", ALLOW.len())),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a chunk extension with a bare LF",
            chunked("", &format!("{:x};a\nb\r\n{ALLOW}\r\n0\r\n\r\n", ALLOW.len())),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "chunk extensions past 16 KB",
            chunked("", &format!("{:x};{}\r\n{ALLOW}\r\n0\r\n\r\n", ALLOW.len(), "a".repeat(20_000))),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a trailer line that is not a field",
            chunked("", &format!("{:x}\r\n{ALLOW}\r\n0\r\nnot a field\r\n\r\n", ALLOW.len())),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "more than 100 trailer fields",
            chunked("", &format!("{:x}\r\n{ALLOW}\r\n0\r\n{}\r\n", ALLOW.len(), "x-t: 1\r\n".repeat(101))),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "trailers past 16 KB",
            chunked("", &format!("{:x}\r\n{ALLOW}\r\n0\r\nx-t: {}\r\n\r\n", ALLOW.len(), "a".repeat(20_000))),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "chunked, closed in the trailers",
            chunked("", &format!("{:x}\r\n{ALLOW}\r\n0\r\nx-t: 1\r\n", ALLOW.len())),
            TRANSPORT_CLOSED,
            "fallback",
        ),
        case(
            "a coding that is not chunked on HTTP/1.0",
            head_then("HTTP/1.0 200 OK\r\ntransfer-encoding: gzip\r\n\r\n", ALLOW.as_bytes()),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "Transfer-Encoding with an invalid Content-Length",
            chunked("content-length: abc\r\n", &allow_chunks()),
            &[],
            "allow",
        ),
        case(
            "a chunked coding that is not visible ASCII",
            head_then(&format!("{ok}\r\ntransfer-encoding: \u{e9}, chunked\r\n\r\n"), ALLOW.as_bytes()),
            &[],
            "allow",
        ),
        case(
            "204 with an invalid Content-Length",
            b"HTTP/1.1 204 No Content\r\ncontent-length: abc\r\n\r\n".to_vec(),
            &["http-status:error"],
            "fallback",
        ),
        case(
            "101 Switching Protocols",
            b"HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n\r\n".to_vec(),
            &["http-status:error"],
            "fallback",
        ),
        case(
            "100 Continue, then closed",
            b"HTTP/1.1 100 Continue\r\n\r\n".to_vec(),
            TRANSPORT_CLOSED,
            "fallback",
        ),
        case(
            "Connection: keep-alive and close",
            with_length(ok, "connection: keep-alive\r\nconnection: close\r\n", ALLOW),
            &[],
            "allow",
        ),
        case(
            "Transfer-Encoding and Content-Length",
            chunked("content-length: 5\r\n", &allow_chunks()),
            &[],
            "allow",
        ),
        case(
            "a transfer coding that is not chunked",
            head_then(&format!("{ok}\r\ntransfer-encoding: gzip\r\n\r\n"), ALLOW.as_bytes()),
            &[],
            "allow",
        ),
        case(
            "chunked, then another coding",
            head_then(&format!("{ok}\r\ntransfer-encoding: chunked, gzip\r\n\r\n"), ALLOW.as_bytes()),
            &[],
            "allow",
        ),
        // Cut short.
        case(
            "a truncated body",
            head_then(&format!("{ok}\r\ncontent-length: 100\r\n\r\n"), &ALLOW.as_bytes()[..9]),
            TRANSPORT_CLOSED,
            "fallback",
        ),
        case(
            "a truncated head",
            format!("{ok}\r\ncontent-le").into_bytes(),
            TRANSPORT_CLOSED,
            "fallback",
        ),
        case("an early close", Vec::new(), TRANSPORT_CLOSED, "fallback"),
        // Not HTTP.
        case("garbage", b"\x00\x01garbage that is not HTTP\r\n\r\n".to_vec(), TRANSPORT_PROTOCOL, "fallback"),
        case(
            "a status that is not a number",
            with_length("HTTP/1.1 abc OK", "", ALLOW),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a two-digit status",
            with_length("HTTP/1.1 099 Odd", "", ALLOW),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a four-digit status",
            with_length("HTTP/1.1 2000 OK", "", ALLOW),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case("HTTP/2 status line", with_length("HTTP/2 200 OK", "", ALLOW), TRANSPORT_PROTOCOL, "fallback"),
        case("an ICY status line", with_length("ICY 200 OK", "", ALLOW), TRANSPORT_PROTOCOL, "fallback"),
        case(
            "a header line without a colon",
            with_length(ok, "not a header\r\n", ALLOW),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a folded header line",
            with_length(ok, "x-folded: a\r\n b\r\n", ALLOW),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "more than 100 headers",
            with_length(ok, &"x-many: 1\r\n".repeat(101), ALLOW),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        case(
            "a 300 KB head",
            with_length(ok, &format!("x-big: {}\r\n", "a".repeat(300_000)), ALLOW),
            &[],
            "allow",
        ),
        case(
            "a head past 2 MB",
            with_length(ok, &format!("x-huge: {}\r\n", "a".repeat(2_000_000)), ALLOW),
            TRANSPORT_PROTOCOL,
            "fallback",
        ),
        // Over the 1 MiB cap.
        case(
            "an oversize length, unread",
            head_then(&format!("{ok}\r\ncontent-length: {big}\r\n\r\n"), b""),
            &["body-too-large:error"],
            "fallback",
        ),
        case(
            "an oversize body by length",
            head_then(&format!("{ok}\r\ncontent-length: {big}\r\n\r\n"), &vec![b' '; big]),
            &["body-too-large:error"],
            "fallback",
        ),
        case(
            "an oversize chunked body",
            chunked("", &format!("{big:x}\r\n{}\r\n0\r\n\r\n", " ".repeat(big))),
            &["body-too-large:error"],
            "fallback",
        ),
        case(
            "an oversize body until close",
            head_then(&format!("{ok}\r\n\r\n"), &vec![b' '; big]),
            &["body-too-large:error"],
            "fallback",
        ),
    ]
}

/// The findings, decision, verdict and exit code of a `send` JSON report.
fn judged_send(run: &Run) -> Judged {
    let report = run.json();
    let findings = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| (text(&finding["code"]), text(&finding["severity"])))
        .collect();
    Judged {
        code: run.code,
        findings,
        decision: text(&report["decision"]),
        verdict: text(&report["verdict"]),
    }
}

/// The same of a `bench -n 1` JSON report.
fn judged_bench(run: &Run) -> Judged {
    let report = run.json();
    let findings = report["findings"]
        .as_object()
        .expect("findings")
        .iter()
        .map(|(code, count)| {
            let severity = if count["errors"].as_u64() > Some(0) {
                "error"
            } else {
                "warning"
            };
            (code.clone(), severity.to_string())
        })
        .collect();
    let decisions: Vec<&String> = report["decisions"]
        .as_object()
        .expect("decisions")
        .keys()
        .collect();
    assert_eq!(decisions.len(), 1, "{report:#}");
    let requests = &report["requests"];
    let verdict = ["passed", "failed", "errored"]
        .into_iter()
        .find(|key| requests[*key] == 1)
        .map(|key| match key {
            "passed" => "pass",
            "failed" => "fail",
            _ => "error",
        })
        .unwrap_or_else(|| panic!("one request in {report:#}"));
    Judged {
        code: run.code,
        findings,
        decision: decisions[0].clone(),
        verdict: verdict.to_string(),
    }
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

/// What the table says a case must give.
fn expected(case: &Case) -> (BTreeMap<String, String>, &'static str) {
    let findings = case
        .findings
        .iter()
        .map(|entry| {
            let (code, severity) = entry.split_once(':').expect("code:severity");
            (code.to_string(), severity.to_string())
        })
        .collect();
    (findings, case.decision)
}

/// A report without what differs from one exchange to the next: the answer's latency.
fn timeless(mut report: Value) -> Value {
    if let Some(response) = report.get_mut("response").and_then(Value::as_object_mut) {
        response.remove("latency_ms");
    }
    report
}

/// `run`'s report of its one case, as `send` would print it: without the case's own keys.
fn run_report(run: &Run) -> Value {
    let mut case = run.json()["cases"][0].clone();
    if let Some(case) = case.as_object_mut() {
        for key in ["name", "file", "outcome"] {
            case.remove(key);
        }
    }
    timeless(case)
}

/// Where bench's example message of a finding is not send's message of it.
fn example_differences(send: &Run, bench: &Run) -> Vec<String> {
    let messages: BTreeMap<String, String> = send.json()["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| (text(&finding["code"]), text(&finding["message"])))
        .collect();
    let report = bench.json();
    let examples = report["findings"].as_object().expect("findings");
    examples
        .iter()
        .filter(|(code, count)| messages.get(*code) != Some(&text(&count["example"])))
        .map(|(code, count)| {
            format!(
                "{code}: bench {}, send {:?}",
                count["example"],
                messages.get(code)
            )
        })
        .collect()
}

/// `run`'s report of one before-create case sent to `url`.
fn run_one_case(url: &str) -> Value {
    run_one(url, "before-create")
}

/// `run`'s report of one case of `callback` sent to `url`.
fn run_one(url: &str, callback: &str) -> Value {
    let suite = tempdir().join("one-case.toml");
    std::fs::write(
        &suite,
        format!("url = \"{url}\"\n\n[[case]]\nname = \"c\"\ncallback = \"{callback}\"\n"),
    )
    .expect("write the suite");
    let path = suite.to_str().expect("a UTF-8 path");
    run_report(&run(&["run", path, "--format", "json", "--timeout", "10s"]))
}

#[test]
fn send_and_bench_judge_every_raw_answer_alike() {
    let common = ["--format", "json", "--timeout", "10s"];
    let mut differences = Vec::new();
    for case in corpus() {
        let server = RawServer::answering(case.answer.clone());
        let mut send = vec!["send", "before-create", "--url", &server.url];
        send.extend(common);
        let send_run = run(&send);
        let send = judged_send(&send_run);
        // --max-error-rate 0 makes bench exit as send does: 1 on a failed answer.
        let mut bench = vec!["bench", "before-create", "--url", &server.url, "-n", "1"];
        bench.extend(common);
        bench.extend(["--max-error-rate", "0"]);
        let bench_run = run(&bench);
        let bench = judged_bench(&bench_run);
        let (findings, decision) = expected(&case);
        if send != bench || send.findings != findings || send.decision != decision {
            differences.push(format!(
                "{}:\n  table {findings:?} {decision}\n  send  {send:?}\n  bench {bench:?}",
                case.name
            ));
        }
        for difference in example_differences(&send_run, &bench_run) {
            differences.push(format!("{}: bench's example: {difference}", case.name));
        }
        let (from_run, from_send) = (run_one_case(&server.url), timeless(send_run.json()));
        if from_run != from_send {
            differences.push(format!(
                "{}: run's report is not send's:\n  run  {from_run}\n  send {from_send}",
                case.name
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// No answer at all: a refused connection and a name that does not resolve are reported by
/// `run` and `bench` in `send`'s words.
#[test]
fn failures_to_connect_are_reported_alike() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let closed = format!("http://{}/im", listener.local_addr().expect("address"));
    drop(listener);
    for url in [closed.as_str(), "http://grpcb-no-such-host.invalid/im"] {
        let send = run(&["send", "before-create", "--url", url, "--format", "json"]);
        let code = text(&send.json()["findings"][0]["code"]);
        assert!(
            code == "transport-refused" || code == "transport-dns",
            "{url}: {code}"
        );
        assert_eq!(run_one_case(url), timeless(send.json()), "{url}");
        let bench = run(&[
            "bench",
            "before-create",
            "--url",
            url,
            "-n",
            "1",
            "--format",
            "json",
        ]);
        assert_eq!(
            example_differences(&send, &bench),
            Vec::<String>::new(),
            "{url}"
        );
    }
}

/// Every family's judge, not only the group one, gives the same report through run's lean
/// connection as through send's reqwest, and bench decides alike: a rewrite, per-target and
/// per-subscriber refusals, a deny and a silent drop, and a group-shaped allow where the
/// family needs more.
#[test]
fn every_family_is_judged_alike_over_either_client() {
    let answers = [
        (
            "c2c-before-send",
            fixture_text("answers/c2c-before-send-rewrite.json"),
            "allow-modified",
        ),
        (
            "c2c-before-send",
            r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}"#.to_string(),
            "deny",
        ),
        (
            "c2c-before-send",
            r#"{"ActionStatus":"OK","ErrorCode":2,"ErrorInfo":""}"#.to_string(),
            "drop",
        ),
        (
            "sns-prev-friend-add",
            fixture_text("answers/sns-prev-friend-add-refuse-one.json"),
            "allow-partial",
        ),
        // Without ResultItem IM cannot tell which targets pass: a failure, never an allow.
        ("sns-prev-friend-add", ALLOW.to_string(), "fallback"),
        (
            "oa-before-add-subscriber",
            fixture_text("answers/oa-before-add-subscriber-refuse-some.json"),
            "allow-partial",
        ),
    ];
    let common = ["--format", "json", "--timeout", "10s"];
    let mut differences = Vec::new();
    for (callback, answer, decision) in answers {
        let server = RawServer::answering(with_length("HTTP/1.1 200 OK", "", &answer));
        let mut send = vec!["send", callback, "--url", &server.url];
        send.extend(common);
        let send_run = run(&send);
        let mut bench = vec!["bench", callback, "--url", &server.url, "-n", "1"];
        bench.extend(common);
        bench.extend(["--max-error-rate", "0"]);
        let (send, bench) = (judged_send(&send_run), judged_bench(&run(&bench)));
        if send != bench || send.decision != decision {
            differences.push(format!(
                "{callback} {answer}:\n  table {decision}\n  send  {send:?}\n  bench {bench:?}"
            ));
        }
        let (from_run, from_send) = (run_one(&server.url, callback), timeless(send_run.json()));
        if from_run != from_send {
            differences.push(format!(
                "{callback} {answer}: run's report is not send's:\n  run  {from_run}\n  send {from_send}"
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
