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

/// The fixture parsed (key order kept), and its bytes as grpcb sends them: compact JSON.
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
        let (value, bytes) = parsed(&file);
        assert_eq!(got.body.to_vec(), bytes, "{file}");
        assert_eq!(got.body_json(), value, "{file}");
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
