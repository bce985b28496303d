//! Checked configuration. Command-line flags (and, later, suite files) arrive here as plain
//! options; `validate` turns them into values the rest of the code can trust, or an input
//! error that says what to fix. Nothing here knows about clap.

pub mod fuzz;
pub mod input;
pub mod listen;
pub mod load;
pub mod payload;
pub mod serve;
pub mod suite;

use crate::error::{BadValue, Error, Note, Result, Subject};
pub use grpcb_contract::exchange::BUDGET;
pub use grpcb_contract::query::{
    DEFAULT_SDKAPPID, PLATFORMS, canonical_platform, is_digits, unusual_platform,
};
pub use grpcb_contract::sign::Token;
use reqwest::Url;
use std::net::IpAddr;
use std::time::Duration;

/// The `ClientIP` sent when `--client-ip` is not given.
pub const DEFAULT_CLIENT_IP: &str = "127.0.0.1";

/// Request options as given, before checking. Later sources fill what earlier ones left out.
#[derive(Clone, Debug, Default)]
pub struct RequestOptions {
    pub url: Option<String>,
    pub sdkappid: Option<String>,
    pub client_ip: Option<String>,
    pub platform: Option<String>,
    pub token: Option<Token>,
    pub request_time: Option<u64>,
    pub timeout: Option<String>,
    pub headers: Vec<String>,
    /// `NAME=VALUE` sets a query parameter verbatim; a bare `NAME` removes it.
    pub query: Vec<String>,
}

/// Checked request options.
#[derive(Clone, Debug)]
pub struct RequestConfig {
    pub url: Url,
    pub sdkappid: String,
    pub client_ip: String,
    pub platform: &'static str,
    pub token: Option<Token>,
    pub request_time: Option<u64>,
    pub timeout: Duration,
    pub headers: Vec<(String, String)>,
    pub query_edits: Vec<QueryEdit>,
}

/// A change to the query IM would send, applied after grpcb builds it (and after signing, so
/// a changed `Sign` or `RequestTime` stays wrong on purpose).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryEdit {
    /// Replace the parameter's value where it is, or append it.
    Set(String, String),
    /// Leave the parameter out.
    Remove(String),
}

impl QueryEdit {
    /// The parameter this edit sets or removes.
    pub fn name(&self) -> &str {
        match self {
            QueryEdit::Set(name, _) | QueryEdit::Remove(name) => name,
        }
    }

    pub fn parse(text: &str) -> Result<QueryEdit> {
        let edit = match text.split_once('=') {
            Some((name, value)) => QueryEdit::Set(name.trim().to_string(), value.to_string()),
            None => QueryEdit::Remove(text.trim().to_string()),
        };
        match &edit {
            QueryEdit::Set(name, _) | QueryEdit::Remove(name) if name.is_empty() => {
                Err(BadValue::flag("--query", text, "no parameter name")
                    .hint("write NAME=VALUE to set one or NAME to leave it out")
                    .into())
            }
            _ => Ok(edit),
        }
    }
}

