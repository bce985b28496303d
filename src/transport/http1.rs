//! A lean HTTP/1.1 client for load: one keep-alive connection; the request head is made from
//! parts built once and goes out with the body in one write; the answer is parsed with
//! httparse from a buffer that is reused. `bench` sends `http://` requests through it: on a
//! fast loopback receiver, hyper's client machinery (a dispatch task, channels, header maps
//! per request) cost more CPU than signing and judging, and the load generator shares the
//! cores with the receiver.
//!
//! The answer is framed as RFC 9112 §6.3 says, by the rules hyper (under `send`) applies:
//! 1xx skipped, 204/304 empty, Transfer-Encoding (refused on HTTP/1.0) over Content-Length,
//! a Content-Length of digits only, chunked decoded as hyper decodes it (`chunked`), or until
//! close; read up to the cap and within the deadline as `client::send` reads it, so the
//! verdict sees the `Response` or `TransportFailure` that `send` would give it.
//!
//! A request is sent once. A kept-alive connection found closed before a request is written
//! is replaced (nothing went out on it); once the request is written, a missing answer is a
//! `closed` error, as `send` reports it: the receiver may have acted on the request, so
//! sending it again would hide a failure and load the receiver twice.
//!
//! A failure is worded as reqwest words it (hyper's and hyper-util's messages, with
//! reqwest's `client error (...)` before those of the head), so a report does not depend on
//! which transport carried the exchange.

use super::chunked::{ChunkProgress, Chunked, INCOMPLETE_BODY};
use super::{Outgoing, Transport, classify, declared_too_large, push_capped, timed_out};
use grpcb_contract::exchange::{BODY_CAP, Exchange, FailureKind, Response, TransportFailure};
use reqwest::StatusCode;
use reqwest::Url;
use reqwest::header::{HeaderName, HeaderValue};
use socket2::SockRef;
use std::io::Write as _;
use std::mem::MaybeUninit;
use std::pin::Pin;
use std::task::Poll;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Sleep;

/// Most header fields an answer may have (hyper's limit too).
const MAX_HEADERS: usize = 100;
/// An answer head still incomplete once this much is read is refused (hyper's read buffer
/// limit, checked as hyper checks it).
const MAX_HEAD: usize = 8192 + 4096 * 100;
/// hyper's largest body length; a longer one is refused as a head it cannot represent.
const MAX_LENGTH: u64 = u64::MAX - 2;
/// Room made in the read buffer before each read.
const READ_CHUNK: usize = 16 * 1024;
/// What reqwest puts before a failure to connect (hyper-util's words follow).
const CONNECT: &str = "client error (Connect)";
/// What reqwest puts before a failure on a connection before the answer's body.
const SEND: &str = "client error (SendRequest)";
/// What hyper says for an answer cut short before its body; `classify` reads it as `closed`.
const CUT_SHORT: &str = "connection closed before message completed";
/// What hyper puts before an error in a body.
const IN_BODY: &str = "error reading a body from connection";

/// One connection to one receiver, opened on first use and reopened when it closes. A request
/// for another receiver, or with other headers, makes it a connection to that one.
pub struct Connection {
    /// `http://host:port`, as the URLs of its requests begin, and the headers they carry.
    origin: String,
    /// `host:port` (without a default port), for the Host field.
    authority: String,
    headers: Vec<(String, String)>,
    host: String,
    port: u16,
    /// The request head after the target, ending in `content-length: `.
    head: Vec<u8>,
    stream: Option<TcpStream>,
    /// Bytes read and not yet used.
    input: Vec<u8>,
    /// The request being written.
    output: Vec<u8>,
    /// Ends an exchange at its deadline (see `within`).
    timer: Option<Pin<Box<Sleep>>>,
}

impl Clone for Connection {
    /// Another connection to the same receiver, opened on first use.
    fn clone(&self) -> Connection {
        Connection {
            origin: self.origin.clone(),
            authority: self.authority.clone(),
            headers: self.headers.clone(),
            host: self.host.clone(),
            port: self.port,
            head: self.head.clone(),
            stream: None,
            input: Vec::new(),
            output: Vec::new(),
            timer: None,
        }
    }
}

