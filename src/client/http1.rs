//! A lean HTTP/1.1 client for load: one keep-alive connection, driven inside the task that
//! uses it and replaced when the receiver closes it. `bench` sends `http://` requests through
//! it (reqwest's shared pool costs more per request than a load generator can afford); the
//! answer is read, capped and timed as `client::send` does, so the verdict sees the same
//! `Answer` or `TransportError`.

use super::{
    Answer, TransportError, chain_text, classify, declared_too_large, header_pairs, push_capped,
    timed_out,
};
use bytes::Bytes;
use http::header::{HOST, HeaderName, HeaderValue};
use http::{HeaderMap, Method, Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Incoming};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use reqwest::Url;
use std::pin::Pin;
use std::task::Poll;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;

/// One connection to one receiver, opened on first use and reopened when it closes.
pub struct Connection {
    host: String,
    port: u16,
    /// Host and the request headers, built once.
    headers: HeaderMap,
    live: Option<Live>,
}

impl Clone for Connection {
    /// Another connection to the same receiver, opened on first use.
    fn clone(&self) -> Connection {
        Connection {
            host: self.host.clone(),
            port: self.port,
            headers: self.headers.clone(),
            live: None,
        }
    }
}

struct Live {
    sender: SendRequest<Full<Bytes>>,
    driver: Driver,
}

type Hyper = http1::Connection<TokioIo<TcpStream>, Full<Bytes>>;

/// The connection's own future: hyper writes and reads only while it is polled. Polling it
/// in the task that waits for the answer saves a task switch per request.
struct Driver {
    /// None once the connection has ended: dropping it tells the sender it is closed.
    connection: Option<Pin<Box<Hyper>>>,
    error: Option<hyper::Error>,
}

impl Driver {
    /// Runs `work` while driving the connection; returns what `work` returns.
    async fn run<T>(&mut self, work: impl Future<Output = T>) -> T {
        let mut work = std::pin::pin!(work);
        std::future::poll_fn(|cx| {
            if let Poll::Ready(out) = work.as_mut().poll(cx) {
                return Poll::Ready(out);
            }
            if let Some(connection) = self.connection.as_mut()
                && let Poll::Ready(ended) = connection.as_mut().poll(cx)
            {
                self.connection = None;
                self.error = ended.err();
                // The work learns of the end only when polled again.
                cx.waker().wake_by_ref();
            }
            Poll::Pending
        })
        .await
    }

    fn open(&self) -> bool {
        self.connection.is_some()
    }
}

/// Why an exchange failed before an answer was complete.
enum Problem {
    Connect(std::io::Error),
    Http(hyper::Error),
}

