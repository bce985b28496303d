//! JUnit XML for CI: one testsuite per suite file, one testcase per case (fuzz adds its own:
//! one testsuite per callback, one testcase per property). A failure's message
//! says what was expected and what came; a case that got no answer is an `<error>`; a case
//! that did not run is `<skipped>` with the reason.
//!
//! A run writes the report as its cases end, without holding them: each testcase goes to an
//! anonymous spool file as it ends, and `finish` writes the report's head with the counts,
//! then each suite's testcases copied from the spool. quick-junit serialises every element,
//! so the text is what it would give for the whole report at once.

use crate::app::output::visible;
use crate::engine::report::{CaseResult, NotRun, Ran};
use crate::error::{BadValue, Error, Result, Subject};
use grpcb_contract::verdict::{Outcome, Severity};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The JUnit report of a run being written.
pub struct JunitWriter {
    path: PathBuf,
    /// The report file, opened (and emptied) when the run starts.
    file: File,
    spool: BufWriter<File>,
    /// Bytes written to the spool so far.
    spooled: u64,
    /// One per suite file, in the order of their first case.
    suites: Vec<SuiteSoFar>,
}

/// A testsuite's counts and where its testcases are in the spool.
struct SuiteSoFar {
    /// Counts and time only; its testcases are in the spool.
    suite: TestSuite,
    file: String,
    spans: Vec<Range<u64>>,
}

impl JunitWriter {
    /// Creates the report file now, so an unwritable path fails before anything is sent.
    pub fn create(path: &Path) -> Result<JunitWriter> {
        let file = File::create(path).map_err(|err| write_error(path, &err))?;
        let spool = tempfile::tempfile().map_err(|err| {
            BadValue::new(
                Subject::flag("--junit"),
                format!("cannot be written: no temporary file for it ({err})"),
            )
        })?;
        Ok(JunitWriter {
            path: path.to_path_buf(),
            file,
            spool: BufWriter::new(spool),
            spooled: 0,
            suites: Vec::new(),
        })
    }

    /// Adds one case, ran or not.
    pub fn case(&mut self, result: &CaseResult) -> Result<()> {
        let time = result
            .ran
            .as_ref()
            .map_or(Duration::ZERO, |ran| ran.elapsed);
        self.add(&result.file, test_case(result), time)
    }

    /// Adds one testcase to the testsuite named `suite` (made when first named), taking
    /// `time`.
    pub fn add(&mut self, suite: &str, case: TestCase, time: Duration) -> Result<()> {
        let xml = case_xml(case.clone());
        self.spool
            .write_all(xml.as_bytes())
            .map_err(|err| write_error(&self.path, &err))?;
        let span = self.spooled..self.spooled + xml.len() as u64;
        self.spooled = span.end;
        let index = match self.suites.iter().position(|s| s.file == suite) {
            Some(index) => index,
            None => {
                self.suites.push(SuiteSoFar {
                    suite: TestSuite::new(visible(suite).as_ref()),
                    file: suite.to_string(),
                    spans: Vec::new(),
                });
                self.suites.len() - 1
            }
        };
        let entry = &mut self.suites[index];
        // quick-junit counts the case by its status; the case itself lives in the spool.
        entry.suite.add_test_case(case);
        entry.suite.test_cases.clear();
        entry.suite.time = Some(entry.suite.time.unwrap_or_default() + time);
        match entry.spans.last_mut() {
            Some(last) if last.end == span.start => last.end = span.end,
            _ => entry.spans.push(span),
        }
        Ok(())
    }

    /// Writes the whole report to its file.
    pub fn finish(mut self, elapsed: Duration) -> Result<()> {
        let path = self.path.clone();
        self.write(elapsed).map_err(|err| write_error(&path, &err))
    }

    fn write(&mut self, elapsed: Duration) -> std::io::Result<()> {
        self.spool.flush()?;
        let spool = self.spool.get_mut();
        let mut report = Report::new("grpcb");
        report.set_time(elapsed);
        let mut spans = Vec::new();
        for entry in self.suites.drain(..) {
            report.add_test_suite(entry.suite);
            spans.push(entry.spans);
        }
        // Serialising our own strings cannot fail; an empty report is still a report.
        let head = report.to_string().unwrap_or_default();
        let mut out = BufWriter::new(&self.file);
        // Each suite, having no testcase here, is an empty element `<testsuite .../>`: open
        // it, copy its testcases in, close it. Attribute values escape `<` and `>`, so these
        // markers are the elements'.
        let mut cursor = 0;
        for spans in spans {
            let Some(close) = head[cursor..]
                .find("<testsuite ")
                .and_then(|at| head[cursor + at..].find("/>").map(|end| cursor + at + end))
            else {
                break;
            };
            out.write_all(&head.as_bytes()[cursor..close])?;
            out.write_all(b">\n")?;
            for span in spans {
                spool.seek(SeekFrom::Start(span.start))?;
                std::io::copy(&mut (&mut *spool).take(span.end - span.start), &mut out)?;
            }
            out.write_all(b"    </testsuite>")?;
            cursor = close + 2;
        }
        out.write_all(&head.as_bytes()[cursor..])?;
        out.flush()
    }
}

