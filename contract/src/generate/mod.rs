//! Bodies IM could send, drawn from the catalog's field model alone (`docs/protocol.md`
//! §2.7-§2.12): every required field with its type, optional fields present or absent, the
//! documented values of every enumeration, every message element type with its fields,
//! several elements in any order, non-JSON custom data, hard Unicode, sizes from empty up to
//! IM's own limits, and the doc variants (fields of older pages, `EventTime` as a string where
//! the docs print it so). Nothing here names a callback or a field: a new entry of the catalog
//! is generated as soon as it is there.
//!
//! A case is a pure function of the seed, the callback and the case's number: the same three
//! give the same body, whoever asks and in whatever order. [`shrink`] makes a failing body
//! smaller while keeping it valid.

mod rng;
pub mod shrink;
mod text;

pub use rng::Rng;

use crate::catalog::elements::{self, Element};
use crate::catalog::model::{
    Condition, Constraint, Enumeration, FieldSpec, IntFormat, Presence, StrFormat, Type,
};
use crate::catalog::{Callback, Field, limits, variants};
use serde::Serialize;
use serde_json::{Map, Value, json};
use strum::IntoStaticStr;

/// How many items a list gets at most when the docs give it no size (image sizes, profile
/// items, extension pairs, relayed messages): enough to be a list, small enough to stay
/// within a message.
pub const OTHER_LIST: usize = 8;

/// How large the values of a case are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Size {
    /// Lists as short as IM sends them (often empty), one-element messages, short text.
    Smallest,
    /// A few items, a few words.
    Typical,
    /// Lists and text at IM's limits: 500 users, 12 KB messages with every element type.
    Largest,
}

/// What the text of a case is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Script {
    /// ASCII words.
    Plain,
    /// CJK, emoji, combining marks, right-to-left text, control characters, quotes.
    Unicode,
}

/// Which fields that IM does not always send are there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Optional {
    /// None of them.
    None,
    /// Each by a coin toss.
    Some,
    /// Every one.
    All,
}

/// Which docs the body follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Docs {
    /// The current pages: newer fields there, legacy ones not, integers as numbers.
    Current,
    /// Older pages and doc examples: legacy fields, newer ones missing, integers printed as
    /// strings where the docs print them so.
    Variants,
}

/// How one case's body is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Style {
    /// Sizes of lists, messages and text.
    pub size: Size,
    /// What the text is made of.
    pub script: Script,
    /// Which optional fields are there.
    pub optional: Optional,
    /// Which docs the body follows.
    pub docs: Docs,
}

/// The first cases of every callback: the corners, so that a few cases already send the
/// plain body, the largest one and the smallest one.
const CORNERS: [Style; 4] = [
    Style {
        size: Size::Typical,
        script: Script::Plain,
        optional: Optional::Some,
        docs: Docs::Current,
    },
    Style {
        size: Size::Largest,
        script: Script::Unicode,
        optional: Optional::All,
        docs: Docs::Variants,
    },
    Style {
        size: Size::Smallest,
        script: Script::Plain,
        optional: Optional::None,
        docs: Docs::Current,
    },
    Style {
        size: Size::Typical,
        script: Script::Unicode,
        optional: Optional::Some,
        docs: Docs::Variants,
    },
];

impl Style {
    /// The style of case `case`: a corner for the first ones, then drawn.
    fn of_case(case: u64, rng: &mut Rng) -> Style {
        if let Some(corner) = usize::try_from(case).ok().and_then(|i| CORNERS.get(i)) {
            return *corner;
        }
        let size = match rng.below(10) {
            0 | 1 => Size::Smallest,
            2 => Size::Largest,
            _ => Size::Typical,
        };
        Style {
            size,
            script: if rng.one_in(2) {
                Script::Unicode
            } else {
                Script::Plain
            },
            optional: match rng.below(4) {
                0 => Optional::None,
                1 => Optional::All,
                _ => Optional::Some,
            },
            docs: if rng.one_in(3) {
                Docs::Variants
            } else {
                Docs::Current
            },
        }
    }

