//! The callback tokens this process was given. A token is only ever used to compute `Sign`;
//! this list exists so that the one renderer of input errors (`error::BadValue`) can
//! withhold a value the user gave that contains one (`--url 'http://x/?k=<token>'`).
//! Every `config::Token` is remembered when it is made; nothing here prints anything.

use std::sync::Mutex;

static TOKENS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Remembers a token (an empty one hides nothing and is not kept).
pub fn remember(token: &str) {
    if token.is_empty() {
        return;
    }
    let mut tokens = TOKENS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if !tokens.iter().any(|known| known == token) {
        tokens.push(token.to_string());
    }
}

/// Whether `text` contains any token this process was given.
pub fn in_text(text: &str) -> bool {
    let tokens = TOKENS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    tokens.iter().any(|token| text.contains(token.as_str()))
}

/// Remembers the tokens a command line gives (`--token T`, `--token=T`) and `GRPCB_TOKEN`,
/// before clap parses it: a clap error must not echo a value that holds one.
pub fn remember_from_args(args: &[std::ffi::OsString]) {
    if let Some(token) = std::env::var_os("GRPCB_TOKEN") {
        remember(&token.to_string_lossy());
    }
    let mut args = args.iter().map(|arg| arg.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--token" {
            if let Some(token) = args.next() {
                remember(&token);
            }
        } else if let Some(token) = arg.strip_prefix("--token=") {
            remember(token);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_remembered_tokens_only() {
        remember("zq-unit-test-token");
        remember("");
        assert!(in_text("a zq-unit-test-token b"));
        assert!(!in_text("zq-unit-test-toke"));
    }
}
