//! The callback catalog: everything grpcb knows about each Tencent IM callback.
//!
//! Adding a callback means adding one entry to [`CALLBACKS`] (in `entries.rs`) and one sample
//! file under `fixtures/callbacks/`; nothing else in the code matches on callback names.
//! The domain truth behind every entry is `docs/protocol.md` §3.

pub mod elements;
mod entries;

use serde_json::Value;
use strum::{Display, IntoStaticStr, VariantArray};

pub use entries::CALLBACKS;

/// Before-callbacks let the app decide; IM ignores the answer to after-callbacks
/// (`docs/protocol.md` §2.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Display, IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Kind {
    /// The answer decides what IM does.
    Before,
    /// A notification: IM ignores the answer.
    After,
}

impl Kind {
    /// `before` or `after`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The family a callback belongs to: the part of its command before the dot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Display, IntoStaticStr)]
pub enum Family {
    /// `Group.*`: groups, their members and messages (`docs/protocol.md` §3.1).
    Group,
}

impl Family {
    /// `Group.`, as a command starts.
    pub fn prefix(self) -> String {
        format!("{self}.")
    }
}

/// Which parameters IM appends to the callback URL (`docs/protocol.md` §2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryShape {
    /// `SdkAppid`, `CallbackCommand`, `contenttype`, `ClientIP`, `OptPlatform`.
    WithClient,
    /// `SdkAppid`, `CallbackCommand`, `contenttype` only (the member-state callback).
    WithoutClient,
}

impl QueryShape {
    /// Whether the query carries `ClientIP` and `OptPlatform`.
    pub fn has_client(self) -> bool {
        self == QueryShape::WithClient
    }
}

/// One callback.
#[derive(Debug)]
pub struct Callback {
    /// The `CallbackCommand`, e.g. `Group.CallbackBeforeCreateGroup`.
    pub command: &'static str,
    /// The short kebab name, e.g. `before-create`.
    pub alias: &'static str,
    /// The family the command belongs to.
    pub family: Family,
    /// When IM sends it, in a few words.
    pub trigger: &'static str,
    /// The sample request body as JSON text (a file under `fixtures/callbacks/`).
    pub sample: &'static str,
    /// Which typed fields this callback takes, and where each one goes.
    pub fields: &'static [FieldPath],
    /// Top-level sample fields IM sends only sometimes. Every other field of the sample is
    /// always present, with the sample's JSON type.
    pub optional: &'static [&'static str],
    /// Top-level sample fields that newer doc pages added and older ones lack (`EventTime`
    /// since about 2022, `MsgId` since 2023; `docs/protocol.md` §4). Bodies built from the
    /// older pages come without them, so a careful receiver accepts their absence, with a note.
    pub newer: &'static [&'static str],
    /// Which parameters IM appends to the URL.
    pub query: QueryShape,
    /// What IM does with the answer.
    pub answer: AnswerSemantics,
}

impl Callback {
    /// Before or after, by what IM does with the answer.
    pub fn kind(&self) -> Kind {
        match self.answer {
            AnswerSemantics::Decides(_) => Kind::Before,
            AnswerSemantics::Ignored => Kind::After,
        }
    }

    /// The built-in sample body, parsed. The samples are checked by a test, so parsing
    /// cannot fail at run time.
    pub fn sample_body(&self) -> Value {
        serde_json::from_str(self.sample).unwrap_or(Value::Null)
    }

    /// The fields IM always sends (newer ones included), each with its sample value (whose
    /// JSON type is the field's type). A careful receiver checks these; see [`Callback::newer`].
    pub fn required_fields(&self) -> Vec<(String, Value)> {
        let Value::Object(sample) = self.sample_body() else {
            return Vec::new();
        };
        sample
            .into_iter()
            .filter(|(name, _)| !self.optional.contains(&name.as_str()))
            .collect()
    }

    /// Whether bodies built from older doc pages lack this field.
    pub fn is_newer(&self, field: &str) -> bool {
        self.newer.contains(&field)
    }

    /// Where a typed field goes in this callback's body, if it has one.
    pub fn path_of(&self, field: Field) -> Option<&'static FieldPath> {
        self.fields.iter().find(|path| path.field == field)
    }

    /// The typed fields this callback takes, in the catalog's order.
    pub fn typed_fields(&self) -> Vec<Field> {
        self.fields.iter().map(|path| path.field).collect()
    }
}

