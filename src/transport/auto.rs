//! `run`'s transport: each request over the lean HTTP/1.1 [`Connection`] when it sends the
//! request as the reqwest [`Client`] would (a plain `http://` URL without credentials in it,
//! and no proxy in the environment), else over the client. The lean connection costs a
//! fraction of the client's CPU per exchange, and either way the report is the same
//! (`tests/cli/parity.rs` sends one corpus of answers through both).

use super::http1::Connection;
use super::{Client, Outgoing, Transport};
use grpcb_contract::exchange::{Exchange, FailureKind, TransportFailure};
use reqwest::Url;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The variables reqwest reads a proxy for `http://` URLs from.
const PROXY_VARIABLES: [&str; 4] = ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"];

/// The lean connection where it can carry a request, the reqwest client elsewhere.
#[derive(Clone)]
pub struct Auto {
    /// Made for the first request it carries; a clone starts without one.
    lean: Option<Connection>,
    /// Made on first use and shared by the clones (one pool), since most runs never need it.
    client: Arc<OnceLock<Result<Client, String>>>,
    /// A proxy is set for plain HTTP: every request goes through reqwest, which applies it.
    proxied: bool,
}

impl Auto {
    pub fn new() -> Auto {
        Auto {
            lean: None,
            client: Arc::default(),
            proxied: PROXY_VARIABLES
                .iter()
                .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty())),
        }
    }

    /// Whether the lean connection sends `url` as reqwest would: plain HTTP, and no
    /// user name or password in it (reqwest turns those into an Authorization field).
    fn lean_carries(&self, url: &str) -> bool {
        let Some(rest) = url.strip_prefix("http://") else {
            return false;
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        !self.proxied && !authority.contains('@')
    }

    async fn over_client(&self, request: Outgoing<'_>, timeout: Duration) -> Exchange {
        let client = self
            .client
            .get_or_init(|| Client::new().map_err(|err| err.to_string()));
        match client {
            Ok(client) => client.clone().send(request, timeout).await,
            Err(why) => Err(unusable(why.clone())),
        }
    }
}

impl Default for Auto {
    fn default() -> Self {
        Auto::new()
    }
}

impl Transport for Auto {
    async fn send(&mut self, request: Outgoing<'_>, timeout: Duration) -> Exchange {
        if !self.lean_carries(request.url) {
            return self.over_client(request, timeout).await;
        }
        let lean = match &mut self.lean {
            Some(lean) => lean,
            None => {
                let url = Url::parse(request.url).map_err(|err| unusable(err.to_string()))?;
                let lean = Connection::new(&url, request.headers).map_err(unusable)?;
                self.lean.insert(lean)
            }
        };
        lean.send(request, timeout).await
    }
}

/// A request no transport could start.
fn unusable(detail: String) -> TransportFailure {
    TransportFailure {
        kind: FailureKind::Other,
        detail,
        elapsed: Duration::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lean_connection_carries_plain_http_without_credentials() {
        let auto = Auto {
            proxied: false,
            ..Auto::new()
        };
        assert!(auto.lean_carries("http://127.0.0.1:8080/im?a=b@c"));
        assert!(auto.lean_carries("http://host/"));
        assert!(!auto.lean_carries("https://host/im"));
        assert!(!auto.lean_carries("http://user:secret@host/im"));
        assert!(!auto.lean_carries("http://user@host"));
        let proxied = Auto {
            proxied: true,
            ..Auto::new()
        };
        assert!(!proxied.lean_carries("http://127.0.0.1:8080/im"));
    }
}
