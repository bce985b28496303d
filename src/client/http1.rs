//! A lean HTTP/1.1 client for load: one keep-alive connection; the request head is made from
//! parts built once and goes out with the body in one write; the answer is parsed with
//! httparse from a buffer that is reused. `bench` sends `http://` requests through it: on a
//! fast loopback receiver, hyper's client machinery (a dispatch task, channels, header maps
//! per request) cost more CPU than signing and judging, and the load generator shares the
//! cores with the receiver.
//!
//! The answer is framed as RFC 9112 §6.3 says (1xx skipped, 204/304 empty, chunked, length,
//! or until close), read up to the cap and within the deadline as `client::send` reads it, so
//! the verdict sees the `Answer` or `TransportError` that `send` would give it.

use super::{
    Answer, Failure, TransportError, classify, declared_too_large, push_capped, timed_out,
};
use reqwest::StatusCode;
use reqwest::Url;
use reqwest::header::{HeaderName, HeaderValue};
use std::io::Write as _;
use std::pin::Pin;
use std::task::Poll;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Sleep;

/// Most header fields an answer may have (hyper's limit too).
const MAX_HEADERS: usize = 100;
/// The longest answer head, and the longest chunk-size line, accepted.
const MAX_HEAD: usize = 64 * 1024;
/// Room made in the read buffer before each read.
const READ_CHUNK: usize = 16 * 1024;
/// What hyper says for an answer cut short; `classify` reads it as `closed`.
const CUT_SHORT: &str = "connection closed before message completed";

/// One connection to one receiver, opened on first use and reopened when it closes.
pub struct Connection {
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
    Io(std::io::Error),
    /// The bytes are not an HTTP/1 answer.
    Protocol(String),
    /// The connection ended before the answer was complete.
    Closed,
    /// The connection ended (closed, or reset with this error) before any byte of an answer.
    Dropped(Option<std::io::Error>),
}

