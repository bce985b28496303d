//! What a careful receiver checks in a request before acting on it: the query IM appends
//! (`docs/protocol.md` §2.2), the signature (§2.3), the body's fields (§3). Pure: a server
//! (a reference receiver, a receiver's own tests, a relay) passes the request in and
//! gets issues back.

use crate::catalog::model::{self, IntFormat, ProblemKind, Type};
use crate::catalog::{self, Callback, QueryShape};
use crate::json::type_name as json_type;
use crate::query::{PLATFORMS, canonical_platform, is_digits, unusual_platform};
use crate::sign::Token;
use crate::text::visible;
use crate::verdict::Severity;
use serde::Serialize;
use serde_json::Value;
use std::net::IpAddr;
use strum::{IntoStaticStr, VariantArray};

/// How far `RequestTime` may be from now, either way: the IM console guide (CN-32431) says a
/// `RequestTime` more than one minute off is invalid (`docs/protocol.md` §2.3).
pub const FRESHNESS_SECONDS: u64 = 60;

/// What this receiver trusts: its own SDKAppID and callback token, when configured.
#[derive(Clone, Debug, Default)]
pub struct Auth {
    /// The app's own SDKAppID: a request for another app is refused.
    pub sdkappid: Option<String>,
    /// The callback token: a request without a valid, fresh `Sign` is refused.
    pub token: Option<Token>,
}

/// The stable codes of what a check found, kebab case: `bad-sign`, `missing-field`, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, IntoStaticStr, VariantArray)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Check {
    /// Not a POST.
    MethodNotAllowed,
    /// A body over the cap.
    BodyTooLarge,
    /// A body that could not be read.
    BodyUnreadable,
    /// A body that did not arrive in time.
    BodyTimeout,
    /// A query parameter IM always sends is missing.
    MissingParam,
    /// A query parameter given twice.
    DuplicateParam,
    /// A query parameter's value IM never sends.
    BadParam,
    /// A command the catalog does not know.
    UnknownCommand,
    /// The query and the body name different commands.
    CommandMismatch,
    /// Another app's SdkAppid.
    SdkappidMismatch,
    /// No `Sign` or `RequestTime` although callback authentication is on.
    MissingSign,
    /// A `Sign` that does not match.
    BadSign,
    /// A `RequestTime` too far from now.
    StaleRequestTime,
    /// A body that is not JSON.
    BodyNotJson,
    /// A body that is JSON but not an object.
    BodyNotObject,
    /// A field IM always sends is missing.
    MissingField,
    /// A field the newer docs added is missing, as in bodies built from older pages.
    MissingNewerField,
    /// A field of the wrong JSON type.
    WrongType,
    /// A documented spelling variant that a tolerant receiver accepts.
    Variant,
    /// A value, an array length or a message element the docs do not describe (IM may
    /// have added it): accepted.
    UndocumentedValue,
    /// The body's `SdkAppId` is not the query's `SdkAppid` (`ContentCallback.ResultNotify`).
    SdkappidBodyMismatch,
}

impl Check {
    /// The code as logs print it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One thing a check found. Errors reject the callback; warnings only get logged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    /// An error rejects the request; a warning is a note.
    pub severity: Severity,
    /// The stable code.
    pub code: Check,
    /// What was found, in words (values from the request escaped and cut short).
    pub message: String,
}

impl Issue {
    /// An issue that rejects the request.
    pub fn error(code: Check, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Error,
            code,
            message: message.into(),
        }
    }

    fn warning(code: Check, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Warning,
            code,
            message: message.into(),
        }
    }
}

/// What the checks made of one POST.
#[derive(Debug, Default)]
pub struct Inspection {
    /// The callback the query names, or failing that the body; `None` when neither is known.
    pub callback: Option<&'static Callback>,
    /// The body, when it is a JSON object.
    pub body: Option<Value>,
    /// Every issue, in the order found.
    pub findings: Vec<Issue>,
}

impl Inspection {
    /// The reason to reject the callback (every error, in order), or `None` to accept it.
    pub fn rejection(&self) -> Option<String> {
        let errors: Vec<&str> = self
            .findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
            .map(|finding| finding.message.as_str())
            .collect();
        (!errors.is_empty()).then(|| errors.join("; "))
    }
}

