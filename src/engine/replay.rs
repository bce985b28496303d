//! `grpcb replay DIR`: a recorded capture (`grpcb serve --record DIR`; the layout is in the
//! README, "The record folder") sent again, each callback with the query IM sent and the
//! body bytes exactly as recorded, expecting the decision the recorder made.
//!
//! What can be compared: a callback the recorder answered by its rules has a decision, and a
//! replay passes when the receiver's answer keeps the contract and leads to that decision
//! (with the same `ErrorCode` for a before-callback, and the same refused users). A request
//! the recorder *rejected* (a check failed) has no decision: its FAIL/1 answer reads as a
//! deny, so a receiver that also answers FAIL/1 proves nothing (it may refuse it for another
//! reason, or deny it by rule), and one that accepts it may be right (a replay is signed
//! anew, so a stale or bad Sign is gone). Those replays are `inconclusive`, as are those a
//! rule answered with a raw status or body; a command grpcb does not know is skipped.

use crate::app::stop::{Signal, Stop};
use crate::config::{QueryEdit, RequestConfig};
use crate::engine::check::check_request;
use crate::engine::report::Report;
use crate::engine::serve::RequestOutcome;
use crate::engine::serve::record::INDEX;
use crate::error::{BadValue, Result, Subject};
use crate::transport::{self, Transport};
use grpcb_contract::catalog::{self, Callback};
use grpcb_contract::exchange::Request;
use grpcb_contract::inspect::Check;
use grpcb_contract::sign;
use grpcb_contract::verdict::{Decision, Expectations};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// One line of `index.jsonl`, as written by `serve --record` or `listen --record` (older
/// lines lack `query_string` and `answer`, serve's lack `request_findings`; unknown fields
/// are ignored).
#[derive(Debug, Deserialize)]
struct IndexLine {
    file: String,
    decision: String,
    #[serde(default)]
    alias: Option<String>,
    #[serde(default)]
    query: Map<String, Value>,
    #[serde(default)]
    query_string: Option<String>,
    #[serde(default)]
    answer: Option<Value>,
    #[serde(default)]
    findings: Vec<RecordedFinding>,
    /// listen's checks of IM's request (serve's are its `findings`).
    #[serde(default)]
    request_findings: Vec<RecordedFinding>,
}

#[derive(Debug, Deserialize)]
struct RecordedFinding {
    #[serde(default)]
    severity: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
}

/// One recorded callback, checked and ready to send.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The line of `index.jsonl`, from 1.
    pub line: usize,
    /// The body file, relative to the folder, as the index names it.
    pub file: String,
    pub path: PathBuf,
    /// The catalog entry; `None` for a command grpcb does not know.
    pub callback: Option<&'static Callback>,
    /// The `CallbackCommand` of the query, for messages.
    pub command: Option<String>,
    pub recorded: Recorded,
    /// The recorded answer, when there was a JSON one.
    pub answer: Option<Value>,
    /// The query as received: each parameter's decoded name and its text as sent.
    pub query: Vec<(String, String)>,
}

/// What the recorder did with a callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recorded {
    /// Answered by its rules (or by the receiver behind listen): what IM would do with it.
    Decided(Decision),
    /// Decided live on what a replay cannot reproduce, for this reason.
    Irreproducible(Decision, String),
    /// A check failed, for these reasons.
    Rejected(String),
    /// A rule's raw status or body.
    Raw,
    /// A command the recorder did not know.
    Unrecognized,
}

impl Recorded {
    /// What the recorder did, as its index line names it.
    pub fn as_str(&self) -> &'static str {
        self.outcome().as_str()
    }

    fn outcome(&self) -> RequestOutcome {
        match self {
            Recorded::Decided(decision) | Recorded::Irreproducible(decision, _) => {
                RequestOutcome::Answered(*decision)
            }
            Recorded::Rejected(_) => RequestOutcome::Rejected,
            Recorded::Raw => RequestOutcome::Raw,
            Recorded::Unrecognized => RequestOutcome::Unrecognized,
        }
    }
}