    /// The style in a few words: `largest, unicode, all optional fields, doc variants`.
    pub fn describe(&self) -> String {
        let optional = match self.optional {
            Optional::None => "no optional field",
            Optional::Some => "some optional fields",
            Optional::All => "every optional field",
        };
        let docs = match self.docs {
            Docs::Current => "current docs",
            Docs::Variants => "doc variants",
        };
        let size: &str = self.size.into();
        let script: &str = self.script.into();
        format!("{size} sizes, {script} text, {optional}, {docs}")
    }
}

/// One generated case.
#[derive(Clone, Debug)]
pub struct Case {
    /// The body.
    pub body: Value,
    /// The `OptPlatform` to send it with (`None` in the short query shape).
    pub platform: Option<&'static str>,
    /// How it was drawn.
    pub style: Style,
}

/// Case number `case` of `callback` for `seed`.
pub fn case(callback: &Callback, seed: u64, case: u64) -> Case {
    let mut rng = Rng::for_case(seed, callback.command, case);
    let style = Style::of_case(case, &mut rng);
    let mut draw = Draw {
        callback,
        rng,
        style,
        users: 0,
        placeholder: false,
        depth: 0,
    };
    let mut body = Value::Object(draw.object(callback.body, true));
    for constraint in callback.constraints {
        draw.constrain(constraint, &mut body);
    }
    settle(callback.body, &mut body, &mut draw);
    if style.docs == Docs::Variants {
        for name in variants::numeric_strings(callback) {
            if let Some(value) = body.get_mut(name).filter(|value| value.is_number()) {
                *value = Value::String(value.to_string());
            }
        }
    }
    let platforms = callback.query.platforms();
    let platform = draw.rng.pick(&platforms).copied();
    Case {
        body,
        platform,
        style,
    }
}

/// Whether a conditional field's condition holds in `object`: `Some` for a condition on
/// another field's value, `None` for one the model states only in words.
pub fn condition_holds(condition: &Condition, object: &Value) -> Option<bool> {
    let when = condition.when?;
    Some(
        crate::payload::get_path(object, when.path)
            .is_some_and(|value| when.any_of.iter().any(|literal| literal.matches(value))),
    )
}

/// The drawing of one body.
struct Draw<'a> {
    callback: &'a Callback,
    rng: Rng,
    style: Style,
    /// UserIDs drawn so far: each is new, so lists never name a user twice.
    users: usize,
    /// `@TLS#NOT_FOUND` was used (once per body at most).
    placeholder: bool,
    /// How many messages hold the value being drawn (2 in a relayed history's messages).
    depth: usize,
}