/// Why an exchange ended without an answer.
#[derive(Debug)]
enum Problem {
    /// The receiver's name did not resolve.
    Dns(std::io::Error),
    /// No connection could be opened.
    Connect(std::io::Error),
    /// Writing the request failed.
    Write(std::io::Error),
    /// Reading the answer's head failed.
    Read(std::io::Error),
    /// The bytes are not an HTTP/1 answer head (hyper's words for why).
    Head(&'static str),
    /// The connection ended before the answer's head was complete.
    Closed,
    /// Reading the body failed.
    BodyIo(std::io::Error),
    /// The connection ended inside the body (hyper's words for where).
    BodyCut(&'static str),
    /// The body is not framed as RFC 9112 says (hyper's words for why).
    BodyFraming(String),
}

impl Problem {
    fn into_error(self, started: Instant) -> TransportFailure {
        let io = |err: std::io::Error, detail: String| (classify(&err, &detail), detail);
        let (failure, detail) = match self {
            Problem::Dns(err) => {
                let detail = format!("{CONNECT}: dns error: error resolving DNS: {err}");
                io(err, detail)
            }
            Problem::Connect(err) => {
                let detail = format!("{CONNECT}: tcp connect error: {err}");
                io(err, detail)
            }
            Problem::Write(err) => {
                let detail = format!("{SEND}: error writing a body to connection: {err}");
                io(err, detail)
            }
            Problem::Read(err) => {
                let detail = format!("{SEND}: connection error: {err}");
                io(err, detail)
            }
            Problem::Head(why) => (FailureKind::Protocol, format!("{SEND}: {why}")),
            Problem::Closed => (FailureKind::Closed, format!("{SEND}: {CUT_SHORT}")),
            Problem::BodyIo(err) => {
                let detail = format!("{IN_BODY}: {err}");
                io(err, detail)
            }
            Problem::BodyCut(why) => (FailureKind::Closed, format!("{IN_BODY}: {why}")),
            Problem::BodyFraming(why) => (FailureKind::Protocol, format!("{IN_BODY}: {why}")),
        };
        TransportFailure {
            kind: failure,
            detail,
            elapsed: started.elapsed(),
        }
    }
}

/// How the answer's body is delimited (RFC 9112 §6.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Framing {
    Empty,
    Length(u64),
    Chunked,
    UntilClose,
}

/// An answer head, parsed.
#[derive(Debug)]
struct Head {
    status: u16,
    headers: Vec<(String, String)>,
    /// Its size in bytes.
    size: usize,
    framing: Framing,
    keep_alive: bool,
    /// A 1xx answer that another answer follows.
    interim: bool,
}

impl Connection {
    /// A connection for `url` (http), sending `headers` with every request.
    pub fn new(url: &Url, headers: &[(String, String)]) -> Result<Connection, String> {
        let host = url.host_str().ok_or("the URL has no host")?;
        let port = url.port_or_known_default().ok_or("the URL has no port")?;
        let authority = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        let head = request_head(&authority, headers)?;
        let text = url.as_str();
        Ok(Connection {
            origin: split_origin(text)
                .map_or(text, |(origin, _)| origin)
                .to_string(),
            authority,
            headers: headers.to_vec(),
            host: host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string(),
            port,
            head,
            stream: None,
            input: Vec::new(),
            output: Vec::new(),
            timer: None,
        })
    }

    /// POSTs `body` to `target` (path and query); the whole exchange, connecting included,
    /// ends within `timeout`.
    async fn post(
        &mut self,
        target: &str,
        body: &[u8],
        timeout: Duration,
        cap: usize,
    ) -> Result<Response, TransportFailure> {
        let started = Instant::now();
        self.output.clear();
        self.output.extend_from_slice(b"POST ");
        self.output.extend_from_slice(target.as_bytes());
        self.output.extend_from_slice(&self.head);
        let _ = write!(self.output, "{}\r\n\r\n", body.len());
        self.output.extend_from_slice(body);
        let deadline = started + timeout;
        let mut timer = self
            .timer
            .take()
            .unwrap_or_else(|| Box::pin(tokio::time::sleep_until(deadline.into())));
        let result = within(&mut timer, deadline, self.exchange(cap, started)).await;
        self.timer = Some(timer);
        let result = match result {
            Some(Ok(answer)) => return Ok(answer),
            Some(Err(problem)) => Err(problem.into_error(started)),
            None => Err(timed_out(timeout, started)),
        };
        // Whatever is left on the wire belongs to no request.
        self.stream = None;
        result
    }

