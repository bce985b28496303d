//! The small families: state (§3.4), profile (§3.5), follow (§3.6), content moderation
//! (§3.9), alerts (§3.10) and push (§3.11) of `docs/protocol.md`.

use super::super::common::*;
use super::super::model::{
    Constraint, FieldSpec, IntFormat, Literal, StrFormat, Type, array, field, int_of, integer,
    one_of, string,
};
use super::super::{Callback, Envelope, Family, Field, Kind, QueryShape, Shape, values};
use super::c2c::callback;

const LOGIN: &[Literal] = &[Literal::Str("Login")];

/// §3.4.1: the query writes iOS as `IOS`; `KickedDevice[].Platform` writes `iOS`.
pub const STATE_CHANGE: Callback = Callback {
    body: &[
        COMMAND,
        EVENT_TIME,
        field(
            "Info",
            Type::Object(&[
                field("Action", one_of(&values::STATE_ACTION), "what happened"),
                field("To_Account", USER, "the user whose state changed"),
                field("Reason", one_of(&values::STATE_REASON), "why"),
                field("CustomStatus", TEXT, "the new custom status").when_value(
                    "a custom status was set (current INTL-zh-34357 only; its nesting is unconfirmed)",
                    "Action",
                    &[Literal::Str("CustomStatusChange")],
                ),
            ]),
            "the change",
        ),
        field(
            "KickedDevice",
            array(&Type::Object(&[field(
                "Platform",
                one_of(&values::KICKED_PLATFORM),
                "a device kicked off",
            )])),
            "the devices this login kicked off",
        )
        .when_value("a login that kicked other devices off", "Info.Action", LOGIN),
    ],
    constraints: &[Constraint::Pairs {
        first: "Info.Action",
        second: "Info.Reason",
        pairs: &[
            (Literal::Str("Login"), Literal::Str("Register")),
            (Literal::Str("Logout"), Literal::Str("Unregister")),
            (Literal::Str("Disconnect"), Literal::Str("LinkClose")),
            (Literal::Str("Disconnect"), Literal::Str("TimeOut")),
            (
                Literal::Str("CustomStatusChange"),
                Literal::Str("SetCustomStatus"),
            ),
        ],
    }],
    fields: &[at(Field::Account, "Info.To_Account"), F_EVENT_TIME],
    query: QueryShape::FullIos,
    ..callback(
        Family::State,
        "State.StateChange",
        "state-change",
        Kind::After,
        "3.4.1",
        "a user logged in, logged out, lost the connection or set a custom status",
        include_str!("../../../../fixtures/callbacks/state-change.json"),
    )
};

/// §3.5.1: `Value` is a string or an integer by its tag.
pub const PORTRAIT_SET: Callback = Callback {
    body: &[
        COMMAND,
        OPERATOR.meaning("who changed it"),
        FROM.meaning("whose profile changed"),
        EVENT_TIME,
        field(
            "ProfileItem",
            array(&Type::Object(&[
                field("Tag", one_of(&values::PROFILE_TAG), "the profile field"),
                field(
                    "Value",
                    Type::StringOrInteger,
                    "its new value (string or integer by tag)",
                ),
            ])),
            "the changed fields with their new values",
        ),
    ],
    fields: &[F_OPERATOR, at(Field::Account, "From_Account"), F_EVENT_TIME],
    ..callback(
        Family::Profile,
        "Profile.CallbackPortraitSet",
        "profile-portrait-set",
        Kind::After,
        "3.5.1",
        "a user's profile was changed",
        include_str!("../../../../fixtures/callbacks/profile-portrait-set.json"),
    )
};

/// §3.6.1: targets as objects here, as plain strings in §3.6.2.
pub const FOLLOW_ADD: Callback = Callback {
    body: &[
        COMMAND,
        FROM.meaning("the follower"),
        field(
            "FollowList",
            array(&Type::Object(&[TO.meaning("a user now followed")])),
            "the users now followed",
        ),
        EVENT_TIME,
    ],
    fields: &[F_FROM, items("FollowList", "To_Account"), F_EVENT_TIME],
    ..callback(
        Family::Follow,
        "Follow.CallbackAfterFollowAdd",
        "follow-after-add",
        Kind::After,
        "3.6.1",
        "a user followed others",
        include_str!("../../../../fixtures/callbacks/follow-after-add.json"),
    )
};

