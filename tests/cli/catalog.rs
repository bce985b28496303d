//! All 57 callbacks: names, families, samples, fixtures, typed flags, and sending each one
//! in its own query shape and body shape.

use crate::support::{Receiver, Reply, fixture, fixture_text, run, send_json};
use grpcb_contract::catalog::{CALLBACKS, Shape};
use grpcb_contract::payload::get_path;
use serde_json::{Value, json};

/// The alias table of `docs/cli.md` (the group aliases) and `notes/aliases.md` (the others),
/// with family and kind as `docs/protocol.md` §3.0 gives them, written out independently of
/// the code.
const ALIASES: [(&str, &str, &str, &str); 57] = [
    (
        "before-create",
        "Group.CallbackBeforeCreateGroup",
        "group",
        "before",
    ),
    (
        "after-create",
        "Group.CallbackAfterCreateGroup",
        "group",
        "after",
    ),
    (
        "before-apply",
        "Group.CallbackBeforeApplyJoinGroup",
        "group",
        "before",
    ),
    (
        "before-invite",
        "Group.CallbackBeforeInviteJoinGroup",
        "group",
        "before",
    ),
    (
        "after-join",
        "Group.CallbackAfterNewMemberJoin",
        "group",
        "after",
    ),
    (
        "after-exit",
        "Group.CallbackAfterMemberExit",
        "group",
        "after",
    ),
    (
        "before-send",
        "Group.CallbackBeforeSendMsg",
        "group",
        "before",
    ),
    ("after-send", "Group.CallbackAfterSendMsg", "group", "after"),
    (
        "after-full",
        "Group.CallbackAfterGroupFull",
        "group",
        "after",
    ),
    (
        "after-destroy",
        "Group.CallbackAfterGroupDestroyed",
        "group",
        "after",
    ),
    (
        "after-info-change",
        "Group.CallbackAfterGroupInfoChanged",
        "group",
        "after",
    ),
    (
        "after-recall",
        "Group.CallbackAfterRecallMsg",
        "group",
        "after",
    ),
    (
        "member-state",
        "Group.CallbackOnMemberStateChange",
        "group",
        "after",
    ),
    (
        "send-exception",
        "Group.CallbackSendMsgException",
        "group",
        "after",
    ),
    (
        "before-create-topic",
        "Group.CallbackBeforeCreateTopic",
        "group",
        "before",
    ),
    (
        "after-create-topic",
        "Group.CallbackAfterCreateTopic",
        "group",
        "after",
    ),
    (
        "after-topic-destroy",
        "Group.CallbackAfterTopicDestroyed",
        "group",
        "after",
    ),
    (
        "after-topic-info-change",
        "Group.CallbackAfterTopicInfoChanged",
        "group",
        "after",
    ),
    (
        "after-member-field-change",
        "Group.CallbackAfterMemberFieldChanged",
        "group",
        "after",
    ),
    (
        "after-attr-change",
        "Group.CallbackAfterGroupAttrChanged",
        "group",
        "after",
    ),
    (
        "after-read-receipt",
        "Group.CallbackAfterReadReceipt",
        "group",
        "after",
    ),
    (
        "after-owner-change",
        "Group.CallbackAfterChangeGroupOwner",
        "group",
        "after",
    ),
    (
        "quota-alarm",
        "Group.CallbackOnDailyGroupQuotaAlarm",
        "group",
        "notify",
    ),
    (
        "after-msg-extension",
        "Group.CallbackAfterGroupMsgExtension",
        "group",
        "after",
    ),
    (
        "c2c-before-send",
        "C2C.CallbackBeforeSendMsg",
        "c2c",
        "before",
    ),
    ("c2c-after-send", "C2C.CallbackAfterSendMsg", "c2c", "after"),
    (
        "c2c-after-msg-report",
        "C2C.CallbackAfterMsgReport",
        "c2c",
        "after",
    ),
    (
        "c2c-after-msg-withdraw",
        "C2C.CallbackAfterMsgWithDraw",
        "c2c",
        "after",
    ),
    (
        "c2c-after-msg-extension",
        "C2C.CallbackAfterC2CMsgExtension",
        "c2c",
        "after",
    ),
    (
        "sns-prev-friend-add",
        "Sns.CallbackPrevFriendAdd",
        "sns",
        "before",
    ),
    (
        "sns-prev-friend-response",
        "Sns.CallbackPrevFriendResponse",
        "sns",
        "before",
    ),
    ("sns-friend-add", "Sns.CallbackFriendAdd", "sns", "after"),
    (
        "sns-friend-delete",
        "Sns.CallbackFriendDelete",
        "sns",
        "after",
    ),
    (
        "sns-blacklist-add",
        "Sns.CallbackBlackListAdd",
        "sns",
        "after",
    ),
    (
        "sns-blacklist-delete",
        "Sns.CallbackBlackListDelete",
        "sns",
        "after",
    ),
    ("state-change", "State.StateChange", "state", "after"),
    (
        "profile-portrait-set",
        "Profile.CallbackPortraitSet",
        "profile",
        "after",
    ),
    (
        "follow-after-add",
        "Follow.CallbackAfterFollowAdd",
        "follow",
        "after",
    ),
    (
        "follow-after-delete",
        "Follow.CallbackAfterFollowDelete",
        "follow",
        "after",
    ),
    (
        "oa-before-create",
        "OfficialAccount.CallbackBeforeCreateOfficialAccount",
        "official-account",
        "before",
    ),
    (
        "oa-after-create",
        "OfficialAccount.CallbackAfterCreateOfficialAccount",
        "official-account",
        "after",
    ),
    (
        "oa-after-info-change",
        "OfficialAccount.CallbackAfterOfficialAccountInfoChanged",
        "official-account",
        "after",
    ),
    (
        "oa-after-destroy",
        "OfficialAccount.CallbackAfterOfficialAccountDestroyed",
        "official-account",
        "after",
    ),
    (
        "oa-before-add-subscriber",
        "OfficialAccount.CallbackBeforeAddSubscriber",
        "official-account",
        "before",
    ),
    (
        "oa-after-add-subscriber",
        "OfficialAccount.CallbackAfterAddSubscriber",
        "official-account",
        "after",
    ),
    (
        "oa-after-full",
        "OfficialAccount.CallbackAfterOfficialAccountFull",
        "official-account",
        "after",
    ),
    (
        "oa-after-delete-subscriber",
        "OfficialAccount.CallbackAfterDeleteSubscriber",
        "official-account",
        "after",
    ),
    (
        "oa-before-send",
        "OfficialAccount.CallbackBeforeSendMsg",
        "official-account",
        "before",
    ),
    (
        "oa-after-send",
        "OfficialAccount.CallbackAfterSendMsg",
        "official-account",
        "after",
    ),
    (
        "oa-after-msg-withdraw",
        "OfficialAccount.CallbackAfterMsgWithDraw",
        "official-account",
        "after",
    ),
    ("bot-c2c-message", "Bot.OnC2CMessage", "bot", "after"),
    ("bot-group-message", "Bot.OnGroupMessage", "bot", "after"),
    (
        "chatbot-c2c-signal",
        "Chatbot.OnC2CSignalMessage",
        "bot",
        "reply",
    ),
    (
        "content-result-notify",
        "ContentCallback.ResultNotify",
        "content",
        "notify",
    ),
    (
        "alert-request-over-limit",
        "Alert.RequestOverLimit",
        "alert",
        "notify",
    ),
    ("push-offline", "Push.OfflinePush", "push", "notify"),
    ("push-all-member", "Push.AllMemberPush", "push", "notify"),
];

