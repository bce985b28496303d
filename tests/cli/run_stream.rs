//! `grpcb run` streams its cases: what it prints and writes for the example suites is byte for
//! byte what the run printed when it held every case and report in memory (the golden files
//! under `tests/golden/run/` were written by that version), in every format, with `--jobs 1`
//! and `--jobs 8`. Timings, ports and dates are masked; everything else must match.
//!
//! To rewrite the golden files after an intended change of output:
//! `GRPCB_UPDATE_GOLDEN=1 cargo test --test cli run_stream`.

use crate::support::serve::Serve;
use crate::support::{Receiver, fixture, run, tempdir};
use std::path::PathBuf;

/// What `grpcb run SUITE --url URL` prints in each format, masked, for one suite and receiver.
fn outputs(suite: &str, url: &str, base: &str, jobs: &str) -> [(&'static str, String); 3] {
    let suite = fixture(suite);
    let suite = suite.to_str().expect("UTF-8 path");
    let junit = tempdir().join("report.xml");
    let junit = junit.to_str().expect("UTF-8 path");
    let human = run(&["run", suite, "--url", url, "--jobs", jobs, "--junit", junit]);
    let xml = std::fs::read_to_string(junit).expect("JUnit written");
    let json = run(&[
        "run", suite, "--url", url, "--jobs", jobs, "--format", "json",
    ]);
    assert_eq!(human.code, json.code, "{}{}", human.stdout, human.stderr);
    let root = fixture("").display().to_string();
    let mask = |text: &str| {
        mask(
            &text
                .replace(base, "http://receiver")
                .replace(&root, "FIXTURES/"),
        )
    };
    [
        ("human.txt", mask(&human.stdout)),
        ("json", mask(&json.stdout)),
        ("junit.xml", mask(&xml)),
    ]
}

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/run")
        .join(name)
}

/// Compares with the golden file, or writes it when asked to.
fn assert_golden(name: &str, jobs: &str, actual: &str) {
    let path = golden(name);
    if std::env::var_os("GRPCB_UPDATE_GOLDEN").is_some() && jobs == "1" {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).expect("golden file exists");
    assert!(
        expected == actual,
        "{name} with --jobs {jobs} differs from {}:\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

#[test]
fn the_example_suite_prints_what_it_printed_before_streaming() {
    let receiver = Receiver::allowing();
    for jobs in ["1", "8"] {
        for (format, text) in outputs("suites/example.toml", &receiver.url, &receiver.base, jobs) {
            assert_golden(&format!("example.{format}"), jobs, &text);
        }
    }
}

#[test]
fn the_rules_suite_prints_what_it_printed_before_streaming_passing_and_failing() {
    let rules = fixture("serve-rules.toml");
    let ruled = Serve::start(&["--rules", rules.to_str().expect("UTF-8 path")]);
    let plain = Serve::start(&[]);
    for jobs in ["1", "8"] {
        for (receiver, name) in [(&ruled, "rules-pass"), (&plain, "rules-fail")] {
            let base = receiver.url.trim_end_matches('/');
            for (format, text) in outputs("suites/rules.toml", &receiver.url, base, jobs) {
                assert_golden(&format!("{name}.{format}"), jobs, &text);
            }
        }
    }
}

/// Masks what changes from run to run: latencies and durations (human `0.2 ms`, right-aligned
/// in their column; JSON `"latency_ms": 0.213`; JUnit `time="0.001"`) and HTTP `date` headers.
fn mask(text: &str) -> String {
    let text = mask_after(text, "\"latency_ms\": ", |c| c.is_ascii_digit() || c == '.');
    let text = mask_after(&text, " time=\"", |c| c != '"');
    let text = mask_after(&text, "\"date\": \"", |c| c != '"');
    text.lines()
        .map(mask_durations)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Replaces what follows each `marker`, as long as `masked` holds, with `#`.
fn mask_after(text: &str, marker: &str, masked: impl Fn(char) -> bool) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at + marker.len()]);
        rest = &rest[at + marker.len()..];
        let end = rest.find(|c| !masked(c)).unwrap_or(rest.len());
        out.push('#');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `   0.2 ms` and `  12.30 s` become `# ms` and `# s` after exactly two spaces, so the
/// column's padding (which depends on the figure) does not matter, all else does.
fn mask_durations(line: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let number = &chars[start..i];
        let unit = ["ms", "s"].into_iter().find(|unit| {
            let tail: String = chars[i..].iter().take(unit.len() + 2).collect();
            tail.starts_with(&format!(" {unit}"))
                && !tail[unit.len() + 1..].starts_with(|c: char| c.is_alphanumeric())
        });
        match unit {
            Some(unit)
                if number.contains(&'.') && number.first().is_some_and(char::is_ascii_digit) =>
            {
                let trimmed = out.trim_end_matches(' ').len();
                if trimmed < out.len() {
                    out.truncate(trimmed);
                    out.push_str("  ");
                }
                out.push_str(&format!("# {unit}"));
                i += unit.len() + 1;
            }
            _ => {
                out.extend(number);
                if i < chars.len() {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
    }
    out
}

#[test]
fn masking_keeps_everything_but_the_figures() {
    assert_eq!(
        mask_durations("PASS  a  allow             0.2 ms"),
        "PASS  a  allow  # ms"
    );
    assert_eq!(
        mask_durations("PASS  a  allow            12.30 s  x: 1.5 ms over"),
        "PASS  a  allow  # s  x:  # ms over"
    );
    assert_eq!(mask_durations("case 2 of 3 sms"), "case 2 of 3 sms");
    assert_eq!(
        mask("\"latency_ms\": 0.213,\n time=\"0.001\""),
        "\"latency_ms\": #,\n time=\"#\""
    );
}
