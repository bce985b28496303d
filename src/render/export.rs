//! The load scripts of `grpcb export`: `templates/export/locust.py` and
//! `templates/export/k6.js`, each with the plan written in as constants (`HOST`, `TOKEN_ENV`,
//! `TIMEOUT_S`, `BUDGET_MS`, `HEADERS`, `TEMPLATES`, `CALLBACKS`). The ErrorCodes a
//! callback documents and the decisions they lead to come from the contract
//! (`verdict::answer_codes`), not from a copy in the templates. The token is never written:
//! only the name of the variable the script reads it from.

use crate::config::BUDGET;
use crate::engine::export::{BodyPart, ExportPlan, ScriptCallback, TemplatePart};
use grpcb_contract::catalog::{AnswerSemantics, Refuse, elements};
use grpcb_contract::verdict::{self, Decision, Expected};
use serde_json::{Map, Value, json};
use std::fmt::Write as _;

const LOCUST: &str = include_str!("../../templates/export/locust.py");
const K6: &str = include_str!("../../templates/export/k6.js");
/// The line of a template the constants replace.
const SETTINGS: &str = "// @GRPCB_SETTINGS@";

/// The language a script is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Locust,
    K6,
}

impl Script {
    /// The file name the script's own usage lines suggest.
    pub fn file_name(self) -> &'static str {
        match self {
            Script::Locust => "grpcb_locust.py",
            Script::K6 => "grpcb_k6.js",
        }
    }
}

/// The whole script.
pub fn script(kind: Script, plan: &ExportPlan) -> String {
    let (template, marker) = match kind {
        Script::Locust => (LOCUST, SETTINGS.replacen("//", "#", 1)),
        Script::K6 => (K6, SETTINGS.to_string()),
    };
    let signing = match &plan.token_env {
        Some(name) => format!(
            "RequestTime and Sign = sha256(token + RequestTime) are made every second from the token in the environment variable {name} (never written here)."
        ),
        None => {
            "The requests are unsigned (exported with --unsigned): no Sign, no RequestTime.".into()
        }
    };
    let prefix = plan
        .token_env
        .as_ref()
        .map_or(String::new(), |name| format!("{name}=... "));
    let comment = if kind == Script::Locust { "" } else { "// " };
    template
        .replace("@GRPCB_VERSION@", env!("CARGO_PKG_VERSION"))
        .replace("@SIGNING@", &wrap(&signing, comment))
        .replace("@TOKEN_PREFIX@", &prefix)
        .replace("@FILE@", kind.file_name())
        .replace(&marker, &settings(kind, plan))
}

