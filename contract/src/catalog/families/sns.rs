//! Friends and blocklists (`docs/protocol.md` §3.3): the two before-callbacks answer per
//! target user (`ResultItem`), the four after-callbacks carry `PairList`.

use super::super::common::*;
use super::super::model::{FieldSpec, IntFormat, Type, array, field, int_of, integer, one_of};
use super::super::{
    AnswerSemantics, Callback, Decides, Family, Field, Kind, Refusal, Refuse, values,
};
use super::c2c::callback;
use super::{SNS_REFUSAL, decides};

const fn sns(
    command: &'static str,
    alias: &'static str,
    kind: Kind,
    section: &'static str,
    trigger: &'static str,
    sample: &'static str,
) -> Callback {
    callback(Family::Sns, command, alias, kind, section, trigger, sample)
}

const REQUESTER: FieldSpec = field("Requester_Account", USER, "who issued the request");

/// The answer's `ResultItem` (§3.3.1): one result per target, required.
const RESULT_ITEM: &[FieldSpec] = &[field(
    "ResultItem",
    array(&Type::Object(&[
        field("To_Account", USER, "a target of the request"),
        field(
            "ResultCode",
            integer(IntFormat::Code),
            "0 lets this target through; 38000-39000 refuses it",
        ),
        field("ResultInfo", TEXT, "why"),
    ])),
    "one result per target",
)];

/// The per-user answer of both before-callbacks: top-level non-zero means the receiver
/// failed, and IM lets the request through.
const fn per_user(
    request: &'static str,
    action: &'static str,
    operation: &'static str,
    denied_means: &'static str,
) -> AnswerSemantics {
    AnswerSemantics::Decides(Decides {
        refusal: Some(Refusal {
            request,
            user: "To_Account",
            noun: "target",
            how: Refuse::PerUser {
                field: "ResultItem",
                codes: SNS_REFUSAL,
            },
        }),
        extra: RESULT_ITEM,
        ..decides(action, operation, denied_means, "the requester", None, None)
    })
}

/// §3.3.1: client requests only (REST `friend_add` does not trigger it).
pub const PREV_FRIEND_ADD: Callback = Callback {
    body: &[
        COMMAND,
        REQUESTER,
        FROM.meaning("who wants to add friends"),
        field(
            "FriendItem",
            array(&Type::Object(&[
                TO.meaning("a user to add"),
                field("Remark", TEXT, "the remark From sets for To"),
                field("GroupName", TEXT, "the friend list From puts To in"),
                field(
                    "AddSource",
                    one_of(&values::ADD_SOURCE),
                    "AddSource_Type_ and at most 8 letters",
                ),
                field("AddWording", TEXT, "the request message"),
            ])),
            "one item per requested friend",
        ),
        field("AddType", one_of(&values::ADD_TYPE), "one-way or two-way"),
        field(
            "ForceAddFlags",
            int_of(&values::FORCE_FLAG),
            "1 forced by an admin, 0 normal",
        ),
        EVENT_TIME,
    ],
    fields: &[
        at(Field::Requestor, "Requester_Account"),
        F_FROM,
        items("FriendItem", "To_Account"),
        F_EVENT_TIME,
    ],
    answer: per_user(
        "FriendItem",
        "go on with the friend request",
        "the friend request",
        "users cannot add friends",
    ),
    ..sns(
        "Sns.CallbackPrevFriendAdd",
        "sns-prev-friend-add",
        Kind::Before,
        "3.3.1",
        "a user sends an add-friend request from the client",
        include_str!("../../../../fixtures/callbacks/sns-prev-friend-add.json"),
    )
};

