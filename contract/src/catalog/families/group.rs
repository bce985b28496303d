//! The 24 group callbacks of the official category (`docs/protocol.md` §3.1). Samples live
//! in `fixtures/callbacks/<alias>.json`.

use super::super::common::*;
use super::super::model::{
    Constraint, FieldSpec, IntFormat, Presence, StrFormat, Type, array, field, int_of, integer,
    one_of, string,
};
use super::super::{
    AnswerSemantics, Callback, Decides, Envelope, Family, Field, FieldPath, Kind, QueryShape,
    Refusal, Refuse, Shape, values,
};
use super::{GROUP_CUSTOM, REPLACEMENT, decides, group_decides, refused_list};

const fn group(
    command: &'static str,
    alias: &'static str,
    kind: Kind,
    section: &'static str,
    trigger: &'static str,
    sample: &'static str,
) -> Callback {
    Callback {
        command,
        alias,
        family: Family::Group,
        kind,
        section,
        trigger,
        sample,
        body: &[],
        constraints: &[],
        envelope: Envelope::Body,
        fields: &[],
        query: QueryShape::Full,
        answer: AnswerSemantics::Ignored,
    }
}

const MEMBER_LIST: FieldSpec = field("MemberList", MEMBER_LIST_TYPE, "the members");
const MEMBER_LIST_TYPE: Type = super::super::common::MEMBER_LIST;
const REQUIRED_TOPIC: FieldSpec = TOPIC_ID.with(Presence::Required);
const INTRODUCTION: FieldSpec = field("Introduction", TEXT, "the new introduction");
const NOTIFICATION: FieldSpec = field("Notification", TEXT, "the new notice");
const FACE_URL: FieldSpec = field("FaceUrl", string(StrFormat::Url), "the new avatar URL");
const CHANGED: &str = "it changed";

/// §3.1.1: no GroupId yet; the current docs dropped the count field (CreatedNum,
/// CreatedGroupNum, CreateGroupNum: variant fixtures keep each) and added EventTime.
pub const BEFORE_CREATE: Callback = Callback {
    body: &[
        COMMAND,
        OPERATOR.meaning("who creates the group"),
        OWNER.meaning("the intended owner"),
        GROUP_TYPE,
        NAME.meaning("the group name"),
        MEMBER_LIST.meaning("the initial members"),
        GROUP_EVENT_TIME,
        field(
            "CreatedNum",
            COUNT,
            "groups of this type the user already created",
        )
        .legacy("the 2019 revision and SEED-0"),
        field("CreateGroupNum", COUNT, "the same count, later spelling")
            .legacy("INTL-2023, an older CN-1662, the 2022 table"),
        field("CreatedGroupNum", COUNT, "the same count, third spelling")
            .legacy("the 2022 example"),
    ],
    fields: &[
        F_OPERATOR,
        F_OWNER,
        F_GROUP_TYPE,
        F_NAME,
        members("MemberList"),
        F_EVENT_TIME,
    ],
    answer: group_decides(
        "create the group",
        "the creation",
        "users cannot create groups",
    ),
    ..group(
        "Group.CallbackBeforeCreateGroup",
        "before-create",
        Kind::Before,
        "3.1.1",
        "a user or the REST API creates a group",
        include_str!("../../../../fixtures/callbacks/before-create.json"),
    )
};

/// §3.1.2: Community groups get it about 3 s late; UserDefinedDataList only when group
/// custom fields are enabled.
pub const AFTER_CREATE: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID.meaning("the new group"),
        OPERATOR.meaning("the creator"),
        OWNER,
        GROUP_TYPE,
        NAME.meaning("the group name"),
        MEMBER_LIST.meaning("the initial members"),
        USER_DEFINED,
        GROUP_EVENT_TIME,
    ],
    fields: &[
        F_GROUP_ID,
        F_OPERATOR,
        F_OWNER,
        F_GROUP_TYPE,
        F_NAME,
        members("MemberList"),
        F_EVENT_TIME,
    ],
    ..group(
        "Group.CallbackAfterCreateGroup",
        "after-create",
        Kind::After,
        "3.1.2",
        "a group was created",
        include_str!("../../../../fixtures/callbacks/after-create.json"),
    )
};

