//! Making a failing body smaller while keeping it one IM could send: an optional field
//! removed, a list halved or trimmed, a string shortened. Never a required field, never a
//! field whose condition holds, never a list below the fewest items IM sends, never a string
//! to nothing, never an enumeration's value or the command. A caller tries the edits in
//! order, keeps the first smaller body that still fails the same way, and asks again.

use crate::catalog::model::{self, Constraint, FieldSpec, Presence, StrFormat, Type};
use crate::catalog::{Callback, elements};
use serde_json::Value;
use std::collections::BTreeSet;
use std::ops::Range;

/// One step of a path into a body.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// What an edit does where it points.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Op {
    /// Takes the field out of its object.
    Remove,
    /// Keeps only these items of the list.
    Keep(Range<usize>),
    /// Takes these items out of the list.
    Drop(Range<usize>),
    /// Keeps only these characters of the string.
    Cut(Range<usize>),
    /// Takes these characters out of the string.
    DropChars(Range<usize>),
}

/// One way to make a body smaller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    at: Vec<Step>,
    op: Op,
}

impl Edit {
    /// The body with this edit made, if its path is there.
    pub fn apply(&self, body: &Value) -> Option<Value> {
        let mut out = body.clone();
        let (last, parents) = self.at.split_last()?;
        let mut here = &mut out;
        for step in parents {
            here = match step {
                Step::Key(key) => here.get_mut(key.as_str())?,
                Step::Index(index) => here.get_mut(*index)?,
            };
        }
        match (&self.op, last) {
            (Op::Remove, Step::Key(key)) => {
                here.as_object_mut()?.shift_remove(key)?;
            }
            (Op::Remove, Step::Index(_)) => return None,
            (op, step) => {
                let target = match step {
                    Step::Key(key) => here.get_mut(key.as_str())?,
                    Step::Index(index) => here.get_mut(*index)?,
                };
                edit_in_place(op, target)?;
            }
        }
        Some(out)
    }
}

fn edit_in_place(op: &Op, target: &mut Value) -> Option<()> {
    match (op, target) {
        (Op::Keep(range), Value::Array(items)) => {
            let kept = items.get(range.clone())?.to_vec();
            *items = kept;
        }
        (Op::Drop(range), Value::Array(items)) => {
            items.get(range.clone())?;
            items.drain(range.clone());
        }
        (Op::Cut(range), Value::String(text)) => {
            let kept: String = text.chars().skip(range.start).take(range.len()).collect();
            *text = kept;
        }
        (Op::DropChars(range), Value::String(text)) => {
            let kept: String = text
                .chars()
                .enumerate()
                .filter(|(index, _)| !range.contains(index))
                .map(|(_, character)| character)
                .collect();
            if kept.is_empty() {
                return None;
            }
            *text = kept;
        }
        _ => return None,
    }
    Some(())
}

/// Every edit of `body`, most promising first: optional fields (the largest first), then
/// lists cut at an end (by half, a quarter, ... one item), then inner items of short lists,
/// then strings cut at an end, then inner characters of short strings. Each keeps the body valid for `callback` as far as the edit alone can tell; check the
/// result with [`is_valid`].
pub fn edits(callback: &Callback, body: &Value) -> Vec<Edit> {
    let mut found = Found::default();
    let one_of: Vec<&[&str]> = callback
        .constraints
        .iter()
        .filter_map(|constraint| match constraint {
            Constraint::OneOf(names) => Some(*names),
            Constraint::Pairs { .. } => None,
        })
        .collect();
    walk_object(callback.body, body, &[], &one_of, &mut found);
    let by_size = |list: &mut Vec<(usize, Edit)>| {
        list.sort_by_key(|entry| std::cmp::Reverse(entry.0));
        list.drain(..).map(|(_, edit)| edit).collect::<Vec<_>>()
    };
    let mut out = by_size(&mut found.removals);
    out.extend(by_size(&mut found.halves));
    out.extend(by_size(&mut found.pieces));
    out.extend(by_size(&mut found.cuts));
    out.extend(found.trims);
    out
}

/// Whether `body` is still one IM could send as `callback`: every required field there with
/// its type (nested ones too), its constraints kept, and no list naming a user twice.
pub fn is_valid(callback: &Callback, body: &Value) -> bool {
    let intolerable = model::check(callback.body, callback.constraints, body)
        .iter()
        .any(|problem| !problem.is_tolerable());
    !intolerable && lists_distinct(callback.body, body)
}