/// §3.6.2: `To_Account` is an array of strings (the table says "user objects").
pub const FOLLOW_DELETE: Callback = Callback {
    body: &[
        COMMAND,
        FROM.meaning("who unfollowed"),
        field("To_Account", array(&USER), "the users no longer followed"),
        EVENT_TIME,
    ],
    fields: &[
        F_FROM,
        shaped(Field::Member, "To_Account", Shape::Strings),
        F_EVENT_TIME,
    ],
    ..callback(
        Family::Follow,
        "Follow.CallbackAfterFollowDelete",
        "follow-after-delete",
        Kind::After,
        "3.6.2",
        "a user unfollowed others",
        include_str!("../../../../fixtures/callbacks/follow-after-delete.json"),
    )
};

const MESSAGE_SCENE: &str = "a message scene (C2C, C2CCustom, Group, GroupCustom)";
const TEXT_CONTENT: &[Literal] = &[Literal::Str("Text")];
const FILE_CONTENT: &[Literal] = &[
    Literal::Str("Image"),
    Literal::Str("Audio"),
    Literal::Str("Video"),
];

/// §3.9.1: no CallbackCommand in the body; `SdkAppId` (capital I) equals the query's
/// `SdkAppid`. By default only violations are sent.
pub const CONTENT_RESULT: Callback = Callback {
    body: &[
        field("Scene", one_of(&values::SCENE), "what was moderated"),
        field(
            "SdkAppId",
            integer(IntFormat::SdkAppid),
            "the app, equal to the query's SdkAppid",
        ),
        FROM.meaning("the author"),
        field(
            "ContactItem",
            Type::Object(&[
                field(
                    "ContactType",
                    int_of(&values::CONTACT_TYPE),
                    "1 one-to-one, 2 group",
                ),
                TO.meaning("the recipient user")
                    .when_value("one-to-one", "ContactType", ONE),
                field(
                    "ToGroupId",
                    string(StrFormat::GroupId),
                    "the recipient group",
                )
                .when_value("group", "ContactType", TWO),
            ]),
            "the recipient",
        )
        .when(MESSAGE_SCENE),
        field(
            "ContentType",
            one_of(&values::CONTENT_TYPE),
            "the kind of content",
        ),
        field("TextContent", array(&TEXT), "the moderated text").when_value(
            "text content",
            "ContentType",
            TEXT_CONTENT,
        ),
        field("FileURL", string(StrFormat::Url), "the moderated file").when_value(
            "image, audio or video content",
            "ContentType",
            FILE_CONTENT,
        ),
        field(
            "MsgID",
            string(StrFormat::MsgKey),
            "C2C: the MsgKey; group: the MsgSeq (absent: the message was blocked)",
        )
        .when(MESSAGE_SCENE),
        field(
            "CtxcbResult",
            int_of(&values::CTXCB_RESULT),
            "what IM did: 1 blocked, 0 passed",
        ),
        field(
            "CtxcbRequestId",
            string(StrFormat::Opaque),
            "the moderation request",
        ),
        field("CtxcbKeywords", array(&TEXT), "the words that matched").when("text hits"),
        field(
            "CtxcbSuggestion",
            one_of(&values::CTXCB_SUGGESTION),
            "the suggestion",
        ),
        field("CtxcbLabel", one_of(&values::CTXCB_LABEL), "the label"),
        field("CtxcbSubLabel", TEXT, "a finer label").when(EXAMPLE_ONLY),
        field("CtxcbSubLabelDesc", TEXT, "its description").when(EXAMPLE_ONLY),
        field("CtxcbLibName", TEXT, "the custom library that matched").when(EXAMPLE_ONLY),
        CLOUD_CUSTOM_DATA
            .meaning("the message's custom data")
            .when(MESSAGE_SCENE),
    ],
    envelope: Envelope::QueryOnly,
    fields: &[
        F_FROM,
        at(Field::To, "ContactItem.To_Account"),
        at(Field::GroupId, "ContactItem.ToGroupId"),
        shaped(Field::Text, "TextContent", Shape::StringList),
    ],
    query: QueryShape::Short,
    ..callback(
        Family::Content,
        "ContentCallback.ResultNotify",
        "content-result-notify",
        Kind::Notify,
        "3.9.1",
        "cloud moderation produced a verdict",
        include_str!("../../../../fixtures/callbacks/content-result-notify.json"),
    )
};

const EXAMPLE_ONLY: &str = "the current example has it; the tables do not";

/// §3.10.1: sent as soon as a callback URL exists, without a switch; the alert query
/// shape (no ClientIP, OptPlatform before contenttype).
pub const REQUEST_OVER_LIMIT: Callback = Callback {
    body: &[
        COMMAND,
        field("ServiceName", TEXT, "the API's internal service (openim)"),
        field("Command", TEXT, "the API's command word (batchsendmsg)"),
        field("Request", COUNT, "the current rate, QPS (may exceed Limit)"),
        field("Limit", COUNT, "the threshold, QPS"),
    ],
    query: QueryShape::Alert,
    ..callback(
        Family::Alert,
        "Alert.RequestOverLimit",
        "alert-request-over-limit",
        Kind::Notify,
        "3.10.1",
        "a REST API's request rate passed 80 % of its limit",
        include_str!("../../../../fixtures/callbacks/alert-request-over-limit.json"),
    )
};

