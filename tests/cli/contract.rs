//! One command-line contract: a value that cannot be used exits 4 whoever finds it (clap or
//! grpcb), a usage mistake exits 2; impossible expectations and mismatched fixtures are
//! refused before anything is sent; one duration syntax; help examples keep their lines.

use crate::support::{Receiver, Reply, grpcb, run, run_cmd, tempdir};

#[test]
fn unusable_values_exit_4_and_usage_mistakes_exit_2_whoever_finds_them() {
    let receiver = Receiver::start(Reply::ok());
    let url = receiver.url.as_str();
    let dir = tempdir();
    let suite = dir.join("suite.toml");
    std::fs::write(
        &suite,
        "[[case]]\nname = \"c\"\ncallback = \"after-create\"\n",
    )
    .unwrap();
    let suite = suite.to_str().unwrap();
    let table: Vec<(i32, Vec<&str>)> = vec![
        // Values clap finds unusable.
        (
            4,
            vec![
                "send",
                "before-create",
                "--url",
                url,
                "--expect-code",
                "abc",
            ],
        ),
        (
            4,
            vec!["send", "before-create", "--url", url, "--request-time", "x"],
        ),
        (
            4,
            vec!["send", "before-create", "--url", url, "--format", "xml"],
        ),
        (
            4,
            vec!["send", "before-create", "--url", url, "--expect", "maybe"],
        ),
        (4, vec!["bench", "before-create", "--url", url, "-c", "x"]),
        (4, vec!["run", suite, "--url", url, "--jobs", "0"]),
        (4, vec!["audit", "--url", url, "--color", "sometimes"]),
        (4, vec!["sign", "--token", "t", "--request-time=-1"]),
        (4, vec!["completions", "nosh"]),
        // Values grpcb finds unusable.
        (
            4,
            vec!["send", "before-create", "--url", url, "--event-time", "abc"],
        ),
        (
            4,
            vec!["send", "before-create", "--url", url, "--timeout", "500"],
        ),
        (
            4,
            vec!["send", "before-create", "--url", url, "--sdkappid", "14x"],
        ),
        (4, vec!["bench", "before-create", "--url", url, "-c", "0"]),
        (
            4,
            vec!["bench", "before-create", "--url", url, "--duration", "10"],
        ),
        (
            4,
            vec!["bench", "before-create", "--url", url, "--max-p99", "200"],
        ),
        (
            4,
            vec!["run", suite, "--url", url, "--filter", "nothing-matches"],
        ),
        (4, vec!["serve", "--addr", "nowhere"]),
        (4, vec!["audit", "--url", url, "--only", "nonsense"]),
        // Usage mistakes.
        (2, vec!["send", "before-create", "--url", url, "--bogus"]),
        (2, vec!["send", "before-create", "--url"]),
        (2, vec!["send", "before-create"]),
        (2, vec!["send", "before-create", "--url", url, "-v", "-q"]),
        (
            2,
            vec![
                "bench",
                "before-create",
                "--url",
                url,
                "-n",
                "5",
                "--duration",
                "1s",
            ],
        ),
        (2, vec!["run"]),
        (2, vec!["nosuch"]),
        (2, vec![]),
    ];
    for (code, args) in table {
        let run = run(&args);
        assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(!run.stderr.is_empty(), "{args:?} said nothing");
    }
    assert!(
        receiver.received().is_empty(),
        "a refused command sent something"
    );
}

#[test]
fn durations_take_units_and_compounds_and_refuse_a_bare_number() {
    let curl = |timeout: &str| {
        run(&[
            "send",
            "before-create",
            "--url",
            "http://127.0.0.1:9/im",
            "--curl",
            "--timeout",
            timeout,
        ])
    };
    for (given, seconds) in [
        ("1m30s", "90"),
        ("1h", "3600"),
        ("500ms", "0.5"),
        ("1.5s", "1.5"),
    ] {
        let run = curl(given);
        assert_eq!(run.code, 0, "{given}: {}", run.stderr);
        assert!(
            run.stdout.contains(&format!("--max-time {seconds} ")),
            "{given}: {}",
            run.stdout
        );
    }
    for (given, says) in [
        ("500", "--timeout `500`: no unit; write 500ms or 500s"),
        ("0s", "more than zero"),
        ("25h", "the maximum of 24h"),
        ("2 parsecs", "unit grpcb does not know"),
    ] {
        let run = curl(given);
        assert_eq!(run.code, 4, "{given}");
        assert!(run.stderr.contains(says), "{given}: {}", run.stderr);
    }
    // A suite's `timeout = 2` is the same mistake, said of the key.
    let receiver = Receiver::start(Reply::ok());
    let dir = tempdir();
    let suite = dir.join("suite.toml");
    std::fs::write(
        &suite,
        "timeout = 2\n[[case]]\nname = \"c\"\ncallback = \"after-create\"\n",
    )
    .unwrap();
    let run = run(&["run", suite.to_str().unwrap(), "--url", &receiver.url]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "suite.toml:1:11: key `timeout` `2`: no unit; write timeout = \"2ms\" or \"2s\""
        ),
        "{}",
        run.stderr
    );
    assert!(receiver.received().is_empty());
}

