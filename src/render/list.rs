//! `grpcb list`: the callbacks of the catalog, grouped by family, as a table or JSON.

use grpcb_contract::catalog::{
    AnswerSemantics, CALLBACKS, Callback, Decides, Family, Refuse, of_family,
};
use grpcb_contract::verdict::{Decision, possible_decisions};
use serde_json::{Value, json};
use std::fmt::Write;

/// The table, one section per family (or only `family`'s).
pub fn table(family: Option<Family>) -> String {
    let style = super::style::stdout();
    let width = |column: fn(&Callback) -> usize| CALLBACKS.iter().map(column).max().unwrap_or(0);
    let alias_width = width(|c| c.alias.len());
    let command_width = width(|c| c.command.len());
    let query_width = width(|c| c.query.as_str().len());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{:alias_width$}  {:6}  {:command_width$}  {:query_width$}  THE ANSWER CAN",
            "ALIAS", "KIND", "COMMAND", "QUERY"
        ))
    );
    for family in families(family) {
        let callbacks: Vec<&Callback> = of_family(family).collect();
        let _ = writeln!(
            out,
            "\n{}",
            style.bold(&format!(
                "{}: {} callbacks, docs/protocol.md §{}",
                family.title(),
                callbacks.len(),
                family.section()
            ))
        );
        for callback in callbacks {
            let _ = writeln!(
                out,
                "{:alias_width$}  {:6}  {:command_width$}  {:query_width$}  {}",
                callback.alias,
                callback.kind().as_str(),
                callback.command,
                callback.query.as_str(),
                answer_can(callback)
            );
        }
    }
    let _ = writeln!(
        out,
        "\nA callback is named by its alias or its full command, in any case; group callbacks also \
         by the command without `Group.`. `grpcb list --family c2c` shows one family."
    );
    out
}

fn families(only: Option<Family>) -> Vec<Family> {
    use strum::VariantArray;
    Family::VARIANTS
        .iter()
        .copied()
        .filter(|family| only.is_none_or(|only| only == *family))
        .collect()
}

/// What the answer can make IM do, in words.
pub fn answer_can(callback: &Callback) -> String {
    let AnswerSemantics::Decides(decides) = &callback.answer else {
        return "nothing: IM ignores it".to_string();
    };
    let per_user = matches!(
        decides.refusal.as_ref().map(|refusal| &refusal.how),
        Some(Refuse::PerUser { .. })
    );
    possible_decisions(callback)
        .into_iter()
        .map(|decision| match decision {
            Decision::Allow if decides.reply.is_some() => {
                format!("{} (0)", decides.action)
            }
            Decision::Allow if per_user => "let every target through".into(),
            Decision::Allow => "allow".into(),
            Decision::AllowPartial => refuse_some(decides),
            Decision::AllowModified => "rewrite the message".into(),
            Decision::Deny if decides.reply.is_some() => {
                format!("fail (1): {} gets nothing", decides.caller)
            }
            Decision::Deny if per_user => "refuse every target".into(),
            Decision::Deny => match decides.deny_code {
                Some(code) => format!("deny ({code})"),
                None => "deny (the caller's error is not documented)".into(),
            },
            Decision::DenyCustom => decides.custom.as_ref().map_or_else(String::new, |range| {
                format!("deny with {}-{}", range.start(), range.end())
            }),
            Decision::Drop => "drop silently (2)".into(),
            Decision::Fallback => "fall back".into(),
            Decision::Ignored => "nothing: IM ignores it".into(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn refuse_some(decides: &Decides) -> String {
    match decides
        .refusal
        .as_ref()
        .map(|refusal| (refusal.noun, &refusal.how))
    {
        Some((_, Refuse::PerUser { codes, .. })) => format!(
            "refuse some targets (ResultCode {}-{})",
            codes.start(),
            codes.end()
        ),
        // The group invitation's wording, which scripts and the README have used.
        Some(("invitee", _)) => "refuse some members".into(),
        Some((noun, _)) => format!("refuse some {noun}s"),
        None => "refuse some users".into(),
    }
}

/// Every callback (or `family`'s), for scripts: the keys of the first version (`alias`,
/// `command`, `kind`, `trigger`, `decisions`, `flags`) and `family`, `query_shape`, `section`.
pub fn as_json(family: Option<Family>) -> Value {
    CALLBACKS
        .iter()
        .filter(|callback| family.is_none_or(|family| family == callback.family))
        .map(|callback| {
            json!({
                "alias": callback.alias,
                "command": callback.command,
                "kind": callback.kind().as_str(),
                "trigger": callback.trigger,
                "decisions": possible_decisions(callback),
                "flags": callback.typed_fields().into_iter().map(crate::config::payload::flag).collect::<Vec<_>>(),
                "family": callback.family.as_str(),
                "query_shape": callback.query.as_str(),
                "section": callback.section,
            })
        })
        .collect()
}
