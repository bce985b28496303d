//! What grpcb sends: the exact query, headers and body a receiver gets.

use crate::support::{Receiver, Reply, fixture_text, grpcb, run, run_cmd, send_json};
use serde_json::Value;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

#[test]
fn sends_the_query_headers_and_body_im_sends() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json("before-create", &receiver.url, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let got = receiver.single();
    assert_eq!(got.method, "POST");
    assert_eq!(got.path, "/im");
    assert_eq!(
        got.query,
        "SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeCreateGroup\
         &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
    );
    assert_eq!(
        got.header("content-type").as_deref(),
        Some("application/json")
    );
    let sample: Value =
        serde_json::from_str(&fixture_text("callbacks/before-create.json")).unwrap();
    assert_eq!(got.body_json(), sample);
    assert!(
        got.body_json()["EventTime"].is_i64(),
        "EventTime is an integer"
    );
}

#[test]
fn keeps_the_urls_own_query_and_path() {
    let receiver = Receiver::start(Reply::ok());
    let url = format!("{}/callback/im?app=chat&x=1", receiver.base);
    let run = send_json("after-create", &url, &["--sdkappid", "1400123456"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got = receiver.single();
    assert_eq!(got.path, "/callback/im");
    assert_eq!(
        got.query_pairs(),
        pairs(&[
            ("app", "chat"),
            ("x", "1"),
            ("SdkAppid", "1400123456"),
            ("CallbackCommand", "Group.CallbackAfterCreateGroup"),
            ("contenttype", "json"),
            ("ClientIP", "127.0.0.1"),
            ("OptPlatform", "RESTAPI"),
        ])
    );
}

#[test]
fn token_adds_sign_and_request_time_last() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json(
        "before-invite",
        &receiver.url,
        &[
            "--token",
            "xxxxyyyy",
            "--request-time",
            "1669872112",
            "--platform",
            "ios",
            "--client-ip",
            "10.0.0.7",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        receiver.single().query_pairs(),
        pairs(&[
            ("SdkAppid", "1400000000"),
            ("CallbackCommand", "Group.CallbackBeforeInviteJoinGroup"),
            ("contenttype", "json"),
            ("ClientIP", "10.0.0.7"),
            ("OptPlatform", "iOS"),
            (
                "Sign",
                "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
            ),
            ("RequestTime", "1669872112"),
        ])
    );
    let report = run.json();
    assert_eq!(
        report["request"]["query"]["Sign"],
        "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
    );
}

#[test]
fn platforms_are_sent_in_the_documented_spelling_given() {
    let receiver = Receiver::start(Reply::ok());
    for (given, sent, note) in [
        (
            "IOS",
            "IOS",
            Some("only State.StateChange writes iOS as IOS"),
        ),
        ("iOS", "iOS", None),
        ("ios", "iOS", None),
        (
            "macOS",
            "macOS",
            Some("macOS is the English pages' spelling"),
        ),
        (
            "MACOS",
            "macOS",
            Some("macOS is the English pages' spelling"),
        ),
        ("Mac", "Mac", None),
        ("web", "Web", None),
    ] {
        let before = receiver.received().len();
        let run = send_json("before-send", &receiver.url, &["--platform", given]);
        assert_eq!(run.code, 0, "{given}: {}", run.stderr);
        let query = receiver.received()[before].query_pairs();
        let platform = query.iter().find(|(key, _)| key == "OptPlatform").unwrap();
        assert_eq!(platform.1, sent, "{given}");
        assert_eq!(run.json()["request"]["query"]["OptPlatform"], sent);
        match note {
            Some(note) => assert!(
                run.stderr
                    .contains(&format!("note: --platform {sent} is sent as given: {note}")),
                "{given}: {}",
                run.stderr
            ),
            None => assert!(run.stderr.is_empty(), "{given}: {}", run.stderr),
        }
    }
}

#[test]
fn request_time_defaults_to_now() {
    let receiver = Receiver::start(Reply::ok());
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let run = send_json("before-create", &receiver.url, &["--token", "abc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let query = receiver.single().query_pairs();
    let time: u64 = query
        .iter()
        .find(|(k, _)| k == "RequestTime")
        .unwrap()
        .1
        .parse()
        .unwrap();
    assert!(time >= before && time <= before + 60, "{time} vs {before}");
    let sign = &query.iter().find(|(k, _)| k == "Sign").unwrap().1;
    assert_eq!(sign.len(), 64);
    assert!(
        sign.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
}

#[test]
fn environment_supplies_url_sdkappid_and_token() {
    let receiver = Receiver::start(Reply::ok());
    let run = run_cmd(
        grpcb()
            .args(["send", "before-create", "--request-time", "1669872112"])
            .env("GRPCB_URL", &receiver.url)
            .env("GRPCB_SDKAPPID", "1400999999")
            .env("GRPCB_TOKEN", "xxxxyyyy"),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let query = receiver.single().query;
    assert!(query.starts_with("SdkAppid=1400999999&"), "{query}");
    assert!(query.ends_with(
        "&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061&RequestTime=1669872112"
    ));
}

#[test]
fn extra_headers_are_sent() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json(
        "before-create",
        &receiver.url,
        &["-H", "X-Trace: abc 1", "--header", "X-Env:staging"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got = receiver.single();
    assert_eq!(got.header("x-trace").as_deref(), Some("abc 1"));
    assert_eq!(got.header("x-env").as_deref(), Some("staging"));
}

#[test]
fn bad_request_options_are_input_errors() {
    for (args, needle) in [
        (vec!["--url", "not a url"], "--url"),
        (vec!["--url", "ftp://127.0.0.1/im"], "http or https"),
        (
            vec!["--url", "http://127.0.0.1:9/im", "--platform", "BeOS"],
            "--platform",
        ),
        (
            vec!["--url", "http://127.0.0.1:9/im", "--sdkappid", "14x"],
            "--sdkappid",
        ),
        (
            vec!["--url", "http://127.0.0.1:9/im", "--client-ip", "local"],
            "--client-ip",
        ),
        (
            vec!["--url", "http://127.0.0.1:9/im", "--timeout", "soon"],
            "--timeout",
        ),
        (
            vec!["--url", "http://127.0.0.1:9/im", "-H", "NoColon"],
            "-H",
        ),
        (
            vec!["--url", "http://127.0.0.1:9/im", "--request-time", "1"],
            "--token",
        ),
    ] {
        let mut full = vec!["send", "before-create"];
        full.extend(args.iter());
        let run = run(&full);
        assert_eq!(run.code, 4, "{full:?}: {}", run.stderr);
        assert!(run.stderr.contains(needle), "{full:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn missing_url_is_a_usage_error() {
    let run = run(&["send", "before-create"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--url"), "{}", run.stderr);
}

#[test]
fn unknown_flags_are_usage_errors() {
    let run = run(&[
        "send",
        "before-create",
        "--url",
        "http://127.0.0.1:9/",
        "--bogus",
    ]);
    assert_eq!(run.code, 2);
    let run = crate::support::run(&[
        "send",
        "before-create",
        "--url",
        "http://127.0.0.1:9/",
        "--format",
        "xml",
    ]);
    // A value clap cannot use is bad input, as when grpcb finds it.
    assert_eq!(run.code, 4);
}

#[test]
fn a_header_replaces_the_default_of_the_same_name() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json(
        "before-create",
        &receiver.url,
        &["-H", "content-type: application/json; charset=utf-8"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got = receiver.single();
    let values: Vec<_> = got.headers.get_all("content-type").iter().collect();
    assert_eq!(values, ["application/json; charset=utf-8"]);
}

#[test]
fn query_edits_keep_the_urls_own_query_verbatim() {
    let receiver = Receiver::start(Reply::ok());
    let url = format!("{}?debug&b=x%20y", receiver.url);
    let run = send_json("before-create", &url, &["--query", "OptPlatform=IOS"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        receiver.single().query,
        "debug&b=x%20y&SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeCreateGroup\
         &contenttype=json&ClientIP=127.0.0.1&OptPlatform=IOS"
    );
}