/// Checks one POSTed callback: its decoded query pairs, its body bytes, at `now` (Unix s).
/// A command the catalog does not know (another family, a newer group callback) is only a
/// note: what does not depend on the command (SdkAppid, Sign, a JSON object body) is still
/// checked, the rest cannot be, and refusing it would deny what IM asks about.
pub fn inspect(auth: &Auth, query: &[(String, String)], body: &[u8], now: u64) -> Inspection {
    let mut found = Vec::new();
    let params = Params(query);
    let command = params.get("CallbackCommand", &mut found);
    let query_callback = command.and_then(catalog::by_command);
    if let Some(command) = command.filter(|_| query_callback.is_none()) {
        found.push(Issue::warning(
            Check::UnknownCommand,
            format!(
                "CallbackCommand `{}` is not one grpcb knows: answered OK/0 without checking its fields",
                shown(command)
            ),
        ));
    }
    check_sdkappid(auth, &params, &mut found);
    if let Some(token) = &auth.token {
        check_sign(token, &params, now, &mut found);
    }
    if let Some(callback) = query_callback {
        check_content_type(&params, &mut found);
        check_client_info(callback.query, &params, &mut found);
    }

    let body = parse_body(body, &mut found);
    let body_commands = body.as_ref().map(body_commands).unwrap_or_default();
    if let Some(query) = command
        && let Some(other) = body_commands.iter().find(|body| **body != query)
    {
        found.push(Issue::error(
            Check::CommandMismatch,
            format!(
                "CallbackCommand is `{}` in the query but `{}` in the body",
                shown(query),
                shown(other)
            ),
        ));
    }
    let callback = query_callback.or_else(|| {
        body_commands
            .first()
            .and_then(|command| catalog::by_command(command))
    });
    if let (Some(callback), Some(body)) = (callback, &body) {
        check_fields(callback, body, &mut found);
        check_body_sdkappid(callback, &params, body, &mut found);
    }
    Inspection {
        callback,
        body,
        findings: found,
    }
}

/// The query pairs, looked up by IM's exact spelling of each name.
struct Params<'a>(&'a [(String, String)]);

impl<'a> Params<'a> {
    /// The first value of a parameter, if any (no issue when missing or repeated).
    fn first(&self, name: &str) -> Option<&'a str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The one value of a parameter IM always sends; a missing or repeated one is an error.
    fn get(&self, name: &str, found: &mut Vec<Issue>) -> Option<&'a str> {
        let mut values = self.0.iter().filter(|(key, _)| key == name);
        match (values.next(), values.next()) {
            (Some((_, value)), None) => Some(value.as_str()),
            (Some(_), Some(_)) => {
                found.push(Issue::error(
                    Check::DuplicateParam,
                    format!("{name} appears more than once in the query"),
                ));
                None
            }
            (None, _) => {
                let near = self
                    .0
                    .iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(name))
                    .map(|(key, _)| format!(" (there is `{}`; IM spells it {name})", shown(key)))
                    .unwrap_or_default();
                found.push(Issue::error(
                    Check::MissingParam,
                    format!("{name} is missing from the query{near}"),
                ));
                None
            }
        }
    }
}

fn check_sdkappid(auth: &Auth, params: &Params, found: &mut Vec<Issue>) {
    let Some(given) = params.get("SdkAppid", found) else {
        return;
    };
    if !is_digits(given) {
        found.push(Issue::error(
            Check::BadParam,
            format!("SdkAppid `{}` is not an SDKAppID (digits)", shown(given)),
        ));
    } else if auth.sdkappid.as_deref().is_some_and(|own| own != given) {
        // Every callback page tells the backend to check this (`docs/protocol.md` §2.2).
        found.push(Issue::error(
            Check::SdkappidMismatch,
            format!("SdkAppid {given} is not this app's SDKAppID"),
        ));
    }
}

/// `docs/protocol.md` §2.3: Sign = hex sha256(token + RequestTime), and RequestTime recent.
fn check_sign(token: &Token, params: &Params, now: u64, found: &mut Vec<Issue>) {
    let before = found.len();
    let given_sign = params.get("Sign", found);
    let request_time = params.get("RequestTime", found);
    for finding in &mut found[before..] {
        if finding.code == Check::MissingParam {
            finding.code = Check::MissingSign;
            finding.message.push_str(": callback authentication is on");
        }
    }
    let (Some(given_sign), Some(request_time)) = (given_sign, request_time) else {
        return;
    };
    let Ok(seconds) = request_time.parse::<u64>() else {
        found.push(Issue::error(
            Check::BadParam,
            format!("RequestTime `{}` is not Unix seconds", shown(request_time)),
        ));
        return;
    };
    // The expected Sign is never shown: it would be a valid signature for that time.
    if !token.verify(seconds, given_sign) {
        found.push(Issue::error(Check::BadSign, "Sign does not match"));
    }
    if now.abs_diff(seconds) > FRESHNESS_SECONDS {
        found.push(Issue::error(
            Check::StaleRequestTime,
            format!(
                "RequestTime {seconds} is {} s from now, more than {FRESHNESS_SECONDS} s",
                now.abs_diff(seconds)
            ),
        ));
    }
}

