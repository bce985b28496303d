//! Contract suites (`spec/cli.md`, "Suites"): TOML files of cases. Loading parses and checks
//! every case, resolves its request options and builds its body, so a bad suite stops with an
//! input error naming the file, line, column and key before anything is sent.
//!
//! Top-level and case tables are walked as a spanned TOML tree instead of a serde derive: the
//! typed payload keys come from the catalog at run time, and every error needs the position of
//! its key. Fixed-shape values (`expect`, strings, lists) still go through serde.

use crate::catalog::{self, Callback, Flag, Shape};
use crate::config::{RequestConfig, RequestOptions, Token};
use crate::error::{Error, Result};
use crate::input;
use crate::payload::{self, FixtureSource, PayloadSpec, SetOp, UnsetOp};
use crate::verdict::{self, Expectations, Expected};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue, ValueDeserializer};

/// One checked case, ready to send.
#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    /// The suite file, as given on the command line.
    pub file: String,
    pub callback: &'static Callback,
    pub body: Value,
    pub config: RequestConfig,
    pub expect: Expectations,
}

/// A suite file and its cases, in file order.
#[derive(Clone, Debug)]
pub struct Suite {
    pub file: String,
    pub cases: Vec<Case>,
}

/// What surrounds the suite files: command-line flags above them, the environment below.
#[derive(Clone, Debug, Default)]
pub struct Context {
    pub flags: RequestOptions,
    pub env: RequestOptions,
    /// `--strict`: warnings fail every case.
    pub strict: bool,
}

/// A case's own keys, besides request options and typed payload keys.
const CASE_KEYS: [&str; 6] = ["name", "callback", "fixture", "set", "unset", "expect"];
/// Request options, at the top level or in a case.
const OPTION_KEYS: [&str; 10] = [
    "url",
    "sdkappid",
    "client_ip",
    "platform",
    "request_time",
    "timeout",
    "headers",
    "query",
    "token",
    "token_env",
];

/// Reads, checks and builds every case of one suite file.
pub fn load(path: &Path, context: &Context) -> Result<Suite> {
    let file = path.display().to_string();
    let text = input::read_text(path, &format!("suite {file}"))?;
    let source = Source {
        dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        file,
        text: &text,
    };
    source.suite(context)
}

/// Where in a suite a key sits, for messages.
#[derive(Clone, Copy)]
enum Place<'a> {
    Top,
    Case(&'a str),
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Top => Ok(()),
            Place::Case(name) => write!(f, "case `{name}`, "),
        }
    }
}

/// Where a token comes from: the suite itself, or an environment variable it names.
#[derive(Clone, Debug)]
enum TokenSource {
    Literal(Token),
    Env(String),
}

/// Request options set by one table (the top level or a case). The token is kept apart
/// because `token_env` is only read when no higher layer gives a token.
#[derive(Clone, Debug, Default)]
struct Layer {
    options: RequestOptions,
    token: Option<Spanned<TokenSource>>,
}

struct Source<'t> {
    file: String,
    /// Fixture paths resolve against the suite file's folder.
    dir: PathBuf,
    text: &'t str,
}

impl<'t> Source<'t> {
    fn suite(&self, context: &Context) -> Result<Suite> {
        let root = DeTable::parse(self.text).map_err(|err| {
            self.at(
                err.span().unwrap_or_default(),
                format!("not valid TOML: {}", err.message().trim_end()),
            )
        })?;
        let mut defaults = Layer::default();
        let mut cases = None;
        for (key, value) in root.get_ref().iter() {
            if key.get_ref() == "case" {
                cases = Some(value);
            } else if !defaults.read(self, Place::Top, key, value)? {
                let mut known = OPTION_KEYS.to_vec();
                known.push("case");
                return Err(self.unknown_key(Place::Top, key, &known));
            }
        }
        let tables = match cases.map(|cases| (cases, cases.get_ref())) {
            Some((_, DeValue::Array(tables))) if !tables.is_empty() => tables,
            Some((cases, _)) => {
                return Err(self.at(
                    cases.span(),
                    "`case` must hold the cases: write each one as a [[case]] table",
                ));
            }
            None => {
                return Err(self.at(
                    0..0,
                    "no [[case]] table: a suite needs at least one case (see `grpcb run --help`)",
                ));
            }
        };
        let cases = tables
            .iter()
            .enumerate()
            .map(|(index, table)| self.case(index, table, &defaults, context))
            .collect::<Result<Vec<_>>>()?;
        Ok(Suite {
            file: self.file.clone(),
            cases,
        })
    }

