//! One entry per group callback. Sections of `spec/group-callbacks.md` are cited per entry.

use super::{Answer, Callback, Decides, FieldMap, Flag, Shape};

const fn string(flag: Flag, path: &'static str) -> FieldMap {
    FieldMap {
        flag,
        path,
        shape: Shape::String,
    }
}

const fn members(path: &'static str) -> FieldMap {
    FieldMap {
        flag: Flag::Member,
        path,
        shape: Shape::Members,
    }
}

const EVENT_TIME: FieldMap = FieldMap {
    flag: Flag::EventTime,
    path: "EventTime",
    shape: Shape::Integer,
};
const GROUP_ID: FieldMap = string(Flag::GroupId, "GroupId");
const GROUP_TYPE: FieldMap = string(Flag::GroupType, "Type");
const NAME: FieldMap = string(Flag::Name, "Name");
const OPERATOR: FieldMap = string(Flag::Operator, "Operator_Account");
const OWNER: FieldMap = string(Flag::Owner, "Owner_Account");

/// Every callback grpcb knows, in the order of `spec/cli.md`.
pub static CALLBACKS: &[Callback] = &[
    // §2.1: no GroupId yet; the current docs dropped CreateGroupNum.
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
        client_info: true,
        answer: Answer::Decides(Decides {
            action: "create the group",
            operation: "the creation",
            can_drop: false,
            refusable: None,
            can_rewrite: false,
        }),
    },
    // §2.2
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
        optional: &[],
        client_info: true,
        answer: Answer::Ignored,
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
            EVENT_TIME,
        ],
        optional: &[],
        client_info: true,
        answer: Answer::Decides(Decides {
            action: "add the invited members",
            operation: "the invitation",
            can_drop: false,
            refusable: Some("DestinationMembers"),
            can_rewrite: false,
        }),
    },
];