impl Draw<'_> {
    /// The size in force: inside a message the elements stay typical (the largest message
    /// is the text that fills what a message holds).
    fn size(&self) -> Size {
        if self.depth > 0 && self.style.size == Size::Largest {
            Size::Typical
        } else {
            self.style.size
        }
    }

    fn unicode(&self) -> bool {
        self.style.script == Script::Unicode
    }

    /// Whether a field IM does not always send is there (conditions on values aside).
    fn present(&mut self, presence: Presence) -> bool {
        let optional = match self.style.optional {
            Optional::None => false,
            Optional::All => true,
            Optional::Some => self.rng.one_in(2),
        };
        match (presence, self.style.docs) {
            (Presence::Required, _) | (Presence::Newer(_), Docs::Current) => true,
            (Presence::Legacy(_), Docs::Current) => false,
            (Presence::Newer(_), Docs::Variants) => optional || self.rng.one_in(2),
            (Presence::Legacy(_), Docs::Variants) | (Presence::Conditional(_), _) => optional,
        }
    }

    /// An object of these fields; conditions on other fields' values are settled later.
    fn object(&mut self, fields: &[FieldSpec], top: bool) -> Map<String, Value> {
        let mut map = Map::new();
        for spec in fields {
            let on_value = matches!(
                spec.presence,
                Presence::Conditional(Condition { when: Some(_), .. })
            );
            if on_value || !self.present(spec.presence) {
                continue;
            }
            let value = self.value(spec, top);
            map.insert(spec.name.to_string(), value);
        }
        map
    }

    /// A value of the field `spec` (`top`: a top-level field, where the user list is).
    fn value(&mut self, spec: &FieldSpec, top: bool) -> Value {
        let limit = if top && self.is_user_list(spec.name) {
            limits::USER_LIST
        } else {
            OTHER_LIST
        };
        self.of_type(&spec.ty, limit)
    }

    /// Whether `name` is the callback's user list (where `--member` goes).
    fn is_user_list(&self, name: &str) -> bool {
        self.callback
            .path_of(Field::Member)
            .is_some_and(|place| place.path == name && place.shape.is_list())
    }

    fn of_type(&mut self, ty: &Type, limit: usize) -> Value {
        match ty {
            Type::String {
                values: Some(values),
                ..
            }
            | Type::Integer {
                values: Some(values),
                ..
            } => self.documented(values),
            Type::String { format, .. } => Value::String(self.string(*format)),
            Type::Integer { format, .. } => Value::from(self.integer(*format)),
            Type::Number => self.number(),
            Type::StringOrInteger => {
                if self.rng.one_in(2) {
                    Value::String(self.string(StrFormat::Text))
                } else {
                    Value::from(self.integer(IntFormat::U32))
                }
            }
            Type::Object(fields) => Value::Object(self.object(fields, false)),
            Type::Array { items, min, max } => {
                let top = max.unwrap_or(limit).max(*min);
                let len = match self.size() {
                    Size::Smallest => *min,
                    Size::Typical => min + self.rng.below((top - min).min(3) + 1),
                    Size::Largest => top,
                };
                Value::Array((0..len).map(|_| self.of_type(items, OTHER_LIST)).collect())
            }
            Type::MsgBody => self.message(),
        }
    }

    /// One of the documented values; a documented prefix with a suffix of its own now and
    /// then (`Tag_Profile_Custom_…`, `AddSource_Type_…`).
    fn documented(&mut self, values: &Enumeration) -> Value {
        let listed = self.rng.pick(values.values).map(|choice| choice.value);
        match (listed, values.prefix) {
            (Some(literal), Some(_)) if !self.rng.one_in(4) => literal.to_json(),
            (_, Some(prefix)) => {
                let len = 1 + self.rng.below(8);
                Value::String(format!("{prefix}{}", text::letters(&mut self.rng, len)))
            }
            (Some(literal), None) => literal.to_json(),
            (None, None) => Value::Null,
        }
    }

    fn string(&mut self, format: StrFormat) -> String {
        let id = |draw: &mut Self, len: usize| text::alphanumeric(&mut draw.rng, len);
        match format {
            StrFormat::Command => self.callback.command.to_string(),
            StrFormat::UserId => self.user(),
            StrFormat::GroupId => self.group_id(),
            StrFormat::TopicId => {
                let group = id(self, 12);
                let topic = if self.rng.one_in(2) {
                    format!("@TOPIC#{}", id(self, 12))
                } else {
                    text::free(&mut self.rng, false, 20, false).replace(' ', "")
                };
                format!("@TGS#_@TGS#{group}@TOPIC#_{topic}")
            }
            StrFormat::OfficialAccount => format!("@TOA#_{}", id(self, 10)),
            StrFormat::Chatbot => format!("@RBT#{}", id(self, 6)),
            StrFormat::MsgKey => format!(
                "{}_{}_{}",
                self.rng.below(100_000_000),
                self.rng.next_u64() >> 32,
                self.integer(IntFormat::Seconds)
            ),
            StrFormat::MsgId => format!(
                "{}-{}-{}",
                self.rng.next_u64() >> 8,
                self.integer(IntFormat::Seconds),
                self.rng.next_u64() >> 32
            ),
            StrFormat::Url => {
                let path = match self.size() {
                    Size::Largest => id(self, 200).to_lowercase(),
                    _ => id(self, 8).to_lowercase(),
                };
                format!("https://cos.example.com/im/{path}.jpg?sign=a%2Bb&t=1")
            }
            StrFormat::Json => {
                let unicode = self.unicode();
                text::custom_data(&mut self.rng, unicode)
            }
            StrFormat::Opaque => format!(
                "{:08x}_{:08x}_{}",
                self.rng.next_u64() >> 32,
                self.rng.next_u64() >> 32,
                id(self, 12).to_lowercase()
            ),
            StrFormat::Text => {
                let budget = match self.size() {
                    Size::Smallest => 4,
                    Size::Typical => 40,
                    Size::Largest => limits::FREE_TEXT_BYTES,
                };
                let (fill, unicode) = (self.size() == Size::Largest, self.unicode());
                text::free(&mut self.rng, unicode, budget, fill)
            }
        }
    }

    /// A UserID no other field of this body has.
    fn user(&mut self) -> String {
        if !self.placeholder && self.rng.one_in(40) {
            self.placeholder = true;
            return "@TLS#NOT_FOUND".to_string();
        }
        self.users += 1;
        let n = self.users;
        let mut user = match self.rng.below(4) {
            0 => format!("user{n}"),
            1 => format!("UserID_{n:03}"),
            2 => format!("{}", 107_866 + n),
            _ => format!(
                "u-{n}_{}",
                text::alphanumeric(&mut self.rng, 3).to_lowercase()
            ),
        };
        if self.size() == Size::Largest {
            while user.len() < limits::USER_ID_BYTES {
                user.push('x');
            }
        }
        user
    }

    fn group_id(&mut self) -> String {
        match self.rng.below(4) {
            0 => format!("group_{}", self.rng.below(1_000_000)),
            1 => format!("@TGS#_@TGS#{}", text::alphanumeric(&mut self.rng, 12)),
            _ => format!("@TGS#{}", text::alphanumeric(&mut self.rng, 9)),
        }
    }

    fn integer(&mut self, format: IntFormat) -> i64 {
        const U32_MAX: i64 = 4_294_967_295;
        // (smallest, largest, typical range). Doc constants are old: a receiver must not
        // refuse an old EventTime (§2.8); a file IM stores is at most 100 MB.
        let (smallest, largest, typical) = match format {
            IntFormat::Millis => (
                1_670_574_414_123,
                4_102_444_800_000,
                (1_600_000_000_000, 1_800_000_000_000),
            ),
            IntFormat::Seconds => (1_557_481_126, U32_MAX, (1_600_000_000, 1_800_000_000)),
            IntFormat::U32 => (0, U32_MAX, (0, U32_MAX)),
            IntFormat::Count => (0, 104_857_600, (0, 10_000)),
            IntFormat::Unread => (-1, 99_999, (0, 100)),
            IntFormat::Code if self.rng.one_in(3) => (0, i64::from(i32::MAX), (1, 999_999)),
            IntFormat::Code | IntFormat::Enum => (0, i64::from(i32::MAX), (0, 0)),
            IntFormat::SdkAppid => (1_400_000_000, 1_400_000_000, (1_400_000_000, 1_400_000_000)),
        };
        match self.size() {
            Size::Smallest => smallest,
            Size::Largest => largest,
            Size::Typical => self.rng.between(typical.0, typical.1),
        }
    }

    fn number(&mut self) -> Value {
        match self.size() {
            // An integer where a number is expected.
            Size::Smallest => json!(0),
            Size::Largest => json!(if self.rng.one_in(2) { 90.0 } else { -90.0 }),
            Size::Typical => {
                let micro = self.rng.between(-90_000_000, 90_000_000);
                json!(micro as f64 / 1_000_000.0)
            }
        }
    }

    /// A message body: one element, a few (shuffled, at most one custom element), or every
    /// type once with text up to the 12 KB a message holds.
    fn message(&mut self) -> Value {
        let nested = self.depth > 0;
        let usable: Vec<&Element> = elements::ELEMENTS
            .iter()
            // No relayed history inside a relayed history: depth stays bounded.
            .filter(|element| !nested || element.content.iter().all(|f| !nests(f)))
            .collect();
        let mut chosen: Vec<&Element> = match self.size() {
            Size::Largest => usable.clone(),
            Size::Smallest => self.rng.pick(&usable).copied().into_iter().collect(),
            Size::Typical => {
                let count = 1 + self.rng.below(3);
                let mut chosen: Vec<&Element> = Vec::new();
                for _ in 0..count {
                    if let Some(element) = self.rng.pick(&usable).copied()
                        && !(is_custom(element) && chosen.iter().any(|e| is_custom(e)))
                    {
                        chosen.push(element);
                    }
                }
                chosen
            }
        };
        self.rng.shuffle(&mut chosen);
        self.depth += 1;
        let mut body: Vec<Value> = chosen
            .iter()
            .map(|element| {
                json!({
                    "MsgType": element.msg_type,
                    "MsgContent": Value::Object(self.object(element.content, false)),
                })
            })
            .collect();
        self.depth -= 1;
        if !nested && self.size() == Size::Largest {
            self.fill_message(&mut body);
        }
        Value::Array(body)
    }

    /// Lengthens the message's first text so its strings take the 12 KB a message holds.
    fn fill_message(&mut self, body: &mut [Value]) {
        let used = string_bytes(&Value::Array(body.to_vec()));
        let unicode = self.unicode();
        let Some(text) = body
            .iter_mut()
            .filter_map(|element| element.pointer_mut("/MsgContent/Text"))
            .find_map(|text| match text {
                Value::String(text) => Some(text),
                _ => None,
            })
        else {
            return;
        };
        let budget = limits::MESSAGE_BYTES.saturating_sub(used) + text.len();
        text::fill_to(&mut self.rng, text, unicode, budget);
    }

    /// Makes the body keep a constraint: a documented pair, one of two spellings.
    fn constrain(&mut self, constraint: &Constraint, body: &mut Value) {
        match constraint {
            Constraint::Pairs {
                first,
                second,
                pairs,
            } => {
                let Some((a, b)) = self.rng.pick(pairs).copied() else {
                    return;
                };
                for (path, literal) in [(first, a), (second, b)] {
                    if let Some(value) = pointer_mut(body, path) {
                        *value = literal.to_json();
                    }
                }
            }
            Constraint::OneOf(names) => {
                let Some(keep) = self.rng.pick(names).copied() else {
                    return;
                };
                let spec = self.callback.field(keep);
                if let (Value::Object(map), Some(spec)) = (&mut *body, spec) {
                    for name in names.iter().filter(|name| **name != keep) {
                        map.remove(*name);
                    }
                    if !map.contains_key(keep) {
                        let value = self.value(spec, true);
                        map.insert(keep.to_string(), value);
                    }
                }
            }
        }
    }
}