/// Reads and checks every line of `DIR/index.jsonl`; a line that cannot be replayed as
/// written (not JSON, an unknown decision, a missing body file) is an input error naming it.
pub fn load(dir: &Path) -> Result<Vec<Entry>> {
    let index = dir.join(INDEX);
    let subject = Subject::file("", &index);
    let file = fs::File::open(&index).map_err(|err| {
        BadValue::new(
            subject.clone(),
            format!("cannot read the recording's index ({err})"),
        )
        .hint(format!(
            "record one with `grpcb serve --record {}`",
            dir.display()
        ))
    })?;
    let mut entries = Vec::new();
    for (number, line) in BufReader::new(file).lines().enumerate() {
        let line =
            line.map_err(|err| BadValue::new(subject.clone(), format!("cannot be read ({err})")))?;
        if line.trim().is_empty() {
            continue;
        }
        let at = subject.clone().at(number + 1, None);
        let parsed: IndexLine = serde_json::from_str(&line).map_err(|err| {
            BadValue::new(at.clone(), "not a record line").detail(err.to_string())
        })?;
        entries.push(entry(dir, number + 1, parsed, at)?);
    }
    if entries.is_empty() {
        return Err(
            BadValue::new(subject, "records nothing: there is no callback to replay").into(),
        );
    }
    Ok(entries)
}

/// The entry of an index line; an error is said of `at`, where the line is.
fn entry(dir: &Path, line: usize, parsed: IndexLine, at: Subject) -> Result<Entry> {
    let path = dir.join(&parsed.file);
    // The body must be inside the folder: an index is data, not a list of paths to read.
    if Path::new(&parsed.file).is_absolute()
        || parsed.file.split(['/', '\\']).any(|part| part == "..")
    {
        let named = format!("the index names `{}`", parsed.file);
        return Err(
            BadValue::new(at, "the body file is not inside the recording")
                .detail(named)
                .into(),
        );
    }
    if !path.is_file() {
        let missing = path.display().to_string();
        return Err(BadValue::new(at, "the body file is missing")
            .detail(missing)
            .into());
    }
    let recorded = match RequestOutcome::parse(&parsed.decision) {
        Some(RequestOutcome::Answered(decision)) => {
            match irreproducible(decision, &parsed.request_findings) {
                Some(why) => Recorded::Irreproducible(decision, why),
                None => Recorded::Decided(decision),
            }
        }
        Some(RequestOutcome::Rejected) => Recorded::Rejected(reasons(&parsed.findings)),
        Some(RequestOutcome::Raw) => Recorded::Raw,
        Some(RequestOutcome::Unrecognized) => Recorded::Unrecognized,
        None => {
            let unknown = format!("decision `{}` is not one grpcb knows", parsed.decision);
            return Err(BadValue::new(at, "").detail(unknown).into());
        }
    };
    let query = match &parsed.query_string {
        Some(raw) => raw_pairs(raw),
        None => encoded_pairs(&parsed.query),
    };
    let command = query
        .iter()
        .find(|(name, _)| name == "CallbackCommand")
        .map(|(_, value)| decode(value));
    let callback = parsed
        .alias
        .as_deref()
        .and_then(|alias| catalog::find(alias).ok())
        .or_else(|| command.as_deref().and_then(catalog::by_command));
    Ok(Entry {
        line,
        file: parsed.file,
        path,
        callback,
        command,
        recorded,
        answer: parsed.answer,
        query,
    })
}

/// Why a decision recorded live cannot be expected of a replay, when it cannot: the
/// receiver's answer was unusable (`fallback`: a replay that passes leads elsewhere), or the
/// request's signature failed listen's check (a replay is signed anew).
fn irreproducible(decision: Decision, request_findings: &[RecordedFinding]) -> Option<String> {
    if decision == Decision::Fallback {
        return Some(
            "the receiver's answer was unusable when recorded (IM fell back on its failure policy): no decision to compare".into(),
        );
    }
    let signature = [Check::MissingSign, Check::BadSign, Check::StaleRequestTime];
    let failed: Vec<&str> = request_findings
        .iter()
        .filter(|finding| signature.iter().any(|check| check.as_str() == finding.code))
        .map(|finding| finding.message.as_str())
        .collect();
    (!failed.is_empty()).then(|| {
        format!(
            "decided on a request whose signature failed the check ({}); a replay is signed anew",
            failed.join("; ")
        )
    })
}

