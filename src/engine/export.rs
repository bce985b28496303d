//! The plan of a load script that `grpcb export` writes for Locust or k6: for each callback,
//! the URL path and query IM appends (before `Sign` and `RequestTime`, which the script makes
//! every second), the body bytes the catalog builds with every `--set` placeholder cut out as
//! a slot the script fills per request, and the weight. The checks and decisions a script
//! applies come from the contract (`verdict::answer_codes`), rendered with the plan.
//!
//! The body is built once, as `bench` builds it, with each templated `--set` writing a
//! sentinel string instead of its value; the serialised body is then cut at the sentinels. So
//! the script's bytes are the catalog's bytes, with the same key order and escaping, and
//! only what a placeholder makes varies.

use crate::config::RequestConfig;
use crate::config::payload::{self as options, PayloadSpec};
use crate::engine::bench::template::{Part, Template, sentinel};
use crate::error::{BadValue, Note, Result};
use crate::transport::Target;
use grpcb_contract::catalog::Callback;
use grpcb_contract::payload::SetOp;
use grpcb_contract::verdict::Expected;
use reqwest::Url;
use serde_json::Value;
use std::time::Duration;

/// Everything a script needs, checked.
#[derive(Clone, Debug)]
pub struct ExportPlan {
    /// `http://127.0.0.1:8080`: where the requests go (a script lets it be overridden).
    pub host: String,
    pub callbacks: Vec<ScriptCallback>,
    /// The templated `--set` values, in their order: slot `i` of a body is filled from
    /// `templates[i]`.
    pub templates: Vec<Vec<TemplatePart>>,
    /// The environment variable the script reads the token from; `None`: unsigned requests.
    pub token_env: Option<String>,
    /// The decision every answer must lead to.
    pub expect: Option<Expected>,
    pub timeout: Duration,
    /// Request headers: `Content-Type: application/json` and every `-H`.
    pub headers: Vec<(String, String)>,
    /// Notes about the payload as asked for (an `--unset` path a body does not have).
    pub notes: Vec<Note>,
}

/// One callback of the script.
#[derive(Clone, Debug)]
pub struct ScriptCallback {
    pub callback: &'static Callback,
    /// Its share of the requests, relative to the others'.
    pub weight: u32,
    /// `/im?SdkAppid=...&OptPlatform=RESTAPI`: the URL's path and its query as IM appends it,
    /// before `&Sign=...&RequestTime=...`.
    pub path: String,
    /// The body: JSON text as it is sent, and slots.
    pub body: Vec<BodyPart>,
}

/// A piece of a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyPart {
    /// Serialised JSON, sent as it is.
    Json(String),
    /// The value of `templates[i]` for this request: its text as JSON when it parses, else
    /// as a JSON string (as `--set` reads a VALUE).
    Slot(usize),
}

/// A piece of a templated value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplatePart {
    Text(String),
    /// `seq`, `uuid`, `rand`, `now_ms`.
    Placeholder(&'static str),
}

/// What to build a plan from.
pub struct ExportRequest<'a> {
    pub config: &'a RequestConfig,
    /// The callbacks and their weights.
    pub callbacks: &'a [(&'static Callback, u32)],
    /// The fixture the body starts from (one callback only).
    pub fixture: Option<Value>,
    pub spec: &'a PayloadSpec,
    /// The `--set` arguments as written, in the order of `spec.sets`.
    pub raw_sets: &'a [String],
    pub token_env: Option<String>,
    pub expect: Option<Expected>,
}

