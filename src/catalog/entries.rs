//! One entry per group callback, in the order of `spec/cli.md`. Each cites its section of
//! `spec/group-callbacks.md`; samples live in `fixtures/callbacks/<alias>.json`.

use super::{Answer, Callback, Decides, FieldMap, Flag, Shape};

const fn field(flag: Flag, path: &'static str, shape: Shape) -> FieldMap {
    FieldMap { flag, path, shape }
}

const fn string(flag: Flag, path: &'static str) -> FieldMap {
    field(flag, path, Shape::String)
}

const fn members(path: &'static str) -> FieldMap {
    field(Flag::Member, path, Shape::Members)
}

const GROUP_ID: FieldMap = string(Flag::GroupId, "GroupId");
const GROUP_TYPE: FieldMap = string(Flag::GroupType, "Type");
const NAME: FieldMap = string(Flag::Name, "Name");
const OPERATOR: FieldMap = string(Flag::Operator, "Operator_Account");
const OWNER: FieldMap = string(Flag::Owner, "Owner_Account");
const FROM: FieldMap = string(Flag::From, "From_Account");
const TOPIC_ID: FieldMap = string(Flag::TopicId, "TopicId");
const TEXT: FieldMap = field(Flag::Text, "MsgBody", Shape::Text);
const EVENT_TIME: FieldMap = field(Flag::EventTime, "EventTime", Shape::Integer);

/// A before-callback that only allows or denies (§1.6).
const fn decides(
    action: &'static str,
    operation: &'static str,
    denied_means: &'static str,
) -> Answer {
    Answer::Decides(Decides {
        action,
        operation,
        denied_means,
        can_drop: false,
        refusable: None,
        can_rewrite: false,
    })
}

