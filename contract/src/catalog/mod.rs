//! The callback catalog: everything grpcb knows about each Tencent IM callback.
//!
//! Adding a callback means adding one entry to its family's file and to [`CALLBACKS`] (in
//! `entries.rs`), and one sample under `fixtures/callbacks/`; nothing else in the code
//! matches on callback names. The domain truth behind every entry is `docs/protocol.md` §3;
//! each entry names its section.
//!
//! Every entry describes its body as data ([`model`]): each field's JSON type, whether IM
//! always sends it, and the values the docs give ([`values`]). The typed flags
//! ([`FieldPath`]) say where `--from`, `--member`, ... go.

mod common;
pub mod elements;
mod entries;
mod families;
pub mod limits;
pub mod model;
pub mod values;
pub mod variants;

use model::{Constraint, FieldSpec, Presence};
use serde_json::Value;
use std::ops::RangeInclusive;
use strum::{Display, IntoStaticStr, VariantArray};

pub use entries::CALLBACKS;

/// What IM does with the answer (`docs/protocol.md` §2.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Display, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum Kind {
    /// IM waits and acts on the answer: allows, refuses, trims or rewrites the action.
    Before,
    /// A notification of something done: IM ignores the answer.
    After,
    /// An alarm or a report not caused by one user action: IM ignores the answer.
    Notify,
    /// IM waits for the answer and carries its data back (`Chatbot.OnC2CSignalMessage`).
    Reply,
}

impl Kind {
    /// `before`, `after`, `notify` or `reply`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether the answer changes what IM does (before and reply).
    pub fn decides(self) -> bool {
        matches!(self, Kind::Before | Kind::Reply)
    }
}

/// The family a callback belongs to, as `docs/protocol.md` §3 groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Display, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Family {
    /// `Group.*`: groups, their members and messages (§3.1).
    Group,
    /// `C2C.*`: one-to-one messages (§3.2).
    #[strum(serialize = "c2c")]
    C2c,
    /// `Sns.*`: friends and blocklists (§3.3).
    Sns,
    /// `State.*`: login state (§3.4).
    State,
    /// `Profile.*`: user profiles (§3.5).
    Profile,
    /// `Follow.*`: follows (§3.6).
    Follow,
    /// `OfficialAccount.*`: official accounts (§3.7).
    OfficialAccount,
    /// `Bot.*` and `Chatbot.*`: chatbots (§3.8).
    Bot,
    /// `ContentCallback.*`: cloud moderation results (§3.9).
    Content,
    /// `Alert.*`: rate alarms (§3.10).
    Alert,
    /// `Push.*`: push results (§3.11).
    Push,
}

impl Family {
    /// The family's kebab name: `group`, `c2c`, `official-account`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The family by its kebab name, in any case.
    pub fn parse(name: &str) -> Option<Family> {
        Family::VARIANTS
            .iter()
            .copied()
            .find(|family| family.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// `Group.`, as the family's commands start (`Bot.` for the bots; the chatbot's
    /// command starts `Chatbot.`).
    pub fn prefix(self) -> String {
        match self {
            Family::Group => "Group.",
            Family::C2c => "C2C.",
            Family::Sns => "Sns.",
            Family::State => "State.",
            Family::Profile => "Profile.",
            Family::Follow => "Follow.",
            Family::OfficialAccount => "OfficialAccount.",
            Family::Bot => "Bot.",
            Family::Content => "ContentCallback.",
            Family::Alert => "Alert.",
            Family::Push => "Push.",
        }
        .to_string()
    }

    /// A title for people: `Group`, `C2C (one-to-one messages)`.
    pub fn title(self) -> &'static str {
        match self {
            Family::Group => "Group (groups, members, group messages)",
            Family::C2c => "C2C (one-to-one messages)",
            Family::Sns => "Sns (friends and blocklists)",
            Family::State => "State (login state)",
            Family::Profile => "Profile (user profiles)",
            Family::Follow => "Follow (follows)",
            Family::OfficialAccount => "Official accounts",
            Family::Bot => "Bots",
            Family::Content => "Content moderation",
            Family::Alert => "Alerts",
            Family::Push => "Push (push results)",
        }
    }

    /// The section of `docs/protocol.md` that describes the family: `3.1`.
    pub fn section(self) -> &'static str {
        match self {
            Family::Group => "3.1",
            Family::C2c => "3.2",
            Family::Sns => "3.3",
            Family::State => "3.4",
            Family::Profile => "3.5",
            Family::Follow => "3.6",
            Family::OfficialAccount => "3.7",
            Family::Bot => "3.8",
            Family::Content => "3.9",
            Family::Alert => "3.10",
            Family::Push => "3.11",
        }
    }
}