    fn case(
        &self,
        index: usize,
        table: &Spanned<DeValue<'t>>,
        defaults: &Layer,
        context: &Context,
    ) -> Result<Case> {
        let at_case = table.span();
        let DeValue::Table(entries) = table.get_ref() else {
            return Err(self.at(at_case, "each case must be a [[case]] table"));
        };
        let find = |name: &str| entries.iter().find(|(key, _)| key.get_ref() == name);
        let Some((_, name_value)) = find("name") else {
            return Err(self.at(
                at_case,
                format!("case {} has no `name`: give every case one", index + 1),
            ));
        };
        let name: String = self.value(Place::Top, "name", name_value)?;
        if name.trim().is_empty() {
            return Err(self.at(name_value.span(), "key `name`: a case name cannot be empty"));
        }
        let place = Place::Case(&name);

        let mut layer = Layer::default();
        let mut typed = Vec::new();
        for (key, value) in entries.iter() {
            let key_name: &str = key.get_ref();
            if CASE_KEYS.contains(&key_name) || layer.read(self, place, key, value)? {
                continue;
            }
            match Flag::from_suite_key(key_name) {
                Some(flag) => typed.push((flag, key, value)),
                None => {
                    let mut known = CASE_KEYS.to_vec();
                    known.extend(OPTION_KEYS);
                    known.extend(Flag::ALL.iter().map(|flag| flag.suite_key()));
                    return Err(self.unknown_key(place, key, &known));
                }
            }
        }

        let Some((_, callback_value)) = find("callback") else {
            return Err(self.at(
                at_case,
                format!("{place}no `callback`: name one, e.g. callback = \"before-create\""),
            ));
        };
        let callback_name: String = self.value(place, "callback", callback_value)?;
        let callback = catalog::find(&callback_name).map_err(|err| {
            self.at(
                callback_value.span(),
                format!("{place}key `callback`: {err}"),
            )
        })?;

        let start = match find("fixture") {
            Some((_, value)) => Some(self.fixture(place, value)?),
            None => None,
        };
        let mut body = payload::build(callback, start, &PayloadSpec::default())?;
        // One key at a time, so an error points at the key that caused it.
        for (flag, key, value) in typed {
            let values = self.typed_values(place, callback, flag, key, value)?;
            let spec = PayloadSpec {
                typed: vec![(flag, values)],
                ..PayloadSpec::default()
            };
            body = payload::build(callback, Some(body), &spec).map_err(|err| {
                let why = err.to_string();
                self.at(
                    value.span(),
                    format!("{place}key `{}`: {}", key.get_ref(), without_flag(&why)),
                )
            })?;
        }
        if let Some((_, value)) = find("set") {
            for (set, span) in self.sets(place, value)? {
                set.apply(&mut body).map_err(|why| {
                    self.at(span, format!("{place}key `set.{}`: {why}", set.path))
                })?;
            }
        }
        if let Some((_, value)) = find("unset") {
            self.unset(place, value, &mut body)?;
        }

        let mut expect = match find("expect") {
            Some((_, value)) => self.expectations(place, callback, value)?,
            None => Expectations::default(),
        };
        expect.strict |= context.strict;

        let config = self.config(place, at_case, &layer, defaults, context)?;
        Ok(Case {
            name: name.clone(),
            file: self.file.clone(),
            callback,
            body,
            config,
            expect,
        })
    }

