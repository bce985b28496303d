//! `grpcb run --html FILE`: the totals, then every case in file order with its decision,
//! its answer and each finding with its fix. Written as the cases end, without holding them
//! (as the JUnit report is): each case's section goes to an anonymous spool file, and
//! `finish` writes the page's top with the totals, then copies the cases in.

use super::{Header, HtmlFile, Tone, badge, cards, closing, count_card, page, text};
use crate::app::stop::Signal;
use crate::engine::report::{CaseResult, Ran, RunTotals};
use crate::error::{BadValue, Result, Subject};
use crate::render::report::{latency, stopped_line, totals_line};
use crate::render::style::Style;
use grpcb_contract::verdict::{Finding, Outcome, Severity};
use std::fmt::Write as _;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// How much of an answer body a case quotes.
const ANSWER_PREVIEW: usize = 400;

/// The page of a run being written.
pub struct RunHtml {
    file: HtmlFile,
    spool: BufWriter<std::fs::File>,
    /// The suite files, in the order of their first case.
    suites: Vec<String>,
}

/// How the run ended, for the page's top.
pub struct RunEnd<'a> {
    pub totals: &'a RunTotals,
    /// Cases the run would have had.
    pub planned: usize,
    pub stopped: Option<Signal>,
    pub elapsed: std::time::Duration,
    /// The receiver, when every case had the same one (`--url`).
    pub url: Option<&'a str>,
}

impl RunHtml {
    /// Creates the file now, so an unwritable path fails before anything is sent.
    pub fn create(path: &Path) -> Result<RunHtml> {
        let file = HtmlFile::create(path)?;
        let spool = tempfile::tempfile().map_err(|err| {
            BadValue::new(
                Subject::flag("--html"),
                format!("cannot be written: no temporary file for it ({err})"),
            )
        })?;
        Ok(RunHtml {
            file,
            spool: BufWriter::new(spool),
            suites: Vec::new(),
        })
    }

    /// Adds one case, ran or not.
    pub fn case(&mut self, result: &CaseResult) -> Result<()> {
        if !self.suites.contains(&result.file) {
            self.suites.push(result.file.clone());
        }
        self.spool
            .write_all(case_html(result).as_bytes())
            .map_err(|err| crate::error::Error::from(anyhow::anyhow!("the --html spool: {err}")))
    }

    /// Writes the whole page.
    pub fn finish(mut self, end: &RunEnd<'_>) -> Result<()> {
        let cases = self
            .spooled()
            .map_err(|err| crate::error::Error::from(anyhow::anyhow!("the --html spool: {err}")))?;
        let mut body = summary(end);
        body.push_str("<h2>Cases</h2>\n");
        if cases.is_empty() {
            body.push_str("<p class=\"sub\">No case ran.</p>\n");
        }
        body.push_str(&cases);
        let suites = self.suites.join(", ");
        let mut lines = Vec::new();
        if let Some(url) = end.url {
            lines.push(format!("against {url}"));
        }
        let verdict = verdict(end);
        let header = Header {
            tool: "run",
            title: &suites,
            lines,
            verdict,
        };
        self.file.write(&page(&header, &body))
    }

    fn spooled(&mut self) -> std::io::Result<String> {
        self.spool.flush()?;
        let spool = self.spool.get_mut();
        spool.seek(SeekFrom::Start(0))?;
        let mut cases = String::new();
        spool.read_to_string(&mut cases)?;
        Ok(cases)
    }
}

/// PASS, FAIL, ERROR or STOPPED, as the exit code says.
fn verdict(end: &RunEnd<'_>) -> (Tone, &'static str) {
    if end.stopped.is_some() {
        return (Tone::Stopped, "STOPPED");
    }
    match end.totals.outcome() {
        Outcome::Pass => (Tone::Pass, "PASS"),
        Outcome::Fail => (Tone::Fail, "FAIL"),
        Outcome::Error => (Tone::Error, "ERROR"),
    }
}

