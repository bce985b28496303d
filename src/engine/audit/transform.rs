//! Byte-level rewritings of a callback body that keep its meaning, so a receiver must decide
//! the same way: padded past 64 KB, keys reordered, pretty-printed, non-ASCII `\u`-escaped,
//! unknown fields in every object, `EventTime` as a string. Each gives the exact bytes to
//! send; nothing re-serialises them. Audit's `large-body` and `transformations` probes use
//! them, and `grpcb fuzz` sends every generated before-callback through them.

use serde_json::{Map, Value};
use strum::{IntoStaticStr, VariantArray};

/// One rewriting of a body; `VARIANTS` lists them all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Transform {
    /// Unknown fields worth more than 64 KB right after `CallbackCommand`, before every
    /// field that decides: a receiver that reads only the first kilobytes cannot see them.
    Padded,
    /// Every object's keys in reverse order.
    Reordered,
    /// Indented JSON with a space after each colon.
    Pretty,
    /// Every non-ASCII character as a `\uXXXX` escape (surrogate pairs beyond the BMP).
    #[strum(serialize = "unicode-escaped")]
    EscapedUnicode,
    /// A field IM does not send (yet) in every object, as IM adds fields over time.
    ExtraFields,
    /// `EventTime` as a numeric string, as some doc examples print it.
    EventTimeString,
}

/// How many bytes of unknown fields `Padded` puts first: past 64 KiB by itself.
pub const PADDING_BYTES: usize = 66 * 1024;

impl Transform {
    /// The rewriting's name: `reordered`.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// What the rewriting does, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Transform::Padded => {
                "padded past 64 KB with unknown fields right after CallbackCommand"
            }
            Transform::Reordered => "every object's keys in reverse order",
            Transform::Pretty => "pretty-printed",
            Transform::EscapedUnicode => "non-ASCII text as \\u escapes",
            Transform::ExtraFields => "with an unknown field in every object",
            Transform::EventTimeString => "EventTime as a string",
        }
    }

    /// Whether the rewriting changes anything in this body: escaping needs non-ASCII text,
    /// the EventTime rewriting a numeric EventTime.
    pub fn applies_to(self, body: &Value) -> bool {
        match self {
            Transform::Padded
            | Transform::Reordered
            | Transform::Pretty
            | Transform::ExtraFields => true,
            Transform::EscapedUnicode => !compact(body).is_ascii(),
            Transform::EventTimeString => body.get("EventTime").is_some_and(Value::is_number),
        }
    }

    /// The bytes to send.
    pub fn apply(self, body: &Value) -> Vec<u8> {
        match self {
            Transform::Padded => padded(body),
            Transform::Reordered => compact(&reversed(body)).into_bytes(),
            Transform::Pretty => serde_json::to_vec_pretty(body).unwrap_or_default(),
            Transform::EscapedUnicode => escape_non_ascii(&compact(body)).into_bytes(),
            Transform::ExtraFields => compact(&with_extra_fields(body, true)).into_bytes(),
            Transform::EventTimeString => {
                let mut body = body.clone();
                if let Some(time) = body.get_mut("EventTime").filter(|time| time.is_number()) {
                    *time = Value::String(time.to_string());
                }
                compact(&body).into_bytes()
            }
        }
    }

    /// Whether the rewriting is still there once the JSON is parsed and written again (as
    /// `send --fixture` does): unknown fields, key order and a string are; whitespace and
    /// escapes are not.
    pub fn survives_parsing(self) -> bool {
        !matches!(self, Transform::Pretty | Transform::EscapedUnicode)
    }
}

/// The unknown field of the top object, and the one of every object inside it.
const EXTRA_TOP: &str = "GrpcbFutureField";
const EXTRA_NESTED: &str = "GrpcbFutureFlag";

