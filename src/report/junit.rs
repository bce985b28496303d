//! JUnit XML for CI: one testsuite per suite file, one testcase per case. A failure's message
//! says what was expected and what came; a case that got no answer is an `<error>`.

use super::{CaseResult, Ran};
use crate::output::visible;
use crate::verdict::{Outcome, Severity};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::fmt::Write;
use std::time::Duration;

/// The report as XML text. Suites keep the order of their first case. Text that came from
/// outside (a receiver's answer, a suite's names) goes through `visible`, so control
/// characters show as `\u001b` instead of being dropped, and the XML stays valid.
pub fn render(results: &[CaseResult], elapsed: Duration) -> String {
    let mut report = Report::new("grpcb");
    report.set_time(elapsed);
    let mut suites: Vec<(String, TestSuite, Duration)> = Vec::new();
    for result in results {
        let case = test_case(result);
        let time = result
            .ran
            .as_ref()
            .map_or(Duration::ZERO, |ran| ran.elapsed);
        match suites.iter_mut().find(|(file, _, _)| *file == result.file) {
            Some((_, suite, total)) => {
                suite.add_test_case(case);
                *total += time;
            }
            None => {
                let mut suite = TestSuite::new(visible(&result.file).as_ref());
                suite.add_test_case(case);
                suites.push((result.file.clone(), suite, time));
            }
        }
    }
    for (_, mut suite, time) in suites {
        suite.set_time(time);
        report.add_test_suite(suite);
    }
    // Serialising our own strings cannot fail; an empty report is still a report.
    report.to_string().unwrap_or_default()
}

fn test_case(result: &CaseResult) -> TestCase {
    let status = match &result.ran {
        None => {
            let mut status = TestCaseStatus::skipped();
            status
                .set_message("not run: --fail-fast stopped the run after a case that did not pass");
            status
        }
        Some(ran) => match ran.report.verdict {
            Outcome::Pass => TestCaseStatus::success(),
            Outcome::Fail => not_passed(NonSuccessKind::Failure, ran),
            Outcome::Error => not_passed(NonSuccessKind::Error, ran),
        },
    };
    let mut case = TestCase::new(visible(&result.name).as_ref(), status);
    case.set_classname(result.alias);
    if let Some(ran) = &result.ran {
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
