//! What IM does with each family's answers (`docs/protocol.md` §2.6, §2.7 and each command's
//! section), through the real binary: `grpcb send` against a receiver that answers exactly the
//! documented example, and the answers that would pass wrongly if grpcb judged them as a
//! group answer (a C2C answer with a group custom code, a Sns answer that forgets a user, an
//! official-account refusal of a non-subscriber, ...).

use crate::support::{Run, answer, body, check, run};

/// Sends `alias` to a receiver answering `json`.
fn sent(alias: &str, json: &str, extra: &[&str]) -> Run {
    answer(alias, body(json), extra)
}

fn meaning(run: &Run) -> String {
    run.json()["meaning"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[track_caller]
fn says(run: &Run, needle: &str) {
    let text = run.stdout.clone();
    assert!(text.contains(needle), "{needle}: {text}");
}

const OK: &str = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#;

/// §3.2.1: 0 allow, 1 deny (the sender gets 20006), 2 drop, 120001-130000 custom, and the
/// rewrite example of the C2C page.
#[test]
fn c2c_before_send_decides_as_the_c2c_page_says() {
    let run = sent("c2c-before-send", OK, &[]);
    check(&run, 0, "pass", "allow", &[]);
    assert_eq!(meaning(&run), "IM would deliver the message");

    let run = sent(
        "c2c-before-send",
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#,
        &["--expect", "deny"],
    );
    check(&run, 0, "pass", "deny", &[]);
    assert_eq!(
        meaning(&run),
        "IM would reject the message; the sender gets 20006"
    );

    let run = sent(
        "c2c-before-send",
        r#"{"ActionStatus":"OK","ErrorCode":2,"ErrorInfo":""}"#,
        &["--expect", "drop"],
    );
    check(&run, 0, "pass", "drop", &[]);
    says(&run, "the sender is told it was sent");

    let run = sent(
        "c2c-before-send",
        r#"{"ActionStatus":"OK","ErrorCode":120001,"ErrorInfo":"you are muted"}"#,
        &["--expect", "deny-custom"],
    );
    check(&run, 0, "pass", "deny-custom", &[]);
    assert_eq!(
        meaning(&run),
        "IM would reject the message; the sender gets 120001 \"you are muted\""
    );
    let run = sent(
        "c2c-before-send",
        r#"{"ActionStatus":"OK","ErrorCode":130000,"ErrorInfo":""}"#,
        &[],
    );
    check(&run, 0, "pass", "deny-custom", &["empty-error-info"]);

    // The rewrite example (spec/im-callbacks.md §3.12): a level badge added.
    let run = sent(
        "c2c-before-send",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}},{"MsgType":"TIMCustomElem","MsgContent":{"Desc":"CustomElement.MemberLevel","Data":"LV1"}}],"CloudCustomData":"your new cloud custom data"}"#,
        &["--expect", "allow-modified"],
    );
    check(&run, 0, "pass", "allow-modified", &[]);
}

/// The group custom range means nothing to C2C, nor C2C's to a group: both fail (and say
/// whose range the code is), where a judge of group answers would pass them.
#[test]
fn a_custom_code_of_another_family_is_a_broken_answer() {
    let run = sent(
        "c2c-before-send",
        r#"{"ActionStatus":"OK","ErrorCode":10100,"ErrorInfo":"no"}"#,
        &[],
    );
    check(&run, 1, "fail", "fallback", &["unknown-error-code"]);
    says(&run, "10100-10200 is the custom range of group callbacks");
    says(&run, "120001-130000 (deny with your own code)");
    let run = sent(
        "before-send",
        r#"{"ActionStatus":"OK","ErrorCode":120001,"ErrorInfo":"no"}"#,
        &[],
    );
    check(&run, 1, "fail", "fallback", &["unknown-error-code"]);
    says(&run, "120001-130000 is the custom range of c2c callbacks");
    for code in ["130001", "3", "20006"] {
        let run = sent(
            "c2c-before-send",
            &format!(r#"{{"ActionStatus":"OK","ErrorCode":{code},"ErrorInfo":"no"}}"#),
            &[],
        );
        check(&run, 1, "fail", "fallback", &["unknown-error-code"]);
    }
}

#[test]
fn a_c2c_rewrite_is_checked_like_a_group_one() {
    // At most one TIMCustomElem per message (§2.10).
    let run = sent(
        "c2c-before-send",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgBody":[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"a"}},{"MsgType":"TIMCustomElem","MsgContent":{"Data":"b"}}]}"#,
        &[],
    );
    check(&run, 1, "fail", "allow", &["replacement-invalid"]);
    let run = sent(
        "c2c-before-send",
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no","CloudCustomData":"x"}"#,
        &[],
    );
    check(&run, 0, "pass", "deny", &["replacement-ignored"]);
    // An invitation's refusal list means nothing here.
    let run = sent(
        "c2c-before-send",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["Jonh"]}"#,
        &[],
    );
    check(&run, 0, "pass", "allow", &["ignored-field"]);
    // An after-send answer is ignored, whatever the request's own SendMsgResult says.
    let run = sent(
        "c2c-after-send",
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}"#,
        &[],
    );
    check(&run, 0, "pass", "ignored", &["after-error-code"]);
}