impl RequestOptions {
    /// The options the environment gives: `GRPCB_URL`, `GRPCB_SDKAPPID`, `GRPCB_TOKEN`
    /// (empty counts as unset). Commands whose flags read these through clap do not need it;
    /// `run` does, because a suite file sits between the flags and the environment.
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok();
        RequestOptions {
            url: var("GRPCB_URL"),
            sdkappid: var("GRPCB_SDKAPPID"),
            token: var("GRPCB_TOKEN").map(crate::error::secret::token),
            ..RequestOptions::default()
        }
    }

    /// These options, with whatever they leave out taken from `lower`. A header replaces
    /// the lower layer's headers of the same name.
    pub fn or(self, lower: RequestOptions) -> RequestOptions {
        let name = |header: &String| {
            header
                .split_once(':')
                .map_or(header.as_str(), |(name, _)| name)
                .trim()
                .to_ascii_lowercase()
        };
        let mut headers: Vec<String> = lower
            .headers
            .into_iter()
            .filter(|low| !self.headers.iter().any(|high| name(high) == name(low)))
            .collect();
        headers.extend(self.headers);
        // Query edits apply in order, so the higher layer's come last and win.
        let mut query = lower.query;
        query.extend(self.query);
        RequestOptions {
            url: self.url.or(lower.url),
            sdkappid: self.sdkappid.or(lower.sdkappid),
            client_ip: self.client_ip.or(lower.client_ip),
            platform: self.platform.or(lower.platform),
            token: self.token.or(lower.token),
            request_time: self.request_time.or(lower.request_time),
            timeout: self.timeout.or(lower.timeout),
            headers,
            query,
        }
    }

    /// Notes about options given on the command line: a documented but unusual `--platform`
    /// spelling (the value is still sent as given).
    pub fn flag_notes(&self) -> Vec<Note> {
        self.platform
            .as_deref()
            .and_then(platform_note)
            .map(|text| Note {
                subject: Subject::flag("--platform"),
                text,
            })
            .into_iter()
            .chain(self.url_note())
            .collect()
    }

    /// A `--url` that holds the token is used as given but never shown: what prints it
    /// (reports, curl and replay lines) shows `secret::WITHHELD` in its place.
    fn url_note(&self) -> Option<Note> {
        let url = self.url.as_deref()?;
        crate::error::secret::in_text(url).then(|| Note {
            subject: Subject::flag("--url"),
            text: format!(
                "holds the callback token, so output shows {} in its place; \
                 put the URL back into a printed curl or replay line to run it",
                crate::error::secret::WITHHELD
            ),
        })
    }

    /// The same for a command that sends one callback: a `--platform` it has no use for
    /// (its query has no `OptPlatform`) says so instead.
    pub fn flag_notes_for(&self, callback: &grpcb_contract::catalog::Callback) -> Vec<Note> {
        let sends_platform = callback.query.params().contains(&"OptPlatform");
        match (&self.platform, sends_platform) {
            (Some(_), false) => std::iter::once(Note {
                subject: Subject::flag("--platform"),
                text: format!(
                    "does not apply to {}: IM sends no OptPlatform in its query",
                    callback.alias
                ),
            })
            .chain(self.url_note())
            .collect(),
            _ => self.flag_notes(),
        }
    }

    /// Checks the options that are given, without requiring a URL or a token: for a layer
    /// that is merged with others later (a suite's table, flags above a suite).
    pub fn check_given(&self) -> Result<()> {
        let mut probe = self.clone();
        probe.url = probe.url.or_else(|| Some("http://127.0.0.1/".into()));
        probe.checked(false).map(drop)
    }

    /// Checks every option; the first bad one is an input error naming the flag.
    pub fn validate(self) -> Result<RequestConfig> {
        self.checked(true)
    }

    /// `complete`: the options are all there are (a `--request-time` needs a token).
    fn checked(self, complete: bool) -> Result<RequestConfig> {
        // An empty URL (`GRPCB_URL=`) is no URL; an empty token is a mistake, never a key.
        let url = self
            .url
            .filter(|url| !url.trim().is_empty())
            .ok_or_else(|| {
                Error::usage(
                    BadValue::new(Subject::flag("--url"), "no receiver URL").hint(
                        "pass --url URL (or set GRPCB_URL), e.g. --url http://127.0.0.1:8080/im",
                    ),
                )
            })?;
        let sdkappid = self.sdkappid.unwrap_or_else(|| DEFAULT_SDKAPPID.into());
        if !is_digits(&sdkappid) {
            return Err(sdkappid_error("--sdkappid", &sdkappid));
        }
        let client_ip = self.client_ip.unwrap_or_else(|| DEFAULT_CLIENT_IP.into());
        if client_ip.parse::<IpAddr>().is_err() {
            return Err(
                BadValue::flag("--client-ip", &client_ip, "is not an IP address")
                    .hint("e.g. 127.0.0.1 or ::1")
                    .into(),
            );
        }
        let platform = match self.platform {
            None => PLATFORMS[0],
            Some(given) => canonical_platform(&given).ok_or_else(|| {
                BadValue::flag("--platform", &given, "is not a platform IM sends")
                    .hint(format!("use one of {}", PLATFORMS.join(", ")))
            })?,
        };
        // How the options combine, not one value: errors without a value (a suite says
        // them of the case).
        if self.token.as_ref().is_some_and(Token::is_empty) {
            return Err(BadValue::new(
                Subject::flag("--token"),
                "the token is empty (is --token or GRPCB_TOKEN set to \"\"?)",
            )
            .hint(
                "give the callback token of the IM console, or unset it to send unsigned callbacks",
            )
            .into());
        }
        if complete && self.request_time.is_some() && self.token.is_none() {
            return Err(BadValue::new(
                Subject::flag("--request-time"),
                "only matters with a token",
            )
            .hint("pass --token (or set GRPCB_TOKEN) too")
            .into());
        }
        let timeout = match self.timeout {
            None => BUDGET,
            Some(text) => timeout_flag("--timeout", &text)?,
        };
        let headers = self
            .headers
            .iter()
            .map(|header| parse_header(header))
            .collect::<Result<Vec<_>>>()?;
        let query_edits = self
            .query
            .iter()
            .map(|edit| QueryEdit::parse(edit))
            .collect::<Result<Vec<_>>>()?;
        Ok(RequestConfig {
            url: parse_url("--url", &url)?,
            sdkappid,
            client_ip,
            platform,
            token: self.token,
            request_time: self.request_time,
            timeout,
            headers,
            query_edits,
        })
    }
}