/// §3.1.3: allowing does not skip admin approval where the group requires it.
pub const BEFORE_APPLY: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        field("Requestor_Account", USER, "the applicant"),
        field("ApplyMsg", TEXT, "the application text").newer("INTL-2023 lacks it"),
        GROUP_EVENT_TIME,
        TOPIC_ID.when("joining a private topic"),
    ],
    fields: &[
        F_GROUP_ID,
        F_GROUP_TYPE,
        at(Field::Requestor, "Requestor_Account"),
        at(Field::Text, "ApplyMsg"),
        F_TOPIC_ID,
        F_EVENT_TIME,
    ],
    answer: group_decides(
        "go on with the application (admins still approve where the group requires it)",
        "the application",
        "users cannot apply to join groups",
    ),
    ..group(
        "Group.CallbackBeforeApplyJoinGroup",
        "before-apply",
        Kind::Before,
        "3.1.3",
        "a user applies to join a group",
        include_str!("../../../../fixtures/callbacks/before-apply.json"),
    )
};

/// §3.1.4: the answer may refuse some of DestinationMembers and let the rest in.
pub const BEFORE_INVITE: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        OPERATOR.meaning("the inviter"),
        field("DestinationMembers", MEMBER_LIST_TYPE, "the users to add"),
        GROUP_EVENT_TIME,
        TOPIC_ID.when("inviting into a private topic"),
    ],
    fields: &[
        F_GROUP_ID,
        F_GROUP_TYPE,
        F_OPERATOR,
        members("DestinationMembers"),
        F_TOPIC_ID,
        F_EVENT_TIME,
    ],
    answer: AnswerSemantics::Decides(Decides {
        refusal: Some(Refusal {
            request: "DestinationMembers",
            user: "Member_Account",
            noun: "invitee",
            how: Refuse::List("RefusedMembers_Account"),
        }),
        extra: &[refused_list(
            "RefusedMembers_Account",
            "UserIDs not to add; the rest join (with ErrorCode 0)",
        )],
        ..decides(
            "add the invited members",
            "the invitation",
            "members cannot invite anyone into a group",
            "the caller",
            Some(10016),
            Some(GROUP_CUSTOM),
        )
    }),
    ..group(
        "Group.CallbackBeforeInviteJoinGroup",
        "before-invite",
        Kind::Before,
        "3.1.4",
        "a member invites users or the REST API adds members",
        include_str!("../../../../fixtures/callbacks/before-invite.json"),
    )
};

/// §3.1.5
pub const AFTER_JOIN: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        field("JoinType", one_of(&values::JOIN_TYPE), "how they joined"),
        OPERATOR,
        field("NewMemberList", MEMBER_LIST_TYPE, "the users who joined"),
        GROUP_EVENT_TIME,
    ],
    fields: &[
        F_GROUP_ID,
        F_GROUP_TYPE,
        at(Field::JoinType, "JoinType"),
        F_OPERATOR,
        members("NewMemberList"),
        F_EVENT_TIME,
    ],
    ..group(
        "Group.CallbackAfterNewMemberJoin",
        "after-join",
        Kind::After,
        "3.1.5",
        "users joined a group (approved, invited or added)",
        include_str!("../../../../fixtures/callbacks/after-join.json"),
    )
};

/// §3.1.6
pub const AFTER_EXIT: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        field("ExitType", one_of(&values::EXIT_TYPE), "how they left"),
        OPERATOR.meaning("the operator, or the leaver"),
        field("ExitMemberList", MEMBER_LIST_TYPE, "the members who left"),
        GROUP_EVENT_TIME,
        TOPIC_ID.when("a private topic (unconfirmed)"),
    ],
    fields: &[
        F_GROUP_ID,
        F_GROUP_TYPE,
        at(Field::ExitType, "ExitType"),
        F_OPERATOR,
        members("ExitMemberList"),
        F_TOPIC_ID,
        F_EVENT_TIME,
    ],
    ..group(
        "Group.CallbackAfterMemberExit",
        "after-exit",
        Kind::After,
        "3.1.6",
        "members quit or were removed",
        include_str!("../../../../fixtures/callbacks/after-exit.json"),
    )
};