/// §3.7.9 and §3.7.1: the official account's two plain denies differ (10016 and 20006);
/// both take 120001-130000.
#[test]
fn official_account_before_callbacks_give_their_own_codes() {
    let deny = r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#;
    let run = sent("oa-before-send", deny, &[]);
    check(&run, 0, "pass", "deny", &[]);
    assert_eq!(
        meaning(&run),
        "IM would reject the message; the sender gets 10016"
    );
    let run = sent("oa-before-create", deny, &[]);
    check(&run, 0, "pass", "deny", &[]);
    assert_eq!(
        meaning(&run),
        "IM would reject the creation; the caller gets 20006"
    );
    for alias in ["oa-before-send", "oa-before-create"] {
        let run = sent(
            alias,
            r#"{"ActionStatus":"OK","ErrorCode":125000,"ErrorInfo":"no"}"#,
            &[],
        );
        check(&run, 0, "pass", "deny-custom", &[]);
        let run = sent(
            alias,
            r#"{"ActionStatus":"OK","ErrorCode":10150,"ErrorInfo":"no"}"#,
            &[],
        );
        check(&run, 1, "fail", "fallback", &["unknown-error-code"]);
    }
    let run = sent(
        "oa-before-send",
        r#"{"ActionStatus":"OK","ErrorCode":2,"ErrorInfo":""}"#,
        &[],
    );
    check(&run, 0, "pass", "drop", &[]);
    let run = sent(
        "oa-before-create",
        r#"{"ActionStatus":"OK","ErrorCode":2,"ErrorInfo":""}"#,
        &[],
    );
    check(&run, 1, "fail", "fallback", &["unknown-error-code"]);
}

/// §3.7.5: `RefusedSubscribers_Account` refuses some of `SubscribeAccountList` (the
/// page's partial example), checked against the request.
#[test]
fn official_account_subscribers_are_refused_by_their_own_list() {
    let partial = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedSubscribers_Account":["jared"]}"#;
    let run = sent(
        "oa-before-add-subscriber",
        partial,
        &["--expect", "allow-partial", "--expect-refused", "jared"],
    );
    check(&run, 0, "pass", "allow-partial", &[]);
    assert_eq!(meaning(&run), "IM would add the subscribers except jared");
    let run = sent(
        "oa-before-add-subscriber",
        partial,
        &["--expect-refused", ""],
    );
    check(&run, 1, "fail", "allow-partial", &["expect-refused"]);

    // A refusal of someone who is not subscribing breaks the contract.
    let run = sent(
        "oa-before-add-subscriber",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedSubscribers_Account":["mallory"]}"#,
        &[],
    );
    check(&run, 1, "fail", "allow", &["refused-not-invited"]);
    says(&run, "was not in SubscribeAccountList");

    // The prose's name for the list: IM reads the other one, so nobody is refused.
    let run = sent(
        "oa-before-add-subscriber",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["jared"]}"#,
        &["--expect-refused", ""],
    );
    check(&run, 0, "pass", "allow", &["refusal-misnamed"]);
    says(&run, "reads its refusals from RefusedSubscribers_Account");

    let run = sent(
        "oa-before-add-subscriber",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedSubscribers_Account":["jared","leckie"]}"#,
        &[],
    );
    check(&run, 0, "pass", "allow-partial", &["refused-everyone"]);

    let run = sent(
        "oa-before-add-subscriber",
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"closed"}"#,
        &["--expect-refused", "jared,leckie"],
    );
    check(&run, 0, "pass", "deny", &[]);
    assert_eq!(
        meaning(&run),
        "IM would reject the subscription; the error the caller gets is not documented"
    );
    // No custom range is documented here.
    let run = sent(
        "oa-before-add-subscriber",
        r#"{"ActionStatus":"OK","ErrorCode":120001,"ErrorInfo":"no"}"#,
        &[],
    );
    check(&run, 1, "fail", "fallback", &["unknown-error-code"]);
}

