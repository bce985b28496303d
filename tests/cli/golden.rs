//! Golden tests: what a person sees, byte for byte, so that a change in it is a reviewed diff.
//!
//! Each folder under `tests/golden/` is one case:
//! - `cmd`: the grpcb arguments, one per line, or one shell-like line (quotes group words);
//! - `answer` (optional): what a loopback receiver replies to every request, `{url}` its
//!   address: a raw HTTP answer when it starts with `HTTP/` (its head may use plain line
//!   ends), else a JSON body sent with 200;
//! - `serve` (optional, instead of `answer`): the arguments of a `grpcb serve` receiver;
//! - `then` (optional): the command keeps running (serve): once it printed its first line,
//!   these grpcb commands run against it, one per line, `{listening}` its URL; then SIGTERM;
//! - `stdout`, `stderr`, `code`: what it printed and how it exited, normalised (`normalise`);
//! - `files/` (optional): every file the command wrote in `{tmp}`, normalised the same way.
//!
//! `run-SUITE` and `run-SUITE-jobs8` expect the same output: a run reports its cases in file
//! order whatever `--jobs` (`a_run_prints_the_same_whatever_its_jobs`).
//!
//! Other placeholders: `{case}` the case folder (for its own input files), `{fixtures}`,
//! `{tmp}` a fresh folder, `{closed}` the URL of a loopback port nobody listens on.
//!
//! To rewrite the expected files after an intended change (then review the diff):
//! `GRPCB_UPDATE_GOLDEN=1 cargo test --test cli golden`.

use crate::support::signals::Running;
use crate::support::{RawServer, Receiver, Reply, Serve, grpcb, run_cmd, tempdir};
use regex::Regex;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn updating() -> bool {
    std::env::var_os("GRPCB_UPDATE_GOLDEN").is_some()
}

/// What one case printed and wrote, normalised.
#[derive(Debug, Default)]
struct Outcome {
    stdout: String,
    stderr: String,
    code: String,
    /// (path under `{tmp}`, text) of every file written there.
    files: Vec<(String, String)>,
}

/// Where the placeholders point for one case.
struct Places {
    case: PathBuf,
    tmp: PathBuf,
    url: String,
    closed: String,
}

impl Places {
    fn fill(&self, text: &str) -> String {
        text.replace("{case}", &self.case.display().to_string())
            .replace("{fixtures}", &fixtures().display().to_string())
            .replace("{tmp}", &self.tmp.display().to_string())
            .replace("{url}", &self.url)
            .replace("{closed}", &self.closed)
    }

    /// The places back as placeholders, the longest first (the case folder is inside the
    /// repository, as are the fixtures).
    fn unfill(&self, text: &str) -> String {
        text.replace(&self.case.display().to_string(), "{case}")
            .replace(&fixtures().display().to_string(), "{fixtures}")
            .replace(&self.tmp.display().to_string(), "{tmp}")
    }
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// `a 'b c' "d"` into words; one argument per line when the file has several lines.
fn arguments(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().filter(|line| !line.is_empty()).collect();
    if lines.len() > 1 {
        return lines.into_iter().map(str::to_string).collect();
    }
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in text.trim().chars() {
        match (quote, c) {
            (Some(open), c) if c == open => quote = None,
            (Some(_), c) => word.get_or_insert_default().push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_default().push(c),
        }
    }
    words.extend(word);
    words
}

/// A URL on a loopback port that was free a moment ago and is closed now.
fn closed_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("address").port();
    format!("http://127.0.0.1:{port}/im")
}

/// A raw HTTP answer as written in a file: the head's line ends made CRLF.
fn raw_answer(text: &str) -> Vec<u8> {
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let head = head.trim_end_matches('\r').replace("\r\n", "\n");
    format!("{}\r\n\r\n{body}", head.replace('\n', "\r\n")).into_bytes()
}

/// The receivers a case talks to; they live as long as the value.
enum Receivers {
    None,
    Json(Receiver),
    Raw(RawServer),
    Serve(Serve),
}