/// Which parameters IM appends to the callback URL, in IM's order (`docs/protocol.md` §2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum QueryShape {
    /// `SdkAppid`, `CallbackCommand`, `contenttype`, `ClientIP`, `OptPlatform`.
    Full,
    /// The full shape with iOS written `IOS` (`State.StateChange`).
    FullIos,
    /// `SdkAppid`, `CallbackCommand`, `OptPlatform`, `contenttype`: no `ClientIP`
    /// (`Alert.RequestOverLimit`).
    Alert,
    /// `SdkAppid`, `CallbackCommand`, `contenttype` only (member-state, content, push).
    Short,
}

impl QueryShape {
    /// `full`, `full-ios`, `alert` or `short`: the shape's name in reports.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The parameter names IM appends, in its order, before any signature.
    pub fn params(self) -> &'static [&'static str] {
        match self {
            QueryShape::Full | QueryShape::FullIos => &[
                "SdkAppid",
                "CallbackCommand",
                "contenttype",
                "ClientIP",
                "OptPlatform",
            ],
            QueryShape::Alert => &["SdkAppid", "CallbackCommand", "OptPlatform", "contenttype"],
            QueryShape::Short => &["SdkAppid", "CallbackCommand", "contenttype"],
        }
    }

    /// Whether the query carries `ClientIP`.
    pub fn has_client_ip(self) -> bool {
        self.params().contains(&"ClientIP")
    }

    /// Whether the query carries `OptPlatform`.
    pub fn has_platform(self) -> bool {
        self.params().contains(&"OptPlatform")
    }

    /// Whether the query carries both `ClientIP` and `OptPlatform`.
    pub fn has_client(self) -> bool {
        self.has_client_ip() && self.has_platform()
    }

    /// Every `OptPlatform` spelling IM may write in this shape (none in the short shape): the
    /// documented ones (`docs/protocol.md` §2.2) with iOS as this shape writes it, `IOS` in
    /// the full-IOS shape and `iOS` elsewhere.
    pub fn platforms(self) -> Vec<&'static str> {
        if !self.has_platform() {
            return Vec::new();
        }
        crate::query::PLATFORMS
            .iter()
            .copied()
            .filter(|&platform| platform == self.spell_platform(platform))
            .filter(|&platform| platform != "IOS" || self == QueryShape::FullIos)
            .collect()
    }

    /// The `OptPlatform` IM writes for a platform: `IOS` for `iOS` in the full-IOS shape.
    pub fn spell_platform(self, platform: &str) -> String {
        if self == QueryShape::FullIos && platform == "iOS" {
            "IOS".to_string()
        } else {
            platform.to_string()
        }
    }
}

/// Where a body carries its `CallbackCommand` (`docs/protocol.md` §2.11).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Envelope {
    /// A top-level `CallbackCommand`, equal to the query's (most callbacks).
    Body,
    /// `{"Events": [...]}`: no top-level `CallbackCommand`, one in each event (`Push.*`).
    Events,
    /// No `CallbackCommand` in the body at all; only the query names the command
    /// (`ContentCallback.ResultNotify`).
    QueryOnly,
}

