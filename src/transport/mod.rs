//! Building the request exactly as IM does (`docs/protocol.md` §2.1, §2.2) and sending it with
//! a size cap and a total deadline, so no answer can hold grpcb longer than `--timeout` or fill
//! its memory. Two transports do the sending, behind one trait: the reqwest [`Client`] and the
//! lean HTTP/1.1 [`http1::Connection`]; [`Auto`] picks one of them per request. The engines
//! take whichever the command chose.

mod auto;
mod chunked;
pub mod client;
pub mod http1;

pub use auto::Auto;
pub use client::Client;

use crate::config::{QueryEdit, RequestConfig};
use grpcb_contract::catalog::Callback;
use grpcb_contract::duration;
use grpcb_contract::exchange::{Exchange, FailureKind, Request, TransportFailure};
use grpcb_contract::query::{self, Caller};
use grpcb_contract::sign::{self, Token};
use reqwest::Url;
use serde_json::Value;
use std::time::{Duration, Instant};

/// A way to POST a callback and read the answer.
pub trait Transport {
    /// Sends `request` and reads the answer up to the body cap; the whole exchange,
    /// connecting included, ends within `timeout`. A request is sent once: no answer is a
    /// `TransportFailure`, never a retry.
    fn send(
        &mut self,
        request: Outgoing<'_>,
        timeout: Duration,
    ) -> impl Future<Output = Exchange> + Send;
}

/// What a transport needs of a request: where it goes, its headers and its bytes (a
/// [`Request`] also holds its query and body for the report).
#[derive(Clone, Copy, Debug)]
pub struct Outgoing<'a> {
    /// The full URL, query included.
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    pub bytes: &'a [u8],
}

impl<'a> From<&'a Request> for Outgoing<'a> {
    fn from(request: &'a Request) -> Outgoing<'a> {
        Outgoing {
            url: &request.url,
            headers: &request.headers,
            bytes: &request.bytes,
        }
    }
}

/// Whether the part of `request`'s URL the user gave (its origin, path, own query and
/// fragment, a `--query` they added: all but the parameters IM appends) holds the token.
/// IM's own parameters are left out: a short token found in `Sign`'s hex or in `SdkAppid`
/// is a coincidence, not a URL the user wrote the token into.
pub fn url_holds_token(callback: &Callback, request: &Request) -> bool {
    let (rest, fragment) = request.url.split_once('#').unwrap_or((&request.url, ""));
    let before_query = rest.split('?').next().unwrap_or_default();
    crate::error::secret::in_text(before_query)
        || crate::error::secret::in_text(fragment)
        || request
            .query
            .iter()
            .any(|(name, value)| user_param_holds_token(callback, name, value))
}

/// Whether a query parameter IM does not append holds the token.
fn user_param_holds_token(callback: &Callback, name: &str, value: &str) -> bool {
    let appended_by_im =
        callback.query.params().contains(&name) || name == "Sign" || name == "RequestTime";
    !appended_by_im && (crate::error::secret::in_text(name) || crate::error::secret::in_text(value))
}

/// `request`'s query as output shows it: a parameter the user gave that holds the token is
/// withheld, name and value.
pub fn shown_query(callback: &Callback, request: &Request) -> Vec<(String, String)> {
    let withheld = || crate::error::secret::WITHHELD.to_string();
    request
        .query
        .iter()
        .map(
            |(name, value)| match user_param_holds_token(callback, name, value) {
                true => (withheld(), withheld()),
                false => (name.clone(), value.clone()),
            },
        )
        .collect()
}

/// `request`'s URL as output shows it: [`crate::error::secret::WITHHELD`] when the part the
/// user gave holds the token, as an input error withholds such a value.
pub fn shown_url<'a>(callback: &Callback, request: &'a Request) -> &'a str {
    match url_holds_token(callback, request) {
        true => crate::error::secret::WITHHELD,
        false => &request.url,
    }
}