/// The plan, or an input error naming what a script cannot do.
pub fn plan(request: &ExportRequest<'_>) -> Result<ExportPlan> {
    let (marked, templates) = mark_templates(request.spec, request.raw_sets)?;
    let mut callbacks = Vec::with_capacity(request.callbacks.len());
    let mut notes: Vec<Note> = Vec::new();
    for &(callback, weight) in request.callbacks {
        let built = options::build(callback, request.fixture.clone(), &marked)?;
        for note in built.notes {
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
        let text = serde_json::to_string(&built.body).map_err(anyhow::Error::from)?;
        let url = Target::new(request.config, callback).url_text();
        callbacks.push(ScriptCallback {
            callback,
            weight,
            path: path_and_query(&url),
            body: cut(&text, templates.len()),
        });
    }
    Ok(ExportPlan {
        host: request.config.url.origin().ascii_serialization(),
        callbacks,
        templates,
        token_env: request.token_env.clone(),
        expect: request.expect,
        timeout: request.config.timeout,
        // The same for every callback: Content-Type and the -H headers.
        headers: request
            .callbacks
            .first()
            .map(|(callback, _)| Target::new(request.config, callback).headers)
            .unwrap_or_default(),
        notes,
    })
}

/// The spec with each templated `--set` writing its slot's sentinel, and the templates.
fn mark_templates(
    spec: &PayloadSpec,
    raw_sets: &[String],
) -> Result<(PayloadSpec, Vec<Vec<TemplatePart>>)> {
    let mut marked = spec.clone();
    let mut templates = Vec::new();
    for (index, assignment) in raw_sets.iter().enumerate() {
        let (path, raw) = SetOp::split(assignment).map_err(options::flag_error)?;
        let template = Template::parse(raw)
            .map_err(|why| BadValue::flag("--set", assignment, "cannot be used").detail(why))?;
        let Some(template) = template else { continue };
        // A later --set or --unset inside this value would change each request's value
        // after it is made, which a script filling a slot cannot do.
        let later_sets = spec.sets[index + 1..].iter().map(|set| set.path.as_str());
        let later_unsets = spec.unsets.iter().map(|unset| unset.path.as_str());
        if let Some(inner) = later_sets
            .chain(later_unsets)
            .find(|inner| is_under(inner, path))
        {
            return Err(BadValue::flag("--set", assignment, "cannot be exported")
                .detail(format!(
                    "`{inner}` is changed inside its per-request value afterwards"
                ))
                .hint("write the whole value in the one templated --set")
                .into());
        }
        marked.sets[index].value = Value::String(sentinel(templates.len()));
        templates.push(
            template
                .parts()
                .map(|part| match part {
                    Part::Text(text) => TemplatePart::Text(text.to_string()),
                    Part::Placeholder(name) => TemplatePart::Placeholder(name),
                })
                .collect(),
        );
    }
    Ok((marked, templates))
}

/// Whether dotted `inner` is strictly inside dotted `outer`.
fn is_under(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.starts_with('.'))
}

/// The serialised body cut at each slot's sentinel (a slot a later `--set` or `--unset`
/// removed is simply not there).
fn cut(text: &str, slots: usize) -> Vec<BodyPart> {
    let mut parts = vec![BodyPart::Json(text.to_string())];
    for slot in 0..slots {
        let quoted = format!("\"{}\"", sentinel(slot));
        parts = parts
            .into_iter()
            .flat_map(|part| match part {
                BodyPart::Json(json) if json.contains(&quoted) => {
                    let mut pieces = Vec::new();
                    for (index, piece) in json.split(&quoted).enumerate() {
                        if index > 0 {
                            pieces.push(BodyPart::Slot(slot));
                        }
                        if !piece.is_empty() {
                            pieces.push(BodyPart::Json(piece.to_string()));
                        }
                    }
                    pieces
                }
                other => vec![other],
            })
            .collect();
    }
    parts
}