/// Puts in every field whose condition on another field's value holds and takes out every
/// one whose condition does not, inside objects and arrays too (after the constraints, which
/// may change the values conditions read).
fn settle(fields: &[FieldSpec], object: &mut Value, draw: &mut Draw<'_>) {
    for spec in fields {
        if let Presence::Conditional(condition) = spec.presence
            && let Some(holds) = condition_holds(&condition, object)
            && let Value::Object(map) = &mut *object
        {
            match (holds, map.contains_key(spec.name)) {
                (true, false) => {
                    let value = draw.value(spec, false);
                    map.insert(spec.name.to_string(), value);
                }
                (false, true) => {
                    map.remove(spec.name);
                }
                _ => {}
            }
        }
        if let Some(value) = object.get_mut(spec.name) {
            settle_value(&spec.ty, value, draw);
        }
    }
}

fn settle_value(ty: &Type, value: &mut Value, draw: &mut Draw<'_>) {
    match (ty, value) {
        (Type::Object(fields), value @ Value::Object(_)) => settle(fields, value, draw),
        (Type::Array { items, .. }, Value::Array(list)) => {
            for item in list {
                settle_value(items, item, draw);
            }
        }
        (Type::MsgBody, Value::Array(list)) => {
            for element in list {
                let known = element["MsgType"].as_str().and_then(elements::of_type);
                if let (Some(known), Some(content)) = (known, element.get_mut("MsgContent")) {
                    settle(known.content, content, draw);
                }
            }
        }
        _ => {}
    }
}

/// The value at a dotted path, to change in place.
fn pointer_mut<'v>(body: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    let pointer: String = path
        .split('.')
        .map(|segment| format!("/{}", crate::json::pointer_escape(segment)))
        .collect();
    body.pointer_mut(&pointer)
}

fn is_custom(element: &Element) -> bool {
    element.msg_type == elements::AT_MOST_ONCE
}

/// Whether a field holds messages (a relayed history).
fn nests(spec: &FieldSpec) -> bool {
    fn holds(ty: &Type) -> bool {
        match ty {
            Type::MsgBody => true,
            Type::Array { items, .. } => holds(items),
            Type::Object(fields) => fields.iter().any(nests),
            _ => false,
        }
    }
    holds(&spec.ty)
}

/// The UTF-8 bytes of every string in a value.
pub fn string_bytes(value: &Value) -> usize {
    match value {
        Value::String(text) => text.len(),
        Value::Array(items) => items.iter().map(string_bytes).sum(),
        Value::Object(map) => map.values().map(string_bytes).sum(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests;
