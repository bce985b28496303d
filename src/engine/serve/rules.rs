//! How `grpcb serve` answers a valid callback: `--rules FILE`, a TOML list of `[[rule]]`
//! tables tried in order; the first that matches answers. Without a match (or without rules)
//! every callback is allowed. `fixtures/serve-rules.toml` documents the format.

use super::RequestOutcome;
use crate::config::input;
use crate::error::{BadValue, Error, Result, Subject};
use grpcb_contract::answer;
use grpcb_contract::catalog::{
    AnswerSemantics as Answer, CALLBACKS, Callback, Decides, Refusal, Refuse,
};
use grpcb_contract::payload::get_path;
use grpcb_contract::verdict::{self, Decision, message_body_problem};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::path::Path;
use std::time::Duration;

/// Custom denial codes IM passes on to the caller (`docs/protocol.md` §2.7).
/// A delay longer than this tests nothing more: IM gave up after 2 s.
const MAX_DELAY_MS: u64 = 60_000;

/// The checked rules, in file order.
#[derive(Debug, Default)]
pub struct Rules {
    rules: Vec<Rule>,
}

/// What to send back for one callback.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub outcome: RequestOutcome,
    /// The 1-based number of the rule that answered.
    pub rule: Option<usize>,
    pub delay: Duration,
}

impl Reply {
    /// The answer to a request the checks rejected: 200 and FAIL, as IM's protocol wants
    /// every answer, with the reason in `ErrorInfo` (`docs/protocol.md` §2.4).
    pub fn reject(status: u16, reason: &str) -> Reply {
        Reply {
            status,
            body: answer_body(json!({
                "ActionStatus": "FAIL",
                "ErrorCode": 1,
                "ErrorInfo": reason,
            })),
            outcome: RequestOutcome::Rejected,
            rule: None,
            delay: Duration::ZERO,
        }
    }
}

impl Reply {
    /// The answer to a command grpcb does not know: OK/0, which allows a before-callback
    /// and is what IM expects of an after-callback.
    pub fn unrecognized() -> Reply {
        Reply {
            status: 200,
            body: answer_body(answer::ok(0, "")),
            outcome: RequestOutcome::Unrecognized,
            rule: None,
            delay: Duration::ZERO,
        }
    }
}

#[derive(Debug)]
struct Rule {
    number: usize,
    /// `None` matches every callback that can make the rule's decision.
    callback: Option<&'static Callback>,
    /// Dotted path and the exact JSON value the body must hold there.
    when: Vec<(String, Value)>,
    action: Action,
    delay: Duration,
    status: Option<u16>,
    body: Option<String>,
}

#[derive(Debug)]
enum Action {
    Allow,
    Deny {
        info: String,
    },
    DenyCustom {
        code: i64,
        info: String,
    },
    Drop {
        info: String,
    },
    Refuse {
        users: Vec<String>,
        /// `ResultInfo` of each refused target (Sns).
        info: String,
    },
    Replace {
        msg_body: Option<Value>,
        cloud_custom_data: Option<String>,
    },
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    rule: Vec<toml::Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    callback: Option<String>,
    #[serde(default)]
    when: Map<String, Value>,
    #[serde(default)]
    decision: RuleDecision,
    code: Option<i64>,
    info: Option<String>,
    refuse: Option<Vec<String>>,
    msg_body: Option<Value>,
    cloud_custom_data: Option<String>,
    delay_ms: Option<u64>,
    status: Option<u16>,
    body: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
enum RuleDecision {
    #[default]
    Allow,
    Deny,
    DenyCustom,
    Drop,
    Refuse,
    Replace,
}

impl RuleDecision {
    fn as_str(self) -> &'static str {
        self.into()
    }

    /// The decision IM takes from an answer of this kind.
    fn decision(self) -> Decision {
        match self {
            RuleDecision::Allow => Decision::Allow,
            RuleDecision::Deny => Decision::Deny,
            RuleDecision::DenyCustom => Decision::DenyCustom,
            RuleDecision::Drop => Decision::Drop,
            RuleDecision::Refuse => Decision::AllowPartial,
            RuleDecision::Replace => Decision::AllowModified,
        }
    }