/// A value from the request, fit for a log line and an answer: cut short, and escaped by
/// [`visible`] (no forged log lines).
pub fn shown(text: &str) -> String {
    const LIMIT: usize = 64;
    let cut: String = text.chars().take(LIMIT).collect();
    let mut out = visible(&cut).into_owned();
    if text.chars().count() > LIMIT {
        out.push('…');
    }
    out
}

fn check_content_type(params: &Params, found: &mut Vec<Issue>) {
    // Doc tables write the value as "JSON", URLs as "json" (`docs/protocol.md` §2.2).
    if let Some(given) = params.get("contenttype", found)
        && !given.eq_ignore_ascii_case("json")
    {
        found.push(Issue::error(
            Check::BadParam,
            format!("contenttype is `{}`, not json", shown(given)),
        ));
    }
}

/// Every `CallbackCommand` a body carries: the top-level one, else each event's (`Push.*`).
fn body_commands(body: &Value) -> Vec<&str> {
    match body.get("CallbackCommand") {
        Some(command) => command.as_str().into_iter().collect(),
        None => body["Events"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|event| event["CallbackCommand"].as_str())
            .collect(),
    }
}

/// `ClientIP` and `OptPlatform`, where the callback's query shape carries them (§2.2).
fn check_client_info(shape: QueryShape, params: &Params, found: &mut Vec<Issue>) {
    if shape.has_client_ip()
        && let Some(ip) = params.get("ClientIP", found)
        && ip.parse::<IpAddr>().is_err()
    {
        found.push(Issue::error(
            Check::BadParam,
            format!("ClientIP `{}` is not an IP address", shown(ip)),
        ));
    }
    if !shape.has_platform() {
        return;
    }
    let Some(platform) = params.get("OptPlatform", found) else {
        return;
    };
    match canonical_platform(platform) {
        // State.StateChange writes iOS as IOS (§2.2, §4 D7): that is its usual spelling.
        Some("IOS") if shape == QueryShape::FullIos => {}
        Some("iOS") if shape == QueryShape::FullIos => found.push(Issue::warning(
            Check::Variant,
            "OptPlatform `iOS` accepted: State.StateChange writes it IOS",
        )),
        Some(spelled) if spelled == platform => {
            // IOS and macOS are documented, but not what most callbacks send (§2.2, §4).
            if let Some(why) = unusual_platform(spelled) {
                found.push(Issue::warning(
                    Check::Variant,
                    format!("OptPlatform `{spelled}` accepted: {why}"),
                ));
            }
        }
        Some(spelled) => found.push(Issue::warning(
            Check::Variant,
            format!("OptPlatform `{}` accepted as {spelled}", shown(platform)),
        )),
        None => found.push(Issue::error(
            Check::BadParam,
            format!(
                "OptPlatform `{}` is not one of {}",
                shown(platform),
                PLATFORMS.join(", ")
            ),
        )),
    }
}

fn parse_body(bytes: &[u8], found: &mut Vec<Issue>) -> Option<Value> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value @ Value::Object(_)) => Some(value),
        Ok(other) => {
            found.push(Issue::error(
                Check::BodyNotObject,
                format!("the body is {}, not a JSON object", json_type(&other)),
            ));
            None
        }
        Err(err) => {
            found.push(Issue::error(
                Check::BodyNotJson,
                format!("the body is not JSON: {err}"),
            ));
            None
        }
    }
}