/// A receiver's URL given by `flag` (`--url`, listen's `--forward-to`): http or https.
pub fn parse_url(flag: &str, text: &str) -> Result<Url> {
    let hint = "give a full URL such as http://127.0.0.1:8080/im";
    let url = Url::parse(text).map_err(|err| {
        BadValue::flag(flag, text, format!("is not a valid URL ({err})")).hint(hint)
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(BadValue::flag(
            flag,
            text,
            "is not an http or https URL, and IM only calls those",
        )
        .hint(hint)
        .into());
    }
    Ok(url)
}

/// The error for a value that is not an SDKAppID (digits).
pub fn sdkappid_error(flag: &str, given: &str) -> Error {
    BadValue::flag(flag, given, "is not an SDKAppID: it must be digits")
        .hint("e.g. 1400000000")
        .into()
}

/// Refuses expectations no answer to this request can meet (`verdict::check_expectations`:
/// a decision the callback cannot lead to, a decision and a code that contradict, a code
/// that means nothing to it, users the body does not list), before anything is sent, naming
/// the flag; the same check suites make. Returns a note for an expectation only an answer
/// with a warning can meet.
pub fn check_expectations(
    expect: &grpcb_contract::verdict::Expectations,
    callback: &grpcb_contract::catalog::Callback,
    body: &serde_json::Value,
) -> Result<Vec<Note>> {
    use grpcb_contract::verdict::{self, ExpectKey};
    let requested = verdict::requested(callback, body);
    match verdict::check_expectations(callback, expect, &requested) {
        Ok(note) => Ok(note
            .map(|text| Note {
                subject: Subject::flag("--expect-code"),
                text: format!(
                    "{}: {text}",
                    expect.code.map(|code| code.to_string()).unwrap_or_default()
                ),
            })
            .into_iter()
            .collect()),
        Err(impossible) => {
            let (flag, value) = match impossible.key {
                ExpectKey::Decision => (
                    "--expect",
                    expect
                        .decision
                        .map(|expected| expected.as_str().to_string()),
                ),
                ExpectKey::Code => ("--expect-code", expect.code.map(|code| code.to_string())),
                ExpectKey::Refused => (
                    "--expect-refused",
                    expect.refused.as_ref().map(|users| {
                        users
                            .iter()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                            .join(",")
                    }),
                ),
            };
            Err(BadValue::flag(flag, &value.unwrap_or_default(), impossible.why).into())
        }
    }
}

/// A duration flag's value, or the input error naming the flag.
pub fn duration_flag(flag: &str, text: &str) -> Result<Duration> {
    parse_duration(text)
        .map_err(|(problem, hint)| BadValue::flag(flag, text, problem).hint(hint).into())
}

/// The shortest timeout any command takes: curl's `--max-time` (which `send --curl` prints)
/// counts in milliseconds and reads 0 as no limit, and no HTTP answer comes sooner anyway.
pub const MIN_TIMEOUT: Duration = Duration::from_millis(1);

/// A timeout flag's value (`--timeout`, serve's `--read-timeout`, suites' `timeout`): a
/// duration of at least [`MIN_TIMEOUT`].
pub fn timeout_flag(flag: &str, text: &str) -> Result<Duration> {
    let timeout = duration_flag(flag, text)?;
    if timeout < MIN_TIMEOUT {
        return Err(BadValue::flag(flag, text, "is shorter than 1ms")
            .hint("a timeout is at least 1ms, e.g. 500ms or 2s")
            .into());
    }
    Ok(timeout)
}

/// What to say of a platform whose spelling is documented but not the one the group
/// callbacks send (`IOS is sent as given: ...`); `None` for the usual ones and for values
/// that are no platform (validation reports those).
pub fn platform_note(given: &str) -> Option<String> {
    let platform = canonical_platform(given)?;
    unusual_platform(platform).map(|why| format!("{platform} is sent as given: {why}"))
}

/// `K: V` into a checked header name and value.
fn parse_header(text: &str) -> Result<(String, String)> {
    let bad = |why: &str| {
        Error::from(
            BadValue::flag("-H", text, why).hint("write it as 'Name: value', e.g. -H 'X-Trace: 1'"),
        )
    };
    let (name, value) = text.split_once(':').ok_or_else(|| bad("no `:`"))?;
    let (name, value) = (name.trim(), value.trim());
    reqwest::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| bad("not a valid header name"))?;
    reqwest::header::HeaderValue::from_str(value).map_err(|_| bad("not a valid header value"))?;
    Ok((name.to_string(), value.to_string()))
}