/// `/im?SdkAppid=...` of a URL (the script puts its host in front).
fn path_and_query(url: &str) -> String {
    match Url::parse(url) {
        Ok(url) => match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        },
        Err(_) => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RequestOptions;
    use crate::engine::bench::template::Bodies;

    fn plan_for(alias: &str, sets: &[&str], unsets: &[&str]) -> Result<ExportPlan> {
        let callback = grpcb_contract::catalog::find(alias).expect("in the catalog");
        let config = RequestOptions {
            url: Some("http://127.0.0.1:9/im?team=a%20b".into()),
            ..RequestOptions::default()
        }
        .validate()
        .expect("valid");
        let raw: Vec<String> = sets.iter().map(ToString::to_string).collect();
        let spec = PayloadSpec {
            sets: raw
                .iter()
                .map(|set| SetOp::parse(set).expect("set"))
                .collect(),
            unsets: unsets
                .iter()
                .map(|path| grpcb_contract::payload::UnsetOp::parse(path).expect("path"))
                .collect(),
            ..PayloadSpec::default()
        };
        plan(&ExportRequest {
            config: &config,
            callbacks: &[(callback, 1)],
            fixture: None,
            spec: &spec,
            raw_sets: &raw,
            token_env: Some("GRPCB_TOKEN".into()),
            expect: None,
        })
    }

    /// The script's body with `seq` for every `{{seq}}` is bench's body of request `seq`,
    /// byte for byte.
    #[test]
    fn a_filled_body_is_bench_s_body() {
        let sets = [
            "GroupId=@TGS#{{seq}}",
            "MsgSeq={{seq}}",
            "Random=7",
            "CloudCustomData=\"{{seq}}\"",
            "Extra={\"n\": {{seq}}, \"s\": \"é\\n\"}",
        ];
        let plan = plan_for("before-send", &sets, &["EventTime"]).expect("plan");
        let callback = grpcb_contract::catalog::find("before-send").expect("in the catalog");
        let raw: Vec<String> = sets.iter().map(ToString::to_string).collect();
        let spec = PayloadSpec {
            sets: raw
                .iter()
                .map(|set| SetOp::parse(set).expect("set"))
                .collect(),
            unsets: vec![grpcb_contract::payload::UnsetOp::parse("EventTime").expect("path")],
            ..PayloadSpec::default()
        };
        let bodies = Bodies::new(callback, None, &spec, &raw, 1).expect("bodies");
        for seq in [1_u64, 42, 1_000_000_007] {
            let (_, bench) = bodies.body(seq).expect("body");
            let script: String = plan.callbacks[0]
                .body
                .iter()
                .map(|part| match part {
                    BodyPart::Json(json) => json.clone(),
                    BodyPart::Slot(slot) => {
                        let text: String = plan.templates[*slot]
                            .iter()
                            .map(|piece| match piece {
                                TemplatePart::Text(text) => text.clone(),
                                TemplatePart::Placeholder(_) => seq.to_string(),
                            })
                            .collect();
                        serde_json::to_string(&SetOp::value(&text)).expect("JSON")
                    }
                })
                .collect();
            assert_eq!(script.as_bytes(), &*bench, "request {seq}");
        }
        assert_eq!(plan.templates.len(), 4);
        assert_eq!(
            plan.callbacks[0].path,
            "/im?team=a%20b&SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeSendMsg&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
        );
        assert_eq!(plan.host, "http://127.0.0.1:9");
    }

    #[test]
    fn a_value_changed_inside_afterwards_cannot_be_exported() {
        assert!(plan_for("before-send", &["Extra={\"n\": {{seq}}}", "Extra.m=1"], &[]).is_err());
        assert!(plan_for("before-send", &["Extra={\"n\": {{seq}}}"], &["Extra.n"]).is_err());
        // Replacing or removing the whole value is what bench does too: no slot is left.
        let plan = plan_for("before-send", &["Extra={{seq}}", "Extra=1"], &[]).expect("plan");
        assert!(
            !plan.callbacks[0]
                .body
                .iter()
                .any(|part| matches!(part, BodyPart::Slot(_)))
        );
        let plan = plan_for("before-send", &["Extra={{seq}}"], &["Extra"]).expect("plan");
        assert_eq!(plan.callbacks[0].body.len(), 1);
        assert!(plan_for("before-send", &["Extra={{seq}}", "Extras.x=1"], &[]).is_ok());
    }
}
