//! The field model of a callback body, as data: every field with its JSON type, whether IM
//! always sends it, and the values the docs give for it. A generator (a fuzzer, a JSON Schema
//! writer) can be driven by this alone; [`check`] is what a careful receiver makes of a body
//! against it (`docs/protocol.md` §3.0 "How each command section reads").

use serde_json::Value;

/// A literal value: an enumeration's value or a condition's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Literal {
    /// A JSON string.
    Str(&'static str),
    /// A JSON integer.
    Int(i64),
}

impl Literal {
    /// Whether a JSON value is this literal.
    pub fn matches(self, value: &Value) -> bool {
        match self {
            Literal::Str(text) => value.as_str() == Some(text),
            Literal::Int(number) => value.as_i64() == Some(number),
        }
    }

    /// The literal as JSON.
    pub fn to_json(self) -> Value {
        match self {
            Literal::Str(text) => Value::from(text),
            Literal::Int(number) => Value::from(number),
        }
    }
}

/// One documented value and what it means.
#[derive(Clone, Copy, Debug)]
pub struct Choice {
    /// The value as IM sends it.
    pub value: Literal,
    /// What it means, in a few words.
    pub meaning: &'static str,
}

/// A string value and its meaning.
pub const fn choice(value: &'static str, meaning: &'static str) -> Choice {
    Choice {
        value: Literal::Str(value),
        meaning,
    }
}

/// An integer value and its meaning.
pub const fn code(value: i64, meaning: &'static str) -> Choice {
    Choice {
        value: Literal::Int(value),
        meaning,
    }
}

/// The values the docs give for a field.
#[derive(Debug)]
pub struct Enumeration {
    /// A kebab name, unique in the catalog: `group-type`.
    pub name: &'static str,
    /// The `docs/protocol.md` section that lists the values.
    pub section: &'static str,
    /// Every documented value.
    pub values: &'static [Choice],
    /// Any value with this prefix is documented too (custom profile tags
    /// `Tag_Profile_Custom_…`, `AddSource_Type_…`).
    pub prefix: Option<&'static str>,
}

impl Enumeration {
    /// Whether a value is documented: one of the values, or a string with the prefix.
    pub fn allows(&self, value: &Value) -> bool {
        self.values.iter().any(|choice| choice.value.matches(value))
            || self
                .prefix
                .zip(value.as_str())
                .is_some_and(|(prefix, text)| text.starts_with(prefix) && text.len() > prefix.len())
    }
}

/// What a string holds, for generators and schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrFormat {
    /// Free text: a name, a remark, a message.
    Text,
    /// A UserID (any string; `@TLS#NOT_FOUND` for a REST send without a sender).
    UserId,
    /// A group ID: `@TGS#…` when IM assigns it, any string when custom.
    GroupId,
    /// A topic ID: `<community group ID>@TOPIC#_<name or id>`.
    TopicId,
    /// An official account ID: `@TOA#_…`.
    OfficialAccount,
    /// A chatbot account: `@RBT#…`.
    Chatbot,
    /// An opaque message key (`<MsgSeq>_<MsgRandom>_<MsgTime>` in most examples; do not parse).
    MsgKey,
    /// A client-side message ID: three numbers joined by `-`.
    MsgId,
    /// A URL.
    Url,
    /// Text that is often JSON (`Data`, custom element data), never parsed by IM.
    Json,
    /// An opaque identifier (push and task IDs, moderation request IDs).
    Opaque,
    /// The callback's own command (`CallbackCommand`).
    Command,
}

/// What an integer holds, for generators and schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntFormat {
    /// Unix epoch milliseconds, past 32 bits (`1670574414123`).
    Millis,
    /// Unix epoch seconds.
    Seconds,
    /// An unsigned 32-bit number (`MsgSeq`, `MsgRandom`, `Random`).
    U32,
    /// A count or a size, zero or more.
    Count,
    /// An unread count: zero or more, `-1` when the delivery failed.
    Unread,
    /// An error or result code (`0` success).
    Code,
    /// The app's SDKAppID, equal to the query's `SdkAppid`.
    SdkAppid,
    /// A value from the field's enumeration.
    Enum,
}

impl IntFormat {
    /// The smallest and largest value IM sends.
    pub fn range(self) -> (i64, i64) {
        const U32_MAX: i64 = 4_294_967_295;
        match self {
            IntFormat::Millis | IntFormat::Seconds | IntFormat::Count => (0, i64::MAX),
            IntFormat::U32 | IntFormat::SdkAppid => (0, U32_MAX),
            IntFormat::Unread => (-1, i64::MAX),
            IntFormat::Code | IntFormat::Enum => (i64::MIN, i64::MAX),
        }
    }
}

