//! Official accounts (`docs/protocol.md` §3.7): management is REST-only, `EventTime` in ms
//! on every command; deny codes differ per command (§2.6, §4 D29).

use super::super::common::*;
use super::super::model::{FieldSpec, StrFormat, Type, array, field, string};
use super::super::{AnswerSemantics, Callback, Decides, Family, Kind, Refusal, Refuse};
use super::c2c::callback;
use super::{C2C_CUSTOM, REPLACEMENT, decides, refused_list};

const fn official(
    command: &'static str,
    alias: &'static str,
    kind: Kind,
    section: &'static str,
    trigger: &'static str,
    sample: &'static str,
) -> Callback {
    callback(
        Family::OfficialAccount,
        command,
        alias,
        kind,
        section,
        trigger,
        sample,
    )
}

const ACCOUNT_NAME: FieldSpec = NAME.meaning("the account name");

/// §3.7.1: no Official_Account yet. The plain deny gives 20006 per the INTL text (probably
/// copied from C2C; unconfirmed, §5 Q4).
pub const BEFORE_CREATE: Callback = Callback {
    body: &[
        COMMAND,
        OPERATOR,
        OWNER.meaning("the intended owner"),
        NAME.meaning("the requested name"),
        EVENT_TIME,
    ],
    fields: &[F_OPERATOR, F_OWNER, F_NAME, F_EVENT_TIME],
    answer: AnswerSemantics::Decides(decides(
        "create the official account",
        "the creation",
        "no official account can be created",
        "the caller",
        Some(20006),
        Some(C2C_CUSTOM),
    )),
    ..official(
        "OfficialAccount.CallbackBeforeCreateOfficialAccount",
        "oa-before-create",
        Kind::Before,
        "3.7.1",
        "an admin creates an official account through REST",
        include_str!("../../../../fixtures/callbacks/oa-before-create.json"),
    )
};

/// §3.7.2
pub const AFTER_CREATE: Callback = Callback {
    body: &[
        COMMAND,
        OFFICIAL_ACCOUNT.meaning("the new account"),
        OPERATOR,
        OWNER,
        ACCOUNT_NAME,
        EVENT_TIME,
    ],
    fields: &[F_ACCOUNT, F_OPERATOR, F_OWNER, F_NAME, F_EVENT_TIME],
    ..official(
        "OfficialAccount.CallbackAfterCreateOfficialAccount",
        "oa-after-create",
        Kind::After,
        "3.7.2",
        "an official account was created",
        include_str!("../../../../fixtures/callbacks/oa-after-create.json"),
    )
};

const CHANGED: &str = "it changed (only the changed fields, by analogy with §3.1.11; unconfirmed)";

/// §3.7.3: the doc example lacks two commas; the sample is valid JSON.
pub const AFTER_INFO_CHANGE: Callback = Callback {
    body: &[
        COMMAND,
        OFFICIAL_ACCOUNT,
        OPERATOR,
        field("Introduction", TEXT, "the new introduction").when(CHANGED),
        NAME.meaning("the new name").when(CHANGED),
        field("FaceUrl", string(StrFormat::Url), "the new avatar URL").when(CHANGED),
        field("Organization", TEXT, "the new organization").when(CHANGED),
        EVENT_TIME,
    ],
    fields: &[F_ACCOUNT, F_OPERATOR, F_NAME, F_EVENT_TIME],
    ..official(
        "OfficialAccount.CallbackAfterOfficialAccountInfoChanged",
        "oa-after-info-change",
        Kind::After,
        "3.7.3",
        "an admin changed an official account's profile",
        include_str!("../../../../fixtures/callbacks/oa-after-info-change.json"),
    )
};

/// §3.7.4
pub const AFTER_DESTROY: Callback = Callback {
    body: &[
        COMMAND,
        OFFICIAL_ACCOUNT.meaning("the destroyed account"),
        OWNER,
        ACCOUNT_NAME,
        EVENT_TIME,
    ],
    fields: &[F_ACCOUNT, F_OWNER, F_NAME, F_EVENT_TIME],
    ..official(
        "OfficialAccount.CallbackAfterOfficialAccountDestroyed",
        "oa-after-destroy",
        Kind::After,
        "3.7.4",
        "an admin destroyed an official account",
        include_str!("../../../../fixtures/callbacks/oa-after-destroy.json"),
    )
};

const SUBSCRIPTION: &[FieldSpec] = &[COMMAND, OFFICIAL_ACCOUNT, OPERATOR, SUBSCRIBERS, EVENT_TIME];
const SUBSCRIPTION_FLAGS: &[super::super::FieldPath] = &[
    F_ACCOUNT,
    F_OPERATOR,
    items("SubscribeAccountList", "Subscriber_Account"),
    F_EVENT_TIME,
];

