//! `--html FILE`: one self-contained page per run, audit, bench or fuzz. Its CSS is inline
//! (`templates/html/report.css`), its charts inline SVG; it has no script and fetches nothing,
//! so it opens from a CI artifact as it is. Every text that came from outside (a receiver's
//! answer, a suite's names, a URL) goes through [`text`], which makes control characters
//! visible and escapes HTML: a receiver cannot write markup into the page.

pub mod audit;
pub mod bench;
pub mod fuzz;
pub mod run;

use crate::app::output::visible;
use crate::error::{BadValue, Error, Result, Subject};
use std::fmt::Write as _;
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

const CSS: &str = include_str!("../../../templates/html/report.css");

/// How a status looks: its CSS class (`pass`, `fail`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Tone {
    Pass,
    Fail,
    Error,
    Warn,
    Inconclusive,
    Skip,
    Stopped,
}

impl Tone {
    pub fn class(self) -> &'static str {
        self.into()
    }
}

/// Outside text, safe in HTML: control characters made visible (as the terminal reports
/// show them), then `&`, `<`, `>`, `"` and `'` escaped.
pub fn text(raw: &str) -> String {
    let shown = visible(raw);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A status badge: `<span class="badge bg-fail fail">fail</span>`.
pub fn badge(tone: Tone, label: &str) -> String {
    let class = tone.class();
    format!(
        "<span class=\"badge bg-{class} {class}\">{}</span>",
        text(label)
    )
}

/// The page's top: what ran against what, and the verdict.
pub struct Header<'a> {
    /// `run`, `audit`, `bench`.
    pub tool: &'a str,
    /// What was tested, e.g. the receiver's URL or the suite files.
    pub title: &'a str,
    /// Lines under the title (each outside text, escaped here).
    pub lines: Vec<String>,
    pub verdict: (Tone, &'a str),
}

impl Header<'_> {
    fn html(&self) -> String {
        let mut out = String::from("<header class=\"top\">\n<div>\n");
        let _ = writeln!(
            out,
            "<h1><span class=\"tool\">grpcb {}</span> {}</h1>",
            text(self.tool),
            text(self.title)
        );
        for line in &self.lines {
            let _ = writeln!(out, "<p class=\"sub\">{}</p>", text(line));
        }
        let (tone, label) = self.verdict;
        let _ = write!(
            out,
            "</div>\n<div class=\"verdict {} bg-{}\" id=\"verdict\">{}</div>\n</header>\n",
            tone.class(),
            tone.class(),
            text(label)
        );
        out
    }
}

/// Numbers at a glance: `(label, value, tone)`; a tone colours the value.
pub fn cards(items: &[(&str, String, Option<Tone>)]) -> String {
    let mut out = String::from("<div class=\"cards\" id=\"totals\">\n");
    for (label, value, tone) in items {
        let class = tone.map_or("", Tone::class);
        let _ = writeln!(
            out,
            "<div class=\"card\"><div class=\"n {class}\">{}</div><div class=\"label\">{}</div></div>",
            text(value),
            text(label)
        );
    }
    out.push_str("</div>\n");
    out
}

/// A card for a count, coloured only when it is not zero: "0 failed" is no alarm.
pub fn count_card(label: &str, n: usize, tone: Tone) -> (&str, String, Option<Tone>) {
    (label, n.to_string(), Some(tone).filter(|_| n > 0))
}

/// The closing line of the terminal report, as a banner.
pub fn closing(tone: Tone, line: &str) -> String {
    let class = tone.class();
    format!(
        "<p class=\"closing bg-{class} {class}\" id=\"closing\">{}</p>\n",
        text(line.trim_end())
    )
}

/// A whole page: the header, then `body` (already HTML).
pub fn page(header: &Header<'_>, body: &str) -> String {
    let mut out = String::with_capacity(CSS.len() + body.len() + 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<title>grpcb {} {}: {}</title>",
        text(header.tool),
        text(header.title),
        text(header.verdict.1)
    );
    let _ = write!(out, "<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n");
    out.push_str(&header.html());
    out.push_str(body);
    out.push_str(&footer());
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn footer() -> String {
    format!(
        "<footer>Written by grpcb {}. This page fetches nothing and runs no script.</footer>\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The file `--html` names, created when the command starts so that a path it cannot write
/// fails before anything is sent; the page is written into it at the end.
pub struct HtmlFile {
    path: PathBuf,
    file: File,
}

impl HtmlFile {
    pub fn create(path: &Path) -> Result<HtmlFile> {
        let file = File::create(path).map_err(|err| write_error(path, &err))?;
        Ok(HtmlFile {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Writes the whole page.
    pub fn write(mut self, page: &str) -> Result<()> {
        self.file
            .write_all(page.as_bytes())
            .and_then(|()| self.file.flush())
            .map_err(|err| write_error(&self.path, &err))
    }
}

fn write_error(path: &Path, err: &std::io::Error) -> Error {
    BadValue::new(
        Subject::file("--html", path),
        format!("cannot be written ({err})"),
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_text_cannot_make_markup() {
        assert_eq!(
            text("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        // Control characters are shown, not written.
        assert!(!text("a\u{1b}[31mb\u{0}").contains('\u{1b}'));
        assert!(!text("a\u{1b}[31mb\u{0}").contains('\u{0}'));
    }

    #[test]
    fn the_page_has_its_style_inline_and_no_script() {
        let header = Header {
            tool: "run",
            title: "<x>",
            lines: vec!["a & b".into()],
            verdict: (Tone::Pass, "PASS"),
        };
        let html = page(&header, "<p>body</p>\n");
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<style>") && html.contains("--pass"));
        assert!(html.contains("&lt;x&gt;") && html.contains("a &amp; b"));
        for fetch in ["<script", "<link", " src=", "url(", "@import"] {
            assert!(!html.contains(fetch), "{fetch}");
        }
    }
}
