//! `grpcb demo`: the zero-setup tour passes and covers every callback of the catalog.

use crate::support::{callbacks, run};
use std::collections::BTreeSet;

#[test]
fn demo_passes_and_mentions_every_callback() {
    let run = run(&["demo"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let known = callbacks();
    for (alias, _) in &known {
        assert!(
            run.stdout
                .lines()
                .any(|line| line.starts_with("PASS") && line.contains(&format!(" {alias} "))),
            "no PASS line for {alias}:\n{}",
            run.stdout
        );
    }
    let closing = run
        .stdout
        .lines()
        .find(|line| line.ends_with("passed"))
        .expect("a closing line");
    let numbers: Vec<usize> = closing
        .split_whitespace()
        .filter_map(|word| word.trim_end_matches(',').parse().ok())
        .collect();
    assert_eq!(numbers.len(), 2, "{closing}");
    assert_eq!(numbers[0], numbers[1], "{closing}");
    assert!(numbers[0] > known.len(), "{closing}");
}

#[test]
fn demo_as_json_shows_the_interesting_decisions() {
    let run = run(&["demo", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["failed"], 0);
    assert_eq!(report["passed"], report["total"]);
    let checks = report["checks"].as_array().expect("checks");
    let aliases: BTreeSet<&str> = checks
        .iter()
        .filter_map(|check| check["alias"].as_str())
        .collect();
    for (alias, _) in callbacks() {
        assert!(aliases.contains(alias.as_str()), "{alias}");
    }
    let decisions: BTreeSet<&str> = checks
        .iter()
        .filter_map(|check| check["decision"].as_str())
        .collect();
    for decision in ["allow", "ignored", "deny", "deny-custom", "allow-partial"] {
        assert!(decisions.contains(decision), "{decision}: {decisions:?}");
    }
    assert!(checks.iter().all(|check| check["verdict"] == "pass"));
    // The demo signs its callbacks with a token it never prints.
    assert!(!run.stdout.contains("grpcb-demo-token"));
    assert!(checks[0]["request"]["query"]["Sign"].is_string());
}
