//! Building the request exactly as IM does (§1.1, §1.2) and sending it with a size cap and a
//! total deadline, so no answer can hold grpcb longer than `--timeout` or fill its memory.

use crate::catalog::Callback;
use crate::config::{QueryEdit, RequestConfig};
use crate::sign;
use reqwest::Url;
use serde_json::Value;
use std::error::Error as _;
use std::time::{Duration, Instant};

/// Answers larger than this are cut off and judged too large (`spec/cli.md`: 1 MiB).
pub const DEFAULT_BODY_CAP: usize = 1 << 20;

/// One request, ready to send and to report.
#[derive(Clone, Debug)]
pub struct Request {
    /// The full URL, query included.
    pub url: Url,
    /// Every query parameter as sent: the URL's own first, then IM's.
    pub query: Vec<(String, String)>,
    /// Request headers we set (reqwest adds Host and Content-Length).
    pub headers: Vec<(String, String)>,
    pub body: Value,
    /// The body exactly as sent: compact JSON.
    pub bytes: Vec<u8>,
}

/// Builds the URL, query and headers of a callback request.
pub fn prepare(config: &RequestConfig, callback: &Callback, body: Value) -> Request {
    let mut url = config.url.clone();
    {
        let mut query = url.query_pairs_mut();
        query
            .append_pair("SdkAppid", &config.sdkappid)
            .append_pair("CallbackCommand", callback.command)
            .append_pair("contenttype", "json");
        if callback.client_info {
            query
                .append_pair("ClientIP", &config.client_ip)
                .append_pair("OptPlatform", config.platform);
        }
        if let Some(token) = &config.token {
            let request_time = config.request_time.unwrap_or_else(sign::now_unix_seconds);
            query
                .append_pair("Sign", &sign::sign(token.expose(), request_time))
                .append_pair("RequestTime", &request_time.to_string());
        }
    }
    let mut query: Vec<(String, String)> = url
        .query_pairs()
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    if !config.query_edits.is_empty() {
        apply_query_edits(&mut query, &config.query_edits);
        url.query_pairs_mut().clear().extend_pairs(&query);
        if query.is_empty() {
            url.set_query(None);
        }
    }
    let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    headers.extend(config.headers.iter().cloned());
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    Request {
        url,
        query,
        headers,
        body,
        bytes,
    }
}

fn apply_query_edits(query: &mut Vec<(String, String)>, edits: &[QueryEdit]) {
    for edit in edits {
        match edit {
            QueryEdit::Set(name, value) => match query.iter_mut().find(|(key, _)| key == name) {
                Some(pair) => pair.1 = value.clone(),
                None => query.push((name.clone(), value.clone())),
            },
            QueryEdit::Remove(name) => query.retain(|(key, _)| key != name),
        }
    }
}

/// An HTTP answer, read up to the cap.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub reason: Option<&'static str>,
    pub headers: Vec<(String, String)>,
    /// At most the cap's worth of bytes.
    pub body: Vec<u8>,
    /// The answer was larger than the cap; `body` holds only its first bytes.
    pub too_large: bool,
    /// From sending the request to the last byte read.
    pub latency: Duration,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Why no HTTP answer came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    Refused,
    Dns,
    Tls,
    Timeout,
    /// The connection closed before a complete answer.
    Closed,
    /// Bytes came back, but not HTTP.
    Protocol,
    Other,
}

#[derive(Clone, Debug)]
pub struct TransportError {
    pub failure: Failure,
    pub detail: String,
    pub elapsed: Duration,
}

/// One HTTP client for a whole run: redirects are reported, never followed.
pub fn http_client() -> anyhow::Result<reqwest::Client> {
    // reqwest built without a default crypto provider needs one installed; a second
    // install attempt fails harmlessly.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|err| anyhow::anyhow!("cannot start the HTTP client: {err}"))
}

/// Sends one request; the whole exchange, body included, ends within `timeout`.
pub async fn send(
    client: &reqwest::Client,
    request: &Request,
    timeout: Duration,
    cap: usize,
) -> Result<Answer, TransportError> {
    let started = Instant::now();
    let exchange = async {
        let mut builder = client.post(request.url.clone()).body(request.bytes.clone());
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let mut response = builder.send().await?;
        let status = response.status();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_string(), value)
            })
            .collect();
        let (body, too_large) = read_capped(&mut response, cap).await?;
        Ok::<_, reqwest::Error>(Answer {
            status: status.as_u16(),
            reason: status.canonical_reason(),
            headers,
            body,
            too_large,
            latency: started.elapsed(),
        })
    };
    match tokio::time::timeout(timeout, exchange).await {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(err)) => Err(TransportError {
            failure: classify(&err),
            detail: describe(&err),
            elapsed: started.elapsed(),
        }),
        Err(_) => Err(TransportError {
            failure: Failure::Timeout,
            detail: format!("no complete answer within {}", human_duration(timeout)),
            elapsed: started.elapsed(),
        }),
    }
}

/// Reads at most `cap` bytes; stops at the first byte beyond it, so a huge answer is never
/// held whole.
async fn read_capped(
    response: &mut reqwest::Response,
    cap: usize,
) -> Result<(Vec<u8>, bool), reqwest::Error> {
    if response
        .content_length()
        .is_some_and(|length| length > cap as u64)
    {
        return Ok((Vec::new(), true));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = cap - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, true));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, false))
}

/// Sorts a reqwest error into the transport kinds of the contract by looking through its
/// chain of causes.
fn classify(err: &reqwest::Error) -> Failure {
    if err.is_timeout() {
        return Failure::Timeout;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return Failure::Refused,
                std::io::ErrorKind::TimedOut => return Failure::Timeout,
                _ => {}
            }
            // rustls reports through io::Error, with its own error inside.
            if io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
            {
                return Failure::Tls;
            }
        }
        if cause.downcast_ref::<rustls::Error>().is_some() {
            return Failure::Tls;
        }
        source = cause.source();
    }
    let text = describe(err).to_ascii_lowercase();
    if text.contains("dns error") || text.contains("failed to lookup address") {
        Failure::Dns
    } else if [
        "certificate",
        "tls",
        "handshake",
        "corrupt message",
        "alert",
    ]
    .iter()
    .any(|word| text.contains(word))
    {
        Failure::Tls
    } else if text.contains("invalid http")
        || text.contains("parse")
        || text.contains("message head")
    {
        Failure::Protocol
    } else if ["closed", "reset", "end of file", "eof"]
        .iter()
        .any(|word| text.contains(word))
    {
        Failure::Closed
    } else {
        Failure::Other
    }
}

/// The causes of an error on one line, innermost last; the URL is left out (the report
/// already shows it), as is reqwest's generic "error sending request" wrapper.
fn describe(err: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    if parts.is_empty() {
        let mut text = err.to_string();
        if let Some(url) = err.url() {
            text = text.replace(&format!(" ({url})"), "");
        }
        parts.push(text);
    }
    parts.join(": ")
}

/// `1.7 ms`, `2.00 s`: the unit a person reads at a glance.
pub fn human_duration(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}