/// One callback.
#[derive(Debug)]
pub struct Callback {
    /// The `CallbackCommand`, e.g. `Group.CallbackBeforeCreateGroup`.
    pub command: &'static str,
    /// The short kebab name, e.g. `before-create` (also the anchor of its section in
    /// `docs/protocol.md`).
    pub alias: &'static str,
    /// The family the command belongs to.
    pub family: Family,
    /// What IM does with the answer.
    pub kind: Kind,
    /// The `docs/protocol.md` section that describes it: `3.1.1`.
    pub section: &'static str,
    /// When IM sends it, in a few words.
    pub trigger: &'static str,
    /// The sample request body as JSON text (a file under `fixtures/callbacks/`).
    pub sample: &'static str,
    /// Every body field: type, presence, documented values.
    pub body: &'static [FieldSpec],
    /// Rules between fields no single type says (valid pairs, two spellings of one field).
    pub constraints: &'static [Constraint],
    /// Where the body carries `CallbackCommand`.
    pub envelope: Envelope,
    /// Which typed fields this callback takes, and where each one goes.
    pub fields: &'static [FieldPath],
    /// Which parameters IM appends to the URL.
    pub query: QueryShape,
    /// What IM does with the answer.
    pub answer: AnswerSemantics,
}

impl Callback {
    /// Before, after, notify or reply.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// `docs/protocol.md §3.1.1`, as messages cite it.
    pub fn cites(&self) -> String {
        format!("docs/protocol.md §{}", self.section)
    }

    /// The built-in sample body, parsed. The samples are checked by a test, so parsing
    /// cannot fail at run time.
    pub fn sample_body(&self) -> Value {
        serde_json::from_str(self.sample).unwrap_or(Value::Null)
    }

    /// The top-level field of this name, if the model has one.
    pub fn field(&self, name: &str) -> Option<&'static FieldSpec> {
        self.body.iter().find(|spec| spec.name == name)
    }

    /// The top-level fields IM always sends (newer ones included), each with its sample
    /// value (whose JSON type is the field's type); see [`Callback::body`] for the model.
    pub fn required_fields(&self) -> Vec<(String, Value)> {
        let sample = self.sample_body();
        self.body
            .iter()
            .filter(|spec| matches!(spec.presence, Presence::Required | Presence::Newer(_)))
            .filter_map(|spec| {
                sample
                    .get(spec.name)
                    .map(|value| (spec.name.to_string(), value.clone()))
            })
            .collect()
    }

    /// Whether bodies built from older doc pages lack this top-level field.
    pub fn is_newer(&self, field: &str) -> bool {
        self.field(field)
            .is_some_and(|spec| matches!(spec.presence, Presence::Newer(_)))
    }

    /// Where a typed field goes in this callback's body, if it has one.
    pub fn path_of(&self, field: Field) -> Option<&'static FieldPath> {
        self.fields.iter().find(|path| path.field == field)
    }

    /// The typed fields this callback takes, in the catalog's order.
    pub fn typed_fields(&self) -> Vec<Field> {
        self.fields.iter().map(|path| path.field).collect()
    }

    /// Every `CallbackCommand` a body carries where this callback's envelope puts it:
    /// the top-level one, or each event's. `None` where a value is not a string.
    pub fn commands_in<'a>(&self, body: &'a Value) -> Vec<Option<&'a str>> {
        match self.envelope {
            Envelope::Body | Envelope::QueryOnly => body
                .get("CallbackCommand")
                .map(Value::as_str)
                .into_iter()
                .collect(),
            Envelope::Events => body["Events"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|event| event.get("CallbackCommand").map(Value::as_str))
                .collect(),
        }
    }
}