    /// The request line's target for `request` on this connection (the URL's path and
    /// query, without a fragment, as hyper sends it), after making it a connection to the
    /// request's receiver if it is not one, and making its head carry the request's headers.
    fn target_of<'r>(&mut self, request: Outgoing<'r>) -> Result<&'r str, TransportFailure> {
        let unusable = |detail: String| TransportFailure {
            kind: FailureKind::Other,
            detail,
            elapsed: Duration::ZERO,
        };
        let (origin, target) =
            split_origin(request.url).ok_or_else(|| unusable("the URL has no path".into()))?;
        if origin != self.origin {
            let url = Url::parse(request.url).map_err(|err| unusable(err.to_string()))?;
            *self = Connection::new(&url, request.headers).map_err(unusable)?;
        } else if request.headers != self.headers.as_slice() {
            // The same receiver: the connection stays, the head changes.
            self.head = request_head(&self.authority, request.headers).map_err(unusable)?;
            self.headers = request.headers.to_vec();
        }
        Ok(target.split('#').next().unwrap_or(target))
    }

    async fn exchange(&mut self, cap: usize, started: Instant) -> Result<Response, Problem> {
        // A kept-alive connection the receiver closed (or wrote to) while it was idle is
        // replaced before anything is written on it.
        if self.stream.as_ref().is_some_and(|stream| !idle(stream)) {
            self.stream = None;
        }
        let mut stream = match self.stream.take() {
            Some(stream) => stream,
            None => self.connect().await?,
        };
        // From here on the request may have reached the receiver: any failure is reported,
        // never hidden by sending the request again.
        stream
            .write_all(&self.output)
            .await
            .map_err(Problem::Write)?;
        let (answer, reusable) = read_answer(&mut stream, &mut self.input, cap, started).await?;
        if reusable {
            self.stream = Some(stream);
        }
        Ok(answer)
    }

    /// Connects to the receiver's first address that takes the connection; the error is
    /// the first address's, as hyper-util reports it.
    async fn connect(&mut self) -> Result<TcpStream, Problem> {
        self.input.clear();
        let addresses = tokio::net::lookup_host((self.host.as_str(), self.port))
            .await
            .map_err(Problem::Dns)?;
        let mut first = None;
        for address in addresses {
            match TcpStream::connect(address).await {
                Ok(stream) => {
                    // A request is written at once; waiting for more (Nagle) only adds
                    // latency.
                    let _ = stream.set_nodelay(true);
                    return Ok(stream);
                }
                Err(err) => {
                    first.get_or_insert(err);
                }
            }
        }
        Err(Problem::Connect(first.unwrap_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotConnected, "Network unreachable")
        })))
    }
}

impl Transport for Connection {
    async fn send(&mut self, request: Outgoing<'_>, timeout: Duration) -> Exchange {
        let target = self.target_of(request)?;
        self.post(target, request.bytes, timeout, BODY_CAP).await
    }
}

/// The request head after the target, up to `content-length: `: the Host field (unless
/// `headers` has one) and `headers`, names in lower case as hyper writes them.
fn request_head(authority: &str, headers: &[(String, String)]) -> Result<Vec<u8>, String> {
    let mut head = b" HTTP/1.1\r\n".to_vec();
    let mut field = |name: &str, value: &str| {
        head.extend_from_slice(name.as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    };
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        field("host", authority);
    }
    for (name, value) in headers {
        // Checked when the config was validated; checked again since they go out raw.
        HeaderName::from_bytes(name.as_bytes()).map_err(|err| err.to_string())?;
        HeaderValue::from_str(value).map_err(|err| err.to_string())?;
        field(&name.to_ascii_lowercase(), value);
    }
    head.extend_from_slice(b"content-length: ");
    Ok(head)
}