/// The fields a group message carries (§3.1.7).
const GROUP_MESSAGE_FLAGS: &[FieldPath] = &[
    F_GROUP_ID,
    F_GROUP_TYPE,
    F_FROM,
    F_OPERATOR,
    F_TEXT,
    F_TOPIC_ID,
    F_EVENT_TIME,
];

/// §3.1.7: the only group callback whose answer can drop (2) or rewrite the content.
pub const BEFORE_SEND: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        FROM,
        OPERATOR.meaning("who sent the request (differs from the sender for admin sends)"),
        RANDOM,
        MSG_ID.newer("INTL-2023 lacks it"),
        ONLINE_ONLY_FLAG,
        MSG_BODY,
        CLOUD_CUSTOM_DATA,
        TOPIC_ID.when("the message is in a topic"),
        GROUP_EVENT_TIME,
    ],
    fields: GROUP_MESSAGE_FLAGS,
    answer: AnswerSemantics::Decides(Decides {
        can_drop: true,
        can_rewrite: true,
        extra: REPLACEMENT,
        ..decides(
            "deliver the message",
            "the message",
            "no group message is delivered",
            "the caller",
            Some(10016),
            Some(GROUP_CUSTOM),
        )
    }),
    ..group(
        "Group.CallbackBeforeSendMsg",
        "before-send",
        Kind::Before,
        "3.1.7",
        "a group message is about to be delivered",
        include_str!("../../../../fixtures/callbacks/before-send.json"),
    )
};

/// §3.1.8: GroupAtInfo only when the message @-mentions someone.
pub const AFTER_SEND: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        FROM.meaning("the sender (@TLS#NOT_FOUND for a REST send without one)"),
        OPERATOR,
        RANDOM,
        MSG_SEQ.meaning("the group message sequence"),
        MSG_ID.newer("INTL-2023 lacks it"),
        MSG_TIME,
        ONLINE_ONLY_FLAG,
        MSG_BODY,
        CLOUD_CUSTOM_DATA,
        GROUP_EVENT_TIME,
        field(
            "GroupAtInfo",
            Type::Array {
                items: &Type::Object(&[
                    field(
                        "GroupAtAllFlag",
                        int_of(&values::GROUP_AT_ALL_FLAG),
                        "1 @all, 0 the member below",
                    ),
                    field("GroupAt_Account", USER, "the member mentioned")
                        .when("GroupAtAllFlag is 0"),
                ]),
                min: 1,
                max: Some(30),
            },
            "the mentions",
        )
        .when("the message @-mentions someone"),
        TOPIC_ID.when("the message is in a topic"),
    ],
    fields: GROUP_MESSAGE_FLAGS,
    ..group(
        "Group.CallbackAfterSendMsg",
        "after-send",
        Kind::After,
        "3.1.8",
        "a group message was delivered",
        include_str!("../../../../fixtures/callbacks/after-send.json"),
    )
};

/// §3.1.9
pub const AFTER_FULL: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID.meaning("the full group"),
        GROUP_EVENT_TIME,
    ],
    fields: &[F_GROUP_ID, F_EVENT_TIME],
    ..group(
        "Group.CallbackAfterGroupFull",
        "after-full",
        Kind::After,
        "3.1.9",
        "a join filled the group, or failed because it is full",
        include_str!("../../../../fixtures/callbacks/after-full.json"),
    )
};

/// §3.1.10: no MemberList for Community groups.
pub const AFTER_DESTROY: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        OWNER,
        NAME.when("the example and the SDKs have it; the table does not"),
        MEMBER_LIST
            .meaning("the members at disband time")
            .when("not a Community group"),
        GROUP_EVENT_TIME,
    ],
    fields: &[
        F_GROUP_ID,
        F_GROUP_TYPE,
        F_OWNER,
        F_NAME,
        members("MemberList"),
        F_EVENT_TIME,
    ],
    ..group(
        "Group.CallbackAfterGroupDestroyed",
        "after-destroy",
        Kind::After,
        "3.1.10",
        "a group was disbanded",
        include_str!("../../../../fixtures/callbacks/after-destroy.json"),
    )
};

