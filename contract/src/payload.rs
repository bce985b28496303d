//! Building a request body: the catalog sample (or a fixture's value), then typed fields,
//! then `set` overrides, then `unset` removals, in that order. Nothing here reads a file:
//! the caller reads a fixture and hands its bytes or value in. Errors are [`Error`]s, which
//! say what is wrong; the caller says where the user wrote it.

use crate::catalog::model::{IntFormat, Type};
use crate::catalog::{self, Callback, Envelope, Field, Shape, UnknownCallback};
use crate::json::type_name;
use serde_json::{Map, Value, json};
use std::fmt;

/// What can be wrong with what shapes a body.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// A `PATH=VALUE` assignment without `=`.
    NoEquals(String),
    /// An unset path that is not a dotted path.
    NotAPath(String),
    /// The callback has no place for this typed field.
    NoField {
        /// The callback's alias.
        alias: &'static str,
        /// The field given.
        field: Field,
        /// The fields it takes.
        takes: Vec<Field>,
    },
    /// An integer field given a text that is not one.
    NotAnInteger {
        /// The field given.
        field: Field,
        /// The text given.
        text: String,
    },
    /// A single-user field given several users.
    OneUser {
        /// The field given.
        field: Field,
        /// The callback's alias.
        alias: &'static str,
        /// The body field that holds one UserID.
        path: &'static str,
    },
    /// A value that cannot be written at this path.
    CannotSet {
        /// The dotted path.
        path: String,
        /// Why, in words.
        why: String,
    },
    /// A fixture that is not JSON, at this line and column.
    NotJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message, without its position.
        message: String,
    },
    /// A fixture that is JSON but not one object.
    NotObject,
    /// A fixture without a `CallbackCommand` string, where nothing else names the callback.
    NoCommand,
    /// A fixture whose `CallbackCommand` is not a callback of the catalog.
    UnknownCommand(UnknownCallback),
    /// A fixture whose `CallbackCommand` is not the callback named.
    CommandMismatch {
        /// The callback named.
        alias: &'static str,
        /// Its command.
        command: &'static str,
        /// What the fixture says, as JSON text unless it is a string.
        given: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoEquals(text) => write!(f, "`{text}` has no `=`"),
            Error::NotAPath(path) => write!(f, "`{path}` is not a dotted path"),
            Error::NoField { alias, field, .. } => write!(f, "{alias} has no field for {field}"),
            Error::NotAnInteger { field, text } => write!(f, "{field} `{text}` is not an integer"),
            Error::OneUser { alias, path, .. } => {
                write!(f, "{alias} takes one user: its {path} is a single UserID")
            }
            Error::CannotSet { path, why } => write!(f, "`{path}` cannot be set: {why}"),
            Error::NotJson {
                line,
                column,
                message,
            } => write!(
                f,
                "not valid JSON at line {line}, column {column}: {message}"
            ),
            Error::NotObject => f.write_str("not a JSON object"),
            Error::NoCommand => f.write_str("no CallbackCommand string"),
            Error::UnknownCommand(unknown) => unknown.fmt(f),
            Error::CommandMismatch {
                alias,
                command,
                given,
            } => write!(f, "CallbackCommand `{given}` is not {alias} ({command})"),
        }
    }
}

impl std::error::Error for Error {}

/// The result of a payload step.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that shapes a body besides the callback and where it starts.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    /// The query's `SdkAppid`: a body field that must equal it (`SdkAppId` of
    /// `ContentCallback.ResultNotify`) is set to it first, so typed fields and `sets` can
    /// still change it.
    pub sdkappid: Option<String>,
    /// Typed fields with their values (`member` may repeat).
    pub typed: Vec<(Field, Vec<String>)>,
    /// Overrides, applied after the typed fields, in order.
    pub sets: Vec<SetOp>,
    /// Removals, applied last, in order.
    pub unsets: Vec<UnsetOp>,
}

/// A body, and the removals that found nothing to remove (a typo must not go unseen).
#[derive(Clone, Debug)]
pub struct Built {
    /// The body.
    pub body: Value,
    /// The unset paths that were not there.
    pub nothing_removed: Vec<UnsetOp>,
}