    /// Merges flags > case > suite top level > environment > defaults, and checks the result.
    fn config(
        &self,
        place: Place<'_>,
        at_case: Range<usize>,
        case: &Layer,
        defaults: &Layer,
        context: &Context,
    ) -> Result<RequestConfig> {
        let token = match (
            &context.flags.token,
            case.token.as_ref().or(defaults.token.as_ref()),
        ) {
            (Some(token), _) => Some(token.clone()),
            (None, Some(source)) => Some(self.token(source)?),
            (None, None) => context.env.token.clone(),
        };
        let mut options = context
            .flags
            .clone()
            .or(case.options.clone())
            .or(defaults.options.clone())
            .or(context.env.clone());
        options.token = token;
        if options.url.is_none() {
            return Err(Error::Usage(self.position(
                at_case,
                &format!(
                    "{place}no receiver URL: set `url` at the top of the suite or in the case, \
                     pass --url URL, or set GRPCB_URL"
                ),
            )));
        }
        // Each value was checked where it was written; what is left is how they combine.
        options.validate().map_err(|err| match err {
            Error::Input(message) => self.at(at_case, format!("{place}{message}")),
            other => other,
        })
    }

    fn token(&self, source: &Spanned<TokenSource>) -> Result<Token> {
        match source.get_ref() {
            TokenSource::Literal(token) => Ok(token.clone()),
            TokenSource::Env(name) => std::env::var(name)
                .ok()
                .filter(|value| !value.is_empty())
                .map(Token::new)
                .ok_or_else(|| {
                    self.at(
                        source.span(),
                        format!(
                            "key `token_env`: the environment variable `{name}` is unset or \
                             empty; export the callback token in it"
                        ),
                    )
                }),
        }
    }

    fn fixture(&self, place: Place<'_>, value: &Spanned<DeValue<'t>>) -> Result<Value> {
        let relative: String = self.value(place, "fixture", value)?;
        let path = self.dir.join(relative);
        payload::load_fixture(&FixtureSource::File(path))
            .map_err(|err| self.at(value.span(), format!("{place}key `fixture`: {err}")))
    }

    /// `unset = ["EventTime", ...]`: removes each path after `set`; a path that is not there
    /// changes nothing and gets a note on stderr, placed at the path.
    fn unset(
        &self,
        place: Place<'_>,
        value: &Spanned<DeValue<'t>>,
        body: &mut Value,
    ) -> Result<()> {
        let wrong = || {
            self.at(
                value.span(),
                format!("{place}key `unset`: must be an array of dotted paths, e.g. unset = [\"EventTime\"]"),
            )
        };
        let DeValue::Array(items) = value.get_ref() else {
            return Err(wrong());
        };
        for item in items {
            let DeValue::String(path) = item.get_ref() else {
                return Err(wrong());
            };
            let unset = UnsetOp::parse(path).map_err(|err| {
                self.at(
                    item.span(),
                    format!("{place}key `unset`: {}", without_flag(&err.to_string())),
                )
            })?;
            if !unset.apply(body) {
                let note = format!("{place}note: key `unset`: {}", unset.nothing_removed());
                crate::output::stderr(&format!("grpcb: {}\n", self.position(item.span(), &note)));
            }
        }
        Ok(())
    }