/// A field's JSON type.
#[derive(Clone, Copy, Debug)]
pub enum Type {
    /// A JSON string.
    String {
        /// What it holds.
        format: StrFormat,
        /// The documented values, when the docs list them.
        values: Option<&'static Enumeration>,
    },
    /// A JSON integer (64-bit).
    Integer {
        /// What it holds.
        format: IntFormat,
        /// The documented values, when the docs list them.
        values: Option<&'static Enumeration>,
    },
    /// A JSON number (latitude, longitude).
    Number,
    /// A string or an integer, by another field (`ProfileItem[].Value`, by its `Tag`).
    StringOrInteger,
    /// A JSON object with these fields (others may come: IM adds fields over time).
    Object(&'static [FieldSpec]),
    /// A JSON array.
    Array {
        /// The type of every item.
        items: &'static Type,
        /// The fewest items IM sends.
        min: usize,
        /// The most items IM sends, when the docs say.
        max: Option<usize>,
    },
    /// A message body: an array of message elements `{"MsgType", "MsgContent"}`, each
    /// described by [`super::elements::ELEMENTS`] (`docs/protocol.md` §2.10).
    MsgBody,
}

impl Type {
    /// The JSON type's name, as messages say it.
    pub fn json_name(&self) -> &'static str {
        match self {
            Type::String { .. } => "string",
            Type::Integer { .. } => "integer",
            Type::Number => "number",
            Type::StringOrInteger => "string or integer",
            Type::Object(_) => "object",
            Type::Array { .. } | Type::MsgBody => "array",
        }
    }

    /// The enumeration of a string or integer field, if the docs give one.
    pub fn values(&self) -> Option<&'static Enumeration> {
        match self {
            Type::String { values, .. } | Type::Integer { values, .. } => *values,
            _ => None,
        }
    }

    /// Whether a JSON value has this type (not looking inside objects and arrays).
    pub fn admits(&self, value: &Value) -> bool {
        match self {
            Type::String { .. } => value.is_string(),
            Type::Integer { .. } => value.is_i64() || value.is_u64(),
            Type::Number => value.is_number(),
            Type::StringOrInteger => value.is_string() || value.is_i64() || value.is_u64(),
            Type::Object(_) => value.is_object(),
            Type::Array { .. } | Type::MsgBody => value.is_array(),
        }
    }
}

/// Whether IM sends a field, and since when.
#[derive(Clone, Copy, Debug)]
pub enum Presence {
    /// IM always sends it.
    Required,
    /// IM sends it only when the condition holds.
    Conditional(Condition),
    /// The current docs always show it, older pages (and bodies built from them) lack it;
    /// a careful receiver accepts its absence (the text says which pages lack it).
    Newer(&'static str),
    /// Only older doc pages show it (the text says which); absent from the samples.
    Legacy(&'static str),
}

impl Presence {
    /// Whether a body without the field breaks the contract.
    pub fn is_required(self) -> bool {
        matches!(self, Presence::Required)
    }
}

/// When a conditional field is present.
#[derive(Clone, Copy, Debug)]
pub struct Condition {
    /// The condition in words: "the message is in a topic".
    pub text: &'static str,
    /// The condition as data, when it depends on another field's value.
    pub when: Option<When>,
}

/// "Another field holds one of these values": `ContactType` is `1`.
#[derive(Clone, Copy, Debug)]
pub struct When {
    /// Dotted path of the other field, from the object that holds the conditional field.
    pub path: &'static str,
    /// The values that make the conditional field present.
    pub any_of: &'static [Literal],
}

/// One field of a body, or of an object inside it.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    /// The key, exactly as IM spells it.
    pub name: &'static str,
    /// Its JSON type.
    pub ty: Type,
    /// Whether IM always sends it.
    pub presence: Presence,
    /// What it holds, in a few words.
    pub meaning: &'static str,
}

impl FieldSpec {
    /// The same field with another presence.
    pub const fn with(self, presence: Presence) -> FieldSpec {
        FieldSpec { presence, ..self }
    }

    /// The same field, present only when `text` holds.
    pub const fn when(self, text: &'static str) -> FieldSpec {
        self.with(Presence::Conditional(Condition { text, when: None }))
    }

