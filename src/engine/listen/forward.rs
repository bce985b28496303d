//! Forwarding a callback to the receiver as IM sent it: the body bytes untouched, IM's query
//! string after the receiver URL's own query (as IM appends it), the headers IM sent but those
//! of one hop, over the transports `send` and `bench` use: the lean HTTP/1.1 `Connection` for
//! `http://` (a few kept-alive connections, one per exchange in flight), the reqwest `Client`
//! for `https://`.

use crate::transport::http1::Connection;
use crate::transport::{Client, Outgoing, Transport};
use axum::http::HeaderMap;
use grpcb_contract::exchange::Exchange;
use reqwest::Url;
use std::sync::Mutex;
use std::time::Duration;

/// Kept-alive connections kept for the next exchanges; more in flight open their own.
const IDLE_CONNECTIONS: usize = 64;

/// Header fields of one hop (RFC 9110 §7.6.1), and those the transport writes itself (Host,
/// Content-Length): never forwarded.
const HOP_BY_HOP: [&str; 12] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "expect",
    "host",
    "content-length",
];

/// Sends exchanges to the receiver; shared by every request handler.
pub enum Forwarder {
    /// `http://`: idle kept-alive connections, and one to clone for more.
    Lean {
        first: Box<Connection>,
        idle: Mutex<Vec<Connection>>,
    },
    /// `https://`: reqwest's pool.
    Client(Client),
}

impl Forwarder {
    pub fn new(receiver: &Url) -> anyhow::Result<Forwarder> {
        if receiver.scheme() == "https" {
            return Ok(Forwarder::Client(Client::new()?));
        }
        let first = Box::new(Connection::new(receiver, &[]).map_err(|err| anyhow::anyhow!(err))?);
        Ok(Forwarder::Lean {
            first,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Sends one exchange within `timeout`, connecting included.
    pub async fn send(&self, outgoing: Outgoing<'_>, timeout: Duration) -> Exchange {
        match self {
            Forwarder::Client(client) => client.clone().send(outgoing, timeout).await,
            Forwarder::Lean { first, idle } => {
                let taken = lock(idle).pop();
                let mut connection = taken.unwrap_or_else(|| Connection::clone(first));
                let exchange = connection.send(outgoing, timeout).await;
                let mut idle = lock(idle);
                if idle.len() < IDLE_CONNECTIONS {
                    idle.push(connection);
                }
                exchange
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The receiver's URL with IM's query string after its own, as IM appends it; the query is
/// taken as received, byte for byte.
pub fn url(receiver: &Url, query: Option<&str>) -> String {
    let text = receiver.as_str();
    let Some(query) = query.filter(|query| !query.is_empty()) else {
        return text.to_string();
    };
    match receiver.query() {
        Some("") => format!("{text}{query}"),
        Some(_) => format!("{text}&{query}"),
        None => format!("{text}?{query}"),
    }
}

/// The header fields IM sent, in order, less those of one hop (and those named by its
/// `Connection` field) and any whose value is not visible ASCII (no transport can send it
/// as it came).
pub fn headers(sent: &HeaderMap) -> Vec<(String, String)> {
    let named_by_connection: Vec<String> = sent
        .get_all("connection")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .collect();
    sent.iter()
        .filter(|(name, _)| {
            let name = name.as_str();
            !HOP_BY_HOP.contains(&name) && !named_by_connection.iter().any(|hop| hop == name)
        })
        .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_query_goes_after_the_receiver_s_own() {
        let query = Some("SdkAppid=1&CallbackCommand=Group.X&Name=a%20b");
        let at = |receiver: &str| url(&Url::parse(receiver).unwrap(), query);
        assert_eq!(
            at("http://127.0.0.1:9/im"),
            "http://127.0.0.1:9/im?SdkAppid=1&CallbackCommand=Group.X&Name=a%20b"
        );
        assert_eq!(
            at("http://127.0.0.1:9/im?team=a"),
            "http://127.0.0.1:9/im?team=a&SdkAppid=1&CallbackCommand=Group.X&Name=a%20b"
        );
        assert_eq!(
            at("http://127.0.0.1:9/?"),
            "http://127.0.0.1:9/?SdkAppid=1&CallbackCommand=Group.X&Name=a%20b"
        );
        let receiver = Url::parse("http://127.0.0.1:9/im?team=a").unwrap();
        assert_eq!(url(&receiver, None), "http://127.0.0.1:9/im?team=a");
    }

    #[test]
    fn headers_of_one_hop_stay_behind() {
        let mut sent = HeaderMap::new();
        for (name, value) in [
            ("host", "tunnel.example"),
            ("content-type", "application/json"),
            ("content-length", "12"),
            ("connection", "keep-alive, x-hop"),
            ("x-hop", "1"),
            ("user-agent", "IM"),
            ("x-trace", "a"),
            ("x-trace", "b"),
        ] {
            sent.append(name, HeaderValue::from_static(value));
        }
        sent.append("x-binary", HeaderValue::from_bytes(b"\xff").unwrap());
        let kept: Vec<(String, String)> = headers(&sent);
        let names: Vec<&str> = kept.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["content-type", "user-agent", "x-trace", "x-trace"]);
        assert_eq!(kept[3].1, "b");
    }
}