/// Whether IM acts on the callback's answer.
fn decides(kind: &str) -> bool {
    kind == "before" || kind == "reply"
}

/// The query parameter names IM sends for a callback (`docs/protocol.md` §2.2).
fn query_names(alias: &str) -> &'static [&'static str] {
    match alias {
        "member-state" | "content-result-notify" | "push-offline" | "push-all-member" => {
            &["SdkAppid", "CallbackCommand", "contenttype"]
        }
        "alert-request-over-limit" => {
            &["SdkAppid", "CallbackCommand", "OptPlatform", "contenttype"]
        }
        _ => &[
            "SdkAppid",
            "CallbackCommand",
            "contenttype",
            "ClientIP",
            "OptPlatform",
        ],
    }
}

/// Fields the current docs mark as always present, per callback (`docs/protocol.md` §3).
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
        "c2c-before-send" => &[
            "From_Account",
            "To_Account",
            "MsgSeq",
            "MsgRandom",
            "MsgTime",
            "MsgKey",
            "OnlineOnlyFlag",
            "MsgBody",
            "CloudCustomData",
        ],
        "c2c-after-send" => &[
            "From_Account",
            "To_Account",
            "MsgSeq",
            "MsgRandom",
            "MsgTime",
            "MsgKey",
            "OnlineOnlyFlag",
            "MsgBody",
            "SendMsgResult",
            "ErrorInfo",
            "UnreadMsgNum",
        ],
        "c2c-after-msg-report" => &[
            "Report_Account",
            "Peer_Account",
            "LastReadTime",
            "UnreadMsgNum",
        ],
        "c2c-after-msg-withdraw" => &["From_Account", "To_Account", "MsgKey", "UnreadMsgNum"],
        "c2c-after-msg-extension" => &[
            "From_Account",
            "To_Account",
            "MsgKey",
            "OperateType",
            "ExtensionList",
            "Seq",
            "EventTime",
        ],
        "sns-prev-friend-add" => &[
            "Requester_Account",
            "From_Account",
            "FriendItem",
            "AddType",
            "ForceAddFlags",
            "EventTime",
        ],
        "sns-prev-friend-response" => &[
            "Requester_Account",
            "From_Account",
            "ResponseFriendItem",
            "EventTime",
        ],
        "sns-friend-add" => &["PairList", "ClientCmd", "Admin_Account", "ForceFlag"],
        "sns-friend-delete" | "sns-blacklist-add" | "sns-blacklist-delete" => &["PairList"],
        "state-change" => &["EventTime", "Info"],
        "profile-portrait-set" => &[
            "Operator_Account",
            "From_Account",
            "EventTime",
            "ProfileItem",
        ],
        "follow-after-add" => &["From_Account", "FollowList", "EventTime"],
        "follow-after-delete" => &["From_Account", "To_Account", "EventTime"],
        "oa-before-create" => &["Operator_Account", "Owner_Account", "Name", "EventTime"],
        "oa-after-create" => &[
            "Official_Account",
            "Operator_Account",
            "Owner_Account",
            "Name",
            "EventTime",
        ],
        "oa-after-info-change" => &["Official_Account", "Operator_Account", "EventTime"],
        "oa-after-destroy" => &["Official_Account", "Owner_Account", "Name", "EventTime"],
        "oa-before-add-subscriber" | "oa-after-add-subscriber" | "oa-after-delete-subscriber" => &[
            "Official_Account",
            "Operator_Account",
            "SubscribeAccountList",
            "EventTime",
        ],
        "oa-after-full" => &["Official_Account", "EventTime"],
        "oa-before-send" => &[
            "Official_Account",
            "OnlineOnlyFlag",
            "MsgBody",
            "CloudCustomData",
            "EventTime",
        ],
        "oa-after-send" => &[
            "Official_Account",
            "MsgKey",
            "MsgTime",
            "OnlineOnlyFlag",
            "MsgBody",
            "CloudCustomData",
            "EventTime",
        ],
        "oa-after-msg-withdraw" => &["Official_Account", "WithdrawMsgList", "EventTime"],
        "bot-c2c-message" => &[
            "From_Account",
            "To_Account",
            "MsgSeq",
            "MsgRandom",
            "MsgTime",
            "MsgKey",
            "OnlineOnlyFlag",
            "SendMsgResult",
            "ErrorInfo",
            "MsgBody",
            "CloudCustomData",
            "EventTime",
        ],
        "bot-group-message" => &[
            "GroupId",
            "Type",
            "From_Account",
            "Operator_Account",
            "Random",
            "MsgSeq",
            "MsgTime",
            "OnlineOnlyFlag",
            "MsgBody",
            "AtRobots_Account",
            "CloudCustomData",
            "EventTime",
        ],
        "chatbot-c2c-signal" => &[
            "From_Account",
            "To_Account",
            "MsgSeq",
            "MsgRandom",
            "MsgKey",
            "EventTime",
            "Data",
        ],
        "content-result-notify" => &[
            "Scene",
            "SdkAppId",
            "From_Account",
            "ContentType",
            "CtxcbResult",
            "CtxcbRequestId",
            "CtxcbSuggestion",
            "CtxcbLabel",
        ],
        "alert-request-over-limit" => &["ServiceName", "Command", "Request", "Limit"],
        "push-offline" | "push-all-member" => &["Events"],
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
fn list_has_all_57_by_family_with_kind_query_and_answer() {
    let list = run(&["list", "--format", "json"]).json();
    let listed: Vec<(String, String, String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let text = |key: &str| entry[key].as_str().unwrap().to_string();
            (text("alias"), text("command"), text("family"), text("kind"))
        })
        .collect();
    let expected: Vec<(String, String, String, String)> = ALIASES
        .iter()
        .map(|(a, c, f, k)| (a.to_string(), c.to_string(), f.to_string(), k.to_string()))
        .collect();
    assert_eq!(listed, expected);
    // The first version's keys are all still there.
    for entry in list.as_array().unwrap() {
        for key in [
            "alias",
            "command",
            "kind",
            "trigger",
            "decisions",
            "flags",
            "family",
            "query_shape",
            "section",
        ] {
            assert!(entry.get(key).is_some(), "{key}: {entry}");
        }
    }
    let shape = |alias: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|e| e["alias"] == alias)
            .unwrap()["query_shape"]
            .clone()
    };
    assert_eq!(shape("state-change"), "full-ios");
    assert_eq!(shape("alert-request-over-limit"), "alert");
    assert_eq!(shape("push-offline"), "short");
    assert_eq!(shape("before-create"), "full");

    let table = run(&["list"]).stdout;
    for (alias, command, _, kind) in ALIASES {
        let row = table
            .lines()
            .find(|line| line.starts_with(&format!("{alias} ")))
            .unwrap_or("");
        assert!(
            row.contains(command) && row.contains(kind),
            "{alias}: {row}"
        );
    }
    let row = |alias: &str| {
        table
            .lines()
            .find(|line| line.starts_with(&format!("{alias} ")))
            .unwrap()
            .to_string()
    };
    assert!(
        row("before-send").contains("drop silently (2)")
            && row("before-send").contains("rewrite the message")
    );
    assert!(
        row("c2c-before-send").contains("deny (20006)")
            && row("c2c-before-send").contains("deny with 120001-130000")
    );
    assert!(
        row("oa-before-send").contains("deny (10016)"),
        "{}",
        row("oa-before-send")
    );
    assert!(row("sns-prev-friend-add").contains("refuse some targets (ResultCode 38000-39000)"));
    assert!(row("oa-before-add-subscriber").contains("refuse some subscribers"));
    assert!(row("chatbot-c2c-signal").contains("return RspData to the chatbot"));
    // One heading per family, in the order of docs/protocol.md §3.
    let headings: Vec<&str> = table
        .lines()
        .filter(|line| line.contains("callbacks, docs/protocol.md §"))
        .collect();
    assert_eq!(headings.len(), 11, "{table}");
    assert!(
        headings[0].starts_with("Group")
            && headings[0].contains("24 callbacks, docs/protocol.md §3.1")
    );
}

