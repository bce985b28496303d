use super::*;
use crate::catalog::model::{self, ProblemKind};
use crate::catalog::{CALLBACKS, find, values};
use crate::inspect::{self, Auth};
use crate::query::{self, Caller};
use std::collections::BTreeSet;

fn callback(alias: &str) -> &'static Callback {
    find(alias).expect("in the catalog")
}

/// What `grpcb serve` would make of the case: the query IM appends, the body as sent.
fn inspected(callback: &Callback, case: &Case) -> inspect::Inspection {
    let caller = Caller {
        sdkappid: query::DEFAULT_SDKAPPID,
        client_ip: "127.0.0.1",
        platform: case.platform.unwrap_or("RESTAPI"),
    };
    let pairs: Vec<(String, String)> = query::appended(callback, &caller)
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect();
    let bytes = serde_json::to_vec(&case.body).expect("JSON");
    inspect::inspect(&Auth::default(), &pairs, &bytes, 0)
}

#[test]
fn every_case_is_a_body_im_could_send() {
    for callback in CALLBACKS {
        for seed in [0, 42, u64::MAX] {
            for n in 0..12 {
                let case = case(callback, seed, n);
                let what = format!("{} seed {seed} case {n}", callback.alias);
                for problem in model::check(callback.body, callback.constraints, &case.body) {
                    assert!(
                        matches!(
                            problem.kind,
                            ProblemKind::NumericString | ProblemKind::MissingNewer
                        ),
                        "{what}: {problem:?}\n{}",
                        case.body
                    );
                }
                assert_eq!(
                    model::undescribed(callback.body, &case.body),
                    Vec::<String>::new(),
                    "{what}"
                );
                assert!(shrink::is_valid(callback, &case.body), "{what}");
                assert!(
                    callback
                        .commands_in(&case.body)
                        .iter()
                        .all(|command| *command == Some(callback.command)),
                    "{what}"
                );
                let inspection = inspected(callback, &case);
                assert_eq!(inspection.rejection(), None, "{what}\n{}", case.body);
                assert_eq!(case.platform.is_some(), callback.query.has_platform());
            }
        }
    }
}

#[test]
fn a_seed_gives_the_same_cases_and_another_seed_others() {
    for callback in CALLBACKS.iter().take(10) {
        for n in 0..6 {
            let one = case(callback, 7, n);
            let again = case(callback, 7, n);
            assert_eq!(one.body, again.body, "{}", callback.alias);
            assert_eq!(one.platform, again.platform);
            assert_eq!(
                serde_json::to_string(&one.body).ok(),
                serde_json::to_string(&again.body).ok(),
                "the same key order too"
            );
        }
    }
    let differ = (0..8).any(|n| {
        let a = case(callback("before-create"), 1, n).body;
        a != case(callback("before-create"), 2, n).body
    });
    assert!(differ);
}