/// The deepest `set` path: serde_json's own nesting limit. Deeper bodies would overflow
/// the stack when serialised or dropped.
const MAX_PATH_DEPTH: usize = 128;

/// One override: a dotted path and the JSON value to write there.
#[derive(Clone, Debug, PartialEq)]
pub struct SetOp {
    /// Dotted path: `MsgBody.0.MsgContent.Text`.
    pub path: String,
    /// The value.
    pub value: Value,
}

impl SetOp {
    /// Parses `PATH=VALUE`; VALUE is JSON when it parses, else a string.
    pub fn parse(assignment: &str) -> Result<SetOp> {
        let (path, raw) = SetOp::split(assignment)?;
        Ok(SetOp {
            path: path.to_string(),
            value: SetOp::value(raw),
        })
    }

    /// `PATH=VALUE` into the trimmed path and the VALUE as written.
    pub fn split(assignment: &str) -> Result<(&str, &str)> {
        let (path, raw) = assignment
            .split_once('=')
            .ok_or_else(|| Error::NoEquals(assignment.to_string()))?;
        Ok((path.trim(), raw))
    }

    /// A VALUE as written: JSON when it parses, else a string.
    pub fn value(raw: &str) -> Value {
        serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_string()))
    }

    /// Writes this override into the body.
    pub fn apply(&self, body: &mut Value) -> Result<()> {
        let cannot = |why: String| Error::CannotSet {
            path: self.path.clone(),
            why,
        };
        let segments: Vec<&str> = self.path.split('.').collect();
        if segments.iter().any(|segment| segment.is_empty()) {
            return Err(cannot("the path has an empty segment".into()));
        }
        if segments.len() > MAX_PATH_DEPTH {
            return Err(cannot(format!(
                "the path is {} fields deep; at most {MAX_PATH_DEPTH} are allowed",
                segments.len()
            )));
        }
        set_path(body, &segments, self.value.clone()).map_err(cannot)
    }
}

/// One removal: a dotted path (as [`SetOp`] writes them) whose field or array element goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsetOp {
    /// Dotted path: `EventTime`, `MemberList.0`.
    pub path: String,
}

impl UnsetOp {
    /// A dotted path, trimmed; an empty one or one with an empty segment is refused.
    pub fn parse(path: &str) -> Result<UnsetOp> {
        let path = path.trim();
        if path.is_empty() || path.split('.').any(str::is_empty) {
            return Err(Error::NotAPath(path.to_string()));
        }
        Ok(UnsetOp {
            path: path.to_string(),
        })
    }

