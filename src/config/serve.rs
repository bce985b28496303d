//! serve's options (`--addr`, `--sdkappid`, `--token`, `--rules`, `--record`,
//! `--read-timeout`, `--max-connections`) as given, and checked. The rules file and the record
//! folder are named here; the server reads and opens them (`engine::serve::Setup`).

use crate::config::{Token, is_digits, sdkappid_error, timeout_flag};
use crate::error::{BadValue, Result, Subject};
use grpcb_contract::inspect::Auth;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// How long a client may take to send its request head, and then its body.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(5);
/// Open connections at most; IM keeps a few persistent ones, so this is for floods.
pub const DEFAULT_MAX_CONNECTIONS: usize = 512;

/// Server options as given, before checking.
#[derive(Clone, Debug, Default)]
pub struct ServeOptions {
    pub addr: String,
    pub sdkappid: Option<String>,
    pub token: Option<Token>,
    pub rules: Option<PathBuf>,
    pub record: Option<PathBuf>,
    /// `--read-timeout` as given.
    pub read_timeout: Option<String>,
    pub max_connections: Option<usize>,
}

/// Checked server options.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    pub auth: Auth,
    /// `--rules FILE`.
    pub rules: Option<PathBuf>,
    /// `--record DIR`.
    pub record: Option<PathBuf>,
    pub limits: Limits,
}

/// The connection limits of a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub read_timeout: Duration,
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            read_timeout: DEFAULT_READ_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

impl ServeOptions {
    /// Checks every option; the first bad one is an input error naming the flag.
    pub fn validate(self) -> Result<ServeConfig> {
        let addr = parse_addr(&self.addr)?;
        if let Some(sdkappid) = &self.sdkappid
            && !is_digits(sdkappid)
        {
            return Err(sdkappid_error("--sdkappid", sdkappid));
        }
        if self.token.as_ref().is_some_and(Token::is_empty) {
            return Err(
                BadValue::new(Subject::flag("--token"), "the token is empty")
                    .hint("pass the callback token of the IM console, or leave --token out")
                    .into(),
            );
        }
        let limits = self.limits()?;
        Ok(ServeConfig {
            addr,
            auth: Auth {
                sdkappid: self.sdkappid,
                token: self.token,
            },
            rules: self.rules,
            record: self.record,
            limits,
        })
    }

    fn limits(&self) -> Result<Limits> {
        let mut limits = Limits::default();
        if let Some(text) = &self.read_timeout {
            limits.read_timeout = timeout_flag("--read-timeout", text)?;
        }
        if let Some(max) = self.max_connections {
            if max == 0 {
                return Err(BadValue::new(
                    Subject::flag("--max-connections 0"),
                    "would refuse every callback",
                )
                .hint("give at least 1")
                .into());
            }
            limits.max_connections = max;
        }
        Ok(limits)
    }
}

/// `127.0.0.1:8080`, `[::1]:8080`, or a bare port on loopback.
fn parse_addr(text: &str) -> Result<SocketAddr> {
    let text = text.trim();
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    text.parse().map_err(|_| {
        BadValue::flag("--addr", text, "is not IP:PORT")
            .hint("e.g. 127.0.0.1:8080 (127.0.0.1:0 picks a free port)")
            .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(parse_addr("8080").unwrap().to_string(), "127.0.0.1:8080");
        assert_eq!(parse_addr("[::1]:0").unwrap().to_string(), "[::1]:0");
        assert!(parse_addr("localhost:x").is_err());
    }
}