fn with_extra_fields(value: &Value, top: bool) -> Value {
    match value {
        Value::Object(fields) => {
            let mut out: Map<String, Value> = fields
                .iter()
                .map(|(key, value)| (key.clone(), with_extra_fields(value, false)))
                .collect();
            if top {
                out.insert(
                    EXTRA_TOP.into(),
                    serde_json::json!({ "Nested": [1, 2.5, "three", null, true] }),
                );
            } else {
                out.insert(EXTRA_NESTED.into(), Value::from(1));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| with_extra_fields(item, false))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `CallbackCommand` first, then the padding, then every other field in order.
fn padded(body: &Value) -> Vec<u8> {
    let Value::Object(fields) = body else {
        return compact(body).into_bytes();
    };
    let mut parts: Vec<String> = Vec::new();
    let field = |key: &str, value: &Value| format!("{}:{}", compact(&key.into()), compact(value));
    if let Some(command) = fields.get("CallbackCommand") {
        parts.push(field("CallbackCommand", command));
    }
    let filler = "x".repeat(1000);
    let mut padding = 0;
    for index in 0.. {
        if padding > PADDING_BYTES {
            break;
        }
        let part = format!("\"GrpcbPadding{index:03}\":\"{filler}\"");
        padding += part.len() + 1;
        parts.push(part);
    }
    parts.extend(
        fields
            .iter()
            .filter(|(key, _)| *key != "CallbackCommand")
            .map(|(key, value)| field(key, value)),
    );
    format!("{{{}}}", parts.join(",")).into_bytes()
}

fn reversed(value: &Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .rev()
                .map(|(key, value)| (key.clone(), reversed(value)))
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(reversed).collect()),
        other => other.clone(),
    }
}

/// Compact JSON holds non-ASCII characters only inside strings, so escaping every one of
/// them in the text keeps it the same JSON.
fn escape_non_ascii(json: &str) -> String {
    let mut out = String::with_capacity(json.len() * 2);
    for character in json.chars() {
        if character.is_ascii() {
            out.push(character);
        } else {
            let mut units = [0u16; 2];
            for unit in character.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body() -> Value {
        json!({
            "CallbackCommand": "Group.CallbackBeforeCreateGroup",
            "Name": "周末登山群 🏔️",
            "MemberList": [{ "Member_Account": "jared", "Role": "Admin" }],
            "EventTime": 1670574414123u64
        })
    }

    fn parse(bytes: &[u8]) -> Value {
        serde_json::from_slice(bytes).expect("the rewriting is JSON")
    }

    #[test]
    fn every_rewriting_keeps_the_meaning() {
        for &transform in Transform::VARIANTS {
            let mut sent = parse(&transform.apply(&body()));
            without_unknown_fields(&mut sent);
            if transform == Transform::EventTimeString {
                assert_eq!(sent["EventTime"], "1670574414123");
                sent["EventTime"] = json!(1670574414123u64);
            }
            assert_eq!(sent, body(), "{}", transform.id());
        }
    }

    /// The body without the fields the rewritings add.
    fn without_unknown_fields(value: &mut Value) {
        match value {
            Value::Object(fields) => {
                fields.retain(|key, _| !key.starts_with("Grpcb"));
                fields.values_mut().for_each(without_unknown_fields);
            }
            Value::Array(items) => items.iter_mut().for_each(without_unknown_fields),
            _ => {}
        }
    }

    #[test]
    fn unknown_fields_go_in_every_object() {
        let text = String::from_utf8(Transform::ExtraFields.apply(&body())).expect("UTF-8");
        assert!(text.contains(r#""GrpcbFutureField":{"Nested":"#), "{text}");
        assert!(
            text.contains(r#"{"Member_Account":"jared","Role":"Admin","GrpcbFutureFlag":1}"#),
            "{text}"
        );
        assert!(Transform::ExtraFields.survives_parsing());
        assert!(!Transform::Pretty.survives_parsing());
    }

    #[test]
    fn padding_comes_first_and_is_past_64_kb() {
        let bytes = Transform::Padded.apply(&body());
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(text.starts_with(
            r#"{"CallbackCommand":"Group.CallbackBeforeCreateGroup","GrpcbPadding000":"#
        ));
        let name = text.find("\"Name\"").expect("Name is there");
        assert!(name > 64 * 1024, "{name}");
        assert!(text.len() > PADDING_BYTES);
    }

    #[test]
    fn reordering_reverses_nested_objects_too() {
        let text = String::from_utf8(Transform::Reordered.apply(&body())).expect("UTF-8");
        assert!(text.starts_with(r#"{"EventTime":"#), "{text}");
        assert!(
            text.contains(r#"{"Role":"Admin","Member_Account":"jared"}"#),
            "{text}"
        );
    }

    #[test]
    fn escaping_leaves_only_ascii_and_pairs_surrogates() {
        let bytes = Transform::EscapedUnicode.apply(&body());
        assert!(bytes.is_ascii());
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(text.contains("\\u5468"), "{text}");
        assert!(text.contains("\\ud83c\\udfd4"), "{text}");
    }

    #[test]
    fn rewritings_that_would_change_nothing_say_so() {
        let plain = json!({ "CallbackCommand": "x", "EventTime": "1" });
        assert!(!Transform::EscapedUnicode.applies_to(&plain));
        assert!(!Transform::EventTimeString.applies_to(&plain));
        assert!(Transform::EscapedUnicode.applies_to(&body()));
        assert!(Transform::EventTimeString.applies_to(&body()));
    }

    #[test]
    fn pretty_printing_indents() {
        let text = String::from_utf8(Transform::Pretty.apply(&body())).expect("UTF-8");
        assert!(text.contains("\n  \"Name\": "), "{text}");
    }
}
