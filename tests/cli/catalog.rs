//! All 24 group callbacks: names, samples, fixtures, typed flags, and sending each one.

use crate::support::{Receiver, Reply, fixture, fixture_text, run, send_json};
use grpcb_contract::catalog::{CALLBACKS, Shape};
use serde_json::Value;

/// The alias table of `spec/cli.md`, written out independently of the code.
const ALIASES: [(&str, &str); 24] = [
    ("before-create", "Group.CallbackBeforeCreateGroup"),
    ("after-create", "Group.CallbackAfterCreateGroup"),
    ("before-apply", "Group.CallbackBeforeApplyJoinGroup"),
    ("before-invite", "Group.CallbackBeforeInviteJoinGroup"),
    ("after-join", "Group.CallbackAfterNewMemberJoin"),
    ("after-exit", "Group.CallbackAfterMemberExit"),
    ("before-send", "Group.CallbackBeforeSendMsg"),
    ("after-send", "Group.CallbackAfterSendMsg"),
    ("after-full", "Group.CallbackAfterGroupFull"),
    ("after-destroy", "Group.CallbackAfterGroupDestroyed"),
    ("after-info-change", "Group.CallbackAfterGroupInfoChanged"),
    ("after-recall", "Group.CallbackAfterRecallMsg"),
    ("member-state", "Group.CallbackOnMemberStateChange"),
    ("send-exception", "Group.CallbackSendMsgException"),
    ("before-create-topic", "Group.CallbackBeforeCreateTopic"),
    ("after-create-topic", "Group.CallbackAfterCreateTopic"),
    ("after-topic-destroy", "Group.CallbackAfterTopicDestroyed"),
    (
        "after-topic-info-change",
        "Group.CallbackAfterTopicInfoChanged",
    ),
    (
        "after-member-field-change",
        "Group.CallbackAfterMemberFieldChanged",
    ),
    ("after-attr-change", "Group.CallbackAfterGroupAttrChanged"),
    ("after-read-receipt", "Group.CallbackAfterReadReceipt"),
    ("after-owner-change", "Group.CallbackAfterChangeGroupOwner"),
    ("quota-alarm", "Group.CallbackOnDailyGroupQuotaAlarm"),
    (
        "after-msg-extension",
        "Group.CallbackAfterGroupMsgExtension",
    ),
];

const BEFORE: [&str; 5] = [
    "before-create",
    "before-apply",
    "before-invite",
    "before-send",
    "before-create-topic",
];

