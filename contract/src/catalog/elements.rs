//! One sample of every message element type a group message's `MsgBody` can hold
//! (`docs/protocol.md` §2.10), from `fixtures/elements/`. Anything that needs realistic
//! message bodies (a receiver's tests, a robustness probe) can draw from here.

use serde_json::Value;

/// One message element: `{"MsgType": ..., "MsgContent": {...}}`.
#[derive(Debug)]
pub struct Element {
    /// `TIMTextElem`, `TIMRelayElem`, ...
    pub msg_type: &'static str,
    /// The element as JSON text (a file under `fixtures/elements/`).
    pub sample: &'static str,
}

impl Element {
    /// The element, parsed. A test checks every sample, so parsing cannot fail at run time.
    pub fn value(&self) -> Value {
        serde_json::from_str(self.sample).unwrap_or(Value::Null)
    }
}

/// Every element type, in the order of the message-format page.
pub static ELEMENTS: &[Element] = &[
    element(
        "TIMTextElem",
        include_str!("../../../fixtures/elements/text.json"),
    ),
    element(
        "TIMLocationElem",
        include_str!("../../../fixtures/elements/location.json"),
    ),
    element(
        "TIMFaceElem",
        include_str!("../../../fixtures/elements/face.json"),
    ),
    element(
        "TIMCustomElem",
        include_str!("../../../fixtures/elements/custom.json"),
    ),
    element(
        "TIMSoundElem",
        include_str!("../../../fixtures/elements/sound.json"),
    ),
    element(
        "TIMImageElem",
        include_str!("../../../fixtures/elements/image.json"),
    ),
    element(
        "TIMFileElem",
        include_str!("../../../fixtures/elements/file.json"),
    ),
    element(
        "TIMVideoFileElem",
        include_str!("../../../fixtures/elements/video-file.json"),
    ),
    element(
        "TIMRelayElem",
        include_str!("../../../fixtures/elements/relay.json"),
    ),
];

const fn element(msg_type: &'static str, sample: &'static str) -> Element {
    Element { msg_type, sample }
}

/// A `MsgBody` with every element type once (at most one `TIMCustomElem`, as IM allows).
pub fn every_element() -> Value {
    Value::Array(ELEMENTS.iter().map(Element::value).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::{MESSAGE_TYPES, message_body_problem};

    /// `docs/protocol.md` §2.10: each type's `MsgContent` fields and whether each is a string.
    const FIELDS: [(&str, &[(&str, &str)]); 9] = [
        ("TIMTextElem", &[("Text", "string")]),
        (
            "TIMLocationElem",
            &[
                ("Desc", "string"),
                ("Latitude", "number"),
                ("Longitude", "number"),
            ],
        ),
        ("TIMFaceElem", &[("Index", "number"), ("Data", "string")]),
        (
            "TIMCustomElem",
            &[
                ("Data", "string"),
                ("Desc", "string"),
                ("Ext", "string"),
                ("Sound", "string"),
            ],
        ),
        (
            "TIMSoundElem",
            &[
                ("Url", "string"),
                ("UUID", "string"),
                ("Size", "number"),
                ("Second", "number"),
                ("Download_Flag", "number"),
            ],
        ),
        (
            "TIMImageElem",
            &[
                ("UUID", "string"),
                ("ImageFormat", "number"),
                ("ImageInfoArray", "array"),
            ],
        ),
        (
            "TIMFileElem",
            &[
                ("Url", "string"),
                ("UUID", "string"),
                ("FileName", "string"),
                ("FileSize", "number"),
                ("Download_Flag", "number"),
            ],
        ),
        (
            "TIMVideoFileElem",
            &[
                ("VideoUrl", "string"),
                ("VideoUUID", "string"),
                ("VideoFormat", "string"),
                ("ThumbUrl", "string"),
                ("ThumbUUID", "string"),
                ("ThumbFormat", "string"),
                ("VideoSize", "number"),
                ("VideoSecond", "number"),
                ("VideoDownloadFlag", "number"),
                ("ThumbSize", "number"),
                ("ThumbWidth", "number"),
                ("ThumbHeight", "number"),
                ("ThumbDownloadFlag", "number"),
            ],
        ),
        (
            "TIMRelayElem",
            &[
                ("Title", "string"),
                ("CompatibleText", "string"),
                ("JsonMsgKey", "string"),
                ("MsgNum", "number"),
                ("AbstractList", "array"),
                ("MsgList", "array"),
            ],
        ),
    ];

    fn type_of(value: &Value) -> &'static str {
        match value {
            Value::String(_) => "string",
            Value::Number(_) => "number",
            Value::Array(_) => "array",
            _ => "other",
        }
    }

    #[test]
    fn one_sample_per_element_type_with_exactly_its_documented_fields() {
        let types: Vec<&str> = ELEMENTS.iter().map(|element| element.msg_type).collect();
        assert_eq!(types, MESSAGE_TYPES);
        for (element, (msg_type, fields)) in ELEMENTS.iter().zip(FIELDS) {
            assert_eq!(element.msg_type, msg_type);
            let value: Value = serde_json::from_str(element.sample).expect("sample is JSON");
            assert_eq!(value["MsgType"], msg_type);
            let content = value["MsgContent"].as_object().expect("MsgContent object");
            let mut keys: Vec<&str> = content.keys().map(String::as_str).collect();
            let mut wanted: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
            keys.sort_unstable();
            wanted.sort_unstable();
            assert_eq!(keys, wanted, "{msg_type}");
            for (name, kind) in fields {
                assert_eq!(type_of(&content[*name]), *kind, "{msg_type}.{name}");
            }
        }
    }

    #[test]
    fn the_relay_sample_forwards_valid_messages() {
        let relay = ELEMENTS.last().expect("elements").value();
        let list = relay["MsgContent"]["MsgList"].as_array().expect("MsgList");
        assert_eq!(relay["MsgContent"]["MsgNum"], list.len());
        for message in list {
            assert_eq!(message_body_problem(&message["MsgBody"]), None);
        }
    }

    #[test]
    fn every_element_is_a_valid_message_body() {
        assert_eq!(message_body_problem(&every_element()), None);
        let customs = every_element()
            .as_array()
            .expect("array")
            .iter()
            .filter(|element| element["MsgType"] == "TIMCustomElem")
            .count();
        assert_eq!(customs, 1);
    }
}