/// The body against the callback's field model (`docs/protocol.md` §3): every field IM
/// always sends, with its JSON type, inside objects and arrays too. Unknown fields are fine,
/// as the docs ask (§4: fields get added), and so is the absence of a field the newer docs
/// added (older pages show bodies without it), a value the docs do not list, and an odd
/// message element: those are notes.
fn check_fields(callback: &Callback, body: &Value, found: &mut Vec<Issue>) {
    for problem in model::check(callback.body, callback.constraints, body) {
        let path = &problem.path;
        found.push(match &problem.kind {
            ProblemKind::Missing => Issue::error(
                Check::MissingField,
                format!("{} has no {path}", callback.alias),
            ),
            ProblemKind::MissingNewer => Issue::warning(
                Check::MissingNewerField,
                format!(
                    "{} has no {path} (the newer docs added it; older pages' bodies lack it): accepted",
                    callback.alias
                ),
            ),
            ProblemKind::WrongType { want, got } => Issue::error(
                Check::WrongType,
                format!("{path} is {got}; IM sends {}", article(want)),
            ),
            // Many doc examples quote EventTime; the tables say integer (§2.8).
            ProblemKind::NumericString => Issue::warning(
                Check::Variant,
                format!("{path} is a numeric string (as in some doc examples); accepted as an integer"),
            ),
            ProblemKind::Undocumented { enumeration } => Issue::warning(
                Check::UndocumentedValue,
                format!(
                    "{path} is {}, not a documented {enumeration} value: accepted",
                    shown_value(crate::payload::get_path(body, path))
                ),
            ),
            ProblemKind::Length { min, max } => Issue::warning(
                Check::UndocumentedValue,
                format!(
                    "{path} has a length IM does not send ({min} to {}): accepted",
                    max.map_or("any".to_string(), |max| max.to_string())
                ),
            ),
            ProblemKind::NotAPair { other } => Issue::warning(
                Check::UndocumentedValue,
                format!("{other} and {path} are not a documented pair: accepted"),
            ),
            ProblemKind::Element(why) => Issue::warning(
                Check::UndocumentedValue,
                format!("{}: accepted", shown(why)),
            ),
        });
    }
}

/// "string" → "a string", "integer" → "an integer".
fn article(noun: &str) -> String {
    let an = noun.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {noun}", if an { "an" } else { "a" })
}

fn shown_value(value: Option<&Value>) -> String {
    value.map_or("missing".to_string(), |value| shown(&value.to_string()))
}

