//! `grpcb serve` under clients that would hold a careless server: silent, slow, many, a stdout
//! nobody reads, a second server on the same record folder. Every loop here ends by itself.

use crate::support::{Serve, run, send_json, tempdir};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const QUERY: &str = "SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeCreateGroup&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";

/// How long a test waits for the server to cut a client off; the read timeout is 1 s.
const CUT_OFF_WITHIN: Duration = Duration::from_secs(20);

fn connect(serve: &Serve) -> TcpStream {
    let stream = TcpStream::connect(&serve.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("read timeout");
    stream
}

/// Drips `bytes` one every 100 ms (cycling) until the server closes the connection; returns
/// what it answered, or panics if it never does.
fn drip_until_closed(mut stream: TcpStream, bytes: &[u8]) -> String {
    let started = Instant::now();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    for &byte in bytes.iter().cycle() {
        if started.elapsed() > CUT_OFF_WITHIN {
            panic!("the server held a dripping client for {CUT_OFF_WITHIN:?}");
        }
        if stream.write_all(&[byte]).is_err() {
            break;
        }
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => answer.extend_from_slice(&buffer[..read]),
            Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(err) if err.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => break,
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    String::from_utf8_lossy(&answer).into_owned()
}

/// Sends nothing and waits until the server closes the connection; panics if it never does.
fn wait_until_closed(mut stream: TcpStream) {
    let started = Instant::now();
    let mut buffer = [0u8; 1024];
    loop {
        assert!(
            started.elapsed() < CUT_OFF_WITHIN,
            "the server held a silent client for {CUT_OFF_WITHIN:?}"
        );
        match stream.read(&mut buffer) {
            Ok(0) => return,
            Ok(_) => {}
            Err(err)
                if matches!(
                    err.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return,
        }
    }
}

fn callback_request(body: &str, connection: &str) -> Vec<u8> {
    format!(
        "POST /im?{QUERY} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: {connection}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn sample() -> String {
    run(&["example", "before-create"]).json().to_string()
}

/// Reads one HTTP answer (headers and a Content-Length body) from a kept-alive connection.
fn read_answer(stream: &mut TcpStream) -> String {
    let started = Instant::now();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    while started.elapsed() < CUT_OFF_WITHIN {
        let text = String::from_utf8_lossy(&answer).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|line| {
                    line.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().to_string())
                })
                .and_then(|value| value.parse::<usize>().ok())
                .unwrap_or(0);
            if body.len() >= length {
                return text;
            }
        }
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => answer.extend_from_slice(&buffer[..read]),
            Err(_) => {}
        }
    }
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn a_client_that_drips_its_request_head_is_cut_off() {
    let serve = Serve::start(&["--read-timeout", "1s"]);
    let head = format!("POST /im?{QUERY} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    let stream = connect(&serve);
    let mut stream_head = stream.try_clone().unwrap();
    stream_head.write_all(head.as_bytes()).unwrap();
    drip_until_closed(stream, b"abcdefgh");
    // A client that connects and sends nothing at all goes the same way.
    wait_until_closed(connect(&serve));
    let lines = serve.wait_for_lines(2);
    assert!(
        lines[1].contains("closed: no complete request head within the read timeout"),
        "{lines:?}"
    );
    // The server still answers.
    let run = send_json("before-create", &serve.url, &["--expect", "allow"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn a_client_that_drips_its_body_gets_408_and_is_cut_off() {
    let serve = Serve::start(&["--read-timeout", "1s"]);
    let body = sample();
    let mut request = callback_request(&body, "keep-alive");
    // Headers and the first half of the body at once, the rest byte by byte.
    let rest = request.split_off(request.len() - body.len() / 2);
    let mut stream = connect(&serve);
    stream.write_all(&request).unwrap();
    let answer = drip_until_closed(stream, &rest);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("connection: close"),
        "{answer}"
    );
    assert!(
        answer.contains("the body did not arrive within 1s"),
        "{answer}"
    );
    let lines = serve.wait_for_lines(2);
    assert!(
        lines[1].contains("-> 408 rejected | the body did not arrive"),
        "{lines:?}"
    );
}

#[test]
fn idle_connections_at_the_limit_do_not_keep_a_callback_out() {
    let serve = Serve::start(&["--max-connections", "4"]);
    let body = sample();
    // A kept-alive connection that served a callback, as IM's do.
    let mut kept_alive = connect(&serve);
    kept_alive
        .write_all(&callback_request(&body, "keep-alive"))
        .unwrap();
    assert!(read_answer(&mut kept_alive).starts_with("HTTP/1.1 200"));
    // Then a flood of connections that never send a byte, five times the limit.
    let idle: Vec<TcpStream> = (0..20).map(|_| connect(&serve)).collect();
    std::thread::sleep(Duration::from_millis(200));
    // A new connection gets in (an idle one is closed for it), and the kept-alive one
    // still answers.
    let run = send_json("before-create", &serve.url, &["--expect", "allow"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    kept_alive
        .write_all(&callback_request(&body, "keep-alive"))
        .unwrap();
    let answer = read_answer(&mut kept_alive);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(r#""ActionStatus":"OK""#), "{answer}");
    let started = Instant::now();
    let noted = loop {
        let lines = serve.lines();
        if let Some(line) = lines
            .iter()
            .find(|line| line.contains("connection limit (4) reached"))
        {
            break line.clone();
        }
        assert!(
            started.elapsed() < CUT_OFF_WITHIN,
            "no line about the limit: {lines:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(noted.contains("idle closed to make room"), "{noted}");
    drop(idle);
}

#[test]
fn a_flood_of_idle_connections_under_a_low_open_file_limit_does_not_keep_a_callback_out() {
    let serve = Serve::start_with_open_files(64, &[]);
    serve.wait_for_stderr("at most 32 connections (the open-file limit, ulimit -n, is 64)");
    let idle: Vec<TcpStream> = (0..100).map(|_| connect(&serve)).collect();
    std::thread::sleep(Duration::from_millis(200));
    for _ in 0..3 {
        let run = send_json("before-create", &serve.url, &["--expect", "allow"]);
        assert_eq!(run.code, 0, "{}", run.stdout);
    }
    drop(idle);
}

/// One slow-POST client until `until`: a whole head announcing a large body, then a byte
/// every 200 ms; reconnects whenever the server closes it.
fn slow_body_client(addr: String, until: Instant) {
    let head =
        format!("POST /im?{QUERY} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n{{");
    while Instant::now() < until {
        let Ok(mut stream) = TcpStream::connect(&addr) else {
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
        if stream.write_all(head.as_bytes()).is_err() {
            continue;
        }
        let mut buffer = [0u8; 512];
        while Instant::now() < until {
            if stream.write_all(b" ").is_err() {
                break;
            }
            match stream.read(&mut buffer) {
                Err(err)
                    if matches!(
                        err.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                _ => break,
            }
        }
    }
}

/// A sustained flood of slow-body clients (reconnecting as soon as they are closed), more
/// than the open-file limit allows, does not keep callbacks out: a connection still sending
/// its body is idle (closed for room), and one closed for room counts until its socket is.
#[test]
fn a_slow_body_flood_under_a_low_open_file_limit_does_not_keep_callbacks_out() {
    let serve = Serve::start_with_open_files(64, &[]);
    serve.wait_for_stderr("at most 32 connections (the open-file limit, ulimit -n, is 64)");
    let until = Instant::now() + Duration::from_secs(6);
    let flood: Vec<_> = (0..80)
        .map(|_| {
            let addr = serve.addr.clone();
            std::thread::spawn(move || slow_body_client(addr, until))
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    for _ in 0..3 {
        let run = send_json(
            "before-create",
            &serve.url,
            &["--expect", "allow", "--timeout", "3s"],
        );
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    }
    for client in flood {
        client.join().unwrap();
    }
    let log = serve.lines().join("\n");
    assert!(!log.contains("could not be accepted"), "{log}");
}

#[test]
fn sigterm_stops_it_promptly_even_when_nobody_reads_stdout() {
    let mut serve = Serve::start_unread(&["--format", "json"]);
    let body = sample();
    let mut stream = connect(&serve);
    // Far more log than a pipe holds (64 KiB) plus the log's own queue.
    for _ in 0..6000 {
        stream
            .write_all(&callback_request(&body, "keep-alive"))
            .unwrap();
        assert!(read_answer(&mut stream).starts_with("HTTP/1.1 200"));
    }
    assert_eq!(serve.terminate(), Some(143));
    let stderr = serve.stderr();
    assert!(
        stderr.contains("STOPPED by SIGTERM after 6000 requests"),
        "{stderr}"
    );
    assert!(
        stderr.contains("log lines dropped because stdout did not keep up"),
        "{stderr}"
    );
}

#[test]
fn sigint_exits_130_after_the_summary() {
    let mut serve = Serve::start(&[]);
    assert_eq!(serve.signal("-INT"), Some(130));
    assert!(
        serve
            .stderr()
            .contains("STOPPED by SIGINT after 0 requests"),
        "{}",
        serve.stderr()
    );
}

#[test]
fn a_second_serve_on_the_same_record_folder_is_refused() {
    let dir = tempdir().join("captured");
    let first = Serve::start(&["--record", dir.to_str().unwrap()]);
    let second = run(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--record",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(second.code, 4, "{}", second.stderr);
    assert!(
        second
            .stderr
            .contains(&format!("process {} is recording there", first.pid())),
        "{}",
        second.stderr
    );
    assert!(second.stderr.contains(".lock"), "{}", second.stderr);
    assert!(second.stdout.is_empty());
    // Once the first one is gone, the folder is free again.
    drop(first);
    let third = Serve::start(&["--record", dir.to_str().unwrap()]);
    assert_eq!(send_json("after-create", &third.url, &[]).code, 0);
}

#[test]
fn bad_limits_are_input_errors() {
    for (args, needle) in [
        (vec!["--read-timeout", "soon"], "--read-timeout `soon`"),
        (vec!["--max-connections", "0"], "--max-connections 0"),
    ] {
        let mut all = vec!["serve", "--addr", "127.0.0.1:0"];
        all.extend(args);
        let run = run(&all);
        assert_eq!(run.code, 4, "{}", run.stderr);
        assert!(run.stderr.contains(needle), "{}", run.stderr);
    }
}
