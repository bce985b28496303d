//! `send --curl`: the exact request as a curl command, so a failing case can be reproduced
//! anywhere. The computed `Sign` and `RequestTime` are in it; the token never is.

use grpcb_contract::catalog::Callback;
use grpcb_contract::exchange::Request;
use std::time::Duration;

/// A shell command line (POSIX quoting) that sends `request` as grpcb would. A URL that
/// holds the token is withheld (`secret::WITHHELD`): the command says so rather than print
/// it, and the `--url` note (`RequestOptions::flag_notes`) tells the user to put it back.
pub fn command(callback: &Callback, request: &Request, timeout: Duration) -> String {
    // --globoff: `[1-3]` or `{a,b}` in a URL are sent as written, not expanded into several
    // requests.
    let mut lines = vec![format!(
        "curl -sS -i --globoff -X POST {}",
        quote(crate::transport::shown_url(callback, request))
    )];
    for (name, value) in &crate::transport::shown_headers(&request.headers) {
        lines.push(format!("-H {}", quote(&format!("{name}: {value}"))));
    }
    lines.push(format!("--max-time {}", seconds(timeout)));
    let body = String::from_utf8_lossy(&request.bytes);
    lines.push(format!("--data-binary {}", quote(&body)));
    let mut text = lines.join(" \\\n  ");
    text.push('\n');
    text
}

/// Single quotes, with each `'` written as `'\''`.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Seconds with three decimals, rounded up to the millisecond: curl reads `--max-time 0`
/// as no limit at all.
fn seconds(duration: Duration) -> String {
    let millis = duration.as_nanos().div_ceil(1_000_000).max(1);
    let text = format!("{}.{:03}", millis / 1000, millis % 1000);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_single_quotes() {
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5");
        assert_eq!(seconds(Duration::from_secs(2)), "2");
        assert_eq!(seconds(Duration::from_micros(400)), "0.001");
        assert_eq!(seconds(Duration::from_micros(1001)), "0.002");
    }
}
