//! Chatbots (`docs/protocol.md` §3.8): two notifications and the one reply callback.

use super::super::common::*;
use super::super::model::{StrFormat, array, field, string};
use super::super::{AnswerSemantics, Callback, Decides, Family, Kind};
use super::c2c::callback;
use super::decides;

const fn bot(
    command: &'static str,
    alias: &'static str,
    kind: Kind,
    section: &'static str,
    trigger: &'static str,
    sample: &'static str,
) -> Callback {
    callback(Family::Bot, command, alias, kind, section, trigger, sample)
}

const CHATBOT: super::super::model::Type = string(StrFormat::Chatbot);

/// §3.8.1: a bot backend answers the user through REST `sendmsg`, not through the answer.
pub const C2C_MESSAGE: Callback = Callback {
    body: &[
        COMMAND,
        FROM,
        field("To_Account", CHATBOT, "the chatbot (@RBT#…)"),
        MSG_SEQ,
        MSG_RANDOM,
        MSG_TIME,
        MSG_KEY,
        ONLINE_ONLY_FLAG,
        SEND_MSG_RESULT,
        DELIVERY_INFO,
        MSG_BODY,
        CLOUD_CUSTOM_DATA,
        EVENT_TIME,
    ],
    fields: &[F_FROM, F_TO, F_TEXT, F_EVENT_TIME],
    ..bot(
        "Bot.OnC2CMessage",
        "bot-c2c-message",
        Kind::After,
        "3.8.1",
        "a one-to-one message to a chatbot was delivered",
        include_str!("../../../../fixtures/callbacks/bot-c2c-message.json"),
    )
};

/// §3.8.2: @all does not trigger it.
pub const GROUP_MESSAGE: Callback = Callback {
    body: &[
        COMMAND,
        GROUP_ID,
        GROUP_TYPE,
        FROM,
        OPERATOR,
        RANDOM,
        MSG_SEQ.meaning("the group message sequence"),
        MSG_TIME,
        ONLINE_ONLY_FLAG,
        MSG_BODY,
        field(
            "AtRobots_Account",
            array(&CHATBOT),
            "the chatbots mentioned",
        ),
        CLOUD_CUSTOM_DATA,
        TOPIC_ID.when("a topic of a topic-enabled community (table only)"),
        EVENT_TIME,
    ],
    fields: &[
        F_GROUP_ID,
        F_GROUP_TYPE,
        F_FROM,
        F_OPERATOR,
        F_TEXT,
        F_TOPIC_ID,
        F_EVENT_TIME,
    ],
    ..bot(
        "Bot.OnGroupMessage",
        "bot-group-message",
        Kind::After,
        "3.8.2",
        "a user @-mentioned a chatbot in a group",
        include_str!("../../../../fixtures/callbacks/bot-group-message.json"),
    )
};

/// §3.8.3: the answer's `RspData` (a string, required) goes back to the chatbot with
/// ErrorCode 0; ErrorCode 1 is a failure and IM ignores `RspData` (confirmed against
/// CN-103730 and INTL-zh-59057, §4 D39).
pub const C2C_SIGNAL: Callback = Callback {
    body: &[
        COMMAND,
        FROM,
        field("To_Account", CHATBOT, "the chatbot (@RBT#…)"),
        MSG_SEQ,
        MSG_RANDOM,
        MSG_KEY.meaning("the message key (do not parse it, §2.9)"),
        EVENT_TIME,
        field(
            "Data",
            string(StrFormat::Json),
            "the pass-through protocol's data, often JSON text",
        ),
    ],
    fields: &[F_FROM, F_TO, F_EVENT_TIME],
    answer: AnswerSemantics::Decides(Decides {
        reply: Some("RspData"),
        extra: &[field(
            "RspData",
            TEXT,
            "custom content returned to the chatbot (with ErrorCode 0)",
        )],
        ..decides(
            "return RspData to the chatbot",
            "the pass-through message",
            "chatbots never get custom content back",
            "the chatbot",
            None,
            None,
        )
    }),
    ..bot(
        "Chatbot.OnC2CSignalMessage",
        "chatbot-c2c-signal",
        Kind::Reply,
        "3.8.3",
        "a client sends custom pass-through content to a chatbot",
        include_str!("../../../../fixtures/callbacks/chatbot-c2c-signal.json"),
    )
};
