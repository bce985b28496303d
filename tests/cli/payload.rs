//! How bodies are built: sample, fixture (file or stdin), typed flags, `--set`, `--unset`.

use crate::support::{Receiver, Reply, fixture, grpcb, run, run_cmd, send_json, tempdir};
use serde_json::json;

#[test]
fn typed_flags_fill_the_callbacks_fields() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json(
        "before-create",
        &receiver.url,
        &[
            "--name",
            "Team A",
            "--operator",
            "alice",
            "--owner",
            "bob",
            "--group-type",
            "Private",
            "--member",
            "carol",
            "--member",
            "dave",
            "--event-time",
            "1700000000123",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let body = receiver.single().body_json();
    assert_eq!(body["Name"], "Team A");
    assert_eq!(body["Operator_Account"], "alice");
    assert_eq!(body["Owner_Account"], "bob");
    assert_eq!(body["Type"], "Private");
    assert_eq!(
        body["MemberList"],
        json!([{ "Member_Account": "carol" }, { "Member_Account": "dave" }])
    );
    assert_eq!(body["EventTime"], 1700000000123i64);
}

#[test]
fn member_fills_destination_members_on_invite() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json(
        "before-invite",
        &receiver.url,
        &["--member", "x", "--group-id", "@TGS#1ABC"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let body = receiver.single().body_json();
    assert_eq!(
        body["DestinationMembers"],
        json!([{ "Member_Account": "x" }])
    );
    assert_eq!(body["GroupId"], "@TGS#1ABC");
}

#[test]
fn a_flag_the_callback_has_no_field_for_is_an_input_error() {
    let run = run(&[
        "send",
        "before-create",
        "--url",
        "http://127.0.0.1:9/im",
        "--group-id",
        "@TGS#1",
    ]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr
            .contains("before-create has no field for --group-id"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--name"),
        "lists the flags it takes: {}",
        run.stderr
    );
    let run = crate::support::run(&[
        "send",
        "after-create",
        "--url",
        "http://127.0.0.1:9/im",
        "--text",
        "hi",
    ]);
    assert_eq!(run.code, 4);
}

#[test]
fn event_time_must_be_an_integer() {
    let run = run(&["example", "before-create", "--event-time", "yesterday"]);
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("--event-time"), "{}", run.stderr);
}

#[test]
fn set_paths_override_everything_else() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json(
        "before-create",
        &receiver.url,
        &[
            "--name",
            "from flag",
            "--set",
            "Name=from set",
            "--set",
            "MemberList.0.Member_Account=zoe",
            "--set",
            "MemberList.2={\"Member_Account\":\"new\"}",
            "--set",
            "EventTime=\"1670574414123\"",
            "--set",
            "Extra.Nested.0=true",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let body = receiver.single().body_json();
    assert_eq!(body["Name"], "from set");
    assert_eq!(body["MemberList"][0]["Member_Account"], "zoe");
    assert_eq!(body["MemberList"][2]["Member_Account"], "new");
    assert_eq!(
        body["EventTime"], "1670574414123",
        "a JSON string stays a string"
    );
    assert_eq!(body["Extra"], json!({ "Nested": [true] }));
}

#[test]
fn set_can_change_the_callback_command() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json(
        "before-create",
        &receiver.url,
        &["--set", "CallbackCommand=Group.Other"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got = receiver.single();
    assert_eq!(got.body_json()["CallbackCommand"], "Group.Other");
    assert!(
        got.query
            .contains("CallbackCommand=Group.CallbackBeforeCreateGroup")
    );
}

#[test]
fn bad_set_is_an_input_error() {
    for set in ["NoEquals", "MemberList.9=x", "Name.Deeper=x", "a..b=1"] {
        let run = run(&["example", "before-create", "--set", set]);
        assert_eq!(run.code, 4, "{set}");
        assert!(run.stderr.contains("--set"), "{set}: {}", run.stderr);
    }
}

#[test]
fn fixture_file_is_sent_with_the_callbacks_command() {
    let receiver = Receiver::start(Reply::ok());
    let dir = tempdir();
    let path = dir.join("create.json");
    std::fs::write(
        &path,
        r#"{"CallbackCommand":"Group.CallbackAfterCreateGroup","Name":"From file","Custom":1}"#,
    )
    .unwrap();
    // The fixture names another callback: sending it as before-create would rewrite it
    // silently, so that is refused, naming both, and nothing is sent.
    let run = send_json(
        "before-create",
        &receiver.url,
        &["--fixture", path.to_str().unwrap()],
    );
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("before-create (Group.CallbackBeforeCreateGroup)")
            && run.stderr.contains("Group.CallbackAfterCreateGroup")
            && run.stderr.contains("--set CallbackCommand="),
        "{}",
        run.stderr
    );
    assert!(receiver.received().is_empty());
    // Said explicitly, it is sent as asked.
    let run = send_json(
        "before-create",
        &receiver.url,
        &[
            "--fixture",
            path.to_str().unwrap(),
            "--set",
            "CallbackCommand=Group.CallbackBeforeCreateGroup",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let body = receiver.single().body_json();
    assert_eq!(
        body,
        json!({ "CallbackCommand": "Group.CallbackBeforeCreateGroup", "Name": "From file", "Custom": 1 })
    );
}

#[test]
fn fixture_alone_names_the_callback_and_is_replayed_unchanged() {
    let receiver = Receiver::start(Reply::ok());
    let path = fixture("callbacks/before-invite.json");
    let run = run(&[
        "send",
        "--fixture",
        path.to_str().unwrap(),
        "--url",
        &receiver.url,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got = receiver.single();
    assert!(
        got.query
            .contains("CallbackCommand=Group.CallbackBeforeInviteJoinGroup")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        got.body_json(),
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    );
}

#[test]
fn fixture_from_stdin() {
    let receiver = Receiver::start(Reply::ok());
    let run = run_cmd(
        grpcb()
            .args([
                "send",
                "before-invite",
                "--fixture",
                "-",
                "--url",
                &receiver.url,
                "--member",
                "m1",
            ])
            .write_stdin(r#"{"GroupId":"@TGS#stdin","DestinationMembers":[]}"#),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let body = receiver.single().body_json();
    assert_eq!(body["GroupId"], "@TGS#stdin");
    assert_eq!(
        body["CallbackCommand"],
        "Group.CallbackBeforeInviteJoinGroup"
    );
    assert_eq!(
        body["DestinationMembers"],
        json!([{ "Member_Account": "m1" }])
    );
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(
        keys[0], "CallbackCommand",
        "the command comes first, as IM writes it"
    );
}

#[test]
fn malformed_fixture_names_file_line_and_column() {
    let dir = tempdir();
    let path = dir.join("broken.json");
    std::fs::write(&path, "{\n  \"Name\": \"x\",\n  oops\n}").unwrap();
    let run = run(&[
        "send",
        "before-create",
        "--fixture",
        path.to_str().unwrap(),
        "--url",
        "http://127.0.0.1:9/im",
    ]);
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("broken.json"), "{}", run.stderr);
    assert!(
        run.stderr.contains("broken.json:3:3: is not valid JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn fixture_problems_are_input_errors() {
    let dir = tempdir();
    let array = dir.join("array.json");
    std::fs::write(&array, "[1,2]").unwrap();
    let unknown = dir.join("unknown.json");
    std::fs::write(
        &unknown,
        r#"{"CallbackCommand":"Group.CallbackBeforeNothing"}"#,
    )
    .unwrap();
    let cases = [
        (
            vec![
                "example",
                "before-create",
                "--fixture",
                array.to_str().unwrap(),
            ],
            "not a JSON object",
        ),
        (
            vec![
                "example",
                "before-create",
                "--fixture",
                "/no/such/file.json",
            ],
            "cannot be read",
        ),
        (
            vec!["example", "--fixture", unknown.to_str().unwrap()],
            "is not a callback grpcb knows",
        ),
    ];
    for (args, needle) in cases {
        let run = run(&args);
        assert_eq!(run.code, 4, "{args:?}");
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    }
    let run = run_cmd(
        grpcb()
            .args(["example", "before-create", "--fixture", "-"])
            .write_stdin("{\"a\":"),
    );
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("fixture on stdin"), "{}", run.stderr);
}

#[test]
fn callback_names_resolve_every_way_and_unknown_ones_suggest() {
    for name in [
        "before-create",
        "Group.CallbackBeforeCreateGroup",
        "CallbackBeforeCreateGroup",
        "BEFORE-CREATE",
    ] {
        let run = run(&["example", name]);
        assert_eq!(run.code, 0, "{name}");
        assert_eq!(
            run.json()["CallbackCommand"],
            "Group.CallbackBeforeCreateGroup"
        );
    }
    let run = run(&["send", "befor-creat", "--url", "http://127.0.0.1:9/im"]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr.contains("did you mean `before-create`"),
        "{}",
        run.stderr
    );
    let run = crate::support::run(&["example"]);
    assert_eq!(run.code, 2, "no callback and no fixture: {}", run.stderr);
}

#[test]
fn odd_inputs_are_input_errors() {
    let run = run_cmd(
        grpcb()
            .args(["send", "--fixture", "-", "--url", "http://127.0.0.1:9/im"])
            .write_stdin(r#"{"CallbackCommand":5}"#),
    );
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr.contains("no CallbackCommand string"),
        "{}",
        run.stderr
    );
    let run = crate::support::run(&["example", "before-create", "--fixture", "/dev/zero"]);
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("larger than 16 MiB"), "{}", run.stderr);
    for (var, value, code) in [("GRPCB_TOKEN", "", 4), ("GRPCB_URL", "", 2)] {
        let run = run_cmd(grpcb().args(["send", "before-create"]).env(var, value).env(
            "GRPCB_URL",
            if var == "GRPCB_URL" {
                ""
            } else {
                "http://127.0.0.1:9/im"
            },
        ));
        assert_eq!(run.code, code, "{var}: {}", run.stderr);
    }
    let run = crate::support::run(&[
        "send",
        "before-create",
        "--url",
        "http://127.0.0.1:9/im",
        "--token",
        "",
    ]);
    assert_eq!(run.code, 4);
    assert!(run.stderr.contains("the token is empty"), "{}", run.stderr);
}

#[test]
fn unset_removes_fields_after_set() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json(
        "before-create",
        &receiver.url,
        &[
            "--set",
            "Extra=1",
            "--unset",
            "Extra",
            "--unset",
            "EventTime",
            "--unset",
            "MemberList.0",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let body = receiver.single().body_json();
    assert!(
        body.get("EventTime").is_none() && body.get("Extra").is_none(),
        "{body}"
    );
    assert_eq!(body["MemberList"], json!([{ "Member_Account": "peter" }]));
    assert_eq!(run.json()["request"]["body"], body);
}

#[test]
fn unset_of_a_path_that_is_not_there_changes_nothing_and_says_so() {
    let sample = run(&["example", "before-create"]).json();
    let run = run(&["example", "before-create", "--unset", "Eventtime"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json(), sample);
    assert!(
        run.stderr.contains(
            "note: --unset Eventtime: the body has no `Eventtime`, so nothing was removed"
        ),
        "{}",
        run.stderr
    );
    for bad in ["", "MemberList..0"] {
        let run = run_cmd(grpcb().args(["example", "before-create", "--unset", bad]));
        assert_eq!(run.code, 4, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("--unset"), "{}", run.stderr);
    }
}

#[test]
fn suites_unset_too() {
    let receiver = Receiver::start(Reply::ok());
    let dir = tempdir();
    let suite = dir.join("unset.toml");
    std::fs::write(
        &suite,
        format!(
            "url = \"{}\"\n[[case]]\nname = \"older page\"\ncallback = \"before-create\"\n\
             set = {{ CreatedNum = 123 }}\nunset = [\"EventTime\", \"CreatedNum\", \"Typo\"]\n",
            receiver.url
        ),
    )
    .unwrap();
    let first = run(&["run", suite.to_str().unwrap()]);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);
    let body = receiver.single().body_json();
    assert!(
        body.get("EventTime").is_none() && body.get("CreatedNum").is_none(),
        "{body}"
    );
    let note = format!(
        "{}:6:37: case `older page`, key `unset`: note: the body has no `Typo`",
        suite.display()
    );
    assert_eq!(first.stderr.matches(&note).count(), 1, "{}", first.stderr);
    std::fs::write(
        &suite,
        format!(
            "url = \"{}\"\n[[case]]\nname = \"x\"\ncallback = \"before-create\"\nunset = \"EventTime\"\n",
            receiver.url
        ),
    )
    .unwrap();
    let run = run(&["run", suite.to_str().unwrap()]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr.contains("key `unset`: must be an array"),
        "{}",
        run.stderr
    );
}