/// A body field that names the app (`SdkAppId` of the moderation result) must be the
/// query's `SdkAppid` (`docs/protocol.md` §2.11).
fn check_body_sdkappid(callback: &Callback, params: &Params, body: &Value, found: &mut Vec<Issue>) {
    let Some(query) = params.first("SdkAppid") else {
        return;
    };
    for spec in callback.body {
        let mirrors = matches!(
            spec.ty,
            Type::Integer {
                format: IntFormat::SdkAppid,
                ..
            }
        );
        let Some(value) = body.get(spec.name).filter(|_| mirrors) else {
            continue;
        };
        let same = value.as_u64().map(|n| n.to_string()).as_deref() == Some(query);
        if value.is_u64() && !same {
            found.push(Issue::error(
                Check::SdkappidBodyMismatch,
                format!(
                    "the body's {} is {value}, the query's SdkAppid {}",
                    spec.name,
                    shown(query)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::CALLBACKS;

    fn query(callback: &Callback, token: Option<(&str, u64)>) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("SdkAppid", "1400000000".to_string()),
            ("CallbackCommand", callback.command.to_string()),
            ("contenttype", "json".to_string()),
        ];
        if callback.query.has_client_ip() {
            pairs.push(("ClientIP", "127.0.0.1".into()));
        }
        if callback.query.has_platform() {
            pairs.push(("OptPlatform", "RESTAPI".into()));
        }
        if let Some((token, time)) = token {
            pairs.push(("Sign", crate::sign::sign(token, time)));
            pairs.push(("RequestTime", time.to_string()));
        }
        pairs
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect()
    }

    fn auth() -> Auth {
        Auth {
            sdkappid: Some("1400000000".into()),
            token: Some(Token::new("t0ken")),
        }
    }

    fn codes(inspection: &Inspection) -> Vec<&'static str> {
        inspection
            .findings
            .iter()
            .map(|finding| finding.code.as_str())
            .collect()
    }

    #[test]
    fn every_sample_passes_every_check() {
        for callback in CALLBACKS {
            let inspection = inspect(
                &auth(),
                &query(callback, Some(("t0ken", 1000))),
                callback.sample.as_bytes(),
                1000,
            );
            assert!(
                inspection.findings.is_empty(),
                "{}: {:?}",
                callback.alias,
                inspection.findings
            );
            assert_eq!(inspection.callback.map(|c| c.alias), Some(callback.alias));
        }
    }

    /// The doc variants are bodies IM may really send: accepted, with notes at most.
    #[test]
    fn every_variant_is_accepted() {
        for variant in catalog::variants::VARIANTS {
            let callback = catalog::find(variant.alias).unwrap();
            let inspection = inspect(
                &auth(),
                &query(callback, Some(("t0ken", 1000))),
                variant.body.as_bytes(),
                1000,
            );
            assert_eq!(inspection.rejection(), None, "{}", variant.file);
            assert!(
                inspection
                    .findings
                    .iter()
                    .all(|issue| issue.severity == Severity::Warning),
                "{}",
                variant.file
            );
        }
    }

    #[test]
    fn the_families_shapes_are_checked() {
        let check = |alias: &str, edit: &dyn Fn(&mut Value)| {
            let callback = catalog::find(alias).unwrap();
            let mut body = callback.sample_body();
            edit(&mut body);
            let inspection = inspect(
                &Auth::default(),
                &query(callback, None),
                body.to_string().as_bytes(),
                1000,
            );
            codes(&inspection)
        };
        // A push event lacking a required field, or naming another command.
        assert_eq!(
            check("push-offline", &|body| {
                body["Events"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("To_Account");
            }),
            ["missing-field"]
        );
        assert_eq!(
            check("push-offline", &|body| {
                body["Events"][1]["CallbackCommand"] = "Push.AllMemberPush".into();
            }),
            ["command-mismatch"]
        );
        // The moderation result names the app in its body.
        assert_eq!(
            check("content-result-notify", &|body| body["SdkAppId"] = 1.into()),
            ["sdkappid-body-mismatch"]
        );
        // A nested type, an undocumented value, an Action/Reason that are not a pair.
        assert_eq!(
            check("sns-prev-friend-add", &|body| {
                body["FriendItem"][0]["To_Account"] = 7.into();
            }),
            ["wrong-type"]
        );
        assert_eq!(
            check("state-change", &|body| body["Info"]["Reason"] =
                "TimeOut".into()),
            ["undocumented-value"]
        );
        assert_eq!(
            check("before-create", &|body| body["Type"] = "Meeting".into()),
            ["undocumented-value"]
        );
        // Follow delete's targets are strings; objects there are the add's shape.
        assert_eq!(
            check("follow-after-delete", &|body| {
                body["To_Account"] = serde_json::json!([{ "To_Account": "x" }]);
            }),
            ["wrong-type"]
        );
    }

    #[test]
    fn state_change_writes_ios_its_way_and_alerts_have_no_client_ip() {
        let state = catalog::find("state-change").unwrap();
        let with = |platform: &str| {
            let mut pairs = query(state, None);
            for (key, value) in &mut pairs {
                if key == "OptPlatform" {
                    *value = platform.into();
                }
            }
            codes(&inspect(
                &Auth::default(),
                &pairs,
                state.sample.as_bytes(),
                1000,
            ))
        };
        assert!(with("IOS").is_empty());
        assert_eq!(with("iOS"), ["variant"]);
        let alert = catalog::find("alert-request-over-limit").unwrap();
        let pairs = query(alert, None);
        assert!(!pairs.iter().any(|(key, _)| key == "ClientIP"));
        let inspection = inspect(&Auth::default(), &pairs, alert.sample.as_bytes(), 1000);
        assert!(inspection.findings.is_empty(), "{:?}", inspection.findings);
    }

    #[test]
    fn signature_and_time() {
        let callback = &CALLBACKS[0];
        let body = callback.sample.as_bytes();
        let wrong = inspect(&auth(), &query(callback, Some(("other", 1000))), body, 1000);
        assert_eq!(codes(&wrong), ["bad-sign"]);
        assert_eq!(wrong.rejection().as_deref(), Some("Sign does not match"));
        let stale = inspect(&auth(), &query(callback, Some(("t0ken", 1000))), body, 1061);
        assert_eq!(codes(&stale), ["stale-request-time"]);
        let unsigned = inspect(&auth(), &query(callback, None), body, 1000);
        assert_eq!(codes(&unsigned), ["missing-sign", "missing-sign"]);
    }

    #[test]
    fn variants_are_accepted_with_a_warning() {
        let callback = &CALLBACKS[0];
        let mut pairs = query(callback, None);
        for (key, value) in &mut pairs {
            if key == "OptPlatform" {
                *value = "IOS".into();
            }
        }
        let mut body = callback.sample_body();
        body["EventTime"] = Value::String("1670574414123".into());
        let inspection = inspect(&Auth::default(), &pairs, body.to_string().as_bytes(), 1000);
        assert_eq!(codes(&inspection), ["variant", "variant"]);
        assert_eq!(inspection.rejection(), None);
    }

    #[test]
    fn query_and_body_problems() {
        let callback = &CALLBACKS[0];
        let mut pairs = query(callback, None);
        pairs.retain(|(key, _)| key != "ClientIP");
        pairs.push(("SdkAppid".into(), "1".into()));
        let inspection = inspect(&Auth::default(), &pairs, b"[1]", 1000);
        assert_eq!(
            codes(&inspection),
            ["duplicate-param", "missing-param", "body-not-object"]
        );
        let unknown = query(callback, None)
            .into_iter()
            .map(|(key, value)| {
                let value = if key == "CallbackCommand" {
                    "Group.Nope".into()
                } else {
                    value
                };
                (key, value)
            })
            .collect::<Vec<_>>();
        let inspection = inspect(&Auth::default(), &unknown, callback.sample.as_bytes(), 0);
        assert_eq!(codes(&inspection), ["unknown-command", "command-mismatch"]);
        assert_eq!(inspection.callback.map(|c| c.alias), Some(callback.alias));
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn unknown_commands_of_any_family_are_accepted_with_a_note() {
        let push = pairs(&[
            ("SdkAppid", "1400000000"),
            ("CallbackCommand", "Future.OnSomething"),
            ("contenttype", "json"),
        ]);
        let body = br#"{"Events":[{"CallbackCommand":"Future.OnSomething"}]}"#;
        let inspection = inspect(&Auth::default(), &push, body, 1000);
        assert_eq!(codes(&inspection), ["unknown-command"]);
        assert_eq!(inspection.rejection(), None);
        assert!(inspection.callback.is_none());
        // What does not depend on the command is still checked.
        let signed = inspect(&auth(), &push, body, 1000);
        assert_eq!(
            codes(&signed),
            ["unknown-command", "missing-sign", "missing-sign"]
        );
        assert!(signed.rejection().is_some());
        let mut other_app = push.clone();
        other_app[0].1 = "1400000001".into();
        let inspection = inspect(&auth(), &other_app, body, 1000);
        assert!(codes(&inspection).contains(&"sdkappid-mismatch"));
        let not_json = inspect(&Auth::default(), &push, b"<xml/>", 1000);
        assert_eq!(codes(&not_json), ["unknown-command", "body-not-json"]);
    }

    #[test]
    fn a_body_without_the_newer_fields_is_accepted_with_a_note() {
        let callback = catalog::find("before-send").unwrap();
        let mut body = callback.sample_body();
        let map = body.as_object_mut().unwrap();
        map.remove("EventTime");
        map.remove("MsgId");
        let inspection = inspect(
            &Auth::default(),
            &query(callback, None),
            body.to_string().as_bytes(),
            1000,
        );
        assert_eq!(
            codes(&inspection),
            ["missing-newer-field", "missing-newer-field"]
        );
        assert_eq!(inspection.rejection(), None);
        // A field every page shows is still required.
        body.as_object_mut().unwrap().remove("GroupId");
        let inspection = inspect(
            &Auth::default(),
            &query(callback, None),
            body.to_string().as_bytes(),
            1000,
        );
        assert!(codes(&inspection).contains(&"missing-field"));
        assert!(inspection.rejection().is_some());
    }

    #[test]
    fn a_stale_or_future_request_time_is_refused() {
        let callback = &CALLBACKS[0];
        let body = callback.sample.as_bytes();
        for (sent, now) in [(1000, 1061), (1061, 1000)] {
            let inspection = inspect(&auth(), &query(callback, Some(("t0ken", sent))), body, now);
            assert_eq!(codes(&inspection), ["stale-request-time"]);
            assert!(inspection.rejection().is_some());
        }
        let edge = inspect(&auth(), &query(callback, Some(("t0ken", 1000))), body, 1060);
        assert_eq!(edge.rejection(), None);
    }

    #[test]
    fn request_values_are_escaped_and_cut() {
        assert_eq!(shown("a\nb"), "a\\nb");
        assert_eq!(shown(&"x".repeat(100)).chars().count(), 65);
    }
}
