//! One entry per group callback. Each cites its section of `docs/protocol.md` (§3.1.N);
//! samples live in `fixtures/callbacks/<alias>.json`.

use super::{AnswerSemantics, Callback, Decides, Family, Field, FieldPath, QueryShape, Shape};

const fn field(field: Field, path: &'static str, shape: Shape) -> FieldPath {
    FieldPath { field, path, shape }
}

const fn string(field: Field, path: &'static str) -> FieldPath {
    self::field(field, path, Shape::String)
}

const fn members(path: &'static str) -> FieldPath {
    field(Field::Member, path, Shape::Members)
}

const GROUP_ID: FieldPath = string(Field::GroupId, "GroupId");
const GROUP_TYPE: FieldPath = string(Field::GroupType, "Type");
const NAME: FieldPath = string(Field::Name, "Name");
const OPERATOR: FieldPath = string(Field::Operator, "Operator_Account");
const OWNER: FieldPath = string(Field::Owner, "Owner_Account");
const FROM: FieldPath = string(Field::From, "From_Account");
const TOPIC_ID: FieldPath = string(Field::TopicId, "TopicId");
const TEXT: FieldPath = field(Field::Text, "MsgBody", Shape::Text);
const EVENT_TIME: FieldPath = field(Field::EventTime, "EventTime", Shape::Integer);

/// A before-callback that only allows or denies (`docs/protocol.md` §2.7).
const fn decides(
    action: &'static str,
    operation: &'static str,
    denied_means: &'static str,
) -> AnswerSemantics {
    AnswerSemantics::Decides(Decides {
        action,
        operation,
        denied_means,
        can_drop: false,
        refusable: None,
        can_rewrite: false,
    })
}

