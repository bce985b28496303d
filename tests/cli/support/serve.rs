//! `grpcb serve` (or `grpcb listen`) as a child process: started on a free loopback port, its
//! URL read from the first stdout line, its log collected, killed when the guard drops.

use super::LEAKY_ENV;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long to wait for the server to say something before failing the test.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `grpcb serve`; dropping it kills the process.
pub struct Serve {
    child: Child,
    /// The callback URL from the first stdout line, e.g. `http://127.0.0.1:40123/`.
    pub url: String,
    /// `127.0.0.1:40123`, for raw TCP.
    pub addr: String,
    lines: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<String>>,
    /// stdout after its first line, when nobody reads it (`start_unread`).
    _unread: Option<BufReader<std::process::ChildStdout>>,
}

impl Serve {
    /// `grpcb serve --addr 127.0.0.1:0 ARGS...`, waiting until it prints its URL.
    pub fn start(args: &[&str]) -> Serve {
        Serve::start_with_env(args, &[])
    }

    /// The same, with these environment variables set.
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Serve {
        Serve::spawn(args, env, true)
    }

    /// `grpcb listen --addr 127.0.0.1:0 --forward-to URL ARGS...`, waiting until it prints
    /// its URL.
    pub fn listen(forward_to: &str, args: &[&str]) -> Serve {
        let mut words = vec![
            "listen",
            "--addr",
            "127.0.0.1:0",
            "--forward-to",
            forward_to,
        ];
        words.extend_from_slice(args);
        Serve::spawn_command(Command::new(env!("CARGO_BIN_EXE_grpcb")), &words, &[], true)
    }

    /// The same, but after the URL line nobody reads stdout: a pipe that fills up.
    pub fn start_unread(args: &[&str]) -> Serve {
        Serve::spawn(args, &[], false)
    }

    /// `grpcb serve --addr 127.0.0.1:0 ARGS...`.
    fn serve_words<'a>(args: &[&'a str]) -> Vec<&'a str> {
        let mut words = vec!["serve", "--addr", "127.0.0.1:0"];
        words.extend_from_slice(args);
        words
    }

    /// The same, under `ulimit -n files` (a low open-file limit).
    pub fn start_with_open_files(files: u32, args: &[&str]) -> Serve {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_grpcb"));
        Serve::spawn_command(command, &Serve::serve_words(args), &[], true)
    }

    fn spawn(args: &[&str], env: &[(&str, &str)], read_log: bool) -> Serve {
        Serve::spawn_command(
            Command::new(env!("CARGO_BIN_EXE_grpcb")),
            &Serve::serve_words(args),
            env,
            read_log,
        )
    }

    fn spawn_command(
        mut command: Command,
        args: &[&str],
        env: &[(&str, &str)],
        read_log: bool,
    ) -> Serve {
        command
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for var in LEAKY_ENV {
            command.env_remove(var);
        }
        command.envs(env.iter().copied());
        let mut child = command.spawn().expect("grpcb starts");
        let stdout = child.stdout.take().expect("stdout piped");
        let mut stderr_pipe = child.stderr.take().expect("stderr piped");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut unread = None;
        {
            if read_log {
                let lines = lines.clone();
                std::thread::spawn(move || {
                    for line in BufReader::new(stdout).lines() {
                        let Ok(line) = line else { break };
                        lines.lock().unwrap().push(line);
                    }
                });
            } else {
                let mut reader = BufReader::new(stdout);
                let mut first = String::new();
                reader.read_line(&mut first).expect("the URL line");
                lines.lock().unwrap().push(first.trim_end().to_string());
                unread = Some(reader);
            }
            let stderr = stderr.clone();
            std::thread::spawn(move || {
                let mut text = String::new();
                let mut buffer = [0u8; 1024];
                while let Ok(read) = stderr_pipe.read(&mut buffer) {
                    if read == 0 {
                        break;
                    }
                    text.push_str(&String::from_utf8_lossy(&buffer[..read]));
                    *stderr.lock().unwrap() = text.clone();
                }
            });
        }
        let mut serve = Serve {
            child,
            url: String::new(),
            addr: String::new(),
            lines,
            stderr,
            _unread: unread,
        };
        let first = serve.wait_for_lines(1).remove(0);
        serve.url = url_in(&first).unwrap_or_else(|| panic!("no URL in `{first}`"));
        serve.addr = serve
            .url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        serve
    }

    /// Every stdout line so far, the URL line first.
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// Waits until stdout has at least `count` lines and returns them all.
    pub fn wait_for_lines(&self, count: usize) -> Vec<String> {
        let started = Instant::now();
        loop {
            let lines = self.lines();
            if lines.len() >= count {
                return lines;
            }
            if started.elapsed() > PATIENCE {
                panic!(
                    "grpcb serve printed {} of {count} lines:\n{}\nstderr:\n{}",
                    lines.len(),
                    lines.join("\n"),
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr contains `needle` and returns it all.
    pub fn wait_for_stderr(&self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let stderr = self.stderr();
            if stderr.contains(needle) {
                return stderr;
            }
            if started.elapsed() > PATIENCE {
                panic!("grpcb serve never printed `{needle}` on stderr:\n{stderr}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM and returns the exit code.
    pub fn terminate(&mut self) -> Option<i32> {
        self.signal("-TERM")
    }

    /// Sends a signal (`-INT`, `-TERM`) and returns the exit code.
    pub fn signal(&mut self, signal: &str) -> Option<i32> {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            if started.elapsed() > PATIENCE {
                panic!("grpcb serve did not stop on {signal}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Writes raw bytes to the server and returns everything it answers before closing
    /// (send `Connection: close` in an HTTP request).
    pub fn raw(&self, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        // Requests say `Connection: close`; the server closes after answering.
        let _ = stream.write_all(request);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The first `http://...` word of a line (human format), or the `url` of a JSON line.
pub fn url_in(line: &str) -> Option<String> {
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(line) {
        return json["url"].as_str().map(str::to_string);
    }
    line.split_whitespace()
        .find(|word| word.starts_with("http://"))
        .map(str::to_string)
}