/// §3.1.11: only the changed fields among Name, Introduction, Notification, FaceUrl.
pub const AFTER_INFO_CHANGE: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        OPERATOR,
        NAME.meaning("the new name").when(CHANGED),
        INTRODUCTION.when(CHANGED),
        NOTIFICATION.when(CHANGED),
        FACE_URL.when(CHANGED),
        GROUP_EVENT_TIME,
    ],
    fields: &[F_GROUP_ID, F_GROUP_TYPE, F_OPERATOR, F_NAME, F_EVENT_TIME],
    ..group(
        "Group.CallbackAfterGroupInfoChanged",
        "after-info-change",
        Kind::After,
        "3.1.11",
        "a group's name, introduction, notification or avatar changed",
        include_str!("../../../../fixtures/callbacks/after-info-change.json"),
    )
};

/// §3.1.12
pub const AFTER_RECALL: Callback = Callback {
    body: &[
        COMMAND,
        OPERATOR.meaning("who recalled"),
        GROUP_TYPE,
        GROUP_ID,
        field(
            "MsgSeqList",
            array(&Type::Object(&[
                MSG_SEQ,
                MSG_ID.newer("INTL-2023 lacks it"),
            ])),
            "the recalled messages",
        ),
        TOPIC_ID.when("the messages are in a topic"),
        GROUP_EVENT_TIME,
    ],
    fields: &[
        F_OPERATOR,
        F_GROUP_TYPE,
        F_GROUP_ID,
        F_TOPIC_ID,
        F_EVENT_TIME,
    ],
    ..group(
        "Group.CallbackAfterRecallMsg",
        "after-recall",
        Kind::After,
        "3.1.12",
        "group messages were recalled",
        include_str!("../../../../fixtures/callbacks/after-recall.json"),
    )
};

/// §3.1.13: AVChatRoom only; the docs' URL carries no ClientIP or OptPlatform.
pub const MEMBER_STATE: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        field(
            "EventType",
            one_of(&values::MEMBER_EVENT_TYPE),
            "online or offline",
        ),
        field("EventCause", one_of(&values::MEMBER_EVENT_CAUSE), "why").newer("INTL-2023 lacks it"),
        MEMBER_LIST.meaning("the members concerned"),
        EVENT_TIME.newer("only the current example has it"),
    ],
    fields: &[F_GROUP_ID, members("MemberList"), F_EVENT_TIME],
    query: QueryShape::Short,
    ..group(
        "Group.CallbackOnMemberStateChange",
        "member-state",
        Kind::After,
        "3.1.13",
        "an AVChatRoom member went online or offline",
        include_str!("../../../../fixtures/callbacks/member-state.json"),
    )
};

/// §3.1.14: the request carries its own ErrorCode/ErrorInfo (the delivery failure); the
/// answer is still the fixed OK/0/"".
pub const SEND_EXCEPTION: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        FROM,
        OPERATOR,
        RANDOM,
        ONLINE_ONLY_FLAG,
        MSG_BODY,
        CLOUD_CUSTOM_DATA,
        field(
            "ErrorCode",
            integer(IntFormat::Code),
            "request field: the failure's group error code",
        ),
        field("ErrorInfo", TEXT, "request field: the failure text"),
        GROUP_EVENT_TIME,
    ],
    fields: &[
        F_GROUP_ID,
        F_GROUP_TYPE,
        F_FROM,
        F_OPERATOR,
        F_TEXT,
        F_EVENT_TIME,
    ],
    ..group(
        "Group.CallbackSendMsgException",
        "send-exception",
        Kind::After,
        "3.1.14",
        "delivering a group message failed",
        include_str!("../../../../fixtures/callbacks/send-exception.json"),
    )
};