/// Every group callback of the official category (`docs/protocol.md` §3.1: exactly 24).
pub static CALLBACKS: &[Callback] = &[
    // §3.1.1: no GroupId yet; the current docs dropped the count field (CreatedNum,
    // CreatedGroupNum, CreateGroupNum: variant fixtures keep each) and added EventTime.
    Callback {
        command: "Group.CallbackBeforeCreateGroup",
        family: Family::Group,
        alias: "before-create",
        trigger: "a user or the REST API creates a group",
        sample: include_str!("../../../fixtures/callbacks/before-create.json"),
        fields: &[
            OPERATOR,
            OWNER,
            GROUP_TYPE,
            NAME,
            members("MemberList"),
            EVENT_TIME,
        ],
        optional: &[],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: decides(
            "create the group",
            "the creation",
            "users cannot create groups",
        ),
    },
    // §3.1.2: Community groups get it about 3 s late; UserDefinedDataList only when group
    // custom fields are enabled.
    Callback {
        command: "Group.CallbackAfterCreateGroup",
        family: Family::Group,
        alias: "after-create",
        trigger: "a group was created",
        sample: include_str!("../../../fixtures/callbacks/after-create.json"),
        fields: &[
            GROUP_ID,
            OPERATOR,
            OWNER,
            GROUP_TYPE,
            NAME,
            members("MemberList"),
            EVENT_TIME,
        ],
        optional: &["UserDefinedDataList"],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.3: allowing does not skip admin approval where the group requires it.
    Callback {
        command: "Group.CallbackBeforeApplyJoinGroup",
        family: Family::Group,
        alias: "before-apply",
        trigger: "a user applies to join a group",
        sample: include_str!("../../../fixtures/callbacks/before-apply.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            string(Field::Requestor, "Requestor_Account"),
            field(Field::Text, "ApplyMsg", Shape::String),
            TOPIC_ID,
            EVENT_TIME,
        ],
        optional: &["ApplyMsg"],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: decides(
            "go on with the application (admins still approve where the group requires it)",
            "the application",
            "users cannot apply to join groups",
        ),
    },
    // §3.1.4: the answer may refuse some of DestinationMembers and let the rest in.
    Callback {
        command: "Group.CallbackBeforeInviteJoinGroup",
        family: Family::Group,
        alias: "before-invite",
        trigger: "a member invites users or the REST API adds members",
        sample: include_str!("../../../fixtures/callbacks/before-invite.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            OPERATOR,
            members("DestinationMembers"),
            TOPIC_ID,
            EVENT_TIME,
        ],
        optional: &[],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Decides(Decides {
            action: "add the invited members",
            operation: "the invitation",
            denied_means: "members cannot invite anyone into a group",
            can_drop: false,
            refusable: Some("DestinationMembers"),
            can_rewrite: false,
        }),
    },
    // §3.1.5
    Callback {
        command: "Group.CallbackAfterNewMemberJoin",
        family: Family::Group,
        alias: "after-join",
        trigger: "users joined a group (approved, invited or added)",
        sample: include_str!("../../../fixtures/callbacks/after-join.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            string(Field::JoinType, "JoinType"),
            OPERATOR,
            members("NewMemberList"),
            EVENT_TIME,
        ],
        optional: &[],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.6
    Callback {
        command: "Group.CallbackAfterMemberExit",
        family: Family::Group,
        alias: "after-exit",
        trigger: "members quit or were removed",
        sample: include_str!("../../../fixtures/callbacks/after-exit.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            string(Field::ExitType, "ExitType"),
            OPERATOR,
            members("ExitMemberList"),
            TOPIC_ID,
            EVENT_TIME,
        ],
        optional: &[],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.7: the only callback whose answer can drop (2) or rewrite the content.
    Callback {
        command: "Group.CallbackBeforeSendMsg",
        family: Family::Group,
        alias: "before-send",
        trigger: "a group message is about to be delivered",
        sample: include_str!("../../../fixtures/callbacks/before-send.json"),
        fields: &[
            GROUP_ID, GROUP_TYPE, FROM, OPERATOR, TEXT, TOPIC_ID, EVENT_TIME,
        ],
        optional: &["CloudCustomData", "TopicId"],
        newer: &["MsgId", "EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Decides(Decides {
            action: "deliver the message",
            operation: "the message",
            denied_means: "no group message is delivered",
            can_drop: true,
            refusable: None,
            can_rewrite: true,
        }),
    },
    // §3.1.8: GroupAtInfo only when the message @-mentions someone.
    Callback {
        command: "Group.CallbackAfterSendMsg",
        family: Family::Group,
        alias: "after-send",
        trigger: "a group message was delivered",
        sample: include_str!("../../../fixtures/callbacks/after-send.json"),
        fields: &[
            GROUP_ID, GROUP_TYPE, FROM, OPERATOR, TEXT, TOPIC_ID, EVENT_TIME,
        ],
        optional: &["MsgId", "CloudCustomData", "GroupAtInfo"],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.9
    Callback {
        command: "Group.CallbackAfterGroupFull",
        family: Family::Group,
        alias: "after-full",
        trigger: "a join filled the group, or failed because it is full",
        sample: include_str!("../../../fixtures/callbacks/after-full.json"),
        fields: &[GROUP_ID, EVENT_TIME],
        optional: &[],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.10: no MemberList for Community groups.
    Callback {
        command: "Group.CallbackAfterGroupDestroyed",
        family: Family::Group,
        alias: "after-destroy",
        trigger: "a group was disbanded",
        sample: include_str!("../../../fixtures/callbacks/after-destroy.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            OWNER,
            NAME,
            members("MemberList"),
            EVENT_TIME,
        ],
        optional: &["Name", "MemberList"],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.11: only the changed fields among Name, Introduction, Notification, FaceUrl.
    Callback {
        command: "Group.CallbackAfterGroupInfoChanged",
        family: Family::Group,
        alias: "after-info-change",
        trigger: "a group's name, introduction, notification or avatar changed",
        sample: include_str!("../../../fixtures/callbacks/after-info-change.json"),
        fields: &[GROUP_ID, GROUP_TYPE, OPERATOR, NAME, EVENT_TIME],
        optional: &["Notification"],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.12
    Callback {
        command: "Group.CallbackAfterRecallMsg",
        family: Family::Group,
        alias: "after-recall",
        trigger: "group messages were recalled",
        sample: include_str!("../../../fixtures/callbacks/after-recall.json"),
        fields: &[OPERATOR, GROUP_TYPE, GROUP_ID, TOPIC_ID, EVENT_TIME],
        optional: &["TopicId"],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.13: AVChatRoom only; the docs' URL carries no ClientIP or OptPlatform.
    Callback {
        command: "Group.CallbackOnMemberStateChange",
        family: Family::Group,
        alias: "member-state",
        trigger: "an AVChatRoom member went online or offline",
        sample: include_str!("../../../fixtures/callbacks/member-state.json"),
        fields: &[GROUP_ID, members("MemberList"), EVENT_TIME],
        // EventCause and EventTime came with the current docs (§3.1.13).
        optional: &["EventCause", "EventTime"],
        newer: &[],
        query: QueryShape::WithoutClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.14: the request carries its own ErrorCode/ErrorInfo (the delivery failure); the
    // answer is still the fixed OK/0/"".
    Callback {
        command: "Group.CallbackSendMsgException",
        family: Family::Group,
        alias: "send-exception",
        trigger: "delivering a group message failed",
        sample: include_str!("../../../fixtures/callbacks/send-exception.json"),
        fields: &[GROUP_ID, GROUP_TYPE, FROM, OPERATOR, TEXT, EVENT_TIME],
        optional: &["CloudCustomData"],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.15: no GroupId and no EventTime documented.
    Callback {
        command: "Group.CallbackBeforeCreateTopic",
        family: Family::Group,
        alias: "before-create-topic",
        trigger: "a topic is about to be created in a community",
        sample: include_str!("../../../fixtures/callbacks/before-create-topic.json"),
        fields: &[OPERATOR, GROUP_TYPE, NAME],
        optional: &[],
        newer: &[],
        query: QueryShape::WithClient,
        answer: decides(
            "create the topic",
            "the topic creation",
            "users cannot create topics",
        ),
    },
    // §3.1.16
    Callback {
        command: "Group.CallbackAfterCreateTopic",
        family: Family::Group,
        alias: "after-create-topic",
        trigger: "a topic was created",
        sample: include_str!("../../../fixtures/callbacks/after-create-topic.json"),
        fields: &[GROUP_ID, TOPIC_ID, OPERATOR, OWNER, GROUP_TYPE, NAME],
        optional: &["UserDefinedDataList"],
        newer: &[],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.17: TopicIdList is an array although the table says String.
    Callback {
        command: "Group.CallbackAfterTopicDestroyed",
        family: Family::Group,
        alias: "after-topic-destroy",
        trigger: "topics were disbanded",
        sample: include_str!("../../../fixtures/callbacks/after-topic-destroy.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            field(Field::TopicId, "TopicIdList", Shape::StringList),
        ],
        optional: &[],
        newer: &[],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.18: only the changed fields; no TopicId documented.
    Callback {
        command: "Group.CallbackAfterTopicInfoChanged",
        family: Family::Group,
        alias: "after-topic-info-change",
        trigger: "a topic's name, introduction, notification or avatar changed",
        sample: include_str!("../../../fixtures/callbacks/after-topic-info-change.json"),
        fields: &[GROUP_ID, GROUP_TYPE, OPERATOR, NAME],
        optional: &["Name", "Introduction", "Notification", "FaceUrl"],
        newer: &[],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.19: the changed member is Modified_Account (CN, SDK) or Member_Account (INTL); a
    // variant fixture has the other spelling.
    Callback {
        command: "Group.CallbackAfterMemberFieldChanged",
        family: Family::Group,
        alias: "after-member-field-change",
        trigger: "a member's role or name card changed",
        sample: include_str!("../../../fixtures/callbacks/after-member-field-change.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            OPERATOR,
            field(Field::Member, "Modified_Account", Shape::User),
            EVENT_TIME,
        ],
        optional: &["Modified_Account", "Role", "NameCard"],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.20: GroupAttr keys are lower case.
    Callback {
        command: "Group.CallbackAfterGroupAttrChanged",
        family: Family::Group,
        alias: "after-attr-change",
        trigger: "group custom attributes were set, modified, cleared or deleted",
        sample: include_str!("../../../fixtures/callbacks/after-attr-change.json"),
        fields: &[GROUP_ID, GROUP_TYPE, OPERATOR, EVENT_TIME],
        optional: &["OptionType"],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.21: not for Community groups.
    Callback {
        command: "Group.CallbackAfterReadReceipt",
        family: Family::Group,
        alias: "after-read-receipt",
        trigger: "group messages were read (read receipts)",
        sample: include_str!("../../../fixtures/callbacks/after-read-receipt.json"),
        fields: &[GROUP_ID, GROUP_TYPE, EVENT_TIME],
        optional: &[],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.22: the `owner` field is the new owner.
    Callback {
        command: "Group.CallbackAfterChangeGroupOwner",
        family: Family::Group,
        alias: "after-owner-change",
        trigger: "group ownership was transferred",
        sample: include_str!("../../../fixtures/callbacks/after-owner-change.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            OPERATOR,
            string(Field::Owner, "NewOwner_Account"),
            EVENT_TIME,
        ],
        optional: &[],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.23: no GroupId or Type; fires past 70 % of the daily net-increase quota.
    Callback {
        command: "Group.CallbackOnDailyGroupQuotaAlarm",
        family: Family::Group,
        alias: "quota-alarm",
        trigger: "the day's net group increase passed 70 % of the quota",
        sample: include_str!("../../../fixtures/callbacks/quota-alarm.json"),
        fields: &[EVENT_TIME],
        optional: &[],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
    // §3.1.24: the newest command; OperateType 1 set, 2 delete, 3 clear.
    Callback {
        command: "Group.CallbackAfterGroupMsgExtension",
        family: Family::Group,
        alias: "after-msg-extension",
        trigger: "message extensions of a group message were set, deleted or cleared",
        sample: include_str!("../../../fixtures/callbacks/after-msg-extension.json"),
        fields: &[GROUP_ID, EVENT_TIME],
        optional: &[],
        newer: &["EventTime"],
        query: QueryShape::WithClient,
        answer: AnswerSemantics::Ignored,
    },
];
