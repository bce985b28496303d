//! Fields and typed-flag places many callbacks share, so each is described once.

use super::model::{
    FieldSpec, IntFormat, Literal, StrFormat, Type, array, field, int_of, integer, one_of, string,
};
use super::values;
use super::{Field, FieldPath, Shape};

pub const USER: Type = string(StrFormat::UserId);
pub const TEXT: Type = string(StrFormat::Text);
pub const MILLIS: Type = integer(IntFormat::Millis);
pub const SECONDS: Type = integer(IntFormat::Seconds);
pub const U32: Type = integer(IntFormat::U32);
pub const COUNT: Type = integer(IntFormat::Count);

/// The top-level `CallbackCommand` of most bodies.
pub const COMMAND: FieldSpec = field(
    "CallbackCommand",
    string(StrFormat::Command),
    "the callback's command, equal to the query's",
);
pub const EVENT_TIME: FieldSpec = field("EventTime", MILLIS, "event time, Unix ms");
/// `EventTime` of a group callback: older pages (SEED-0, SEED-1) lack it (§4 D5).
pub const GROUP_EVENT_TIME: FieldSpec =
    EVENT_TIME.newer("older group pages (SEED-0, SEED-1) lack it");
pub const GROUP_ID: FieldSpec = field("GroupId", string(StrFormat::GroupId), "the group");
pub const GROUP_TYPE: FieldSpec = field("Type", one_of(&values::GROUP_TYPE), "group type");
pub const TOPIC_GROUP_TYPE: FieldSpec =
    field("Type", one_of(&values::TOPIC_GROUP_TYPE), "group type");
pub const OPERATOR: FieldSpec = field("Operator_Account", USER, "who made the request");
pub const OWNER: FieldSpec = field("Owner_Account", USER, "the owner");
pub const FROM: FieldSpec = field("From_Account", USER, "the sender");
pub const TO: FieldSpec = field("To_Account", USER, "the recipient");
pub const NAME: FieldSpec = field("Name", TEXT, "the name");
pub const TOPIC_ID: FieldSpec = field("TopicId", string(StrFormat::TopicId), "the topic")
    .when("the group is a community with topics and this concerns a topic");
pub const MSG_BODY: FieldSpec = field("MsgBody", Type::MsgBody, "the message content (§2.10)");
pub const CLOUD_CUSTOM_DATA: FieldSpec =
    field("CloudCustomData", TEXT, "the message's custom data")
        .when("the message has custom data (absence when unset is unconfirmed)");
pub const ONLINE_ONLY_FLAG: FieldSpec = field(
    "OnlineOnlyFlag",
    int_of(&values::ONLINE_ONLY_FLAG),
    "1 for an online-only message, else 0",
);
pub const RANDOM: FieldSpec = field("Random", U32, "32-bit random of the send request");
pub const MSG_SEQ: FieldSpec = field("MsgSeq", U32, "message sequence");
pub const MSG_RANDOM: FieldSpec = field("MsgRandom", U32, "message random");
pub const MSG_TIME: FieldSpec = field("MsgTime", SECONDS, "send time, Unix s");
pub const MSG_KEY: FieldSpec = field("MsgKey", string(StrFormat::MsgKey), "the message key");
pub const MSG_ID: FieldSpec = field("MsgId", string(StrFormat::MsgId), "client-side message ID");
pub const OFFICIAL_ACCOUNT: FieldSpec = field(
    "Official_Account",
    string(StrFormat::OfficialAccount),
    "the official account (@TOA#_…)",
);
pub const UNREAD: FieldSpec = field(
    "UnreadMsgNum",
    integer(IntFormat::Unread),
    "the user's unread one-to-one messages",
);

/// `[{"Member_Account": user}]`.
pub const MEMBER_LIST: Type = array(&Type::Object(&[field("Member_Account", USER, "a member")]));

/// `[{"Subscriber_Account": user}]`.
pub const SUBSCRIBERS: FieldSpec = field(
    "SubscribeAccountList",
    array(&Type::Object(&[field(
        "Subscriber_Account",
        USER,
        "a subscriber",
    )])),
    "the subscribers",
);

/// `[{Key, Value, Seq}]` of the message-extension callbacks.
pub const EXTENSION_LIST: FieldSpec = field(
    "ExtensionList",
    array(&Type::Object(&[
        field("Key", TEXT, "key"),
        field("Value", TEXT, "value (empty for delete)"),
        field("Seq", COUNT, "this pair's version"),
    ])),
    "the changed pairs (empty for clear)",
);
pub const OPERATE_TYPE: FieldSpec = field(
    "OperateType",
    int_of(&values::OPERATE_TYPE),
    "1 set, 2 delete, 3 clear",
);
pub const EXTENSION_SEQ: FieldSpec =
    field("Seq", COUNT, "latest version of the message's extensions");

/// `[{Key, Value}]` of group custom fields.
pub const USER_DEFINED: FieldSpec = field(
    "UserDefinedDataList",
    array(&Type::Object(&[
        field("Key", TEXT, "custom field"),
        field("Value", TEXT, "its value"),
    ])),
    "group custom fields",
)
.when("group custom fields are enabled and were given");

/// Request fields named like the answer's: the delivery result.
pub const SEND_MSG_RESULT: FieldSpec = field(
    "SendMsgResult",
    integer(IntFormat::Code),
    "delivery result: 0 ok, else the failure's error code",
);
pub const DELIVERY_INFO: FieldSpec = field(
    "ErrorInfo",
    TEXT,
    "request field: the delivery text (`send msg succeed` on success)",
);

/// Values a literal condition can take.
pub const ONE: &[Literal] = &[Literal::Int(1)];
pub const TWO: &[Literal] = &[Literal::Int(2)];

// Typed-flag places.
const fn place(field: Field, path: &'static str, shape: Shape) -> FieldPath {
    FieldPath { field, path, shape }
}

pub const fn at(field: Field, path: &'static str) -> FieldPath {
    place(field, path, Shape::String)
}

pub const fn members(path: &'static str) -> FieldPath {
    place(Field::Member, path, Shape::Members)
}

pub const fn items(path: &'static str, key: &'static str) -> FieldPath {
    place(Field::Member, path, Shape::Items(key))
}

pub const fn shaped(field: Field, path: &'static str, shape: Shape) -> FieldPath {
    place(field, path, shape)
}

pub const F_GROUP_ID: FieldPath = at(Field::GroupId, "GroupId");
pub const F_GROUP_TYPE: FieldPath = at(Field::GroupType, "Type");
pub const F_NAME: FieldPath = at(Field::Name, "Name");
pub const F_OPERATOR: FieldPath = at(Field::Operator, "Operator_Account");
pub const F_OWNER: FieldPath = at(Field::Owner, "Owner_Account");
pub const F_FROM: FieldPath = at(Field::From, "From_Account");
pub const F_TO: FieldPath = at(Field::To, "To_Account");
pub const F_TOPIC_ID: FieldPath = at(Field::TopicId, "TopicId");
pub const F_TEXT: FieldPath = shaped(Field::Text, "MsgBody", Shape::Text);
pub const F_EVENT_TIME: FieldPath = shaped(Field::EventTime, "EventTime", Shape::Integer);
pub const F_ACCOUNT: FieldPath = at(Field::Account, "Official_Account");