/// Every group callback of the official category (§2: exactly 24).
pub static CALLBACKS: &[Callback] = &[
    // §2.1: no GroupId yet; the current docs dropped the count field (CreatedNum,
    // CreatedGroupNum, CreateGroupNum: variant fixtures keep each) and added EventTime.
    Callback {
        command: "Group.CallbackBeforeCreateGroup",
        alias: "before-create",
        trigger: "a user or the REST API creates a group",
        sample: include_str!("../../fixtures/callbacks/before-create.json"),
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
        client_info: true,
        answer: decides(
            "create the group",
            "the creation",
            "users cannot create groups",
        ),
    },
    // §2.2: Community groups get it about 3 s late; UserDefinedDataList only when group
    // custom fields are enabled.
    Callback {
        command: "Group.CallbackAfterCreateGroup",
        alias: "after-create",
        trigger: "a group was created",
        sample: include_str!("../../fixtures/callbacks/after-create.json"),
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
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.3: allowing does not skip admin approval where the group requires it.
    Callback {
        command: "Group.CallbackBeforeApplyJoinGroup",
        alias: "before-apply",
        trigger: "a user applies to join a group",
        sample: include_str!("../../fixtures/callbacks/before-apply.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            string(Flag::Requestor, "Requestor_Account"),
            field(Flag::Text, "ApplyMsg", Shape::String),
            TOPIC_ID,
            EVENT_TIME,
        ],
        optional: &["ApplyMsg"],
        newer: &["EventTime"],
        client_info: true,
        answer: decides(
            "go on with the application (admins still approve where the group requires it)",
            "the application",
            "users cannot apply to join groups",
        ),
    },
    // §2.4: the answer may refuse some of DestinationMembers and let the rest in.
    Callback {
        command: "Group.CallbackBeforeInviteJoinGroup",
        alias: "before-invite",
        trigger: "a member invites users or the REST API adds members",
        sample: include_str!("../../fixtures/callbacks/before-invite.json"),
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
        client_info: true,
        answer: Answer::Decides(Decides {
            action: "add the invited members",
            operation: "the invitation",
            denied_means: "members cannot invite anyone into a group",
            can_drop: false,
            refusable: Some("DestinationMembers"),
            can_rewrite: false,
        }),
    },
    // §2.5
    Callback {
        command: "Group.CallbackAfterNewMemberJoin",
        alias: "after-join",
        trigger: "users joined a group (approved, invited or added)",
        sample: include_str!("../../fixtures/callbacks/after-join.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            string(Flag::JoinType, "JoinType"),
            OPERATOR,
            members("NewMemberList"),
            EVENT_TIME,
        ],
        optional: &[],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.6
    Callback {
        command: "Group.CallbackAfterMemberExit",
        alias: "after-exit",
        trigger: "members quit or were removed",
        sample: include_str!("../../fixtures/callbacks/after-exit.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            string(Flag::ExitType, "ExitType"),
            OPERATOR,
            members("ExitMemberList"),
            TOPIC_ID,
            EVENT_TIME,
        ],
        optional: &[],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.7: the only callback whose answer can drop (2) or rewrite the content.
    Callback {
        command: "Group.CallbackBeforeSendMsg",
        alias: "before-send",
        trigger: "a group message is about to be delivered",
        sample: include_str!("../../fixtures/callbacks/before-send.json"),
        fields: &[
            GROUP_ID, GROUP_TYPE, FROM, OPERATOR, TEXT, TOPIC_ID, EVENT_TIME,
        ],
        optional: &["CloudCustomData", "TopicId"],
        newer: &["MsgId", "EventTime"],
        client_info: true,
        answer: Answer::Decides(Decides {
            action: "deliver the message",
            operation: "the message",
            denied_means: "no group message is delivered",
            can_drop: true,
            refusable: None,
            can_rewrite: true,
        }),
    },
    // §2.8: GroupAtInfo only when the message @-mentions someone.
    Callback {
        command: "Group.CallbackAfterSendMsg",
        alias: "after-send",
        trigger: "a group message was delivered",
        sample: include_str!("../../fixtures/callbacks/after-send.json"),
        fields: &[
            GROUP_ID, GROUP_TYPE, FROM, OPERATOR, TEXT, TOPIC_ID, EVENT_TIME,
        ],
        optional: &["MsgId", "CloudCustomData", "GroupAtInfo"],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.9
    Callback {
        command: "Group.CallbackAfterGroupFull",
        alias: "after-full",
        trigger: "a join filled the group, or failed because it is full",
        sample: include_str!("../../fixtures/callbacks/after-full.json"),
        fields: &[GROUP_ID, EVENT_TIME],
        optional: &[],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.10: no MemberList for Community groups.
    Callback {
        command: "Group.CallbackAfterGroupDestroyed",
        alias: "after-destroy",
        trigger: "a group was disbanded",
        sample: include_str!("../../fixtures/callbacks/after-destroy.json"),
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
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.11: only the changed fields among Name, Introduction, Notification, FaceUrl.
    Callback {
        command: "Group.CallbackAfterGroupInfoChanged",
        alias: "after-info-change",
        trigger: "a group's name, introduction, notification or avatar changed",
        sample: include_str!("../../fixtures/callbacks/after-info-change.json"),
        fields: &[GROUP_ID, GROUP_TYPE, OPERATOR, NAME, EVENT_TIME],
        optional: &["Notification"],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.12
    Callback {
        command: "Group.CallbackAfterRecallMsg",
        alias: "after-recall",
        trigger: "group messages were recalled",
        sample: include_str!("../../fixtures/callbacks/after-recall.json"),
        fields: &[OPERATOR, GROUP_TYPE, GROUP_ID, TOPIC_ID, EVENT_TIME],
        optional: &["TopicId"],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.13: AVChatRoom only; the docs' URL carries no ClientIP or OptPlatform.
    Callback {
        command: "Group.CallbackOnMemberStateChange",
        alias: "member-state",
        trigger: "an AVChatRoom member went online or offline",
        sample: include_str!("../../fixtures/callbacks/member-state.json"),
        fields: &[GROUP_ID, members("MemberList"), EVENT_TIME],
        // EventCause and EventTime came with the current docs (§2.13).
        optional: &["EventCause", "EventTime"],
        newer: &[],
        client_info: false,
        answer: Answer::Ignored,
    },
    // §2.14: the request carries its own ErrorCode/ErrorInfo (the delivery failure); the
    // answer is still the fixed OK/0/"".
    Callback {
        command: "Group.CallbackSendMsgException",
        alias: "send-exception",
        trigger: "delivering a group message failed",
        sample: include_str!("../../fixtures/callbacks/send-exception.json"),
        fields: &[GROUP_ID, GROUP_TYPE, FROM, OPERATOR, TEXT, EVENT_TIME],
        optional: &["CloudCustomData"],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.15: no GroupId and no EventTime documented.
    Callback {
        command: "Group.CallbackBeforeCreateTopic",
        alias: "before-create-topic",
        trigger: "a topic is about to be created in a community",
        sample: include_str!("../../fixtures/callbacks/before-create-topic.json"),
        fields: &[OPERATOR, GROUP_TYPE, NAME],
        optional: &[],
        newer: &[],
        client_info: true,
        answer: decides(
            "create the topic",
            "the topic creation",
            "users cannot create topics",
        ),
    },
    // §2.16
    Callback {
        command: "Group.CallbackAfterCreateTopic",
        alias: "after-create-topic",
        trigger: "a topic was created",
        sample: include_str!("../../fixtures/callbacks/after-create-topic.json"),
        fields: &[GROUP_ID, TOPIC_ID, OPERATOR, OWNER, GROUP_TYPE, NAME],
        optional: &["UserDefinedDataList"],
        newer: &[],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.17: TopicIdList is an array although the table says String.
    Callback {
        command: "Group.CallbackAfterTopicDestroyed",
        alias: "after-topic-destroy",
        trigger: "topics were disbanded",
        sample: include_str!("../../fixtures/callbacks/after-topic-destroy.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            field(Flag::TopicId, "TopicIdList", Shape::StringList),
        ],
        optional: &[],
        newer: &[],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.18: only the changed fields; no TopicId documented.
    Callback {
        command: "Group.CallbackAfterTopicInfoChanged",
        alias: "after-topic-info-change",
        trigger: "a topic's name, introduction, notification or avatar changed",
        sample: include_str!("../../fixtures/callbacks/after-topic-info-change.json"),
        fields: &[GROUP_ID, GROUP_TYPE, OPERATOR, NAME],
        optional: &["Name", "Introduction", "Notification", "FaceUrl"],
        newer: &[],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.19: the changed member is Modified_Account (CN, SDK) or Member_Account (INTL); a
    // variant fixture has the other spelling.
    Callback {
        command: "Group.CallbackAfterMemberFieldChanged",
        alias: "after-member-field-change",
        trigger: "a member's role or name card changed",
        sample: include_str!("../../fixtures/callbacks/after-member-field-change.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            OPERATOR,
            field(Flag::Member, "Modified_Account", Shape::User),
            EVENT_TIME,
        ],
        optional: &["Modified_Account", "Role", "NameCard"],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.20: GroupAttr keys are lower case.
    Callback {
        command: "Group.CallbackAfterGroupAttrChanged",
        alias: "after-attr-change",
        trigger: "group custom attributes were set, modified, cleared or deleted",
        sample: include_str!("../../fixtures/callbacks/after-attr-change.json"),
        fields: &[GROUP_ID, GROUP_TYPE, OPERATOR, EVENT_TIME],
        optional: &["OptionType"],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.21: not for Community groups.
    Callback {
        command: "Group.CallbackAfterReadReceipt",
        alias: "after-read-receipt",
        trigger: "group messages were read (read receipts)",
        sample: include_str!("../../fixtures/callbacks/after-read-receipt.json"),
        fields: &[GROUP_ID, GROUP_TYPE, EVENT_TIME],
        optional: &[],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.22: --owner is the new owner.
    Callback {
        command: "Group.CallbackAfterChangeGroupOwner",
        alias: "after-owner-change",
        trigger: "group ownership was transferred",
        sample: include_str!("../../fixtures/callbacks/after-owner-change.json"),
        fields: &[
            GROUP_ID,
            GROUP_TYPE,
            OPERATOR,
            string(Flag::Owner, "NewOwner_Account"),
            EVENT_TIME,
        ],
        optional: &[],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.23: no GroupId or Type; fires past 70 % of the daily net-increase quota.
    Callback {
        command: "Group.CallbackOnDailyGroupQuotaAlarm",
        alias: "quota-alarm",
        trigger: "the day's net group increase passed 70 % of the quota",
        sample: include_str!("../../fixtures/callbacks/quota-alarm.json"),
        fields: &[EVENT_TIME],
        optional: &[],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
    // §2.24: the newest command; OperateType 1 set, 2 delete, 3 clear.
    Callback {
        command: "Group.CallbackAfterGroupMsgExtension",
        alias: "after-msg-extension",
        trigger: "message extensions of a group message were set, deleted or cleared",
        sample: include_str!("../../fixtures/callbacks/after-msg-extension.json"),
        fields: &[GROUP_ID, EVENT_TIME],
        optional: &[],
        newer: &["EventTime"],
        client_info: true,
        answer: Answer::Ignored,
    },
];
