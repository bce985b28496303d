//! What a careful receiver checks in a request before acting on it: the query IM appends
//! (`docs/protocol.md` §2.2), the signature (§2.3), the body's fields (§3). Pure: a server
//! (a reference receiver, a receiver's own tests, a relay) passes the request in and
//! gets issues back.

use crate::catalog::{self, Callback};
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
    if query_callback.is_some() {
        check_content_type(&params, &mut found);
    }
    if query_callback.is_some_and(|callback| callback.query.has_client()) {
        check_client_info(&params, &mut found);
    }

    let body = parse_body(body, &mut found);
    let body_command = body
        .as_ref()
        .and_then(|body| body.get("CallbackCommand"))
        .and_then(Value::as_str);
    if let (Some(query), Some(body)) = (command, body_command)
        && query != body
    {
        found.push(Issue::error(
            Check::CommandMismatch,
            format!(
                "CallbackCommand is `{}` in the query but `{}` in the body",
                shown(query),
                shown(body)
            ),
        ));
    }
    let callback = query_callback.or_else(|| body_command.and_then(catalog::by_command));
    if let (Some(callback), Some(body)) = (callback, &body) {
        check_fields(callback, body, &mut found);
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

/// `ClientIP` and `OptPlatform`, for the callbacks whose query carries them (§2.2).
fn check_client_info(params: &Params, found: &mut Vec<Issue>) {
    if let Some(ip) = params.get("ClientIP", found)
        && ip.parse::<IpAddr>().is_err()
    {
        found.push(Issue::error(
            Check::BadParam,
            format!("ClientIP `{}` is not an IP address", shown(ip)),
        ));
    }
    let Some(platform) = params.get("OptPlatform", found) else {
        return;
    };
    match canonical_platform(platform) {
        Some(spelled) if spelled == platform => {
            // IOS and macOS are documented, but not what the group callbacks send (§2.2, §4).
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

/// Every field IM always sends for this callback, with its JSON type; unknown fields are
/// fine, as the docs ask (`docs/protocol.md` §4: fields get added), and so is the absence of a field the newer
/// docs added (older pages show bodies without it).
fn check_fields(callback: &Callback, body: &Value, found: &mut Vec<Issue>) {
    for (name, sample) in callback.required_fields() {
        let Some(value) = body.get(&name) else {
            found.push(if callback.is_newer(&name) {
                Issue::warning(
                    Check::MissingNewerField,
                    format!(
                        "{} has no {name} (the newer docs added it; older pages' bodies lack it): accepted",
                        callback.alias
                    ),
                )
            } else {
                Issue::error(
                    Check::MissingField,
                    format!("{} has no {name}", callback.alias),
                )
            });
            continue;
        };
        let (want, got) = (json_type(&sample), json_type(value));
        if want == got {
            continue;
        }
        // Many doc examples quote EventTime; the tables say integer (`docs/protocol.md` §2.8).
        let numeric_string = value.as_str().is_some_and(is_digits);
        if name == "EventTime" && sample.is_u64() && numeric_string {
            found.push(Issue::warning(
                Check::Variant,
                "EventTime is a numeric string (as in some doc examples); accepted as an integer",
            ));
        } else {
            found.push(Issue::error(
                Check::WrongType,
                format!("{name} is {got}; IM sends {want}"),
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
        if callback.query.has_client() {
            pairs.push(("ClientIP", "127.0.0.1".into()));
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
            ("CallbackCommand", "Push.OfflinePush"),
            ("contenttype", "json"),
        ]);
        let body = br#"{"Events":[{"CallbackCommand":"Push.OfflinePush"}]}"#;
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
