//! The reqwest client, for every exchange but bench's over plain HTTP: what `send` uses, so
//! every command judges an answer as it came through hyper.

use super::{Outgoing, Transport, classify, declared_too_large, push_capped, timed_out};
use grpcb_contract::exchange::{BODY_CAP, Exchange, FailureKind, Response, TransportFailure};
use std::error::Error as _;
use std::time::{Duration, Instant};

/// The reqwest client: HTTP/1.1 and HTTP/2, TLS, a connection pool shared by its clones.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
}

impl Client {
    /// One client for a whole run: redirects are reported, never followed.
    pub fn new() -> anyhow::Result<Client> {
        // reqwest built without a default crypto provider needs one installed; a second
        // install attempt fails harmlessly.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| anyhow::anyhow!("cannot start the HTTP client: {err}"))?;
        Ok(Client { http })
    }
}

impl Transport for Client {
    async fn send(&mut self, request: Outgoing<'_>, timeout: Duration) -> Exchange {
        send(&self.http, request, timeout, BODY_CAP).await
    }
}

/// Sends one request; the whole exchange, body included, ends within `timeout`.
async fn send(
    client: &reqwest::Client,
    request: Outgoing<'_>,
    timeout: Duration,
    cap: usize,
) -> Exchange {
    let started = Instant::now();
    let exchange = async {
        let mut builder = client.post(request.url).body(request.bytes.to_vec());
        for (name, value) in request.headers {
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
        Ok::<_, reqwest::Error>(Response {
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
        Ok(Err(err)) => Err(TransportFailure {
            kind: if err.is_timeout() {
                FailureKind::Timeout
            } else {
                classify(&err, &describe(&err))
            },
            detail: describe(&err),
            elapsed: started.elapsed(),
        }),
        Err(_) => Err(timed_out(timeout, started)),
    }
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
fn chain_text(mut source: Option<&(dyn std::error::Error + 'static)>) -> String {
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
