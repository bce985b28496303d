//! The seed documents' own samples (`fixtures/seeds/`) and the doc variants: grpcb sends each
//! exactly, and `grpcb serve` accepts each, as a receiver built against them expects.

use crate::support::{Receiver, Reply, Serve, fixture, run, send_json};
use serde_json::Value;

const SEEDS: [(&str, &str); 4] = [
    ("000-before-create.json", "allow"),
    ("001-before-invite.json", "allow"),
    ("002-after-create.json", "ignored"),
    ("003-after-create.json", "ignored"),
];

const VARIANTS: [(&str, &str); 6] = [
    ("before-create-create-group-num.json", "allow"),
    ("before-create-created-num.json", "allow"),
    ("before-create-created-group-num.json", "allow"),
    ("before-create-event-time-string.json", "allow"),
    ("after-send-event-time-string.json", "ignored"),
    ("after-member-field-change-member-account.json", "ignored"),
];

fn path_of(file: &str) -> String {
    fixture(file).to_str().unwrap().to_string()
}

/// The fixture parsed (key order kept), and its bytes re-written compactly (what grpcb
/// sends once a flag edits the body).
fn parsed(file: &str) -> (Value, Vec<u8>) {
    let text = std::fs::read_to_string(fixture(file)).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{file}: {err}"));
    let bytes = serde_json::to_vec(&value).unwrap();
    (value, bytes)
}

#[test]
fn every_seed_sample_is_sent_exactly() {
    let receiver = Receiver::start(Reply::ok());
    for (file, _) in SEEDS {
        let file = format!("seeds/{file}");
        let run = run(&["send", "--fixture", &path_of(&file), "--url", &receiver.url]);
        assert_eq!(run.code, 0, "{file}: {}{}", run.stdout, run.stderr);
        let got = receiver.received().pop().unwrap();
        // The file's own bytes: layout, key order, a leading space and all.
        let bytes = std::fs::read(fixture(&file)).unwrap();
        assert_eq!(got.body.to_vec(), bytes, "{file}");
        assert_eq!(got.body_json(), parsed(&file).0, "{file}");
    }
    assert_eq!(receiver.received().len(), SEEDS.len());
}

#[test]
fn serve_accepts_every_seed_sample_and_variant() {
    let serve = Serve::start(&["--sdkappid", "1400000000", "--token", "seed-token"]);
    let files: Vec<(String, &str)> = SEEDS
        .iter()
        .map(|(file, decision)| (format!("seeds/{file}"), *decision))
        .chain(
            VARIANTS
                .iter()
                .map(|(file, decision)| (format!("variants/{file}"), *decision)),
        )
        .collect();
    for (file, decision) in &files {
        let run = run(&[
            "send",
            "--fixture",
            &path_of(file),
            "--url",
            &serve.url,
            "--token",
            "seed-token",
            "--expect",
            decision,
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 0, "{file}: {}", run.stdout);
        assert_eq!(
            run.json()["response"]["body"]["ActionStatus"],
            "OK",
            "{file}"
        );
    }
    let lines = serve.wait_for_lines(1 + files.len());
    for ((file, decision), line) in files.iter().zip(&lines[1..]) {
        assert!(
            line.contains(&format!("-> 200 {decision}")),
            "{file}: {line}"
        );
    }
    // The older pages' bodies are accepted with a note, not refused.
    assert!(
        lines[1].contains("note: before-create has no EventTime"),
        "{}",
        lines[1]
    );
}

/// The bodies of the older pages can be built from flags, too.
#[test]
fn an_older_pages_body_is_built_with_unset_and_set() {
    let receiver = Receiver::start(Reply::ok());
    let run = send_json(
        "before-create",
        &receiver.url,
        &["--unset", "EventTime", "--set", "CreatedNum=123"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        receiver.single().body_json(),
        parsed("seeds/000-before-create.json").0
    );
}

/// A fixture no flag edits is sent as its bytes, whatever serde_json would make of them:
/// numbers (`1E2`, `-0`, a big integer), keys given twice, the layout. Once a flag edits it,
/// what the re-writing changes is said on stderr.
#[test]
fn an_unedited_fixture_is_sent_byte_for_byte_and_an_edit_says_what_it_changes() {
    let receiver = Receiver::start(Reply::ok());
    let dir = crate::support::tempdir();
    let file = dir.join("odd.json");
    let text = "{ \"CallbackCommand\": \"Group.CallbackBeforeCreateGroup\", \"Operator_Account\": \"a\",\n  \"Type\": \"Public\", \"Name\": \"n\", \"Name\": \"dup\",\n  \"EventTime\": 123456789012345678901234567890, \"CreatedNum\": 1E2, \"X\": -0 }\n";
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();
    let sent = run(&["send", "--fixture", file, "--url", &receiver.url]);
    assert!(!sent.stderr.contains("re-written"), "{}", sent.stderr);
    assert_eq!(
        receiver.received().pop().unwrap().body.to_vec(),
        text.as_bytes()
    );
    let curl = run(&["send", "--fixture", file, "--url", &receiver.url, "--curl"]);
    assert!(
        curl.stdout.contains("123456789012345678901234567890"),
        "{}",
        curl.stdout
    );
    assert!(curl.stdout.contains("\"Name\": \"dup\""), "{}", curl.stdout);

    for edit in [
        &["--set", "Name=x"][..],
        &["--unset", "X"],
        &["--owner", "o"],
    ] {
        let mut args = vec!["send", "--fixture", file, "--url", &receiver.url];
        args.extend_from_slice(edit);
        let edited = run(&args);
        assert!(
            edited.stderr.contains("note: --fixture edited by flags is sent re-written from its JSON: keys given twice (/Name) keep only their last value"),
            "{edit:?}: {}",
            edited.stderr
        );
        let got = receiver.received().pop().unwrap().body.to_vec();
        assert_ne!(got, text.as_bytes(), "{edit:?}");
    }
    // Without duplicates, the numbers are what a re-writing changes.
    let numbers = dir.join("numbers.json");
    std::fs::write(&numbers, text.replace("\"Name\": \"n\", ", "")).unwrap();
    let edited = run(&[
        "send",
        "--fixture",
        numbers.to_str().unwrap(),
        "--url",
        &receiver.url,
        "--set",
        "Name=x",
    ]);
    assert!(
        edited
            .stderr
            .contains("numbers or escapes are written another way"),
        "{}",
        edited.stderr
    );
}