/// Fields the current docs mark as always present, per callback (`spec/group-callbacks.md` §3).
fn required(alias: &str) -> &'static [&'static str] {
    match alias {
        "before-create" => &[
            "Operator_Account",
            "Owner_Account",
            "Type",
            "Name",
            "MemberList",
            "EventTime",
        ],
        "after-create" => &[
            "GroupId",
            "Operator_Account",
            "Owner_Account",
            "Type",
            "Name",
            "MemberList",
            "EventTime",
        ],
        "before-apply" => &[
            "GroupId",
            "Type",
            "Requestor_Account",
            "ApplyMsg",
            "EventTime",
        ],
        "before-invite" => &[
            "GroupId",
            "Type",
            "Operator_Account",
            "DestinationMembers",
            "EventTime",
        ],
        "after-join" => &[
            "GroupId",
            "Type",
            "JoinType",
            "Operator_Account",
            "NewMemberList",
            "EventTime",
        ],
        "after-exit" => &[
            "GroupId",
            "Type",
            "ExitType",
            "Operator_Account",
            "ExitMemberList",
            "EventTime",
        ],
        "before-send" => &[
            "GroupId",
            "Type",
            "From_Account",
            "Operator_Account",
            "Random",
            "MsgId",
            "OnlineOnlyFlag",
            "MsgBody",
            "EventTime",
        ],
        "after-send" => &[
            "GroupId",
            "Type",
            "From_Account",
            "Operator_Account",
            "Random",
            "MsgSeq",
            "MsgId",
            "MsgTime",
            "OnlineOnlyFlag",
            "MsgBody",
            "CloudCustomData",
            "EventTime",
            "GroupAtInfo",
        ],
        "after-full" => &["GroupId", "EventTime"],
        "after-destroy" => &["GroupId", "Type", "Owner_Account", "EventTime"],
        "after-info-change" => &["GroupId", "Type", "Operator_Account", "EventTime"],
        "after-recall" => &[
            "Operator_Account",
            "Type",
            "GroupId",
            "MsgSeqList",
            "EventTime",
        ],
        "member-state" => &[
            "GroupId",
            "EventType",
            "EventCause",
            "MemberList",
            "EventTime",
        ],
        "send-exception" => &[
            "GroupId",
            "Type",
            "From_Account",
            "Operator_Account",
            "Random",
            "OnlineOnlyFlag",
            "MsgBody",
            "ErrorCode",
            "ErrorInfo",
            "EventTime",
        ],
        "before-create-topic" => &["Operator_Account", "Type", "Name"],
        "after-create-topic" => &[
            "GroupId",
            "TopicId",
            "Operator_Account",
            "Owner_Account",
            "Type",
            "Name",
        ],
        "after-topic-destroy" => &["GroupId", "Type", "TopicIdList"],
        "after-topic-info-change" => &["GroupId", "Type", "Operator_Account"],
        "after-member-field-change" => &[
            "GroupId",
            "Type",
            "Operator_Account",
            "Modified_Account",
            "EventTime",
        ],
        "after-attr-change" => &[
            "GroupId",
            "Type",
            "Operator_Account",
            "OptionType",
            "GroupAttr",
            "EventTime",
        ],
        "after-read-receipt" => &["GroupId", "Type", "GroupMsgReceiptList", "EventTime"],
        "after-owner-change" => &[
            "GroupId",
            "Type",
            "Operator_Account",
            "OldOwner_Account",
            "NewOwner_Account",
            "EventTime",
        ],
        "quota-alarm" => &["QuotaUsed", "Quota", "EventTime"],
        "after-msg-extension" => &[
            "GroupId",
            "MsgSeq",
            "OperateType",
            "ExtensionList",
            "Seq",
            "EventTime",
        ],
        other => panic!("no required fields for {other}"),
    }
}

/// Every EventTime anywhere in the body is an integer.
#[track_caller]
fn event_times_are_integers(alias: &str, body: &Value) {
    match body {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "EventTime" {
                    assert!(
                        value.is_i64(),
                        "{alias}: EventTime {value} is not an integer"
                    );
                }
                event_times_are_integers(alias, value);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| event_times_are_integers(alias, item)),
        _ => {}
    }
}

