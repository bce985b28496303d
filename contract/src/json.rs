//! Parsing answers as JSON while noticing what serde_json silently accepts: a key given twice
//! in one object. JSON parsers disagree on which value wins (serde_json and most keep the
//! last, some the first), so a duplicated `ErrorCode` makes IM's decision a coin toss.
//! serde_json's recursion limit still applies, so deep nesting is an error, not a crash.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;

/// A parsed document and the JSON pointers of every key that appeared more than once.
#[derive(Debug)]
pub struct Parsed {
    /// The document, the last of duplicated keys kept.
    pub value: Value,
    /// The JSON pointer of every key given more than once, in the order met.
    pub duplicates: Vec<String>,
}

/// Parses one JSON document (trailing whitespace only), keeping the last of duplicated keys
/// as serde_json does, and listing the duplicates.
pub fn parse(bytes: &[u8]) -> Result<Parsed, serde_json::Error> {
    let duplicates = RefCell::new(Vec::new());
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = Node {
        path: &Path::Root,
        duplicates: &duplicates,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(Parsed {
        value,
        duplicates: duplicates.into_inner(),
    })
}

/// Where a value sits; spelled out as a JSON pointer only for a duplicate, so a clean
/// document costs no pointer strings (a load test parses every answer).
enum Path<'p> {
    Root,
    Index(&'p Path<'p>, usize),
    Key(&'p Path<'p>, &'p str),
}

impl Path<'_> {
    fn pointer(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Index(parent, index) => format!("{}/{index}", parent.pointer()),
            Path::Key(parent, key) => format!("{}/{}", parent.pointer(), pointer_escape(key)),
        }
    }
}

/// One value at a path.
struct Node<'a, 'p> {
    path: &'p Path<'p>,
    duplicates: &'a RefCell<Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_string()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let child = Node {
                path: &Path::Index(self.path, items.len()),
                duplicates: self.duplicates,
            };
            match seq.next_element_seed(child)? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Node {
                path: &Path::Key(self.path, &key),
                duplicates: self.duplicates,
            })?;
            match object.entry(key) {
                Entry::Occupied(mut entry) => {
                    let pointer = Path::Key(self.path, entry.key()).pointer();
                    self.duplicates.borrow_mut().push(pointer);
                    entry.insert(value);
                }
                Entry::Vacant(entry) => {
                    entry.insert(value);
                }
            }
        }
        Ok(Value::Object(object))
    }
}

/// The JSON type of a value, as a person says it: `a string`, `an integer`, `null`.
pub fn type_name(value: &Value) -> &'static str {
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

/// `object.get(key)` without hashing `key` when the object is small, as answers are: a look
/// along a few keys costs less than SipHash (a map's keys are unique, so the first match
/// is the one `get` finds).
pub fn member<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    const SCANNED: usize = 16;
    if object.len() <= SCANNED {
        object
            .iter()
            .find_map(|(name, value)| (name == key).then_some(value))
    } else {
        object.get(key)
    }
}

/// JSON pointer escaping of one key (RFC 6901).
pub fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_like_serde_json_and_lists_duplicates() {
        let parsed =
            parse(br#"{"a":1,"b":{"c":[1,{"d":2,"d":3}]},"a":"x","e/f":0,"e/f":1}"#).unwrap();
        assert_eq!(
            parsed.value,
            json!({ "a": "x", "b": { "c": [1, { "d": 3 }] }, "e/f": 1 })
        );
        assert_eq!(parsed.duplicates, ["/b/c/1/d", "/a", "/e~1f"]);
    }

    #[test]
    fn a_member_is_what_get_finds_in_small_and_large_objects() {
        let small = parse(br#"{"ErrorCode":1,"ActionStatus":"OK","ErrorCode":0,"":2}"#)
            .unwrap()
            .value;
        let large: Map<String, Value> = (0..40).map(|at| (format!("k{at}"), json!(at))).collect();
        for object in [small.as_object().unwrap(), &large] {
            let keys = object.keys().map(String::as_str);
            for key in keys.chain(["absent", "errorcode", "k40", "k1 "]) {
                assert_eq!(member(object, key), object.get(key), "{key}");
            }
        }
        assert_eq!(
            member(small.as_object().unwrap(), "ErrorCode"),
            Some(&json!(0))
        );
    }

    #[test]
    fn keeps_numbers_and_rejects_what_json_rejects() {
        let parsed = parse(b"[1, -2, 3.5, 18446744073709551615, 1e300, true, null]").unwrap();
        assert_eq!(
            parsed.value,
            json!([1, -2, 3.5, 18446744073709551615u64, 1e300, true, null])
        );
        assert!(parse(b"NaN").is_err());
        assert!(parse(b"1e400").is_err());
        assert!(parse(b"{} x").is_err());
        assert!(parse(&[b'['; 100_000]).is_err());
    }
}
