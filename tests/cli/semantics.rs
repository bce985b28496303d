//! Answer semantics per callback beyond create and invite: before-send's drop and rewrite,
//! before-apply and before-create-topic, send-exception's own ErrorCode, fields only one
//! callback may return. Each rule has a passing and a failing case.

use crate::support::{Reply, answer, body, check};

fn ok_with(extra: &str) -> String {
    format!(r#"{{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""{extra}}}"#)
}

const TEXT_BODY: &str =
    r#","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"[censored]"}}]"#;

#[test]
fn before_send_allows_denies_and_drops() {
    let run = answer("before-send", Reply::ok(), &[]);
    check(&run, 0, "pass", "allow", &[]);
    assert_eq!(run.json()["meaning"], "IM would deliver the message");

    let run = answer(
        "before-send",
        body(r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#),
        &[],
    );
    check(&run, 0, "pass", "deny", &[]);
    assert_eq!(
        run.json()["meaning"],
        "IM would reject the message; the caller gets 10016"
    );

    let run = answer(
        "before-send",
        body(r#"{"ActionStatus":"OK","ErrorCode":2,"ErrorInfo":""}"#),
        &["--expect", "drop"],
    );
    check(&run, 0, "pass", "drop", &[]);
    assert!(
        run.json()["meaning"]
            .as_str()
            .unwrap()
            .contains("silently drop")
    );

    let run = answer(
        "before-send",
        body(r#"{"ActionStatus":"OK","ErrorCode":10120,"ErrorInfo":"slow down"}"#),
        &[],
    );
    check(&run, 0, "pass", "deny-custom", &[]);

    let run = answer(
        "before-send",
        body(r#"{"ActionStatus":"OK","ErrorCode":3,"ErrorInfo":""}"#),
        &[],
    );
    check(&run, 1, "fail", "fallback", &["unknown-error-code"]);
    assert!(
        run.json()["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("2 (drop)")
    );
}

#[test]
fn before_send_rewrites() {
    let run = answer(
        "before-send",
        body(&ok_with(TEXT_BODY)),
        &["--expect", "allow-modified"],
    );
    check(&run, 0, "pass", "allow-modified", &[]);
    assert_eq!(
        run.json()["meaning"],
        "IM would deliver the message as the receiver rewrote it"
    );

    check(
        &answer(
            "before-send",
            body(&ok_with(r#","CloudCustomData":"tagged""#)),
            &[],
        ),
        0,
        "pass",
        "allow-modified",
        &[],
    );
    check(
        &answer(
            "before-send",
            body(&ok_with(
                r#","MsgBody":[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"x"}}],"CloudCustomData":"""#,
            )),
            &["--expect", "allow"],
        ),
        0,
        "pass",
        "allow-modified",
        &[],
    );
}

#[test]
fn malformed_replacements_are_errors() {
    let cases = [
        (r#","MsgBody":"text""#, "/MsgBody"),
        (r#","MsgBody":[]"#, "/MsgBody"),
        (
            r#","MsgBody":[{"MsgType":"TIMMagicElem","MsgContent":{}}]"#,
            "/MsgBody/0/MsgType",
        ),
        (r#","MsgBody":[{"MsgContent":{"Text":"x"}}]"#, "/MsgBody/0"),
        (
            r#","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":"x"}]"#,
            "/MsgBody/0/MsgContent",
        ),
        (
            r#","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"a"}},{"MsgType":"TIMTextElem"}]"#,
            "/MsgBody/1/MsgContent",
        ),
    ];
    for (extra, path) in cases {
        let run = answer("before-send", body(&ok_with(extra)), &[]);
        check(&run, 1, "fail", "allow", &["replacement-invalid"]);
        assert_eq!(run.json()["findings"][0]["path"], path, "{extra}");
    }
    let run = answer(
        "before-send",
        body(&ok_with(r#","CloudCustomData":{"a":1}"#)),
        &[],
    );
    check(&run, 1, "fail", "allow", &["wrong-type"]);
    assert_eq!(run.json()["findings"][0]["path"], "/CloudCustomData");
}

#[test]
fn null_replacement_fields_read_as_absent() {
    let text = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgBody":null,"CloudCustomData":null}"#;
    check(
        &answer("before-send", body(text), &[]),
        0,
        "pass",
        "allow",
        &[],
    );
    check(
        &answer("before-create", body(text), &["--strict"]),
        0,
        "pass",
        "allow",
        &[],
    );
}

#[test]
fn a_replacement_with_a_non_zero_code_is_ignored() {
    let text = format!(r#"{{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"{TEXT_BODY}}}"#);
    check(
        &answer("before-send", body(&text), &[]),
        0,
        "pass",
        "deny",
        &["replacement-ignored"],
    );
    let text = format!(r#"{{"ActionStatus":"OK","ErrorCode":2,"ErrorInfo":""{TEXT_BODY}}}"#);
    check(
        &answer("before-send", body(&text), &["--strict"]),
        1,
        "fail",
        "drop",
        &["replacement-ignored"],
    );
}

#[test]
fn fields_of_one_callback_returned_by_another_are_ignored() {
    check(
        &answer("before-create", body(&ok_with(TEXT_BODY)), &[]),
        0,
        "pass",
        "allow",
        &["ignored-field"],
    );
    check(
        &answer("after-send", body(&ok_with(TEXT_BODY)), &[]),
        0,
        "pass",
        "ignored",
        &["ignored-field"],
    );
    let refused = r#","RefusedMembers_Account":["jared"]"#;
    let run = answer("before-send", body(&ok_with(refused)), &[]);
    check(&run, 0, "pass", "allow", &["ignored-field"]);
    assert!(
        run.json()["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("only before-invite")
    );
    check(
        &answer("before-invite", body(&ok_with(refused)), &[]),
        0,
        "pass",
        "allow-partial",
        &[],
    );
}

#[test]
fn before_apply_and_before_create_topic_decide_like_before_create() {
    for alias in ["before-apply", "before-create-topic"] {
        check(
            &answer(alias, Reply::ok(), &["--expect", "allow"]),
            0,
            "pass",
            "allow",
            &[],
        );
        check(
            &answer(
                alias,
                body(r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}"#),
                &[],
            ),
            0,
            "pass",
            "deny",
            &[],
        );
        check(
            &answer(
                alias,
                body(r#"{"ActionStatus":"OK","ErrorCode":10100,"ErrorInfo":"x"}"#),
                &[],
            ),
            0,
            "pass",
            "deny-custom",
            &[],
        );
        check(
            &answer(
                alias,
                body(r#"{"ActionStatus":"OK","ErrorCode":2,"ErrorInfo":""}"#),
                &[],
            ),
            1,
            "fail",
            "fallback",
            &["unknown-error-code"],
        );
    }
    let run = answer(
        "before-create-topic",
        body(r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}"#),
        &[],
    );
    assert_eq!(
        run.json()["meaning"],
        "IM would reject the topic creation; the caller gets 10016"
    );
}

#[test]
fn send_exception_judges_the_answer_not_the_requests_error_code() {
    // The request carries ErrorCode 10023; a plain OK answer passes and is not confused with it.
    let run = answer("send-exception", Reply::ok(), &["--expect-code", "0"]);
    check(&run, 0, "pass", "ignored", &[]);
    assert_eq!(run.json()["request"]["body"]["ErrorCode"], 10023);

    let echo = r#"{"ActionStatus":"OK","ErrorCode":10023,"ErrorInfo":"msg count exceeds limit,please retry later"}"#;
    let run = answer("send-exception", body(echo), &[]);
    check(&run, 0, "pass", "ignored", &["after-error-code"]);
    assert!(
        run.json()["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("request's ErrorCode")
    );
    check(
        &answer("send-exception", body(echo), &["--strict"]),
        1,
        "fail",
        "ignored",
        &["after-error-code"],
    );
}

#[test]
fn every_after_callback_ignores_the_answer_but_warns_on_non_zero() {
    for alias in [
        "after-join",
        "after-recall",
        "member-state",
        "quota-alarm",
        "after-msg-extension",
    ] {
        check(&answer(alias, Reply::ok(), &[]), 0, "pass", "ignored", &[]);
        check(
            &answer(
                alias,
                body(r#"{"ActionStatus":"OK","ErrorCode":500,"ErrorInfo":"db down"}"#),
                &[],
            ),
            0,
            "pass",
            "ignored",
            &["after-error-code"],
        );
    }
}