    /// The same field, present when the field at `path` holds one of `any_of`.
    pub const fn when_value(
        self,
        text: &'static str,
        path: &'static str,
        any_of: &'static [Literal],
    ) -> FieldSpec {
        self.with(Presence::Conditional(Condition {
            text,
            when: Some(When { path, any_of }),
        }))
    }

    /// The same field, missing from the pages named in `text`.
    pub const fn newer(self, text: &'static str) -> FieldSpec {
        self.with(Presence::Newer(text))
    }

    /// The same field, shown only by the older pages named in `text`.
    pub const fn legacy(self, text: &'static str) -> FieldSpec {
        self.with(Presence::Legacy(text))
    }

    /// The same field with another meaning.
    pub const fn meaning(self, meaning: &'static str) -> FieldSpec {
        FieldSpec { meaning, ..self }
    }

    /// Whether doc examples also print this integer as a numeric string (`EventTime`,
    /// `docs/protocol.md` §2.8): a careful receiver accepts both.
    pub fn may_be_numeric_string(&self) -> bool {
        self.name == "EventTime" && matches!(self.ty, Type::Integer { .. })
    }
}

/// A required field.
pub const fn field(name: &'static str, ty: Type, meaning: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        presence: Presence::Required,
        meaning,
    }
}

/// A string of this format.
pub const fn string(format: StrFormat) -> Type {
    Type::String {
        format,
        values: None,
    }
}

/// A string from an enumeration.
pub const fn one_of(values: &'static Enumeration) -> Type {
    Type::String {
        format: StrFormat::Text,
        values: Some(values),
    }
}

/// An integer of this format.
pub const fn integer(format: IntFormat) -> Type {
    Type::Integer {
        format,
        values: None,
    }
}

/// An integer from an enumeration.
pub const fn int_of(values: &'static Enumeration) -> Type {
    Type::Integer {
        format: IntFormat::Enum,
        values: Some(values),
    }
}

/// An array of any length.
pub const fn array(items: &'static Type) -> Type {
    Type::Array {
        items,
        min: 0,
        max: None,
    }
}

/// A rule between fields that no single field's type can say.
#[derive(Clone, Copy, Debug)]
pub enum Constraint {
    /// Two fields take their values only in these pairs (`Info.Action` and `Info.Reason`).
    Pairs {
        /// Dotted path of the first field.
        first: &'static str,
        /// Dotted path of the second field.
        second: &'static str,
        /// The documented pairs.
        pairs: &'static [(Literal, Literal)],
    },
    /// The docs spell one field two ways; a body carries one of them (top-level names).
    OneOf(&'static [&'static str]),
}

/// What [`check`] found wrong with a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Dotted path of the field (`MsgBody.0.MsgContent.Text`).
    pub path: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// The kinds of [`Problem`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A field IM always sends is missing.
    Missing,
    /// A field the newer docs added is missing, as in bodies built from older pages.
    MissingNewer,
    /// A field of another JSON type.
    WrongType {
        /// The type IM sends.
        want: &'static str,
        /// The type found, as a phrase: "a string", "null".
        got: &'static str,
    },
    /// `EventTime` written as a numeric string, as many doc examples print it (§2.8).
    NumericString,
    /// A value the docs do not list (IM may have added it).
    Undocumented {
        /// The enumeration's name.
        enumeration: &'static str,
    },
    /// An array with fewer or more items than IM sends.
    Length {
        /// The fewest.
        min: usize,
        /// The most, if bounded.
        max: Option<usize>,
    },
    /// Two fields whose values are not a documented pair.
    NotAPair {
        /// The other field's path.
        other: String,
    },
    /// A message element whose content does not fit its `MsgType` (or an unknown type).
    Element(String),
}

impl Problem {
    /// Whether a careful receiver still accepts the body: a newer field missing, a
    /// documented spelling variant, a value IM may have added, a message element it cannot
    /// read (IM delivers what clients send).
    pub fn is_tolerable(&self) -> bool {
        !matches!(
            self.kind,
            ProblemKind::Missing | ProblemKind::WrongType { .. }
        )
    }
}