/// `http://host:port/im?a=1` into `http://host:port` and `/im?a=1`; `None` without a path
/// (an http URL as `Url` writes it always has one).
fn split_origin(url: &str) -> Option<(&str, &str)> {
    // Byte searches (every byte looked for is ASCII, so they find what `str::find` finds)
    // without a substring searcher's set-up, once per request.
    let bytes = url.as_bytes();
    let authority = bytes.windows(3).position(|three| three == b"://")? + 3;
    let path = bytes[authority..]
        .iter()
        .position(|&byte| byte == b'/' || byte == b'?')
        .map_or(url.len(), |at| authority + at);
    let (origin, target) = url.split_at(path);
    (target.starts_with('/')).then_some((origin, target))
}

/// Runs `work` until `deadline`; None when the deadline came first.
///
/// The connection's one timer is left as an earlier request set it (moved back if it was set
/// later): that deadline is no later than this one, and when it fires the timer is moved on
/// to this request's deadline.
/// So the timer wheel is touched about once per timeout period instead of twice per request
/// (a few percent of the requests per second on loopback), and no request outlives its
/// deadline.
async fn within<T>(
    timer: &mut Pin<Box<Sleep>>,
    deadline: Instant,
    work: impl Future<Output = T>,
) -> Option<T> {
    // A caller may shorten the timeout from one request to the next.
    if timer.deadline() > deadline.into() {
        timer.as_mut().reset(deadline.into());
    }
    let mut work = std::pin::pin!(work);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(out) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(out));
        }
        while timer.as_mut().poll(cx).is_ready() {
            if Instant::now() >= deadline {
                return Poll::Ready(None);
            }
            timer.as_mut().reset(deadline.into());
        }
        Poll::Pending
    })
    .await
}

/// Whether a kept-alive connection is idle as it should be: nothing to read on it now (no
/// FIN, no reset, no bytes nobody asked for). It asks the socket (one `recv(MSG_PEEK)`), not
/// the runtime's readiness, which has not yet seen a FIN that came with or just after the
/// last answer: a receiver that closes after answering must not turn the next request into
/// an error when it could have been sent on a new connection.
fn idle(stream: &TcpStream) -> bool {
    let mut probe = [MaybeUninit::<u8>::uninit(); 1];
    matches!(
        SockRef::from(stream).peek(&mut probe),
        Err(err) if err.kind() == std::io::ErrorKind::WouldBlock
    )
}

/// Reads more into `input`; false at the end of the stream.
async fn fill(stream: &mut TcpStream, input: &mut Vec<u8>) -> std::io::Result<bool> {
    input.reserve(READ_CHUNK);
    let read = stream.read_buf(input).await?;
    Ok(read > 0)
}

/// Reads one answer; also says whether the connection can carry another request.
async fn read_answer(
    stream: &mut TcpStream,
    input: &mut Vec<u8>,
    cap: usize,
    started: Instant,
) -> Result<(Response, bool), Problem> {
    let head = loop {
        match parse_head(input)? {
            // Interim answers (100 Continue, 103 Early Hints) are skipped, as hyper does.
            Some(head) if head.interim => {
                input.drain(..head.size);
            }
            Some(head) => break head,
            None if input.len() >= MAX_HEAD => return Err(Problem::Head(TOO_LARGE)),
            None => {
                if !fill(stream, input).await.map_err(Problem::Read)? {
                    return Err(Problem::Closed);
                }
            }
        }
    };
    input.drain(..head.size);
    let mut body = Vec::new();
    let too_large = match head.framing {
        Framing::Empty => false,
        Framing::Length(length) if declared_too_large(Some(length), cap) => true,
        Framing::Length(length) => {
            let length = usize::try_from(length).unwrap_or(usize::MAX);
            while body.len() < length {
                if input.is_empty() && !fill(stream, input).await.map_err(Problem::BodyIo)? {
                    return Err(Problem::BodyCut(INCOMPLETE_BODY));
                }
                let take = input.len().min(length - body.len());
                body.extend_from_slice(&input[..take]);
                input.drain(..take);
            }
            false
        }
        Framing::Chunked => read_chunked(stream, input, &mut body, cap).await?,
        Framing::UntilClose => loop {
            if push_capped(&mut body, input, cap) {
                break true;
            }
            input.clear();
            if !fill(stream, input).await.map_err(Problem::BodyIo)? {
                break false;
            }
        },
    };
    // Bytes after the answer were never asked for: the connection is not to be trusted.
    let reusable = head.keep_alive && !too_large && input.is_empty();
    input.clear();
    let answer = Response {
        status: head.status,
        reason: StatusCode::from_u16(head.status)
            .ok()
            .and_then(|status| status.canonical_reason()),
        headers: head.headers,
        body,
        too_large,
        latency: started.elapsed(),
    };
    Ok((answer, reusable))
}

