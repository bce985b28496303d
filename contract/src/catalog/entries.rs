//! Every callback of the catalog, in the order of `docs/protocol.md` §3.0; each family's
//! entries live in `families/`.

use super::Callback;
use super::families::group;

/// Every callback grpcb knows, in the order of `docs/protocol.md` §3.0.
pub static CALLBACKS: &[Callback] = &[
    group::BEFORE_CREATE,
    group::AFTER_CREATE,
    group::BEFORE_APPLY,
    group::BEFORE_INVITE,
    group::AFTER_JOIN,
    group::AFTER_EXIT,
    group::BEFORE_SEND,
    group::AFTER_SEND,
    group::AFTER_FULL,
    group::AFTER_DESTROY,
    group::AFTER_INFO_CHANGE,
    group::AFTER_RECALL,
    group::MEMBER_STATE,
    group::SEND_EXCEPTION,
    group::BEFORE_CREATE_TOPIC,
    group::AFTER_CREATE_TOPIC,
    group::AFTER_TOPIC_DESTROY,
    group::AFTER_TOPIC_INFO_CHANGE,
    group::AFTER_MEMBER_FIELD_CHANGE,
    group::AFTER_ATTR_CHANGE,
    group::AFTER_READ_RECEIPT,
    group::AFTER_OWNER_CHANGE,
    group::QUOTA_ALARM,
    group::AFTER_MSG_EXTENSION,
];
