//! Each answer behaviour, its findings, decision, verdict and exit code, through the JSON
//! report. Paired passing and failing cases.

use crate::support::{Receiver, Reply, answer, body, check, send_json};
use std::time::Duration;

#[test]
fn before_create_decisions() {
    let run = answer("before-create", Reply::ok(), &[]);
    check(&run, 0, "pass", "allow", &[]);
    assert_eq!(run.json()["meaning"], "IM would create the group");

    let run = answer(
        "before-create",
        body(r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"banned"}"#),
        &[],
    );
    check(&run, 0, "pass", "deny", &[]);
    assert_eq!(
        run.json()["meaning"],
        "IM would reject the creation; the caller gets 10016"
    );

    let run = answer(
        "before-create",
        body(r#"{"ActionStatus":"OK","ErrorCode":10150,"ErrorInfo":"name taken"}"#),
        &[],
    );
    check(&run, 0, "pass", "deny-custom", &[]);
    assert!(
        run.json()["meaning"]
            .as_str()
            .unwrap()
            .contains("10150 \"name taken\"")
    );

    for edge in [10100, 10200] {
        let text = format!(r#"{{"ActionStatus":"OK","ErrorCode":{edge},"ErrorInfo":"x"}}"#);
        check(
            &answer("before-create", body(&text), &[]),
            0,
            "pass",
            "deny-custom",
            &[],
        );
    }
}

#[test]
fn error_codes_that_mean_nothing_fail() {
    for code in ["2", "3", "500", "10016", "10099", "10201", "-1"] {
        let text = format!(r#"{{"ActionStatus":"OK","ErrorCode":{code},"ErrorInfo":""}}"#);
        let run = answer("before-create", body(&text), &[]);
        check(&run, 1, "fail", "fallback", &["unknown-error-code"]);
        assert_eq!(run.json()["findings"][0]["path"], "/ErrorCode");
    }
    let run = answer(
        "before-invite",
        body(r#"{"ActionStatus":"OK","ErrorCode":2,"ErrorInfo":""}"#),
        &[],
    );
    check(&run, 1, "fail", "fallback", &["unknown-error-code"]);
}

#[test]
fn custom_denial_without_text_warns() {
    let run = answer(
        "before-create",
        body(r#"{"ActionStatus":"OK","ErrorCode":10101,"ErrorInfo":""}"#),
        &[],
    );
    check(&run, 0, "pass", "deny-custom", &["empty-error-info"]);
    let run = answer(
        "before-create",
        body(r#"{"ActionStatus":"OK","ErrorCode":10101,"ErrorInfo":""}"#),
        &["--strict"],
    );
    check(&run, 1, "fail", "deny-custom", &["empty-error-info"]);
}

#[test]
fn fail_status_on_a_before_callback() {
    let run = answer(
        "before-create",
        body(r#"{"ActionStatus":"FAIL","ErrorCode":0,"ErrorInfo":""}"#),
        &[],
    );
    check(&run, 0, "pass", "allow", &["fail-status"]);
    assert!(
        run.json()["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("would still create the group")
    );
    let run = answer(
        "before-create",
        body(r#"{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"no"}"#),
        &[],
    );
    check(&run, 0, "pass", "deny", &[]);
}

#[test]
fn schema_errors() {
    let cases = [
        (
            r#"{"ActionStatus":"ok","ErrorCode":0,"ErrorInfo":""}"#,
            "allow",
            "bad-action-status",
            "/ActionStatus",
        ),
        (
            r#"{"ActionStatus":"DONE","ErrorCode":0,"ErrorInfo":""}"#,
            "allow",
            "bad-action-status",
            "/ActionStatus",
        ),
        (
            r#"{"ErrorCode":0,"ErrorInfo":""}"#,
            "allow",
            "missing-field",
            "/ActionStatus",
        ),
        (
            r#"{"ActionStatus":1,"ErrorCode":0,"ErrorInfo":""}"#,
            "allow",
            "wrong-type",
            "/ActionStatus",
        ),
        (
            r#"{"ActionStatus":"OK","ErrorInfo":""}"#,
            "fallback",
            "missing-field",
            "/ErrorCode",
        ),
        (
            r#"{"ActionStatus":"OK","ErrorCode":"0","ErrorInfo":""}"#,
            "fallback",
            "wrong-type",
            "/ErrorCode",
        ),
        (
            r#"{"ActionStatus":"OK","ErrorCode":0.0,"ErrorInfo":""}"#,
            "fallback",
            "wrong-type",
            "/ErrorCode",
        ),
        (
            r#"{"ActionStatus":"OK","ErrorCode":null,"ErrorInfo":""}"#,
            "fallback",
            "wrong-type",
            "/ErrorCode",
        ),
        (
            r#"{"ActionStatus":"OK","ErrorCode":18446744073709551615,"ErrorInfo":""}"#,
            "fallback",
            "wrong-type",
            "/ErrorCode",
        ),
        (
            r#"{"ActionStatus":"OK","ErrorCode":0}"#,
            "allow",
            "missing-field",
            "/ErrorInfo",
        ),
        (
            r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":null}"#,
            "allow",
            "wrong-type",
            "/ErrorInfo",
        ),
    ];
    for (text, decision, code, path) in cases {
        let run = answer("before-create", body(text), &[]);
        check(&run, 1, "fail", decision, &[code]);
        assert_eq!(run.json()["findings"][0]["path"], path, "{text}");
        assert_eq!(run.json()["findings"][0]["severity"], "error");
    }
}

#[test]
fn extra_fields_warn() {
    let run = answer(
        "before-create",
        body(r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Extra":1}"#),
        &[],
    );
    check(&run, 0, "pass", "allow", &["unknown-field"]);
    assert_eq!(run.json()["findings"][0]["path"], "/Extra");
    assert_eq!(run.json()["findings"][0]["severity"], "warning");

    let text =
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["bob"]}"#;
    check(
        &answer("before-create", body(text), &[]),
        0,
        "pass",
        "allow",
        &["ignored-field"],
    );
    check(
        &answer("before-create", body(text), &["--strict"]),
        1,
        "fail",
        "allow",
        &["ignored-field"],
    );
    let text = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgBody":[]}"#;
    check(
        &answer("before-invite", body(text), &[]),
        0,
        "pass",
        "allow",
        &["ignored-field"],
    );
}

#[test]
fn invitation_refusals() {
    let ok = |refused: &str| {
        format!(
            r#"{{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":{refused}}}"#
        )
    };

    let run = answer("before-invite", body(&ok(r#"["jared"]"#)), &[]);
    check(&run, 0, "pass", "allow-partial", &[]);
    assert_eq!(
        run.json()["meaning"],
        "IM would add the invited members except jared"
    );

    check(
        &answer("before-invite", body(&ok("[]")), &[]),
        0,
        "pass",
        "allow",
        &[],
    );
    check(
        &answer("before-invite", body(&ok(r#"["jared","tommy"]"#)), &[]),
        0,
        "pass",
        "allow-partial",
        &["refused-everyone"],
    );
    let run = answer("before-invite", body(&ok(r#"["jared","mallory"]"#)), &[]);
    check(&run, 1, "fail", "allow-partial", &["refused-not-invited"]);
    assert_eq!(
        run.json()["findings"][0]["path"],
        "/RefusedMembers_Account/1"
    );
    assert_eq!(
        run.json()["meaning"],
        "IM would add the invited members except jared",
        "only invited users count as refused"
    );
    // Refusing nobody IM knows of lets everyone in.
    check(
        &answer("before-invite", body(&ok(r#"[7]"#)), &[]),
        1,
        "fail",
        "allow",
        &["refused-not-string"],
    );
    check(
        &answer("before-invite", body(&ok(r#"["ghost"]"#)), &[]),
        1,
        "fail",
        "allow",
        &["refused-not-invited"],
    );
    // null reads as absent (Go's nil slice).
    check(
        &answer("before-invite", body(&ok("null")), &[]),
        0,
        "pass",
        "allow",
        &[],
    );
    check(
        &answer("before-invite", body(&ok(r#""jared""#)), &[]),
        1,
        "fail",
        "allow",
        &["wrong-type"],
    );

    let text =
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"","RefusedMembers_Account":["jared"]}"#;
    check(
        &answer("before-invite", body(text), &[]),
        0,
        "pass",
        "deny",
        &["refused-with-code"],
    );
}

#[test]
fn refusals_are_checked_against_the_members_sent() {
    let text =
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["bob"]}"#;
    let run = answer(
        "before-invite",
        body(text),
        &["--member", "alice", "--member", "bob"],
    );
    check(&run, 0, "pass", "allow-partial", &[]);
    let run = answer("before-invite", body(text), &["--member", "alice"]);
    check(&run, 1, "fail", "allow", &["refused-not-invited"]);
}

#[test]
fn after_callbacks_are_ignored() {
    let run = answer("after-create", Reply::ok(), &[]);
    check(&run, 0, "pass", "ignored", &[]);
    assert_eq!(run.json()["kind"], "after");
    check(
        &answer(
            "after-create",
            body(r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}"#),
            &[],
        ),
        0,
        "pass",
        "ignored",
        &["after-error-code"],
    );
    check(
        &answer(
            "after-create",
            body(r#"{"ActionStatus":"FAIL","ErrorCode":0,"ErrorInfo":""}"#),
            &[],
        ),
        0,
        "pass",
        "ignored",
        &["after-fail-status"],
    );
    check(
        &answer(
            "after-create",
            body(r#"{"ActionStatus":"OK","ErrorInfo":""}"#),
            &[],
        ),
        1,
        "fail",
        "ignored",
        &["missing-field"],
    );
    check(
        &answer("after-create", Reply::ok().status(500), &[]),
        1,
        "fail",
        "ignored",
        &["http-status"],
    );
}

#[test]
fn http_and_body_problems_fall_back() {
    let run = answer("before-create", Reply::ok().status(500), &[]);
    check(&run, 1, "fail", "fallback", &["http-status"]);
    assert_eq!(run.json()["response"]["status"], 500);
    assert_eq!(
        run.json()["response"]["body"]["ActionStatus"],
        "OK",
        "the body is still shown"
    );

    let run = answer(
        "before-create",
        Reply::ok()
            .status(302)
            .header("location", "https://elsewhere/im"),
        &[],
    );
    check(&run, 1, "fail", "fallback", &["http-redirect"]);
    assert!(
        run.json()["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("https://elsewhere/im")
    );

    let html = Reply::bytes(b"<html><body>Welcome to nginx!</body></html>".to_vec())
        .header("content-type", "text/html");
    let run = answer("before-create", html, &[]);
    check(&run, 1, "fail", "fallback", &["body-not-json"]);
    assert_eq!(run.json()["response"]["body"], serde_json::Value::Null);
    assert!(
        run.json()["response"]["raw"]
            .as_str()
            .unwrap()
            .contains("Welcome to nginx")
    );

    check(
        &answer("before-create", Reply::bytes(vec![]), &[]),
        1,
        "fail",
        "fallback",
        &["body-empty"],
    );
    check(
        &answer("before-create", body("[1,2]"), &[]),
        1,
        "fail",
        "fallback",
        &["body-not-object"],
    );
    check(
        &answer("before-create", body("\"OK\""), &[]),
        1,
        "fail",
        "fallback",
        &["body-not-object"],
    );
}

#[test]
fn slow_answers() {
    // Arrives after IM's 2 s budget but within our longer timeout: IM would have given up.
    let reply = Reply::ok().delay(Duration::from_millis(2300));
    check(
        &answer("before-create", reply, &["--timeout", "5s"]),
        1,
        "fail",
        "fallback",
        &["over-budget"],
    );

    let reply = Reply::ok().delay(Duration::from_secs(3));
    let run = answer("before-create", reply, &["--timeout", "300ms"]);
    check(&run, 3, "error", "fallback", &["transport-timeout"]);
    assert_eq!(run.json()["response"], serde_json::Value::Null);
}

#[test]
fn transport_failures_exit_3() {
    // A port nobody listens on: bind one, then drop it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/im");
    check(
        &send_json("before-create", &url, &[]),
        3,
        "error",
        "fallback",
        &["transport-refused"],
    );
    check(
        &send_json("after-create", &url, &[]),
        3,
        "error",
        "ignored",
        &["transport-refused"],
    );

    let run = send_json(
        "before-create",
        "http://grpcb-test.invalid/im",
        &["--timeout", "40s"],
    );
    check(&run, 3, "error", "fallback", &["transport-dns"]);

    // TLS to a plain-HTTP server.
    let receiver = Receiver::start(Reply::ok());
    let https = receiver.url.replace("http://", "https://");
    check(
        &send_json("before-create", &https, &[]),
        3,
        "error",
        "fallback",
        &["transport-tls"],
    );
}

#[test]
fn expectations() {
    let deny = r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#;
    let custom = r#"{"ActionStatus":"OK","ErrorCode":10150,"ErrorInfo":"no"}"#;
    check(
        &answer("before-create", body(deny), &["--expect", "deny"]),
        0,
        "pass",
        "deny",
        &[],
    );
    check(
        &answer("before-create", body(custom), &["--expect", "deny"]),
        0,
        "pass",
        "deny-custom",
        &[],
    );
    check(
        &answer(
            "before-create",
            body(custom),
            &["--expect", "deny-custom", "--expect-code", "10150"],
        ),
        0,
        "pass",
        "deny-custom",
        &[],
    );
    check(
        &answer("before-create", body(deny), &["--expect", "deny-custom"]),
        1,
        "fail",
        "deny",
        &["expect-decision"],
    );
    let run = answer("before-create", Reply::ok(), &["--expect", "deny"]);
    check(&run, 1, "fail", "allow", &["expect-decision"]);
    assert_eq!(
        run.json()["findings"][0]["message"],
        "expected deny, got allow"
    );
    check(
        // A documented code the answer does not carry (an undocumented one is refused
        // before sending: contract.rs).
        &answer("before-create", body(deny), &["--expect-code", "10150"]),
        1,
        "fail",
        "deny",
        &["expect-code"],
    );
    check(
        &answer("after-create", Reply::ok(), &["--expect", "ignored"]),
        0,
        "pass",
        "ignored",
        &[],
    );
    // An expectation the callback can never meet is refused before anything is sent.
    let receiver = Receiver::start(Reply::ok());
    let run = send_json("after-create", &receiver.url, &["--expect", "allow"]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("after-create can never lead to `allow`; it can lead to ignored"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    assert!(
        receiver.received().is_empty(),
        "an impossible expectation was sent"
    );

    let partial = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["tommy","jared"]}"#;
    let args = ["--expect", "allow", "--expect-refused", "jared,tommy"];
    check(
        &answer("before-invite", body(partial), &args),
        0,
        "pass",
        "allow-partial",
        &["refused-everyone"],
    );
    let run = answer(
        "before-invite",
        body(partial),
        &["--expect-refused", "jared"],
    );
    check(
        &run,
        1,
        "fail",
        "allow-partial",
        &["refused-everyone", "expect-refused"],
    );
    assert_eq!(
        run.json()["findings"][1]["message"],
        "expected refused [jared], got [jared, tommy]"
    );
    check(
        &answer("before-invite", Reply::ok(), &["--expect-refused", ""]),
        0,
        "pass",
        "allow",
        &[],
    );
    check(
        &answer("before-invite", Reply::ok(), &["--expect-refused", "jared"]),
        1,
        "fail",
        "allow",
        &["expect-refused"],
    );
}

#[test]
fn report_shape_is_the_contract() {
    let run = answer(
        "before-create",
        Reply::ok().header("x-served-by", "test"),
        &[],
    );
    let report = run.json();
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "callback", "alias", "kind", "request", "response", "decision", "meaning", "verdict",
            "findings"
        ]
    );
    assert_eq!(report["callback"], "Group.CallbackBeforeCreateGroup");
    assert_eq!(report["alias"], "before-create");
    assert_eq!(report["kind"], "before");
    assert!(
        report["request"]["url"]
            .as_str()
            .unwrap()
            .contains("?SdkAppid=1400000000&")
    );
    assert_eq!(report["request"]["query"]["contenttype"], "json");
    assert_eq!(
        report["request"]["body"]["CallbackCommand"],
        "Group.CallbackBeforeCreateGroup"
    );
    assert_eq!(report["response"]["status"], 200);
    assert!(report["response"]["latency_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(report["response"]["headers"]["x-served-by"], "test");
    assert_eq!(report["response"]["body"]["ErrorCode"], 0);
    assert_eq!(report["response"]["raw"], serde_json::Value::Null);
}

/// `--expect-refused` compares the invitees IM would keep out given the whole answer: a
/// deny refuses all of them whatever `RefusedMembers_Account` lists.
#[test]
fn expect_refused_judges_what_im_does() {
    let invite = |reply: &str, expected: &str| {
        answer(
            "before-invite",
            body(reply),
            &[
                "--member",
                "alice",
                "--member",
                "blocked",
                "--expect-refused",
                expected,
            ],
        )
    };
    let message = |run: &crate::support::Run| {
        run.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|finding| finding["code"] == "expect-refused")
            .map(|finding| finding["message"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };

    // The false pass: ErrorCode 1 refuses the whole invitation, not just `blocked`.
    let deny = r#"{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"no","RefusedMembers_Account":["blocked"]}"#;
    let run = invite(deny, "blocked");
    check(
        &run,
        1,
        "fail",
        "deny",
        &["refused-with-code", "expect-refused"],
    );
    assert_eq!(
        message(&run),
        "expected refused [blocked], got [alice, blocked]: IM rejects the invitation as a whole, so every invitee is refused"
    );
    check(
        &invite(deny, "alice,blocked"),
        0,
        "pass",
        "deny",
        &["refused-with-code"],
    );
    let plain_deny = r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#;
    check(
        &invite(plain_deny, ""),
        1,
        "fail",
        "deny",
        &["expect-refused"],
    );

    // deny-custom: the same.
    let custom = r#"{"ActionStatus":"OK","ErrorCode":10101,"ErrorInfo":"vip only","RefusedMembers_Account":["blocked"]}"#;
    check(
        &invite(custom, "blocked"),
        1,
        "fail",
        "deny-custom",
        &["refused-with-code", "expect-refused"],
    );
    check(
        &invite(custom, "blocked,alice"),
        0,
        "pass",
        "deny-custom",
        &["refused-with-code"],
    );

    // allow: nobody, even when the list names someone who was not invited.
    check(
        &invite(r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#, ""),
        0,
        "pass",
        "allow",
        &[],
    );
    check(
        &invite(
            r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#,
            "blocked",
        ),
        1,
        "fail",
        "allow",
        &["expect-refused"],
    );
    let stranger = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["stranger"]}"#;
    // (Expecting `stranger` refused is refused before sending: contract.rs.)
    let run = invite(stranger, "blocked");
    check(
        &run,
        1,
        "fail",
        "allow",
        &["refused-not-invited", "expect-refused"],
    );
    assert_eq!(message(&run), "expected refused [blocked], got []");

    // allow-partial: the refused users who were invited.
    let partial = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["blocked"]}"#;
    check(&invite(partial, "blocked"), 0, "pass", "allow-partial", &[]);
    check(
        &invite(partial, "alice,blocked"),
        1,
        "fail",
        "allow-partial",
        &["expect-refused"],
    );

    // fallback: IM's failure policy lets the invitation go ahead, so nobody is refused;
    // the answer fails the contract anyway.
    let unusable = r#"{"ActionStatus":"FAIL","ErrorCode":7,"ErrorInfo":"x","RefusedMembers_Account":["blocked"]}"#;
    let run = invite(unusable, "blocked");
    check(
        &run,
        1,
        "fail",
        "fallback",
        &["unknown-error-code", "expect-refused"],
    );
    assert!(
        message(&run).contains("failure policy"),
        "{}",
        message(&run)
    );
    check(
        &invite(unusable, ""),
        1,
        "fail",
        "fallback",
        &["unknown-error-code"],
    );
}