/// §3.3.1: one result per target; the page's example refuses id2.
#[test]
fn sns_answers_decide_per_target() {
    let example = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"id1","ResultCode":0,"ResultInfo":""},{"To_Account":"id2","ResultCode":38001,"ResultInfo":"not allowed"}]}"#;
    for alias in ["sns-prev-friend-add", "sns-prev-friend-response"] {
        let run = sent(
            alias,
            example,
            &["--expect", "allow-partial", "--expect-refused", "id2"],
        );
        check(&run, 0, "pass", "allow-partial", &[]);
        says(&run, "except for id2 (38001)");
    }
    let both = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"id1","ResultCode":38000,"ResultInfo":"no"},{"To_Account":"id2","ResultCode":38999,"ResultInfo":"no"}]}"#;
    let run = sent(
        "sns-prev-friend-add",
        both,
        &["--expect", "deny", "--expect-refused", "id1,id2"],
    );
    check(&run, 0, "pass", "deny", &[]);
    says(&run, "IM would refuse the friend request for every target");
    let none = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"id2","ResultCode":0,"ResultInfo":""},{"To_Account":"id1","ResultCode":0,"ResultInfo":""}]}"#;
    let run = sent("sns-prev-friend-add", none, &["--expect-refused", ""]);
    check(&run, 0, "pass", "allow", &[]);
}

/// The Sns answers that would pass if judged as a group answer (OK/0 with a list IM does
/// not read): each fails or is flagged.
#[test]
fn sns_answers_that_name_the_wrong_users_are_caught() {
    // OK/0 and nothing else: ResultItem is required.
    let run = sent("sns-prev-friend-add", OK, &[]);
    check(&run, 1, "fail", "fallback", &["missing-field"]);
    // A stranger, a duplicate.
    let run = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"id1","ResultCode":0,"ResultInfo":""},{"To_Account":"id2","ResultCode":0,"ResultInfo":""},{"To_Account":"mallory","ResultCode":38001,"ResultInfo":""}]}"#,
        &[],
    );
    check(&run, 1, "fail", "allow", &["result-not-requested"]);
    let run = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"id1","ResultCode":0,"ResultInfo":""},{"To_Account":"id2","ResultCode":0,"ResultInfo":""},{"To_Account":"id1","ResultCode":38001,"ResultInfo":""}]}"#,
        &["--expect-refused", ""],
    );
    check(&run, 1, "fail", "allow", &["result-duplicate"]);
    // A target left out: flagged, and counted as let through.
    let run = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"id1","ResultCode":38001,"ResultInfo":"no"}]}"#,
        &["--expect-refused", "id1"],
    );
    check(&run, 0, "pass", "allow-partial", &["result-missing"]);
    says(&run, "no result for id2");
    let strict = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"id1","ResultCode":0,"ResultInfo":""}]}"#,
        &["--strict"],
    );
    check(&strict, 1, "fail", "allow", &["result-missing"]);
    // A refusal code outside 38000-39000.
    let run = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"id1","ResultCode":0,"ResultInfo":""},{"To_Account":"id2","ResultCode":1,"ResultInfo":"no"}]}"#,
        &[],
    );
    check(&run, 0, "pass", "allow-partial", &["result-code-range"]);
    // Items that are not results.
    let run = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[{"To_Account":"id1","ResultCode":"38001"},{"To_Account":"id2","ResultCode":0,"ResultInfo":""}]}"#,
        &[],
    );
    check(
        &run,
        1,
        "fail",
        "allow",
        &["wrong-type", "missing-field", "result-missing"],
    );
    let run = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":{"id1":0}}"#,
        &[],
    );
    check(&run, 1, "fail", "fallback", &["wrong-type"]);
    // The group refusal list means nothing here.
    let run = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["id2"]}"#,
        &[],
    );
    check(
        &run,
        1,
        "fail",
        "fallback",
        &["ignored-field", "missing-field"],
    );
}