/// Checks a body (or any object) against its fields and constraints: missing fields,
/// types, documented values, array lengths, inside objects and arrays too. Fields the model
/// does not know are fine: IM adds fields over time (`docs/protocol.md` §4 D12).
pub fn check(fields: &[FieldSpec], constraints: &[Constraint], body: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_object(fields, body, At::Root(""), &mut problems);
    for constraint in constraints {
        check_constraint(constraint, body, &mut problems);
    }
    problems
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// The problems of an object's fields, with paths under `prefix`.
pub(crate) fn check_fields(fields: &[FieldSpec], object: &Value, prefix: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    check_object(fields, object, At::Root(prefix), &mut out);
    out
}

/// Where a value sits; spelled out as a dotted path only for a problem, so a conforming
/// body costs no path strings (serve checks every request).
#[derive(Clone, Copy)]
enum At<'a> {
    Root(&'a str),
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    fn path(&self) -> String {
        match self {
            At::Root(prefix) => (*prefix).to_string(),
            At::Key(parent, key) => join(&parent.path(), key),
            At::Index(parent, index) => format!("{}.{index}", parent.path()),
        }
    }
}

fn check_object(fields: &[FieldSpec], object: &Value, at: At<'_>, out: &mut Vec<Problem>) {
    for spec in fields {
        let here = At::Key(&at, spec.name);
        match object.get(spec.name) {
            None => match spec.presence {
                Presence::Required => out.push(Problem {
                    path: here.path(),
                    kind: ProblemKind::Missing,
                }),
                Presence::Newer(_) => out.push(Problem {
                    path: here.path(),
                    kind: ProblemKind::MissingNewer,
                }),
                Presence::Conditional(_) | Presence::Legacy(_) => {}
            },
            Some(value) => check_value(spec, &spec.ty, value, here, out),
        }
    }
}

fn check_value(spec: &FieldSpec, ty: &Type, value: &Value, at: At<'_>, out: &mut Vec<Problem>) {
    if !ty.admits(value) {
        let numeric = value.as_str().is_some_and(crate::query::is_digits);
        let kind = if numeric && spec.may_be_numeric_string() {
            ProblemKind::NumericString
        } else {
            ProblemKind::WrongType {
                want: ty.json_name(),
                got: crate::json::type_name(value),
            }
        };
        out.push(Problem {
            path: at.path(),
            kind,
        });
        return;
    }
    match ty {
        Type::String { values, .. } | Type::Integer { values, .. } => {
            if let Some(values) = values.filter(|values| !values.allows(value)) {
                out.push(Problem {
                    path: at.path(),
                    kind: ProblemKind::Undocumented {
                        enumeration: values.name,
                    },
                });
            }
        }
        Type::Object(fields) => check_object(fields, value, at, out),
        Type::Array { items, min, max } => {
            let list = value.as_array().map_or(&[][..], Vec::as_slice);
            if list.len() < *min || max.is_some_and(|max| list.len() > max) {
                out.push(Problem {
                    path: at.path(),
                    kind: ProblemKind::Length {
                        min: *min,
                        max: *max,
                    },
                });
            }
            for (index, item) in list.iter().enumerate() {
                check_value(spec, items, item, At::Index(&at, index), out);
            }
        }
        Type::MsgBody => out.extend(super::elements::check_message(value, &at.path())),
        Type::Number | Type::StringOrInteger => {}
    }
}

fn check_constraint(constraint: &Constraint, body: &Value, out: &mut Vec<Problem>) {
    match constraint {
        Constraint::Pairs {
            first,
            second,
            pairs,
        } => {
            let (Some(a), Some(b)) = (
                crate::payload::get_path(body, first),
                crate::payload::get_path(body, second),
            ) else {
                return;
            };
            if !pairs.iter().any(|(x, y)| x.matches(a) && y.matches(b)) {
                out.push(Problem {
                    path: (*second).to_string(),
                    kind: ProblemKind::NotAPair {
                        other: (*first).to_string(),
                    },
                });
            }
        }
        Constraint::OneOf(names) => {
            if !names.iter().any(|name| body.get(name).is_some()) {
                out.push(Problem {
                    path: names.join(" or "),
                    kind: ProblemKind::Missing,
                });
            }
        }
    }
}

/// The dotted paths of every field in `value` that `fields` does not describe (array
/// items as `List.0.Key`). The catalog's tests keep this empty for every sample.
pub fn undescribed(fields: &[FieldSpec], value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    undescribed_object(fields, value, "", &mut out);
    out
}

pub(crate) fn undescribed_object(
    fields: &[FieldSpec],
    value: &Value,
    prefix: &str,
    out: &mut Vec<String>,
) {
    let Some(object) = value.as_object() else {
        return;
    };
    for (key, item) in object {
        let path = join(prefix, key);
        match fields.iter().find(|spec| spec.name == key) {
            None => out.push(path),
            Some(spec) => undescribed_value(&spec.ty, item, &path, out),
        }
    }
}

fn undescribed_value(ty: &Type, value: &Value, path: &str, out: &mut Vec<String>) {
    match ty {
        Type::Object(fields) => undescribed_object(fields, value, path, out),
        Type::Array { items, .. } => {
            for (index, item) in value.as_array().into_iter().flatten().enumerate() {
                undescribed_value(items, item, &format!("{path}.{index}"), out);
            }
        }
        Type::MsgBody => {
            for (index, element) in value.as_array().into_iter().flatten().enumerate() {
                let at = format!("{path}.{index}");
                out.extend(super::elements::undescribed_element(element, &at));
            }
        }
        _ => {}
    }
}

/// Every enumeration a list of fields uses, nested ones included, each once.
pub fn enumerations(fields: &[FieldSpec]) -> Vec<&'static Enumeration> {
    let mut out: Vec<&'static Enumeration> = Vec::new();
    for spec in fields {
        collect_enumerations(&spec.ty, &mut out);
    }
    out
}

