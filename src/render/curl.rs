//! `send --curl`: the exact request as a curl command, so a failing case can be reproduced
//! anywhere. The computed `Sign` and `RequestTime` are in it; the token never is.

use grpcb_contract::exchange::Request;
use std::time::Duration;

/// A shell command line (POSIX quoting) that sends `request` as grpcb would.
pub fn command(request: &Request, timeout: Duration) -> String {
    let mut lines = vec![format!(
        "curl -sS -i -X POST {}",
        quote(request.url.as_str())
    )];
    for (name, value) in &request.headers {
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

fn seconds(duration: Duration) -> String {
    let text = format!("{:.3}", duration.as_secs_f64());
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
    }
}