/// Decodes a chunked body into `body`, up to the cap; true when it went past the cap.
async fn read_chunked(
    stream: &mut TcpStream,
    input: &mut Vec<u8>,
    body: &mut Vec<u8>,
    cap: usize,
) -> Result<bool, Problem> {
    let mut chunked = Chunked::default();
    loop {
        let progress = chunked
            .decode(input, body, cap)
            .map_err(Problem::BodyFraming)?;
        match progress {
            ChunkProgress::Done(used) => {
                input.drain(..used);
                return Ok(false);
            }
            ChunkProgress::Capped => return Ok(true),
            ChunkProgress::More => {
                input.clear();
                if !fill(stream, input).await.map_err(Problem::BodyIo)? {
                    return Err(Problem::BodyCut(chunked.cut_short()));
                }
            }
        }
    }
}

/// hyper's words for a head that is too large.
const TOO_LARGE: &str = "message head is too large";

/// hyper's words for a head httparse refuses, by why it does.
fn hyper_words(err: httparse::Error) -> &'static str {
    match err {
        httparse::Error::HeaderName
        | httparse::Error::HeaderValue
        | httparse::Error::NewLine
        | httparse::Error::Token => "invalid HTTP header parsed",
        httparse::Error::Status => "invalid HTTP status-code parsed",
        httparse::Error::TooManyHeaders => TOO_LARGE,
        httparse::Error::Version => "invalid HTTP version parsed",
    }
}

/// Parses an answer head at the start of `input`; None until it is complete.
fn parse_head(input: &[u8]) -> Result<Option<Head>, Problem> {
    // Nothing read yet (every request's first look, before its answer arrives): incomplete,
    // as httparse would say, without setting up its field table.
    if input.is_empty() {
        return Ok(None);
    }
    // httparse fills the table as it parses (the same parse as `Response::parse`): writing
    // all 100 fields first would cost more than parsing a small head.
    let mut fields = [const { MaybeUninit::<httparse::Header>::uninit() }; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut []);
    let parsed = httparse::ParserConfig::default().parse_response_with_uninit_headers(
        &mut response,
        input,
        &mut fields,
    );
    let size = match parsed {
        Ok(httparse::Status::Complete(size)) => size,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(err) => return Err(Problem::Head(hyper_words(err))),
    };
    let status = response.code.unwrap_or(0);
    if StatusCode::from_u16(status).is_err() {
        return Err(Problem::Head("invalid HTTP status-code parsed"));
    }
    let http11 = response.version == Some(1);
    let fields = &*response.headers;
    let framing = framing(status, http11, fields)?;
    // RFC 9112 §6.3: both framings at once may be an attempt at response splitting; the
    // answer is read as Transfer-Encoding says, and the connection is not trusted after it.
    let both = has(fields, "transfer-encoding") && has(fields, "content-length");
    let keep_alive =
        keep_alive(http11, fields) && status != 101 && framing != Framing::UntilClose && !both;
    let headers = fields
        .iter()
        .map(|field| {
            let value = String::from_utf8_lossy(field.value).into_owned();
            (field.name.to_ascii_lowercase(), value)
        })
        .collect();
    Ok(Some(Head {
        status,
        headers,
        size,
        framing,
        keep_alive,
        interim: (100..200).contains(&status) && status != 101,
    }))
}