const EVENT_COMMAND: FieldSpec = field(
    "CallbackCommand",
    string(StrFormat::Command),
    "the callback's command, in each event",
);
const PUSH_TIME: FieldSpec = field("EventTime", SECONDS, "event time, Unix s (not ms)");
const PUSH_PLATFORM: FieldSpec = field(
    "PushPlatform",
    int_of(&values::PUSH_PLATFORM),
    "the push vendor",
);
const PUSH_STAGE: FieldSpec = field("PushStage", int_of(&values::PUSH_STAGE), "how far it got");
const ERR_CODE: FieldSpec = field(
    "ErrCode",
    integer(IntFormat::Code),
    "the push result, 0 success (not the answer's)",
);
const ERR_INFO: FieldSpec = field("ErrInfo", TEXT, "the result text, may be empty");

/// `{"Events": [event, …]}`, 1-100 events.
const fn events(event: &'static Type) -> FieldSpec {
    field(
        "Events",
        Type::Array {
            items: event,
            min: 1,
            max: Some(100),
        },
        "the batched events",
    )
}

const PUSH_FLAGS: &[super::super::FieldPath] = &[
    at(Field::From, "Events.*.From_Account"),
    at(Field::To, "Events.*.To_Account"),
];

/// §3.11.1: batched events, `GroupID` (capital D) on group events.
pub const OFFLINE_PUSH: Callback = Callback {
    body: &[events(&Type::Object(&[
        EVENT_COMMAND,
        field(
            "EventType",
            int_of(&values::OFFLINE_PUSH_EVENT),
            "1 C2C message, 2 group message",
        ),
        PUSH_TIME,
        FROM.meaning("the message's sender"),
        TO.meaning("the push recipient"),
        PUSH_PLATFORM,
        PUSH_STAGE,
        MSG_KEY
            .meaning("the C2C message")
            .when_value("a C2C message", "EventType", ONE),
        field(
            "GroupID",
            string(StrFormat::GroupId),
            "the group (GroupID, not GroupId)",
        )
        .when_value("a group message", "EventType", TWO),
        MSG_SEQ,
        MSG_RANDOM.when("the table says empty for group messages; the group example has it"),
        MSG_TIME,
        field(
            "PushID",
            string(StrFormat::Opaque),
            "the push, searchable in the console",
        )
        .newer("SDK-doocs lacks it"),
        ERR_CODE,
        ERR_INFO,
    ]))],
    envelope: Envelope::Events,
    fields: PUSH_FLAGS,
    query: QueryShape::Short,
    ..callback(
        Family::Push,
        "Push.OfflinePush",
        "push-offline",
        Kind::Notify,
        "3.11.1",
        "offline pushes of one-to-one and group messages had results",
        include_str!("../../../../fixtures/callbacks/push-offline.json"),
    )
};

/// §3.11.2: `DeviceType` is left out of the sample (its description contradicts
/// `PushPlatform`'s, §4 D24).
pub const ALL_MEMBER_PUSH: Callback = Callback {
    body: &[events(&Type::Object(&[
        EVENT_COMMAND,
        field(
            "EventType",
            int_of(&values::ALL_MEMBER_PUSH_EVENT),
            "1 offline push, 2 online push",
        ),
        field("TaskId", string(StrFormat::Opaque), "the push task"),
        field(
            "DataId",
            string(StrFormat::Opaque),
            "the caller's business ID from the push request",
        )
        .when("the push request gave one (table only)"),
        field("TaskTime", SECONDS, "task start, Unix s"),
        PUSH_TIME,
        TO.meaning("the recipient"),
        PUSH_PLATFORM,
        field(
            "DeviceType",
            int_of(&values::PUSH_PLATFORM),
            "the device vendor",
        )
        .when("table only (§4 D24)"),
        PUSH_STAGE,
        ERR_CODE,
        ERR_INFO,
    ]))],
    envelope: Envelope::Events,
    fields: &[at(Field::To, "Events.*.To_Account")],
    query: QueryShape::Short,
    ..callback(
        Family::Push,
        "Push.AllMemberPush",
        "push-all-member",
        Kind::Notify,
        "3.11.2",
        "push-to-all, tag and UserID push tasks had results",
        include_str!("../../../../fixtures/callbacks/push-all-member.json"),
    )
};