/// A seed when none is given (bench's `{{rand}}`, fuzz's cases): different for every run,
/// and reported, so a run can be repeated with `--seed`.
pub fn random_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos() as u64)
        .unwrap_or(0);
    nanos ^ (u64::from(std::process::id()) << 32)
}

/// The longest duration any option takes.
pub const MAX_DURATION: Duration = Duration::from_secs(24 * 3600);

/// The one duration parser (`--timeout`, bench's `--duration` and `--max-p99`, suites'
/// `timeout`): `500ms`, `2s`, `1.5s`, `1m30s`, `1h`, as `humantime` reads them; more than
/// zero and at most a day. A bare number is refused: `500` could mean 500 ms or 500 s.
/// The error is a problem and a hint, in our words, for the caller to put after the flag.
pub fn parse_duration(text: &str) -> std::result::Result<Duration, (String, String)> {
    let text = text.trim();
    let units = "write e.g. 500ms, 2s, 1m30s or 1h".to_string();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(("no unit".into(), format!("write {text}ms or {text}s")));
    }
    let duration = humantime::parse_duration(text).map_err(|err| {
        let problem = match err {
            humantime::DurationError::UnknownUnit { .. } => "has a unit grpcb does not know",
            humantime::DurationError::NumberOverflow => "is too large",
            humantime::DurationError::Empty => "is empty",
            _ => "is not a duration",
        };
        (problem.to_string(), units.clone())
    })?;
    if duration.is_zero() {
        return Err(("must be more than zero".into(), units));
    }
    if duration > MAX_DURATION {
        return Err(("is longer than the maximum of 24h".into(), units));
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("1m"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(
            parse_duration("500"),
            Err(("no unit".into(), "write 500ms or 500s".into()))
        );
        assert!(parse_duration("1.5").is_err());
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("fast").is_err());
        assert!(parse_duration("2x").is_err());
        assert!(parse_duration("25h").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn higher_layers_win_and_headers_replace_by_name() {
        let high = RequestOptions {
            url: Some("http://high/".into()),
            headers: vec!["x-a: 2".into()],
            ..RequestOptions::default()
        };
        let low = RequestOptions {
            url: Some("http://low/".into()),
            timeout: Some("1s".into()),
            headers: vec!["X-A: 1".into(), "X-B: 1".into()],
            ..RequestOptions::default()
        };
        let merged = high.or(low);
        assert_eq!(merged.url.as_deref(), Some("http://high/"));
        assert_eq!(merged.timeout.as_deref(), Some("1s"));
        assert_eq!(
            merged.headers,
            vec!["X-B: 1".to_string(), "x-a: 2".to_string()]
        );
    }

    #[test]
    fn headers() {
        assert_eq!(
            parse_header("X-Trace:  1 ").ok(),
            Some(("X-Trace".into(), "1".into()))
        );
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("bad name: x").is_err());
    }
}