    /// Whether IM lets this callback's answer make this decision (`docs/protocol.md` §2.7);
    /// an after-callback's answer is ignored, so only `allow` makes sense there. A custom
    /// denial's code must be in the callback's own range (10100-10200 for groups,
    /// 120001-130000 for C2C and official accounts).
    fn possible_for(self, callback: &Callback, code: Option<i64>) -> bool {
        let custom_range = match &callback.answer {
            Answer::Decides(decides) => decides.custom.as_ref(),
            Answer::Ignored => None,
        };
        let code_fits = match (self, code) {
            (RuleDecision::DenyCustom, Some(code)) => {
                custom_range.is_some_and(|range| range.contains(&code))
            }
            _ => true,
        };
        code_fits
            && (self == RuleDecision::Allow
                || verdict::possible_decisions(callback).contains(&self.decision()))
    }
}

impl Rules {
    /// Reads and checks a rules file.
    pub fn load(path: &Path) -> Result<Rules> {
        let text = input::read_text(path, "rules file")?;
        Rules::parse(&text, &path.display().to_string())
    }

    /// Parses and checks rules; `origin` is the file they come from, for errors.
    pub fn parse(text: &str, origin: &str) -> Result<Rules> {
        let place = |offset: usize| {
            let (line, column) = input::line_column(text, offset);
            Subject::File {
                what: "rules file",
                path: origin.to_string(),
                line: Some(line),
                column: Some(column),
            }
        };
        let file: RulesFile = toml::from_str(text).map_err(|err| {
            let offset = err.span().map_or(0, |span| span.start);
            // The parser's message may quote the file, so it is a detail, not our words.
            BadValue::new(place(offset), "is not a valid rules file")
                .detail(err.message().trim_end())
        })?;
        let rules = file
            .rule
            .into_iter()
            .enumerate()
            .map(|(index, spanned)| {
                let at = place(spanned.span().start);
                check_rule(index + 1, spanned.into_inner()).map_err(|why| {
                    Error::from(BadValue::new(at, format!("rule {}", index + 1)).detail(why))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Rules { rules })
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The answer to a callback that passed every check.
    pub fn answer(&self, callback: &Callback, body: &Value) -> Reply {
        let rule = self.rules.iter().find(|rule| rule.matches(callback, body));
        let (outcome, answer) = match rule {
            Some(rule) => rule.action.answer(callback, body),
            None => Action::Allow.answer(callback, body),
        };
        let raw = rule.is_some_and(|rule| rule.status.is_some() || rule.body.is_some());
        Reply {
            status: rule.and_then(|rule| rule.status).unwrap_or(200),
            body: match rule.and_then(|rule| rule.body.as_ref()) {
                Some(text) => text.as_bytes().to_vec(),
                None => answer_body(answer),
            },
            outcome: if raw { RequestOutcome::Raw } else { outcome },
            rule: rule.map(|rule| rule.number),
            delay: rule.map_or(Duration::ZERO, |rule| rule.delay),
        }
    }
}

impl Rule {
    fn matches(&self, callback: &Callback, body: &Value) -> bool {
        let callback_matches = match self.callback {
            Some(own) => own.command == callback.command,
            None => self
                .action
                .kind()
                .possible_for(callback, self.action.code()),
        };
        callback_matches
            && self
                .when
                .iter()
                .all(|(path, value)| get_path(body, path) == Some(value))
    }
}

impl Action {
    /// The custom denial code, for a deny-custom.
    fn code(&self) -> Option<i64> {
        match self {
            Action::DenyCustom { code, .. } => Some(*code),
            _ => None,
        }
    }

    fn kind(&self) -> RuleDecision {
        match self {
            Action::Allow => RuleDecision::Allow,
            Action::Deny { .. } => RuleDecision::Deny,
            Action::DenyCustom { .. } => RuleDecision::DenyCustom,
            Action::Drop { .. } => RuleDecision::Drop,
            Action::Refuse { .. } => RuleDecision::Refuse,
            Action::Replace { .. } => RuleDecision::Replace,
        }
    }

    /// The decision and the answer body for a callback this action is possible for.
    fn answer(&self, callback: &Callback, body: &Value) -> (RequestOutcome, Value) {
        let (decision, answer) = match self {
            Action::Allow => (Decision::Allow, answer::allow(callback, body)),
            Action::Deny { info } => (Decision::Deny, answer::deny(callback, body, info)),
            Action::DenyCustom { code, info } => (Decision::DenyCustom, answer::fail(*code, info)),
            Action::Drop { info } => (Decision::Drop, answer::ok(2, info)),
            Action::Refuse { users, info } => {
                // Refusing someone the request does not list would break the contract
                // (`docs/protocol.md` §3.1.4, §3.3.1, §3.7.5): the answer names only those listed.
                let requested = verdict::requested(callback, body);
                let refused = requested
                    .iter()
                    .filter(|user| users.iter().any(|refused| refused == *user))
                    .count();
                let every_target = refused == requested.len() && is_per_user(callback);
                let decision = match refused {
                    0 => Decision::Allow,
                    _ if every_target => Decision::Deny,
                    _ => Decision::AllowPartial,
                };
                (decision, answer::refuse(callback, body, users, info))
            }
            Action::Replace {
                msg_body,
                cloud_custom_data,
            } => {
                let mut answer = answer::ok(0, "");
                if let Some(msg_body) = msg_body {
                    answer["MsgBody"] = msg_body.clone();
                }
                if let Some(data) = cloud_custom_data {
                    answer["CloudCustomData"] = json!(data);
                }
                (Decision::AllowModified, answer)
            }
        };
        let decision = match callback.answer {
            Answer::Ignored => Decision::Ignored,
            Answer::Decides(_) => decision,
        };
        (RequestOutcome::Answered(decision), answer)
    }
}

/// Whether the callback's answer refuses per user (the Sns before-callbacks), where
/// refusing every target is a deny.
fn is_per_user(callback: &Callback) -> bool {
    matches!(
        &callback.answer,
        Answer::Decides(Decides {
            refusal: Some(Refusal {
                how: Refuse::PerUser { .. },
                ..
            }),
            ..
        })
    )
}

fn answer_body(answer: Value) -> Vec<u8> {
    serde_json::to_vec(&answer).unwrap_or_default()
}

/// Checks one rule as written; the error says what is wrong, the caller says where.
fn check_rule(number: usize, raw: RawRule) -> std::result::Result<Rule, String> {
    let kind = raw.decision;
    let callback = raw
        .callback
        .as_deref()
        .map(grpcb_contract::catalog::find)
        .transpose()
        .map_err(|err| err.to_string())?;
    if kind == RuleDecision::DenyCustom {
        check_custom_code(raw.code, callback)?;
    }
    let able: Vec<&str> = CALLBACKS
        .iter()
        .filter(|callback| kind.possible_for(callback, raw.code))
        .map(|callback| callback.alias)
        .collect();
    let able_text = if able.is_empty() {
        "no callback in this catalog can".to_string()
    } else {
        format!("only {} can", able.join(", "))
    };
    match callback {
        Some(callback) if !kind.possible_for(callback, raw.code) => {
            return Err(format!(
                "{} cannot answer `{}`: {able_text}",
                callback.alias,
                kind.as_str()
            ));
        }
        None if able.is_empty() => {
            return Err(format!("decision `{}`: {able_text}", kind.as_str()));
        }
        _ => {}
    }

    let only_with = |present: bool, key: &str, kinds: &[RuleDecision]| {
        if present && !kinds.contains(&kind) {
            let names: Vec<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
            Err(format!(
                "`{key}` goes with decision {}, not `{}`",
                names.join(" or "),
                kind.as_str()
            ))
        } else {
            Ok(())
        }
    };
    only_with(raw.code.is_some(), "code", &[RuleDecision::DenyCustom])?;
    only_with(
        raw.info.is_some(),
        "info",
        &[
            RuleDecision::Deny,
            RuleDecision::DenyCustom,
            RuleDecision::Drop,
            RuleDecision::Refuse,
        ],
    )?;
    only_with(raw.refuse.is_some(), "refuse", &[RuleDecision::Refuse])?;
    only_with(raw.msg_body.is_some(), "msg_body", &[RuleDecision::Replace])?;
    only_with(
        raw.cloud_custom_data.is_some(),
        "cloud_custom_data",
        &[RuleDecision::Replace],
    )?;

    let info = raw.info.unwrap_or_default();
    let action = match kind {
        RuleDecision::Allow => Action::Allow,
        RuleDecision::Deny => Action::Deny { info },
        RuleDecision::Drop => Action::Drop { info },
        RuleDecision::DenyCustom => {
            let code = raw.code.unwrap_or_default();
            if info.is_empty() {
                return Err("deny-custom needs an `info`: the text the caller sees".into());
            }
            Action::DenyCustom { code, info }
        }
        RuleDecision::Refuse => match raw.refuse {
            Some(users) if !users.is_empty() => Action::Refuse { users, info },
            _ => return Err("refuse needs `refuse = [\"user\", ...]`".into()),
        },
        RuleDecision::Replace => {
            if raw.msg_body.is_none() && raw.cloud_custom_data.is_none() {
                return Err("replace needs `msg_body` or `cloud_custom_data`".into());
            }
            if let Some((_, why)) = raw.msg_body.as_ref().and_then(message_body_problem) {
                return Err(format!("msg_body: {why}"));
            }
            Action::Replace {
                msg_body: raw.msg_body,
                cloud_custom_data: raw.cloud_custom_data,
            }
        }
    };

    // 1xx are not final answers (hyper would send 500 instead).
    if let Some(status) = raw.status.filter(|status| !(200..=599).contains(status)) {
        return Err(format!(
            "status {status} is not a final HTTP status (200-599)"
        ));
    }
    let delay_ms = raw.delay_ms.unwrap_or(0);
    if delay_ms > MAX_DELAY_MS {
        return Err(format!(
            "delay_ms {delay_ms} is over {MAX_DELAY_MS}; IM gives up after 2000"
        ));
    }
    let mut when = Vec::new();
    flatten_when(String::new(), raw.when, &mut when);
    if let Some((path, _)) = when
        .iter()
        .find(|(path, _)| path.split('.').any(str::is_empty))
    {
        return Err(format!("`when` path `{path}` has an empty segment"));
    }
    Ok(Rule {
        number,
        callback,
        when,
        action,
        delay: Duration::from_millis(delay_ms),
        status: raw.status,
        body: raw.body,
    })
}

/// A deny-custom's code: given, and in the custom range of the rule's callback (or of some
/// callback, for a rule without one): 10100-10200 for groups, 120001-130000 for C2C and
/// official accounts (`docs/protocol.md` §2.6).
fn check_custom_code(
    code: Option<i64>,
    callback: Option<&Callback>,
) -> std::result::Result<(), String> {
    let range_of = |callback: &Callback| match &callback.answer {
        Answer::Decides(decides) => decides.custom.clone(),
        Answer::Ignored => None,
    };
    let ranges = |callbacks: &mut dyn Iterator<Item = &Callback>| {
        let mut names: Vec<String> = Vec::new();
        for range in callbacks.filter_map(range_of) {
            let name = format!("{}-{}", range.start(), range.end());
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(" or ")
    };
    let (fits, wanted) = match callback {
        Some(callback) => (
            code.is_some_and(|code| range_of(callback).is_some_and(|range| range.contains(&code))),
            ranges(&mut std::iter::once(callback)),
        ),
        None => (
            code.is_some_and(|code| {
                CALLBACKS
                    .iter()
                    .any(|callback| range_of(callback).is_some_and(|range| range.contains(&code)))
            }),
            ranges(&mut CALLBACKS.iter()),
        ),
    };
    match code {
        _ if fits => Ok(()),
        _ if wanted.is_empty() => Err(format!(
            "{} has no custom denial codes",
            callback.map_or("this callback", |callback| callback.alias)
        )),
        None => Err(format!("deny-custom needs a `code` in {wanted}")),
        Some(code) => Err(format!(
            "code {code} is not a custom denial code{}: IM passes on only {wanted}",
            callback.map_or(String::new(), |callback| format!(" of {}", callback.alias))
        )),
    }
}

/// `when = { MsgBody.0.MsgContent.Text = "x" }` is, in TOML, a nested table; it means the
/// same as the quoted `"MsgBody.0.MsgContent.Text" = "x"`, so tables descend into paths.
fn flatten_when(prefix: String, table: Map<String, Value>, out: &mut Vec<(String, Value)>) {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(inner) if !inner.is_empty() => flatten_when(path, inner, out),
            value => out.push((path, value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use grpcb_contract::catalog::find;

    fn rules(text: &str) -> Rules {
        Rules::parse(text, "rules").unwrap_or_else(|err| panic!("{err}"))
    }

    fn error(text: &str) -> String {
        Rules::parse(text, "rules").unwrap_err().to_string()
    }

    fn answer(rules: &Rules, alias: &str, body: Value) -> (Reply, Value) {
        let callback = find(alias).unwrap();
        let reply = rules.answer(callback, &body);
        let json = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
        (reply, json)
    }

    #[test]
    fn without_rules_everything_is_allowed() {
        let (reply, body) = answer(&Rules::default(), "before-create", json!({}));
        assert_eq!(reply.outcome, RequestOutcome::Answered(Decision::Allow));
        assert_eq!(
            body,
            json!({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""})
        );
        let (reply, _) = answer(&Rules::default(), "after-create", json!({}));
        assert_eq!(reply.outcome, RequestOutcome::Answered(Decision::Ignored));
    }

    #[test]
    fn first_matching_rule_answers() {
        let rules = rules(
            r#"
            [[rule]]
            callback = "before-create"
            when = { Name = "x", MemberList.0.Member_Account = "bob" }
            decision = "deny-custom"
            code = 10101
            info = "no"

            [[rule]]
            callback = "Group.CallbackBeforeCreateGroup"
            decision = "deny"
            delay_ms = 5
            "#,
        );
        let body = json!({"Name": "x", "MemberList": [{"Member_Account": "bob"}]});
        let (reply, json) = answer(&rules, "before-create", body);
        assert_eq!(reply.rule, Some(1));
        assert_eq!(json["ErrorCode"], 10101);
        let (reply, json) = answer(&rules, "before-create", json!({"Name": "y"}));
        assert_eq!(reply.rule, Some(2));
        assert_eq!(reply.delay, Duration::from_millis(5));
        assert_eq!(json["ErrorCode"], 1);
    }

    #[test]
    fn refuses_only_invited_users() {
        let rules = rules(
            "[[rule]]\ncallback = \"before-invite\"\ndecision = \"refuse\"\nrefuse = [\"blocked\", \"ghost\"]\n",
        );
        let invite = |users: &[&str]| json!({"DestinationMembers": users.iter().map(|u| json!({"Member_Account": u})).collect::<Vec<_>>()});
        let (reply, json) = answer(&rules, "before-invite", invite(&["a", "blocked"]));
        assert_eq!(
            reply.outcome,
            RequestOutcome::Answered(Decision::AllowPartial)
        );
        assert_eq!(json["RefusedMembers_Account"], json!(["blocked"]));
        let (reply, json) = answer(&rules, "before-invite", invite(&["a"]));
        assert_eq!(reply.outcome, RequestOutcome::Answered(Decision::Allow));
        assert!(json.get("RefusedMembers_Account").is_none());
    }

    #[test]
    fn raw_overrides() {
        let rules = rules("[[rule]]\nstatus = 500\nbody = \"oops\"\n");
        let (reply, _) = answer(&rules, "after-create", json!({}));
        assert_eq!((reply.status, reply.body.as_slice()), (500, &b"oops"[..]));
        assert_eq!(reply.outcome, RequestOutcome::Raw);
    }

    #[test]
    fn impossible_rules_name_index_and_line() {
        let text = "[[rule]]\ncallback = \"before-create\"\n\n[[rule]]\ncallback = \"after-create\"\ndecision = \"deny\"\n";
        let err = error(text);
        assert!(err.starts_with("rules file rules:4:1: rule 2: "), "{err}");
        assert!(err.contains("after-create cannot answer `deny`"), "{err}");
        let err = error(
            "[[rule]]\ncallback = \"before-create\"\ndecision = \"refuse\"\nrefuse = [\"a\"]\n",
        );
        assert!(
            err.contains("only before-invite, sns-prev-friend-add"),
            "{err}"
        );
    }

    #[test]
    fn bad_keys_and_values() {
        let err = error("[[rule]]\ncallback = \"before-create\"\ndecsion = \"deny\"\n");
        assert!(err.contains("rules:3:"), "{err}");
        assert!(err.contains("decsion"), "{err}");
        for (text, needle) in [
            ("[[rule]]\ndecision = \"nope\"\n", "rules:2:"),
            ("[[rule]]\ncallback = \"befor-create\"\n", "did you mean"),
            (
                "[[rule]]\ndecision = \"deny-custom\"\ncode = 5\ninfo = \"x\"\n",
                "10100-10200",
            ),
            (
                "[[rule]]\ndecision = \"deny\"\ncode = 10101\n",
                "`code` goes with",
            ),
            ("[[rule]]\nstatus = 1000\n", "not a final HTTP status"),
            ("[[rule]]\nstatus = 101\n", "not a final HTTP status"),
            ("[[rule]]\ndelay_ms = 999999\n", "delay_ms"),
            ("[[rules]]\n", "rules"),
        ] {
            let err = error(text);
            assert!(err.contains(needle), "{text}: {err}");
        }
    }
}
