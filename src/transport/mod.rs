//! Building the request exactly as IM does (`docs/protocol.md` §2.1, §2.2) and sending it with a size cap and a
//! total deadline, so no answer can hold grpcb longer than `--timeout` or fill its memory.

mod chunked;
pub mod http1;

use crate::config::{QueryEdit, RequestConfig};
use grpcb_contract::catalog::Callback;
use grpcb_contract::query::{self, Caller};
use grpcb_contract::sign::{self, Token};
use reqwest::Url;
use serde_json::Value;
use std::error::Error as _;
use std::time::{Duration, Instant};

// The exchange as the contract has it; the old names until the layers are renamed.
pub use grpcb_contract::duration::human as human_duration;
pub use grpcb_contract::exchange::{
    BODY_CAP as DEFAULT_BODY_CAP, FailureKind as Failure, Request, Response as Answer,
    TransportFailure as TransportError,
};

/// Builds the URL, query and headers of a callback request.
pub fn prepare(config: &RequestConfig, callback: &Callback, body: Value) -> Request {
    Target::new(config, callback).request(body)
}

/// What stays the same from one request to the next: the URL with the query IM always
/// appends, what signing needs, the `--query` edits and the headers. `prepare` builds one
/// request from it; `bench` builds many, each signed anew.
#[derive(Clone, Debug)]
pub struct Target {
    /// The receiver's URL with SdkAppid, CallbackCommand, contenttype (ClientIP, OptPlatform).
    base: Url,
    /// `base` as an HTTP/1.1 request line names it: path and query.
    base_origin: String,
    /// The URL's own query as given (kept verbatim unless an edit names one of its
    /// parameters), and how many parameters it has.
    own_query: Option<String>,
    own_params: Vec<String>,
    token: Option<Token>,
    request_time: Option<u64>,
    query_edits: Vec<QueryEdit>,
    /// Request headers we set (the transport adds Host and Content-Length).
    pub headers: Vec<(String, String)>,
}

impl Target {
    pub fn new(config: &RequestConfig, callback: &Callback) -> Target {
        let mut base = config.url.clone();
        let caller = Caller {
            sdkappid: &config.sdkappid,
            client_ip: &config.client_ip,
            platform: config.platform,
        };
        base.query_pairs_mut()
            .extend_pairs(query::appended(callback, &caller));
        // A user's -H replaces a header of the same name rather than sending it twice.
        let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        for (name, value) in &config.headers {
            match headers
                .iter_mut()
                .find(|(known, _)| known.eq_ignore_ascii_case(name))
            {
                Some(header) => *header = (name.clone(), value.clone()),
                None => headers.push((name.clone(), value.clone())),
            }
        }
        Target {
            base_origin: origin_form(&base),
            base,
            own_query: config.url.query().map(str::to_string),
            own_params: query_pairs(&config.url)
                .into_iter()
                .map(|(name, _)| name)
                .collect(),
            token: config.token.clone(),
            request_time: config.request_time,
            query_edits: config.query_edits.clone(),
            headers,
        }
    }

    /// The URL of one request: signed with the pinned `RequestTime` or now, then edited.
    pub fn url(&self) -> Url {
        let mut url = self.base.clone();
        if let Some(signature) = self.signature() {
            url.query_pairs_mut().extend_pairs(signature);
        }
        if self.query_edits.is_empty() {
            return url;
        }
        let mut query = query_pairs(&url);
        let touches_own = self
            .query_edits
            .iter()
            .any(|edit| self.own_params.iter().any(|name| name == edit.name()));
        if touches_own {
            // Editing the URL's own parameters means writing its query anew.
            apply_query_edits(&mut query, &self.query_edits);
            url.query_pairs_mut().clear().extend_pairs(&query);
        } else {
            // Only what IM adds changes; the URL's own query stays byte for byte.
            let mut added = query.split_off(self.own_params.len().min(query.len()));
            apply_query_edits(&mut added, &self.query_edits);
            let added = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&added)
                .finish();
            let whole = match (&self.own_query, added.is_empty()) {
                (Some(own), false) => format!("{own}&{added}"),
                (Some(own), true) => own.clone(),
                (None, _) => added,
            };
            url.set_query(Some(&whole));
        }
        if url.query().is_some_and(str::is_empty) {
            url.set_query(None);
        }
        url
    }

    /// `origin_form(&self.url())` without building a URL: the query is always there (it
    /// starts with SdkAppid), and Sign (hex) and RequestTime (digits) need no escaping. With
    /// `--query` edits it takes the long way.
    pub fn origin_form(&self) -> String {
        if !self.query_edits.is_empty() {
            return origin_form(&self.url());
        }
        let mut target = self.base_origin.clone();
        for (name, value) in self.signature().into_iter().flatten() {
            target.push('&');
            target.push_str(name);
            target.push('=');
            target.push_str(&value);
        }
        target
    }

    /// `Sign` and `RequestTime` for one request, when a token is set.
    fn signature(&self) -> Option<[(&'static str, String); 2]> {
        let token = self.token.as_ref()?;
        let request_time = self.request_time.unwrap_or_else(sign::now_unix_seconds);
        Some(query::signature(token, request_time))
    }

    /// One request with a fresh URL.
    pub fn request(&self, body: Value) -> Request {
        self.request_to(self.url(), body)
    }

    /// One request to a URL `url()` made.
    pub fn request_to(&self, url: Url, body: Value) -> Request {
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        Request {
            query: query_pairs(&url),
            url: url.to_string(),
            headers: self.headers.clone(),
            body,
            bytes,
        }
    }
}

