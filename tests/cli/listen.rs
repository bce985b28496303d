//! `grpcb listen`: a chain on loopback, grpcb send (or raw bytes) → listen → an independent
//! receiver that records what it got, with listen's JSON log and record folder checked
//! against what was sent and what `send` makes of the receiver directly.

use crate::support::raw::http_200;
use crate::support::{
    RawServer, Receiver, Reply, Run, Serve, fixture, grpcb, run, run_cmd, send_json, tempdir,
};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

const TOKEN: &str = "listen-token";

/// The `exchange` objects of a JSON log so far.
fn exchanges(listen: &Serve) -> Vec<Value> {
    listen
        .lines()
        .iter()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line["event"] == "exchange")
        .collect()
}

/// Waits until the JSON log holds `count` exchanges and returns them.
fn wait_for_exchanges(listen: &Serve, count: usize) -> Vec<Value> {
    let started = Instant::now();
    loop {
        let found = exchanges(listen);
        if found.len() >= count {
            return found;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{} of {count} exchanges logged:\n{}\nstderr:\n{}",
            found.len(),
            listen.lines().join("\n"),
            listen.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The finding codes of a report or an exchange, under `key`.
fn codes(value: &Value, key: &str) -> Vec<String> {
    value[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {value}"))
        .iter()
        .map(|finding| finding["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// What `send` said: exit code, verdict, decision, finding codes.
fn verdict_of(run: &Run) -> (i32, String, String, Vec<String>) {
    let report = run.json();
    (
        run.code,
        report["verdict"].as_str().unwrap_or_default().to_string(),
        report["decision"].as_str().unwrap_or_default().to_string(),
        codes(&report, "findings"),
    )
}

/// Writes a raw request and reads everything answered until the server closes.
fn raw(addr: &str, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// A POST of `body` to `/im?QUERY` that closes the connection after the answer.
fn post(addr: &str, query: &str, headers: &str, body: &[u8]) -> String {
    let mut request = format!(
        "POST /im?{query} HTTP/1.1\r\nHost: tunnel.example\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    raw(addr, &request)
}

fn index_lines(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("index.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|line| serde_json::from_str(line).expect("an index line is JSON"))
        .collect()
}

fn body_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .flat_map(|entry| std::fs::read_dir(entry.path()).unwrap().flatten())
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".json"))
        .count()
}

/// A loopback URL nobody listens on.
fn closed_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}/im", listener.local_addr().unwrap())
}

#[test]
fn a_callback_reaches_the_receiver_as_grpcb_send_sent_it() {
    let (direct, relayed) = (Receiver::start(Reply::ok()), Receiver::start(Reply::ok()));
    let listen = Serve::listen(&format!("{}?team=a%20b", relayed.url), &[]);
    let args = [
        "--token",
        TOKEN,
        "--request-time",
        "1669872112",
        "--platform",
        "iOS",
        "-H",
        "X-Trace: 7",
        "--set",
        "Name=a b&c=d ü",
    ];
    assert_eq!(send_json("before-create", &direct.url, &args).code, 0);
    let through = send_json("before-create", &format!("{}im", listen.url), &args);
    assert_eq!(through.code, 0, "{}", through.stdout);
    let (direct, relayed) = (direct.single(), relayed.single());
    assert_eq!(relayed.body, direct.body, "the body bytes");
    assert_eq!(relayed.query, format!("team=a%20b&{}", direct.query));
    assert_eq!(relayed.path, "/im");
    assert_eq!(relayed.header("x-trace").as_deref(), Some("7"));
    assert_eq!(
        relayed.header("content-type").as_deref(),
        Some("application/json")
    );
    let host = relayed.header("host").unwrap();
    assert!(
        host.starts_with("127.0.0.1:"),
        "Host is the receiver's: {host}"
    );
}

/// Bytes no serialiser would write (spacing, escapes, a final newline), a query with IM's
/// undocumented RequestID and escapes, a chunked body and hop-by-hop headers: the receiver
/// gets the same bytes and query, and none of the hop's headers.
#[test]
fn odd_bytes_and_queries_pass_unchanged() {
    let receiver = Receiver::start(Reply::ok());
    let listen = Serve::listen(&receiver.url, &[]);
    let body = b"{ \"CallbackCommand\" : \"Group.CallbackAfterGroupFull\",\n \"GroupId\":\"@TGS#1\\u0041\",\"EventTime\":1670574414123 }\n";
    let query = "SdkAppid=1400000000&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=json&ClientIP=10.0.0.1&OptPlatform=RESTAPI&RequestID=x%3Dy%20z&Name=%E4%B8%AD";
    let answer = post(
        &listen.addr,
        query,
        "Keep-Alive: timeout=5\r\nX-Hop: 1\r\nX-Kept: yes\r\n",
        body,
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // The same body, chunked, with a Connection field naming another hop header.
    let mut chunked = format!(
        "POST /any/path?{query} HTTP/1.1\r\nHost: tunnel.example\r\nTransfer-Encoding: chunked\r\nConnection: close, X-Hop\r\nX-Hop: 1\r\n\r\n"
    )
    .into_bytes();
    for part in body.chunks(20) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    assert!(raw(&listen.addr, &chunked).starts_with("HTTP/1.1 200"));
    let received = receiver.received();
    assert_eq!(received.len(), 2);
    for got in &received {
        assert_eq!(got.body.as_ref(), body);
        assert_eq!(got.query, query);
        assert_eq!(got.path, "/im");
        for hop in ["keep-alive", "transfer-encoding", "connection"] {
            assert_eq!(got.header(hop), None, "{hop} was forwarded");
        }
        assert_eq!(
            got.header("content-length"),
            Some(body.len().to_string()),
            "{:?}",
            got.headers
        );
    }
    assert_eq!(received[0].header("x-kept").as_deref(), Some("yes"));
    // X-Hop is an ordinary field, unless a Connection field names it.
    assert_eq!(received[0].header("x-hop").as_deref(), Some("1"));
    assert_eq!(received[1].header("x-hop"), None);
}

/// Answers by the `X-Case` header of the request (which listen forwards).
fn answer_by_case(request: &crate::support::Received) -> Reply {
    let case = request.header("x-case").unwrap_or_default();
    match case.as_str() {
        "deny" => Reply::json(r#"{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"no"}"#),
        "custom" => Reply::json(r#"{"ActionStatus":"FAIL","ErrorCode":10101,"ErrorInfo":"vip"}"#),
        "partial" => Reply::json(
            r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["bob"]}"#,
        ),
        "rewrite" => Reply::json(
            r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"d*rn"}}]}"#,
        ),
        "html" => Reply::bytes(b"<html>oops</html>".to_vec()).header("content-type", "text/html"),
        "500" => Reply::json("{}").status(500),
        "extra" => Reply::json(r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Extra":1}"#),
        "after-code" => Reply::json(r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}"#),
        _ => Reply::ok(),
    }
}

/// Every kind of answer: listen's verdict in its log is `send`'s verdict against the
/// receiver directly, and `send` through listen gets the same answer (and verdict) back.
#[test]
fn decisions_in_the_log_are_send_s_verdict_against_the_receiver() {
    let receiver = Receiver::start_with(answer_by_case);
    let listen = Serve::listen(&receiver.url, &["--format", "json"]);
    let through = format!("{}im", listen.url);
    let cases: [(&str, &str, &[&str]); 10] = [
        ("allow", "before-create", &[]),
        ("deny", "before-create", &[]),
        ("custom", "before-create", &[]),
        (
            "partial",
            "before-invite",
            &["--member", "alice", "--member", "bob"],
        ),
        ("rewrite", "before-send", &["--text", "darn"]),
        ("html", "before-create", &[]),
        ("500", "before-create", &[]),
        ("extra", "before-create", &[]),
        ("after-code", "after-create", &[]),
        ("500", "after-create", &[]),
    ];
    let mut expected = Vec::new();
    for (case, callback, extra) in cases {
        let header = format!("X-Case: {case}");
        let mut args = vec!["-H", header.as_str()];
        args.extend_from_slice(extra);
        let direct = verdict_of(&send_json(callback, &receiver.url, &args));
        let relayed = verdict_of(&send_json(callback, &through, &args));
        assert_eq!(relayed, direct, "{case} {callback}: what IM got back");
        expected.push((case, callback, direct));
    }
    let logged = wait_for_exchanges(&listen, cases.len());
    let decisions: Vec<&str> = logged
        .iter()
        .map(|line| line["decision"].as_str().unwrap())
        .collect();
    assert_eq!(
        decisions,
        [
            "allow",
            "deny",
            "deny-custom",
            "allow-partial",
            "allow-modified",
            "fallback",
            "fallback",
            "allow",
            "ignored",
            "ignored"
        ]
    );
    for (line, (case, callback, (_, verdict, decision, findings))) in logged.iter().zip(&expected) {
        assert_eq!(line["alias"].as_str(), Some(*callback), "{case}");
        assert_eq!(line["decision"].as_str(), Some(decision.as_str()), "{case}");
        assert_eq!(line["verdict"].as_str(), Some(verdict.as_str()), "{case}");
        assert_eq!(&codes(line, "findings"), findings, "{case}");
        assert_eq!(
            line["returned"], "receiver",
            "{case}: passthrough by default"
        );
        assert_eq!(line["request_findings"], serde_json::json!([]), "{case}");
    }
    // IM cannot use html or a 500 on a before-callback: a failure, passed through.
    assert_eq!(logged[5]["failure"], "unusable");
    assert_eq!(logged[6]["status"], 500);
    assert_eq!(logged[0]["failure"], Value::Null);
    assert_eq!(logged[3]["answer"]["RefusedMembers_Account"][0], "bob");
}

#[test]
fn signatures_are_checked_reported_and_still_forwarded() {
    let receiver = Receiver::start(Reply::ok());
    let listen = Serve::listen(
        &receiver.url,
        &[
            "--format",
            "json",
            "--token",
            TOKEN,
            "--sdkappid",
            "1400000000",
        ],
    );
    let url = format!("{}im", listen.url);
    let sends: [&[&str]; 4] = [
        &["--token", TOKEN],
        &["--token", "not-the-token"],
        &[],
        &["--token", TOKEN, "--sdkappid", "1400000001"],
    ];
    for args in sends {
        assert_eq!(send_json("before-create", &url, args).code, 0, "{args:?}");
    }
    let logged = wait_for_exchanges(&listen, 4);
    let news: Vec<Vec<String>> = logged
        .iter()
        .map(|line| codes(line, "request_findings"))
        .collect();
    assert_eq!(
        news,
        [
            vec![],
            vec!["bad-sign".to_string()],
            vec!["missing-sign".into(), "missing-sign".into()],
            vec!["sdkappid-mismatch".into()],
        ]
    );
    assert_eq!(receiver.received().len(), 4, "all forwarded");
    for line in &logged {
        assert_eq!(line["decision"], "allow");
        assert_eq!(line["verdict"], "pass");
    }
}

#[test]
fn news_about_im_is_labelled_as_such_for_people() {
    let receiver = Receiver::start(Reply::ok());
    let listen = Serve::listen(&receiver.url, &["--token", TOKEN, "-v"]);
    let url = format!("{}im", listen.url);
    assert_eq!(
        send_json(
            "before-create",
            &url,
            &["--token", "wrong", "--unset", "Owner_Account"]
        )
        .code,
        0
    );
    let lines = listen.wait_for_lines(3).join("\n");
    assert!(
        lines.contains("news about IM's request: bad-sign, missing-field"),
        "{lines}"
    );
    assert!(
        lines.contains("IM error bad-sign: Sign does not match"),
        "{lines}"
    );
    assert!(lines.contains("> {\"CallbackCommand\""), "{lines}");
    assert!(lines.contains("< 200 {\"ActionStatus\":\"OK\""), "{lines}");
    assert!(
        !lines.contains(TOKEN) && !lines.contains("wrong-"),
        "{lines}"
    );
}

#[test]
fn an_unknown_command_is_forwarded_and_not_judged() {
    let receiver = Receiver::start(Reply::ok());
    let listen = Serve::listen(&receiver.url, &["--format", "json"]);
    let run = send_json(
        "before-create",
        &format!("{}im", listen.url),
        &[
            "--query",
            "CallbackCommand=Group.CallbackBeforeFutureEvent",
            "--set",
            "CallbackCommand=Group.CallbackBeforeFutureEvent",
        ],
    );
    assert_eq!(run.code, 0);
    let line = &wait_for_exchanges(&listen, 1)[0];
    assert_eq!(line["decision"], "unrecognized");
    assert_eq!(line["verdict"], Value::Null);
    assert_eq!(line["alias"], Value::Null);
    assert_eq!(codes(line, "request_findings"), ["unknown-command"]);
    let message = line["request_findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("forwarded"), "{message}");
    assert_eq!(receiver.received().len(), 1);
}

/// A receiver that is down, too slow, answers garbage or gigabytes: passthrough gives IM the
/// receiver's bytes (a 502 when there were none); allow gives it a valid allow.
#[test]
fn a_failing_receiver_gets_what_on_failure_says() {
    let garbage = RawServer::answering(http_200(b"hello"));
    let not_http = RawServer::answering(b"garbage\r\n\r\n".to_vec());
    let huge = RawServer::answering({
        let mut answer =
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n"
                .to_vec();
        answer.extend(std::iter::repeat_n(b' ', 3 << 20));
        answer
    });
    let declared_huge =
        RawServer::answering(b"HTTP/1.1 200 OK\r\ncontent-length: 10000000000\r\n\r\n{}".to_vec());
    // An interim status as the final answer: nothing hyper can pass back to IM.
    let switching = RawServer::answering(b"HTTP/1.1 101 Switching Protocols\r\n\r\n".to_vec());
    let slow = Receiver::start(Reply::ok().delay(Duration::from_millis(2500)));
    let down = closed_url();
    // (receiver, what failed, passthrough's status to IM, the receiver's finding)
    let receivers = [
        (down.clone(), "no-answer", 502, "transport-refused"),
        (slow.url.clone(), "no-answer", 502, "transport-timeout"),
        (garbage.url.clone(), "unusable", 200, "body-not-json"),
        (not_http.url.clone(), "no-answer", 502, "transport-protocol"),
        (huge.url.clone(), "too-large", 502, "body-too-large"),
        (
            declared_huge.url.clone(),
            "too-large",
            502,
            "body-too-large",
        ),
        (switching.url.clone(), "unusable", 502, "http-status"),
    ];
    std::thread::scope(|scope| {
        for (url, failure, status, finding) in &receivers {
            for on_failure in ["passthrough", "allow"] {
                scope.spawn(move || {
                    let listen =
                        Serve::listen(url, &["--format", "json", "--on-failure", on_failure]);
                    // IM gives up at 2 s; this sender waits for what listen answers then.
                    let url = format!("{}im", listen.url);
                    let sent = send_json("before-invite", &url, &["--timeout", "5s"]);
                    let line = &wait_for_exchanges(&listen, 1)[0];
                    let what = format!("{url} {on_failure}: {line}");
                    assert_eq!(line["failure"].as_str(), Some(*failure), "{what}");
                    assert_eq!(line["decision"], "fallback", "{what}");
                    assert_eq!(codes(line, "findings"), [*finding], "{what}");
                    let report = sent.json();
                    if on_failure == "allow" {
                        assert_eq!(line["returned"], "allow", "{what}");
                        assert_eq!(line["status"], 200, "{what}");
                        assert_eq!(report["response"]["body"]["ErrorCode"], 0, "{what}");
                        // After a receiver's timeout the allow comes at IM's deadline: late.
                        let late = *finding == "transport-timeout";
                        let decision = if late { "fallback" } else { "allow" };
                        assert_eq!(report["decision"], decision, "{what}");
                    } else {
                        assert_eq!(line["status"].as_u64(), Some(*status as u64), "{what}");
                        assert_eq!(report["response"]["status"], *status, "{what}");
                        assert_eq!(report["decision"], "fallback", "{what}");
                        let returned = if *status == 502 {
                            "bad-gateway"
                        } else {
                            "receiver"
                        };
                        assert_eq!(line["returned"], returned, "{what}");
                    }
                });
            }
        }
    });
    // The garbage went back as it came.
    let listen = Serve::listen(&garbage.url, &[]);
    let answer = post(&listen.addr, "SdkAppid=1", "", b"{}");
    assert!(answer.ends_with("\r\n\r\nhello"), "{answer}");
}

#[test]
fn an_oversize_body_gets_413_and_is_not_forwarded() {
    let receiver = Receiver::start(Reply::ok());
    let listen = Serve::listen(&receiver.url, &["--format", "json"]);
    let big = vec![b'x'; (1 << 20) + 10];
    let answer = post(&listen.addr, "SdkAppid=1", "", &big);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("over 1 MiB"), "{answer}");
    let line = &wait_for_exchanges(&listen, 1)[0];
    assert_eq!(line["returned"], "refused");
    assert_eq!(line["status"], 413);
    assert_eq!(codes(line, "request_findings"), ["body-too-large"]);
    assert!(receiver.received().is_empty());
}

#[test]
fn slow_clients_are_cut_off_and_malformed_http_changes_nothing() {
    let receiver = Receiver::start(Reply::ok());
    let listen = Serve::listen(&receiver.url, &["--read-timeout", "1s", "--format", "json"]);
    // A head that never ends: the connection is closed, nothing is answered.
    let started = Instant::now();
    let answer = raw(&listen.addr, b"POST /im HTTP/1.1\r\nHost: x\r\n");
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(!answer.contains("200"), "{answer}");
    // A body that never ends: 408.
    let answer = raw(
        &listen.addr,
        b"POST /im?SdkAppid=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"a\"",
    );
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    // Not HTTP, and not a POST.
    let answer = raw(&listen.addr, b"\x00\x01GARBAGE \xff\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    let answer = raw(
        &listen.addr,
        b"GET /im HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
    // Still relaying.
    let run = send_json("before-create", &format!("{}im", listen.url), &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        receiver.received().len(),
        1,
        "only the callback was forwarded"
    );
    let logged = wait_for_exchanges(&listen, 3);
    let refused: Vec<Vec<String>> = logged[..2]
        .iter()
        .map(|line| codes(line, "request_findings"))
        .collect();
    assert_eq!(
        refused,
        [
            vec!["body-timeout".to_string()],
            vec!["method-not-allowed".into()]
        ]
    );
    assert_eq!(logged[2]["decision"], "allow");
}

/// A bounded burst through `listen --record`: every exchange is recorded, the replay of
/// the recording passes, and the summary counts them all.
#[test]
fn under_a_burst_every_exchange_is_recorded_and_replays() {
    let receiver = Receiver::start(Reply::ok());
    let dir = tempdir().join("live");
    let mut listen = Serve::listen(
        &receiver.url,
        &["--record", dir.to_str().unwrap(), "-q", "--token", TOKEN],
    );
    let bench = run(&[
        "bench",
        "before-create",
        "--url",
        &format!("{}im", listen.url),
        "--token",
        TOKEN,
        "-n",
        "500",
        "-c",
        "16",
    ]);
    assert_eq!(bench.code, 0, "{}{}", bench.stdout, bench.stderr);
    assert_eq!(listen.terminate(), Some(143));
    let stderr = listen.stderr();
    assert!(
        stderr.contains("STOPPED by SIGTERM after 500 exchanges (allow 500)"),
        "{stderr}"
    );
    assert!(stderr.contains("; 500 recorded;"), "{stderr}");
    assert_eq!(receiver.received().len(), 500);
    assert_eq!(index_lines(&dir).len(), 500);
    assert_eq!(body_files(&dir), 500);
    assert_eq!(listen.lines().len(), 1, "-q: only the listening line");
    let replay = run(&[
        "replay",
        dir.to_str().unwrap(),
        "--url",
        &receiver.url,
        "--token",
        TOKEN,
        "-q",
    ]);
    assert_eq!(replay.code, 0, "{}{}", replay.stdout, replay.stderr);
}

/// Live traffic of every decision, through listen to grpcb serve's rules, replayed later
/// against the same receiver: each decision seen live is met again; the receiver's broken
/// answer (a rule's 500) has no decision to compare.
#[test]
fn a_live_recording_replays_with_the_decisions_seen_live() {
    let rules = fixture("serve-rules.toml");
    let serve = Serve::start(&["--token", TOKEN, "--rules", rules.to_str().unwrap()]);
    let receiver = format!("{}im", serve.url);
    let dir = tempdir().join("live");
    let mut listen = Serve::listen(
        &receiver,
        &["--token", TOKEN, "--record", dir.to_str().unwrap()],
    );
    let url = format!("{}im", listen.url);
    let sends: [(&str, &[&str]); 7] = [
        ("before-create", &[]),
        ("before-create", &["--name", "forbidden"]),
        ("before-create", &["--name", "vip-only"]),
        (
            "before-invite",
            &["--member", "alice", "--member", "blocked"],
        ),
        ("before-send", &["--text", "darn it"]),
        ("after-create", &[]),
        ("before-create", &["--name", "broken"]),
    ];
    for (callback, extra) in sends {
        let mut args = vec!["--token", TOKEN];
        args.extend_from_slice(extra);
        send_json(callback, &url, &args);
    }
    // A wrong Sign: serve refuses it (a deny to IM); a replay, signed anew, cannot say.
    send_json("before-create", &url, &["--token", "not-the-token"]);
    assert_eq!(listen.terminate(), Some(143));
    let decisions: Vec<String> = index_lines(&dir)
        .iter()
        .map(|line| line["decision"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        decisions,
        [
            "allow",
            "deny",
            "deny-custom",
            "allow-partial",
            "allow-modified",
            "ignored",
            "fallback",
            "deny"
        ]
    );
    let replay = run(&[
        "replay",
        dir.to_str().unwrap(),
        "--url",
        &receiver,
        "--token",
        TOKEN,
        "--format",
        "json",
    ]);
    assert_eq!(replay.code, 0, "{}{}", replay.stdout, replay.stderr);
    let replays = replay.json()["replays"].as_array().unwrap().clone();
    let statuses: Vec<&str> = replays
        .iter()
        .map(|replay| replay["status"].as_str().unwrap())
        .collect();
    let mut expected = vec!["pass"; 6];
    expected.extend(["inconclusive", "inconclusive"]);
    assert_eq!(statuses, expected);
    let note = replays[7]["note"].as_str().unwrap();
    assert!(
        note.contains("signature failed the check (Sign does not match)"),
        "{note}"
    );
    // Against a receiver that decides otherwise, the replay fails.
    let other = Receiver::start(Reply::ok());
    let replay = run(&["replay", dir.to_str().unwrap(), "--url", &other.url, "-q"]);
    assert_eq!(replay.code, 1);
}

/// SIGTERM while callbacks wait on a slow receiver: they finish, go back to their senders,
/// are logged and recorded, and listen exits 143 with its summary.
#[test]
fn sigterm_finishes_the_exchanges_in_flight_and_records_them() {
    let receiver = Receiver::start(Reply::ok().delay(Duration::from_millis(800)));
    let dir = tempdir().join("live");
    let mut listen = Serve::listen(
        &receiver.url,
        &["--record", dir.to_str().unwrap(), "--format", "json"],
    );
    let url = format!("{}im", listen.url);
    let senders: Vec<_> = (0..5)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || send_json("before-create", &url, &[]).code)
        })
        .collect();
    let started = Instant::now();
    while receiver.received().len() < 5 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "not all forwarded"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(listen.terminate(), Some(143));
    for sender in senders {
        assert_eq!(sender.join().unwrap(), 0, "every sender got its answer");
    }
    let stderr = listen.stderr();
    assert!(
        stderr.contains("STOPPED by SIGTERM after 5 exchanges (allow 5); 5 recorded"),
        "{stderr}"
    );
    assert_eq!(index_lines(&dir).len(), 5);
    assert_eq!(body_files(&dir), 5);
    assert_eq!(exchanges(&listen).len(), 5);
    let closing: Value = serde_json::from_str(listen.lines().last().unwrap()).unwrap();
    assert_eq!(closing["event"], "stopped");
    assert_eq!(closing["signal"], "SIGTERM");
    assert_eq!(closing["verdict"], "stopped");
    assert_eq!(closing["totals"]["exchanges"], 5);
    assert_eq!(closing["totals"]["recorded"], 5);
}

/// IM gives up after 2 s and closes the connection: the exchange it left runs on, is logged
/// and recorded (nothing is lost), and a stop waits for it.
#[test]
fn an_exchange_whose_client_hangs_up_still_finishes_and_is_recorded() {
    let receiver = Receiver::start(Reply::ok().delay(Duration::from_millis(700)));
    let dir = tempdir().join("live");
    let mut listen = Serve::listen(
        &receiver.url,
        &["--record", dir.to_str().unwrap(), "--format", "json"],
    );
    let body = crate::support::fixture_text("callbacks/before-create.json");
    let mut request = format!(
        "POST /im?SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeCreateGroup&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body.as_bytes());
    let mut client = TcpStream::connect(&listen.addr).unwrap();
    client.write_all(&request).unwrap();
    let started = Instant::now();
    while receiver.received().is_empty() {
        assert!(started.elapsed() < Duration::from_secs(30), "not forwarded");
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(client);
    let logged = wait_for_exchanges(&listen, 1);
    assert_eq!(logged[0]["decision"], "allow", "{}", logged[0]);
    assert_eq!(listen.terminate(), Some(143));
    assert_eq!(index_lines(&dir).len(), 1);
    assert_eq!(body_files(&dir), 1);
}

#[test]
fn the_token_is_never_printed_or_recorded() {
    let secret = "s3cr3t-listen-token-1234567890";
    let receiver = Receiver::start(Reply::ok());
    let dir = tempdir().join("live");
    let mut human = Serve::listen(
        &receiver.url,
        &["--token", secret, "-v", "--record", dir.to_str().unwrap()],
    );
    let mut json = Serve::listen(
        &receiver.url,
        &["--token", secret, "-v", "--format", "json"],
    );
    for listen in [&human, &json] {
        let url = format!("{}im", listen.url);
        send_json("before-create", &url, &["--token", secret]);
        send_json("before-create", &url, &["--token", "wrong"]);
    }
    human.terminate();
    json.terminate();
    let mut outputs = vec![
        human.lines().join("\n"),
        human.stderr(),
        json.lines().join("\n"),
        json.stderr(),
    ];
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        if entry.path().is_file() {
            outputs.push(std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
    }
    assert!(outputs[0].contains("bad-sign"), "{}", outputs[0]);
    let first = exchanges(&json).remove(0);
    let request = first["bodies"]["request"].as_str().unwrap();
    assert!(request.starts_with("{\"CallbackCommand\""), "{request}");
    assert_eq!(
        first["bodies"]["answer"],
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#
    );
    for output in outputs {
        assert!(!output.contains(secret), "{output}");
    }
}

#[test]
fn bad_options_are_refused_before_listening() {
    assert_eq!(run(&["listen"]).code, 2, "--forward-to is required");
    for (args, needle) in [
        (
            &["listen", "--forward-to", "ftp://127.0.0.1/"][..],
            "--forward-to",
        ),
        (&["listen", "--forward-to", "not a url"], "--forward-to"),
        (
            &[
                "listen",
                "--addr",
                "18080",
                "--forward-to",
                "http://localhost:18080/im",
            ],
            "listen's own --addr",
        ),
        (
            &[
                "listen",
                "--forward-to",
                "http://127.0.0.1:9/",
                "--addr",
                "nowhere",
            ],
            "--addr",
        ),
        (
            &[
                "listen",
                "--forward-to",
                "http://127.0.0.1:9/",
                "--token",
                "",
            ],
            "--token",
        ),
    ] {
        let run = run(args);
        assert_eq!(run.code, 4, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    }
    // A record folder another process records to.
    let dir = tempdir().join("live");
    let _serve = Serve::start(&["--record", dir.to_str().unwrap()]);
    let run = run_cmd(grpcb().args([
        "listen",
        "--forward-to",
        "http://127.0.0.1:9/",
        "--record",
        dir.to_str().unwrap(),
    ]));
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("is recording there"), "{}", run.stderr);
}

/// A receiver's answer for every family, by the `X-Case` header: a documented answer from
/// `fixtures/answers/`, a refusal, or OK/0.
fn answer_by_fixture(request: &crate::support::Received) -> Reply {
    match request.header("x-case").unwrap_or_default().as_str() {
        "deny" => Reply::json(r#"{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"no"}"#),
        "rsp-data" => {
            Reply::json(r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RspData":"pong"}"#)
        }
        "ok" | "" => Reply::ok(),
        file => Reply::json(&crate::support::fixture_text(&format!(
            "answers/{file}.json"
        ))),
    }
}

/// The callbacks of every family but Group, with an answer each (and the decision it must
/// lead to, where the answer decides): listen inspects, forwards and judges them as it does
/// a group callback, through the catalog alone.
const FAMILY_CASES: [(&str, &str, Option<&str>); 17] = [
    ("c2c-before-send", "ok", Some("allow")),
    ("c2c-before-send", "deny", Some("deny")),
    (
        "c2c-before-send",
        "c2c-before-send-rewrite",
        Some("allow-modified"),
    ),
    ("c2c-after-send", "ok", Some("ignored")),
    (
        "sns-prev-friend-add",
        "sns-prev-friend-add-refuse-one",
        Some("allow-partial"),
    ),
    // A top-level failure of an Sns before-callback: IM lets the request through.
    ("sns-prev-friend-add", "deny", Some("fallback")),
    ("sns-friend-add", "ok", Some("ignored")),
    ("state-change", "ok", Some("ignored")),
    ("profile-portrait-set", "ok", None),
    ("follow-after-add", "ok", Some("ignored")),
    (
        "oa-before-add-subscriber",
        "oa-before-add-subscriber-refuse-some",
        Some("allow-partial"),
    ),
    ("bot-c2c-message", "ok", None),
    ("chatbot-c2c-signal", "rsp-data", None),
    ("chatbot-c2c-signal", "ok", None),
    ("content-result-notify", "ok", None),
    ("alert-request-over-limit", "ok", None),
    ("push-offline", "ok", None),
];

#[test]
fn every_family_is_inspected_forwarded_and_judged_like_a_group_callback() {
    let receiver = Receiver::start_with(answer_by_fixture);
    let listen = Serve::listen(
        &receiver.url,
        &[
            "--format",
            "json",
            "--token",
            TOKEN,
            "--sdkappid",
            "1400000000",
        ],
    );
    let through = format!("{}im", listen.url);
    let mut expected = Vec::new();
    for (callback, case, _) in FAMILY_CASES {
        let header = format!("X-Case: {case}");
        let args = [
            "-H",
            header.as_str(),
            "--token",
            TOKEN,
            "--sdkappid",
            "1400000000",
        ];
        let direct = verdict_of(&send_json(callback, &receiver.url, &args));
        let relayed = verdict_of(&send_json(callback, &through, &args));
        assert_eq!(relayed, direct, "{callback} {case}: what IM got back");
        expected.push(direct);
    }
    let received = receiver.received();
    assert_eq!(received.len(), 2 * FAMILY_CASES.len());
    for (pair, (callback, case, _)) in received.chunks(2).zip(FAMILY_CASES) {
        assert_eq!(
            pair[1].body, pair[0].body,
            "{callback} {case}: the body bytes"
        );
        assert_eq!(
            pair[1]
                .query_pairs()
                .iter()
                .find(|(name, _)| name == "CallbackCommand"),
            pair[0]
                .query_pairs()
                .iter()
                .find(|(name, _)| name == "CallbackCommand"),
            "{callback} {case}"
        );
    }
    let logged = wait_for_exchanges(&listen, FAMILY_CASES.len());
    for (line, ((callback, case, decision), (_, verdict, sent_decision, findings))) in
        logged.iter().zip(FAMILY_CASES.iter().zip(&expected))
    {
        assert_eq!(line["alias"].as_str(), Some(*callback), "{case}");
        assert!(line["kind"].is_string(), "{callback}: {line}");
        assert_eq!(
            line["request_findings"],
            serde_json::json!([]),
            "{callback}: {line}"
        );
        assert_eq!(
            line["decision"].as_str(),
            Some(sent_decision.as_str()),
            "{callback} {case}"
        );
        assert_eq!(
            line["verdict"].as_str(),
            Some(verdict.as_str()),
            "{callback} {case}"
        );
        assert_eq!(&codes(line, "findings"), findings, "{callback} {case}");
        if let Some(decision) = decision {
            assert_eq!(sent_decision, decision, "{callback} {case}");
        }
        assert_eq!(line["returned"], "receiver", "{callback} {case}");
    }
    // A reply callback's answer without its data is not the same as one with it.
    let chatbot: Vec<&Value> = logged
        .iter()
        .filter(|line| line["alias"] == "chatbot-c2c-signal")
        .collect();
    assert_eq!(chatbot[0]["verdict"], "pass", "{}", chatbot[0]);
    assert_ne!(chatbot[1]["verdict"], "pass", "{}", chatbot[1]);
}

/// With the receiver down, `--on-failure allow` answers each family's callback with an
/// allow that callback's own verdict passes (the Sns per-user results, the chatbot's data).
#[test]
fn on_failure_allow_is_a_valid_allow_for_every_family() {
    let listen = Serve::listen(
        &closed_url(),
        &["--format", "json", "--on-failure", "allow"],
    );
    let through = format!("{}im", listen.url);
    let mut callbacks: Vec<&str> = FAMILY_CASES
        .iter()
        .map(|(callback, _, _)| *callback)
        .collect();
    callbacks.dedup();
    for callback in &callbacks {
        let sent = send_json(callback, &through, &[]);
        assert_eq!(sent.code, 0, "{callback}: {}", sent.stdout);
        assert_eq!(
            sent.json()["verdict"],
            "pass",
            "{callback}: {}",
            sent.stdout
        );
    }
    let logged = wait_for_exchanges(&listen, callbacks.len());
    for (line, callback) in logged.iter().zip(&callbacks) {
        assert_eq!(line["alias"].as_str(), Some(*callback));
        assert_eq!(line["failure"], "no-answer", "{callback}: {line}");
        assert_eq!(line["returned"], "allow", "{callback}: {line}");
    }
}

/// A receiver that answers by the command in the query (a replay sends IM's query again, not
/// the test's headers).
fn answer_by_command(request: &crate::support::Received) -> Reply {
    let command = request
        .query_pairs()
        .into_iter()
        .find(|(name, _)| name == "CallbackCommand")
        .map(|(_, value)| value)
        .unwrap_or_default();
    let case = match command.as_str() {
        "C2C.CallbackBeforeSendMsg" => "c2c-before-send-rewrite",
        "Sns.CallbackPrevFriendAdd" => "sns-prev-friend-add-refuse-one",
        "OfficialAccount.CallbackBeforeAddSubscriber" => "oa-before-add-subscriber-refuse-some",
        "Chatbot.OnC2CSignalMessage" => "rsp-data",
        _ => "ok",
    };
    let mut request = request.clone();
    request
        .headers
        .insert("x-case", case.parse().expect("a header value"));
    answer_by_fixture(&request)
}

/// A capture of other families' callbacks replays with the decisions seen live (per-user
/// refusals, a rewrite, the chatbot's data), and fails against a receiver that decides
/// otherwise.
#[test]
fn a_live_recording_of_every_family_replays() {
    let receiver = Receiver::start_with(answer_by_command);
    let dir = tempdir().join("families");
    let mut listen = Serve::listen(&receiver.url, &["--record", dir.to_str().unwrap()]);
    let url = format!("{}im", listen.url);
    let callbacks = [
        "c2c-before-send",
        "sns-prev-friend-add",
        "oa-before-add-subscriber",
        "chatbot-c2c-signal",
        "push-offline",
        "state-change",
    ];
    for callback in callbacks {
        assert_eq!(send_json(callback, &url, &[]).code, 0, "{callback}");
    }
    assert_eq!(listen.terminate(), Some(143));
    let decisions: Vec<String> = index_lines(&dir)
        .iter()
        .map(|line| line["decision"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        decisions[..3],
        ["allow-modified", "allow-partial", "allow-partial"]
    );
    assert_eq!(body_files(&dir), callbacks.len());
    let replay = run(&[
        "replay",
        dir.to_str().unwrap(),
        "--url",
        &receiver.url,
        "--format",
        "json",
    ]);
    assert_eq!(replay.code, 0, "{}{}", replay.stdout, replay.stderr);
    let replays = replay.json()["replays"].as_array().unwrap().clone();
    assert_eq!(replays.len(), callbacks.len());
    assert!(
        replays.iter().all(|replay| replay["status"] == "pass"),
        "{replays:?}"
    );
    let other = Receiver::start(Reply::ok());
    let replay = run(&["replay", dir.to_str().unwrap(), "--url", &other.url, "-q"]);
    assert_eq!(replay.code, 1, "{}{}", replay.stdout, replay.stderr);
}