/// The documented values a body carries, by enumeration.
fn used(fields: &[FieldSpec], value: &Value, out: &mut BTreeSet<(&'static str, String)>) {
    for spec in fields {
        if let Some(value) = value.get(spec.name) {
            used_in(&spec.ty, value, out);
        }
    }
}

fn used_in(ty: &Type, value: &Value, out: &mut BTreeSet<(&'static str, String)>) {
    match ty {
        Type::String {
            values: Some(values),
            ..
        }
        | Type::Integer {
            values: Some(values),
            ..
        } => {
            out.insert((values.name, value.to_string()));
        }
        Type::Object(fields) => used(fields, value, out),
        Type::Array { items, .. } => {
            for item in value.as_array().into_iter().flatten() {
                used_in(items, item, out);
            }
        }
        Type::MsgBody => {
            for element in value.as_array().into_iter().flatten() {
                out.insert((elements::MSG_TYPE.name, element["MsgType"].to_string()));
                if let Some(known) = element["MsgType"].as_str().and_then(elements::of_type) {
                    used(known.content, &element["MsgContent"], out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn cases_cover_every_documented_value_element_type_and_platform() {
    for callback in CALLBACKS {
        let mut seen = BTreeSet::new();
        let mut platforms = BTreeSet::new();
        for n in 0..80 {
            let case = case(callback, 9, n);
            used(callback.body, &case.body, &mut seen);
            platforms.extend(case.platform);
        }
        for values in model::enumerations(callback.body) {
            for choice in values.values {
                let value = choice.value.to_json().to_string();
                assert!(
                    seen.contains(&(values.name, value.clone())),
                    "{}: {} {value} never sent",
                    callback.alias,
                    values.name
                );
            }
        }
        if callback
            .body
            .iter()
            .any(|spec| matches!(spec.ty, Type::MsgBody))
        {
            for element in elements::ELEMENTS {
                let sent = (elements::MSG_TYPE.name, format!("\"{}\"", element.msg_type));
                assert!(
                    seen.contains(&sent),
                    "{}: {}",
                    callback.alias,
                    element.msg_type
                );
            }
        }
        let expected: BTreeSet<&str> = callback.query.platforms().into_iter().collect();
        assert_eq!(platforms, expected, "{}", callback.alias);
    }
}

#[test]
fn platforms_follow_each_shape_s_spelling() {
    let full = callback("before-create").query.platforms();
    assert!(full.contains(&"iOS") && full.contains(&"macOS") && !full.contains(&"IOS"));
    let state = callback("state-change").query.platforms();
    assert!(state.contains(&"IOS") && !state.contains(&"iOS"));
    assert!(callback("member-state").query.platforms().is_empty());
    assert_eq!(
        full.len() + 1,
        values::OPT_PLATFORM.values.len(),
        "every spelling but IOS"
    );
}

#[test]
fn the_corner_cases_reach_the_limits() {
    let invite = callback("before-invite");
    assert_eq!(
        case(invite, 1, 1).body["DestinationMembers"]
            .as_array()
            .map(Vec::len),
        Some(limits::USER_LIST)
    );
    assert_eq!(case(invite, 1, 2).body["DestinationMembers"], json!([]));

    let send = callback("before-send");
    let largest = case(send, 1, 1);
    assert_eq!(largest.style.size, Size::Largest);
    let message = &largest.body["MsgBody"];
    let types: BTreeSet<&str> = message
        .as_array()
        .expect("MsgBody")
        .iter()
        .filter_map(|element| element["MsgType"].as_str())
        .collect();
    assert_eq!(types.len(), elements::ELEMENTS.len(), "{message}");
    let bytes = string_bytes(message);
    assert!(
        (limits::MESSAGE_BYTES - 1024..=limits::MESSAGE_BYTES).contains(&bytes),
        "{bytes}"
    );
    assert!(
        largest.body["EventTime"].is_string(),
        "group pages print it so"
    );
    assert!(
        message.to_string().contains('🏔') || message.to_string().contains("\\u"),
        "hard Unicode in the largest case"
    );

    let c2c = case(callback("c2c-before-send"), 1, 1);
    assert!(
        !c2c.body["EventTime"].is_string(),
        "no C2C page prints a string"
    );

    let push = case(callback("push-offline"), 1, 1);
    assert_eq!(push.body["Events"].as_array().map(Vec::len), Some(100));
    let smallest = case(callback("push-offline"), 1, 2);
    assert_eq!(smallest.body["Events"].as_array().map(Vec::len), Some(1));
}

#[test]
fn at_most_one_custom_element_per_message() {
    for n in 0..200 {
        let body = case(callback("c2c-before-send"), 5, n).body;
        let customs = body["MsgBody"]
            .as_array()
            .expect("MsgBody")
            .iter()
            .filter(|element| element["MsgType"] == elements::AT_MOST_ONCE)
            .count();
        assert!(customs <= 1, "case {n}");
    }
}

/// Shrinks greedily as a fuzzer does: the first edit that still fails, until none does.
fn shrunk(callback: &Callback, mut body: Value, fails: impl Fn(&Value) -> bool) -> Value {
    loop {
        let smaller = shrink::edits(callback, &body)
            .into_iter()
            .filter_map(|edit| edit.apply(&body))
            .find(|candidate| shrink::is_valid(callback, candidate) && fails(candidate));
        match smaller {
            Some(smaller) => body = smaller,
            None => return body,
        }
    }
}

#[test]
fn a_failing_body_shrinks_to_what_fails() {
    let send = callback("before-send");
    let body = case(send, 3, 1).body;
    let relays = |body: &Value| body.to_string().contains("TIMRelayElem");
    let small = shrunk(send, body, relays);
    assert!(shrink::is_valid(send, &small));
    let message = small["MsgBody"].as_array().expect("MsgBody");
    assert_eq!(message.len(), 1, "{small}");
    assert_eq!(message[0]["MsgType"], "TIMRelayElem");
    assert_eq!(message[0]["MsgContent"]["MsgList"], json!([]));
    for spec in send.body {
        assert_eq!(
            small.get(spec.name).is_some(),
            spec.presence.is_required(),
            "{}: only required fields are left\n{small}",
            spec.name
        );
    }

    let invite = callback("before-invite");
    let over_100 = |body: &Value| {
        body["DestinationMembers"]
            .as_array()
            .is_some_and(|list| list.len() > 100)
    };
    let small = shrunk(invite, case(invite, 3, 1).body, over_100);
    assert_eq!(
        small["DestinationMembers"].as_array().map(Vec::len),
        Some(101)
    );
    assert!(shrink::is_valid(invite, &small));
}
