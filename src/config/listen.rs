//! listen's options (`--forward-to`, `--on-failure`, and serve's `--addr`, `--sdkappid`,
//! `--token`, `--record`, `--read-timeout`, `--max-connections`) as given, and checked.
//! The server options are checked as serve checks them (`config::serve`).

use crate::config::parse_url;
use crate::config::serve::{Limits, ServeOptions};
use crate::error::{BadValue, Result};
use grpcb_contract::inspect::Auth;
use reqwest::Url;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// What goes back to IM when the receiver gives no answer it can use (none at all, one cut
/// at the cap, or one IM cannot use: not 200, not a JSON object, a broken contract).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum OnFailure {
    /// The receiver's own bytes when there were any; a 502 when there was no answer.
    #[default]
    Passthrough,
    /// A valid allow for the callback, so a broken receiver does not block the action.
    Allow,
}

impl OnFailure {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// listen's options as given, before checking.
#[derive(Clone, Debug, Default)]
pub struct ListenOptions {
    pub forward_to: String,
    /// `--addr`, `--sdkappid`, `--token`, `--record`, `--read-timeout`, `--max-connections`
    /// (no rules: the receiver answers).
    pub server: ServeOptions,
    pub on_failure: OnFailure,
}

/// Checked listen options.
#[derive(Clone, Debug)]
pub struct ListenConfig {
    /// The receiver's URL; IM's query is appended to its own.
    pub forward_to: Url,
    pub addr: SocketAddr,
    pub auth: Auth,
    pub record: Option<PathBuf>,
    pub limits: Limits,
    pub on_failure: OnFailure,
}

impl ListenOptions {
    /// Checks every option; the first bad one is an input error naming the flag.
    pub fn validate(self) -> Result<ListenConfig> {
        let mut forward_to = parse_url("--forward-to", &self.forward_to)?;
        // A fragment never goes over the wire.
        forward_to.set_fragment(None);
        let server = self.server.validate()?;
        if points_at(&forward_to, server.addr) {
            return Err(BadValue::flag(
                "--forward-to",
                forward_to.as_str(),
                "is listen's own --addr: every callback would come back to it",
            )
            .hint("forward to your receiver's URL, on another port")
            .into());
        }
        Ok(ListenConfig {
            forward_to,
            addr: server.addr,
            auth: server.auth,
            record: server.record,
            limits: server.limits,
            on_failure: self.on_failure,
        })
    }
}

/// Whether `url` names the address listen itself listens on (a loop), as far as can be told
/// without resolving names: an IP or `localhost`, on the same port.
fn points_at(url: &Url, addr: SocketAddr) -> bool {
    let port = url.port_or_known_default();
    if addr.port() == 0 || port != Some(addr.port()) {
        return false;
    }
    let host = url.host_str().unwrap_or_default();
    let ip = if host.eq_ignore_ascii_case("localhost") {
        IpAddr::from([127, 0, 0, 1])
    } else {
        match host.trim_start_matches('[').trim_end_matches(']').parse() {
            Ok(ip) => ip,
            Err(_) => return false,
        }
    };
    ip == addr.ip() || addr.ip().is_unspecified() || (ip.is_loopback() && addr.ip().is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forward_url_must_be_http() {
        let options = |url: &str| ListenOptions {
            forward_to: url.into(),
            server: ServeOptions {
                addr: "127.0.0.1:0".into(),
                ..ServeOptions::default()
            },
            on_failure: OnFailure::Allow,
        };
        let config = options("http://127.0.0.1:9000/im?team=a#x")
            .validate()
            .unwrap();
        assert_eq!(
            config.forward_to.as_str(),
            "http://127.0.0.1:9000/im?team=a"
        );
        assert_eq!(config.on_failure, OnFailure::Allow);
        let mut looped = options("http://localhost:8080/im");
        looped.server.addr = "8080".into();
        let err = looped.validate().unwrap_err().to_string();
        assert!(err.contains("listen's own --addr"), "{err}");
        for bad in ["ftp://127.0.0.1/", "127.0.0.1:9000", ""] {
            let err = options(bad).validate().unwrap_err().to_string();
            assert!(err.contains("--forward-to"), "{bad}: {err}");
        }
    }
}
