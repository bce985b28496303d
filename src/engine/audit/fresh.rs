//! Values no earlier request of an audit carried. A receiver that refuses what it has seen
//! before (the same bytes, the same EventTime, a message's MsgId or Random) must not pass a
//! refusal probe by refusing a repeat, nor make the control sent next to a probe look refused
//! for the probe's reason: every sample audit sends gets its own.

use serde_json::{Value, json};
use std::time::{SystemTime, UNIX_EPOCH};

/// Hands out a strictly increasing EventTime (now, in milliseconds, or one more than the
/// last) and writes it, with a Random and a MsgId drawn from it, into a body.
#[derive(Debug, Default)]
pub struct Fresh {
    last: u64,
}

impl Fresh {
    /// Makes `body` unlike every body made before: a numeric top-level `EventTime` becomes
    /// the next time, a numeric `Random` and a string `MsgId` (`{seq}-{time}-{random}` as IM
    /// writes them) get values drawn from it. Other fields are kept.
    pub fn apply(&mut self, body: &mut Value) {
        self.last = now_ms().max(self.last + 1);
        let Some(fields) = body.as_object_mut() else {
            return;
        };
        // Unique for 49 days of milliseconds, and within a u32 as IM's Random is.
        let random = (self.last % (1 << 32)) as u32;
        if let Some(time) = fields.get_mut("EventTime").filter(|time| time.is_number()) {
            *time = json!(self.last);
        }
        if let Some(old) = fields.get_mut("Random").filter(|old| old.is_number()) {
            *old = json!(random);
        }
        if let Some(Value::String(id)) = fields.get_mut("MsgId") {
            let seq = id.split('-').next().unwrap_or_default().to_string();
            *id = format!("{seq}-{}-{random}", self.last / 1000);
        }
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_body_differs_and_keeps_its_shape() {
        let sample = json!({
            "CallbackCommand": "Group.CallbackBeforeSendMsg",
            "Random": 123456,
            "MsgId": "144115233406643804-1727580296-4026038328",
            "EventTime": 1670574414123_u64,
            "Name": "kept"
        });
        let mut fresh = Fresh::default();
        let mut seen = Vec::new();
        for _ in 0..50 {
            let mut body = sample.clone();
            fresh.apply(&mut body);
            assert_eq!(body["Name"], "kept");
            assert!(body["EventTime"].as_u64().unwrap() > 1_700_000_000_000);
            assert!(body["Random"].is_u64());
            let id = body["MsgId"].as_str().unwrap();
            assert!(id.starts_with("144115233406643804-"), "{id}");
            assert_eq!(id.split('-').count(), 3);
            assert!(!seen.contains(&body), "{body}");
            seen.push(body);
        }
        // A body without those fields is left alone.
        let mut other = json!({"Events": [{"EventTime": 1}]});
        fresh.apply(&mut other);
        assert_eq!(other, json!({"Events": [{"EventTime": 1}]}));
    }
}