/// §3.1.15: no GroupId and no EventTime documented.
pub const BEFORE_CREATE_TOPIC: Callback = Callback {
    body: &[
        COMMAND,
        OPERATOR,
        TOPIC_GROUP_TYPE,
        NAME.meaning("the requested topic name"),
    ],
    fields: &[F_OPERATOR, F_GROUP_TYPE, F_NAME],
    answer: group_decides(
        "create the topic",
        "the topic creation",
        "users cannot create topics",
    ),
    ..group(
        "Group.CallbackBeforeCreateTopic",
        "before-create-topic",
        Kind::Before,
        "3.1.15",
        "a topic is about to be created in a community",
        include_str!("../../../../fixtures/callbacks/before-create-topic.json"),
    )
};

/// §3.1.16
pub const AFTER_CREATE_TOPIC: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID.meaning("the parent community"),
        REQUIRED_TOPIC.meaning("the new topic"),
        OPERATOR,
        OWNER.meaning("the community's owner"),
        TOPIC_GROUP_TYPE,
        NAME.meaning("the topic name"),
        USER_DEFINED,
    ],
    fields: &[
        F_GROUP_ID,
        F_TOPIC_ID,
        F_OPERATOR,
        F_OWNER,
        F_GROUP_TYPE,
        F_NAME,
    ],
    ..group(
        "Group.CallbackAfterCreateTopic",
        "after-create-topic",
        Kind::After,
        "3.1.16",
        "a topic was created",
        include_str!("../../../../fixtures/callbacks/after-create-topic.json"),
    )
};

/// §3.1.17: TopicIdList is an array although the table says String.
pub const AFTER_TOPIC_DESTROY: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID.meaning("the community"),
        TOPIC_GROUP_TYPE,
        field(
            "TopicIdList",
            array(&string(StrFormat::TopicId)),
            "the destroyed topics",
        ),
    ],
    fields: &[
        F_GROUP_ID,
        F_GROUP_TYPE,
        shaped(Field::TopicId, "TopicIdList", Shape::StringList),
    ],
    ..group(
        "Group.CallbackAfterTopicDestroyed",
        "after-topic-destroy",
        Kind::After,
        "3.1.17",
        "topics were disbanded",
        include_str!("../../../../fixtures/callbacks/after-topic-destroy.json"),
    )
};

/// §3.1.18: only the changed fields; no TopicId documented.
pub const AFTER_TOPIC_INFO_CHANGE: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID.meaning("the community"),
        TOPIC_GROUP_TYPE,
        OPERATOR,
        NAME.meaning("the new name").when(CHANGED),
        INTRODUCTION.when(CHANGED),
        NOTIFICATION.when(CHANGED),
        FACE_URL.when(CHANGED),
    ],
    fields: &[F_GROUP_ID, F_GROUP_TYPE, F_OPERATOR, F_NAME],
    ..group(
        "Group.CallbackAfterTopicInfoChanged",
        "after-topic-info-change",
        Kind::After,
        "3.1.18",
        "a topic's name, introduction, notification or avatar changed",
        include_str!("../../../../fixtures/callbacks/after-topic-info-change.json"),
    )
};

/// §3.1.19: the changed member is Modified_Account (CN, SDK) or Member_Account (INTL); a
/// variant fixture has the other spelling.
pub const AFTER_MEMBER_FIELD_CHANGE: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        OPERATOR,
        field(
            "Modified_Account",
            USER,
            "the changed member (CN pages, SDKs)",
        )
        .when("CN pages spell it so; INTL pages write Member_Account (§4 D3)"),
        field("Member_Account", USER, "the changed member (INTL pages)")
            .when("INTL pages spell it so; CN pages write Modified_Account (§4 D3)"),
        field("Role", one_of(&values::MEMBER_ROLE), "the new role").when("the role changed"),
        field("NameCard", TEXT, "the new name card").when("the name card changed"),
        GROUP_EVENT_TIME,
    ],
    constraints: &[Constraint::OneOf(&["Modified_Account", "Member_Account"])],
    fields: &[
        F_GROUP_ID,
        F_GROUP_TYPE,
        F_OPERATOR,
        shaped(Field::Member, "Modified_Account", Shape::User),
        F_EVENT_TIME,
    ],
    ..group(
        "Group.CallbackAfterMemberFieldChanged",
        "after-member-field-change",
        Kind::After,
        "3.1.19",
        "a member's role or name card changed",
        include_str!("../../../../fixtures/callbacks/after-member-field-change.json"),
    )
};