/// What the request line of HTTP/1.1 names: the path, and the query if there is one.
pub fn origin_form(url: &Url) -> String {
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    }
}

fn query_pairs(url: &Url) -> Vec<(String, String)> {
    url.query_pairs()
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
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
        let mut builder = client
            .post(request.url.as_str())
            .body(request.bytes.clone());
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
            kind: if err.is_timeout() {
                Failure::Timeout
            } else {
                classify(&err, &describe(&err))
            },
            detail: describe(&err),
            elapsed: started.elapsed(),
        }),
        Err(_) => Err(timed_out(timeout, started)),
    }
}

/// The error of an exchange that did not end within `timeout`.
pub fn timed_out(timeout: Duration, started: Instant) -> TransportError {
    TransportError {
        kind: Failure::Timeout,
        detail: format!("no complete answer within {}", human_duration(timeout)),
        elapsed: started.elapsed(),
    }
}

/// Whether an answer declares a length over the cap, so it is judged without being read.
pub fn declared_too_large(content_length: Option<u64>, cap: usize) -> bool {
    content_length.is_some_and(|length| length > cap as u64)
}

/// Appends a chunk of an answer up to the cap; true when the answer went past it.
pub fn push_capped(body: &mut Vec<u8>, chunk: &[u8], cap: usize) -> bool {
    let room = cap.saturating_sub(body.len());
    if chunk.len() > room {
        body.extend_from_slice(&chunk[..room]);
        return true;
    }
    body.extend_from_slice(chunk);
    false
}

/// Reads at most `cap` bytes; stops at the first byte beyond it, so a huge answer is never
/// held whole.
async fn read_capped(
    response: &mut reqwest::Response,
    cap: usize,
) -> Result<(Vec<u8>, bool), reqwest::Error> {
    if declared_too_large(response.content_length(), cap) {
        return Ok((Vec::new(), true));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if push_capped(&mut body, &chunk, cap) {
            return Ok((body, true));
        }
    }
    Ok((body, false))
}

/// Sorts a failed exchange into the transport kinds of the contract by looking through the
/// error's chain of causes, then at its description.
pub fn classify(err: &(dyn std::error::Error + 'static), description: &str) -> Failure {
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
            // hyper reports a body it cannot decode (a bad chunk) as invalid data or input,
            // and one cut short as an unexpected end.
            match io.kind() {
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => {
                    return Failure::Protocol;
                }
                std::io::ErrorKind::UnexpectedEof => return Failure::Closed,
                _ => {}
            }
        }
        if cause.downcast_ref::<rustls::Error>().is_some() {
            return Failure::Tls;
        }
        source = cause.source();
    }
    let text = description.to_ascii_lowercase();
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

/// The causes of a reqwest error on one line, innermost last; the URL is left out (the
/// report already shows it), as is reqwest's generic "error sending request" wrapper.
fn describe(err: &reqwest::Error) -> String {
    let causes = chain_text(err.source());
    if !causes.is_empty() {
        return causes;
    }
    let mut text = err.to_string();
    if let Some(url) = err.url() {
        text = text.replace(&format!(" ({url})"), "");
    }
    text
}

/// An error and its causes on one line, each message once, innermost last.
pub fn chain_text(mut source: Option<&(dyn std::error::Error + 'static)>) -> String {
    let mut parts: Vec<String> = Vec::new();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RequestOptions;

    #[test]
    fn the_fast_request_target_is_the_url_s() {
        let callback = grpcb_contract::catalog::find("before-send").expect("in the catalog");
        let cases: [(Option<&str>, &[&str]); 4] = [
            (None, &[]),
            (Some("xxxxyyyy"), &[]),
            (Some("xxxxyyyy"), &["Sign=forged", "RequestID=1"]),
            (None, &["contenttype"]),
        ];
        for (token, edits) in cases {
            let config = RequestOptions {
                url: Some("http://127.0.0.1:1/im?team=a%20b".into()),
                token: token.map(|token| crate::error::secret::token(token.into())),
                request_time: token.map(|_| 1_669_872_112),
                query: edits.iter().map(ToString::to_string).collect(),
                ..RequestOptions::default()
            }
            .validate()
            .expect("valid");
            let target = Target::new(&config, callback);
            assert_eq!(target.origin_form(), origin_form(&target.url()));
        }
    }
}
