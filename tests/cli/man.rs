//! `grpcb man`: the pages are generated from the CLI, committed under `man/`, and readable.

use crate::support::{run, tempdir};
use std::path::{Path, PathBuf};

fn man_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("man")
}

/// grpcb's page, then one per subcommand (clap's `help` has none).
fn pages() -> Vec<(Option<String>, String)> {
    let mut pages = vec![(None, "grpcb.1".to_string())];
    for sub in grpcb::cli::command().get_subcommands() {
        let name = sub.get_name().to_string();
        pages.push((Some(name.clone()), format!("grpcb-{name}.1")));
    }
    pages
}

#[test]
fn committed_man_pages_match_the_cli() {
    for (name, file) in pages() {
        let mut args = vec!["man"];
        args.extend(name.as_deref());
        let printed = run(&args);
        assert_eq!(printed.code, 0, "{file}: {}", printed.stderr);
        let committed = std::fs::read_to_string(man_dir().join(&file)).unwrap_or_default();
        assert!(
            printed.stdout == committed,
            "man/{file} is out of date with the CLI: run scripts/update-completions.sh"
        );
    }
    let mut committed: Vec<String> = std::fs::read_dir(man_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    committed.sort();
    let mut expected: Vec<String> = pages().into_iter().map(|(_, file)| file).collect();
    expected.sort();
    assert_eq!(
        committed, expected,
        "man/ holds a page of no command, or lacks one"
    );
}

#[test]
fn man_dir_writes_the_committed_pages() {
    let dir = tempdir().join("man1");
    let written = run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert_eq!(written.stdout.lines().count(), pages().len());
    for (_, file) in pages() {
        assert_eq!(
            std::fs::read_to_string(dir.join(&file)).unwrap(),
            std::fs::read_to_string(man_dir().join(&file)).unwrap(),
            "{file}"
        );
    }
}

/// Rendered by groff as `man` does, with every warning on: no warning, and the text a
/// reader needs (a flag, an example, the exit codes, the other pages).
#[test]
fn man_pages_render_without_warnings() {
    for (name, file) in pages() {
        let output = std::process::Command::new("groff")
            // Plain text (no overstrike), lines long enough that no word is broken.
            .args(["-man", "-Tutf8", "-ww", "-P-cbou", "-rLL=300n", "-rHY=0"])
            .arg(man_dir().join(&file))
            .output()
            .expect("groff runs (Debian's groff-base, which man-db needs)");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && stderr.is_empty(),
            "{file}: {stderr}"
        );
        let plain = String::from_utf8_lossy(&output.stdout).replace('‐', "-");
        for needle in ["NAME", "SYNOPSIS", "OPTIONS", "SEE ALSO"] {
            assert!(plain.contains(needle), "{file} lacks {needle}:\n{plain}");
        }
        // The examples --help closes with (replay's are in its details).
        if grpcb::cli::examples(name.as_deref()).is_some() {
            assert!(
                plain.contains("EXAMPLES"),
                "{file} lacks EXAMPLES:\n{plain}"
            );
        }
        match name.as_deref() {
            None => {
                assert!(plain.contains("grpcb-send(1)"), "{plain}");
                assert!(plain.contains("EXIT STATUS"), "{plain}");
            }
            Some("bench") => {
                assert!(plain.contains("--max-p99"), "{plain}");
                assert!(plain.contains("GRPCB_URL"), "{plain}");
                assert!(plain.contains("grpcb bench before-send --url"), "{plain}");
            }
            Some(_) => assert!(plain.contains("grpcb(1)"), "{plain}"),
        }
    }
}

#[test]
fn an_unknown_page_is_an_input_error() {
    let run = run(&["man", "sned"]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr.contains("is not a grpcb command"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("send"), "{}", run.stderr);
}
