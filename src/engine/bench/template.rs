//! Per-request values in `--set`: `{{seq}}`, `{{uuid}}`, `{{rand}}` and `{{now_ms}}`, so each
//! request carries its own MsgId, Random or GroupId, as IM's traffic does, and a receiver's
//! caches and idempotency checks are exercised.

use crate::config::payload::{self as options, PayloadSpec};
use crate::error::{BadValue, Note, Result};
use grpcb_contract::catalog::Callback;
use grpcb_contract::payload::{SetOp, UnsetOp};
use serde_json::Value;
use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

/// A placeholder, by its name in `{{...}}`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
enum Slot {
    /// The 1-based number of the request.
    Seq,
    /// A random version-4 UUID.
    Uuid,
    /// A random unsigned 32-bit integer.
    Rand,
    /// Now, in milliseconds since the epoch.
    NowMs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slot(Slot),
}

/// A `--set` VALUE with at least one placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

impl Template {
    /// None when `text` has no `{{`; an error naming the problem for an unknown or unclosed
    /// placeholder.
    pub fn parse(text: &str) -> std::result::Result<Option<Template>, String> {
        if !text.contains("{{") {
            return Ok(None);
        }
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_string()));
            }
            let after = &rest[open + 2..];
            let close = after
                .find("}}")
                .ok_or_else(|| format!("`{{{{` without `}}}}` in `{text}`"))?;
            let name = after[..close].trim();
            let slot = name.parse::<Slot>().map_err(|_| {
                format!(
                    "unknown placeholder `{{{{{name}}}}}`; the placeholders are {}",
                    known()
                )
            })?;
            pieces.push(Piece::Slot(slot));
            rest = &after[close + 2..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        Ok(Some(Template { pieces }))
    }

    /// The text for one request.
    fn render(&self, draw: &mut Draw) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Slot(Slot::Seq) => out.push_str(&draw.seq.to_string()),
                Piece::Slot(Slot::Uuid) => out.push_str(&draw.uuid()),
                Piece::Slot(Slot::Rand) => out.push_str(&(draw.next() >> 32).to_string()),
                Piece::Slot(Slot::NowMs) => out.push_str(&now_ms().to_string()),
            }
        }
        out
    }
}

/// A piece of a template as written: text, or a placeholder by its name (`seq`, `uuid`, ...),
/// for code that fills templates elsewhere (the load scripts of `grpcb export`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part<'a> {
    Text(&'a str),
    Placeholder(&'static str),
}

impl Template {
    /// The template's pieces, in order.
    pub fn parts(&self) -> impl Iterator<Item = Part<'_>> {
        self.pieces.iter().map(|piece| match piece {
            Piece::Text(text) => Part::Text(text),
            Piece::Slot(slot) => Part::Placeholder(slot.into()),
        })
    }
}

/// Every placeholder's name, as written between `{{` and `}}`.
pub fn placeholders() -> Vec<&'static str> {
    <Slot as strum::VariantArray>::VARIANTS
        .iter()
        .map(<&str>::from)
        .collect()
}