/// What IM does with the answer to a callback.
#[derive(Debug)]
pub enum AnswerSemantics {
    /// A before-callback: IM acts on `ErrorCode` (`docs/protocol.md` §2.7).
    Decides(Decides),
    /// An after-callback: a notification; IM ignores the answer.
    Ignored,
}

/// How a before-callback's answer steers IM.
#[derive(Debug)]
pub struct Decides {
    /// What IM goes on to do when allowed, e.g. "create the group".
    pub action: &'static str,
    /// The operation as a noun, for refusals, e.g. "the creation".
    pub operation: &'static str,
    /// What users lose when a receiver denies every such request, e.g. "users cannot
    /// create topics".
    pub denied_means: &'static str,
    /// `ErrorCode: 2` silently drops the operation (before-send only).
    pub can_drop: bool,
    /// The request's member list that `RefusedMembers_Account` may pick from
    /// (before-invite only).
    pub refusable: Option<&'static str>,
    /// The answer may replace `MsgBody` and `CloudCustomData` (before-send only).
    pub can_rewrite: bool,
}

/// A typed field a caller can fill by name (an option, a key of a test file);
/// each callback maps the ones it has a place for. Its name is kebab case: `group-id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Display, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Field {
    /// `GroupId`.
    GroupId,
    /// `Type`.
    GroupType,
    /// `Name`.
    Name,
    /// `Operator_Account`.
    Operator,
    /// `Owner_Account` (`NewOwner_Account` on after-owner-change).
    Owner,
    /// The callback's member list.
    Member,
    /// The first `TIMTextElem` of `MsgBody` (`ApplyMsg` on before-apply).
    Text,
    /// `EventTime`, milliseconds.
    EventTime,
    /// `TopicId` (`TopicIdList` on after-topic-destroy).
    TopicId,
    /// `From_Account`.
    From,
    /// `Requestor_Account`.
    Requestor,
    /// `JoinType`.
    JoinType,
    /// `ExitType`.
    ExitType,
}

impl Field {
    /// The kebab name: `group-id`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Where a typed field's value goes in the body.
#[derive(Debug)]
pub struct FieldPath {
    /// The typed field.
    pub field: Field,
    /// Dotted path of the body field, as [`crate::payload::SetOp`] writes it.
    pub path: &'static str,
    /// How the text becomes JSON.
    pub shape: Shape,
}

/// How a typed field's text becomes JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A JSON string.
    String,
    /// A JSON integer (the text must parse as one).
    Integer,
    /// An array of `{"Member_Account": "<user>"}`, one per value given.
    Members,
    /// One UserID string, from one value (`member` on a single-member field).
    User,
    /// An array holding the one value given (`topic-id` into `TopicIdList`).
    StringList,
    /// The `Text` of the first `TIMTextElem` in a message body array.
    Text,
}

/// Why a name did not resolve to a callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCallback {
    /// The name as given, trimmed.
    pub name: String,
    /// The alias nearest to it, when one is near enough to be a typo.
    pub suggestion: Option<&'static str>,
}

impl std::fmt::Display for UnknownCallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown callback `{}`", self.name)?;
        match self.suggestion {
            Some(alias) => write!(f, "; did you mean `{alias}`?"),
            None => Ok(()),
        }
    }
}

/// Resolves a callback by its full command, the command without its family (`Group.`), or
/// its alias, case-insensitively.
pub fn find(name: &str) -> Result<&'static Callback, UnknownCallback> {
    let wanted = name.trim();
    CALLBACKS
        .iter()
        .find(|callback| {
            wanted.eq_ignore_ascii_case(callback.command)
                || wanted.eq_ignore_ascii_case(short_command(callback))
                || wanted.eq_ignore_ascii_case(callback.alias)
        })
        .ok_or_else(|| UnknownCallback {
            name: wanted.to_string(),
            suggestion: closest_alias(wanted),
        })
}

/// Resolves a callback by the exact `CallbackCommand` a body carries.
pub fn by_command(command: &str) -> Option<&'static Callback> {
    CALLBACKS
        .iter()
        .find(|callback| callback.command == command)
}

fn short_command(callback: &Callback) -> &'static str {
    let command = callback.command;
    command
        .strip_prefix(callback.family.prefix().as_str())
        .unwrap_or(command)
}