/// The recorded reasons of a rejection: its error findings.
fn reasons(findings: &[RecordedFinding]) -> String {
    let errors: Vec<&str> = findings
        .iter()
        .filter(|finding| finding.severity != "warning")
        .map(|finding| finding.message.as_str())
        .collect();
    if errors.is_empty() {
        "no reason recorded".into()
    } else {
        errors.join("; ")
    }
}

/// `a=1&b=%20` into (decoded name, `name=value` as sent) pairs, in order.
fn raw_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let name = part.split_once('=').map_or(part, |(name, _)| name);
            (decode(name), part.to_string())
        })
        .collect()
}

/// The decoded query of an older index line, encoded again.
fn encoded_pairs(query: &Map<String, Value>) -> Vec<(String, String)> {
    query
        .iter()
        .map(|(name, value)| {
            let value = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            (name.clone(), encode(name, &value))
        })
        .collect()
}

fn encode(name: &str, value: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair(name, value)
        .finish()
}

/// A `name=value` part (or a bare name) decoded to its value, or a name decoded.
fn decode(part: &str) -> String {
    let value = part.split_once('=').map_or(part, |(_, value)| value);
    form_urlencoded::parse(format!("x={value}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// Request options given on the command line that replace what the capture holds.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub sdkappid: bool,
    pub client_ip: bool,
    pub platform: bool,
}

/// The request that replays `entry`: the receiver's URL with its own query, then the query
/// IM sent (less `Sign` and `RequestTime`, which are made anew with a token and dropped
/// without), the overridden options, `--query` edits; the body bytes as recorded.
pub fn request(
    entry: &Entry,
    config: &RequestConfig,
    overrides: &Overrides,
    bytes: Vec<u8>,
) -> Request {
    let mut query: Vec<(String, String)> = entry
        .query
        .iter()
        .filter(|(name, _)| name != "Sign" && name != "RequestTime")
        .cloned()
        .collect();
    let replaced = [
        ("SdkAppid", overrides.sdkappid, config.sdkappid.as_str()),
        ("ClientIP", overrides.client_ip, config.client_ip.as_str()),
        ("OptPlatform", overrides.platform, config.platform),
    ];
    for (name, given, value) in replaced {
        if given && let Some(pair) = query.iter_mut().find(|(key, _)| key == name) {
            pair.1 = encode(name, value);
        }
    }
    if let Some(token) = &config.token {
        let time = config.request_time.unwrap_or_else(sign::now_unix_seconds);
        query.push(("Sign".into(), encode("Sign", &token.sign(time))));
        query.push((
            "RequestTime".into(),
            encode("RequestTime", &time.to_string()),
        ));
    }
    for edit in &config.query_edits {
        match edit {
            QueryEdit::Set(name, value) => {
                let part = encode(name, value);
                match query.iter_mut().find(|(key, _)| key == name) {
                    Some(pair) => pair.1 = part,
                    None => query.push((name.clone(), part)),
                }
            }
            QueryEdit::Remove(name) => query.retain(|(key, _)| key != name),
        }
    }
    let added: Vec<&str> = query.iter().map(|(_, part)| part.as_str()).collect();
    let mut url = config.url.clone();
    let whole = match url.query().filter(|own| !own.is_empty()) {
        Some(own) => std::iter::once(own)
            .chain(added)
            .collect::<Vec<_>>()
            .join("&"),
        None => added.join("&"),
    };
    url.set_query((!whole.is_empty()).then_some(whole.as_str()));
    let headers = match entry.callback {
        Some(callback) => transport::Target::new(config, callback).headers,
        None => vec![("Content-Type".into(), "application/json".into())],
    };
    Request {
        query: url
            .query_pairs()
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect(),
        url: url.to_string(),
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        bytes,
    }
}

/// What the answer must carry besides the decision, taken from the recorded answer: the
/// `ErrorCode` of a before-callback's answer, and the refused users of a partial refusal.
pub fn expectations(entry: &Entry, strict: bool) -> Expectations {
    let decides = entry
        .callback
        .is_some_and(|callback| callback.kind().decides());
    let answer = entry.answer.as_ref();
    let code = answer
        .and_then(|answer| answer.get("ErrorCode"))
        .and_then(Value::as_i64)
        .filter(|_| decides);
    // The users the recorded answer refused, by the callback's own list or per-user results.
    let refused = match (&entry.recorded, entry.callback) {
        (Recorded::Decided(Decision::AllowPartial), Some(callback)) => Some(
            grpcb_contract::verdict::refused_in(callback, answer)
                .into_iter()
                .collect::<BTreeSet<String>>(),
        ),
        _ => None,
    };
    Expectations {
        code,
        refused,
        strict,
        ..Expectations::default()
    }
}

/// How one replay went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ReplayStatus {
    Pass,
    Fail,
    /// No answer.
    Error,
    /// Sent, but the recording holds no decision to compare with.
    Inconclusive,
    /// Not sent: grpcb cannot judge an answer to a command it does not know.
    Skip,
}

impl ReplayStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One replay: the entry, how it went, why (for anything but a plain pass), and the report of
/// the exchange when one was sent.
#[derive(Clone, Debug)]
pub struct Replayed {
    pub entry: Entry,
    pub status: ReplayStatus,
    pub note: Option<String>,
    pub report: Option<Report>,
}

/// Judges a sent replay against the recording: no answer is an error whatever was recorded;
/// else the report's verdict, then the decision.
pub fn judge(entry: Entry, mut report: Report) -> Replayed {
    use grpcb_contract::verdict::{Code, Finding, Outcome, Severity};
    let (status, note) = match (&entry.recorded, report.verdict) {
        (_, Outcome::Error) => (ReplayStatus::Error, None),
        (Recorded::Irreproducible(_, why), _) => (
            ReplayStatus::Inconclusive,
            Some(format!("{why} (this answer: {})", report.decision)),
        ),
        (Recorded::Rejected(reasons), _) => (
            ReplayStatus::Inconclusive,
            Some(format!(
                "the recorder rejected it ({reasons}); its FAIL/1 cannot be told from a deny, so this answer ({}) shows nothing",
                report.decision
            )),
        ),
        (Recorded::Raw, _) => (
            ReplayStatus::Inconclusive,
            Some(format!(
                "a rule answered it with a raw status or body: no decision to compare ({} now)",
                report.decision
            )),
        ),
        (Recorded::Unrecognized, _) => (ReplayStatus::Skip, None),
        (Recorded::Decided(decision), _) => {
            if report.decision != *decision {
                report.findings.push(Finding {
                    severity: Severity::Error,
                    code: Code::ExpectDecision,
                    path: None,
                    message: format!(
                        "recorded {decision}, but this answer leads to {}",
                        report.decision
                    ),
                    fix: Code::ExpectDecision.fix(),
                });
                report.verdict = Outcome::Fail;
            }
            let status = match report.verdict {
                Outcome::Pass => ReplayStatus::Pass,
                _ => ReplayStatus::Fail,
            };
            (status, None)
        }
    };
    Replayed {
        entry,
        status,
        note,
        report: Some(report),
    }
}

/// A replay that is not sent: a command grpcb does not know.
pub fn skipped(entry: Entry) -> Replayed {
    let command = entry
        .command
        .clone()
        .unwrap_or_else(|| "no CallbackCommand".into());
    Replayed {
        note: Some(format!(
            "`{}` is not a callback grpcb knows: it cannot judge the answer (the recorder answered OK/0)",
            grpcb_contract::inspect::shown(&command)
        )),
        entry,
        status: ReplayStatus::Skip,
        report: None,
    }
}

/// A replay of a recording: where to, with which request options, how strictly.
pub struct Replay<'a> {
    pub config: &'a RequestConfig,
    pub overrides: &'a Overrides,
    pub strict: bool,
}

