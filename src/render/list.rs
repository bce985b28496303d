//! `grpcb list`: every callback of the catalog, as a table or JSON.

use grpcb_contract::catalog::{CALLBACKS, Callback};
use grpcb_contract::verdict::{Decision, possible_decisions};
use serde_json::{Value, json};
use std::fmt::Write;

pub fn table() -> String {
    let style = super::style::stdout();
    let alias_width = CALLBACKS.iter().map(|c| c.alias.len()).max().unwrap_or(0);
    let command_width = CALLBACKS.iter().map(|c| c.command.len()).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{:alias_width$}  {:6}  {:command_width$}  THE ANSWER CAN",
            "ALIAS", "KIND", "COMMAND"
        ))
    );
    for callback in CALLBACKS {
        let _ = writeln!(
            out,
            "{:alias_width$}  {:6}  {:command_width$}  {}",
            callback.alias,
            callback.kind().as_str(),
            callback.command,
            answer_can(callback)
        );
    }
    let _ = writeln!(
        out,
        "\nEvery command also takes the full command or the command without `Group.`."
    );
    out
}

/// What the answer can make IM do, in words.
pub fn answer_can(callback: &Callback) -> String {
    possible_decisions(callback)
        .into_iter()
        .map(|decision| match decision {
            Decision::Allow => "allow",
            Decision::AllowPartial => "refuse some members",
            Decision::AllowModified => "rewrite the message",
            Decision::Deny => "deny (10016)",
            Decision::DenyCustom => "deny with 10100-10200",
            Decision::Drop => "drop silently (2)",
            Decision::Fallback => "fall back",
            Decision::Ignored => "nothing: IM ignores it",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn as_json() -> Value {
    CALLBACKS
        .iter()
        .map(|callback| {
            json!({
                "alias": callback.alias,
                "command": callback.command,
                "kind": callback.kind().as_str(),
                "trigger": callback.trigger,
                "decisions": possible_decisions(callback),
                "flags": callback.typed_fields().into_iter().map(crate::config::payload::flag).collect::<Vec<_>>(),
            })
        })
        .collect()
}