#[test]
fn impossible_expectations_are_refused_before_sending_in_send_bench_and_suites() {
    let receiver = Receiver::start(Reply::ok());
    let says = "after-create can never lead to `allow`; it can lead to ignored";
    for args in [
        vec![
            "send",
            "after-create",
            "--url",
            &receiver.url,
            "--expect",
            "allow",
        ],
        vec![
            "bench",
            "after-create",
            "--url",
            &receiver.url,
            "--expect",
            "allow",
            "-n",
            "1",
        ],
    ] {
        let run = run(&args);
        assert_eq!(run.code, 4, "{args:?}");
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    let dir = tempdir();
    let suite = dir.join("suite.toml");
    std::fs::write(
        &suite,
        "[[case]]\nname = \"c\"\ncallback = \"after-create\"\nexpect = { decision = \"allow\" }\n",
    )
    .unwrap();
    let refused = run(&["run", suite.to_str().unwrap(), "--url", &receiver.url]);
    assert_eq!(refused.code, 4);
    assert!(refused.stderr.contains(says), "{}", refused.stderr);
    assert!(
        receiver.received().is_empty(),
        "an impossible expectation was sent"
    );
    // What the callback can lead to still runs.
    let sent = run(&[
        "send",
        "after-create",
        "--url",
        &receiver.url,
        "--expect",
        "ignored",
    ]);
    assert_eq!(sent.code, 0, "{}", sent.stderr);
}

/// Expectations no answer can meet: a decision and a code that contradict, a code that
/// means nothing to the callback, users the request does not list, a refusal a decision
/// cannot make. Each is refused before anything is sent, naming the flag or the suite key,
/// in send, bench, run and audit --suite alike.
#[test]
fn contradictory_expectations_are_refused_before_sending_everywhere() {
    let receiver = Receiver::start(Reply::ok());
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["before-create", "--expect", "deny", "--expect-code", "0"],
            "--expect `deny`: `deny` and ErrorCode 0 contradict: on before-create ErrorCode 0 leads to allow",
            "expect = { decision = \"deny\", code = 0 }",
        ),
        (
            &["before-send", "--expect", "drop", "--expect-code", "1"],
            "`drop` and ErrorCode 1 contradict: on before-send ErrorCode 1 leads to deny",
            "expect = { decision = \"drop\", code = 1 }",
        ),
        (
            &["before-create", "--expect-code", "5"],
            "--expect-code `5`: ErrorCode 5 means nothing to before-create, so an answer with it breaks the contract; it takes 0 (allow), 1 (deny) and 10100-10200",
            "expect = { code = 5 }",
        ),
        (
            &["before-invite", "--member", "a", "--expect-refused", "zz"],
            "--expect-refused `zz`: zz is not among the users the request lists (DestinationMembers: a)",
            "member = [\"a\"]\nexpect = { refused = [\"zz\"] }",
        ),
        (
            &[
                "before-invite",
                "--member",
                "a",
                "--member",
                "b",
                "--expect",
                "deny",
                "--expect-refused",
                "a",
            ],
            "deny refuses every one (DestinationMembers: a, b)",
            "member = [\"a\", \"b\"]\nexpect = { decision = \"deny\", refused = [\"a\"] }",
        ),
        (
            &[
                "sns-prev-friend-add",
                "--expect",
                "allow",
                "--expect-code",
                "38001",
            ],
            "ErrorCode 38001 leads to fallback",
            "expect = { decision = \"allow\", code = 38001 }",
        ),
    ];
    let dir = tempdir();
    for (flags, says, keys) in cases {
        let mut send = vec!["send"];
        send.extend_from_slice(flags);
        send.extend(["--url", receiver.url.as_str()]);
        let mut bench = send.clone();
        bench[0] = "bench";
        bench.extend(["-n", "1"]);
        for args in [send, bench] {
            let run = run(&args);
            assert_eq!(run.code, 4, "{args:?}: {}", run.stderr);
            assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        }
        let callback = flags[0];
        let suite = dir.join("impossible.toml");
        std::fs::write(
            &suite,
            format!("[[case]]\nname = \"c\"\ncallback = \"{callback}\"\n{keys}\n"),
        )
        .unwrap();
        let suite = suite.to_str().unwrap();
        for args in [
            vec!["run", suite, "--url", receiver.url.as_str()],
            vec!["audit", "--suite", suite, "--url", receiver.url.as_str()],
        ] {
            let run = run(&args);
            assert_eq!(run.code, 4, "{args:?} {keys}: {}", run.stderr);
            let says = says.split_once(": ").map_or(says, |(flag, rest)| {
                if flag.starts_with("--") { rest } else { says }
            });
            assert!(
                run.stderr.contains("impossible.toml:") && run.stderr.contains(says),
                "{args:?}: {}",
                run.stderr
            );
            assert!(run.stderr.contains("key `expect."), "{}", run.stderr);
        }
    }
    assert!(receiver.received().is_empty(), "nothing is sent");

    // A code IM ignores (a notification's) can only be met with a warning: a note, and
    // refused under --strict.
    let noted = run(&[
        "send",
        "after-create",
        "--url",
        &receiver.url,
        "--expect-code",
        "1",
    ]);
    assert!(
        noted.stderr.contains("note: --expect-code 1: IM ignores the answer to after-create: one with ErrorCode 1 passes only with a warning"),
        "{}",
        noted.stderr
    );
    assert_eq!(receiver.received().len(), 1);
    let strict = run(&[
        "send",
        "after-create",
        "--url",
        &receiver.url,
        "--expect-code",
        "1",
        "--strict",
    ]);
    assert_eq!(strict.code, 4, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("which --strict fails"),
        "{}",
        strict.stderr
    );
    assert_eq!(receiver.received().len(), 1);
}