impl Receivers {
    fn start(case: &Path) -> Receivers {
        if let Some(answer) = read(&case.join("answer")) {
            if answer.starts_with("HTTP/") {
                Receivers::Raw(RawServer::answering(raw_answer(&answer)))
            } else {
                Receivers::Json(Receiver::start(Reply::json(answer.trim_end())))
            }
        } else if let Some(args) = read(&case.join("serve")) {
            let args: Vec<String> = arguments(&args)
                .iter()
                .map(|arg| {
                    arg.replace("{fixtures}", &fixtures().display().to_string())
                        .replace("{case}", &case.display().to_string())
                })
                .collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            Receivers::Serve(Serve::start(&args))
        } else {
            Receivers::None
        }
    }

    fn url(&self) -> String {
        match self {
            Receivers::None => String::new(),
            Receivers::Json(receiver) => receiver.url.clone(),
            Receivers::Raw(server) => server.url.clone(),
            Receivers::Serve(serve) => serve.url.clone(),
        }
    }
}

/// Runs one case and returns what it printed, normalised.
fn run_case(case: &Path) -> Outcome {
    let receivers = Receivers::start(case);
    let places = Places {
        case: case.to_path_buf(),
        tmp: tempdir(),
        url: receivers.url(),
        closed: closed_url(),
    };
    let cmd = read(&case.join("cmd")).unwrap_or_else(|| panic!("{}: no cmd", case.display()));
    let args: Vec<String> = arguments(&cmd).iter().map(|arg| places.fill(arg)).collect();
    let run = match read(&case.join("then")) {
        None => run_cmd(grpcb().args(&args).current_dir(&places.tmp)),
        Some(then) => {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let mut running = Running::start(&args);
            let first = running.first_line();
            let listening = crate::support::serve::url_in(&first).unwrap_or_default();
            for line in then.lines().filter(|line| !line.trim().is_empty()) {
                let args: Vec<String> = arguments(line)
                    .iter()
                    .map(|arg| places.fill(arg).replace("{listening}", &listening))
                    .collect();
                run_cmd(grpcb().args(&args));
            }
            running.signal("TERM");
            running.finish()
        }
    };
    drop(receivers);
    let shown = |text: &str| normalise(&places.unfill(text));
    Outcome {
        stdout: shown(&run.stdout),
        stderr: shown(&run.stderr),
        code: format!("{}\n", run.code),
        files: files_under(&places.tmp)
            .into_iter()
            .map(|(name, text)| (name, shown(&text)))
            .collect(),
    }
}

/// Every file under `dir`, by its path relative to it, in order.
fn files_under(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                let text =
                    String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
                files.push((relative.display().to_string(), text));
            }
        }
    }
    files.sort();
    files
}