    /// A typed payload key's value as the text(s) `payload::build` takes, by the shape of the
    /// field it fills.
    fn typed_values(
        &self,
        place: Place<'_>,
        callback: &Callback,
        flag: Flag,
        key: &Spanned<DeString<'t>>,
        value: &Spanned<DeValue<'t>>,
    ) -> Result<Vec<String>> {
        let name = flag.suite_key();
        let field = callback.field_for(flag).ok_or_else(|| {
            let keys: Vec<&str> = callback
                .fields
                .iter()
                .map(|field| field.flag.suite_key())
                .collect();
            self.at(
                key.span(),
                format!(
                    "{place}key `{name}`: {} has no field for it; its payload keys are {}. \
                     Use `set` for any other field",
                    callback.alias,
                    keys.join(", ")
                ),
            )
        })?;
        let (integers, wanted) = match field.shape {
            Shape::Members => (false, "a user ID or an array of user IDs"),
            Shape::Integer => (true, "an integer"),
            _ => (false, "a string"),
        };
        let one = |item: &Spanned<DeValue<'t>>| match item.get_ref() {
            DeValue::String(text) => Ok(text.to_string()),
            DeValue::Integer(_) if integers => {
                self.value::<i64>(place, name, item).map(|n| n.to_string())
            }
            _ => Err(self.at(
                item.span(),
                format!("{place}key `{name}`: must be {wanted}"),
            )),
        };
        match value.get_ref() {
            DeValue::Array(items) if field.shape == Shape::Members => {
                items.iter().map(one).collect()
            }
            _ => Ok(vec![one(value)?]),
        }
    }

    /// `set`, flattened to dotted paths in file order: `set.MsgBody.0.MsgContent.Text = "x"`
    /// and `set = { "MsgBody.0.MsgContent.Text" = "x" }` mean the same.
    fn sets(
        &self,
        place: Place<'_>,
        value: &Spanned<DeValue<'t>>,
    ) -> Result<Vec<(SetOp, Range<usize>)>> {
        let DeValue::Table(table) = value.get_ref() else {
            return Err(self.at(
                value.span(),
                format!("{place}key `set`: must be a table of PATH = value, e.g. set = {{ Name = \"Team\" }}"),
            ));
        };
        let mut sets = Vec::new();
        self.flatten(place, "", table, &mut sets)?;
        Ok(sets)
    }

    fn flatten(
        &self,
        place: Place<'_>,
        prefix: &str,
        table: &DeTable<'t>,
        sets: &mut Vec<(SetOp, Range<usize>)>,
    ) -> Result<()> {
        for (key, value) in table.iter() {
            let path = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            match value.get_ref() {
                // `set.A.B = 1` (dotted keys) descends; `set.A = { B = 1 }` (an inline table)
                // is a value that replaces the object, as `--set 'A={"B":1}'` does.
                DeValue::Table(inner) if !self.is_inline_table(value) => {
                    self.flatten(place, &path, inner, sets)?;
                }
                _ => {
                    let json = self.json(place, &path, value)?;
                    sets.push((SetOp { path, value: json }, value.span()));
                }
            }
        }
        Ok(())
    }

    /// Whether a table was written inline, `{ ... }`, rather than made by dotted keys or a
    /// `[header]`: only inline tables start with a brace where they are.
    fn is_inline_table(&self, value: &Spanned<DeValue<'t>>) -> bool {
        self.text
            .get(value.span().start..)
            .is_some_and(|rest| rest.starts_with('{'))
    }

    /// A TOML value as the JSON value it stands for; dates become their text.
    fn json(&self, place: Place<'_>, path: &str, value: &Spanned<DeValue<'t>>) -> Result<Value> {
        Ok(match value.get_ref() {
            DeValue::String(text) => Value::String(text.to_string()),
            DeValue::Integer(_) => self.value::<Value>(place, path, value)?,
            DeValue::Float(_) => {
                let number: f64 = self.value(place, path, value)?;
                serde_json::Number::from_f64(number)
                    .map(Value::Number)
                    .ok_or_else(|| {
                        self.at(
                            value.span(),
                            format!("{place}key `set.{path}`: JSON has no {number}"),
                        )
                    })?
            }
            DeValue::Boolean(flag) => Value::Bool(*flag),
            DeValue::Datetime(date) => Value::String(date.to_string()),
            DeValue::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| self.json(place, path, item))
                    .collect::<Result<_>>()?,
            ),
            DeValue::Table(table) => Value::Object(
                table
                    .iter()
                    .map(|(key, item)| {
                        Ok((key.get_ref().to_string(), self.json(place, path, item)?))
                    })
                    .collect::<Result<_>>()?,
            ),
        })
    }

    fn expectations(
        &self,
        place: Place<'_>,
        callback: &Callback,
        value: &Spanned<DeValue<'t>>,
    ) -> Result<Expectations> {
        let table: ExpectTable = self.value(place, "expect", value)?;
        let decision = match &table.decision {
            None => None,
            Some(name) => Some(self.expected(place, callback, name)?),
        };
        let max_latency = match &table.max_latency_ms {
            None => None,
            Some(ms) if *ms.get_ref() == 0 => {
                return Err(self.at(
                    ms.span(),
                    format!("{place}key `expect.max_latency_ms`: must be more than 0"),
                ));
            }
            Some(ms) => Some(Duration::from_millis(*ms.get_ref())),
        };
        Ok(Expectations {
            decision,
            code: table.code,
            refused: table.refused.map(|users| users.into_iter().collect()),
            max_latency,
            strict: table.strict.unwrap_or(false),
        })
    }

    /// An expected decision, which the callback must be able to reach.
    fn expected(
        &self,
        place: Place<'_>,
        callback: &Callback,
        name: &Spanned<String>,
    ) -> Result<Expected> {
        let expected = Expected::parse(name.get_ref()).ok_or_else(|| {
            self.at(
                name.span(),
                format!(
                    "{place}key `expect.decision`: `{}` is not a decision; use one of {}",
                    name.get_ref(),
                    Expected::NAMES.join(", ")
                ),
            )
        })?;
        let reachable = verdict::possible_decisions(callback);
        if !reachable.iter().any(|decision| expected.accepts(*decision)) {
            let names: Vec<&str> = reachable.iter().map(|decision| decision.as_str()).collect();
            return Err(self.at(
                name.span(),
                format!(
                    "{place}key `expect.decision`: {} can never lead to `{}`; it can lead to {}",
                    callback.alias,
                    expected.as_str(),
                    names.join(", ")
                ),
            ));
        }
        Ok(expected)
    }

    /// `sdkappid = 1400000000` and `sdkappid = "1400000000"` alike; `timeout = 2` is 2 s.
    fn text_or_integer(
        &self,
        place: Place<'_>,
        key: &str,
        value: &Spanned<DeValue<'t>>,
    ) -> Result<String> {
        match value.get_ref() {
            DeValue::Integer(_) => self.value::<i64>(place, key, value).map(|n| n.to_string()),
            _ => self.value(place, key, value),
        }
    }

    /// A list of name/value strings as the flags take them, or a table of them:
    /// `headers = ["X-A: 1"]` or `{ X-A = "1" }`; `query = ["OptPlatform=IOS"]` or
    /// `{ OptPlatform = "IOS" }`. `separator` joins a table's name and value.
    fn pairs(
        &self,
        place: Place<'_>,
        key: &str,
        value: &Spanned<DeValue<'t>>,
        separator: &str,
    ) -> Result<Vec<String>> {
        match value.get_ref() {
            DeValue::Table(table) => table
                .iter()
                .map(|(name, item)| {
                    let text: String = self.value(place, key, item)?;
                    Ok(format!("{}{separator}{text}", name.get_ref()))
                })
                .collect(),
            _ => self.value(place, key, value),
        }
    }

    /// A value through serde, with the error placed at the value.
    fn value<T: DeserializeOwned>(
        &self,
        place: Place<'_>,
        key: &str,
        value: &Spanned<DeValue<'t>>,
    ) -> Result<T> {
        T::deserialize(ValueDeserializer::from(value.clone())).map_err(|err| {
            self.at(
                err.span().unwrap_or_else(|| value.span()),
                format!("{place}key `{key}`: {}", err.message()),
            )
        })
    }

    fn unknown_key(&self, place: Place<'_>, key: &Spanned<DeString<'t>>, known: &[&str]) -> Error {
        let name: &str = key.get_ref();
        let lower = name.to_ascii_lowercase();
        let hint = known
            .iter()
            .map(|candidate| (catalog::edit_distance(&lower, candidate), *candidate))
            .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(2))
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, candidate)| format!("did you mean `{candidate}`? "))
            .unwrap_or_default();
        let what = match place {
            Place::Top => "the top level of a suite",
            Place::Case(_) => "a case",
        };
        self.at(
            key.span(),
            format!(
                "{place}unknown key `{name}`; {hint}{what} takes {}",
                known.join(", ")
            ),
        )
    }

    /// An input error at this span of the file.
    fn at(&self, span: Range<usize>, message: impl fmt::Display) -> Error {
        Error::Input(self.position(span, &message.to_string()))
    }

    /// `file:line:column: message`, as compilers print it.
    fn position(&self, span: Range<usize>, message: &str) -> String {
        let (line, column) = input::line_column(self.text, span.start);
        format!("{}:{line}:{column}: {message}", self.file)
    }
}

