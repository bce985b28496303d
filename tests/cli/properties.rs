//! Property tests: the verdict never panics and always classifies, for every callback, on
//! arbitrary bytes, arbitrary JSON, and arbitrary answer-shaped objects.
//! Runs CASES cases per property (3 properties).

use grpcb_contract::catalog::{AnswerSemantics, CALLBACKS, Callback, Refuse};
use grpcb_contract::exchange::Response as Answer;
use grpcb_contract::verdict::{
    Decision, Expectations, Outcome, Severity, Verdict, judge, possible_decisions,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use std::time::Duration;

const CASES: u32 = 4096;

fn answer(status: u16, body: Vec<u8>) -> Answer {
    Answer {
        status,
        reason: None,
        headers: vec![],
        body,
        too_large: false,
        latency: Duration::from_millis(3),
    }
}

/// What must hold for any answer that arrived.
fn classifies(
    callback: &Callback,
    status: u16,
    strict: bool,
    verdict: &Verdict,
) -> Result<(), TestCaseError> {
    prop_assert_ne!(verdict.outcome, Outcome::Error, "an answer arrived");
    let any = |severity| {
        verdict
            .findings
            .iter()
            .any(|finding| finding.severity == severity)
    };
    let broken = any(Severity::Error) || (strict && any(Severity::Warning));
    prop_assert_eq!(verdict.outcome == Outcome::Fail, broken);
    prop_assert!(!verdict.meaning.is_empty());
    let mut allowed = possible_decisions(callback);
    if callback.kind().decides() {
        allowed.push(Decision::Fallback);
    } else {
        prop_assert_eq!(verdict.decision, Decision::Ignored);
    }
    prop_assert!(
        allowed.contains(&verdict.decision),
        "{:?} for {}",
        verdict.decision,
        callback.alias
    );
    if status != 200 {
        prop_assert_eq!(verdict.outcome, Outcome::Fail);
        prop_assert!(matches!(
            verdict.decision,
            Decision::Fallback | Decision::Ignored
        ));
    }
    for finding in &verdict.findings {
        prop_assert!(!finding.message.is_empty() && !finding.fix.is_empty());
    }
    Ok(())
}

/// Whether `code` has a documented meaning on `callback` (`docs/protocol.md` §2.6): 0 and 1,
/// 2 where it drops, the family's custom range; on the Sns before-callbacks any non-zero code
/// says the receiver failed and IM lets the request through.
fn meaningful(callback: &Callback, code: i64) -> bool {
    let AnswerSemantics::Decides(decides) = &callback.answer else {
        return code == 0;
    };
    let per_user = matches!(
        decides.refusal.as_ref().map(|refusal| &refusal.how),
        Some(Refuse::PerUser { .. })
    );
    per_user
        || code == 0
        || code == 1
        || (code == 2 && decides.can_drop)
        || decides
            .custom
            .as_ref()
            .is_some_and(|range| range.contains(&code))
}

fn any_callback() -> impl Strategy<Value = &'static Callback> {
    (0..CALLBACKS.len()).prop_map(|index| &CALLBACKS[index])
}

fn any_status() -> impl Strategy<Value = u16> {
    prop_oneof![8 => Just(200u16), 1 => 100u16..600]
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((".{0,8}", inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Objects that look like answers: the known fields with plausible and implausible values.
fn any_answer_object() -> impl Strategy<Value = Value> {
    let status = prop_oneof![
        Just(json!("OK")),
        Just(json!("FAIL")),
        Just(json!("ok")),
        any_json()
    ];
    let code = prop_oneof![
        prop::sample::select(vec![
            0i64, 1, 2, 3, -1, 10016, 10099, 10100, 10150, 10200, 10201
        ])
        .prop_map(|n| json!(n)),
        any_json(),
    ];
    let info = prop_oneof![Just(json!("")), Just(json!("reason")), any_json()];
    let refused = prop_oneof![
        Just(json!(["jared"])),
        Just(json!(["jared", "tommy"])),
        Just(json!(["nobody", 7])),
        any_json(),
    ];
    let msg_body = prop_oneof![
        Just(json!([{ "MsgType": "TIMTextElem", "MsgContent": { "Text": "x" } }])),
        Just(json!([])),
        any_json(),
    ];
    let optional = |strategy: BoxedStrategy<Value>| prop::option::weighted(0.7, strategy);
    (
        optional(status.boxed()),
        optional(code.boxed()),
        optional(info.boxed()),
        prop::option::weighted(0.3, refused),
        prop::option::weighted(0.3, msg_body),
        prop::option::weighted(0.2, any_json()),
        prop::option::weighted(0.2, any_json()),
    )
        .prop_map(|(status, code, info, refused, msg_body, custom, extra)| {
            let mut object = Map::new();
            let fields = [
                ("ActionStatus", status),
                ("ErrorCode", code),
                ("ErrorInfo", info),
                ("RefusedMembers_Account", refused),
                ("MsgBody", msg_body),
                ("CloudCustomData", custom),
                ("Extra", extra),
            ];
            for (name, value) in fields {
                if let Some(value) = value {
                    object.insert(name.to_string(), value);
                }
            }
            Value::Object(object)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn arbitrary_bytes_always_classify(callback in any_callback(), status in any_status(), body in prop::collection::vec(any::<u8>(), 0..512)) {
        let verdict = judge(callback, &callback.sample_body(), &Ok(answer(status, body)), &Expectations::default());
        classifies(callback, status, false, &verdict)?;
    }

    #[test]
    fn arbitrary_json_always_classifies(callback in any_callback(), status in any_status(), body in any_json()) {
        let bytes = serde_json::to_vec(&body).unwrap();
        let verdict = judge(callback, &callback.sample_body(), &Ok(answer(status, bytes)), &Expectations::default());
        classifies(callback, status, false, &verdict)?;
    }

    #[test]
    fn answer_shaped_objects_always_classify(callback in any_callback(), body in any_answer_object(), strict in any::<bool>()) {
        let bytes = serde_json::to_vec(&body).unwrap();
        let expect = Expectations { strict, ..Expectations::default() };
        let verdict = judge(callback, &callback.sample_body(), &Ok(answer(200, bytes)), &expect);
        classifies(callback, 200, strict, &verdict)?;
        // A passing before-callback answer carries a code that means something for it.
        if verdict.outcome == Outcome::Pass && callback.kind().decides() {
            let code = body["ErrorCode"].as_i64();
            prop_assert!(code.is_some_and(|code| meaningful(callback, code)), "{body}");
        }
    }
}
