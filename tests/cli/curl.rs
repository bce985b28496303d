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