/// How the body is delimited, in hyper's order: none for 1xx, 204 and 304; then
/// Transfer-Encoding (an error on HTTP/1.0; chunked when it is the last coding of the last
/// field line, else until close); then Content-Length; else until close.
fn framing(status: u16, http11: bool, fields: &[httparse::Header]) -> Result<Framing, Problem> {
    if (100..200).contains(&status) || matches!(status, 204 | 304) {
        return Ok(Framing::Empty);
    }
    if let Some(last) = values(fields, "transfer-encoding").last() {
        if !http11 {
            return Err(Problem::Head("unexpected transfer-encoding parsed"));
        }
        let chunked = visible(last)
            .and_then(|codings| codings.rsplit(',').next())
            .is_some_and(|coding| coding.trim().eq_ignore_ascii_case("chunked"));
        return Ok(if chunked {
            Framing::Chunked
        } else {
            Framing::UntilClose
        });
    }
    if !has(fields, "content-length") {
        return Ok(Framing::UntilClose);
    }
    content_length(values(fields, "content-length")).map(Framing::Length)
}

/// RFC 9112 §8.6: `Content-Length = 1*DIGIT`, no sign, no blank value; the values of a list
/// or of repeated field lines must all be equal.
fn content_length<'a>(values: impl Iterator<Item = &'a [u8]>) -> Result<u64, Problem> {
    let invalid = || Problem::Head("invalid content-length parsed");
    let mut length = None;
    for value in values {
        for part in visible(value).ok_or_else(invalid)?.split(',') {
            let part = part.trim();
            if part.is_empty() || !part.bytes().all(|byte| byte.is_ascii_digit()) {
                return Err(invalid());
            }
            let parsed: u64 = part.parse().map_err(|_| invalid())?;
            if length.is_some_and(|known| known != parsed) {
                return Err(invalid());
            }
            length = Some(parsed);
        }
    }
    match length {
        Some(length) if length > MAX_LENGTH => Err(Problem::Head(TOO_LARGE)),
        Some(length) => Ok(length),
        None => Err(invalid()),
    }
}

/// HTTP/1.1 keeps the connection unless a `Connection` field says `close`; HTTP/1.0 only
/// when one says `keep-alive` and none `close`.
fn keep_alive(http11: bool, fields: &[httparse::Header]) -> bool {
    let says = |token: &str| {
        values(fields, "connection").any(|value| {
            visible(value).is_some_and(|value| {
                value
                    .split(',')
                    .any(|part| part.trim().eq_ignore_ascii_case(token))
            })
        })
    };
    !says("close") && (http11 || says("keep-alive"))
}

/// The values of the field lines named `name`, in order.
fn values<'a>(
    fields: &'a [httparse::Header<'a>],
    name: &'a str,
) -> impl DoubleEndedIterator<Item = &'a [u8]> + 'a {
    fields
        .iter()
        .filter(move |field| field.name.eq_ignore_ascii_case(name))
        .map(|field| field.value)
}

fn has(fields: &[httparse::Header], name: &str) -> bool {
    values(fields, name).next().is_some()
}

