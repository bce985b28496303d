//! One exchange as plain data: the request as sent, the answer as read, or why none came.
//! Whatever transport carried it (an HTTP client, a test's in-process handler), the judge
//! ([`crate::verdict::judge`]) needs only this.

use serde_json::Value;
use std::time::Duration;
use strum::{IntoStaticStr, VariantArray};

/// IM waits this long for an answer, then applies its failure policy (`docs/protocol.md`
/// §2.5).
pub const BUDGET: Duration = Duration::from_secs(2);

/// Answers (and request bodies a receiver checks) are read up to this many bytes.
pub const BODY_CAP: usize = 1 << 20;

/// One request, as sent and as reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The full URL, query included.
    pub url: String,
    /// Every query parameter as sent, decoded: the URL's own first, then IM's.
    pub query: Vec<(String, String)>,
    /// The request headers set by the sender (a transport adds Host and Content-Length).
    pub headers: Vec<(String, String)>,
    /// What the body means.
    pub body: Value,
    /// The body exactly as sent (compact JSON unless rewritten on purpose).
    pub bytes: Vec<u8>,
}

/// An HTTP answer, read up to [`BODY_CAP`].
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// The status's canonical reason phrase, when it has one.
    pub reason: Option<&'static str>,
    /// The answer's header fields, in order.
    pub headers: Vec<(String, String)>,
    /// At most the cap's worth of bytes.
    pub body: Vec<u8>,
    /// The answer was larger than the cap; `body` holds only its first bytes.
    pub too_large: bool,
    /// From sending the request to the last byte read.
    pub latency: Duration,
}

impl Response {
    /// An answer with this status and body, no headers, read at once: what an in-process
    /// handler returns.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            reason: None,
            headers: Vec::new(),
            body: body.into(),
            too_large: false,
            latency: Duration::ZERO,
        }
    }

    /// The first value of a header field, by name in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Why no HTTP answer came; reports name it as the finding code without `transport-`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum FailureKind {
    /// The connection was refused.
    Refused,
    /// The host name did not resolve.
    Dns,
    /// The TLS handshake failed.
    Tls,
    /// No complete answer within the timeout.
    Timeout,
    /// The connection closed before a complete answer.
    Closed,
    /// Bytes came back, but not HTTP.
    Protocol,
    /// Anything else.
    Other,
}

impl FailureKind {
    /// The kind as reports name it: `refused`, `timeout`, ...
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// An exchange that got no HTTP answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportFailure {
    /// What went wrong.
    pub kind: FailureKind,
    /// The transport's own words, on one line.
    pub detail: String,
    /// How long the exchange took until it failed.
    pub elapsed: Duration,
}

/// One exchange: the answer, or why none came.
pub type Exchange = Result<Response, TransportFailure>;