impl Layer {
    /// Takes `key` if it is a request option, checking its value where it stands; false if
    /// it is not one.
    fn read<'t>(
        &mut self,
        source: &Source<'t>,
        place: Place<'_>,
        key: &Spanned<DeString<'t>>,
        value: &Spanned<DeValue<'t>>,
    ) -> Result<bool> {
        let name: &str = key.get_ref();
        let mut given = RequestOptions::default();
        match name {
            "url" => given.url = Some(source.value(place, name, value)?),
            "sdkappid" => given.sdkappid = Some(source.text_or_integer(place, name, value)?),
            "client_ip" => given.client_ip = Some(source.value(place, name, value)?),
            "platform" => {
                let platform: String = source.value(place, name, value)?;
                if let Some(note) = crate::config::platform_note("platform", &platform) {
                    let at = source.position(value.span(), &format!("{place}note: {note}"));
                    crate::output::stderr(&format!("grpcb: {at}\n"));
                }
                given.platform = Some(platform);
            }
            "request_time" => given.request_time = Some(source.value(place, name, value)?),
            "timeout" => given.timeout = Some(source.text_or_integer(place, name, value)?),
            "headers" => given.headers = source.pairs(place, name, value, ": ")?,
            "query" => given.query = source.pairs(place, name, value, "=")?,
            "token" | "token_env" => {
                if let Some(earlier) = &self.token {
                    return Err(source.at(
                        earlier.span(),
                        format!("{place}give `token` or `token_env`, not both"),
                    ));
                }
                let text: String = source.value(place, name, value)?;
                if text.is_empty() {
                    return Err(source.at(value.span(), format!("{place}key `{name}` is empty")));
                }
                let token = if name == "token" {
                    TokenSource::Literal(Token::new(text))
                } else {
                    TokenSource::Env(text)
                };
                self.token = Some(Spanned::new(value.span(), token));
                return Ok(true);
            }
            _ => return Ok(false),
        }
        given.check_given().map_err(|err| {
            source.at(
                value.span(),
                format!("{place}key `{name}`: {}", without_flag(&err.to_string())),
            )
        })?;
        self.options = given.or(std::mem::take(&mut self.options));
        Ok(true)
    }
}

