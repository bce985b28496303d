//! Receivers with one known body-handling defect each, as production receivers have them:
//! correct (`Reply::allowing`) on every body but the ones their defect trips on. Written
//! here from the defect's description, not from grpcb's code.

use super::{Receiver, Reply};
use serde_json::Value;

/// What `allowing` answers when the body parses.
fn allowing(body: &[u8]) -> Reply {
    Reply::allowing(&serde_json::from_slice(body).unwrap_or_default())
}

/// A server error: the handler threw.
fn crash() -> Reply {
    Reply::json(r#"{"error":"internal"}"#).status(500)
}

/// Maps eight element types and answers 500 to a forwarded message (`TIMRelayElem`), as a
/// public Java SDK does.
pub fn relay_elem_500() -> Receiver {
    Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        let relays = body["MsgBody"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|element| element["MsgType"] == "TIMRelayElem");
        if relays { crash() } else { allowing(&got.body) }
    })
}

/// Reads only the first 2 KB of a body; what it cannot parse it refuses (fails closed).
pub fn first_2kb_only() -> Receiver {
    Receiver::start_with(|got| {
        let read = &got.body[..got.body.len().min(2048)];
        match serde_json::from_slice::<Value>(read) {
            Ok(body) if body.is_object() => Reply::allowing(&body),
            _ => Reply::json(r#"{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"bad body"}"#),
        }
    })
}

fn emoji(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x2600..=0x27BF))
}

/// Whether any field named like a name (`Name`, `GroupName`, `FileName`, ...) at any depth
/// holds an emoji.
fn emoji_in_a_name(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(key, value)| {
            (key.contains("Name") && value.as_str().is_some_and(emoji)) || emoji_in_a_name(value)
        }),
        Value::Array(items) => items.iter().any(emoji_in_a_name),
        _ => false,
    }
}

/// Stores names in a column without 4-byte UTF-8: an emoji in a name is a server error.
pub fn emoji_in_names_500() -> Receiver {
    Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        if emoji_in_a_name(&body) {
            crash()
        } else {
            allowing(&got.body)
        }
    })
}

/// A strict schema: `EventTime` must be a number, or the request is a 400.
pub fn event_time_number_only() -> Receiver {
    Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        match body.get("EventTime") {
            Some(time) if !time.is_number() => {
                Reply::json(r#"{"error":"EventTime must be a number"}"#).status(400)
            }
            _ => allowing(&got.body),
        }
    })
}

/// A fixed buffer of 100 members: a longer list anywhere in the body is a server error.
pub fn over_100_members_500() -> Receiver {
    fn too_long(value: &Value) -> bool {
        match value {
            Value::Array(items) => items.len() > 100 || items.iter().any(too_long),
            Value::Object(map) => map.values().any(too_long),
            _ => false,
        }
    }
    Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        if too_long(&body) {
            crash()
        } else {
            allowing(&got.body)
        }
    })
}

/// Parses every custom element's `Data` as JSON; what does not parse reaches the framework's
/// error page: HTML, with status 200.
pub fn html_on_non_json_custom_data() -> Receiver {
    Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        let not_json = body["MsgBody"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|element| element["MsgType"] == "TIMCustomElem")
            .filter_map(|element| element["MsgContent"]["Data"].as_str())
            .any(|data| serde_json::from_str::<Value>(data).is_err());
        if not_json {
            Reply::bytes(b"<html><body><h1>Whitelabel Error Page</h1></body></html>".to_vec())
                .header("content-type", "text/html")
        } else {
            allowing(&got.body)
        }
    })
}

/// Whether any string at any depth holds a control character.
pub fn has_control(value: &Value) -> bool {
    match value {
        Value::String(text) => text.chars().any(char::is_control),
        Value::Array(items) => items.iter().any(has_control),
        Value::Object(map) => map.values().any(has_control),
        _ => false,
    }
}

/// Logs every body through a sanitiser that backtracks on control characters: such a body
/// is answered, but 1.5 s late.
pub fn slow_on_control_characters() -> Receiver {
    Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        let reply = allowing(&got.body);
        if has_control(&body) {
            reply.delay(std::time::Duration::from_millis(1500))
        } else {
            reply
        }
    })
}

/// A strict deserializer ("fail on unknown properties"), generated from the documented
/// fields: a top-level key the docs do not list is a server error. IM adds fields over time,
/// so a notification receiver that refuses them breaks the day one is added.
pub fn strict_unknown_fields_500() -> Receiver {
    Receiver::start_with(|got| {
        let body: Value = serde_json::from_slice(&got.body).unwrap_or_default();
        let documented = body["CallbackCommand"]
            .as_str()
            .and_then(grpcb_contract::catalog::by_command)
            .map(|callback| {
                callback
                    .body
                    .iter()
                    .map(|field| field.name)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let unknown = body
            .as_object()
            .is_some_and(|map| map.keys().any(|key| !documented.contains(&key.as_str())));
        if unknown {
            crash()
        } else {
            allowing(&got.body)
        }
    })
}