impl Replay<'_> {
    /// Replays the entries in order until they are done or a signal comes (the replay in
    /// flight is then dropped); hands each to `judged` as it is judged.
    pub async fn all(
        &self,
        transport: &mut impl Transport,
        entries: Vec<Entry>,
        mut stop: Stop,
        mut judged: impl FnMut(&Replayed) -> Result<()>,
    ) -> Result<(Vec<Replayed>, Option<Signal>)> {
        let mut replays = Vec::new();
        for entry in entries {
            let replayed = tokio::select! {
                signal = stop.wait() => return Ok((replays, Some(signal))),
                replayed = self.one(transport, entry) => replayed?,
            };
            judged(&replayed)?;
            replays.push(replayed);
        }
        Ok((replays, stop.signal()))
    }

    async fn one(&self, transport: &mut impl Transport, entry: Entry) -> Result<Replayed> {
        let Some(callback) = entry.callback else {
            return Ok(skipped(entry));
        };
        let bytes = fs::read(&entry.path).map_err(|err| {
            BadValue::new(
                Subject::file("body file", &entry.path),
                format!("cannot be read ({err})"),
            )
        })?;
        let request = request(&entry, self.config, self.overrides, bytes);
        let expect = expectations(&entry, self.strict);
        let report = check_request(transport, self.config, callback, &request, &expect).await;
        Ok(judge(entry, report))
    }
}