/// Config messages start with the flag (`--timeout `x`: ...`); in a suite the key says it.
fn without_flag(message: &str) -> &str {
    match message.split_once(' ') {
        Some((flag, rest)) if flag.starts_with('-') => rest,
        _ => message,
    }
}

/// `expect = { ... }` as written.
#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table such as { decision = \"deny\", code = 1 }"
)]
struct ExpectTable {
    decision: Option<Spanned<String>>,
    code: Option<i64>,
    refused: Option<Vec<String>>,
    max_latency_ms: Option<Spanned<u64>>,
    strict: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A payload key spelled like a case key or a request option could never be reached.
    #[test]
    fn payload_keys_collide_with_no_other_case_key() {
        for flag in Flag::ALL {
            let key = flag.suite_key();
            assert!(!CASE_KEYS.contains(&key), "{key}");
            assert!(!OPTION_KEYS.contains(&key), "{key}");
            assert_eq!(Flag::from_suite_key(key), Some(flag));
        }
    }

    #[test]
    fn positions_are_one_based_lines_and_character_columns() {
        let source = Source {
            file: "s.toml".into(),
            dir: PathBuf::new(),
            text: "a = 1\nnäme = 2\n",
        };
        assert_eq!(source.position(0..1, "x"), "s.toml:1:1: x");
        let at = source.text.find("= 2").unwrap_or_default();
        assert_eq!(source.position(at..at + 1, "x"), "s.toml:2:6: x");
        assert_eq!(source.position(999..1000, "x"), "s.toml:3:1: x");
    }

    #[test]
    fn flags_are_dropped_from_config_messages() {
        assert_eq!(without_flag("--timeout `x`: bad"), "`x`: bad");
        assert_eq!(without_flag("-H `x`: bad"), "`x`: bad");
        assert_eq!(without_flag("plain message"), "plain message");
    }
}