fn write_error(path: &Path, err: &std::io::Error) -> Error {
    BadValue::new(
        Subject::file("--junit", path),
        format!("cannot be written ({err})"),
    )
    .into()
}

/// One testcase element as quick-junit writes it inside a report (its indentation and
/// final newline included).
fn case_xml(case: TestCase) -> String {
    let mut suite = TestSuite::new("");
    suite.add_test_case(case);
    let mut report = Report::new("");
    report.add_test_suite(suite);
    let xml = report.to_string().unwrap_or_default();
    let start = xml
        .find("<testsuite ")
        .and_then(|at| xml[at..].find('\n').map(|end| at + end + 1));
    let end = xml.rfind("    </testsuite>");
    match (start, end) {
        (Some(start), Some(end)) if start <= end => xml[start..end].to_string(),
        _ => String::new(),
    }
}

fn test_case(result: &CaseResult) -> TestCase {
    let status = match &result.ran {
        Err(why) => {
            let mut status = TestCaseStatus::skipped();
            status.set_message(not_run(*why));
            status
        }
        Ok(ran) => match ran.report.verdict {
            Outcome::Pass => TestCaseStatus::success(),
            Outcome::Fail => not_passed(NonSuccessKind::Failure, ran),
            Outcome::Error => not_passed(NonSuccessKind::Error, ran),
        },
    };
    let mut case = TestCase::new(visible(&result.name).as_ref(), status);
    case.set_classname(result.alias);
    if let Ok(ran) = &result.ran {
        case.set_time(ran.elapsed);
    }
    case
}

/// Message: the finding that decided it ("expected allow, got deny"); type: its code;
/// text: the decision, the answer and every finding.
fn not_passed(kind: NonSuccessKind, ran: &Ran) -> TestCaseStatus {
    let report = &ran.report;
    let mut status = TestCaseStatus::non_success(kind);
    if let Some(finding) = ran.first_finding() {
        status.set_message(visible(&finding.message).as_ref());
        status.set_type(finding.code.as_str());
    }
    let mut text = format!(
        "decision: {} ({})\n",
        report.decision,
        visible(&report.meaning)
    );
    let _ = writeln!(text, "request: POST {}", visible(&report.request.url));
    match &report.response {
        Some(response) => {
            let body = match (&response.body, &response.raw) {
                (Some(body), _) => visible(&body.to_string()).into_owned(),
                (None, Some(raw)) => visible(raw).into_owned(),
                (None, None) => String::new(),
            };
            let _ = writeln!(
                text,
                "answer: HTTP {} in {:.1} ms {body}",
                response.status, response.latency_ms
            );
        }
        None => text.push_str("answer: none\n"),
    }
    for finding in &report.findings {
        let severity = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            text,
            "{severity} {}: {}",
            finding.code.as_str(),
            visible(&finding.message)
        );
    }
    status.set_description(text);
    status
}

/// Why a case did not run, in words (the `skipped` message).
pub fn not_run(why: NotRun) -> String {
    match why {
        NotRun::FailFast => {
            "not run: --fail-fast stopped the run after a case that did not pass".into()
        }
        NotRun::Signal(signal) => {
            format!(
                "not run: {} stopped the run before this case",
                signal.name()
            )
        }
        NotRun::Interrupted(signal) => format!(
            "not finished: {} stopped the run before the answer came",
            signal.name()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::stop::Signal;
    use crate::engine::report::NotRun;

    fn skipped(name: &str, file: &str, why: NotRun) -> CaseResult {
        CaseResult {
            name: name.into(),
            file: file.into(),
            alias: "before-create",
            ran: Err(why),
        }
    }

    /// What quick-junit writes for the whole report at once.
    fn whole(results: &[CaseResult], elapsed: Duration) -> String {
        let mut report = Report::new("grpcb");
        report.set_time(elapsed);
        let mut suites: Vec<TestSuite> = Vec::new();
        for result in results {
            let case = test_case(result);
            match suites
                .iter_mut()
                .find(|suite| suite.name.as_str() == result.file)
            {
                Some(suite) => {
                    suite.add_test_case(case);
                }
                None => {
                    let mut suite = TestSuite::new(result.file.as_str());
                    suite.add_test_case(case);
                    suites.push(suite);
                }
            }
        }
        for mut suite in suites {
            suite.set_time(Duration::ZERO);
            report.add_test_suite(suite);
        }
        report.to_string().unwrap_or_default()
    }

    #[test]
    fn the_streamed_report_is_the_whole_report_byte_for_byte() {
        let dir = std::env::temp_dir().join(format!("grpcb-junit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("report.xml");
        let results = [
            skipped("a <&> \"q\"", "a.toml", NotRun::FailFast),
            skipped(
                "b",
                "b \"/>\" <testsuite x.toml",
                NotRun::Signal(Signal::Interrupt),
            ),
            skipped("c", "a.toml", NotRun::Interrupted(Signal::Terminate)),
        ];
        for count in 0..=results.len() {
            let mut writer = JunitWriter::create(&path).expect("create");
            for result in &results[..count] {
                writer.case(result).expect("case");
            }
            writer.finish(Duration::from_millis(5)).expect("finish");
            let written = std::fs::read_to_string(&path).expect("written");
            assert_eq!(
                written,
                whole(&results[..count], Duration::from_millis(5)),
                "{count} cases"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
