//! The doc variants of `fixtures/variants/`: bodies IM may really send that differ from the
//! current docs' samples (older pages, the international pages, fields that come and go),
//! each with where it comes from (`docs/protocol.md` §4). A careful receiver accepts every
//! one; a robustness check sends them, and a careful receiver accepts each.

use super::model::Type;
use super::{Callback, Family};

/// One variant body.
#[derive(Debug)]
pub struct Variant {
    /// The file name under `fixtures/variants/`.
    pub file: &'static str,
    /// The alias of its callback.
    pub alias: &'static str,
    /// How it differs from the sample.
    pub what: &'static str,
    /// The body as JSON text.
    pub body: &'static str,
}

impl Variant {
    /// The body, parsed (a test checks every one, so this cannot fail at run time).
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(self.body).unwrap_or(serde_json::Value::Null)
    }
}

macro_rules! variant {
    ($file:literal, $alias:literal, $what:literal) => {
        Variant {
            file: $file,
            alias: $alias,
            what: $what,
            body: include_str!(concat!("../../../fixtures/variants/", $file)),
        }
    };
}

/// Every variant, in the order of `fixtures/variants/README.md`.
pub static VARIANTS: &[Variant] = &[
    variant!(
        "before-create-create-group-num.json",
        "before-create",
        "the legacy count field CreateGroupNum"
    ),
    variant!(
        "before-create-created-num.json",
        "before-create",
        "the legacy count field CreatedNum"
    ),
    variant!(
        "before-create-created-group-num.json",
        "before-create",
        "the legacy count field CreatedGroupNum"
    ),
    variant!(
        "before-create-event-time-string.json",
        "before-create",
        "EventTime as a string"
    ),
    variant!(
        "after-send-event-time-string.json",
        "after-send",
        "EventTime as a string"
    ),
    variant!(
        "after-member-field-change-member-account.json",
        "after-member-field-change",
        "Member_Account instead of Modified_Account"
    ),
    variant!(
        "quota-alarm-event-time-string.json",
        "quota-alarm",
        "EventTime as a string"
    ),
    variant!(
        "state-change-custom-status.json",
        "state-change",
        "a custom status set"
    ),
    variant!(
        "oa-after-info-change-name-only.json",
        "oa-after-info-change",
        "only the changed field"
    ),
    variant!(
        "push-offline-single-event.json",
        "push-offline",
        "a batch of one event"
    ),
    variant!(
        "push-offline-group-without-msg-random.json",
        "push-offline",
        "a group event without MsgRandom"
    ),
    variant!(
        "push-all-member-table-fields.json",
        "push-all-member",
        "the table-only DataId and DeviceType"
    ),
    variant!(
        "content-result-notify-image.json",
        "content-result-notify",
        "an image moderated in a group"
    ),
    variant!(
        "c2c-after-send-failed.json",
        "c2c-after-send",
        "a failed delivery"
    ),
    variant!(
        "c2c-after-msg-extension-clear.json",
        "c2c-after-msg-extension",
        "extensions cleared"
    ),
];

/// An integer field that the doc examples of a family print as a string of digits: IM sends
/// a number, a tolerant receiver accepts both, and a generator sends the string now and then.
#[derive(Debug)]
pub struct NumericString {
    /// The family whose pages print it so.
    pub family: Family,
    /// The top-level field.
    pub field: &'static str,
    /// Where the docs do it (`docs/protocol.md`).
    pub source: &'static str,
}

/// Every field the docs print as a numeric string somewhere.
pub static NUMERIC_STRINGS: &[NumericString] = &[NumericString {
    family: Family::Group,
    field: "EventTime",
    source: "§2.8: many group examples print EventTime as a string (§4 D1); no other family's page does",
}];

/// The top-level integer fields of `callback` that its docs also print as strings of digits.
pub fn numeric_strings(callback: &Callback) -> impl Iterator<Item = &'static str> {
    NUMERIC_STRINGS
        .iter()
        .filter(|spelling| spelling.family == callback.family)
        .filter(|spelling| {
            callback
                .field(spelling.field)
                .is_some_and(|spec| matches!(spec.ty, Type::Integer { .. }))
        })
        .map(|spelling| spelling.field)
}