#[derive(Default)]
struct Found {
    /// (bytes taken, edit) of each kind.
    removals: Vec<(usize, Edit)>,
    halves: Vec<(usize, Edit)>,
    pieces: Vec<(usize, Edit)>,
    cuts: Vec<(usize, Edit)>,
    trims: Vec<Edit>,
}

fn size_of(value: &Value) -> usize {
    serde_json::to_string(value).map_or(0, |text| text.len())
}

fn at(path: &[Step], last: Step) -> Vec<Step> {
    let mut out = path.to_vec();
    out.push(last);
    out
}

/// Whether a field may go: IM does not always send it, it is not the only spelling of a
/// field that must be there, and no condition that holds calls for it.
fn removable(spec: &FieldSpec, object: &Value, one_of: &[&[&str]]) -> bool {
    let needed_spelling = one_of.iter().any(|names| {
        names.contains(&spec.name)
            && !names
                .iter()
                .any(|other| *other != spec.name && object.get(other).is_some())
    });
    match spec.presence {
        Presence::Required => false,
        Presence::Conditional(condition) => {
            !needed_spelling && super::condition_holds(&condition, object) != Some(true)
        }
        Presence::Newer(_) | Presence::Legacy(_) => !needed_spelling,
    }
}

fn walk_object(
    fields: &[FieldSpec],
    object: &Value,
    path: &[Step],
    one_of: &[&[&str]],
    found: &mut Found,
) {
    for spec in fields {
        let Some(value) = object.get(spec.name) else {
            continue;
        };
        let here = at(path, Step::Key(spec.name.to_string()));
        if removable(spec, object, one_of) {
            found.removals.push((
                size_of(value),
                Edit {
                    at: here.clone(),
                    op: Op::Remove,
                },
            ));
        }
        walk_value(&spec.ty, value, &here, found);
    }
}

fn walk_value(ty: &Type, value: &Value, path: &[Step], found: &mut Found) {
    match (ty, value) {
        (Type::Object(fields), Value::Object(_)) => walk_object(fields, value, path, &[], found),
        (Type::Array { items, min, .. }, Value::Array(list)) => {
            list_edits(list, *min, path, found);
            for (index, item) in list.iter().enumerate() {
                walk_value(items, item, &at(path, Step::Index(index)), found);
            }
        }
        (Type::MsgBody, Value::Array(list)) => {
            // A message has at least one element.
            list_edits(list, 1, path, found);
            for (index, element) in list.iter().enumerate() {
                let known = element["MsgType"].as_str().and_then(elements::of_type);
                if let (Some(known), Some(content)) = (known, element.get("MsgContent")) {
                    let mut here = at(path, Step::Index(index));
                    here.push(Step::Key("MsgContent".into()));
                    walk_object(known.content, content, &here, &[], found);
                }
            }
        }
        (
            Type::String {
                values: None,
                format,
            },
            Value::String(text),
        ) if *format != StrFormat::Command => string_edits(text, path, found),
        (Type::StringOrInteger, Value::String(text)) => string_edits(text, path, found),
        _ => {}
    }
}

/// The list without its last or first items, half of them, then a quarter, ... then one;
/// a short list also without each one of its items. Never below `min` items.
fn list_edits(list: &[Value], min: usize, path: &[Step], found: &mut Found) {
    let len = list.len();
    if len <= min {
        return;
    }
    let size = size_of(&Value::Array(list.to_vec()));
    for cut in cuts(len).into_iter().filter(|cut| len - cut >= min) {
        for range in [0..len - cut, cut..len] {
            found.halves.push((
                size,
                Edit {
                    at: path.to_vec(),
                    op: Op::Keep(range),
                },
            ));
        }
    }
    if len <= SHORT && len > min {
        for index in 1..len - 1 {
            found.pieces.push((
                size / len,
                Edit {
                    at: path.to_vec(),
                    op: Op::Drop(index..index + 1),
                },
            ));
        }
    }
}

/// How many to cut off an end: half, a quarter, ... one.
fn cuts(len: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cut = len / 2;
    while cut >= 1 {
        out.push(cut);
        cut /= 2;
    }
    if out.last() != Some(&1) && len >= 1 {
        out.push(1);
    }
    out
}

/// Lists and strings this short also lose their inner items one at a time.
const SHORT: usize = 16;

