use super::*;
use crate::catalog::find;

fn defs(document: &Value) -> &Map<String, Value> {
    document["$defs"].as_object().expect("$defs")
}

#[test]
fn one_body_and_one_answer_per_callback_named_after_its_command() {
    let bodies = bodies();
    let answers = answers();
    for callback in CALLBACKS {
        let body = &defs(&bodies)[&body_name(callback)];
        assert_eq!(body["title"], body_name(callback).as_str());
        assert!(!body_name(callback).contains('.'), "{}", callback.alias);
        assert!(defs(&answers).contains_key(&answer_name(callback)));
    }
    let shared = ["MsgBody", "MsgElement"].len() + ELEMENTS.len();
    assert_eq!(defs(&bodies).len(), CALLBACKS.len() + shared);
}

#[test]
fn required_is_what_im_always_sends_and_bodies_stay_open() {
    for callback in CALLBACKS {
        let schema = body(callback);
        let required: Vec<&str> = callback
            .body
            .iter()
            .filter(|spec| spec.presence.is_required())
            .map(|spec| spec.name)
            .collect();
        let listed: Vec<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(listed, required, "{}", callback.alias);
        assert_eq!(schema["additionalProperties"], true, "{}", callback.alias);
        assert_eq!(answer(callback)["additionalProperties"], false);
    }
}

#[test]
fn the_command_is_a_const_and_event_time_may_be_a_numeric_string() {
    let schema = body(find("before-create").expect("known"));
    let command = &schema["properties"]["CallbackCommand"];
    assert_eq!(command["const"], "Group.CallbackBeforeCreateGroup");
    let time = &schema["properties"]["EventTime"];
    assert_eq!(time["anyOf"][0]["format"], "int64");
    assert_eq!(time["anyOf"][1]["pattern"], "^[0-9]+$");
    assert_eq!(schema["properties"]["CreatedNum"]["deprecated"], true);
    assert!(
        schema.get("$defs").is_none(),
        "no message, no message definitions"
    );
    let push = body(find("push-offline").expect("known"));
    let event = &push["properties"]["Events"]["items"]["properties"]["CallbackCommand"];
    assert_eq!(event["const"], "Push.OfflinePush");
}

#[test]
fn error_codes_are_the_documented_ones() {
    let codes =
        |alias: &str| answer(find(alias).expect("known"))["properties"]["ErrorCode"].clone();
    let c2c = codes("c2c-before-send");
    assert_eq!(c2c["anyOf"][3]["minimum"], 120_001);
    assert_eq!(c2c["anyOf"][3]["maximum"], 130_000);
    assert_eq!(
        codes("after-create")["anyOf"],
        json!([{ "const": 0, "description": "fill 0: IM ignores the answer" }])
    );
    assert_eq!(
        codes("sns-prev-friend-add")["anyOf"][1]["not"],
        json!({ "enum": [0] })
    );
}

#[test]
fn the_openapi_components_are_the_json_schema_definitions() {
    let callbacks: Vec<&Callback> = CALLBACKS.iter().collect();
    let document = openapi::document(&callbacks, "0.0.0");
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("schemas");
    let as_defs = |value: &Value| {
        serde_json::from_str::<Value>(
            &value
                .to_string()
                .replace("#/components/schemas/", "#/$defs/"),
        )
        .expect("JSON")
    };
    for (name, schema) in defs(&bodies()).iter().chain(defs(&answers())) {
        assert_eq!(&as_defs(&schemas[name]), schema, "{name}");
    }
    assert_eq!(
        document["webhooks"].as_object().expect("webhooks").len(),
        57
    );
}

#[test]
fn each_webhook_has_its_query_shape() {
    let names = |alias: &str| -> Vec<String> {
        let callback = find(alias).expect("known");
        let document = openapi::document(&[callback], "0.0.0");
        document["webhooks"][callback.command]["post"]["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .map(|param| match param.get("$ref").and_then(Value::as_str) {
                Some(target) => target.rsplit('/').next().unwrap_or("").to_string(),
                None => param["name"].as_str().unwrap_or("").to_string(),
            })
            .collect()
    };
    let signed = ["Sign", "RequestTime", "RequestID"];
    let full = [
        "SdkAppid",
        "CallbackCommand",
        "contenttype",
        "ClientIP",
        "OptPlatform",
    ];
    assert_eq!(names("before-create"), [&full[..], &signed].concat());
    let alert = ["SdkAppid", "CallbackCommand", "OptPlatform", "contenttype"];
    assert_eq!(
        names("alert-request-over-limit"),
        [&alert[..], &signed].concat()
    );
    let short = ["SdkAppid", "CallbackCommand", "contenttype"];
    assert_eq!(names("push-offline"), [&short[..], &signed].concat());
}