/// §3.1.20: GroupAttr keys are lower case.
pub const AFTER_ATTR_CHANGE: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        OPERATOR,
        field(
            "OptionType",
            one_of(&values::ATTR_OPTION_TYPE),
            "what was done",
        )
        .when("the example and the SDK have it; the table does not"),
        field(
            "GroupAttr",
            array(&Type::Object(&[
                field("key", TEXT, "attribute (lower-case key)"),
                field("value", TEXT, "its value (lower-case key)"),
            ])),
            "the attributes",
        ),
        GROUP_EVENT_TIME,
    ],
    fields: &[F_GROUP_ID, F_GROUP_TYPE, F_OPERATOR, F_EVENT_TIME],
    ..group(
        "Group.CallbackAfterGroupAttrChanged",
        "after-attr-change",
        Kind::After,
        "3.1.20",
        "group custom attributes were set, modified, cleared or deleted",
        include_str!("../../../../fixtures/callbacks/after-attr-change.json"),
    )
};

/// §3.1.21: not for Community groups.
pub const AFTER_READ_RECEIPT: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        field(
            "GroupMsgReceiptList",
            array(&Type::Object(&[
                MSG_SEQ,
                field("ReadNum", COUNT, "readers"),
                field("UnreadNum", COUNT, "members who have not read it"),
                field("ReadReceiptMembers", MEMBER_LIST_TYPE, "the readers"),
            ])),
            "per message: counts and readers",
        ),
        GROUP_EVENT_TIME,
    ],
    fields: &[F_GROUP_ID, F_GROUP_TYPE, F_EVENT_TIME],
    ..group(
        "Group.CallbackAfterReadReceipt",
        "after-read-receipt",
        Kind::After,
        "3.1.21",
        "group messages were read (read receipts)",
        include_str!("../../../../fixtures/callbacks/after-read-receipt.json"),
    )
};

/// §3.1.22: --owner is the new owner.
pub const AFTER_OWNER_CHANGE: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        OPERATOR,
        field("OldOwner_Account", USER, "the previous owner"),
        field("NewOwner_Account", USER, "the new owner"),
        GROUP_EVENT_TIME,
    ],
    fields: &[
        F_GROUP_ID,
        F_GROUP_TYPE,
        F_OPERATOR,
        at(Field::Owner, "NewOwner_Account"),
        F_EVENT_TIME,
    ],
    ..group(
        "Group.CallbackAfterChangeGroupOwner",
        "after-owner-change",
        Kind::After,
        "3.1.22",
        "group ownership was transferred",
        include_str!("../../../../fixtures/callbacks/after-owner-change.json"),
    )
};

/// §3.1.23: no GroupId or Type; fires past 70 % of the daily net-increase quota.
pub const QUOTA_ALARM: Callback = Callback {
    body: &[
        COMMAND,
        field("QuotaUsed", COUNT, "today's net group increase"),
        field("Quota", COUNT, "the daily cap"),
        GROUP_EVENT_TIME,
    ],
    fields: &[F_EVENT_TIME],
    ..group(
        "Group.CallbackOnDailyGroupQuotaAlarm",
        "quota-alarm",
        Kind::Notify,
        "3.1.23",
        "the day's net group increase passed 70 % of the quota",
        include_str!("../../../../fixtures/callbacks/quota-alarm.json"),
    )
};

/// §3.1.24: the newest command; OperateType 1 set, 2 delete, 3 clear.
pub const AFTER_MSG_EXTENSION: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        MSG_SEQ.meaning("the target message"),
        OPERATE_TYPE,
        EXTENSION_LIST,
        EXTENSION_SEQ,
        GROUP_EVENT_TIME,
    ],
    fields: &[F_GROUP_ID, F_EVENT_TIME],
    ..group(
        "Group.CallbackAfterGroupMsgExtension",
        "after-msg-extension",
        Kind::After,
        "3.1.24",
        "message extensions of a group message were set, deleted or cleared",
        include_str!("../../../../fixtures/callbacks/after-msg-extension.json"),
    )
};
