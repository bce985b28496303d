//! Every message element type a `MsgBody` can hold (`docs/protocol.md` §2.10): its
//! `MsgContent` fields as data, and one sample from `fixtures/elements/`. Anything that needs
//! realistic message bodies (a receiver's tests, an audit, a fuzzer) can draw from here.

use super::model::{
    Enumeration, FieldSpec, IntFormat, Problem, ProblemKind, StrFormat, Type, array, choice, code,
    field, int_of, integer, string,
};
use serde_json::Value;

/// One message element: `{"MsgType": ..., "MsgContent": {...}}`.
#[derive(Debug)]
pub struct Element {
    /// `TIMTextElem`, `TIMRelayElem`, ...
    pub msg_type: &'static str,
    /// The element as JSON text (a file under `fixtures/elements/`).
    pub sample: &'static str,
    /// The fields of its `MsgContent`.
    pub content: &'static [FieldSpec],
}

impl Element {
    /// The element, parsed. A test checks every sample, so parsing cannot fail at run time.
    pub fn value(&self) -> Value {
        serde_json::from_str(self.sample).unwrap_or(Value::Null)
    }
}

/// The element type a message holds at most once (§2.10).
pub const AT_MOST_ONCE: &str = "TIMCustomElem";

/// The element types, as an enumeration of `MsgType`.
pub const MSG_TYPE: Enumeration = Enumeration {
    name: "msg-type",
    section: "§2.10",
    values: &[
        choice("TIMTextElem", "text"),
        choice("TIMLocationElem", "location"),
        choice("TIMFaceElem", "emoji"),
        choice("TIMCustomElem", "custom (at most one per message)"),
        choice("TIMSoundElem", "voice"),
        choice("TIMImageElem", "image"),
        choice("TIMFileElem", "file"),
        choice("TIMVideoFileElem", "video"),
        choice("TIMRelayElem", "forwarded chat history"),
    ],
    prefix: None,
};

const IMAGE_FORMAT: Enumeration = Enumeration {
    name: "image-format",
    section: "§2.10",
    values: &[
        code(1, "JPG"),
        code(2, "GIF"),
        code(3, "PNG"),
        code(4, "BMP"),
        code(255, "other"),
    ],
    prefix: None,
};

const IMAGE_TYPE: Enumeration = Enumeration {
    name: "image-type",
    section: "§2.10",
    values: &[code(1, "original"), code(2, "large"), code(3, "thumbnail")],
    prefix: None,
};

const DOWNLOAD_FLAG: Enumeration = Enumeration {
    name: "download-flag",
    section: "§2.10",
    values: &[code(2, "downloadable by URL")],
    prefix: None,
};

const TEXT: Type = string(StrFormat::Text);
const URL: Type = string(StrFormat::Url);
const OPAQUE: Type = string(StrFormat::Opaque);
const SIZE: Type = integer(IntFormat::Count);

/// A message in a forwarded history (`TIMRelayElem.MsgList`): the docs only say "messages";
/// the sample gives them a group history message's fields.
static RELAYED: &[FieldSpec] = &[
    field("From_Account", string(StrFormat::UserId), "sender"),
    field(
        "GroupId",
        string(StrFormat::GroupId),
        "group of the message",
    )
    .when("a group message"),
    field("MsgSeq", integer(IntFormat::U32), "sequence"),
    field("MsgRandom", integer(IntFormat::U32), "random"),
    field("MsgTimeStamp", integer(IntFormat::Seconds), "send time"),
    field("MsgBody", Type::MsgBody, "content"),
];