/// A field value as text when it is visible ASCII only, as `HeaderValue::to_str` reads it
/// (hyper ignores a value that is not).
fn visible(value: &[u8]) -> Option<&str> {
    value
        .iter()
        .all(|&byte| byte == b'\t' || (0x20..0x7f).contains(&byte))
        .then(|| std::str::from_utf8(value).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_splits_into_its_origin_and_the_request_target() {
        assert_eq!(
            split_origin("http://127.0.0.1:8080/im?a=1&b=/"),
            Some(("http://127.0.0.1:8080", "/im?a=1&b=/"))
        );
        assert_eq!(
            split_origin("http://[::1]:9/?x"),
            Some(("http://[::1]:9", "/?x"))
        );
        assert_eq!(split_origin("http://host?x"), None);
        assert_eq!(split_origin("http:/host/x"), None);
        assert_eq!(split_origin("http://"), None);
        assert_eq!(
            split_origin("http://h\u{e9}te:1/\u{e9}?a=://"),
            Some(("http://h\u{e9}te:1", "/\u{e9}?a=://"))
        );
        assert_eq!(split_origin("a://b://c/d"), Some(("a://b:", "//c/d")));
        assert_eq!(split_origin("no scheme"), None);
    }

    /// A loopback receiver that answers every request on a connection with `body`.
    fn answering(body: &'static str) -> String {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/im", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut request = [0u8; 4096];
                while stream.read(&mut request).is_ok_and(|read| read > 0) {
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = stream.write_all(answer.as_bytes());
                }
            }
        });
        url
    }

    #[tokio::test]
    async fn a_request_for_another_receiver_goes_to_it() {
        let (first, second) = (answering("first"), answering("second"));
        let headers = [("content-type".to_string(), "application/json".to_string())];
        let mut connection = Connection::new(&Url::parse(&first).unwrap(), &headers).unwrap();
        for (url, body) in [(&first, "first"), (&second, "second"), (&first, "first")] {
            let request = Outgoing {
                url,
                headers: &headers,
                bytes: b"{}",
            };
            let answer = connection
                .send(request, Duration::from_secs(5))
                .await
                .unwrap();
            assert_eq!(answer.body, body.as_bytes(), "{url}");
        }
    }

    fn head(text: &str) -> Head {
        parse_head(text.as_bytes())
            .expect("parses")
            .expect("complete")
    }

    #[test]
    fn framing_follows_rfc_9112() {
        let ok = "HTTP/1.1 200 OK\r\n";
        assert_eq!(
            head(&format!("{ok}content-length: 5\r\n\r\n")).framing,
            Framing::Length(5)
        );
        assert_eq!(
            head(&format!("{ok}Content-Length: 5, 5\r\n\r\n")).framing,
            Framing::Length(5)
        );
        assert!(parse_head(format!("{ok}content-length: 5, 6\r\n\r\n").as_bytes()).is_err());
        assert_eq!(
            head(&format!(
                "{ok}transfer-encoding: gzip, chunked\r\ncontent-length: 3\r\n\r\n"
            ))
            .framing,
            Framing::Chunked
        );
        assert_eq!(
            head(&format!("{ok}transfer-encoding: gzip\r\n\r\n")).framing,
            Framing::UntilClose
        );
        assert_eq!(head(&format!("{ok}\r\n")).framing, Framing::UntilClose);
        assert_eq!(
            head("HTTP/1.1 204 No Content\r\n\r\n").framing,
            Framing::Empty
        );
        assert!(head("HTTP/1.1 100 Continue\r\n\r\n").interim);
        assert!(
            parse_head(b"HTTP/1.1 200 OK\r\ncontent-le")
                .unwrap()
                .is_none()
        );
        assert!(parse_head(b"\x00garbage\r\n\r\n").is_err());
        assert!(
            matches!(parse_head(b""), Ok(None)),
            "nothing read yet is incomplete"
        );
        // Content-Length = 1*DIGIT, and only without Transfer-Encoding.
        for length in ["+5", "-5", " ", "5 5", "0x5", "18446744073709551615"] {
            let text = format!("{ok}content-length: {length}\r\n\r\n");
            assert!(parse_head(text.as_bytes()).is_err(), "{length}");
        }
        assert_eq!(
            head(&format!(
                "{ok}transfer-encoding: chunked\r\ncontent-length: +5\r\n\r\n"
            ))
            .framing,
            Framing::Chunked
        );
        assert!(parse_head(b"HTTP/1.0 200 OK\r\ntransfer-encoding: chunked\r\n\r\n").is_err());
    }

    #[test]
    fn keep_alive_as_http_1_1_and_1_0_say() {
        let length = "content-length: 0\r\n\r\n";
        assert!(head(&format!("HTTP/1.1 200 OK\r\n{length}")).keep_alive);
        assert!(!head(&format!("HTTP/1.1 200 OK\r\nconnection: close\r\n{length}")).keep_alive);
        assert!(!head(&format!("HTTP/1.0 200 OK\r\n{length}")).keep_alive);
        assert!(
            head(&format!(
                "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n{length}"
            ))
            .keep_alive
        );
        assert!(!head("HTTP/1.1 200 OK\r\n\r\n").keep_alive);
        assert!(
            !head("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ncontent-length: 5\r\n\r\n")
                .keep_alive
        );
        assert!(head("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n").keep_alive);
    }

    #[test]
    fn header_names_are_lower_case_as_hyper_gives_them() {
        let parsed =
            parse_head(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-A: \xffb\r\n\r\n")
                .expect("parses")
                .expect("complete");
        assert_eq!(
            parsed.headers[0],
            ("content-type".into(), "application/json".into())
        );
        assert_eq!(parsed.headers[1].0, "x-a");
    }
}