/// The totals as cards and the terminal report's closing line.
fn summary(end: &RunEnd<'_>) -> String {
    let totals = end.totals;
    let mut out = cards(&[
        ("cases", end.planned.to_string(), None),
        count_card("passed", totals.passed, Tone::Pass),
        count_card("failed", totals.failed, Tone::Fail),
        count_card("no answer", totals.errors, Tone::Error),
        count_card("skipped", totals.skipped, Tone::Skip),
        ("time", format!("{:.2} s", end.elapsed.as_secs_f64()), None),
    ]);
    let (tone, _) = verdict(end);
    let line = match end.stopped {
        Some(signal) => stopped_line(signal, totals, end.planned, Style::plain()),
        None => totals_line(totals),
    };
    out.push_str(&closing(tone, &line));
    out
}

/// One case's section.
fn case_html(result: &CaseResult) -> String {
    let mut out = String::new();
    let ran = match &result.ran {
        Ok(ran) => ran,
        Err(why) => {
            let _ = write!(
                out,
                "<section class=\"item is-skip case\">\n<div class=\"head\">{} <span class=\"name\">{}</span> <span class=\"meta\">{} · {}</span></div>\n<p class=\"meta\">{}</p>\n</section>\n",
                badge(Tone::Skip, "skipped"),
                text(&result.name),
                text(result.alias),
                text(&result.file),
                text(&crate::render::junit::not_run(*why))
            );
            return out;
        }
    };
    let report = &ran.report;
    let tone = outcome_tone(report.verdict);
    let _ = write!(
        out,
        "<section class=\"item is-{} case\">\n<div class=\"head\">{} <span class=\"name\">{}</span> <span class=\"meta\">{} · decision <b>{}</b> · {} · {}</span></div>\n",
        tone.class(),
        badge(tone, outcome_word(report.verdict)),
        text(&result.name),
        text(result.alias),
        text(report.decision.as_str()),
        text(&latency(ran.latency().as_secs_f64() * 1000.0)),
        text(&result.file),
    );
    let _ = writeln!(out, "<p>{}</p>", text(&report.meaning));
    let _ = writeln!(
        out,
        "<p class=\"meta mono wrap\">{}</p>",
        text(&answer(ran))
    );
    if !report.findings.is_empty() {
        out.push_str(&findings(&report.findings));
    }
    out.push_str("</section>\n");
    out
}

/// `HTTP 200: {"ActionStatus":...}`, cut short, or `no answer`.
fn answer(ran: &Ran) -> String {
    let Some(response) = &ran.report.response else {
        return "no answer".into();
    };
    let body = match (&response.body, &response.raw) {
        (Some(body), _) => body.to_string(),
        (None, Some(raw)) => raw.clone(),
        (None, None) => String::new(),
    };
    let cut: String = body.chars().take(ANSWER_PREVIEW).collect();
    let more = if cut.len() < body.len() { " ..." } else { "" };
    format!("HTTP {}: {cut}{more}", response.status)
}

/// A table of findings: severity, code, where, what, and the fix.
pub fn findings(findings: &[Finding]) -> String {
    let mut out = String::from(
        "<table class=\"findings\">\n<tr><th>severity</th><th>finding</th><th>at</th><th>what and how to fix it</th></tr>\n",
    );
    for finding in findings {
        let (tone, word) = match finding.severity {
            Severity::Error => (Tone::Fail, "error"),
            Severity::Warning => (Tone::Warn, "warning"),
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"{}\">{word}</td><td class=\"finding-code mono\">{}</td><td class=\"mono\">{}</td><td class=\"wrap\">{}<br><span class=\"fix\"><b>fix</b> {}</span></td></tr>",
            tone.class(),
            text(finding.code.as_str()),
            text(finding.path.as_deref().unwrap_or("")),
            text(&finding.message),
            text(finding.fix),
        );
    }
    out.push_str("</table>\n");
    out
}

fn outcome_tone(outcome: Outcome) -> Tone {
    match outcome {
        Outcome::Pass => Tone::Pass,
        Outcome::Fail => Tone::Fail,
        Outcome::Error => Tone::Error,
    }
}

fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Error => "error",
    }
}
