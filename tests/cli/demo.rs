//! `grpcb demo`: the zero-setup tour passes and covers every callback of the catalog.

use crate::support::signals::{Running, stopped_after};
use crate::support::{callbacks, run};
use std::collections::BTreeSet;
use std::time::Duration;

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
    assert_eq!(report["verdict"], "pass");
    assert!(report["stopped"].is_null() && report["signal"].is_null());
    // The demo signs its callbacks with a token it never prints.
    assert!(!run.stdout.contains("grpcb-demo-token"));
    assert!(checks[0]["request"]["query"]["Sign"].is_string());
}

#[test]
fn sigint_stops_the_tour_with_the_checks_done_so_far() {
    let mut running = Running::start(&["demo", "--pace", "300ms"]);
    // A first check reported: the tour is under way and its handler in place.
    running.wait_for_line(|line| line.starts_with("PASS"));
    running.signal("INT");
    let run = running.finish();
    assert_eq!(run.code, 130, "{}\n{}", run.stdout, run.stderr);
    let ran = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("PASS"))
        .count();
    let closing = run.stdout.lines().last().unwrap_or_default();
    let total = callbacks().len();
    let numbers: Vec<usize> = closing
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|word| word.parse().ok())
        .collect();
    assert!(
        closing.starts_with("STOPPED by SIGINT after ") && closing.ends_with(" passed)"),
        "{}",
        run.stdout
    );
    assert_eq!(numbers[0], ran, "{closing}");
    assert!(numbers[1] > total && ran < numbers[1], "{closing}");
    assert_eq!(numbers[2], ran, "{closing}");
    assert!(!run.stdout.contains("Next:"), "{}", run.stdout);
}

#[test]
fn sigterm_stops_a_json_tour_with_a_verdict_that_is_not_pass() {
    let run = stopped_after(
        &["demo", "--format", "json", "--pace", "1s"],
        Duration::from_millis(1500),
        "TERM",
    );
    assert_eq!(run.code, 143, "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    assert_eq!(report["stopped"], "signal");
    assert_eq!(report["signal"], "SIGTERM");
    assert_eq!(report["verdict"], "stopped");
    let checks = report["checks"].as_array().expect("checks").len();
    assert_eq!(report["passed"].as_u64(), Some(checks as u64), "{report:#}");
    assert!(report["total"].as_u64() > Some(checks as u64), "{report:#}");
}

#[test]
fn a_bad_pace_exits_4() {
    let run = run(&["demo", "--pace", "soon"]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("--pace `soon`"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

/// The tour shows each family's interesting decisions, not only the group's.
#[test]
fn demo_tours_the_decisions_of_every_family() {
    let run = run(&["demo", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    let seen: BTreeSet<(String, String)> = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|check| {
            (
                check["alias"].as_str().unwrap_or_default().to_string(),
                check["decision"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    for (alias, decision) in [
        ("before-send", "drop"),
        ("before-send", "allow-modified"),
        ("c2c-before-send", "drop"),
        ("c2c-before-send", "deny-custom"),
        ("c2c-before-send", "allow-modified"),
        ("sns-prev-friend-add", "allow-partial"),
        ("sns-prev-friend-add", "deny"),
        ("oa-before-add-subscriber", "allow-partial"),
        ("chatbot-c2c-signal", "allow"),
        ("push-offline", "ignored"),
    ] {
        assert!(
            seen.contains(&(alias.to_string(), decision.to_string())),
            "{alias} {decision}: {seen:?}"
        );
    }
    let human = crate::support::run(&["demo"]).stdout;
    assert!(
        human.contains("the sender gets 120001 \"you are muted\""),
        "{human}"
    );
    assert!(human.contains("except for blocked (38000)"), "{human}");
}