/// The alias (or command) nearest to a mistyped name, if any is near enough to be a typo.
fn closest_alias(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let lower = lower.as_str();
    CALLBACKS
        .iter()
        .flat_map(|callback| {
            let short = short_command(callback);
            // `BeforeCreateGroup` is nearest to the command, not to any alias.
            let bare = short.strip_prefix("Callback").unwrap_or(short);
            [callback.alias, short, bare]
                .into_iter()
                .map(move |candidate| {
                    let distance = edit_distance(lower, &candidate.to_ascii_lowercase());
                    (distance, candidate.len(), callback.alias)
                })
        })
        .filter(|&(distance, len, _)| near_enough(distance, len))
        .min_by_key(|&(distance, _, _)| distance)
        .map(|(_, _, alias)| alias)
}

/// Whether a name `distance` edits away from a candidate `len` long is likely a typo of it.
pub fn near_enough(distance: usize, len: usize) -> bool {
    distance <= (len / 3).max(2)
}

/// Levenshtein distance; the names are short, so the plain dynamic programme is enough.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_is_an_object_naming_its_own_command() {
        for callback in CALLBACKS {
            let body: Value = serde_json::from_str(callback.sample)
                .unwrap_or_else(|err| panic!("{}: sample is not JSON: {err}", callback.alias));
            assert_eq!(
                body["CallbackCommand"], callback.command,
                "{}: sample names another command",
                callback.alias
            );
        }
    }

    #[test]
    fn mapped_fields_are_the_samples_or_documented_conditional_ones() {
        // Conditional fields (TopicId on a non-topic message, Name on an info change that
        // did not rename) are added when the field is given; everything else must already be there.
        const CONDITIONAL: [&str; 2] = ["TopicId", "Name"];
        for callback in CALLBACKS {
            let body = callback.sample_body();
            for field in callback.fields {
                let top = field.path.split('.').next().unwrap_or_default();
                assert!(
                    body.get(top).is_some() || CONDITIONAL.contains(&top),
                    "{}: {} maps to {} which the sample lacks",
                    callback.alias,
                    field.field,
                    field.path
                );
            }
        }
    }

    #[test]
    fn every_flag_is_used_by_some_callback() {
        for field in Field::VARIANTS.iter().copied() {
            assert!(
                CALLBACKS
                    .iter()
                    .any(|callback| callback.path_of(field).is_some()),
                "{field} fills nothing"
            );
        }
    }

    #[test]
    fn the_catalog_has_every_group_callback() {
        assert_eq!(CALLBACKS.len(), 24);
    }

    #[test]
    fn optional_and_newer_fields_are_in_the_sample() {
        for callback in CALLBACKS {
            let body = callback.sample_body();
            for field in callback.optional.iter().chain(callback.newer) {
                assert!(body.get(field).is_some(), "{}: {field}", callback.alias);
            }
            for field in callback.newer {
                assert!(
                    !callback.optional.contains(field),
                    "{}: {field}",
                    callback.alias
                );
            }
        }
    }

    #[test]
    fn names_and_aliases_are_unique() {
        for (i, a) in CALLBACKS.iter().enumerate() {
            for b in &CALLBACKS[i + 1..] {
                assert_ne!(a.alias, b.alias);
                assert_ne!(a.command, b.command);
            }
        }
    }

    #[test]
    fn refusable_lists_exist_in_the_sample() {
        for callback in CALLBACKS {
            if let AnswerSemantics::Decides(Decides {
                refusable: Some(list),
                ..
            }) = callback.answer
            {
                assert!(
                    callback.sample_body()[list].is_array(),
                    "{}",
                    callback.alias
                );
            }
        }
    }

    #[test]
    fn finds_by_every_spelling() {
        for name in [
            "Group.CallbackBeforeCreateGroup",
            "group.callbackbeforecreategroup",
            "CallbackBeforeCreateGroup",
            "before-create",
            "BEFORE-CREATE",
        ] {
            assert_eq!(find(name).map(|c| c.alias).ok(), Some("before-create"));
        }
    }

    #[test]
    fn suggests_the_closest_alias() {
        let err = find("befor-create").unwrap_err();
        assert_eq!(err.suggestion, Some("before-create"));
        assert_eq!(
            find("BeforeCreateGroup").unwrap_err().suggestion,
            Some("before-create")
        );
        assert_eq!(
            find("AfterSendMsg").unwrap_err().suggestion,
            Some("after-send")
        );
        assert!(
            find("zzzzzzzzzzzzzzzzzzzz")
                .unwrap_err()
                .suggestion
                .is_none()
        );
    }
}