/// The request's headers as output shows them: a header whose name or value holds the token
/// (a user's `-H 'X-Auth: T'`) is withheld; grpcb's own `Content-Type: application/json`
/// never is, so a short token such as `json` hides nothing else.
pub fn shown_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    let withheld = || crate::error::secret::WITHHELD.to_string();
    let holds = crate::error::secret::in_text;
    headers
        .iter()
        .map(|(name, value)| {
            let own = name.eq_ignore_ascii_case("Content-Type") && value == "application/json";
            if own {
                (name.clone(), value.clone())
            } else if holds(name) {
                (withheld(), withheld())
            } else if holds(value) {
                (name.clone(), withheld())
            } else {
                (name.clone(), value.clone())
            }
        })
        .collect()
}

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
    /// `base` as text.
    base_text: String,
    /// The URL's own query as given (kept verbatim unless an edit names one of its
    /// parameters), and the names of its parameters.
    own_query: Option<String>,
    own_params: Vec<String>,
    /// The query of `base`, decoded: the URL's own parameters, then IM's.
    base_query: Vec<(String, String)>,
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
        let appended = query::appended(callback, &caller);
        base.query_pairs_mut().extend_pairs(&appended);
        let mut base_query = query_pairs(&config.url);
        let own_params = base_query.iter().map(|(name, _)| name.clone()).collect();
        base_query.extend(
            appended
                .into_iter()
                .map(|(name, value)| (name.to_string(), value)),
        );
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
            base_text: base.to_string(),
            base,
            own_query: config.url.query().map(str::to_string),
            own_params,
            base_query,
            token: config.token.clone(),
            request_time: config.request_time,
            query_edits: config.query_edits.clone(),
            headers,
        }
    }

    /// The URL of one request: signed with the pinned `RequestTime` or now, then edited.
    pub fn url(&self) -> Url {
        self.url_at(self.request_time())
    }

    /// The URL of a request signed for `request_time` (None: unsigned), then edited.
    fn url_at(&self, request_time: Option<u64>) -> Url {
        let mut url = self.base.clone();
        if let Some(signature) = self.signature_at(request_time) {
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

    /// `self.url().to_string()` without building a URL (bench makes one per request). With
    /// `--query` edits or a fragment it takes the long way.
    pub fn url_text(&self) -> String {
        self.url_text_at(self.request_time())
    }

    fn url_text_at(&self, request_time: Option<u64>) -> String {
        if self.needs_url() {
            return self.url_at(request_time).to_string();
        }
        self.signed_text(self.signature_at(request_time).as_ref())
    }

    /// Whether a request's URL must be built as a `Url`: `--query` edits rewrite the query,
    /// and a fragment must stay after it.
    fn needs_url(&self) -> bool {
        !self.query_edits.is_empty() || self.base.fragment().is_some()
    }

    /// `base` with the signature appended: the query is always there (it starts with
    /// SdkAppid), and Sign (hex) and RequestTime (digits) need no escaping.
    fn signed_text(&self, signature: Option<&[(&'static str, String); 2]>) -> String {
        let mut target = self.base_text.clone();
        for (name, value) in signature.into_iter().flatten() {
            target.push('&');
            target.push_str(name);
            target.push('=');
            target.push_str(value);
        }
        target
    }

    /// The `RequestTime` of a request made now (pinned or the clock's), when a token is set.
    fn request_time(&self) -> Option<u64> {
        self.token.as_ref()?;
        Some(self.request_time.unwrap_or_else(sign::now_unix_seconds))
    }

    /// `Sign` and `RequestTime` for one request, when a token is set.
    fn signature(&self) -> Option<[(&'static str, String); 2]> {
        self.signature_at(self.request_time())
    }

    fn signature_at(&self, request_time: Option<u64>) -> Option<[(&'static str, String); 2]> {
        Some(query::signature(self.token.as_ref()?, request_time?))
    }

    /// One request with a fresh URL. Without `--query` edits or a fragment its URL and
    /// query are written from parts made once (the long way parses the URL it built).
    pub fn request(&self, body: Value) -> Request {
        if self.needs_url() {
            return self.request_to(self.url(), body);
        }
        let signature = self.signature();
        let url = self.signed_text(signature.as_ref());
        let mut query = Vec::with_capacity(self.base_query.len() + 2);
        query.extend_from_slice(&self.base_query);
        query.extend(
            signature
                .into_iter()
                .flatten()
                .map(|(name, value)| (name.to_string(), value)),
        );
        Request {
            query,
            url,
            headers: self.headers.clone(),
            bytes: serde_json::to_vec(&body).unwrap_or_default(),
            body,
        }
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

/// The error of an exchange that did not end within `timeout`.
pub fn timed_out(timeout: Duration, started: Instant) -> TransportFailure {
    TransportFailure {
        kind: FailureKind::Timeout,
        detail: format!("no complete answer within {}", duration::human(timeout)),
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

/// Sorts a failed exchange into the transport kinds of the contract by looking through the
/// error's chain of causes, then at its description.
pub fn classify(err: &(dyn std::error::Error + 'static), description: &str) -> FailureKind {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return FailureKind::Refused,
                std::io::ErrorKind::TimedOut => return FailureKind::Timeout,
                _ => {}
            }
            // rustls reports through io::Error, with its own error inside.
            if io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
            {
                return FailureKind::Tls;
            }
            // hyper reports a body it cannot decode (a bad chunk) as invalid data or input,
            // and one cut short as an unexpected end.
            match io.kind() {
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => {
                    return FailureKind::Protocol;
                }
                std::io::ErrorKind::UnexpectedEof => return FailureKind::Closed,
                _ => {}
            }
        }
        if cause.downcast_ref::<rustls::Error>().is_some() {
            return FailureKind::Tls;
        }
        source = cause.source();
    }
    let text = description.to_ascii_lowercase();
    if text.contains("dns error") || text.contains("failed to lookup address") {
        FailureKind::Dns
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
        FailureKind::Tls
    } else if text.contains("invalid http")
        || text.contains("parse")
        || text.contains("message head")
    {
        FailureKind::Protocol
    } else if ["closed", "reset", "end of file", "eof"]
        .iter()
        .any(|word| text.contains(word))
    {
        FailureKind::Closed
    } else {
        FailureKind::Other
    }
}

/// A target's URL text, made again only when `RequestTime` changes: the Sign depends on the
/// token and that second alone, and bench sends thousands of requests a second.
#[derive(Debug, Default)]
pub struct UrlCache {
    made: Option<(Option<u64>, String)>,
}

impl UrlCache {
    /// `target.url_text()`, signed for now.
    pub fn url_text(&mut self, target: &Target) -> &str {
        self.url_text_at(target, target.request_time())
    }

    fn url_text_at(&mut self, target: &Target, request_time: Option<u64>) -> &str {
        match &mut self.made {
            Some((made_for, _)) if *made_for == request_time => {}
            made => *made = Some((request_time, target.url_text_at(request_time))),
        }
        self.made.as_ref().map_or("", |(_, text)| text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RequestOptions;

    #[test]
    fn the_fast_url_text_and_request_are_the_url_s() {
        let callback = grpcb_contract::catalog::find("before-send").expect("in the catalog");
        let cases: [(Option<&str>, &[&str]); 4] = [
            (None, &[]),
            (Some("xxxxyyyy"), &[]),
            (Some("xxxxyyyy"), &["Sign=forged", "RequestID=1"]),
            (None, &["contenttype"]),
        ];
        let urls = [
            "http://127.0.0.1:1/im?team=a%20b",
            "http://127.0.0.1:1/im#part",
            "http://127.0.0.1:1/im",
            "http://127.0.0.1:1/im?",
            "http://127.0.0.1:1/im?a&b=1&&c=%26+d&",
        ];
        for ((token, edits), url) in cases
            .into_iter()
            .flat_map(|case| urls.map(|url| (case, url)))
        {
            let config = RequestOptions {
                url: Some(url.into()),
                token: token.map(|token| crate::error::secret::token(token.into())),
                request_time: token.map(|_| 1_669_872_112),
                query: edits.iter().map(ToString::to_string).collect(),
                ..RequestOptions::default()
            }
            .validate()
            .expect("valid");
            let target = Target::new(&config, callback);
            assert_eq!(target.url_text(), target.url().to_string());
            let body = serde_json::json!({ "CallbackCommand": callback.command });
            let (fast, long) = (
                target.request(body.clone()),
                target.request_to(target.url(), body),
            );
            assert_eq!((&fast.url, &fast.query), (&long.url, &long.query), "{url}");
            assert_eq!(
                (&fast.body, &fast.bytes),
                (&long.body, &long.bytes),
                "{url}"
            );
        }
    }

    #[test]
    fn the_cached_url_is_signed_for_the_second_it_is_asked_for() {
        let callback = grpcb_contract::catalog::find("before-send").expect("in the catalog");
        let signed = |query: &[&str]| {
            let config = RequestOptions {
                url: Some("http://127.0.0.1:1/im".into()),
                token: Some(crate::error::secret::token("xxxxyyyy".into())),
                query: query.iter().map(ToString::to_string).collect(),
                ..RequestOptions::default()
            }
            .validate()
            .expect("valid");
            Target::new(&config, callback)
        };
        for target in [signed(&[]), signed(&["RequestID=1"])] {
            let mut cache = UrlCache::default();
            for second in [1_669_872_112, 1_669_872_112, 1_669_872_113, 1_669_872_112] {
                let made = target.url_text_at(Some(second));
                assert!(made.contains(&format!("RequestTime={second}")), "{made}");
                assert_eq!(cache.url_text_at(&target, Some(second)), made);
            }
            // Asked for now, it follows the clock rather than the last second it made.
            let old = target.url_text_at(Some(1_669_872_112));
            assert_ne!(cache.url_text(&target), old);
        }
    }
}
