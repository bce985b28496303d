//! The callback catalog: everything grpcb knows about each Tencent IM group callback.
//!
//! Adding a callback means adding one entry to [`entries::CALLBACKS`] and one sample file under
//! `fixtures/callbacks/`; nothing else in the code matches on callback names.
//! The domain truth behind every entry is `spec/group-callbacks.md`.

pub mod elements;
mod entries;

use serde_json::Value;

pub use entries::CALLBACKS;

/// Before-callbacks let the app decide; IM ignores the answer to after-callbacks (§1.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Before,
    After,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Before => "before",
            Kind::After => "after",
        }
    }
}

/// One group callback.
#[derive(Debug)]
pub struct Callback {
    /// The `CallbackCommand`, e.g. `Group.CallbackBeforeCreateGroup`.
    pub command: &'static str,
    /// The short kebab name of `spec/cli.md`, e.g. `before-create`.
    pub alias: &'static str,
    /// When IM sends it, in a few words (for `grpcb list`).
    pub trigger: &'static str,
    /// The sample request body as JSON text (a file under `fixtures/callbacks/`).
    pub sample: &'static str,
    /// Which typed payload flags this callback takes, and which field each one fills.
    pub fields: &'static [FieldMap],
    /// Top-level sample fields IM sends only sometimes (§2: presence C, T or U). Every other
    /// field of the sample is always present, with the sample's JSON type.
    pub optional: &'static [&'static str],
    /// Top-level sample fields that newer doc pages added and older ones lack (`EventTime`
    /// since about 2022, `MsgId` since 2023; §2.1, §4). Bodies built from the older pages
    /// (the seed documents among them) come without them, so a careful receiver accepts
    /// their absence, with a note.
    pub newer: &'static [&'static str],
    /// Whether the query carries `ClientIP` and `OptPlatform` (§1.2: the member-state
    /// callback does not).
    pub client_info: bool,
    /// What IM does with the answer.
    pub answer: Answer,
}

impl Callback {
    pub fn kind(&self) -> Kind {
        match self.answer {
            Answer::Decides(_) => Kind::Before,
            Answer::Ignored => Kind::After,
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

    /// The field a typed flag fills for this callback, if it has one.
    pub fn field_for(&self, flag: Flag) -> Option<&'static FieldMap> {
        self.fields.iter().find(|field| field.flag == flag)
    }

    /// The typed flags this callback takes, as they are spelled on the command line.
    pub fn flag_names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|field| field.flag.long()).collect()
    }
}

/// What IM does with the answer to a callback.
#[derive(Debug)]
pub enum Answer {
    /// A before-callback: IM acts on `ErrorCode` (§1.6).
    Decides(Decides),
    /// An after-callback: a notification; IM ignores the answer (§1.4).
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
    /// create topics" (audit's coverage probe says it).
    pub denied_means: &'static str,
    /// `ErrorCode: 2` silently drops the operation (before-send only).
    pub can_drop: bool,
    /// The request's member list that `RefusedMembers_Account` may pick from
    /// (before-invite only).
    pub refusable: Option<&'static str>,
    /// The answer may replace `MsgBody` and `CloudCustomData` (before-send only).
    pub can_rewrite: bool,
}

/// The typed payload flags of `spec/cli.md`, plus those the newer callbacks need. Each
/// callback maps the ones it has a field for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    GroupId,
    GroupType,
    Name,
    Operator,
    Owner,
    Member,
    Text,
    EventTime,
    TopicId,
    From,
    Requestor,
    JoinType,
    ExitType,
}

impl Flag {
    pub const ALL: [Flag; 13] = [
        Flag::GroupId,
        Flag::GroupType,
        Flag::Name,
        Flag::Operator,
        Flag::Owner,
        Flag::Member,
        Flag::Text,
        Flag::EventTime,
        Flag::TopicId,
        Flag::From,
        Flag::Requestor,
        Flag::JoinType,
        Flag::ExitType,
    ];

    /// The flag as typed on the command line.
    pub fn long(self) -> &'static str {
        match self {
            Flag::GroupId => "--group-id",
            Flag::GroupType => "--group-type",
            Flag::Name => "--name",
            Flag::Operator => "--operator",
            Flag::Owner => "--owner",
            Flag::Member => "--member",
            Flag::Text => "--text",
            Flag::EventTime => "--event-time",
            Flag::TopicId => "--topic-id",
            Flag::From => "--from",
            Flag::Requestor => "--requestor",
            Flag::JoinType => "--join-type",
            Flag::ExitType => "--exit-type",
        }
    }

    /// The key of the same option in a suite case: snake case, `group_id = "..."`. A case's
    /// own `name` names the case, so the group's name is `group_name`.
    pub fn suite_key(self) -> &'static str {
        match self {
            Flag::GroupId => "group_id",
            Flag::GroupType => "group_type",
            Flag::Name => "group_name",
            Flag::Operator => "operator",
            Flag::Owner => "owner",
            Flag::Member => "member",
            Flag::Text => "text",
            Flag::EventTime => "event_time",
            Flag::TopicId => "topic_id",
            Flag::From => "from",
            Flag::Requestor => "requestor",
            Flag::JoinType => "join_type",
            Flag::ExitType => "exit_type",
        }
    }

    /// The flag for a suite key, if there is one.
    pub fn from_suite_key(key: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|flag| flag.suite_key() == key)
    }
}