/// A sentence broken into lines of at most 92 characters, each after the first starting
/// with `comment` (the template's line starts the first).
fn wrap(text: &str, comment: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + word.len() + 1 > 92 - comment.len() {
            let _ = write!(out, "{line}\n{comment}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out
}

/// The constants, in the script's language.
fn settings(kind: Script, plan: &ExportPlan) -> String {
    let headers: Map<String, Value> = plan
        .headers
        .iter()
        .map(|(name, value)| (name.clone(), json!(value)))
        .collect();
    let templates: Vec<Value> = plan.templates.iter().map(|parts| template(parts)).collect();
    let callbacks: Vec<Value> = plan
        .callbacks
        .iter()
        .map(|script| callback(script, plan.expect))
        .collect();
    let constants = [
        ("HOST", json!(plan.host)),
        ("TOKEN_ENV", json!(plan.token_env)),
        ("TIMEOUT_S", json!(plan.timeout.as_secs_f64())),
        // IM's budget: a slower answer fails its check, and the p99 is held to it.
        (
            "BUDGET_MS",
            json!(u64::try_from(BUDGET.as_millis()).unwrap_or(2000)),
        ),
        ("HEADERS", Value::Object(headers)),
        ("TEMPLATES", Value::Array(templates)),
        ("CALLBACKS", Value::Array(callbacks)),
        // What a replacement MsgBody may hold, as the verdict reads it.
        ("MESSAGE_TYPES", json!(verdict::MESSAGE_TYPES)),
        ("AT_MOST_ONCE", json!(elements::AT_MOST_ONCE)),
    ];
    let (intro, declare, end) = match kind {
        Script::Locust => (
            "# What to send, as grpcb built it (export again to change it).",
            "",
            "",
        ),
        Script::K6 => (
            "// What to send, as grpcb built it (export again to change it).",
            "const ",
            ";",
        ),
    };
    let mut out = format!("{intro}\n");
    for (name, value) in constants {
        let _ = writeln!(out, "{declare}{name} = {}{end}", literal(kind, &value, 0));
    }
    out.truncate(out.trim_end().len());
    out
}

/// One templated value's pieces: `{"text": ...}` and `{"placeholder": ...}`.
fn template(parts: &[TemplatePart]) -> Value {
    Value::Array(
        parts
            .iter()
            .map(|part| match part {
                TemplatePart::Text(text) => json!({ "text": text }),
                TemplatePart::Placeholder(name) => json!({ "placeholder": name }),
            })
            .collect(),
    )
}

/// One callback: what to send and how to judge the answer.
fn callback(script: &ScriptCallback, expect: Option<Expected>) -> Value {
    let callback = script.callback;
    let body: Vec<Value> = script
        .body
        .iter()
        .map(|part| match part {
            BodyPart::Json(text) => json!(text),
            BodyPart::Slot(slot) => json!(slot),
        })
        .collect();
    let codes: Vec<Value> = verdict::answer_codes(callback)
        .into_iter()
        .map(|(codes, decision)| json!([codes.start(), codes.end(), decision.as_str()]))
        .collect();
    // What IM does with an answer it cannot use: its failure policy, or nothing at all for
    // a notification.
    // The request's list of users (`request`, each one's `user` key) is what a refusal may
    // name, as the verdict checks it.
    let (unusable, takes, refusal, can_rewrite, reply) = match &callback.answer {
        AnswerSemantics::Decides(decides) => (
            Decision::Fallback,
            verdict::meaningful_codes(decides),
            decides.refusal.as_ref().map(|refusal| {
                let (field, per_user) = match &refusal.how {
                    Refuse::List(field) => (field, false),
                    Refuse::PerUser { field, .. } => (field, true),
                };
                json!({
                    "field": field,
                    "per_user": per_user,
                    "request": refusal.request,
                    "user": refusal.user,
                })
            }),
            decides.can_rewrite,
            decides.reply,
        ),
        AnswerSemantics::Ignored => (
            Decision::Ignored,
            "0 (the docs say a notification is answered 0)".to_string(),
            None,
            false,
            None,
        ),
    };
    let mut decisions: Vec<&str> = verdict::possible_decisions(callback)
        .into_iter()
        .map(Decision::as_str)
        .collect();
    if !decisions.contains(&unusable.as_str()) {
        decisions.push(unusable.as_str());
    }
    // `--expect`: the decisions it accepts of those this callback can lead to.
    let expect = expect.map(|expected| {
        let accepted: Vec<&str> = decisions
            .iter()
            .copied()
            .filter(|name| {
                name.parse::<Decision>()
                    .is_ok_and(|decision| expected.accepts(decision))
            })
            .collect();
        json!({ "name": expected.as_str(), "decisions": accepted })
    });
    json!({
        "alias": callback.alias,
        "command": callback.command,
        "weight": script.weight,
        "path": script.path,
        "body": body,
        "codes": codes,
        "takes": takes,
        "refusal": refusal,
        "can_rewrite": can_rewrite,
        "reply": reply,
        "unusable": unusable.as_str(),
        "decisions": decisions,
        "expect": expect,
    })
}

/// A JSON value as a literal of the script's language, pretty-printed: a value whose
/// one-line form fits stays on one line.
fn literal(kind: Script, value: &Value, indent: usize) -> String {
    let flat = flat_literal(kind, value);
    if flat.len() + indent <= 88 {
        return flat;
    }
    // Each language's usual indentation.
    let step = match kind {
        Script::Locust => 4,
        Script::K6 => 2,
    };
    let inner = " ".repeat(indent + step);
    let outer = " ".repeat(indent);
    match value {
        Value::Array(items) => {
            let mut out = String::from("[\n");
            for item in items {
                let _ = writeln!(out, "{inner}{},", literal(kind, item, indent + step));
            }
            let _ = write!(out, "{outer}]");
            out
        }
        Value::Object(map) => {
            let mut out = String::from("{\n");
            for (key, item) in map {
                let _ = writeln!(
                    out,
                    "{inner}{}: {},",
                    string(kind, key),
                    literal(kind, item, indent + step)
                );
            }
            let _ = write!(out, "{outer}}}");
            out
        }
        _ => flat,
    }
}

fn flat_literal(kind: Script, value: &Value) -> String {
    match value {
        Value::Null => match kind {
            Script::Locust => "None".into(),
            Script::K6 => "null".into(),
        },
        Value::Bool(true) => match kind {
            Script::Locust => "True".into(),
            Script::K6 => "true".into(),
        },
        Value::Bool(false) => match kind {
            Script::Locust => "False".into(),
            Script::K6 => "false".into(),
        },
        Value::Number(number) => number.to_string(),
        Value::String(text) => string(kind, text),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|item| flat_literal(kind, item)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(key, item)| format!("{}: {}", string(kind, key), flat_literal(kind, item)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// A string literal: JSON's escapes, which Python and JavaScript read alike (`\"`, `\\`,
/// `\n`, `\u001f`, ...); U+2028 and U+2029 escaped too, which older JavaScript cannot have
/// in a string literal.
fn string(kind: Script, text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_default();
    match kind {
        Script::Locust => json,
        Script::K6 => json
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_python_and_javascript() {
        let value = json!({ "a": [null, true, false, 1, 2.5], "s": "q\"\\\n\u{1}é\u{2028}" });
        assert_eq!(
            flat_literal(Script::Locust, &value),
            "{\"a\": [None, True, False, 1, 2.5], \"s\": \"q\\\"\\\\\\n\\u0001é\u{2028}\"}"
        );
        assert_eq!(
            flat_literal(Script::K6, &value),
            "{\"a\": [null, true, false, 1, 2.5], \"s\": \"q\\\"\\\\\\n\\u0001é\\u2028\"}"
        );
    }

    /// Every placeholder bench knows has its filler in both scripts: a new one cannot be
    /// exported half-done.
    #[test]
    fn both_scripts_fill_every_placeholder() {
        for name in crate::engine::bench::template::placeholders() {
            assert!(
                LOCUST.contains(&format!("    \"{name}\": lambda")),
                "locust: {name}"
            );
            assert!(K6.contains(&format!("  {name}: (")), "k6: {name}");
        }
        assert!(LOCUST.contains(&SETTINGS.replacen("//", "#", 1)));
        assert!(K6.contains(SETTINGS));
    }
}
