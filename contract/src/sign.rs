//! Callback authentication (`docs/protocol.md` §2.3):
//! `Sign = lowercase hex SHA-256(token + RequestTime)`, plain concatenation, no HMAC.
//!
//! The callback token is a [`Token`]: it signs, verifies and tells whether a text contains
//! it, and has no way to give its text out (no `Display`, no accessor; `Debug` prints
//! `<hidden>`), so no report, message or log line can carry it.

use sha2::{Digest, Sha256};
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// The `Sign` query parameter for a token's text and a `RequestTime` (Unix seconds).
pub fn sign(token: &str, request_time: u64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(token.as_bytes());
    hasher.update(request_time.to_string().as_bytes());
    // By hand: a crate goes a char at a time, and a load run signs every request.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(64);
    for byte in hasher.finalize() {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

/// Now, in Unix seconds, as IM puts it in `RequestTime`.
pub fn now_unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .unwrap_or(0)
}

/// The callback token of the IM console: a secret by construction.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The token with this text.
    pub fn new(text: impl Into<String>) -> Token {
        Token(text.into())
    }

    /// Whether the text is empty (an empty token is a mistake, never a key).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `Sign` of a request made at `request_time` (Unix seconds).
    pub fn sign(&self, request_time: u64) -> String {
        sign(&self.0, request_time)
    }

    /// Whether `given` is the `Sign` for `request_time`, compared in time that depends only
    /// on the lengths, so an answer's timing says nothing about how much of a guess was right.
    pub fn verify(&self, request_time: u64, given: &str) -> bool {
        same_bytes(self.sign(request_time).as_bytes(), given.as_bytes())
    }

    /// Whether `text` contains this token (an empty token is in no text).
    pub fn is_in(&self, text: &str) -> bool {
        !self.0.is_empty() && text.contains(self.0.as_str())
    }

    /// A token that differs from this one whatever its text, to forge a `Sign` with.
    pub fn other(&self) -> Token {
        Token(format!("{}-not", self.0))
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<hidden>)")
    }
}

fn same_bytes(expected: &[u8], given: &[u8]) -> bool {
    expected.len() == given.len()
        && expected
            .iter()
            .zip(given)
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_documented_vector() {
        assert_eq!(
            sign("xxxxyyyy", 1669872112),
            "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
        );
    }

    #[test]
    fn a_token_signs_verifies_and_hides() {
        let token = Token::new("xxxxyyyy");
        assert_eq!(token.sign(1669872112), sign("xxxxyyyy", 1669872112));
        assert!(token.verify(1669872112, &sign("xxxxyyyy", 1669872112)));
        assert!(!token.verify(1669872112, &sign("other", 1669872112)));
        assert!(!token.verify(1669872112, "abc"));
        assert!(token.is_in("a xxxxyyyy b") && !token.is_in("xxxxyyy"));
        assert!(!Token::new("").is_in("anything"));
        assert_ne!(token.other(), token);
        assert_eq!(format!("{token:?}"), "Token(<hidden>)");
    }

    #[test]
    fn constant_time_compare() {
        assert!(same_bytes(b"abc", b"abc"));
        assert!(!same_bytes(b"abc", b"abd"));
        assert!(!same_bytes(b"abc", b"ab"));
    }
}