/// A string without its last or first characters (half, a quarter, ... one); a short one
/// also without each inner character. Never nothing.
fn string_edits(text: &str, path: &[Step], found: &mut Found) {
    let chars = text.chars().count();
    if chars < 2 {
        return;
    }
    for cut in cuts(chars).into_iter().filter(|cut| *cut < chars) {
        for range in [0..chars - cut, cut..chars] {
            found.cuts.push((
                text.len(),
                Edit {
                    at: path.to_vec(),
                    op: Op::Cut(range),
                },
            ));
        }
    }
    if chars <= SHORT {
        for index in 1..chars - 1 {
            found.trims.push(Edit {
                at: path.to_vec(),
                op: Op::DropChars(index..index + 1),
            });
        }
    }
}

/// Whether no list in these fields names a user twice, nested lists too.
fn lists_distinct(fields: &[FieldSpec], object: &Value) -> bool {
    fields.iter().all(|spec| {
        object
            .get(spec.name)
            .is_none_or(|value| distinct_in(&spec.ty, value))
    })
}

fn distinct_in(ty: &Type, value: &Value) -> bool {
    match (ty, value) {
        (Type::Object(fields), _) => lists_distinct(fields, value),
        (Type::Array { items, .. }, Value::Array(list)) => {
            let mut users = Vec::new();
            for item in list {
                users_in(items, item, &mut users);
            }
            let unique: BTreeSet<&str> = users.iter().map(String::as_str).collect();
            unique.len() == users.len() && list.iter().all(|item| distinct_in(items, item))
        }
        _ => true,
    }
}

/// The UserIDs of one list item (its own fields, not its nested lists').
fn users_in(ty: &Type, value: &Value, out: &mut Vec<String>) {
    match (ty, value) {
        (
            Type::String {
                format: StrFormat::UserId,
                ..
            },
            Value::String(user),
        ) => out.push(user.clone()),
        (Type::Object(fields), _) => {
            for spec in *fields {
                if let (Some(value), false) =
                    (value.get(spec.name), matches!(spec.ty, Type::Array { .. }))
                {
                    users_in(&spec.ty, value, out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use serde_json::json;

    #[test]
    fn edits_keep_required_fields_and_lists_at_their_minimum() {
        let callback = catalog::find("push-offline").expect("in the catalog");
        let body = callback.sample_body();
        for edit in edits(callback, &body) {
            let Some(smaller) = edit.apply(&body) else {
                continue;
            };
            assert!(size_of(&smaller) < size_of(&body), "{edit:?}");
            if let Some(events) = smaller["Events"].as_array() {
                assert!(!events.is_empty(), "{edit:?}");
            }
            assert!(smaller["Events"][0].get("CallbackCommand").is_some());
        }
    }

    #[test]
    fn strings_shrink_by_halves_and_ends_but_not_to_nothing() {
        let callback = catalog::find("before-create").expect("in the catalog");
        let body = json!({"CallbackCommand": callback.command, "Name": "ab"});
        let names: Vec<Value> = edits(callback, &body)
            .iter()
            .filter_map(|edit| edit.apply(&body))
            .map(|body| body["Name"].clone())
            .collect();
        assert!(names.contains(&json!("a")) && names.contains(&json!("b")));
        assert!(!names.contains(&json!("")));
        assert!(
            names
                .iter()
                .all(|name| name != "Group.CallbackBeforeCreateGroup")
        );
    }

    #[test]
    fn a_condition_that_holds_keeps_its_field() {
        let callback = catalog::find("content-result-notify").expect("in the catalog");
        let body = callback.sample_body();
        assert_eq!(body["ContentType"], "Text");
        let removes_text = edits(callback, &body)
            .iter()
            .any(|edit| edit.op == Op::Remove && edit.at == [Step::Key("TextContent".into())]);
        assert!(!removes_text);
    }

    #[test]
    fn one_of_two_spellings_stays() {
        let callback = catalog::find("after-member-field-change").expect("in the catalog");
        let body = callback.sample_body();
        let smaller: Vec<Value> = edits(callback, &body)
            .iter()
            .filter_map(|edit| edit.apply(&body))
            .collect();
        assert!(
            smaller
                .iter()
                .all(|b| b.get("Modified_Account").is_some() || b.get("Member_Account").is_some())
        );
    }

    #[test]
    fn validity_wants_required_fields_and_distinct_users() {
        let callback = catalog::find("before-invite").expect("in the catalog");
        let body = callback.sample_body();
        assert!(is_valid(callback, &body));
        let mut twice = body.clone();
        twice["DestinationMembers"] = json!([{"Member_Account": "a"}, {"Member_Account": "a"}]);
        assert!(!is_valid(callback, &twice));
        let mut missing = body;
        missing.as_object_mut().expect("object").remove("GroupId");
        assert!(!is_valid(callback, &missing));
    }
}