#[test]
fn list_has_all_24_with_kind_and_answer() {
    let run = run(&["list", "--format", "json"]);
    let list = run.json();
    let listed: Vec<(String, String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["alias"].as_str().unwrap().to_string(),
                entry["command"].as_str().unwrap().to_string(),
                entry["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = ALIASES
        .iter()
        .map(|(alias, command)| {
            let kind = if BEFORE.contains(alias) {
                "before"
            } else if *alias == "quota-alarm" {
                "notify"
            } else {
                "after"
            };
            (alias.to_string(), command.to_string(), kind.to_string())
        })
        .collect();
    assert_eq!(listed, expected);

    let table = crate::support::run(&["list"]).stdout;
    for (alias, command) in ALIASES {
        let row = table
            .lines()
            .find(|line| line.starts_with(&format!("{alias} ")))
            .unwrap_or("");
        assert!(row.contains(command), "{alias}: {row}");
    }
    let send_row = table
        .lines()
        .find(|line| line.starts_with("before-send "))
        .unwrap();
    assert!(
        send_row.contains("drop silently (2)") && send_row.contains("rewrite the message"),
        "{send_row}"
    );
}

#[test]
fn every_example_is_its_fixture_with_the_required_fields() {
    for (alias, command) in ALIASES {
        let run = run(&["example", alias]);
        assert_eq!(run.code, 0, "{alias}");
        assert_eq!(
            run.stdout,
            fixture_text(&format!("callbacks/{alias}.json")),
            "{alias}: example and fixture differ"
        );
        let body = run.json();
        assert_eq!(body["CallbackCommand"], command, "{alias}");
        for field in required(alias) {
            assert!(body.get(field).is_some(), "{alias}: sample lacks {field}");
        }
        event_times_are_integers(alias, &body);
        for name in [
            command.to_string(),
            command.trim_start_matches("Group.").to_lowercase(),
        ] {
            assert_eq!(
                crate::support::run(&["example", &name]).stdout,
                run.stdout,
                "{name}"
            );
        }
    }
}

#[test]
fn every_callback_by_every_name_passes_against_a_receiver() {
    let receiver = Receiver::start(Reply::ok());
    for (alias, command) in ALIASES {
        let short = command.trim_start_matches("Group.");
        for name in [alias, command, short] {
            let run = send_json(name, &receiver.url, &[]);
            assert_eq!(run.code, 0, "{name}: {}", run.stdout);
            let report = run.json();
            assert_eq!(report["verdict"], "pass", "{name}");
            let decision = if BEFORE.contains(&alias) {
                "allow"
            } else {
                "ignored"
            };
            assert_eq!(report["decision"], decision, "{name}");
        }
    }
    let received = receiver.received();
    assert_eq!(received.len(), 72);
    for (got, (alias, command)) in received.chunks(3).zip(ALIASES) {
        for request in got {
            let query = request.query_pairs();
            let names: Vec<&str> = query.iter().map(|(key, _)| key.as_str()).collect();
            let expected_names: &[&str] = if alias == "member-state" {
                &["SdkAppid", "CallbackCommand", "contenttype"]
            } else {
                &[
                    "SdkAppid",
                    "CallbackCommand",
                    "contenttype",
                    "ClientIP",
                    "OptPlatform",
                ]
            };
            assert_eq!(names, expected_names, "{alias}");
            assert_eq!(query[1].1, command);
            let body = request.body_json();
            assert_eq!(body["CallbackCommand"], command);
            event_times_are_integers(alias, &body);
        }
    }
}

#[test]
fn every_typed_flag_fills_its_field() {
    for callback in CALLBACKS {
        for field in callback.fields {
            let value = match field.shape {
                Shape::Integer => "1700000000000",
                _ => "flagvalue",
            };
            let flag = format!("--{}", field.field);
            let run = run(&["example", callback.alias, &flag, value]);
            assert_eq!(run.code, 0, "{} {flag}: {}", callback.alias, run.stderr);
            let body = run.json();
            let at = &body[field.path];
            let got = match field.shape {
                // The text lands in the first TIMTextElem of the message body.
                Shape::Text => at
                    .as_array()
                    .and_then(|elements| {
                        elements
                            .iter()
                            .find(|element| element["MsgType"] == "TIMTextElem")
                    })
                    .map(|element| element["MsgContent"]["Text"].clone())
                    .unwrap_or_default(),
                _ => at.clone(),
            };
            let expected = match field.shape {
                Shape::String | Shape::User | Shape::Text => serde_json::json!("flagvalue"),
                Shape::Integer => serde_json::json!(1700000000000i64),
                Shape::Members => serde_json::json!([{ "Member_Account": "flagvalue" }]),
                Shape::StringList | Shape::Strings => serde_json::json!(["flagvalue"]),
                Shape::Items(key) => serde_json::json!([{ key: "flagvalue" }]),
            };
            assert_eq!(got, expected, "{} {flag}", callback.alias);
        }
    }
}

#[test]
fn typed_flags_land_in_the_right_field_per_callback() {
    let cases: [(&str, &[&str], &str, Value); 8] = [
        (
            "after-join",
            &["--member", "a", "--join-type", "Invited"],
            "NewMemberList",
            serde_json::json!([{ "Member_Account": "a" }]),
        ),
        (
            "after-exit",
            &["--member", "a", "--exit-type", "Quit"],
            "ExitType",
            serde_json::json!("Quit"),
        ),
        (
            "before-send",
            &["--text", "hello", "--from", "x"],
            "MsgBody",
            serde_json::json!([{ "MsgType": "TIMTextElem", "MsgContent": { "Text": "hello" } }]),
        ),
        (
            "before-apply",
            &["--requestor", "r", "--text", "let me in"],
            "ApplyMsg",
            serde_json::json!("let me in"),
        ),
        (
            "before-invite",
            &["--topic-id", "@TGS#_x@TOPIC#_t"],
            "TopicId",
            serde_json::json!("@TGS#_x@TOPIC#_t"),
        ),
        (
            "after-topic-destroy",
            &["--topic-id", "t1"],
            "TopicIdList",
            serde_json::json!(["t1"]),
        ),
        (
            "after-member-field-change",
            &["--member", "m"],
            "Modified_Account",
            serde_json::json!("m"),
        ),
        (
            "after-owner-change",
            &["--owner", "newboss"],
            "NewOwner_Account",
            serde_json::json!("newboss"),
        ),
    ];
    for (alias, args, path, expected) in cases {
        let mut full = vec!["example", alias];
        full.extend_from_slice(args);
        let body = run(&full).json();
        assert_eq!(body[path], expected, "{alias}");
    }
}

#[test]
fn flags_that_do_not_fit_are_input_errors_listing_the_fitting_ones() {
    let cases = [
        ("quota-alarm", "--group-id", "--event-time"),
        ("after-full", "--text", "--group-id"),
        ("before-create", "--topic-id", "--member"),
        ("member-state", "--from", "--member"),
        ("before-create-topic", "--event-time", "--name"),
        ("after-join", "--exit-type", "--join-type"),
    ];
    for (alias, flag, listed) in cases {
        let run = run(&["send", alias, "--url", "http://127.0.0.1:9/im", flag, "1"]);
        assert_eq!(run.code, 4, "{alias} {flag}");
        assert!(
            run.stderr
                .contains(&format!("{alias} has no field for {flag}")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(listed), "{alias}: {}", run.stderr);
    }
    let run = run(&[
        "example",
        "after-member-field-change",
        "--member",
        "a",
        "--member",
        "b",
    ]);
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("takes one user"), "{}", run.stderr);
}

#[test]
fn variants_are_sent_as_they_are() {
    let receiver = Receiver::start(Reply::ok());
    let files = [
        (
            "before-create-create-group-num.json",
            "CreateGroupNum",
            serde_json::json!(123),
        ),
        (
            "before-create-created-num.json",
            "CreatedNum",
            serde_json::json!(123),
        ),
        (
            "before-create-created-group-num.json",
            "CreatedGroupNum",
            serde_json::json!(123),
        ),
        (
            "before-create-event-time-string.json",
            "EventTime",
            serde_json::json!("1670574414123"),
        ),
        (
            "after-send-event-time-string.json",
            "EventTime",
            serde_json::json!("1670574414123"),
        ),
        (
            "after-member-field-change-member-account.json",
            "Member_Account",
            serde_json::json!("jared"),
        ),
    ];
    for (file, field, value) in files {
        let path = fixture(&format!("variants/{file}"));
        let run = run(&[
            "send",
            "--fixture",
            path.to_str().unwrap(),
            "--url",
            &receiver.url,
        ]);
        assert_eq!(run.code, 0, "{file}: {}", run.stdout);
        let body = receiver.received().last().unwrap().body_json();
        assert_eq!(body[field], value, "{file}");
    }
    let body = receiver.received().last().unwrap().body_json();
    assert!(body.get("Modified_Account").is_none());
}

#[test]
fn query_overrides_send_variants_and_leave_parameters_out() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json(
        "before-send",
        &receiver.url,
        &[
            "--query",
            "OptPlatform=IOS",
            "--query",
            "RequestID=cf026bb1-e5da-4eba-99c8-b257f25278a0",
            "--query",
            "ClientIP",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        receiver.single().query,
        "SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeSendMsg&contenttype=json\
         &OptPlatform=IOS&RequestID=cf026bb1-e5da-4eba-99c8-b257f25278a0"
    );
    let run = crate::support::run(&[
        "send",
        "before-send",
        "--url",
        &receiver.url,
        "--query",
        "=x",
    ]);
    assert_eq!(run.code, 4);
}
