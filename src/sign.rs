//! Callback authentication (`spec/group-callbacks.md` §1.5):
//! `Sign = lowercase hex SHA-256(token + RequestTime)`, plain concatenation, no HMAC.

use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};

/// The `Sign` query parameter for a token and a `RequestTime` (Unix seconds).
pub fn sign(token: &str, request_time: u64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(token.as_bytes());
    hasher.update(request_time.to_string().as_bytes());
    // By hand: hex::encode goes a char at a time, and bench signs every request.
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
}