impl Connection {
    /// A connection for `url` (http only), sending `headers` with every request.
    pub fn new(url: &Url, headers: &[(String, String)]) -> Result<Connection, String> {
        let host_text = url.host_str().ok_or("the URL has no host")?;
        let port = url.port_or_known_default().ok_or("the URL has no port")?;
        let authority = match url.port() {
            Some(port) => format!("{host_text}:{port}"),
            None => host_text.to_string(),
        };
        let mut map = HeaderMap::new();
        map.insert(
            HOST,
            HeaderValue::from_str(&authority).map_err(|err| err.to_string())?,
        );
        for (name, value) in headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|err| err.to_string())?;
            let value = HeaderValue::from_str(value).map_err(|err| err.to_string())?;
            // A Host of the user's replaces ours; anything else adds to what is there.
            if name == HOST {
                map.insert(name, value);
            } else {
                map.append(name, value);
            }
        }
        Ok(Connection {
            host: host_text
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string(),
            port,
            headers: map,
            live: None,
        })
    }

    /// POSTs `body` to `url`; the whole exchange, connecting included, ends within `timeout`.
    pub async fn send(
        &mut self,
        url: &Url,
        body: Bytes,
        timeout: Duration,
        cap: usize,
    ) -> Result<Answer, TransportError> {
        let started = Instant::now();
        let target = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        };
        let uri = Uri::try_from(target).map_err(|err| failed(&err, started))?;
        let mut request = Request::new(Full::new(body));
        *request.method_mut() = Method::POST;
        *request.uri_mut() = uri;
        *request.headers_mut() = self.headers.clone();
        let result = tokio::time::timeout(timeout, self.exchange(request, cap, started)).await;
        match result {
            Ok(Ok(answer)) => Ok(answer),
            Ok(Err(Problem::Connect(err))) => Err(failed(&err, started)),
            Ok(Err(Problem::Http(err))) => Err(failed(&err, started)),
            Err(_) => {
                // Cut off mid-exchange: what is left on the wire belongs to no request.
                self.live = None;
                Err(timed_out(timeout, started))
            }
        }
    }

    async fn exchange(
        &mut self,
        mut request: Request<Full<Bytes>>,
        cap: usize,
        started: Instant,
    ) -> Result<Answer, Problem> {
        loop {
            let (mut live, fresh) = match self.live.take() {
                Some(live) => (live, false),
                None => (self.connect().await?, true),
            };
            // A kept-alive connection the receiver has closed is replaced before anything is
            // written on it; a fresh one that fails is the answer.
            if let Err(err) = live.driver.run(live.sender.ready()).await {
                if fresh {
                    return Err(live.driver.cause(err));
                }
                continue;
            }
            let response = match live.driver.run(live.sender.try_send_request(request)).await {
                Ok(response) => response,
                Err(mut err) => match err.take_message() {
                    // Never written: the receiver closed the connection just now; once more
                    // on a new one.
                    Some(unsent) if !fresh => {
                        request = unsent;
                        continue;
                    }
                    _ => return Err(live.driver.cause(err.into_error())),
                },
            };
            let (parts, body) = response.into_parts();
            let (bytes, too_large) = if declared_too_large(body.size_hint().exact(), cap) {
                (Vec::new(), true)
            } else {
                match live.driver.run(read_capped(body, cap)).await {
                    Ok(read) => read,
                    Err(err) => return Err(live.driver.cause(err)),
                }
            };
            let answer = Answer {
                status: parts.status.as_u16(),
                reason: parts.status.canonical_reason(),
                headers: header_pairs(&parts.headers),
                body: bytes,
                too_large,
                latency: started.elapsed(),
            };
            // The unread rest of a cut-off answer would be taken for the next answer.
            if !too_large && live.driver.open() {
                self.live = Some(live);
            }
            return Ok(answer);
        }
    }

    async fn connect(&self) -> Result<Live, Problem> {
        let stream = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(Problem::Connect)?;
        // A request is written at once; waiting for more (Nagle) only adds latency.
        let _ = stream.set_nodelay(true);
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(Problem::Http)?;
        Ok(Live {
            sender,
            driver: Driver {
                connection: Some(Box::pin(connection)),
                error: None,
            },
        })
    }
}

impl Driver {
    /// The error to report: a request is often only told it was canceled, while the
    /// connection knows why (a parse error, a reset).
    fn cause(&mut self, err: hyper::Error) -> Problem {
        match self.error.take() {
            Some(connection) if err.is_canceled() => Problem::Http(connection),
            _ => Problem::Http(err),
        }
    }
}

/// Reads at most `cap` bytes of the body; stops at the first byte beyond it.
async fn read_capped(mut body: Incoming, cap: usize) -> Result<(Vec<u8>, bool), hyper::Error> {
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame?.into_data()
            && push_capped(&mut bytes, &data, cap)
        {
            return Ok((bytes, true));
        }
    }
    Ok((bytes, false))
}

fn failed(err: &(dyn std::error::Error + 'static), started: Instant) -> TransportError {
    let detail = chain_text(Some(err));
    TransportError {
        failure: classify(err, &detail),
        detail,
        elapsed: started.elapsed(),
    }
}
