//! Debian's headless Chromium, to open a page as a person would: a screenshot, and the DOM
//! after the browser parsed it. A test skips (saying so) only when Chromium is absent and
//! `GRPCB_REQUIRE_BROWSER` is unset; CI sets it, so CI never skips.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long Chromium may take for one page.
const PATIENCE: Duration = Duration::from_secs(90);
/// The window a screenshot is taken in.
pub const WINDOW: (u32, u32) = (1280, 2400);

pub struct Browser {
    program: PathBuf,
}

impl Browser {
    /// Chromium when it is installed; `None` (and a message on stderr) when it is not and
    /// the test may skip; a panic when it is not and `GRPCB_REQUIRE_BROWSER` is set.
    pub fn find() -> Option<Browser> {
        let found = ["chromium", "chromium-browser"].iter().find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|path| path.is_file())
            })
        });
        match found {
            Some(program) => Some(Browser { program }),
            None if std::env::var_os("GRPCB_REQUIRE_BROWSER").is_some() => {
                panic!(
                    "GRPCB_REQUIRE_BROWSER is set but chromium is not installed (apt-get install chromium)"
                )
            }
            None => {
                eprintln!(
                    "SKIPPED: chromium is not installed, so the HTML report was not opened in a browser (apt-get install chromium; CI sets GRPCB_REQUIRE_BROWSER=1 so it never skips)"
                );
                None
            }
        }
    }

    /// A PNG of the page in a `WINDOW`-sized window.
    pub fn screenshot(&self, page: &Path, png: &Path) {
        let _ = std::fs::remove_file(png);
        let output = self.run(&[
            format!("--screenshot={}", png.display()),
            format!("--window-size={},{}", WINDOW.0, WINDOW.1),
            "--hide-scrollbars".into(),
            url(page),
        ]);
        assert!(
            png.is_file(),
            "chromium wrote no screenshot of {}: {output}",
            page.display()
        );
    }

    /// The page's DOM as Chromium parsed it, serialised.
    pub fn dom(&self, page: &Path) -> String {
        self.run(&["--dump-dom".into(), url(page)])
    }

    /// Runs Chromium headless with a profile of its own, nothing on the network, and
    /// returns its stdout; a run that does not end within `PATIENCE` is killed.
    fn run(&self, args: &[String]) -> String {
        let profile = super::tempdir().join("chromium-profile");
        let mut child = Command::new(&self.program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        let mut stdout = child.stdout.take().expect("stdout piped");
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut stdout, &mut text);
            text
        });
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed() > PATIENCE {
                let _ = child.kill();
                panic!("chromium did not finish within {PATIENCE:?}: {args:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let text = reader.join().unwrap_or_default();
        let _ = std::fs::remove_dir_all(&profile);
        assert!(status.success(), "chromium failed ({status}): {args:?}");
        text
    }
}

fn url(page: &Path) -> String {
    let absolute = std::fs::canonicalize(page).expect("the page exists");
    format!("file://{}", absolute.display())
}

/// The width and height of a PNG, after checking its signature and header chunk.
pub fn png_size(png: &Path) -> (u32, u32) {
    let bytes = std::fs::read(png).expect("the screenshot exists");
    assert!(
        bytes.len() > 33 && bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR",
        "{} is not a PNG",
        png.display()
    );
    let number =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (number(16), number(20))
}

/// The text of the element whose start tag contains `marker` (e.g. `id="closing"`), up to
/// its first closing tag `</tag>`, without tags.
pub fn text_of(dom: &str, marker: &str, tag: &str) -> String {
    let Some(start) = dom.find(marker) else {
        panic!("the DOM has no element with {marker}");
    };
    let rest = &dom[start..];
    let open_end = rest.find('>').map_or(0, |at| at + 1);
    let close = rest.find(&format!("</{tag}>")).unwrap_or(rest.len());
    strip_tags(&rest[open_end..close])
}

/// Text without its tags, entities left as they are.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// `grpcb_root/target/...`: where a test leaves its screenshots for a person to look at.
pub fn shots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}
