//! One-to-one messages (`docs/protocol.md` §3.2): deny codes 20006 and 120001-130000.

use super::super::common::*;
use super::super::model::{FieldSpec, field};
use super::super::{
    AnswerSemantics, Callback, Decides, Envelope, Family, Field, FieldPath, Kind, QueryShape,
};
use super::{C2C_CUSTOM, REPLACEMENT, decides};

pub(super) const fn callback(
    family: Family,
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
        family,
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

const fn c2c(
    command: &'static str,
    alias: &'static str,
    kind: Kind,
    section: &'static str,
    trigger: &'static str,
    sample: &'static str,
) -> Callback {
    callback(Family::C2c, command, alias, kind, section, trigger, sample)
}

const MESSAGE_FLAGS: &[FieldPath] = &[F_FROM, F_TO, F_TEXT];

/// §3.2.1: 0 allow, 1 deny (the sender gets 20006), 2 drop, 120001-130000 custom, and a
/// replacement MsgBody/CloudCustomData rewrites the message.
pub const BEFORE_SEND: Callback = Callback {
    body: &[
        COMMAND,
        FROM,
        TO,
        MSG_SEQ,
        MSG_RANDOM,
        MSG_TIME.meaning("send time, Unix s; C2C order is MsgTime, then MsgSeq"),
        MSG_KEY,
        ONLINE_ONLY_FLAG,
        MSG_BODY,
        CLOUD_CUSTOM_DATA,
    ],
    fields: MESSAGE_FLAGS,
    answer: AnswerSemantics::Decides(Decides {
        can_drop: true,
        can_rewrite: true,
        extra: REPLACEMENT,
        ..decides(
            "deliver the message",
            "the message",
            "no one-to-one message is delivered",
            "the sender",
            Some(20006),
            Some(C2C_CUSTOM),
        )
    }),
    ..c2c(
        "C2C.CallbackBeforeSendMsg",
        "c2c-before-send",
        Kind::Before,
        "3.2.1",
        "a one-to-one message is about to be delivered",
        include_str!("../../../../fixtures/callbacks/c2c-before-send.json"),
    )
};

/// The request's own delivery result fields (§2.11): not the answer's.
const DELIVERY: [FieldSpec; 3] = [
    SEND_MSG_RESULT,
    DELIVERY_INFO,
    UNREAD.meaning("the recipient's unread one-to-one messages; -1 if delivery failed"),
];

/// §3.2.2: also sent when delivery failed (SendMsgResult ≠ 0, UnreadMsgNum -1).
pub const AFTER_SEND: Callback = Callback {
    body: &[
        COMMAND,
        FROM,
        TO,
        MSG_SEQ,
        MSG_RANDOM,
        MSG_TIME,
        MSG_KEY,
        MSG_ID.newer("only the current INTL-zh-34365 table has it"),
        ONLINE_ONLY_FLAG,
        DELIVERY[0],
        DELIVERY[1],
        DELIVERY[2],
        MSG_BODY,
        CLOUD_CUSTOM_DATA,
    ],
    fields: MESSAGE_FLAGS,
    ..c2c(
        "C2C.CallbackAfterSendMsg",
        "c2c-after-send",
        Kind::After,
        "3.2.2",
        "a one-to-one message was delivered, or its delivery failed",
        include_str!("../../../../fixtures/callbacks/c2c-after-send.json"),
    )
};

/// §3.2.3
pub const AFTER_MSG_REPORT: Callback = Callback {
    body: &[
        COMMAND,
        field("Report_Account", USER, "who read"),
        field("Peer_Account", USER, "the other side of the conversation"),
        field("LastReadTime", SECONDS, "read up to, Unix s"),
        UNREAD.meaning("Report_Account's unread one-to-one messages afterwards"),
    ],
    fields: &[at(Field::Account, "Report_Account")],
    ..c2c(
        "C2C.CallbackAfterMsgReport",
        "c2c-after-msg-report",
        Kind::After,
        "3.2.3",
        "a one-to-one read report succeeded",
        include_str!("../../../../fixtures/callbacks/c2c-after-msg-report.json"),
    )
};

/// §3.2.4: `WithDraw` with a capital D.
pub const AFTER_MSG_WITHDRAW: Callback = Callback {
    body: &[
        COMMAND,
        FROM.meaning("the recalled message's sender"),
        TO.meaning("its recipient"),
        MSG_KEY.meaning("the recalled message"),
        UNREAD.meaning("To_Account's unread one-to-one messages"),
    ],
    fields: &[F_FROM, F_TO],
    ..c2c(
        "C2C.CallbackAfterMsgWithDraw",
        "c2c-after-msg-withdraw",
        Kind::After,
        "3.2.4",
        "a one-to-one message was recalled",
        include_str!("../../../../fixtures/callbacks/c2c-after-msg-withdraw.json"),
    )
};

/// §3.2.5: who performed the operation is not in the body. Group twin: §3.1.24.
pub const AFTER_MSG_EXTENSION: Callback = Callback {
    body: &[
        COMMAND,
        FROM.meaning("the message's sender"),
        TO.meaning("the message's recipient"),
        MSG_KEY.meaning("the target message"),
        OPERATE_TYPE,
        EXTENSION_LIST,
        EXTENSION_SEQ,
        EVENT_TIME,
    ],
    fields: &[F_FROM, F_TO, F_EVENT_TIME],
    ..c2c(
        "C2C.CallbackAfterC2CMsgExtension",
        "c2c-after-msg-extension",
        Kind::After,
        "3.2.5",
        "message extensions of a one-to-one message were set, deleted or cleared",
        include_str!("../../../../fixtures/callbacks/c2c-after-msg-extension.json"),
    )
};