    /// Removes the field (or array element) at the path; false when there is none, which
    /// leaves the body as it was.
    pub fn apply(&self, body: &mut Value) -> bool {
        let (parent, last) = match self.path.rsplit_once('.') {
            Some((parent, last)) => (get_path_mut(body, parent), last),
            None => (Some(body), self.path.as_str()),
        };
        match parent {
            Some(Value::Object(map)) => map.shift_remove(last).is_some(),
            Some(Value::Array(items)) => match last.parse::<usize>() {
                Ok(index) if index < items.len() => {
                    items.remove(index);
                    true
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// What to tell the user when the path was not there.
    pub fn nothing_removed(&self) -> String {
        format!(
            "the body has no `{}`, so nothing was removed (paths are case-sensitive)",
            self.path
        )
    }
}

/// A fixture's bytes as a body: one JSON object.
pub fn parse_fixture(bytes: &[u8]) -> Result<Value> {
    let body: Value = serde_json::from_slice(bytes).map_err(|err| Error::NotJson {
        line: err.line(),
        column: err.column(),
        message: strip_position(&err),
    })?;
    if !body.is_object() {
        return Err(Error::NotObject);
    }
    Ok(body)
}

/// serde_json appends " at line L column C"; the position is said apart.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// The callback a fixture's `CallbackCommand` names: the top-level one, or for a batch of
/// events (`Push.*`) the first event's. A body without one (`ContentCallback.ResultNotify`)
/// cannot tell: the caller names the callback.
pub fn callback_of(fixture: &Value) -> Result<&'static Callback> {
    let command = fixture["CallbackCommand"]
        .as_str()
        .or_else(|| fixture["Events"][0]["CallbackCommand"].as_str())
        .ok_or(Error::NoCommand)?;
    catalog::find(command).map_err(Error::UnknownCommand)
}

/// A fixture that names another callback than the one named would be rewritten silently,
/// and a recorded body sent as something it is not: that is an error, unless `overridden`
/// (a `set` of `CallbackCommand`) says what the body must carry. A fixture without
/// `CallbackCommand` is fine: the named callback fills it.
pub fn check_fixture_command(callback: &Callback, fixture: &Value, overridden: bool) -> Result<()> {
    if overridden {
        return Ok(());
    }
    let mut given = fixture
        .get("CallbackCommand")
        .into_iter()
        .collect::<Vec<_>>();
    if callback.envelope == Envelope::Events {
        given.extend(
            fixture["Events"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|event| event.get("CallbackCommand")),
        );
    }
    match given
        .into_iter()
        .find(|given| given.as_str() != Some(callback.command))
    {
        None => Ok(()),
        Some(other) => Err(Error::CommandMismatch {
            alias: callback.alias,
            command: callback.command,
            given: other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_string),
        }),
    }
}

/// Builds the body for `callback`: start (a fixture's value, or the sample), typed fields,
/// sets, unsets.
pub fn build(callback: &Callback, start: Option<Value>, spec: &Spec) -> Result<Built> {
    let mut body = start.unwrap_or_else(|| callback.sample_body());
    set_command(&mut body, callback);
    if let Some(sdkappid) = &spec.sdkappid {
        sync_sdkappid(callback, &mut body, sdkappid);
    }
    for (field, values) in &spec.typed {
        apply_typed(callback, &mut body, *field, values)?;
    }
    for set in &spec.sets {
        set.apply(&mut body)?;
    }
    let nothing_removed = spec
        .unsets
        .iter()
        .filter(|unset| !unset.apply(&mut body))
        .cloned()
        .collect();
    Ok(Built {
        body,
        nothing_removed,
    })
}

/// The body's `CallbackCommand` equals the callback's where its envelope puts it: first in
/// the object as IM writes it, or first in every event of a batch; a body that carries
/// none (`ContentCallback.ResultNotify`) is left so.
fn set_command(body: &mut Value, callback: &Callback) {
    let command = callback.command;
    let put_first = |object: &mut Value| {
        if let Value::Object(map) = object {
            if map.contains_key("CallbackCommand") {
                map.insert("CallbackCommand".into(), json!(command));
            } else {
                map.shift_insert(0, "CallbackCommand".into(), json!(command));
            }
        }
    };
    match callback.envelope {
        Envelope::Body => put_first(body),
        Envelope::Events => {
            if let Some(events) = body.get_mut("Events").and_then(Value::as_array_mut) {
                events.iter_mut().for_each(put_first);
            }
        }
        Envelope::QueryOnly => {}
    }
}

/// Sets every top-level field that mirrors the query's `SdkAppid` to it (a number, as IM
/// writes it; text that is not one is left for the receiver's checks to see).
pub fn sync_sdkappid(callback: &Callback, body: &mut Value, sdkappid: &str) {
    let Ok(number) = sdkappid.trim().parse::<u64>() else {
        return;
    };
    for spec in callback.body {
        let mirrors = matches!(
            spec.ty,
            Type::Integer {
                format: IntFormat::SdkAppid,
                ..
            }
        );
        if let (true, Value::Object(map)) = (mirrors, &mut *body)
            && map.contains_key(spec.name)
        {
            map.insert(spec.name.to_string(), json!(number));
        }
    }
}

fn apply_typed(
    callback: &Callback,
    body: &mut Value,
    field: Field,
    values: &[String],
) -> Result<()> {
    let place = callback.path_of(field).ok_or_else(|| Error::NoField {
        alias: callback.alias,
        field,
        takes: callback.typed_fields(),
    })?;
    let last = || values.last().cloned().unwrap_or_default();
    let value = match place.shape {
        Shape::String => json!(last()),
        Shape::Integer => {
            let text = last();
            let number: i64 = text.trim().parse().map_err(|_| Error::NotAnInteger {
                field,
                text: text.clone(),
            })?;
            json!(number)
        }
        Shape::User => match values {
            [user] => json!(user),
            _ => {
                return Err(Error::OneUser {
                    field,
                    alias: callback.alias,
                    path: place.path,
                });
            }
        },
        Shape::StringList => json!([last()]),
        Shape::Members => Value::Array(
            values
                .iter()
                .map(|user| json!({ "Member_Account": user }))
                .collect(),
        ),
        Shape::Strings => json!(values),
        Shape::Items(key) => {
            let template = get_path(body, place.path)
                .and_then(|list| list.get(0))
                .filter(|item| item.is_object())
                .cloned()
                .unwrap_or_else(|| json!({}));
            Value::Array(
                values
                    .iter()
                    .map(|user| {
                        let mut item = template.clone();
                        item[key] = json!(user);
                        item
                    })
                    .collect(),
            )
        }
        Shape::Text => {
            set_message_text(body, place.path, &last());
            return Ok(());
        }
    };
    for path in expand(body, place.path) {
        let segments: Vec<&str> = path.split('.').collect();
        set_path(body, &segments, value.clone()).map_err(|why| Error::CannotSet {
            path: place.path.to_string(),
            why,
        })?;
    }
    Ok(())
}

/// A typed field's path with each `*` segment replaced by every index of the array there
/// (`Events.*.To_Account` → `Events.0.To_Account`, `Events.1.To_Account`).
fn expand(body: &Value, path: &str) -> Vec<String> {
    let Some((head, tail)) = path.split_once(".*") else {
        return vec![path.to_string()];
    };
    let count = get_path(body, head)
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    (0..count)
        .flat_map(|index| expand(body, &format!("{head}.{index}{tail}")))
        .collect()
}

/// Puts `text` in the first `TIMTextElem` of the message body at `path`, adding one when
/// the body has none.
fn set_message_text(body: &mut Value, path: &str, text: &str) {
    let Value::Object(map) = body else { return };
    let elements = map.entry(path).or_insert_with(|| Value::Array(Vec::new()));
    if !elements.is_array() {
        *elements = Value::Array(Vec::new());
    }
    let Value::Array(elements) = elements else {
        return;
    };
    let text_element = elements
        .iter_mut()
        .find(|element| element["MsgType"] == "TIMTextElem");
    match text_element {
        Some(element) => element["MsgContent"] = json!({ "Text": text }),
        None => elements.insert(
            0,
            json!({ "MsgType": "TIMTextElem", "MsgContent": { "Text": text } }),
        ),
    }
}

/// Writes `value` at a dotted path, creating objects (or arrays, before a numeric segment)
/// on the way. An array index may be one past the end, which appends.
fn set_path(root: &mut Value, segments: &[&str], value: Value) -> std::result::Result<(), String> {
    let mut current = root;
    for (depth, segment) in segments.iter().enumerate() {
        let last = depth + 1 == segments.len();
        let container_for_next = || match segments.get(depth + 1) {
            Some(next) if next.parse::<usize>().is_ok() => Value::Array(Vec::new()),
            _ => Value::Object(Map::new()),
        };
        current = match current {
            Value::Object(map) => {
                if last {
                    map.insert((*segment).to_string(), value);
                    return Ok(());
                }
                map.entry(*segment).or_insert_with(container_for_next)
            }
            Value::Array(items) => {
                let index: usize = segment.parse().map_err(|_| {
                    format!(
                        "`{}` is an array; `{segment}` is not an index",
                        segments[..depth].join(".")
                    )
                })?;
                if index > items.len() {
                    return Err(format!(
                        "`{}` has {} elements; index {index} would leave a gap",
                        segments[..depth].join("."),
                        items.len()
                    ));
                }
                if index == items.len() {
                    items.push(if last {
                        Value::Null
                    } else {
                        container_for_next()
                    });
                }
                if last {
                    items[index] = value;
                    return Ok(());
                }
                &mut items[index]
            }
            other => {
                return Err(format!(
                    "`{}` is {}, which has no fields",
                    segments[..depth].join("."),
                    type_name(other)
                ));
            }
        };
    }
    Ok(())
}

/// The value at a dotted path, to change in place.
fn get_path_mut<'a>(root: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    path.split('.')
        .try_fold(root, |current, segment| match current {
            Value::Object(map) => map.get_mut(segment),
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        })
}

/// Reads the value at a dotted path (`MsgBody.0.MsgContent.Text`), the paths a [`SetOp`] writes.
pub fn get_path<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(root, |current, segment| match current {
            Value::Object(map) => map.get(segment),
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value {
        json!({ "CallbackCommand": "x", "Name": "a", "MsgBody": [{ "MsgType": "TIMTextElem", "MsgContent": { "Text": "hi" } }] })
    }

    fn apply(body: &mut Value, assignment: &str) -> Result<()> {
        SetOp::parse(assignment)?.apply(body)
    }

    #[test]
    fn set_replaces_parses_and_creates() {
        let mut body = sample();
        apply(&mut body, "Name=Team").unwrap();
        apply(&mut body, "EventTime=12").unwrap();
        apply(&mut body, "MsgBody.0.MsgContent.Text=yo").unwrap();
        apply(&mut body, "Deep.List.0.Key=k").unwrap();
        apply(&mut body, "Empty=").unwrap();
        assert_eq!(body["Name"], "Team");
        assert_eq!(body["EventTime"], 12);
        assert_eq!(body["MsgBody"][0]["MsgContent"]["Text"], "yo");
        assert_eq!(body["Deep"]["List"][0]["Key"], "k");
        assert_eq!(body["Empty"], "");
    }

    #[test]
    fn set_rejects_gaps_and_scalars() {
        let mut body = sample();
        assert!(apply(&mut body, "MsgBody.5=1").is_err());
        assert!(apply(&mut body, "Name.x=1").is_err());
        assert!(apply(&mut body, "MsgBody.x=1").is_err());
        assert!(apply(&mut body, "nothing").is_err());
        assert!(apply(&mut body, "a..b=1").is_err());
        let deep = vec!["a"; MAX_PATH_DEPTH + 1].join(".");
        assert!(apply(&mut body, &format!("{deep}=1")).is_err());
    }

    #[test]
    fn get_path_reads_what_set_writes() {
        let body = sample();
        assert_eq!(get_path(&body, "Name"), Some(&json!("a")));
        assert_eq!(
            get_path(&body, "MsgBody.0.MsgContent.Text"),
            Some(&json!("hi"))
        );
        assert_eq!(get_path(&body, "MsgBody.1"), None);
        assert_eq!(get_path(&body, "Name.x"), None);
    }

    #[test]
    fn unset_removes_fields_and_elements_and_says_when_there_is_none() {
        let mut body = sample();
        let unset = |path: &str| UnsetOp::parse(path).unwrap();
        assert!(unset("MsgBody.0.MsgContent.Text").apply(&mut body));
        assert_eq!(body["MsgBody"][0]["MsgContent"], json!({}));
        assert!(unset("MsgBody.0").apply(&mut body));
        assert_eq!(body["MsgBody"], json!([]));
        assert!(unset("Name").apply(&mut body));
        assert_eq!(body, json!({ "CallbackCommand": "x", "MsgBody": [] }));
        for missing in [
            "Name",
            "MsgBody.0",
            "MsgBody.x",
            "CallbackCommand.x",
            "a.b.c",
        ] {
            assert!(!unset(missing).apply(&mut body), "{missing}");
        }
        assert_eq!(body, json!({ "CallbackCommand": "x", "MsgBody": [] }));
        for bad in ["", "a..b", ".a", "a."] {
            assert!(UnsetOp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_goes_to_the_first_text_element() {
        let mut body =
            json!({ "MsgBody": [{ "MsgType": "TIMCustomElem", "MsgContent": { "Data": "d" } }] });
        set_message_text(&mut body, "MsgBody", "hello");
        assert_eq!(body["MsgBody"][0]["MsgContent"]["Text"], "hello");
        assert_eq!(body["MsgBody"][1]["MsgType"], "TIMCustomElem");
    }
}
