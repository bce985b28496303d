//! Answers meant to break a client: huge, endless, deeply nested, not UTF-8, not HTTP.
//! grpcb must classify each one, exit with the right code, and never panic.

use crate::support::raw::{http_200, write};
use crate::support::{RawServer, Receiver, Reply, Run, send_json};
use std::io::Write;
use std::time::Duration;

#[track_caller]
fn classified(run: &Run, code: i32, finding: &str) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(run.code, code, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.finding_codes(), [finding], "{}", run.stdout);
}

#[test]
fn a_huge_answer_with_a_length_is_refused_unread() {
    let receiver = Receiver::start(Reply::bytes(vec![b'x'; 8 << 20]));
    let run = send_json("before-create", &receiver.url, &[]);
    classified(&run, 1, "body-too-large");
    assert_eq!(run.json()["decision"], "fallback");
}

#[test]
fn a_huge_chunked_answer_is_cut_at_the_cap() {
    let server = RawServer::start(|stream| {
        write(stream, b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n");
        let chunk = vec![b' '; 64 * 1024];
        // 64 MiB in total unless the client hangs up first.
        for _ in 0..1024 {
            let head = format!("{:x}\r\n", chunk.len());
            if stream.write_all(head.as_bytes()).is_err()
                || stream.write_all(&chunk).is_err()
                || stream.write_all(b"\r\n").is_err()
            {
                return;
            }
        }
        write(stream, b"0\r\n\r\n");
    });
    let run = send_json("before-create", &server.url, &["--timeout", "20s"]);
    classified(&run, 1, "body-too-large");
}

#[test]
fn deeply_nested_json_is_not_json_to_us() {
    let mut text = "[".repeat(100_000);
    text.push_str(&"]".repeat(100_000));
    let receiver = Receiver::start(Reply::json(&text));
    let run = send_json("before-create", &receiver.url, &[]);
    classified(&run, 1, "body-not-json");
    assert!(
        run.json()["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("recursion")
    );
}

#[test]
fn invalid_utf8_is_not_json() {
    let receiver = Receiver::start(Reply::bytes(
        b"{\"ActionStatus\":\"\xff\xfe\",\"ErrorCode\":0}".to_vec(),
    ));
    let run = send_json("before-create", &receiver.url, &[]);
    classified(&run, 1, "body-not-json");
    assert!(run.json()["response"]["raw"].is_string());
}

#[test]
fn non_json_numbers_are_not_json() {
    for text in [
        r#"{"ActionStatus":"OK","ErrorCode":NaN,"ErrorInfo":""}"#,
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""} trailing"#,
    ] {
        let receiver = Receiver::start(Reply::json(text));
        classified(
            &send_json("before-create", &receiver.url, &[]),
            1,
            "body-not-json",
        );
    }
}

#[test]
fn garbage_instead_of_http_is_a_transport_error() {
    let server =
        RawServer::start(|stream| write(stream, b"\x00\x01garbage that is not HTTP\r\n\r\n"));
    classified(
        &send_json("before-create", &server.url, &[]),
        3,
        "transport-protocol",
    );
}

#[test]
fn a_connection_closed_without_answer_is_a_transport_error() {
    let server = RawServer::start(|_stream| {});
    let run = send_json("before-create", &server.url, &[]);
    classified(&run, 3, "transport-closed");
    assert_eq!(run.json()["verdict"], "error");
}

#[test]
fn a_truncated_body_is_a_transport_error() {
    let server = RawServer::start(|stream| {
        write(
            stream,
            b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"Action",
        );
    });
    classified(
        &send_json("before-create", &server.url, &[]),
        3,
        "transport-closed",
    );
}

#[test]
fn a_slow_drip_cannot_outlast_the_timeout() {
    let server = RawServer::start(|stream| {
        write(
            stream,
            b"HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n{",
        );
        for _ in 0..600 {
            std::thread::sleep(Duration::from_millis(100));
            if stream.write_all(b" ").is_err() {
                return;
            }
        }
    });
    classified(
        &send_json("before-create", &server.url, &["--timeout", "700ms"]),
        3,
        "transport-timeout",
    );
}

#[test]
fn well_formed_raw_answers_still_pass() {
    let server = RawServer::start(|stream| {
        write(
            stream,
            &http_200(br#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#),
        );
    });
    let run = send_json("before-create", &server.url, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn duplicate_keys_are_findings() {
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorCode":1,"ErrorInfo":""}"#,
    ));
    let run = send_json("before-create", &receiver.url, &[]);
    classified(&run, 1, "duplicate-key");
    assert_eq!(run.json()["findings"][0]["path"], "/ErrorCode");
    assert_eq!(run.json()["findings"][0]["severity"], "error");

    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","x":{"y":1,"y":2}}"#,
    ));
    let run = send_json("before-create", &receiver.url, &[]);
    assert_eq!(run.code, 0);
    assert_eq!(run.finding_codes(), ["duplicate-key", "unknown-field"]);
    assert_eq!(run.json()["findings"][0]["severity"], "warning");
}

#[test]
fn huge_numbers_are_findings() {
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"OK","ErrorCode":123456789012345678901234567890,"ErrorInfo":""}"#,
    ));
    classified(
        &send_json("before-create", &receiver.url, &[]),
        1,
        "wrong-type",
    );
    let receiver = Receiver::start(Reply::json(
        r#"{"ActionStatus":"OK","ErrorCode":1e400,"ErrorInfo":""}"#,
    ));
    classified(
        &send_json("before-create", &receiver.url, &[]),
        1,
        "body-not-json",
    );
}