#[test]
fn list_filters_by_family_in_both_formats() {
    let json = run(&["list", "--family", "c2c", "--format", "json"]).json();
    let aliases: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["alias"].as_str().unwrap())
        .collect();
    let c2c: Vec<&str> = ALIASES
        .iter()
        .filter(|row| row.2 == "c2c")
        .map(|row| row.0)
        .collect();
    assert_eq!(aliases, c2c);
    let human = run(&["list", "--family", "OFFICIAL-ACCOUNT"]);
    assert_eq!(human.code, 0);
    assert!(human.stdout.contains("oa-before-add-subscriber"));
    assert!(
        !human
            .stdout
            .lines()
            .any(|line| line.starts_with("before-create "))
    );
    let bad = run(&["list", "--family", "groups"]);
    assert_eq!(bad.code, 4, "{}", bad.stderr);
    assert!(bad.stderr.contains("official-account"), "{}", bad.stderr);
}

#[test]
fn every_example_is_its_fixture_with_the_required_fields() {
    for (alias, command, family, _) in ALIASES {
        let run = run(&["example", alias]);
        assert_eq!(run.code, 0, "{alias}");
        assert_eq!(
            run.stdout,
            fixture_text(&format!("callbacks/{alias}.json")),
            "{alias}: example and fixture differ"
        );
        let body = run.json();
        match alias {
            // No CallbackCommand at all (docs/protocol.md §2.11).
            "content-result-notify" => assert!(body.get("CallbackCommand").is_none()),
            // One in each event, none on top.
            "push-offline" | "push-all-member" => {
                assert!(body.get("CallbackCommand").is_none());
                for event in body["Events"].as_array().unwrap() {
                    assert_eq!(event["CallbackCommand"], command, "{alias}");
                }
            }
            _ => assert_eq!(body["CallbackCommand"], command, "{alias}"),
        }
        for field in required(alias) {
            assert!(body.get(field).is_some(), "{alias}: sample lacks {field}");
        }
        event_times_are_integers(alias, &body);
        let mut names = vec![
            command.to_string(),
            command.to_uppercase(),
            alias.to_uppercase(),
        ];
        if family == "group" {
            names.push(command.trim_start_matches("Group.").to_lowercase());
        }
        for name in names {
            assert_eq!(run_example(&name), run.stdout, "{name}");
        }
    }
}

