//! Building the request body: the catalog sample (or a fixture), then typed flags, then
//! `--set` overrides, then `--unset` removals, in that order (`spec/cli.md`, "Payload
//! options").

use crate::catalog::{self, Callback, Flag, Shape};
use crate::error::{BadValue, Error, Result, Subject};
use crate::input;
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

/// Where a fixture comes from.
#[derive(Clone, Debug)]
pub enum FixtureSource {
    File(PathBuf),
    Stdin,
}

impl FixtureSource {
    /// `-` is stdin, anything else a path.
    pub fn from_arg(arg: &Path) -> Self {
        if arg == Path::new("-") {
            FixtureSource::Stdin
        } else {
            FixtureSource::File(arg.to_path_buf())
        }
    }
}

/// Everything that shapes a body besides the callback itself.
#[derive(Clone, Debug, Default)]
pub struct PayloadSpec {
    pub fixture: Option<FixtureSource>,
    /// Typed flags with their values (`--member` may repeat).
    pub typed: Vec<(Flag, Vec<String>)>,
    /// `--set` overrides, applied after the typed flags, in order.
    pub sets: Vec<SetOp>,
    /// `--unset` paths, removed last, in order.
    pub unsets: Vec<UnsetOp>,
}

/// The deepest `--set` path: serde_json's own nesting limit. Deeper bodies would overflow
/// the stack when serialised or dropped.
const MAX_PATH_DEPTH: usize = 128;

const SET_HINT: &str =
    "write PATH=VALUE, e.g. --set Name=Team or --set MsgBody.0.MsgContent.Text=hi";

/// One `--set`: a dotted path and the JSON value to write there.
#[derive(Clone, Debug, PartialEq)]
pub struct SetOp {
    pub path: String,
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
            .ok_or_else(|| BadValue::flag("--set", assignment, "has no `=`").hint(SET_HINT))?;
        Ok((path.trim(), raw))
    }

    /// A VALUE as written: JSON when it parses, else a string.
    pub fn value(raw: &str) -> Value {
        serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_string()))
    }
}

/// One `--unset`: a dotted path (as `--set` writes them) whose field or array element goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsetOp {
    pub path: String,
}