/// Every element type, in the order of the message-format page.
pub static ELEMENTS: &[Element] = &[
    Element {
        msg_type: "TIMTextElem",
        sample: include_str!("../../../fixtures/elements/text.json"),
        content: &[field("Text", TEXT, "the text")],
    },
    Element {
        msg_type: "TIMLocationElem",
        sample: include_str!("../../../fixtures/elements/location.json"),
        content: &[
            field("Desc", TEXT, "place description"),
            field("Latitude", Type::Number, "latitude"),
            field("Longitude", Type::Number, "longitude"),
        ],
    },
    Element {
        msg_type: "TIMFaceElem",
        sample: include_str!("../../../fixtures/elements/face.json"),
        content: &[
            field("Index", integer(IntFormat::Count), "emoji index"),
            field("Data", TEXT, "extra data"),
        ],
    },
    Element {
        msg_type: "TIMCustomElem",
        sample: include_str!("../../../fixtures/elements/custom.json"),
        content: &[
            field(
                "Data",
                string(StrFormat::Json),
                "custom data, often JSON text",
            ),
            field("Desc", TEXT, "description (offline push text)"),
            field("Ext", TEXT, "extension (offline push)"),
            field("Sound", TEXT, "offline push sound"),
        ],
    },
    Element {
        msg_type: "TIMSoundElem",
        sample: include_str!("../../../fixtures/elements/sound.json"),
        content: &[
            field("Url", URL, "download URL"),
            field("UUID", OPAQUE, "file ID"),
            field("Size", SIZE, "bytes"),
            field("Second", SIZE, "duration, seconds"),
            field("Download_Flag", int_of(&DOWNLOAD_FLAG), "download flag"),
        ],
    },
    Element {
        msg_type: "TIMImageElem",
        sample: include_str!("../../../fixtures/elements/image.json"),
        content: &[
            field("UUID", OPAQUE, "image ID"),
            field("ImageFormat", int_of(&IMAGE_FORMAT), "format"),
            field(
                "ImageInfoArray",
                array(&Type::Object(&[
                    field("Type", int_of(&IMAGE_TYPE), "which size"),
                    field("Size", SIZE, "bytes"),
                    field("Width", SIZE, "pixels"),
                    field("Height", SIZE, "pixels"),
                    field("URL", URL, "download URL"),
                ])),
                "the original, large and thumbnail images",
            ),
        ],
    },
    Element {
        msg_type: "TIMFileElem",
        sample: include_str!("../../../fixtures/elements/file.json"),
        content: &[
            field("Url", URL, "download URL"),
            field("UUID", OPAQUE, "file ID"),
            field("FileName", TEXT, "file name"),
            field("FileSize", SIZE, "bytes"),
            field("Download_Flag", int_of(&DOWNLOAD_FLAG), "download flag"),
        ],
    },
    Element {
        msg_type: "TIMVideoFileElem",
        sample: include_str!("../../../fixtures/elements/video-file.json"),
        content: &[
            field("VideoUrl", URL, "video URL"),
            field("VideoUUID", OPAQUE, "video ID"),
            field("VideoSize", SIZE, "bytes"),
            field("VideoSecond", SIZE, "duration, seconds"),
            field("VideoFormat", TEXT, "container, e.g. mp4"),
            field("VideoDownloadFlag", int_of(&DOWNLOAD_FLAG), "download flag"),
            field("ThumbUrl", URL, "thumbnail URL"),
            field("ThumbUUID", OPAQUE, "thumbnail ID"),
            field("ThumbSize", SIZE, "bytes"),
            field("ThumbWidth", SIZE, "pixels"),
            field("ThumbHeight", SIZE, "pixels"),
            field("ThumbFormat", TEXT, "thumbnail format, e.g. JPG"),
            field("ThumbDownloadFlag", int_of(&DOWNLOAD_FLAG), "download flag"),
        ],
    },
    Element {
        msg_type: "TIMRelayElem",
        sample: include_str!("../../../fixtures/elements/relay.json"),
        content: &[
            field("Title", TEXT, "title"),
            field("MsgNum", SIZE, "how many messages"),
            field(
                "CompatibleText",
                TEXT,
                "text for clients that cannot show it",
            ),
            field("AbstractList", array(&TEXT), "summary lines"),
            field(
                "MsgList",
                array(&Type::Object(RELAYED)),
                "the forwarded messages",
            ),
            field("JsonMsgKey", TEXT, "key of the history's JSON"),
        ],
    },
];

/// The element of a `MsgType`.
pub fn of_type(msg_type: &str) -> Option<&'static Element> {
    ELEMENTS.iter().find(|element| element.msg_type == msg_type)
}

/// A `MsgBody` with every element type once (at most one `TIMCustomElem`, as IM allows).
pub fn every_element() -> Value {
    Value::Array(ELEMENTS.iter().map(Element::value).collect())
}