/// What IM does with the answer to a callback.
// Catalog entries are static data, never moved, so the variants' sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum AnswerSemantics {
    /// A before (or reply) callback: IM acts on `ErrorCode` (`docs/protocol.md` §2.6, §2.7).
    Decides(Decides),
    /// An after or notify callback: IM ignores the answer.
    Ignored,
}

impl AnswerSemantics {
    /// The answer's own fields besides `ActionStatus`, `ErrorCode` and `ErrorInfo`.
    pub fn extra_fields(&self) -> &'static [FieldSpec] {
        match self {
            AnswerSemantics::Decides(decides) => decides.extra,
            AnswerSemantics::Ignored => &[],
        }
    }

    /// The `ErrorCode`s the answer may carry and what each does (`docs/protocol.md` §2.6), as
    /// data for schemas and generators; any other code means nothing to IM.
    pub fn codes(&self) -> Vec<Codes> {
        let AnswerSemantics::Decides(decides) = self else {
            return vec![Codes::One(0, "fill 0: IM ignores the answer")];
        };
        if let Some(Refusal {
            how: Refuse::PerUser { .. },
            ..
        }) = &decides.refusal
        {
            return vec![
                Codes::One(
                    0,
                    "processed: each ResultItem's ResultCode decides for its user",
                ),
                Codes::Other("the receiver failed: IM lets the request through"),
            ];
        }
        if decides.reply.is_some() {
            return vec![
                Codes::One(0, "success: the reply field goes back"),
                Codes::One(1, "failure: the reply field is ignored"),
            ];
        }
        let mut codes = vec![
            Codes::One(0, "allow"),
            Codes::One(1, "deny: the caller gets the family's plain denial"),
        ];
        if decides.can_drop {
            codes.push(Codes::One(2, "drop the message silently"));
        }
        if let Some(range) = &decides.custom {
            codes.push(Codes::Range(
                range.clone(),
                "deny with this code and ErrorInfo, passed to the caller",
            ));
        }
        codes
    }
}