impl UnsetOp {
    pub fn parse(path: &str) -> Result<UnsetOp> {
        let path = path.trim();
        if path.is_empty() || path.split('.').any(str::is_empty) {
            return Err(Error::input(format!(
                "--unset `{path}`: not a dotted path; write e.g. --unset EventTime or --unset MemberList.0"
            )));
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

    /// What to tell the user when the path was not there: a typo must not go unseen.
    pub fn nothing_removed(&self) -> String {
        format!(
            "the body has no `{}`, so nothing was removed (paths are case-sensitive)",
            self.path
        )
    }
}

/// Reads and parses a fixture; it must be one JSON object.
pub fn load_fixture(source: &FixtureSource) -> Result<Value> {
    let path = match source {
        FixtureSource::File(path) => Some(path.as_path()),
        FixtureSource::Stdin => None,
    };
    let text = input::read(path, "fixture")?;
    let body: Value = serde_json::from_slice(&text).map_err(|err| {
        let subject = match input::subject(path, "fixture") {
            Subject::File { what, path, .. } => Subject::File {
                what,
                path,
                at: Some((err.line(), err.column())),
            },
            other => other,
        };
        BadValue::new(subject, "is not valid JSON").detail(strip_position(&err))
    })?;
    if !body.is_object() {
        return Err(
            BadValue::new(input::subject(path, "fixture"), "is not a JSON object")
                .hint("a callback body is one object such as `grpcb example before-create` prints")
                .into(),
        );
    }
    Ok(body)
}

/// serde_json appends " at line L column C"; we print the position ourselves.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// Picks the callback: by name when given, else from the fixture's `CallbackCommand`.
pub fn resolve_callback(name: Option<&str>, fixture: Option<&Value>) -> Result<&'static Callback> {
    if let Some(name) = name {
        return catalog::find(name).map_err(|err| err.about(Subject::flag("CALLBACK")).into());
    }
    let Some(fixture) = fixture else {
        return Err(Error::Usage(
            "which callback? name one (e.g. `grpcb send before-create`) \
             or pass a --fixture whose CallbackCommand names it"
                .into(),
        ));
    };
    let command = fixture["CallbackCommand"].as_str().ok_or_else(|| {
        Error::input(
            "the fixture has no CallbackCommand string to tell which callback it is; \
             name the callback, e.g. `grpcb send before-create --fixture FILE`",
        )
    })?;
    catalog::find(command).map_err(|err| {
        let mut bad = err.about(Subject::flag("the fixture's CallbackCommand"));
        let known = bad.hint.take().unwrap_or_default();
        bad.hint(format!("{known}; or name the callback to send it anyway"))
            .into()
    })
}

/// A fixture that names another callback than the one named would be rewritten silently,
/// and a recorded body sent as something it is not: that is an input error, unless
/// `overridden` (`--set CallbackCommand=...`) says what the body must carry. A fixture
/// without `CallbackCommand` is fine: the named callback fills it.
pub fn check_fixture_command(callback: &Callback, fixture: &Value, overridden: bool) -> Result<()> {
    let Some(given) = fixture.get("CallbackCommand") else {
        return Ok(());
    };
    if overridden || given.as_str() == Some(callback.command) {
        return Ok(());
    }
    let shown = given
        .as_str()
        .map_or_else(|| given.to_string(), str::to_string);
    Err(BadValue::new(
        Subject::flag("--fixture"),
        format!(
            "its CallbackCommand is not the callback named, {} ({})",
            callback.alias, callback.command
        ),
    )
    .detail(format!("the fixture says `{shown}`"))
    .hint(format!(
        "name the fixture's callback (or none, to use it), or send it as {} anyway with \
         --set CallbackCommand={}",
        callback.alias, callback.command
    ))
    .into())
}

/// The callback a command works on and the fixture it starts from: `--fixture` read, the
/// callback named or else taken from the fixture (which must then agree with the name).
pub fn start(name: Option<&str>, spec: &PayloadSpec) -> Result<(&'static Callback, Option<Value>)> {
    let fixture = spec.fixture.as_ref().map(load_fixture).transpose()?;
    let callback = resolve_callback(name, fixture.as_ref())?;
    if let Some(fixture) = &fixture {
        let overridden = spec.sets.iter().any(|set| set.path == "CallbackCommand");
        check_fixture_command(callback, fixture, overridden)?;
    }
    Ok((callback, fixture))
}

/// Builds the body for `callback`: start (fixture or sample), typed flags, `--set`,
/// `--unset` (a path that is not there gets a note on stderr).
pub fn build(callback: &Callback, start: Option<Value>, spec: &PayloadSpec) -> Result<Value> {
    let mut body = start.unwrap_or_else(|| callback.sample_body());
    set_command(&mut body, callback.command);
    for (flag, values) in &spec.typed {
        apply_typed(callback, &mut body, *flag, values)?;
    }
    for set in &spec.sets {
        apply_set(&mut body, set)?;
    }
    apply_unsets(&mut body, &spec.unsets);
    Ok(body)
}

/// Removes each `--unset` path in turn; one that is not there is noted on stderr.
pub fn apply_unsets(body: &mut Value, unsets: &[UnsetOp]) {
    for unset in unsets {
        if !unset.apply(body) {
            crate::output::stderr(&format!(
                "grpcb: note: --unset {}: {}\n",
                unset.path,
                unset.nothing_removed()
            ));
        }
    }
}

/// The body's `CallbackCommand` equals the callback's, first in the object as IM writes it.
fn set_command(body: &mut Value, command: &str) {
    if let Value::Object(map) = body {
        if map.contains_key("CallbackCommand") {
            map.insert("CallbackCommand".into(), json!(command));
        } else {
            map.shift_insert(0, "CallbackCommand".into(), json!(command));
        }
    }
}

fn apply_typed(callback: &Callback, body: &mut Value, flag: Flag, values: &[String]) -> Result<()> {
    let field = callback.field_for(flag).ok_or_else(|| {
        Error::input(format!(
            "{} has no field for {}; the flags it takes are: {}. Use --set PATH=VALUE for any other field",
            callback.alias,
            flag.long(),
            callback.flag_names().join(", ")
        ))
    })?;
    let last = || values.last().cloned().unwrap_or_default();
    let value = match field.shape {
        Shape::String => json!(last()),
        Shape::Integer => {
            let text = last();
            let number: i64 = text
                .trim()
                .parse()
                .map_err(|_| BadValue::flag(flag.long(), &text, "is not an integer"))?;
            json!(number)
        }
        Shape::User => match values {
            [user] => json!(user),
            _ => {
                return Err(Error::input(format!(
                    "{} takes one user on {}: its {} is a single UserID",
                    flag.long(),
                    callback.alias,
                    field.path
                )));
            }
        },
        Shape::StringList => json!([last()]),
        Shape::Members => Value::Array(
            values
                .iter()
                .map(|user| json!({ "Member_Account": user }))
                .collect(),
        ),
        Shape::Text => {
            set_message_text(body, field.path, &last());
            return Ok(());
        }
    };
    let segments: Vec<&str> = field.path.split('.').collect();
    set_path(body, &segments, value).map_err(|why| Error::input(format!("{}: {why}", flag.long())))
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

/// Writes one override into the body.
pub fn apply_set(body: &mut Value, set: &SetOp) -> Result<()> {
    set.apply(body).map_err(|why| {
        BadValue::flag("--set", &set.path, "cannot be set")
            .detail(why)
            .hint(SET_HINT)
            .into()
    })
}

impl SetOp {
    /// Writes this override into the body; the error says why the path does not fit it
    /// (callers name the flag or key it came from).
    pub fn apply(&self, body: &mut Value) -> std::result::Result<(), String> {
        let segments: Vec<&str> = self.path.split('.').collect();
        if segments.iter().any(|segment| segment.is_empty()) {
            return Err("the path has an empty segment".into());
        }
        if segments.len() > MAX_PATH_DEPTH {
            return Err(format!(
                "the path is {} fields deep; at most {MAX_PATH_DEPTH} are allowed",
                segments.len()
            ));
        }
        set_path(body, &segments, self.value.clone())
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
                    json_type(other)
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

/// Reads the value at a dotted path (`MsgBody.0.MsgContent.Text`), the paths `--set` writes.
pub fn get_path<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(root, |current, segment| match current {
            Value::Object(map) => map.get(segment),
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
}

/// The JSON type of a value, as a person says it.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value {
        json!({ "CallbackCommand": "x", "Name": "a", "MsgBody": [{ "MsgType": "TIMTextElem", "MsgContent": { "Text": "hi" } }] })
    }

    fn apply(body: &mut Value, assignment: &str) -> Result<()> {
        apply_set(body, &SetOp::parse(assignment)?)
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