fn run_example(name: &str) -> String {
    run(&["example", name]).stdout
}

#[test]
fn only_group_commands_resolve_without_their_family() {
    let short = run(&["example", "CallbackPrevFriendAdd"]);
    assert_eq!(short.code, 4);
    assert!(
        short.stderr.contains("did you mean `sns-prev-friend-add`"),
        "{}",
        short.stderr
    );
    // The group callbacks keep the form scripts use.
    assert_eq!(
        run(&["example", "CallbackBeforeSendMsg"]).json()["CallbackCommand"],
        "Group.CallbackBeforeSendMsg"
    );
    let typo = run(&["example", "c2c-befor-send"]);
    assert!(
        typo.stderr.contains("did you mean `c2c-before-send`"),
        "{}",
        typo.stderr
    );
}

#[test]
fn every_callback_by_every_name_passes_against_a_receiver() {
    let receiver = Receiver::allowing();
    let mut sent = 0;
    for (alias, command, family, kind) in ALIASES {
        let mut names = vec![alias, command];
        let short = command.trim_start_matches("Group.");
        if family == "group" {
            names.push(short);
        }
        for name in names {
            let run = send_json(name, &receiver.url, &[]);
            assert_eq!(run.code, 0, "{name}: {}", run.stdout);
            let report = run.json();
            assert_eq!(report["verdict"], "pass", "{name}");
            assert_eq!(report["kind"], kind, "{name}");
            let decision = if decides(kind) { "allow" } else { "ignored" };
            assert_eq!(report["decision"], decision, "{name}");
            sent += 1;
        }
    }
    let received = receiver.received();
    assert_eq!(received.len(), sent);
    for request in &received {
        let query = request.query_pairs();
        let command = &query[1].1;
        let (alias, ..) = ALIASES.iter().find(|row| row.1 == command).unwrap();
        let names: Vec<&str> = query.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(names, query_names(alias), "{alias}");
        event_times_are_integers(alias, &request.body_json());
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
            // `Events.*.To_Account`: every event's.
            let paths: Vec<String> = match field.path.split_once(".*.") {
                Some((list, key)) => (0..body[list].as_array().unwrap().len())
                    .map(|index| format!("{list}.{index}.{key}"))
                    .collect(),
                None => vec![field.path.to_string()],
            };
            assert!(!paths.is_empty(), "{} {flag}", callback.alias);
            for path in paths {
                let at = get_path(&body, &path).cloned().unwrap_or_default();
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
                    // Each item keeps the sample's other fields.
                    Shape::Items(key) => {
                        let items = at.as_array().cloned().unwrap_or_default();
                        assert_eq!(items.len(), 1, "{} {flag}", callback.alias);
                        let sample = callback.sample_body();
                        let first = get_path(&sample, &path)
                            .and_then(|list| list.get(0))
                            .cloned()
                            .unwrap();
                        for (name, value) in first.as_object().unwrap() {
                            if name != key {
                                assert_eq!(&items[0][name], value, "{} {flag}", callback.alias);
                            }
                        }
                        json!([{ key: items[0][key].clone() }])
                    }
                    _ => at,
                };
                let expected = match field.shape {
                    Shape::String | Shape::User | Shape::Text => json!("flagvalue"),
                    Shape::Integer => json!(1700000000000i64),
                    Shape::Members => json!([{ "Member_Account": "flagvalue" }]),
                    Shape::StringList | Shape::Strings => json!(["flagvalue"]),
                    Shape::Items(key) => json!([{ key: "flagvalue" }]),
                };
                assert_eq!(got, expected, "{} {flag}", callback.alias);
            }
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

/// The body shapes of docs/protocol.md §2.11, as sent: push batches, the moderation result
/// without CallbackCommand and with the query's SdkAppid, follow add vs delete, the request
/// fields named like the answer's.
#[test]
fn each_family_is_sent_in_its_own_body_shape() {
    let receiver = Receiver::allowing();
    let sent = |alias: &str, extra: &[&str]| {
        let run = send_json(alias, &receiver.url, extra);
        assert_eq!(run.code, 0, "{alias}: {}", run.stdout);
        receiver.received().last().unwrap().clone()
    };
    let push = sent("push-offline", &["--to", "carol"]).body_json();
    assert!(push.get("CallbackCommand").is_none());
    let events = push["Events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    for event in events {
        assert_eq!(event["CallbackCommand"], "Push.OfflinePush");
        assert_eq!(event["To_Account"], "carol");
    }
    assert_eq!(events[1]["GroupID"], "@TGS#12DEVUDHQ");

    let content = sent("content-result-notify", &["--sdkappid", "1400123456"]);
    assert!(content.query.contains("SdkAppid=1400123456"));
    let body = content.body_json();
    assert!(body.get("CallbackCommand").is_none());
    assert_eq!(body["SdkAppId"], 1400123456);
    // A --set still wins, to test a receiver's own check.
    let mismatch = sent("content-result-notify", &["--set", "SdkAppId=1"]).body_json();
    assert_eq!(mismatch["SdkAppId"], 1);

    let add = sent("follow-after-add", &["--member", "x", "--member", "y"]).body_json();
    assert_eq!(
        add["FollowList"],
        json!([{ "To_Account": "x" }, { "To_Account": "y" }])
    );
    let delete = sent("follow-after-delete", &["--member", "x", "--member", "y"]).body_json();
    assert_eq!(delete["To_Account"], json!(["x", "y"]));

    let after = sent("c2c-after-send", &[]).body_json();
    assert_eq!(after["SendMsgResult"], 0);
    assert_eq!(after["ErrorInfo"], "send msg succeed");

    let friends = sent(
        "sns-prev-friend-add",
        &["--member", "zoe", "--requestor", "r"],
    )
    .body_json();
    assert_eq!(friends["Requester_Account"], "r");
    assert_eq!(friends["FriendItem"][0]["To_Account"], "zoe");
    assert_eq!(
        friends["FriendItem"][0]["AddSource"],
        "AddSource_Type_Android"
    );
}

/// State.StateChange writes iOS as IOS (docs/protocol.md §2.2); the alert shape has no
/// ClientIP and puts OptPlatform before contenttype.
#[test]
fn state_change_says_ios_the_state_way_and_alerts_have_their_own_query() {
    let receiver = Receiver::allowing();
    for platform in ["iOS", "IOS", "ios"] {
        let run = send_json(
            "state-change",
            &receiver.url,
            &["--platform", platform, "--account", "u1"],
        );
        assert_eq!(run.code, 0);
        let got = receiver.received().last().unwrap().clone();
        assert!(
            got.query.ends_with("&OptPlatform=IOS"),
            "{platform}: {}",
            got.query
        );
        assert_eq!(got.body_json()["Info"]["To_Account"], "u1");
    }
    send_json("c2c-before-send", &receiver.url, &["--platform", "iOS"]);
    assert!(
        receiver
            .received()
            .last()
            .unwrap()
            .query
            .ends_with("&OptPlatform=iOS")
    );
    send_json("alert-request-over-limit", &receiver.url, &[]);
    assert_eq!(
        receiver.received().last().unwrap().query,
        "SdkAppid=1400000000&CallbackCommand=Alert.RequestOverLimit&OptPlatform=RESTAPI&contenttype=json"
    );
}

#[test]
fn the_new_typed_flags_fit_each_family_and_say_so_when_they_do_not() {
    let cases: [(&str, &[&str], &str, Value); 7] = [
        (
            "c2c-before-send",
            &["--to", "bob", "--text", "hi"],
            "To_Account",
            json!("bob"),
        ),
        (
            "oa-before-send",
            &["--account", "@TOA#_x"],
            "Official_Account",
            json!("@TOA#_x"),
        ),
        (
            "profile-portrait-set",
            &["--account", "u2"],
            "From_Account",
            json!("u2"),
        ),
        (
            "c2c-after-msg-report",
            &["--account", "u3"],
            "Report_Account",
            json!("u3"),
        ),
        (
            "oa-before-add-subscriber",
            &["--member", "s1"],
            "SubscribeAccountList",
            json!([{ "Subscriber_Account": "s1" }]),
        ),
        (
            "sns-friend-add",
            &["--member", "f1"],
            "PairList",
            json!([{ "From_Account": "id", "To_Account": "f1", "Initiator_Account": "id" }]),
        ),
        (
            "content-result-notify",
            &["--text", "bad words"],
            "TextContent",
            json!(["bad words"]),
        ),
    ];
    for (alias, args, path, expected) in cases {
        let mut full = vec!["example", alias];
        full.extend_from_slice(args);
        let run = run(&full);
        assert_eq!(run.code, 0, "{alias}: {}", run.stderr);
        assert_eq!(get_path(&run.json(), path), Some(&expected), "{alias}");
    }
    for (alias, flag, listed) in [
        ("c2c-after-msg-report", "--to", "--account"),
        ("push-all-member", "--from", "--to"),
        ("state-change", "--text", "--account"),
        ("oa-before-create", "--account", "--owner"),
    ] {
        let run = run(&["send", alias, "--url", "http://127.0.0.1:9/im", flag, "x"]);
        assert_eq!(run.code, 4, "{alias} {flag}");
        assert!(
            run.stderr
                .contains(&format!("{alias} has no field for {flag}")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(listed), "{alias}: {}", run.stderr);
    }
    let none = run(&[
        "send",
        "alert-request-over-limit",
        "--url",
        "http://127.0.0.1:9/im",
        "--from",
        "x",
    ]);
    assert_eq!(none.code, 4);
    assert!(
        none.stderr.contains("takes no typed flags"),
        "{}",
        none.stderr
    );
}
