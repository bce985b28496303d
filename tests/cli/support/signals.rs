//! grpcb as a running process, stopped by a real signal (`kill -INT`/`kill -TERM`) as a
//! shell or a CI runner stops it. Every wait is bounded: a process that does not stop is
//! killed and the test fails.

use super::{LEAKY_ENV, Run};
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a test waits for a process to start, or to stop after a signal.
const PATIENCE: Duration = Duration::from_secs(30);

pub struct Running {
    child: Child,
    /// stdout, line by line as it comes.
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
    stderr: JoinHandle<String>,
}

impl Running {
    /// Starts grpcb with these arguments, its environment cleaned as `support::grpcb` does.
    pub fn start(args: &[&str]) -> Running {
        let mut command = Command::new(env!("CARGO_BIN_EXE_grpcb"));
        command
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for var in LEAKY_ENV {
            command.env_remove(var);
        }
        let mut child = command.spawn().expect("grpcb starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Running {
            child,
            lines,
            seen: Vec::new(),
            stderr,
        }
    }

    /// Waits until a stdout line satisfies `wanted`.
    pub fn wait_for_line(&mut self, wanted: impl Fn(&str) -> bool) {
        let started = Instant::now();
        while !self.seen.iter().any(|line| wanted(line)) {
            let left = PATIENCE.saturating_sub(started.elapsed());
            match self.lines.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => panic!(
                    "no such line within {PATIENCE:?}:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Waits for the first stdout line and returns it.
    pub fn first_line(&mut self) -> String {
        self.wait_for_line(|_| true);
        self.seen[0].clone()
    }

    /// Sends `signal` (INT or TERM) to the process.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([format!("-{signal}"), self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{signal} failed");
    }

    /// Waits for the process to end and returns what it printed. `code` is -1 when a
    /// signal ended it (it had no handler for it).
    pub fn finish(mut self) -> Run {
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("waits") {
                break status;
            }
            if started.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("grpcb did not stop within {PATIENCE:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        self.seen.extend(self.lines.iter());
        let mut stdout = self.seen.join("\n");
        if !stdout.is_empty() {
            stdout.push('\n');
        }
        Run {
            code: status.code().unwrap_or(-1),
            stdout,
            stderr: self.stderr.join().unwrap_or_default(),
        }
    }
}

/// Runs grpcb, sends `signal` once it has run for `after`, and returns the run. A process
/// the signal itself ended (on a loaded machine, before its handler was in place) is
/// started again with a longer wait, up to four times; a handler that is never installed
/// still fails.
pub fn stopped_after(args: &[&str], after: Duration, signal: &str) -> Run {
    let mut wait = after;
    for _ in 0..4 {
        let running = Running::start(args);
        std::thread::sleep(wait);
        running.signal(signal);
        let run = running.finish();
        if run.code != -1 {
            return run;
        }
        wait *= 2;
    }
    panic!("grpcb {args:?} never caught SIG{signal}");
}