/// What changes from run to run and nothing else, and what stands for it: loopback ports, a
/// request's `RequestTime` and `Sign`, latencies and rates (a right-aligned figure's padding
/// too: one or more spaces before it become two), clock times and dates.
const MASKS: [(&str, &str); 12] = [
    // Ephemeral ports (five digits on Linux); a documented `127.0.0.1:8080` stays.
    (r"127\.0\.0\.1:\d{5}\b", "127.0.0.1:PORT"),
    // A request's `RequestTime` and `Sign` (not `grpcb sign`'s pinned ones).
    (r"(?P<at>[?&])RequestTime=\d+", "${at}RequestTime=#"),
    (r"(?P<at>[?&])Sign=[0-9a-f]{64}", "${at}Sign=#"),
    // Latencies: `0.2 ms`, `2.05 s`; JSON `"latency_ms": 0.213`; JUnit `time="0.001"`.
    (r" +\d+\.\d+ (?P<unit>ms|s)\b", "  # $unit"),
    (r"\b\d+\.\d+ (?P<unit>ms|s)\b", "# $unit"),
    (r#""latency_ms": ?[\d.]+"#, r##""latency_ms": #"##),
    (r#" time="[^"]*""#, r##" time="#""##),
    (r"[\d,]+(\.\d+)? req/s", "# req/s"),
    // audit's slowest request is whichever was slowest this time.
    (r"slowest  # ms \(.*\)", "slowest  # ms (#)"),
    // serve's log: `21:26:10.443`; RFC 3339 times; HTTP dates.
    (r"\b\d\d:\d\d:\d\d\.\d{3}\b", "HH:MM:SS.mmm"),
    (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", "TIME"),
    (r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT", "DATE"),
];

/// The masks compiled, and the version last (`grpcb --version`).
static PATTERNS: LazyLock<Vec<(Regex, String)>> = LazyLock::new(|| {
    let version = format!("grpcb {}", env!("CARGO_PKG_VERSION"));
    MASKS
        .iter()
        .map(|(pattern, instead)| (pattern.to_string(), instead.to_string()))
        .chain([(regex::escape(&version), "grpcb {version}".to_string())])
        .map(|(pattern, instead)| (Regex::new(&pattern).expect("a valid pattern"), instead))
        .collect()
});

fn normalise(text: &str) -> String {
    PATTERNS
        .iter()
        .fold(text.to_string(), |text, (pattern, instead)| {
            pattern.replace_all(&text, instead.as_str()).into_owned()
        })
}

/// The differences between a case's files and what it did, or writes them when updating.
fn compare(case: &Path, outcome: &Outcome) -> Vec<String> {
    let mut expected = vec![
        ("stdout".to_string(), outcome.stdout.clone()),
        ("stderr".to_string(), outcome.stderr.clone()),
        ("code".to_string(), outcome.code.clone()),
    ];
    for (name, text) in &outcome.files {
        expected.push((format!("files/{name}"), text.clone()));
    }
    if updating() {
        let _ = std::fs::remove_dir_all(case.join("files"));
        for (name, text) in &expected {
            let path = case.join(name);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
            std::fs::write(&path, text).expect("write golden");
        }
        return Vec::new();
    }
    let mut differences = Vec::new();
    let written: Vec<String> = files_under(&case.join("files"))
        .into_iter()
        .map(|(name, _)| format!("files/{name}"))
        .collect();
    for name in written {
        if !expected.iter().any(|(wanted, _)| *wanted == name) {
            differences.push(format!(
                "{name}: expected, but the command did not write it"
            ));
        }
    }
    for (name, actual) in expected {
        let want = read(&case.join(&name)).unwrap_or_default();
        if want != actual {
            differences.push(format!(
                "{name} differs:\n--- expected\n{want}\n--- actual\n{actual}"
            ));
        }
    }
    differences
}

/// Every case folder, in name order.
fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root())
        .expect("tests/golden")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.join("cmd").is_file())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_golden_case_prints_what_its_files_say() {
    let cases = cases();
    assert!(cases.len() > 30, "{} cases", cases.len());
    // A few at a time: most cases wait on a process, not on a core.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                while let Some(case) =
                    cases.get(next.fetch_add(1, std::sync::atomic::Ordering::SeqCst))
                {
                    let differences = compare(case, &run_case(case));
                    let name = case
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned();
                    for difference in differences {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{name}/{difference}"));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} differences (GRPCB_UPDATE_GOLDEN=1 rewrites them; review the diff):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn a_run_prints_the_same_whatever_its_jobs() {
    let mut pairs = 0;
    for case in cases() {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Some(single) = name.strip_suffix("-jobs8") else {
            continue;
        };
        let single = root().join(single);
        for file in ["stdout", "stderr", "code", "files/report.xml"] {
            assert_eq!(
                read(&case.join(file)),
                read(&single.join(file)),
                "{name}/{file}"
            );
        }
        pairs += 1;
    }
    assert_eq!(pairs, 6);
}

#[test]
fn normalising_masks_the_figures_and_keeps_the_rest() {
    assert_eq!(
        normalise("PASS  a  allow             0.2 ms  x: took 2.05 s"),
        "PASS  a  allow  # ms  x: took  # s"
    );
    assert_eq!(
        normalise("\"latency_ms\": 0.213,\n <t time=\"0.001\"> 10 s"),
        "\"latency_ms\": #,\n <t time=\"#\"> 10 s"
    );
    assert_eq!(normalise("{\"latency_ms\":3.003,"), "{\"latency_ms\": #,");
    assert_eq!(
        normalise("http://127.0.0.1:40123/im?RequestTime=1669872112&Sign="),
        "http://127.0.0.1:PORT/im?RequestTime=#&Sign="
    );
    assert_eq!(normalise("case 2 of 3 sms"), "case 2 of 3 sms");
    assert_eq!(
        normalise("21:26:10.443 POST / after-create -> 200 ignored"),
        "HH:MM:SS.mmm POST / after-create -> 200 ignored"
    );
    assert_eq!(
        arguments("send 'a b' \"c\" --x=\"\"\n"),
        ["send", "a b", "c", "--x="]
    );
    assert_eq!(
        arguments("send\n--set\nName=a b\n"),
        ["send", "--set", "Name=a b"]
    );
}
