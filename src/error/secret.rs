//! The callback tokens this process was given. A token is only ever used to compute `Sign`;
//! this list exists so that the one renderer of input errors (`error::BadValue`) can
//! withhold a value the user gave that contains one (`--url 'http://x/?k=<token>'`).
//! Every token the CLI makes goes through [`token`], which remembers it; nothing here prints.

use grpcb_contract::sign::Token;
use std::sync::Mutex;

static TOKENS: Mutex<Vec<Token>> = Mutex::new(Vec::new());

/// The token with this text, remembered.
pub fn token(text: String) -> Token {
    let token = Token::new(text);
    remember(&token);
    token
}

/// Remembers a token (an empty one hides nothing and is not kept).
pub fn remember(token: &Token) {
    if token.is_empty() {
        return;
    }
    let mut tokens = TOKENS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !tokens.contains(token) {
        tokens.push(token.clone());
    }
}

/// Whether `text` contains any token this process was given.
pub fn in_text(text: &str) -> bool {
    let tokens = TOKENS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    tokens.iter().any(|token| token.is_in(text))
}

/// What an output shows instead of a value the user gave that holds a token: the same words
/// serve and listen log for such a value.
pub const WITHHELD: &str = "<withheld: holds the token>";

/// A value the user gave (a `--url` or `--forward-to` with the token in its query or path) as
/// output shows it: the value, or [`WITHHELD`] when it holds a token, as input errors withhold
/// it. Every rendering of such a URL goes through here.
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    match in_text(text) {
        true => WITHHELD.into(),
        false => text.into(),
    }
}

/// Remembers the tokens a command line gives (`--token T`, `--token=T`) and `GRPCB_TOKEN`,
/// before clap parses it: a clap error must not echo a value that holds one.
pub fn remember_from_args(args: &[std::ffi::OsString]) {
    if let Some(text) = std::env::var_os("GRPCB_TOKEN") {
        token(text.to_string_lossy().into_owned());
    }
    let mut args = args.iter().map(|arg| arg.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--token" {
            if let Some(text) = args.next() {
                token(text.into_owned());
            }
        } else if let Some(text) = arg.strip_prefix("--token=") {
            token(text.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_remembered_tokens_only() {
        token("zq-unit-test-token".into());
        token(String::new());
        assert!(in_text("a zq-unit-test-token b"));
        assert!(!in_text("zq-unit-test-toke"));
        assert_eq!(shown("http://x/?k=zq-unit-test-token"), WITHHELD);
        assert_eq!(shown("http://x/?k=1"), "http://x/?k=1");
    }
}