/// §3.3.2: `TagName` here, `GroupName` in §3.3.1.
pub const PREV_FRIEND_RESPONSE: Callback = Callback {
    body: &[
        COMMAND,
        REQUESTER,
        FROM.meaning("who responds"),
        field(
            "ResponseFriendItem",
            array(&Type::Object(&[
                TO.meaning("the requester being answered"),
                field("Remark", TEXT, "the remark From sets for To"),
                field("TagName", TEXT, "the friend list From puts To in"),
                field(
                    "ResponseAction",
                    one_of(&values::RESPONSE_ACTION),
                    "agree and add, agree, or reject",
                ),
            ])),
            "one item per answered request",
        ),
        EVENT_TIME,
    ],
    fields: &[
        at(Field::Requestor, "Requester_Account"),
        F_FROM,
        items("ResponseFriendItem", "To_Account"),
        F_EVENT_TIME,
    ],
    answer: per_user(
        "ResponseFriendItem",
        "go on with the responses",
        "the friend responses",
        "users cannot answer friend requests",
    ),
    ..sns(
        "Sns.CallbackPrevFriendResponse",
        "sns-prev-friend-response",
        Kind::Before,
        "3.3.2",
        "a user answers friend requests from the client",
        include_str!("../../../../fixtures/callbacks/sns-prev-friend-response.json"),
    )
};

/// `[{From_Account, To_Account}]`.
const PAIRS: Type = array(&Type::Object(&[
    FROM.meaning("whose list changed"),
    TO.meaning("who was added to or removed from it"),
]));

/// §3.3.3: importing friends does not trigger it.
pub const FRIEND_ADD: Callback = Callback {
    body: &[
        COMMAND,
        field(
            "PairList",
            array(&Type::Object(&[
                FROM.meaning("whose friend list gained To"),
                TO.meaning("the new friend"),
                field("Initiator_Account", USER, "who started it"),
            ])),
            "the friendships created",
        ),
        field(
            "ClientCmd",
            one_of(&values::CLIENT_CMD),
            "an add request or an accepted request",
        ),
        field(
            "Admin_Account",
            USER,
            "the admin when triggered through REST, else empty",
        ),
        field(
            "ForceFlag",
            int_of(&values::FORCE_FLAG),
            "1 forced by an admin, 0 normal",
        ),
    ],
    fields: &[items("PairList", "To_Account")],
    ..sns(
        "Sns.CallbackFriendAdd",
        "sns-friend-add",
        Kind::After,
        "3.3.3",
        "a friendship was created",
        include_str!("../../../../fixtures/callbacks/sns-friend-add.json"),
    )
};

const fn pairs_only(
    command: &'static str,
    alias: &'static str,
    section: &'static str,
    trigger: &'static str,
    sample: &'static str,
) -> Callback {
    Callback {
        body: PAIRS_BODY,
        fields: PAIRS_FLAGS,
        ..sns(command, alias, Kind::After, section, trigger, sample)
    }
}

const PAIRS_BODY: &[FieldSpec] = &[COMMAND, field("PairList", PAIRS, "the pairs")];
const PAIRS_FLAGS: &[super::super::FieldPath] = &[items("PairList", "To_Account")];

/// §3.3.4
pub const FRIEND_DELETE: Callback = pairs_only(
    "Sns.CallbackFriendDelete",
    "sns-friend-delete",
    "3.3.4",
    "friends were deleted",
    include_str!("../../../../fixtures/callbacks/sns-friend-delete.json"),
);

/// §3.3.5: `BlackList` with a capital L.
pub const BLACKLIST_ADD: Callback = pairs_only(
    "Sns.CallbackBlackListAdd",
    "sns-blacklist-add",
    "3.3.5",
    "users were added to a blocklist",
    include_str!("../../../../fixtures/callbacks/sns-blacklist-add.json"),
);

/// §3.3.6
pub const BLACKLIST_DELETE: Callback = pairs_only(
    "Sns.CallbackBlackListDelete",
    "sns-blacklist-delete",
    "3.3.6",
    "users were removed from a blocklist",
    include_str!("../../../../fixtures/callbacks/sns-blacklist-delete.json"),
);