/// `{{seq}}`, `{{uuid}}`, ... for messages.
fn known() -> String {
    <Slot as strum::VariantArray>::VARIANTS
        .iter()
        .map(|slot| format!("{{{{{}}}}}", <&str>::from(slot)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis())
        .unwrap_or(0)
}

/// The random values of one request, drawn from the seed and the request's number alone:
/// with `--seed`, request 7 gets the same values whichever connection sends it.
struct Draw {
    seq: u64,
    state: u64,
}

impl Draw {
    fn new(seed: u64, seq: u64) -> Draw {
        Draw {
            seq,
            state: mix(seed ^ mix(seq)),
        }
    }

    /// SplitMix64: small, fast, and good enough for IDs (not for secrets).
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.state)
    }

    /// RFC 9562 version 4: random bits with the version and variant fields set.
    fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_be_bytes());
        bytes[8..].copy_from_slice(&self.next().to_be_bytes());
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        // Written in place: one allocation per ID, none for an intermediate hex string.
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = String::with_capacity(36);
        for (index, byte) in bytes.into_iter().enumerate() {
            if matches!(index, 4 | 6 | 8 | 10) {
                text.push('-');
            }
            text.push(char::from(HEX[usize::from(byte >> 4)]));
            text.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        text
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A `--set` applied per request.
#[derive(Clone, Debug)]
enum Step {
    Fixed(SetOp),
    Templated { path: String, template: Template },
}

/// How each request's body is made: the part that never changes is built once; the `--set`s
/// from the first templated one on are applied per request, in their order, so a later
/// `--set` still wins over an earlier one.
#[derive(Clone, Debug)]
pub struct Bodies {
    base: Value,
    /// The body as sent, when no `--set` is templated.
    fixed: Option<Vec<u8>>,
    steps: Vec<Step>,
    /// `--unset`s, applied after the steps (with no step, already in `base`).
    unsets: Vec<UnsetOp>,
    seed: u64,
    /// The bytes around the templated values, when a request's bytes can be written from
    /// them and its values alone.
    spliced: Option<Spliced>,
    /// Notes about the body as asked for (an `--unset` path it does not have).
    pub notes: Vec<Note>,
}

/// A string no body carries: private-use characters around the slot's number.
pub fn sentinel(slot: usize) -> String {
    format!("\u{E000}grpcb-slot-{slot}\u{E001}")
}

/// A templated body's serialised bytes cut where each templated value goes: a request's
/// bytes are the pieces with its values serialised in between (compact JSON is the
/// concatenation of its parts), without serialising the whole body again.
#[derive(Clone, Debug)]
struct Spliced {
    /// The bytes before the first value, between values, and after the last.
    pieces: Vec<Vec<u8>>,
    /// For each gap, in byte order, which templated `--set` (in their order) fills it.
    slots: Vec<usize>,
}

impl Spliced {
    /// The steps applied with each templated value replaced by its sentinel. None when a
    /// value could be changed after it is made (an `--unset`, a later `--set` inside or over
    /// it) or a sentinel is not there exactly once: those bodies are serialised whole.
    fn new(base: &Value, steps: &[Step], unsets: &[UnsetOp]) -> Option<Spliced> {
        if !unsets.is_empty() {
            return None;
        }
        let mut body = base.clone();
        let mut sentinels = Vec::new();
        for step in steps {
            match step {
                Step::Fixed(set) => set.apply(&mut body).ok()?,
                Step::Templated { path, .. } => {
                    let value = Value::String(sentinel(sentinels.len()));
                    sentinels.push(serde_json::to_vec(&value).ok()?);
                    let set = SetOp {
                        path: path.clone(),
                        value,
                    };
                    set.apply(&mut body).ok()?;
                }
            }
        }
        let bytes = serde_json::to_vec(&body).ok()?;
        let mut found = Vec::new();
        for (slot, sentinel) in sentinels.iter().enumerate() {
            let mut at = bytes
                .windows(sentinel.len())
                .enumerate()
                .filter(|(_, window)| window == sentinel)
                .map(|(at, _)| at);
            let (Some(first), None) = (at.next(), at.next()) else {
                return None;
            };
            found.push((first, slot));
        }
        found.sort_unstable();
        let (mut pieces, mut slots, mut from) = (Vec::new(), Vec::new(), 0);
        for (at, slot) in found {
            pieces.push(bytes.get(from..at)?.to_vec());
            slots.push(slot);
            from = at + sentinels[slot].len();
        }
        pieces.push(bytes.get(from..)?.to_vec());
        Some(Spliced { pieces, slots })
    }

    /// The bytes of a body whose templated values serialise to `values`.
    fn write(&self, values: &[Vec<u8>]) -> Vec<u8> {
        let size = self.pieces.iter().chain(values).map(Vec::len).sum();
        let mut bytes = Vec::with_capacity(size);
        for (piece, slot) in self.pieces.iter().zip(&self.slots) {
            bytes.extend_from_slice(piece);
            bytes.extend_from_slice(values.get(*slot).map_or(&[][..], Vec::as_slice));
        }
        bytes.extend_from_slice(self.pieces.last().map_or(&[][..], Vec::as_slice));
        bytes
    }
}

impl Bodies {
    /// `raw_sets` are the `--set` arguments as written, in the order of `spec.sets`.
    pub fn new(
        callback: &Callback,
        start: Option<Value>,
        spec: &PayloadSpec,
        raw_sets: &[String],
        seed: u64,
    ) -> Result<Bodies> {
        let mut templates = Vec::new();
        for assignment in raw_sets {
            let (path, raw) = SetOp::split(assignment).map_err(options::flag_error)?;
            let template = Template::parse(raw)
                .map_err(|why| BadValue::flag("--set", assignment, "cannot be used").detail(why))?;
            templates.push(template.map(|template| (path.to_string(), template)));
        }
        let first = templates
            .iter()
            .position(Option::is_some)
            .unwrap_or(templates.len());
        let mut prefix = spec.clone();
        prefix.sets.truncate(first);
        // `--unset` comes after every `--set`, so after the per-request ones too.
        let unsets = if first < templates.len() {
            std::mem::take(&mut prefix.unsets)
        } else {
            Vec::new()
        };
        let built = options::build(callback, start, &prefix)?;
        let base = built.body;
        let steps: Vec<Step> = templates
            .into_iter()
            .zip(&spec.sets)
            .skip(first)
            .map(|(template, set)| match template {
                Some((path, template)) => Step::Templated { path, template },
                None => Step::Fixed(set.clone()),
            })
            .collect();
        let fixed = steps
            .is_empty()
            .then(|| serde_json::to_vec(&base).unwrap_or_default());
        let spliced = Spliced::new(&base, &steps, &unsets);
        let bodies = Bodies {
            base,
            fixed,
            steps,
            unsets,
            seed,
            spliced,
            notes: built.notes,
        };
        // The first body up front: a path no value can be written to is an input error now,
        // not in the middle of the run.
        bodies.body(1)?;
        Ok(bodies)
    }

    /// The body of request `seq` (1-based) and its bytes.
    pub fn body(&self, seq: u64) -> Result<(Cow<'_, Value>, Cow<'_, [u8]>)> {
        if let Some(bytes) = &self.fixed {
            return Ok((Cow::Borrowed(&self.base), Cow::Borrowed(bytes)));
        }
        // The verdict judges the answer against the body as a value: it is built every time.
        let mut body = self.base.clone();
        let mut draw = Draw::new(self.seed, seq);
        let mut values = Vec::new();
        for step in &self.steps {
            match step {
                Step::Fixed(set) => set.apply(&mut body).map_err(options::flag_error)?,
                Step::Templated { path, template } => {
                    let value = SetOp::value(&template.render(&mut draw));
                    if self.spliced.is_some() {
                        values.push(serde_json::to_vec(&value).unwrap_or_default());
                    }
                    let set = SetOp {
                        path: path.clone(),
                        value,
                    };
                    set.apply(&mut body).map_err(options::flag_error)?;
                }
            }
        }
        for unset in &self.unsets {
            unset.apply(&mut body);
        }
        let bytes = match &self.spliced {
            Some(spliced) => spliced.write(&values),
            None => serde_json::to_vec(&body).unwrap_or_default(),
        };
        Ok((Cow::Owned(body), Cow::Owned(bytes)))
    }

    /// Whether every request gets the same body.
    pub fn is_fixed(&self) -> bool {
        self.fixed.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, seed: u64, seq: u64) -> String {
        Template::parse(text)
            .unwrap()
            .unwrap()
            .render(&mut Draw::new(seed, seq))
    }

    #[test]
    fn parses_placeholders_and_text() {
        assert_eq!(Template::parse("plain"), Ok(None));
        assert_eq!(render("g-{{seq}}-x", 1, 42), "g-42-x");
        assert_eq!(render("{{ seq }}", 1, 7), "7");
        assert!(
            Template::parse("{{nope}}")
                .unwrap_err()
                .contains("{{seq}}, {{uuid}}")
        );
        assert!(Template::parse("a{{seq").unwrap_err().contains("without"));
    }

    #[test]
    fn values_depend_on_seed_and_number_only() {
        assert_eq!(render("{{uuid}}", 9, 3), render("{{uuid}}", 9, 3));
        assert_ne!(render("{{uuid}}", 9, 3), render("{{uuid}}", 9, 4));
        assert_ne!(render("{{rand}}", 9, 3), render("{{rand}}", 8, 3));
        let uuid = render("{{uuid}}", 1, 1);
        // The 8-4-4-4-12 grouping of the ID's hex digits.
        let mut draw = Draw::new(1, 1);
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&draw.next().to_be_bytes());
        bytes[8..].copy_from_slice(&draw.next().to_be_bytes());
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex = hex::encode(bytes);
        let grouped = [
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..],
        ]
        .join("-");
        assert_eq!(uuid, grouped);
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
        assert!(render("{{rand}}", 1, 1).parse::<u32>().is_ok());
        assert!(render("{{now_ms}}", 1, 1).parse::<u64>().unwrap() > 1_600_000_000_000);
    }

    /// The spliced bytes of every request are the body's own serialisation, and the
    /// splicing is used where it can be (and not where a later change could reach a value).
    #[test]
    fn spliced_bodies_are_the_serialised_bodies() {
        let callback = grpcb_contract::catalog::find("before-send").expect("in the catalog");
        let cases: [(&[&str], &[&str], bool); 9] = [
            (&["MsgId={{uuid}}"], &[], true),
            (&["MsgId={{uuid}}", "Random={{rand}}"], &[], true),
            (
                &["Random={{rand}}", "MsgId=fixed-{{seq}}", "GroupId=g"],
                &[],
                true,
            ),
            (
                &[
                    "New.Inner=id-{{seq}}",
                    "MsgBody.0.MsgContent.Text=hi {{uuid}}",
                ],
                &[],
                true,
            ),
            (&["Extra={\"n\": {{seq}}, \"s\": \"é\\n\"}"], &[], true),
            (&["Quoted=\"{{seq}}\"\\"], &[], true),
            (&["MsgId={{uuid}}", "MsgId=fixed"], &[], false),
            (&["Extra={\"n\": {{seq}}}", "Extra.n=1"], &[], false),
            (&["MsgId={{uuid}}"], &["EventTime"], false),
        ];
        for (sets, unsets, splices) in cases {
            let raw: Vec<String> = sets.iter().map(ToString::to_string).collect();
            let spec = PayloadSpec {
                sets: raw
                    .iter()
                    .map(|set| SetOp::parse(set).expect("set"))
                    .collect(),
                unsets: unsets
                    .iter()
                    .map(|path| UnsetOp::parse(path).expect("path"))
                    .collect(),
                ..PayloadSpec::default()
            };
            let bodies = Bodies::new(callback, None, &spec, &raw, 7).expect("bodies");
            assert_eq!(bodies.spliced.is_some(), splices, "{sets:?} {unsets:?}");
            for seq in [1_u64, 2, 42, 1_000_000_007] {
                let (body, bytes) = bodies.body(seq).expect("body");
                let whole = serde_json::to_vec(body.as_ref()).expect("serialise");
                assert_eq!(
                    String::from_utf8_lossy(&bytes),
                    String::from_utf8_lossy(&whole),
                    "{sets:?} {unsets:?} request {seq}"
                );
            }
        }
    }
}