/// Where a typed flag's value goes in the body.
#[derive(Debug)]
pub struct FieldMap {
    pub flag: Flag,
    /// Dotted path of the field, as `--set` writes it.
    pub path: &'static str,
    pub shape: Shape,
}

/// How a typed flag's text becomes JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A JSON string.
    String,
    /// A JSON integer (the text must parse as one).
    Integer,
    /// An array of `{"Member_Account": "<user>"}`, one per `--member` (repeatable).
    Members,
    /// One UserID string, from a flag given once (`--member` on a single-member field).
    User,
    /// An array holding the one value given (`--topic-id` into `TopicIdList`).
    StringList,
    /// The `Text` of the first `TIMTextElem` in a message body array.
    Text,
}

/// Why a name did not resolve to a callback.
#[derive(Debug)]
pub struct UnknownCallback {
    pub name: String,
    pub suggestion: Option<&'static str>,
}

impl std::fmt::Display for UnknownCallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown callback `{}`", self.name)?;
        match self.suggestion {
            Some(alias) => write!(f, "; did you mean `{alias}`? (`grpcb list` shows them all)"),
            None => write!(f, "; `grpcb list` shows the callbacks grpcb knows"),
        }
    }
}

impl UnknownCallback {
    /// The input error for this name, given where it was written.
    pub fn about(self, subject: crate::error::Subject) -> crate::error::BadValue {
        let hint = match self.suggestion {
            Some(alias) => format!("did you mean `{alias}`? (`grpcb list` shows them all)"),
            None => "`grpcb list` shows the callbacks grpcb knows".into(),
        };
        crate::error::BadValue::new(subject, "is not a callback grpcb knows")
            .value(self.name)
            .hint(hint)
    }
}

/// Resolves a callback by its full command, the command without `Group.`, or its alias,
/// case-insensitively (`spec/cli.md`, "Callback names").
pub fn find(name: &str) -> Result<&'static Callback, UnknownCallback> {
    let wanted = name.trim();
    CALLBACKS
        .iter()
        .find(|callback| {
            wanted.eq_ignore_ascii_case(callback.command)
                || wanted.eq_ignore_ascii_case(short_command(callback.command))
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

fn short_command(command: &str) -> &str {
    command.strip_prefix("Group.").unwrap_or(command)
}

/// The alias (or command) nearest to a mistyped name, if any is near enough to be a typo.
fn closest_alias(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let lower = lower.as_str();
    CALLBACKS
        .iter()
        .flat_map(|callback| {
            let short = short_command(callback.command);
            // `BeforeCreateGroup` is nearest to the command, not to any alias.
            let bare = short.strip_prefix("Callback").unwrap_or(short);
            [callback.alias, short, bare]
                .into_iter()
                .map(move |candidate| {
                    let distance = edit_distance(lower, &candidate.to_ascii_lowercase());
                    (distance, candidate.len(), callback.alias)
                })
        })
        .filter(|&(distance, len, _)| distance <= (len / 3).max(2))
        .min_by_key(|&(distance, _, _)| distance)
        .map(|(_, _, alias)| alias)
}

/// Levenshtein distance; the names are short, so the plain dynamic programme is enough.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
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
        // did not rename) are added by the flag; everything else must already be there.
        const CONDITIONAL: [&str; 2] = ["TopicId", "Name"];
        for callback in CALLBACKS {
            let body = callback.sample_body();
            for field in callback.fields {
                let top = field.path.split('.').next().unwrap_or_default();
                assert!(
                    body.get(top).is_some() || CONDITIONAL.contains(&top),
                    "{}: {} maps to {} which the sample lacks",
                    callback.alias,
                    field.flag.long(),
                    field.path
                );
            }
        }
    }

    #[test]
    fn every_flag_is_used_by_some_callback() {
        for flag in Flag::ALL {
            assert!(
                CALLBACKS
                    .iter()
                    .any(|callback| callback.field_for(flag).is_some()),
                "{} fills nothing",
                flag.long()
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
            if let Answer::Decides(Decides {
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
