//! Test support: the grpcb binary, a loopback HTTP receiver that records what it received,
//! and a raw TCP server for answers that are not well-formed HTTP.

#![allow(dead_code)]

pub mod browser;
pub mod defects;
pub mod load_tools;
pub mod raw;
pub mod receiver;
pub mod serve;
pub mod signals;

pub use raw::RawServer;
pub use receiver::Received;
pub use receiver::{Receiver, Reply};
pub use serve::Serve;

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

/// Environment variables that would leak the developer's setup into a test.
pub const LEAKY_ENV: [&str; 11] = [
    "GRPCB_URL",
    "GRPCB_SDKAPPID",
    "GRPCB_TOKEN",
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// The grpcb binary with an environment that cannot leak into tests.
pub fn grpcb() -> Command {
    let mut cmd = Command::cargo_bin("grpcb").expect("binary builds");
    for var in LEAKY_ENV {
        cmd.env_remove(var);
    }
    cmd.timeout(std::time::Duration::from_secs(60));
    cmd
}

/// A file under `fixtures/`.
pub fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(path)
}

/// A fixture's text.
pub fn fixture_text(path: &str) -> String {
    std::fs::read_to_string(fixture(path)).expect("fixture exists")
}

/// What one run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout parsed as one JSON document.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|err| {
            panic!(
                "stdout is not JSON ({err}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// The codes of the findings in a JSON report.
    pub fn finding_codes(&self) -> Vec<String> {
        self.json()["findings"]
            .as_array()
            .expect("findings array")
            .iter()
            .map(|finding| finding["code"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}

/// Runs grpcb with these arguments and captures everything.
pub fn run(args: &[&str]) -> Run {
    run_cmd(grpcb().args(args))
}

/// Runs a prepared command and captures everything.
pub fn run_cmd(cmd: &mut Command) -> Run {
    let output = cmd.output().expect("grpcb runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `grpcb send CALLBACK --url URL --format json EXTRA...`.
pub fn send_json(callback: &str, url: &str, extra: &[&str]) -> Run {
    let mut args = vec!["send", callback, "--url", url, "--format", "json"];
    args.extend_from_slice(extra);
    run(&args)
}

/// A fresh directory under the target dir (kept small; removed on the next run).
pub fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "grpcb-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Sends `callback` to a receiver answering `reply`; returns the run.
pub fn answer(callback: &str, reply: Reply, extra: &[&str]) -> Run {
    let receiver = Receiver::start(reply);
    send_json(callback, &receiver.url, extra)
}

/// Asserts exit code, verdict, decision and the exact list of finding codes.
#[track_caller]
pub fn check(run: &Run, code: i32, verdict: &str, decision: &str, findings: &[&str]) {
    let report = run.json();
    assert_eq!(
        (
            run.code,
            report["verdict"].as_str(),
            report["decision"].as_str()
        ),
        (code, Some(verdict), Some(decision)),
        "{}",
        run.stdout
    );
    assert_eq!(run.finding_codes(), findings, "{}", run.stdout);
}

pub fn body(text: &str) -> Reply {
    Reply::json(text)
}

/// Every callback `grpcb list --format json` knows: (alias, kind).
pub fn callbacks() -> Vec<(String, String)> {
    run(&["list", "--format", "json"])
        .json()
        .as_array()
        .expect("list is an array")
        .iter()
        .map(|entry| {
            (
                entry["alias"].as_str().unwrap_or_default().to_string(),
                entry["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}
