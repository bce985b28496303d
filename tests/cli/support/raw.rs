//! A raw TCP server on 127.0.0.1 for answers no HTTP library would produce: garbage,
//! nothing, a slow drip, a truncated body, a kept-alive connection closed under a request.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What the server does once it has read a request.
pub type Behaviour = fn(&mut TcpStream);

pub struct RawServer {
    pub url: String,
    /// Connections accepted and requests read whole, so far.
    counts: Arc<Counts>,
}

#[derive(Default)]
struct Counts {
    connections: AtomicUsize,
    requests: AtomicUsize,
}

impl RawServer {
    /// Accepts connections forever; for each, reads the request head and body, then runs
    /// `behaviour` on the stream and closes it.
    pub fn start(behaviour: Behaviour) -> Self {
        Self::start_with(behaviour)
    }

    /// `start` with a closure (e.g. one that writes bytes it owns).
    pub fn start_with(behaviour: impl Fn(&mut TcpStream) + Send + Sync + 'static) -> Self {
        Self::sessions(move |stream, _| {
            behaviour(stream);
            false
        })
    }

    /// Answers bytes and closes, after each request.
    pub fn answering(bytes: Vec<u8>) -> Self {
        Self::start_with(move |stream| write(stream, &bytes))
    }

    /// Accepts connections forever; on each, reads requests one after the other and runs
    /// `handler` with the stream and the request's number on that connection (1, 2, ...)
    /// once it has read the request whole. The connection is closed when `handler` returns
    /// false, when the client closes it, or when a request is incomplete.
    pub fn sessions(
        handler: impl Fn(&mut TcpStream, usize) -> bool + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let address = listener.local_addr().expect("address");
        let counts = Arc::new(Counts::default());
        let handler = Arc::new(handler);
        let shared = counts.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                shared.connections.fetch_add(1, Ordering::SeqCst);
                let (counts, handler) = (shared.clone(), handler.clone());
                std::thread::spawn(move || {
                    let mut input = Vec::new();
                    for nth in 1.. {
                        if !read_request(&mut stream, &mut input) {
                            break;
                        }
                        counts.requests.fetch_add(1, Ordering::SeqCst);
                        if !handler(&mut stream, nth) {
                            break;
                        }
                    }
                });
            }
        });
        RawServer {
            url: format!("http://{address}/im"),
            counts,
        }
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.counts.connections.load(Ordering::SeqCst)
    }

    /// Requests read whole so far: what the server processed.
    pub fn requests(&self) -> usize {
        self.counts.requests.load(Ordering::SeqCst)
    }
}

/// Reads one request (head, then Content-Length bytes of body) from `input` and the stream,
/// leaving in `input` what follows it; false when the stream ended first.
fn read_request(stream: &mut TcpStream, input: &mut Vec<u8>) -> bool {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buffer = [0u8; 4096];
    let mut more = |input: &mut Vec<u8>| match stream.read(&mut buffer) {
        Ok(read) if read > 0 => {
            input.extend_from_slice(&buffer[..read]);
            true
        }
        _ => false,
    };
    let end = loop {
        if let Some(end) = find(input, b"\r\n\r\n") {
            break end + 4;
        }
        if !more(input) {
            return false;
        }
    };
    let head = String::from_utf8_lossy(&input[..end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while input.len() < end + length {
        if !more(input) {
            return false;
        }
    }
    input.drain(..end + length);
    true
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Writes, ignoring a peer that went away.
pub fn write(stream: &mut TcpStream, bytes: &[u8]) {
    let _ = stream.write_all(bytes);
    let _ = stream.flush();
}

/// A well-formed HTTP/1.1 200 head with this body.
pub fn http_200(body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// `http_200` without `connection: close`: the connection may carry another request.
pub fn http_200_kept_alive(body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}