/// How a replay went, replay by replay.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReplayTotals {
    pub passed: usize,
    pub failed: usize,
    pub errors: usize,
    pub inconclusive: usize,
    pub skipped: usize,
    /// Replays done (skipped ones included), and recorded in all.
    pub done: usize,
    pub recorded: usize,
}

impl ReplayTotals {
    pub fn of(replays: &[Replayed], recorded: usize) -> ReplayTotals {
        let mut totals = ReplayTotals {
            recorded,
            done: replays.len(),
            ..ReplayTotals::default()
        };
        for replay in replays {
            match replay.status {
                ReplayStatus::Pass => totals.passed += 1,
                ReplayStatus::Fail => totals.failed += 1,
                ReplayStatus::Error => totals.errors += 1,
                ReplayStatus::Inconclusive => totals.inconclusive += 1,
                ReplayStatus::Skip => totals.skipped += 1,
            }
        }
        totals
    }

    /// The whole replay: fail when any replay failed (or, `strict`, was inconclusive), else
    /// error when any got no answer, else inconclusive when none could be compared at all.
    pub fn verdict(&self, strict: bool) -> ReplayVerdict {
        if self.failed > 0 || (strict && self.inconclusive > 0) {
            ReplayVerdict::Fail
        } else if self.errors > 0 {
            ReplayVerdict::Error
        } else if self.passed == 0 {
            ReplayVerdict::Inconclusive
        } else {
            ReplayVerdict::Pass
        }
    }
}

/// How the whole replay went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ReplayVerdict {
    Pass,
    /// A replay differed (or, strict, was inconclusive).
    Fail,
    /// A replay got no answer.
    Error,
    /// Nothing could be compared.
    Inconclusive,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_queries_keep_their_text_and_decode_their_names() {
        let pairs = raw_pairs("SdkAppid=1400&Name=a%20b+c&Flag&&RequestID=x%3Dy");
        assert_eq!(
            pairs,
            [
                ("SdkAppid".to_string(), "SdkAppid=1400".to_string()),
                ("Name".into(), "Name=a%20b+c".into()),
                ("Flag".into(), "Flag".into()),
                ("RequestID".into(), "RequestID=x%3Dy".into()),
            ]
        );
        assert_eq!(decode("Name=a%20b+c"), "a b c");
    }

    #[test]
    fn a_live_fallback_or_a_failed_signature_cannot_be_expected_again() {
        let finding = |code: Check| RecordedFinding {
            severity: "error".into(),
            code: code.as_str().into(),
            message: "Sign does not match".into(),
        };
        assert!(irreproducible(Decision::Fallback, &[]).is_some());
        assert_eq!(irreproducible(Decision::Deny, &[]), None);
        assert_eq!(
            irreproducible(Decision::Deny, &[finding(Check::MissingField)]),
            None
        );
        let why = irreproducible(Decision::Deny, &[finding(Check::BadSign)]).unwrap();
        assert!(why.contains("(Sign does not match)"), "{why}");
    }

    #[test]
    fn totals_never_pass_without_a_pass() {
        let totals = ReplayTotals {
            inconclusive: 2,
            skipped: 1,
            ..ReplayTotals::default()
        };
        assert_eq!(totals.verdict(false), ReplayVerdict::Inconclusive);
        let totals = ReplayTotals {
            passed: 1,
            inconclusive: 1,
            ..ReplayTotals::default()
        };
        assert_eq!(totals.verdict(false), ReplayVerdict::Pass);
        assert_eq!(totals.verdict(true), ReplayVerdict::Fail);
    }
}