/// §3.7.5: the answer may refuse some subscribers with `RefusedSubscribers_Account` (the
/// page's prose says `RefusedMembers_Account`, its example and table do not: §4 D28).
pub const BEFORE_ADD_SUBSCRIBER: Callback = Callback {
    body: SUBSCRIPTION,
    fields: SUBSCRIPTION_FLAGS,
    answer: AnswerSemantics::Decides(Decides {
        refusal: Some(Refusal {
            request: "SubscribeAccountList",
            user: "Subscriber_Account",
            noun: "subscriber",
            how: Refuse::List("RefusedSubscribers_Account"),
        }),
        extra: &[refused_list(
            "RefusedSubscribers_Account",
            "UserIDs not to add as subscribers (with ErrorCode 0)",
        )],
        ..decides(
            "add the subscribers",
            "the subscription",
            "nobody can subscribe to an official account",
            "the caller",
            None,
            None,
        )
    }),
    ..official(
        "OfficialAccount.CallbackBeforeAddSubscriber",
        "oa-before-add-subscriber",
        Kind::Before,
        "3.7.5",
        "users subscribe to an official account, or an admin adds subscribers",
        include_str!("../../../../fixtures/callbacks/oa-before-add-subscriber.json"),
    )
};

/// §3.7.6
pub const AFTER_ADD_SUBSCRIBER: Callback = Callback {
    body: SUBSCRIPTION,
    fields: SUBSCRIPTION_FLAGS,
    ..official(
        "OfficialAccount.CallbackAfterAddSubscriber",
        "oa-after-add-subscriber",
        Kind::After,
        "3.7.6",
        "users subscribed to an official account",
        include_str!("../../../../fixtures/callbacks/oa-after-add-subscriber.json"),
    )
};

/// §3.7.7
pub const AFTER_FULL: Callback = Callback {
    body: &[
        COMMAND,
        OFFICIAL_ACCOUNT.meaning("the full account"),
        EVENT_TIME,
    ],
    fields: &[F_ACCOUNT, F_EVENT_TIME],
    ..official(
        "OfficialAccount.CallbackAfterOfficialAccountFull",
        "oa-after-full",
        Kind::After,
        "3.7.7",
        "a subscription brought an official account to its subscriber limit",
        include_str!("../../../../fixtures/callbacks/oa-after-full.json"),
    )
};

/// §3.7.8
pub const AFTER_DELETE_SUBSCRIBER: Callback = Callback {
    body: SUBSCRIPTION,
    fields: SUBSCRIPTION_FLAGS,
    ..official(
        "OfficialAccount.CallbackAfterDeleteSubscriber",
        "oa-after-delete-subscriber",
        Kind::After,
        "3.7.8",
        "users unsubscribed, or an admin removed subscribers",
        include_str!("../../../../fixtures/callbacks/oa-after-delete-subscriber.json"),
    )
};

/// §3.7.9: as C2C before-send, but the plain deny gives 10016; no sender UserID, MsgKey
/// or MsgTime yet.
pub const BEFORE_SEND: Callback = Callback {
    body: &[
        COMMAND,
        OFFICIAL_ACCOUNT.meaning("the sending account"),
        ONLINE_ONLY_FLAG,
        MSG_BODY,
        CLOUD_CUSTOM_DATA,
        EVENT_TIME,
    ],
    fields: &[F_ACCOUNT, F_TEXT, F_EVENT_TIME],
    answer: AnswerSemantics::Decides(Decides {
        can_drop: true,
        can_rewrite: true,
        extra: REPLACEMENT,
        ..decides(
            "deliver the message to the subscribers",
            "the message",
            "no official-account message is delivered",
            "the sender",
            Some(10016),
            Some(C2C_CUSTOM),
        )
    }),
    ..official(
        "OfficialAccount.CallbackBeforeSendMsg",
        "oa-before-send",
        Kind::Before,
        "3.7.9",
        "an official-account message is about to be delivered to its subscribers",
        include_str!("../../../../fixtures/callbacks/oa-before-send.json"),
    )
};

/// §3.7.10
pub const AFTER_SEND: Callback = Callback {
    body: &[
        COMMAND,
        OFFICIAL_ACCOUNT,
        MSG_KEY.meaning("the message key, usable with the REST recall API"),
        MSG_TIME,
        ONLINE_ONLY_FLAG,
        MSG_BODY,
        CLOUD_CUSTOM_DATA,
        EVENT_TIME,
    ],
    fields: &[F_ACCOUNT, F_TEXT, F_EVENT_TIME],
    ..official(
        "OfficialAccount.CallbackAfterSendMsg",
        "oa-after-send",
        Kind::After,
        "3.7.10",
        "an official-account message was delivered",
        include_str!("../../../../fixtures/callbacks/oa-after-send.json"),
    )
};

/// §3.7.11: the docs' example `#TOA#_123` is a typo for the `@TOA#_` prefix.
pub const AFTER_MSG_WITHDRAW: Callback = Callback {
    body: &[
        COMMAND,
        OFFICIAL_ACCOUNT,
        field(
            "WithdrawMsgList",
            array(&Type::Object(&[MSG_KEY.meaning("a recalled message")])),
            "the recalled messages",
        ),
        EVENT_TIME,
    ],
    fields: &[F_ACCOUNT, F_EVENT_TIME],
    ..official(
        "OfficialAccount.CallbackAfterMsgWithDraw",
        "oa-after-msg-withdraw",
        Kind::After,
        "3.7.11",
        "official-account messages were recalled",
        include_str!("../../../../fixtures/callbacks/oa-after-msg-withdraw.json"),
    )
};