/// A non-zero top-level code says the receiver failed: IM lets the request through.
#[test]
fn a_sns_receiver_that_reports_a_failure_lets_the_request_through() {
    let run = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"FAIL","ErrorCode":38001,"ErrorInfo":"db down","ResultItem":[{"To_Account":"id1","ResultCode":38001,"ResultInfo":""}]}"#,
        &["--expect-refused", ""],
    );
    check(&run, 0, "pass", "fallback", &["failure-lets-through"]);
    assert_eq!(
        meaning(&run),
        "the receiver reported a failure, so IM lets the friend request through for every target"
    );
    // Expecting the refusal the receiver meant fails: IM refuses nobody.
    let run = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#,
        &["--expect-refused", "id1,id2"],
    );
    check(
        &run,
        1,
        "fail",
        "fallback",
        &["failure-lets-through", "expect-refused"],
    );
    let run = sent(
        "sns-prev-friend-add",
        r#"{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"no"}"#,
        &["--expect", "deny"],
    );
    check(
        &run,
        1,
        "fail",
        "fallback",
        &["failure-lets-through", "expect-decision"],
    );
}

/// §3.8.3: RspData (a string) goes back to the chatbot with 0; 1 is a failure.
#[test]
fn the_chatbot_reply_needs_its_rsp_data() {
    let run = sent(
        "chatbot-c2c-signal",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RspData":"{\"msg\":\"pong\"}"}"#,
        &["--expect", "allow"],
    );
    check(&run, 0, "pass", "allow", &[]);
    assert_eq!(meaning(&run), "IM would return RspData to the chatbot");
    let run = sent("chatbot-c2c-signal", OK, &[]);
    check(&run, 1, "fail", "fallback", &["missing-field"]);
    let run = sent(
        "chatbot-c2c-signal",
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RspData":{"msg":"pong"}}"#,
        &[],
    );
    check(&run, 1, "fail", "fallback", &["wrong-type"]);
    let run = sent(
        "chatbot-c2c-signal",
        r#"{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"busy","RspData":"x"}"#,
        &["--expect", "deny"],
    );
    check(&run, 0, "pass", "deny", &[]);
    says(&run, "RspData is ignored and the chatbot gets nothing");
    let run = sent(
        "chatbot-c2c-signal",
        r#"{"ActionStatus":"OK","ErrorCode":2,"ErrorInfo":"","RspData":"x"}"#,
        &[],
    );
    check(&run, 1, "fail", "fallback", &["unknown-error-code"]);
}

/// After and notify callbacks: IM ignores the answer, which is still checked for shape.
#[test]
fn notifications_of_every_family_are_ignored_but_checked() {
    for alias in [
        "push-offline",
        "content-result-notify",
        "alert-request-over-limit",
        "state-change",
        "oa-after-send",
        "bot-group-message",
        "sns-friend-add",
    ] {
        check(&sent(alias, OK, &[]), 0, "pass", "ignored", &[]);
        check(
            &sent(
                alias,
                r#"{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"no"}"#,
                &[],
            ),
            0,
            "pass",
            "ignored",
            &["after-error-code", "after-fail-status"],
        );
        check(
            &sent(alias, "not json", &[]),
            1,
            "fail",
            "ignored",
            &["body-not-json"],
        );
    }
}

/// An expectation a callback can never meet is refused before anything is sent.
#[test]
fn impossible_expectations_of_the_new_families_are_input_errors() {
    for (alias, flag, value, says) in [
        (
            "sns-prev-friend-add",
            "--expect",
            "drop",
            "can lead to allow, allow-partial, deny",
        ),
        (
            "oa-before-add-subscriber",
            "--expect",
            "deny-custom",
            "allow, allow-partial, deny",
        ),
        (
            "chatbot-c2c-signal",
            "--expect",
            "allow-partial",
            "can lead to allow, deny",
        ),
        ("push-offline", "--expect", "allow", "can lead to ignored"),
        (
            "c2c-before-send",
            "--expect-refused",
            "Jonh",
            "c2c-before-send cannot refuse some users",
        ),
    ] {
        let run = run(&["send", alias, "--url", "http://127.0.0.1:9/im", flag, value]);
        assert_eq!(run.code, 4, "{alias} {flag} {value}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{alias}: {}", run.stderr);
    }
}