/// Documented `ErrorCode`s of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Codes {
    /// One code and what it does.
    One(i64, &'static str),
    /// A range of codes and what they do.
    Range(RangeInclusive<i64>, &'static str),
    /// Every code not listed besides (the Sns receivers' failure codes).
    Other(&'static str),
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
    /// Who sees a refusal: "the caller", "the sender", "the requester".
    pub caller: &'static str,
    /// The error the caller gets after `ErrorCode: 1` (10016, 20006); `None` where the docs
    /// do not say.
    pub deny_code: Option<i64>,
    /// The codes a receiver may answer to deny with its own code and text, which IM
    /// passes on (10100-10200 for groups, 120001-130000 for C2C and official accounts).
    pub custom: Option<RangeInclusive<i64>>,
    /// `ErrorCode: 2` silently drops the message (the three before-send callbacks).
    pub can_drop: bool,
    /// The answer may replace `MsgBody` and `CloudCustomData` (the three before-send).
    pub can_rewrite: bool,
    /// The answer may refuse some of the users the request lists.
    pub refusal: Option<Refusal>,
    /// A required answer field whose string IM carries back (`RspData` of the chatbot).
    pub reply: Option<&'static str>,
    /// The answer's own fields, as data.
    pub extra: &'static [FieldSpec],
}

/// The users a request lists, and how the answer refuses some of them.
#[derive(Debug)]
pub struct Refusal {
    /// The request's list: `DestinationMembers`.
    pub request: &'static str,
    /// The key of each user in it: `Member_Account`.
    pub user: &'static str,
    /// One such user, as messages say it: "invitee", "subscriber".
    pub noun: &'static str,
    /// How the answer names the refused ones.
    pub how: Refuse,
}

/// How an answer refuses some of a request's users.
#[derive(Debug)]
pub enum Refuse {
    /// A list of UserIDs (`RefusedMembers_Account`), meaningful with `ErrorCode: 0`.
    List(&'static str),
    /// One result per user (`ResultItem: [{To_Account, ResultCode, ResultInfo}]`): a
    /// non-zero `ResultCode`, from `codes`, refuses that user.
    PerUser {
        /// The answer field: `ResultItem`.
        field: &'static str,
        /// The documented refusal codes: 38000-39000.
        codes: RangeInclusive<i64>,
    },
}

impl Refuse {
    /// The answer field that names the refused users.
    pub fn field(&self) -> &'static str {
        match self {
            Refuse::List(field) | Refuse::PerUser { field, .. } => field,
        }
    }
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
    /// The callback's user list (`MemberList`, `FriendItem`, `SubscribeAccountList`, ...).
    Member,
    /// The first `TIMTextElem` of `MsgBody` (`ApplyMsg` on before-apply).
    Text,
    /// `EventTime`, milliseconds.
    EventTime,
    /// `TopicId` (`TopicIdList` on after-topic-destroy).
    TopicId,
    /// `From_Account`.
    From,
    /// `Requestor_Account` (`Requester_Account` on the Sns before-callbacks).
    Requestor,
    /// `JoinType`.
    JoinType,
    /// `ExitType`.
    ExitType,
    /// `To_Account`: the recipient.
    To,
    /// The account a callback is about: `Official_Account`, the user of a state change or
    /// a profile change, the reader of a read report.
    Account,
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
    /// Dotted path of the body field, as [`crate::payload::SetOp`] writes it; a `*`
    /// segment means every item of that array (`Events.*.To_Account`).
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
    /// An array of objects, one per value given, each a copy of the body's first item
    /// (or an empty object) with this key set to the value (`FriendItem[].To_Account`).
    Items(&'static str),
    /// An array of strings, one per value given (`To_Account` of follow-after-delete).
    Strings,
}

impl Shape {
    /// Whether the field takes several values (`--member` repeated, a suite's array).
    pub fn is_list(self) -> bool {
        matches!(self, Shape::Members | Shape::Items(_) | Shape::Strings)
    }
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

/// Resolves a callback by its full command, its alias, or (group callbacks only, as the
/// scripts written for the group catalog do) the command without `Group.`,
/// case-insensitively.
pub fn find(name: &str) -> Result<&'static Callback, UnknownCallback> {
    let wanted = name.trim();
    CALLBACKS
        .iter()
        .find(|callback| {
            wanted.eq_ignore_ascii_case(callback.command)
                || wanted.eq_ignore_ascii_case(callback.alias)
                || short_command(callback).is_some_and(|short| wanted.eq_ignore_ascii_case(short))
        })
        .ok_or_else(|| UnknownCallback {
            name: wanted.to_string(),
            suggestion: closest_alias(wanted),
        })
}

/// Resolves a callback by the exact `CallbackCommand` a query or body carries.
pub fn by_command(command: &str) -> Option<&'static Callback> {
    CALLBACKS
        .iter()
        .find(|callback| callback.command == command)
}

/// The callbacks of one family, in the catalog's order.
pub fn of_family(family: Family) -> impl Iterator<Item = &'static Callback> {
    CALLBACKS
        .iter()
        .filter(move |callback| callback.family == family)
}

/// The command without `Group.`, for group callbacks only.
fn short_command(callback: &Callback) -> Option<&'static str> {
    (callback.family == Family::Group)
        .then(|| callback.command.strip_prefix("Group."))
        .flatten()
}

/// The alias (or command) nearest to a mistyped name, if any is near enough to be a typo.
fn closest_alias(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let lower = lower.as_str();
    CALLBACKS
        .iter()
        .flat_map(|callback| {
            let command = callback.command;
            let short = command.split_once('.').map_or(command, |(_, rest)| rest);
            // `BeforeCreateGroup` is nearest to the command, not to any alias.
            let bare = short.strip_prefix("Callback").unwrap_or(short);
            [callback.alias, command, short, bare]
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
mod tests;