/// What does not fit in a message body at `path` (an array, checked by the caller): each
/// element needs a `MsgType` string and a `MsgContent` object, and a known type's content
/// is checked against its fields. Every problem is an [`ProblemKind::Element`]: IM
/// delivers what clients send, so a receiver notes an odd element and goes on.
pub fn check_message(body: &Value, path: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    for (index, element) in body.as_array().into_iter().flatten().enumerate() {
        let at = format!("{path}.{index}");
        let problem = |path: String, why: String| Problem {
            path,
            kind: ProblemKind::Element(why),
        };
        let Some(msg_type) = element.get("MsgType").and_then(Value::as_str) else {
            out.push(problem(at, "an element has no MsgType string".into()));
            continue;
        };
        let Some(known) = of_type(msg_type) else {
            out.push(problem(
                format!("{at}.MsgType"),
                format!("MsgType `{msg_type}` is not a documented element type"),
            ));
            continue;
        };
        let content = element.get("MsgContent");
        if !content.is_some_and(Value::is_object) {
            out.push(problem(
                format!("{at}.MsgContent"),
                format!("a {msg_type} has no MsgContent object"),
            ));
            continue;
        }
        let prefix = format!("{at}.MsgContent");
        let inner =
            super::model::check_fields(known.content, content.unwrap_or(&Value::Null), &prefix);
        for found in inner {
            let why = match &found.kind {
                ProblemKind::Missing => format!("a {msg_type} lacks {}", found.path),
                ProblemKind::WrongType { want, got } => {
                    format!("{} is {got}; a {msg_type}'s is {want}", found.path)
                }
                ProblemKind::Element(why) => why.clone(),
                other => format!("{}: {other:?}", found.path),
            };
            out.push(problem(found.path, why));
        }
    }
    out
}

/// The paths of fields an element has that its type does not describe.
pub(crate) fn undescribed_element(element: &Value, path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(object) = element.as_object() else {
        return out;
    };
    for key in object
        .keys()
        .filter(|key| *key != "MsgType" && *key != "MsgContent")
    {
        out.push(format!("{path}.{key}"));
    }
    let known = element
        .get("MsgType")
        .and_then(Value::as_str)
        .and_then(of_type);
    if let (Some(known), Some(content)) = (known, element.get("MsgContent")) {
        super::model::undescribed_object(
            known.content,
            content,
            &format!("{path}.MsgContent"),
            &mut out,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::{check, undescribed};
    use crate::verdict::{MESSAGE_TYPES, message_body_problem};
    use serde_json::json;

    #[test]
    fn one_sample_per_element_type_with_exactly_its_documented_fields() {
        let types: Vec<&str> = ELEMENTS.iter().map(|element| element.msg_type).collect();
        assert_eq!(types, MESSAGE_TYPES);
        let listed: Vec<Value> = MSG_TYPE.values.iter().map(|c| c.value.to_json()).collect();
        assert_eq!(listed, types);
        let body = &[field("MsgBody", Type::MsgBody, "")];
        for element in ELEMENTS {
            let value: Value = serde_json::from_str(element.sample).expect("sample is JSON");
            assert_eq!(value["MsgType"], element.msg_type);
            let message = json!({ "MsgBody": [value] });
            assert_eq!(check(body, &[], &message), [], "{}", element.msg_type);
            assert_eq!(
                undescribed(body, &message),
                Vec::<String>::new(),
                "{}",
                element.msg_type
            );
            let keys = value["MsgContent"].as_object().expect("object").len();
            assert_eq!(keys, element.content.len(), "{}", element.msg_type);
        }
    }

    #[test]
    fn odd_elements_are_element_problems() {
        let body = json!([
            {"MsgType": "TIMTextElem", "MsgContent": {"Text": 1}},
            {"MsgType": "TIMFaceElem", "MsgContent": {"Index": 1}},
            {"MsgType": "TIMMarkdownElem", "MsgContent": {}},
            {"MsgContent": {}},
        ]);
        let problems = check_message(&body, "MsgBody");
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "MsgBody.0.MsgContent.Text",
                "MsgBody.1.MsgContent.Data",
                "MsgBody.2.MsgType",
                "MsgBody.3"
            ]
        );
        assert!(problems.iter().all(Problem::is_tolerable));
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