impl Problem {
    fn into_error(self, started: Instant) -> TransportError {
        let (failure, detail) = match self {
            Problem::Io(err) => {
                let detail = err.to_string();
                (classify(&err, &detail), detail)
            }
            Problem::Protocol(detail) => (Failure::Protocol, detail),
            Problem::Closed | Problem::Dropped(None) => (Failure::Closed, CUT_SHORT.to_string()),
            Problem::Dropped(Some(err)) => return Problem::Io(err).into_error(started),
        };
        TransportError {
            failure,
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
        let mut fields: Vec<(String, String)> = Vec::new();
        let user_host = headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("host"));
        if !user_host {
            fields.push(("host".into(), authority));
        }
        for (name, value) in headers {
            // Checked when the config was validated; checked again since they go out raw.
            HeaderName::from_bytes(name.as_bytes()).map_err(|err| err.to_string())?;
            HeaderValue::from_str(value).map_err(|err| err.to_string())?;
            fields.push((name.to_ascii_lowercase(), value.clone()));
        }
        let mut head = b" HTTP/1.1\r\n".to_vec();
        for (name, value) in fields {
            head.extend_from_slice(name.as_bytes());
            head.extend_from_slice(b": ");
            head.extend_from_slice(value.as_bytes());
            head.extend_from_slice(b"\r\n");
        }
        head.extend_from_slice(b"content-length: ");
        Ok(Connection {
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

    /// POSTs `body` to `target` (path and query, see `client::origin_form`); the whole
    /// exchange, connecting included, ends within `timeout`.
    pub async fn send(
        &mut self,
        target: &str,
        body: &[u8],
        timeout: Duration,
        cap: usize,
    ) -> Result<Answer, TransportError> {
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

    async fn exchange(&mut self, cap: usize, started: Instant) -> Result<Answer, Problem> {
        if self.stream.as_ref().is_some_and(|stream| !idle(stream)) {
            self.stream = None;
        }
        let mut reused = self.stream.is_some();
        loop {
            let mut stream = match self.stream.take() {
                Some(stream) => stream,
                None => self.connect().await?,
            };
            let outcome = match stream.write_all(&self.output).await {
                Err(err) => Err(Problem::Dropped(Some(err))),
                Ok(()) => read_answer(&mut stream, &mut self.input, cap, started).await,
            };
            match outcome {
                // A kept-alive connection the receiver had closed without saying so (its FIN
                // not yet seen): nothing came back, so once more on a new connection, as curl
                // does.
                Err(Problem::Dropped(_)) if reused => reused = false,
                Err(problem) => return Err(problem),
                Ok((answer, reusable)) => {
                    if reusable {
                        self.stream = Some(stream);
                    }
                    return Ok(answer);
                }
            }
        }
    }

    async fn connect(&mut self) -> Result<TcpStream, Problem> {
        self.input.clear();
        let stream = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(Problem::Io)?;
        // A request is written at once; waiting for more (Nagle) only adds latency.
        let _ = stream.set_nodelay(true);
        Ok(stream)
    }
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

/// Whether a kept-alive connection is idle as it should be: anything to read on it now (the
/// receiver's FIN or reset, or bytes nobody asked for) means it is done. Costs no system call
/// unless the runtime saw the socket become readable.
fn idle(stream: &TcpStream) -> bool {
    let mut probe = [0u8; 1];
    matches!(stream.try_read(&mut probe), Err(err) if err.kind() == std::io::ErrorKind::WouldBlock)
}

/// Reads more into `input`; false at the end of the stream.
async fn fill(stream: &mut TcpStream, input: &mut Vec<u8>) -> Result<bool, Problem> {
    input.reserve(READ_CHUNK);
    let read = stream.read_buf(input).await.map_err(Problem::Io)?;
    Ok(read > 0)
}

/// Reads one answer; also says whether the connection can carry another request.
async fn read_answer(
    stream: &mut TcpStream,
    input: &mut Vec<u8>,
    cap: usize,
    started: Instant,
) -> Result<(Answer, bool), Problem> {
    let mut heard = false;
    let head = loop {
        match parse_head(input)? {
            // Interim answers (100 Continue, 103 Early Hints) are skipped, as hyper does.
            Some(head) if head.interim => {
                input.drain(..head.size);
                heard = true;
            }
            Some(head) => break head,
            None if input.len() > MAX_HEAD => {
                return Err(Problem::Protocol("message head is too large".into()));
            }
            None => {
                let silent = !heard && input.is_empty();
                match fill(stream, input).await {
                    Ok(true) => {}
                    Ok(false) if silent => return Err(Problem::Dropped(None)),
                    Ok(false) => return Err(Problem::Closed),
                    Err(Problem::Io(err)) if silent => return Err(Problem::Dropped(Some(err))),
                    Err(problem) => return Err(problem),
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
                if input.is_empty() && !fill(stream, input).await? {
                    return Err(Problem::Closed);
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
            if !fill(stream, input).await? {
                break false;
            }
        },
    };
    // Bytes after the answer were never asked for: the connection is not to be trusted.
    let reusable = head.keep_alive && !too_large && input.is_empty();
    input.clear();
    let answer = Answer {
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
    loop {
        let (line, size) = loop {
            match httparse::parse_chunk_size(input) {
                Ok(httparse::Status::Complete(parsed)) => break parsed,
                Ok(httparse::Status::Partial) if input.len() > MAX_HEAD => {
                    return Err(Problem::Protocol(
                        "invalid chunk size line: too long".into(),
                    ));
                }
                Ok(httparse::Status::Partial) => {
                    if !fill(stream, input).await? {
                        return Err(Problem::Closed);
                    }
                }
                Err(_) => return Err(Problem::Protocol("invalid chunk size line".into())),
            }
        };
        input.drain(..line);
        if size == 0 {
            return read_trailers(stream, input).await.map(|()| false);
        }
        let mut left = size;
        while left > 0 {
            if input.is_empty() && !fill(stream, input).await? {
                return Err(Problem::Closed);
            }
            let take = input.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            if push_capped(body, &input[..take], cap) {
                return Ok(true);
            }
            input.drain(..take);
            left -= take as u64;
        }
        while input.len() < 2 {
            if !fill(stream, input).await? {
                return Err(Problem::Closed);
            }
        }
        if &input[..2] != b"\r\n" {
            return Err(Problem::Protocol(
                "invalid chunk: no CRLF after the data".into(),
            ));
        }
        input.drain(..2);
    }
}

/// Skips the trailer section after the last chunk, up to its empty line.
async fn read_trailers(stream: &mut TcpStream, input: &mut Vec<u8>) -> Result<(), Problem> {
    loop {
        match input.windows(2).position(|pair| pair == b"\r\n") {
            Some(0) => {
                input.drain(..2);
                return Ok(());
            }
            Some(end) => {
                input.drain(..end + 2);
            }
            None if input.len() > MAX_HEAD => {
                return Err(Problem::Protocol("chunked trailers are too large".into()));
            }
            None => {
                if !fill(stream, input).await? {
                    return Err(Problem::Closed);
                }
            }
        }
    }
}

/// Parses an answer head at the start of `input`; None until it is complete.
fn parse_head(input: &[u8]) -> Result<Option<Head>, Problem> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut fields);
    let size = match response.parse(input) {
        Ok(httparse::Status::Complete(size)) => size,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(err) => return Err(Problem::Protocol(format!("invalid HTTP response: {err}"))),
    };
    let status = response.code.unwrap_or(0);
    if StatusCode::from_u16(status).is_err() {
        return Err(Problem::Protocol("invalid HTTP status-code parsed".into()));
    }
    let bad_length = || Problem::Protocol("invalid content-length parsed".into());
    let mut length: Option<u64> = None;
    let (mut transfer_encoding, mut chunked) = (false, false);
    let (mut close, mut keep_alive_token) = (false, false);
    let mut headers = Vec::with_capacity(response.headers.len());
    for field in response.headers.iter() {
        let name = field.name.to_ascii_lowercase();
        let value = String::from_utf8_lossy(field.value).into_owned();
        match name.as_str() {
            "content-length" => {
                for part in value.split(',') {
                    let parsed: u64 = part.trim().parse().map_err(|_| bad_length())?;
                    if length.is_some_and(|known| known != parsed) {
                        return Err(bad_length());
                    }
                    length = Some(parsed);
                }
            }
            "transfer-encoding" => {
                transfer_encoding = true;
                // The last coding decides, across every field line.
                chunked = value
                    .rsplit(',')
                    .next()
                    .is_some_and(|coding| coding.trim().eq_ignore_ascii_case("chunked"));
            }
            "connection" => {
                for token in value.split(',').map(str::trim) {
                    close |= token.eq_ignore_ascii_case("close");
                    keep_alive_token |= token.eq_ignore_ascii_case("keep-alive");
                }
            }
            _ => {}
        }
        headers.push((name, value));
    }
    let interim = (100..200).contains(&status) && status != 101;
    let framing = if interim || matches!(status, 101 | 204 | 304) {
        Framing::Empty
    } else if transfer_encoding {
        if chunked {
            Framing::Chunked
        } else {
            Framing::UntilClose
        }
    } else {
        length.map_or(Framing::UntilClose, Framing::Length)
    };
    let http11 = response.version == Some(1);
    let keep_alive =
        !close && (http11 || keep_alive_token) && status != 101 && framing != Framing::UntilClose;
    Ok(Some(Head {
        status,
        headers,
        size,
        framing,
        keep_alive,
        interim,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

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
