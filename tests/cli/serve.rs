//! `grpcb serve` driven by the real `grpcb send` (dogfood) and by raw, malformed HTTP.

use crate::support::{
    Receiver, Reply, Run, Serve, callbacks, fixture, grpcb, run, run_cmd, send_json, tempdir,
};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use strum::VariantArray;

const TOKEN: &str = "serve-test-token";
const SDKAPPID: &str = "1400000000";

/// `grpcb serve` checking SdkAppid and Sign, plus `extra`.
fn signed_serve(extra: &[&str]) -> Serve {
    let mut args = vec!["--sdkappid", SDKAPPID, "--token", TOKEN];
    args.extend_from_slice(extra);
    Serve::start(&args)
}

/// `grpcb send CALLBACK --url <serve>/im --token TOKEN --format json EXTRA...`.
fn send_signed(serve: &Serve, callback: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--token", TOKEN];
    args.extend_from_slice(extra);
    send_json(callback, &format!("{}im", serve.url), &args)
}

/// The `ErrorInfo` the server answered, from a `send --format json` report.
fn error_info(run: &Run) -> String {
    run.json()["response"]["body"]["ErrorInfo"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn every_callback_grpcb_sends_is_accepted() {
    let serve = signed_serve(&[]);
    let known = callbacks();
    for (alias, kind) in &known {
        let decides = kind == "before" || kind == "reply";
        let expect = if decides { "allow" } else { "ignored" };
        let run = send_signed(&serve, alias, &["--expect", expect, "--strict"]);
        assert_eq!(run.code, 0, "{alias}: {}", run.stdout);
    }
    let lines = serve.wait_for_lines(1 + known.len());
    for ((alias, kind), line) in known.iter().zip(&lines[1..]) {
        let decision = if kind == "before" || kind == "reply" {
            "allow"
        } else {
            "ignored"
        };
        assert!(
            line.contains(&format!(" {alias} -> 200 {decision}")),
            "{line}"
        );
    }
}

#[test]
fn a_careful_receiver_rejects_and_says_why() {
    let serve = signed_serve(&[]);
    let cases: Vec<(Run, &str)> = vec![
        (
            send_json("before-create", &serve.url, &["--token", "not-the-token"]),
            "Sign does not match",
        ),
        (
            send_signed(&serve, "before-create", &["--request-time", "1000"]),
            "RequestTime 1000 is",
        ),
        (
            send_json("before-create", &serve.url, &[]),
            "Sign is missing from the query",
        ),
        (
            send_signed(&serve, "before-create", &["--sdkappid", "1400000001"]),
            "SdkAppid 1400000001 is not this app's SDKAppID",
        ),
        (
            send_signed(
                &serve,
                "before-create",
                &["--set", "CallbackCommand=Group.CallbackAfterCreateGroup"],
            ),
            "CallbackCommand is `Group.CallbackBeforeCreateGroup` in the query but `Group.CallbackAfterCreateGroup` in the body",
        ),
        (
            send_signed(&serve, "before-create", &["--set", "Name=5"]),
            "Name is an integer; IM sends a string",
        ),
        (
            send_signed(
                &serve,
                "before-create",
                &["--fixture", &without_field("before-create", "Name")],
            ),
            "before-create has no Name",
        ),
    ];
    for (run, reason) in &cases {
        let answer = &run.json()["response"]["body"];
        assert_eq!(run.json()["response"]["status"], 200);
        assert_eq!(answer["ActionStatus"], "FAIL", "{reason}");
        assert_eq!(answer["ErrorCode"], 1, "{reason}");
        assert!(error_info(run).contains(reason), "{reason}: {answer}");
    }
    // Documented variants are accepted: a numeric-string EventTime, `IOS` from State.FutureChange.
    let run = send_signed(
        &serve,
        "before-create",
        &["--set", "EventTime=\"1670574414123\"", "--expect", "allow"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let lines = serve.wait_for_lines(1 + cases.len() + 1);
    assert!(
        lines[cases.len() + 1].contains("note: EventTime is a numeric string"),
        "{lines:?}"
    );
}

/// A fixture of the callback's sample without one field.
fn without_field(alias: &str, field: &str) -> String {
    let mut body: Value = run(&["example", alias]).json();
    body.as_object_mut().expect("object").remove(field);
    let path = tempdir().join(format!("{alias}-without-{field}.json"));
    std::fs::write(&path, body.to_string()).expect("write fixture");
    path.display().to_string()
}

/// An HTTP/1.1 request as bytes, closing the connection after the answer.
fn http(method: &str, target: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// The JSON body of a raw HTTP answer.
fn body_of(answer: &str) -> Value {
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    serde_json::from_str(body).unwrap_or_else(|err| panic!("{err}: {answer}"))
}

#[test]
fn garbage_gets_clear_answers_and_the_server_keeps_serving() {
    let serve = Serve::start(&["--sdkappid", SDKAPPID]);
    let query = "SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeCreateGroup&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
    let target = format!("/im?{query}");

    // Not HTTP at all: the server answers 400 or closes, and lives on.
    let answer = serve.raw(b"\x00\x01\x02 hello there\r\n\r\n");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 400"),
        "{answer}"
    );

    let answer = serve.raw(&http("GET", &target, b""));
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("allow: post"),
        "{answer}"
    );
    assert_eq!(body_of(&answer)["ActionStatus"], "FAIL");

    let huge = vec![b' '; 2 << 20];
    let answer = serve.raw(&http("POST", &target, &huge));
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        body_of(&answer)["ErrorInfo"]
            .as_str()
            .unwrap_or_default()
            .contains("over 1 MiB")
    );

    for (body, reason) in [
        (&b"<html>hi</html>"[..], "the body is not JSON"),
        (&b"[1, 2]"[..], "the body is an array, not a JSON object"),
        (&b"{\"CallbackCommand\": 5"[..], "the body is not JSON"),
    ] {
        let answer = serve.raw(&http("POST", &target, body));
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        let json = body_of(&answer);
        assert_eq!(json["ActionStatus"], "FAIL");
        assert_eq!(json["ErrorCode"], 1);
        assert!(
            json["ErrorInfo"].as_str().unwrap().contains(reason),
            "{json}"
        );
    }

    // Unknown query parameters (IM's undocumented RequestID) and body fields are fine.
    let sample = run(&["example", "before-create"]).stdout;
    let mut body: Value = serde_json::from_str(&sample).unwrap();
    body["MsgPriority"] = "Normal".into();
    let answer = serve.raw(&http(
        "POST",
        &format!("{target}&RequestID=cf026bb1-e5da-4eba-99c8-b257f25278a0"),
        body.to_string().as_bytes(),
    ));
    assert_eq!(
        body_of(&answer),
        serde_json::json!({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""})
    );

    let run = send_json("before-create", &serve.url, &["--expect", "allow"]);
    assert_eq!(run.code, 0, "the server no longer serves: {}", run.stdout);
}

/// Commands from the future, in the shapes of each family (`docs/protocol.md` §2.2, §2.11).
const UNKNOWN_COMMANDS: [(&str, &str, &str); 5] = [
    (
        "C2C.CallbackBeforeFutureMsg",
        "&ClientIP=127.0.0.1&OptPlatform=iOS",
        r#"{"CallbackCommand":"C2C.CallbackBeforeFutureMsg","From_Account":"a","To_Account":"b","MsgBody":[]}"#,
    ),
    (
        "State.FutureChange",
        "&ClientIP=127.0.0.1&OptPlatform=IOS",
        r#"{"CallbackCommand":"State.FutureChange","Info":{"Action":"Login","To_Account":"a"}}"#,
    ),
    // Push and content moderation: no ClientIP or OptPlatform, no CallbackCommand on top.
    (
        "Push.FuturePush",
        "",
        r#"{"Events":[{"CallbackCommand":"Push.FuturePush","To_Account":"a"}]}"#,
    ),
    (
        "ContentCallback.FutureNotify",
        "",
        r#"{"SdkAppId":1400000000,"Result":"Pass"}"#,
    ),
    (
        "Group.CallbackBeforeSomethingNew",
        "&ClientIP=127.0.0.1&OptPlatform=Web",
        r#"{"CallbackCommand":"Group.CallbackBeforeSomethingNew","GroupId":"@TGS#1"}"#,
    ),
];

#[test]
fn unknown_commands_of_every_family_are_allowed_and_logged() {
    let serve = Serve::start(&["--sdkappid", SDKAPPID]);
    for (command, extra, body) in UNKNOWN_COMMANDS {
        let target =
            format!("/im?SdkAppid={SDKAPPID}&CallbackCommand={command}&contenttype=json{extra}");
        let answer = serve.raw(&http("POST", &target, body.as_bytes()));
        assert!(answer.starts_with("HTTP/1.1 200"), "{command}: {answer}");
        assert_eq!(
            body_of(&answer),
            serde_json::json!({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}),
            "{command}"
        );
    }
    let lines = serve.wait_for_lines(1 + UNKNOWN_COMMANDS.len());
    for ((command, _, _), line) in UNKNOWN_COMMANDS.iter().zip(&lines[1..]) {
        assert!(
            line.contains(&format!("{command} -> 200 unrecognized | note: CallbackCommand `{command}` is not one grpcb knows")),
            "{line}"
        );
    }
    // What does not depend on the command still counts: another app's SdkAppid is refused.
    let (command, extra, body) = UNKNOWN_COMMANDS[0];
    let target =
        format!("/im?SdkAppid=1400000001&CallbackCommand={command}&contenttype=json{extra}");
    let answer = body_of(&serve.raw(&http("POST", &target, body.as_bytes())));
    assert_eq!(
        (
            answer["ActionStatus"].as_str(),
            answer["ErrorCode"].as_i64()
        ),
        (Some("FAIL"), Some(1)),
        "{answer}"
    );
}

#[test]
fn unknown_commands_still_need_a_valid_sign() {
    let serve = signed_serve(&[]);
    let (command, extra, body) = UNKNOWN_COMMANDS[2];
    let target =
        format!("/im?SdkAppid={SDKAPPID}&CallbackCommand={command}&contenttype=json{extra}");
    let answer = body_of(&serve.raw(&http("POST", &target, body.as_bytes())));
    assert_eq!(answer["ActionStatus"], "FAIL", "{answer}");
    assert!(
        answer["ErrorInfo"]
            .as_str()
            .unwrap()
            .contains("Sign is missing"),
        "{answer}"
    );
    let signed = run(&["sign", "--token", TOKEN, "--format", "json"]).json();
    let target = format!(
        "{target}&Sign={}&RequestTime={}",
        signed["Sign"].as_str().unwrap(),
        signed["RequestTime"]
    );
    let answer = body_of(&serve.raw(&http("POST", &target, body.as_bytes())));
    assert_eq!(answer["ActionStatus"], "OK", "{answer}");
}

#[test]
fn rules_decide_the_answers() {
    let rules = fixture("serve-rules.toml");
    let serve = signed_serve(&["--rules", rules.to_str().unwrap()]);
    for (callback, extra) in [
        (
            "before-create",
            vec![
                "--name",
                "forbidden",
                "--expect",
                "deny",
                "--expect-code",
                "1",
            ],
        ),
        (
            "before-create",
            vec![
                "--name",
                "vip-only",
                "--expect",
                "deny-custom",
                "--expect-code",
                "10101",
            ],
        ),
        (
            "before-invite",
            vec![
                "--member",
                "alice",
                "--member",
                "blocked",
                "--expect",
                "allow-partial",
                "--expect-refused",
                "blocked",
            ],
        ),
        (
            "before-invite",
            vec![
                "--member",
                "alice",
                "--expect",
                "allow",
                "--expect-refused",
                "",
            ],
        ),
        (
            "before-create",
            vec!["--name", "anything", "--expect", "allow"],
        ),
        // Rules match the fields of every family.
        (
            "c2c-before-send",
            vec![
                "--from",
                "muted",
                "--expect",
                "deny-custom",
                "--expect-code",
                "120001",
            ],
        ),
        (
            "sns-prev-friend-add",
            vec![
                "--member",
                "blocked",
                "--member",
                "bob",
                "--expect-refused",
                "blocked",
            ],
        ),
        (
            "oa-before-add-subscriber",
            vec![
                "--member",
                "blocked",
                "--expect",
                "allow-partial",
                "--expect-refused",
                "blocked",
            ],
        ),
    ] {
        let run = send_signed(&serve, callback, &extra);
        assert_eq!(run.code, 0, "{callback} {extra:?}: {}", run.stdout);
    }

    // The raw override: a broken receiver, as `grpcb send` sees it.
    let run = send_signed(&serve, "before-create", &["--name", "broken"]);
    assert_eq!(run.code, 1);
    assert!(run.finding_codes().contains(&"http-status".to_string()));
    assert_eq!(run.json()["response"]["status"], 500);

    // The delay rule (2.5 s) outlasts a short client timeout.
    let run = send_signed(
        &serve,
        "before-create",
        &["--name", "slow", "--timeout", "300ms"],
    );
    assert_eq!(run.code, 3, "{}", run.stdout);
    assert!(
        run.finding_codes()
            .contains(&"transport-timeout".to_string())
    );

    let lines = serve.wait_for_lines(11);
    assert!(lines[1].contains("deny (rule 1)"), "{}", lines[1]);
    assert!(lines[2].contains("deny-custom (rule 2)"), "{}", lines[2]);
    assert!(lines[3].contains("allow-partial (rule 3)"), "{}", lines[3]);
    assert!(
        lines[6].contains("c2c-before-send -> 200 deny-custom (rule 7)"),
        "{}",
        lines[6]
    );
    assert!(
        lines[7].contains("sns-prev-friend-add -> 200 allow-partial (rule 9)"),
        "{}",
        lines[7]
    );
    assert!(
        lines[8].contains("oa-before-add-subscriber -> 200 allow-partial (rule 10)"),
        "{}",
        lines[8]
    );
    assert!(lines[9].contains("-> 500 raw (rule 12)"), "{}", lines[9]);
}

#[test]
fn a_bad_rules_file_is_an_input_error() {
    let dir = tempdir();
    for (text, needles) in [
        (
            "[[rule]]\ncallback = \"before-create\"\ndecsion = \"deny\"\n",
            vec!["rules.toml:3:", "unknown field `decsion`"],
        ),
        (
            "[[rule]]\ncallback = \"before-create\"\n\n[[rule]]\ncallback = \"after-create\"\ndecision = \"deny\"\n",
            vec![
                "rules.toml:4:1: rule 2",
                "after-create cannot answer `deny`",
            ],
        ),
        (
            "[[rule]]\ncallback = \"before-create\"\ndecision = \"refuse\"\nrefuse = [\"x\"]\n",
            vec![
                "rules.toml:1:1: rule 1",
                "only before-invite, sns-prev-friend-add",
            ],
        ),
        (
            "[[rule]]\ncallback = \"nope\"\n",
            vec!["unknown callback `nope`"],
        ),
    ] {
        let path = dir.join("rules.toml");
        std::fs::write(&path, text).unwrap();
        let run = run(&[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--rules",
            path.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 4, "{text}");
        assert!(run.stdout.is_empty());
        assert!(
            run.stderr.contains(path.to_str().unwrap()),
            "{}",
            run.stderr
        );
        for needle in needles {
            assert!(run.stderr.contains(needle), "{needle}: {}", run.stderr);
        }
    }
    let run = run(&[
        "serve",
        "--rules",
        dir.join("missing.toml").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr.contains("rules file") && run.stderr.contains("cannot be read"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_addresses_are_input_errors() {
    assert_eq!(run(&["serve", "--addr", "localhost:x"]).code, 4);
    assert_eq!(run(&["serve", "--sdkappid", "abc"]).code, 4);
    let serve = Serve::start(&[]);
    let run = run(&["serve", "--addr", &serve.addr]);
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("cannot listen there"), "{}", run.stderr);
}

/// Every recorded fixture under `dir`, sorted.
fn recorded_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .flat_map(|folder| std::fs::read_dir(folder.path()).unwrap().flatten())
        .map(|entry| entry.path())
        .collect();
    files.sort();
    files
}

#[test]
fn recorded_callbacks_replay_unchanged() {
    let dir = tempdir().join("captured");
    let serve = signed_serve(&["--record", dir.to_str().unwrap()]);
    let known = callbacks();
    let count = 12;
    // Concurrent senders: numbering and the index must still add up.
    let runs: Vec<Run> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..count)
            .map(|n| {
                let (alias, _) = &known[n % known.len()];
                let serve = &serve;
                scope.spawn(move || send_signed(serve, alias, &["--set", &format!("Marker={n}")]))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(runs.iter().all(|run| run.code == 0));
    serve.wait_for_lines(1 + count);

    let files = recorded_files(&dir);
    assert_eq!(files.len(), count, "{files:?}");
    let index = std::fs::read_to_string(dir.join("index.jsonl")).unwrap();
    let entries: Vec<Value> = index
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(entries.len(), count);
    for entry in &entries {
        let file = dir.join(entry["file"].as_str().unwrap());
        assert!(file.is_file(), "{entry}");
        assert_eq!(entry["method"], "POST");
        assert_eq!(entry["query"]["SdkAppid"], SDKAPPID);
        assert!(entry["decision"].is_string() && entry["time"].is_string());
        assert_eq!(
            file.parent().unwrap().file_name().unwrap().to_str(),
            entry["alias"].as_str()
        );
    }
    let markers: BTreeSet<u64> = files
        .iter()
        .map(|file| {
            let body: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
            body["Marker"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(markers.len(), count);

    // Replay: each file, sent as a fixture, arrives byte for byte as recorded.
    let receiver = Receiver::start(Reply::ok());
    for file in &files {
        let run = run(&[
            "send",
            "--fixture",
            file.to_str().unwrap(),
            "--url",
            &receiver.url,
        ]);
        assert_eq!(run.code, 0, "{}: {}", file.display(), run.stdout);
    }
    let replayed: BTreeSet<Vec<u8>> = receiver
        .received()
        .iter()
        .map(|received| received.body.to_vec())
        .collect();
    let recorded: BTreeSet<Vec<u8>> = files
        .iter()
        .map(|file| std::fs::read(file).unwrap())
        .collect();
    assert_eq!(replayed, recorded);
}

#[test]
fn sigterm_stops_cleanly_with_records_on_disk() {
    let dir = tempdir().join("captured");
    let mut serve = Serve::start(&["--record", dir.to_str().unwrap()]);
    assert_eq!(send_json("after-create", &serve.url, &[]).code, 0);
    assert_eq!(serve.terminate(), Some(143));
    assert!(
        serve
            .stderr()
            .contains("STOPPED by SIGTERM after 1 request, 1 connection"),
        "{}",
        serve.stderr()
    );
    let index = std::fs::read_to_string(dir.join("index.jsonl")).unwrap();
    assert_eq!(index.lines().count(), 1);
    assert_eq!(recorded_files(&dir).len(), 1);
    assert_eq!(serve.lines().len(), 2, "{:?}", serve.lines());
}

/// A callback that cannot be recorded is still answered; stderr says why, the log line names
/// no saved file, and the next one is recorded.
#[test]
fn a_failed_recording_is_said_on_stderr_and_changes_no_answer() {
    let dir = tempdir().join("captured");
    std::fs::create_dir_all(&dir).unwrap();
    // A file where the callback's folder would go.
    std::fs::write(dir.join("after-create"), "not a folder").unwrap();
    let mut serve = Serve::start(&["--record", dir.to_str().unwrap()]);
    assert_eq!(send_json("after-create", &serve.url, &[]).code, 0);
    assert_eq!(send_json("before-create", &serve.url, &[]).code, 0);
    let lines = serve.wait_for_lines(3);
    assert_eq!(serve.terminate(), Some(143));
    let stderr = serve.stderr();
    assert_eq!(
        stderr
            .matches("grpcb serve: cannot record a callback: ")
            .count(),
        1,
        "{stderr}"
    );
    assert!(
        lines[1].contains("after-create -> 200 ignored"),
        "{lines:?}"
    );
    assert!(!lines[1].contains("saved"), "{lines:?}");
    assert!(lines[2].contains("saved before-create/"), "{lines:?}");
    assert_eq!(recorded_files(&dir).len(), 1);
}

#[test]
fn json_lines_for_scripts() {
    let serve = Serve::start(&["--format", "json"]);
    let first: Value = serde_json::from_str(&serve.lines()[0]).unwrap();
    assert_eq!(first["event"], "listening");
    assert_eq!(first["url"].as_str(), Some(serve.url.as_str()));
    send_json("before-invite", &serve.url, &[]);
    let line: Value = serde_json::from_str(&serve.wait_for_lines(2)[1]).unwrap();
    assert_eq!(line["event"], "callback");
    assert_eq!(line["alias"], "before-invite");
    assert_eq!(line["decision"], "allow");
    assert_eq!(line["status"], 200);
    assert_eq!(line["findings"], serde_json::json!([]));
}

#[test]
fn the_token_is_never_printed() {
    let secret = "very-secret-token";
    let mut serve = Serve::start_with_env(&[], &[("GRPCB_TOKEN", secret)]);
    send_json("before-create", &serve.url, &["--token", secret]);
    send_json("before-create", &serve.url, &["--token", "wrong"]);
    serve.wait_for_lines(3);
    assert_eq!(serve.terminate(), Some(143));
    let everything = format!("{}{}", serve.lines().join("\n"), serve.stderr());
    assert!(everything.contains("Sign does not match"), "{everything}");
    assert!(!everything.contains(secret), "{everything}");
    let help = run_cmd(grpcb().args(["serve", "--help"]).env("GRPCB_TOKEN", secret));
    assert!(help.stdout.contains("GRPCB_TOKEN") && !help.stdout.contains(secret));
}

#[test]
fn readme_documents_every_check_and_the_rules_files() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for check in grpcb_contract::inspect::Check::VARIANTS {
        assert!(
            readme.contains(&format!("| `{}` |", check.as_str())),
            "README lacks serve check {}",
            check.as_str()
        );
    }
    assert!(
        readme.contains("fixtures/serve-rules.toml"),
        "README does not mention the rules example"
    );
}

/// Every doc variant is a body IM may send: serve accepts each, with notes at most, and
/// `send` passes (the decision is an allow or ignored, never a rejection).
#[test]
fn every_doc_variant_is_accepted() {
    let serve = signed_serve(&[]);
    for variant in grpcb_contract::catalog::variants::VARIANTS {
        let path = fixture(&format!("variants/{}", variant.file));
        let run = send_signed(
            &serve,
            variant.alias,
            &["--fixture", path.to_str().unwrap()],
        );
        assert_eq!(run.code, 0, "{}: {}", variant.file, run.stdout);
        let decision = run.json()["decision"].as_str().unwrap().to_string();
        assert!(
            decision == "allow" || decision == "ignored",
            "{}: {decision}",
            variant.file
        );
    }
    let lines = serve.wait_for_lines(1 + grpcb_contract::catalog::variants::VARIANTS.len());
    assert!(
        lines.iter().all(|line| !line.contains("rejected")),
        "{lines:?}"
    );
}