#[test]
fn a_fixture_naming_another_callback_is_refused_unless_set_says_so() {
    let receiver = Receiver::start(Reply::ok());
    let dir = tempdir();
    let fixture = dir.join("after.json");
    std::fs::write(
        &fixture,
        r#"{"CallbackCommand":"Group.CallbackAfterCreateGroup","GroupId":"@TGS#1"}"#,
    )
    .unwrap();
    let bare = dir.join("bare.json");
    std::fs::write(&bare, r#"{"GroupId":"@TGS#1"}"#).unwrap();
    let suite = |set: &str| {
        let path = dir.join("suite.toml");
        std::fs::write(
            &path,
            format!(
                "[[case]]\nname = \"c\"\ncallback = \"before-create\"\nfixture = \"after.json\"\n{set}"
            ),
        )
        .unwrap();
        run(&["run", path.to_str().unwrap(), "--url", &receiver.url])
    };
    let run_refused = suite("");
    assert_eq!(run_refused.code, 4, "{}", run_refused.stderr);
    assert!(
        run_refused
            .stderr
            .contains("suite.toml:4:11: case `c`, key `fixture`")
            && run_refused
                .stderr
                .contains("Group.CallbackAfterCreateGroup"),
        "{}",
        run_refused.stderr
    );
    let run_bench = run(&[
        "bench",
        "before-create",
        "--fixture",
        fixture.to_str().unwrap(),
        "--url",
        &receiver.url,
        "-n",
        "1",
    ]);
    assert_eq!(run_bench.code, 4, "{}", run_bench.stderr);
    assert!(receiver.received().is_empty());

    let run_set = suite("set = { CallbackCommand = \"Group.CallbackBeforeCreateGroup\" }\n");
    assert_eq!(run_set.code, 0, "{}", run_set.stderr);
    // Without a CallbackCommand the named callback fills it.
    let sent = run(&[
        "send",
        "before-create",
        "--fixture",
        bare.to_str().unwrap(),
        "--url",
        &receiver.url,
    ]);
    assert_eq!(sent.code, 0, "{}", sent.stderr);
    let bodies: Vec<serde_json::Value> = receiver
        .received()
        .iter()
        .map(super::support::receiver::Received::body_json)
        .collect();
    assert_eq!(bodies.len(), 2);
    for body in bodies {
        assert_eq!(body["CallbackCommand"], "Group.CallbackBeforeCreateGroup");
    }
}

/// Every command's examples, whichever way its help is asked for, keep their lines at a
/// width of 20 columns: an example cut in two cannot be pasted.
#[test]
fn help_examples_keep_their_lines_at_any_width() {
    let mut topics: Vec<Option<String>> = vec![None];
    topics.extend(
        grpcb::cli::command()
            .get_subcommands()
            .map(|command| Some(command.get_name().to_string())),
    );
    assert!(topics.contains(&Some("replay".to_string())));
    for topic in topics {
        let examples = grpcb::cli::examples(topic.as_deref())
            .unwrap_or_else(|| panic!("{topic:?} has no examples"));
        let asked: Vec<Vec<&str>> = match topic.as_deref() {
            None => vec![vec!["--help"], vec!["-h"], vec!["help"]],
            Some(name) => vec![vec![name, "--help"], vec![name, "-h"], vec!["help", name]],
        };
        for args in asked {
            let run = run_cmd(grpcb().args(&args).env("COLUMNS", "20"));
            assert_eq!(run.code, 0, "{args:?}");
            let lines: Vec<&str> = run.stdout.lines().collect();
            for example in examples.lines().filter(|line| line.starts_with("  ")) {
                assert!(
                    lines.contains(&example),
                    "{args:?}: `{example}` is not one line:\n{}",
                    run.stdout
                );
            }
        }
    }
}

/// A fixture whose own `CallbackCommand` names the callback in another case (or by alias) is
/// sent when no callback is named (with IM's spelling): it is not refused for not matching
/// itself.
/// Named on the command line, the same fixture is still refused.
#[test]
fn a_fixture_resolved_from_its_own_command_is_not_refused_for_its_spelling() {
    let receiver = Receiver::start(Reply::ok());
    let dir = tempdir();
    let fixture = dir.join("lower.json");
    let text = r#"{"CallbackCommand":"group.callbackbeforecreategroup","Operator_Account":"a","Owner_Account":"a","Type":"Public","Name":"n","MemberList":[]}"#;
    std::fs::write(&fixture, text).unwrap();
    let fixture = fixture.to_str().unwrap();
    let own = run(&["send", "--fixture", fixture, "--url", &receiver.url]);
    assert_ne!(own.code, 4, "{}", own.stderr);
    let got = receiver.single();
    // The body gets IM's own spelling, as a built body does.
    assert_eq!(
        got.body_json()["CallbackCommand"],
        "Group.CallbackBeforeCreateGroup"
    );
    assert!(
        got.query
            .contains("CallbackCommand=Group.CallbackBeforeCreateGroup"),
        "{}",
        got.query
    );
    let named = run(&[
        "send",
        "before-create",
        "--fixture",
        fixture,
        "--url",
        &receiver.url,
    ]);
    assert_eq!(named.code, 4, "{}", named.stderr);
}

/// Negative durations and rates are values that cannot be used (exit 4, naming the flag),
/// not command-line mistakes (exit 2).
#[test]
fn negative_durations_and_rates_are_bad_values() {
    for (args, flag) in [
        (
            &["send", "before-create", "--timeout", "-1s"][..],
            "--timeout",
        ),
        (
            &[
                "bench",
                "before-create",
                "-n",
                "1",
                "--max-error-rate",
                "-1",
            ],
            "--max-error-rate",
        ),
        (
            &["bench", "before-create", "-n", "1", "--max-p99", "-5ms"],
            "--max-p99",
        ),
        (&["serve", "--read-timeout", "-1s"], "--read-timeout"),
    ] {
        let mut args = args.to_vec();
        if args[0] != "serve" {
            args.extend(["--url", "http://127.0.0.1:1/"]);
        }
        let run = run(&args);
        assert_eq!(run.code, 4, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(flag), "{args:?}: {}", run.stderr);
    }
}

/// `--platform` on a callback whose query has no `OptPlatform` says it does not apply, and
/// no note about its spelling.
#[test]
fn platform_says_it_does_not_apply_where_im_sends_none() {
    let receiver = Receiver::start(Reply::ok());
    let run = run(&[
        "send",
        "member-state",
        "--platform",
        "IOS",
        "--url",
        &receiver.url,
    ]);
    assert!(
        run.stderr.contains(
            "note: --platform does not apply to member-state: IM sends no OptPlatform in its query"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("is sent as given"), "{}", run.stderr);
    assert!(!receiver.single().query.contains("OptPlatform"));
}