fn collect_enumerations(ty: &Type, out: &mut Vec<&'static Enumeration>) {
    match ty {
        Type::String { values, .. } | Type::Integer { values, .. } => {
            if let Some(values) = values
                && !out.iter().any(|known| known.name == values.name)
            {
                out.push(values);
            }
        }
        Type::Object(fields) => fields
            .iter()
            .for_each(|spec| collect_enumerations(&spec.ty, out)),
        Type::Array { items, .. } => collect_enumerations(items, out),
        Type::Number | Type::StringOrInteger | Type::MsgBody => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static COLOUR: Enumeration = Enumeration {
        name: "colour",
        section: "test",
        values: &[choice("red", "red"), choice("blue", "blue")],
        prefix: Some("Custom_"),
    };

    static FIELDS: &[FieldSpec] = &[
        field("Name", string(StrFormat::Text), "a name"),
        field("Colour", one_of(&COLOUR), "a colour"),
        field("EventTime", integer(IntFormat::Millis), "when").newer("old pages"),
        field("Note", string(StrFormat::Text), "a note").when("sometimes"),
        field(
            "List",
            Type::Array {
                items: &Type::Object(&[field("Key", integer(IntFormat::Count), "k")]),
                min: 1,
                max: Some(2),
            },
            "a list",
        ),
    ];

    fn kinds(body: Value) -> Vec<(String, ProblemKind)> {
        check(FIELDS, &[], &body)
            .into_iter()
            .map(|problem| (problem.path, problem.kind))
            .collect()
    }

    #[test]
    fn a_conforming_body_has_no_problem() {
        let body = json!({"Name": "x", "Colour": "Custom_teal", "EventTime": 1, "List": [{"Key": 1}], "Extra": true});
        assert!(kinds(body.clone()).is_empty());
        assert_eq!(undescribed(FIELDS, &body), ["Extra"]);
    }

    #[test]
    fn problems_are_found_inside_arrays_and_objects() {
        let body =
            json!({"Colour": "green", "EventTime": "12", "List": [{"Key": "1"}, {}, {"Key": 2}]});
        assert_eq!(
            kinds(body),
            [
                ("Name".to_string(), ProblemKind::Missing),
                (
                    "Colour".to_string(),
                    ProblemKind::Undocumented {
                        enumeration: "colour"
                    }
                ),
                ("EventTime".to_string(), ProblemKind::NumericString),
                (
                    "List".to_string(),
                    ProblemKind::Length {
                        min: 1,
                        max: Some(2)
                    }
                ),
                (
                    "List.0.Key".to_string(),
                    ProblemKind::WrongType {
                        want: "integer",
                        got: "a string"
                    }
                ),
                ("List.1.Key".to_string(), ProblemKind::Missing),
            ]
        );
        assert_eq!(
            kinds(json!({"Name": "x", "Colour": "red", "List": [{"Key": 1}]})),
            [("EventTime".to_string(), ProblemKind::MissingNewer)]
        );
    }

    #[test]
    fn constraints() {
        let pairs = [Constraint::Pairs {
            first: "A",
            second: "B",
            pairs: &[(Literal::Str("x"), Literal::Int(1))],
        }];
        assert!(check(&[], &pairs, &json!({"A": "x", "B": 1})).is_empty());
        assert_eq!(check(&[], &pairs, &json!({"A": "x", "B": 2})).len(), 1);
        let one = [Constraint::OneOf(&["A", "B"])];
        assert!(check(&[], &one, &json!({"B": 1})).is_empty());
        assert_eq!(check(&[], &one, &json!({}))[0].path, "A or B");
    }
}
