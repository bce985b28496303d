//! The callbacks of each family (`docs/protocol.md` §3.1-§3.11), one file per family, each
//! callback with its section, sample, field model, typed flags and answer semantics.

pub mod bot;
pub mod c2c;
pub mod group;
pub mod official;
pub mod others;
pub mod sns;

use super::common::{TEXT, USER};
use super::model::{FieldSpec, Type, array, field};
use super::{AnswerSemantics, Decides};
use std::ops::RangeInclusive;

/// The group custom denial codes (§2.6).
pub const GROUP_CUSTOM: RangeInclusive<i64> = 10100..=10200;
/// The C2C and official-account custom denial codes (§2.6).
pub const C2C_CUSTOM: RangeInclusive<i64> = 120_001..=130_000;
/// The Sns per-user refusal codes (§3.3.1).
pub const SNS_REFUSAL: RangeInclusive<i64> = 38000..=39000;

/// A before-callback that only allows or denies.
pub const fn decides(
    action: &'static str,
    operation: &'static str,
    denied_means: &'static str,
    caller: &'static str,
    deny_code: Option<i64>,
    custom: Option<RangeInclusive<i64>>,
) -> Decides {
    Decides {
        action,
        operation,
        denied_means,
        caller,
        deny_code,
        custom,
        can_drop: false,
        can_rewrite: false,
        refusal: None,
        reply: None,
        extra: &[],
    }
}

/// A plain group before-callback: 0 allow, 1 deny (10016), 10100-10200 custom (§2.6).
pub const fn group_decides(
    action: &'static str,
    operation: &'static str,
    denied_means: &'static str,
) -> AnswerSemantics {
    AnswerSemantics::Decides(decides(
        action,
        operation,
        denied_means,
        "the caller",
        Some(10016),
        Some(GROUP_CUSTOM),
    ))
}

/// The answer fields of the three before-send callbacks (§2.4).
pub const REPLACEMENT: &[FieldSpec] = &[
    field(
        "MsgBody",
        Type::MsgBody,
        "a replacement message body, applied only with ErrorCode 0",
    )
    .when("the receiver rewrites the message"),
    field(
        "CloudCustomData",
        TEXT,
        "replacement custom data, applied only with ErrorCode 0",
    )
    .when("the receiver rewrites the custom data"),
];

/// A list of refused UserIDs, in an answer (§2.4).
pub const fn refused_list(name: &'static str, meaning: &'static str) -> FieldSpec {
    field(name, array(&USER), meaning).when("the receiver refuses some of the users")
}
