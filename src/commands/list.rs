//! `grpcb list`: every callback in the catalog, for people or scripts.

use crate::catalog::{CALLBACKS, Callback};
use crate::cli::{FormatArg, ListArgs};
use crate::error::Result;
use crate::output;
use crate::verdict::{Decision, possible_decisions};
use colored::Colorize;
use serde_json::{Value, json};
use std::fmt::Write;

pub fn run(args: &ListArgs) -> Result<u8> {
    output::decide_color(args.color.into());
    let text = match args.format {
        FormatArg::Human => table(),
        FormatArg::Json => output::json_text(&as_json()),
    };
    output::stdout(&text)?;
    Ok(0)
}

fn table() -> String {
    let alias_width = CALLBACKS.iter().map(|c| c.alias.len()).max().unwrap_or(0);
    let command_width = CALLBACKS.iter().map(|c| c.command.len()).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        format!(
            "{:alias_width$}  {:6}  {:command_width$}  THE ANSWER CAN",
            "ALIAS", "KIND", "COMMAND"
        )
        .bold()
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
fn answer_can(callback: &Callback) -> String {
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

fn as_json() -> Value {
    CALLBACKS
        .iter()
        .map(|callback| {
            json!({
                "alias": callback.alias,
                "command": callback.command,
                "kind": callback.kind().as_str(),
                "trigger": callback.trigger,
                "decisions": possible_decisions(callback),
                "flags": callback.typed_fields().into_iter().map(crate::payload_options::flag).collect::<Vec<_>>(),
            })
        })
        .collect()
}
