//! Contract suites (`docs/cli.md`, "Suites"): TOML files of cases. A run checks every case
//! first, so a bad suite stops with an input error naming the file, line, column and key
//! before anything is sent. The cases built then are kept for the run while they fit in
//! [`KEEP_UP_TO`] bytes; past that they are dropped and each is built again as it is sent, so
//! a big run holds the suite texts and the cases in flight, never every case (`sections`
//! finds the cases without building the document's tree).
//!
//! Top-level and case tables are walked as a spanned TOML tree instead of a serde derive: the
//! typed payload keys come from the catalog at run time, and every error needs the position of
//! its key. Fixed-shape values (`expect`, strings, lists) still go through serde.

mod sections;

use crate::config::input;
use crate::config::payload::{self as options, FixtureSource, said_of};
use crate::config::{RequestConfig, RequestOptions, Token};
use crate::error::{BadValue, Error, Note, Result, Subject};
use grpcb_contract::catalog::{self, Callback, Field as Flag, Shape};
use grpcb_contract::payload::{self, SetOp, Spec, UnsetOp};
use grpcb_contract::verdict::{self, Expectations, Expected};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;
use strum::{EnumString, IntoStaticStr, VariantArray};
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
    /// Notes about how the case is written (an `unset` path that is not there, an unusual
    /// platform spelling), each with its position: said once, when the suite is checked.
    pub notes: Vec<Note>,
}

impl Case {
    /// About how many bytes the case holds: its text, and its body counted node by node.
    fn footprint(&self) -> usize {
        let headers: usize = self
            .config
            .headers
            .iter()
            .map(|(name, value)| name.len() + value.len() + 2 * size_of::<String>())
            .sum();
        size_of::<Case>()
            + self.name.len()
            + self.file.len()
            + self.config.url.as_str().len()
            + headers
            + json_footprint(&self.body)
    }
}

/// About how many bytes a JSON value holds: each node, the text of its strings and keys.
fn json_footprint(value: &Value) -> usize {
    size_of::<Value>()
        + match value {
            Value::String(text) => text.len(),
            Value::Array(items) => items.iter().map(json_footprint).sum(),
            Value::Object(map) => map
                .iter()
                .map(|(key, item)| {
                    size_of::<String>() + 2 * size_of::<usize>() + key.len() + json_footprint(item)
                })
                .sum(),
            _ => 0,
        }
}

/// What surrounds the suite files: command-line flags above them, the environment below.
#[derive(Clone, Debug, Default)]
pub struct Context {
    pub flags: RequestOptions,
    pub env: RequestOptions,
    /// `--strict`: warnings fail every case.
    pub strict: bool,
}

/// A case's own keys, besides request options and typed payload keys, in the order
/// errors list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumString, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "snake_case")]
enum CaseKey {
    Name,
    Callback,
    Fixture,
    Set,
    Unset,
    Expect,
}

/// Request options, at the top level or in a case, in the order errors list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumString, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "snake_case")]
enum OptionKey {
    Url,
    Sdkappid,
    ClientIp,
    Platform,
    RequestTime,
    Timeout,
    Headers,
    Query,
    Token,
    TokenEnv,
}

impl OptionKey {
    /// The key of the flag with this name: `--request-time` is `request_time`.
    fn of_flag(flag: &str) -> Option<OptionKey> {
        let name = flag.strip_prefix("--")?;
        OptionKey::VARIANTS
            .iter()
            .copied()
            .find(|key| <&str>::from(key).split('_').eq(name.split('-')))
    }
}

/// The names of every variant of a key list.
fn key_names<K: VariantArray + Copy + Into<&'static str>>() -> Vec<&'static str> {
    K::VARIANTS.iter().map(|&key| key.into()).collect()
}

/// About how many bytes of cases the first pass keeps for the run, at most.
const KEEP_UP_TO: usize = 8 << 20;

/// The cases of a run: every suite file read and every case checked, the cases kept when
/// they fit in memory. `cases()` hands them out, or builds them again one at a time, in file
/// order.
pub struct RunPlan {
    suites: Vec<Suite>,
    /// The selected cases as the first pass built them, while they fit; the first
    /// `cases()` takes them.
    kept: RefCell<Option<Vec<Case>>>,
    context: Context,
    /// `--filter`, lowercased: only cases whose name contains it.
    filter: Option<String>,
    fixtures: Fixtures,
    /// How many cases the run has (after the filter).
    pub count: usize,
    /// The longest case name, in characters.
    pub longest_name: usize,
    /// Notes about how the suites are written, in file order, each once.
    pub notes: Vec<Note>,
}

impl RunPlan {
    /// Reads every suite file and checks every case in it, file by file, so the first
    /// mistake in file order is the one reported, before anything is sent.
    pub fn load(paths: &[PathBuf], context: Context, filter: Option<&str>) -> Result<RunPlan> {
        RunPlan::load_keeping(paths, context, filter, KEEP_UP_TO)
    }

    /// `load`, keeping the cases while they take at most `budget` bytes.
    fn load_keeping(
        paths: &[PathBuf],
        context: Context,
        filter: Option<&str>,
        budget: usize,
    ) -> Result<RunPlan> {
        let mut plan = RunPlan {
            suites: Vec::with_capacity(paths.len()),
            kept: RefCell::new(None),
            context,
            filter: filter.map(str::to_lowercase),
            fixtures: Fixtures::default(),
            count: 0,
            longest_name: 0,
            notes: Vec::new(),
        };
        // Every file read and its tokens remembered before anything is checked, so that no
        // error about any suite echoes a token one of them holds.
        let texts = paths
            .iter()
            .map(|path| {
                let text = input::read_text(path, "suite")?;
                let sections = sections::case_sections(&text);
                remember_tokens(&text, &sections);
                Ok((path, text, sections))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut kept = Some(Vec::new());
        let mut footprint = 0;
        for (path, text, sections) in texts {
            let mut suite = Suite::read(path, text, sections)?;
            plan.notes.append(&mut suite.notes);
            for case in suite.cases(&plan.context, &plan.fixtures) {
                let mut case = case?;
                plan.notes.append(&mut case.notes);
                if !plan.selects(&case) {
                    continue;
                }
                plan.count += 1;
                plan.longest_name = plan.longest_name.max(case.name.chars().count());
                footprint += case.footprint();
                if footprint > budget {
                    kept = None;
                }
                if let Some(kept) = &mut kept {
                    kept.push(case);
                }
            }
            plan.suites.push(suite);
        }
        plan.kept = RefCell::new(kept);
        if let Some(filter) = filter
            && plan.count == 0
        {
            return Err(BadValue::flag("--filter", filter, "no case name contains it").into());
        }
        Ok(plan)
    }

    /// Every case of the run, in file order: the first time those the first pass kept (if
    /// it could), else each built again.
    pub fn cases(&self) -> Box<dyn Iterator<Item = Result<Case>> + '_> {
        if let Some(kept) = self.kept.take() {
            return Box::new(kept.into_iter().map(Ok));
        }
        Box::new(
            self.suites
                .iter()
                .flat_map(|suite| suite.cases(&self.context, &self.fixtures))
                .filter(|case| case.as_ref().map_or(true, |case| self.selects(case))),
        )
    }

    fn selects(&self, case: &Case) -> bool {
        self.filter
            .as_ref()
            .is_none_or(|wanted| case.name.to_lowercase().contains(wanted))
    }
}

/// Fixture files by path, read once, and the callbacks' sample bodies, parsed once: every
/// case that starts from one gets a copy of it.
#[derive(Default)]
struct Fixtures {
    files: RefCell<HashMap<PathBuf, Value>>,
    samples: RefCell<HashMap<&'static str, Value>>,
}

impl Fixtures {
    fn load(&self, path: PathBuf) -> Result<Value> {
        if let Some(body) = self.files.borrow().get(&path) {
            return Ok(body.clone());
        }
        let body = options::load_fixture(&FixtureSource::File(path.clone()))?;
        self.files.borrow_mut().insert(path, body.clone());
        Ok(body)
    }

    /// The callback's sample body, as `payload::build` would start from it.
    fn sample(&self, callback: &'static Callback) -> Value {
        self.samples
            .borrow_mut()
            .entry(callback.command)
            .or_insert_with(|| callback.sample_body())
            .clone()
    }
}

/// A suite file read and its top level checked; its cases are found, not built.
struct Suite {
    /// The suite file, as given on the command line.
    file: String,
    /// Fixture paths resolve against the suite file's folder.
    dir: PathBuf,
    text: String,
    /// The top-level request options.
    defaults: Layer,
    /// Where each `[[case]]` table is; empty when the cases are one `case = [...]` array.
    sections: Vec<Range<usize>>,
    /// Notes about the top level.
    notes: Vec<Note>,
}

impl Suite {
    fn read(path: &Path, text: String, sections: Vec<Range<usize>>) -> Result<Suite> {
        let file = path.display().to_string();
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let source = Source {
            file: &file,
            dir: &dir,
            text: &text,
            offset: 0,
            notes: RefCell::default(),
        };
        let defaults = {
            let top = sections::top_level(&text, &sections);
            source.top_level(&top, !sections.is_empty())?.0
        };
        let notes = source.notes.take();
        Ok(Suite {
            file,
            dir,
            text,
            defaults,
            sections,
            notes,
        })
    }

    /// The cases in file order, each built from its own section (or from the inline array).
    fn cases<'s>(
        &'s self,
        context: &'s Context,
        fixtures: &'s Fixtures,
    ) -> Box<dyn Iterator<Item = Result<Case>> + 's> {
        if self.sections.is_empty() {
            // `case = [...]` on the top level: the cases are in the top-level tree.
            let tables = match self.source(0).top_level(&self.text, false) {
                Ok((_, tables)) => tables,
                Err(err) => return Box::new(std::iter::once(Err(err))),
            };
            return Box::new(tables.into_iter().enumerate().map(move |(index, table)| {
                self.source(0)
                    .case(index, &table, &self.defaults, context, fixtures)
            }));
        }
        Box::new(
            self.sections
                .iter()
                .enumerate()
                .map(move |(index, section)| {
                    let source = self.source(section.start);
                    let table = source.section(&self.text[section.clone()])?;
                    source.case(index, &table, &self.defaults, context, fixtures)
                }),
        )
    }

    fn source(&self, offset: usize) -> Source<'_> {
        Source {
            file: &self.file,
            dir: &self.dir,
            text: &self.text,
            offset,
            notes: RefCell::default(),
        }
    }
}

/// Where in a suite a key sits, for messages.
#[derive(Clone, Copy)]
enum Place<'a> {
    Top,
    Case(&'a str),
}

/// Where a token comes from: the suite itself, or an environment variable it names. Its span
/// is in the file, not in the piece it was read from.
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
    /// The table sets at least one request option.
    given: bool,
    /// On the top level's layer: the checked config of every case that sets none of its
    /// own, made for the first such case.
    shared: OnceCell<RequestConfig>,
}

/// One suite file's text, and where in it the piece being read (a case section, or the
/// top level) starts: the spans of a piece's tree count from there.
struct Source<'t> {
    file: &'t str,
    dir: &'t Path,
    text: &'t str,
    offset: usize,
    /// Notes met while reading this piece.
    notes: RefCell<Vec<Note>>,
}

impl<'t> Source<'t> {
    /// Checks the top level (request options, and where the cases are) and returns the
    /// options and the cases of an inline `case = [...]` array (none when `sections`, the
    /// file has `[[case]]` tables). `top` is the file with its case sections blanked out.
    fn top_level<'p>(
        &self,
        top: &'p str,
        sections: bool,
    ) -> Result<(Layer, Vec<Spanned<DeValue<'p>>>)> {
        let root = DeTable::parse(top).map_err(|err| self.toml_error(&err))?;
        let mut defaults = Layer::default();
        let mut cases = None;
        for (key, value) in root.into_inner() {
            if key.get_ref() == "case" {
                cases = Some(value);
            } else if !defaults.read(self, Place::Top, &key, &value)? {
                let mut known = key_names::<OptionKey>();
                known.push("case");
                return Err(self.unknown_key(Place::Top, &key, &known));
            }
        }
        let tables = match cases.map(|cases| (cases.span(), cases.into_inner())) {
            Some((_, DeValue::Array(tables))) if !tables.is_empty() && !sections => {
                tables.into_iter().collect()
            }
            Some((at, DeValue::Array(_))) if sections => {
                return Err(self.at(
                    at,
                    "the cases are given twice, as `case = [...]` and as [[case]] tables: \
                     keep the [[case]] tables",
                ));
            }
            Some((at, _)) => {
                return Err(self.at(
                    at,
                    "`case` must hold the cases: write each one as a [[case]] table",
                ));
            }
            None if sections => Vec::new(),
            None => {
                return Err(self.at(
                    0..0,
                    "no [[case]] table: a suite needs at least one case (see `grpcb run --help`)",
                ));
            }
        };
        Ok((defaults, tables))
    }

    /// The one case table of a `[[case]]` section.
    fn section(&self, section: &'t str) -> Result<Spanned<DeValue<'t>>> {
        let root = DeTable::parse(section).map_err(|err| self.toml_error(&err))?;
        let span = root.span();
        root.into_inner()
            .into_iter()
            .find(|(key, _)| key.get_ref() == "case")
            .and_then(|(_, cases)| match cases.into_inner() {
                DeValue::Array(tables) => tables.into_iter().next(),
                _ => None,
            })
            .ok_or_else(|| self.at(span, "each case must be a [[case]] table"))
    }

    fn toml_error(&self, err: &toml::de::Error) -> Error {
        self.at(
            err.span().unwrap_or_default(),
            format!("not valid TOML: {}", err.message().trim_end()),
        )
    }

    fn case(
        &self,
        index: usize,
        table: &Spanned<DeValue<'_>>,
        defaults: &Layer,
        context: &Context,
        fixtures: &Fixtures,
    ) -> Result<Case> {
        let at_case = table.span();
        let DeValue::Table(entries) = table.get_ref() else {
            return Err(self.at(at_case, "each case must be a [[case]] table"));
        };
        let find = |wanted: CaseKey| {
            let name: &str = wanted.into();
            entries.iter().find(|(key, _)| key.get_ref() == name)
        };
        let Some((_, name_value)) = find(CaseKey::Name) else {
            return Err(self.at(
                at_case,
                format!("case {} has no `name`: give every case one", index + 1),
            ));
        };
        let name: String = self.value(Place::Top, "name", name_value)?;
        if name.trim().is_empty() {
            return Err(self
                .bad(
                    name_value.span(),
                    Place::Top,
                    "name",
                    "a case name cannot be empty",
                )
                .into());
        }
        let place = Place::Case(&name);

        let mut layer = Layer::default();
        let mut typed = Vec::new();
        for (key, value) in entries {
            let key_name: &str = key.get_ref();
            if key_name.parse::<CaseKey>().is_ok() || layer.read(self, place, key, value)? {
                continue;
            }
            match field_of_key(key_name) {
                Some(flag) => typed.push((flag, key, value)),
                None => {
                    let payload_keys: Vec<String> =
                        Flag::VARIANTS.iter().map(|flag| suite_key(*flag)).collect();
                    let mut known = key_names::<CaseKey>();
                    known.extend(key_names::<OptionKey>());
                    known.extend(payload_keys.iter().map(String::as_str));
                    return Err(self.unknown_key(place, key, &known));
                }
            }
        }

        let Some((_, callback_value)) = find(CaseKey::Callback) else {
            return Err(self
                .bad_place(at_case, place, "no `callback`")
                .hint("name one, e.g. callback = \"before-create\"")
                .into());
        };
        let callback_name: String = self.value(place, "callback", callback_value)?;
        let callback = catalog::find(&callback_name).map_err(|err| {
            let at = self.subject(callback_value.span(), place, Some("callback"));
            options::unknown_callback(err, at, "")
        })?;

        let start = match find(CaseKey::Fixture) {
            Some((_, value)) => {
                let fixture = self.fixture(place, value, fixtures)?;
                let overridden = find(CaseKey::Set).is_some_and(|(_, set)| self.sets_command(set));
                payload::check_fixture_command(callback, &fixture, overridden).map_err(|err| {
                    said_of(
                        err,
                        self.subject(value.span(), place, Some("fixture")),
                        false,
                    )
                })?;
                Some(fixture)
            }
            None => Some(fixtures.sample(callback)),
        };
        // The request options first: a body field may have to equal the query's SdkAppid.
        let config = self.config(place, at_case, &layer, defaults, context)?;
        let first = Spec {
            sdkappid: Some(config.sdkappid.clone()),
            ..Spec::default()
        };
        let mut body = payload::build(callback, start, &first)
            .map_err(options::flag_error)?
            .body;
        // One key at a time, so an error points at the key that caused it.
        for (flag, key, value) in typed {
            let values = self.typed_values(place, callback, flag, key, value)?;
            let spec = Spec {
                typed: vec![(flag, values)],
                ..Spec::default()
            };
            body = payload::build(callback, Some(body), &spec)
                .map_err(|err| {
                    let key = suite_key(flag);
                    said_of(err, self.subject(value.span(), place, Some(&key)), false)
                })?
                .body;
        }
        if let Some((_, value)) = find(CaseKey::Set) {
            for (set, span) in self.sets(place, value)? {
                set.apply(&mut body)
                    .map_err(|err| said_of(err, self.subject(span, place, Some("set")), false))?;
            }
        }
        if let Some((_, value)) = find(CaseKey::Unset) {
            self.unset(place, value, &mut body)?;
        }

        let mut expect = match find(CaseKey::Expect) {
            Some((_, value)) => self.expectations(place, callback, value)?,
            None => Expectations::default(),
        };
        expect.strict |= context.strict;

        Ok(Case {
            name: name.clone(),
            file: self.file.to_string(),
            callback,
            body,
            config,
            expect,
            notes: self.notes.take(),
        })
    }

    /// Merges flags > case > suite top level > environment > defaults, and checks the
    /// result; a case that sets no request option gets the config its suite's first such
    /// case got (the same layers make the same config).
    fn config(
        &self,
        place: Place<'_>,
        at_case: Range<usize>,
        case: &Layer,
        defaults: &Layer,
        context: &Context,
    ) -> Result<RequestConfig> {
        if case.given {
            return self.merged(place, at_case, case, defaults, context);
        }
        if let Some(config) = defaults.shared.get() {
            return Ok(config.clone());
        }
        let config = self.merged(place, at_case, case, defaults, context)?;
        Ok(defaults.shared.get_or_init(|| config).clone())
    }

    fn merged(
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
            return Err(Error::usage(
                self.bad_place(at_case, Place::Top, "no receiver URL").hint(
                    "set `url` at the top of the suite or in the case, pass --url URL, \
                     or set GRPCB_URL",
                ),
            ));
        }
        // Each value was checked where it was written; what is left is how they combine
        // (an error about no one value, said of the case), and the environment, whose
        // errors name its variable's flag.
        options.validate().map_err(|err| match err {
            Error::Value(bad) if bad.value.is_none() => {
                let key = match &bad.subject {
                    Subject::Flag(flag) => OptionKey::of_flag(flag).map(<&str>::from),
                    _ => None,
                };
                Error::Value(bad).about(self.subject(at_case, place, key))
            }
            other => other,
        })
    }

    fn token(&self, source: &Spanned<TokenSource>) -> Result<Token> {
        match source.get_ref() {
            TokenSource::Literal(token) => Ok(token.clone()),
            TokenSource::Env(name) => std::env::var(name)
                .ok()
                .filter(|value| !value.is_empty())
                .map(crate::error::secret::token)
                .ok_or_else(|| {
                    BadValue::new(
                        self.subject_in_file(source.span().start, Place::Top, Some("token_env")),
                        "names an environment variable that is unset or empty",
                    )
                    .value(name)
                    .hint("export the callback token in it")
                    .into()
                }),
        }
    }

    fn fixture(
        &self,
        place: Place<'_>,
        value: &Spanned<DeValue<'_>>,
        fixtures: &Fixtures,
    ) -> Result<Value> {
        let relative: String = self.value(place, "fixture", value)?;
        let path = self.dir.join(&relative);
        fixtures.load(path).map_err(|err| {
            // Said of the suite's key, with the path as written and where in the fixture.
            let subject = self.subject(value.span(), place, Some("fixture"));
            match err {
                Error::Value(bad) => {
                    let within = match bad.subject {
                        Subject::File {
                            line: Some(line),
                            column: Some(column),
                            ..
                        } => format!(" (at line {line}, column {column})"),
                        _ => String::new(),
                    };
                    Error::from(BadValue {
                        subject,
                        value: Some(relative),
                        problem: format!("{}{within}", bad.problem),
                        ..*bad
                    })
                }
                other => other.about(subject),
            }
        })
    }

    /// `unset = ["EventTime", ...]`: removes each path after `set`; a path that is not there
    /// changes nothing and gets a note on stderr, placed at the path.
    fn unset(
        &self,
        place: Place<'_>,
        value: &Spanned<DeValue<'t>>,
        body: &mut Value,
    ) -> Result<()> {
        let wrong = || -> Error {
            self.bad(
                value.span(),
                place,
                "unset",
                "must be an array of dotted paths",
            )
            .hint("e.g. unset = [\"EventTime\"]")
            .into()
        };
        let DeValue::Array(items) = value.get_ref() else {
            return Err(wrong());
        };
        for item in items {
            let DeValue::String(path) = item.get_ref() else {
                return Err(wrong());
            };
            let unset = UnsetOp::parse(path).map_err(|err| {
                said_of(err, self.subject(item.span(), place, Some("unset")), false)
            })?;
            if !unset.apply(body) {
                let at = self.subject(item.span(), place, Some("unset"));
                self.note(at, unset.nothing_removed());
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
        key: &Spanned<DeString<'_>>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Vec<String>> {
        let name = &suite_key(flag);
        let field = callback.path_of(flag).ok_or_else(|| {
            let keys: Vec<String> = callback.typed_fields().into_iter().map(suite_key).collect();
            self.bad(
                key.span(),
                place,
                name,
                format!("{} has no field for it", callback.alias),
            )
            .hint(if keys.is_empty() {
                "it takes no payload keys; use `set` for its fields".to_string()
            } else {
                format!(
                    "its payload keys are {}; use `set` for any other field",
                    keys.join(", ")
                )
            })
        })?;
        let (integers, wanted) = match field.shape {
            shape if shape.is_list() => (false, "a user ID or an array of user IDs"),
            Shape::Integer => (true, "an integer"),
            _ => (false, "a string"),
        };
        let one = |item: &Spanned<DeValue<'_>>| match item.get_ref() {
            DeValue::String(text) => Ok(text.to_string()),
            DeValue::Integer(_) if integers => {
                self.value::<i64>(place, name, item).map(|n| n.to_string())
            }
            _ => Err(self
                .bad(item.span(), place, name, format!("must be {wanted}"))
                .into()),
        };
        match value.get_ref() {
            DeValue::Array(items) if field.shape.is_list() => items.iter().map(one).collect(),
            _ => Ok(vec![one(value)?]),
        }
    }

    /// `set`, flattened to dotted paths in file order: `set.MsgBody.0.MsgContent.Text = "x"`
    /// and `set = { "MsgBody.0.MsgContent.Text" = "x" }` mean the same.
    fn sets(
        &self,
        place: Place<'_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Vec<(SetOp, Range<usize>)>> {
        let DeValue::Table(table) = value.get_ref() else {
            return Err(self
                .bad(
                    value.span(),
                    place,
                    "set",
                    "must be a table of PATH = value",
                )
                .hint("e.g. set = { Name = \"Team\" }")
                .into());
        };
        let mut sets = Vec::new();
        self.flatten(place, "", table, &mut sets)?;
        Ok(sets)
    }

    fn flatten(
        &self,
        place: Place<'_>,
        prefix: &str,
        table: &DeTable<'_>,
        sets: &mut Vec<(SetOp, Range<usize>)>,
    ) -> Result<()> {
        for (key, value) in table {
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
    fn is_inline_table(&self, value: &Spanned<DeValue<'_>>) -> bool {
        self.text
            .get(self.in_file(value.span()).start..)
            .is_some_and(|rest| rest.starts_with('{'))
    }

    /// A TOML value as the JSON value it stands for; dates become their text.
    fn json(&self, place: Place<'_>, path: &str, value: &Spanned<DeValue<'_>>) -> Result<Value> {
        Ok(match value.get_ref() {
            DeValue::String(text) => Value::String(text.to_string()),
            DeValue::Integer(_) => self.value::<Value>(place, "set", value)?,
            DeValue::Float(_) => {
                let number: f64 = self.value(place, "set", value)?;
                serde_json::Number::from_f64(number)
                    .map(Value::Number)
                    .ok_or_else(|| {
                        self.bad(
                            value.span(),
                            place,
                            "set",
                            "is a number JSON cannot hold (nan or inf)",
                        )
                        .value(path)
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
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Expectations> {
        let table: ExpectTable = self.value(place, "expect", value)?;
        // Refused users can only be expected where the answer can refuse some.
        if table
            .refused
            .as_ref()
            .is_some_and(|users| !users.is_empty())
            && let Some(why) = verdict::refusal_unreachable(callback)
        {
            return Err(self.bad(value.span(), place, "expect.refused", why).into());
        }
        let decision = match &table.decision {
            None => None,
            Some(name) => Some(self.expected(place, callback, name)?),
        };
        let max_latency = match &table.max_latency_ms {
            None => None,
            Some(ms) if *ms.get_ref() == 0 => {
                return Err(self
                    .bad(
                        ms.span(),
                        place,
                        "expect.max_latency_ms",
                        "must be more than 0",
                    )
                    .into());
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
            self.bad(name.span(), place, "expect.decision", "is not a decision")
                .value(name.get_ref())
                .hint(format!("use one of {}", Expected::names().join(", ")))
        })?;
        if let Some(why) = verdict::unreachable(callback, expected) {
            return Err(self.bad(name.span(), place, "expect.decision", why).into());
        }
        Ok(expected)
    }

    /// `sdkappid = 1400000000` and `sdkappid = "1400000000"` alike.
    fn text_or_integer(
        &self,
        place: Place<'_>,
        key: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<String> {
        match value.get_ref() {
            DeValue::Integer(_) => self.value::<i64>(place, key, value).map(|n| n.to_string()),
            _ => self.value(place, key, value),
        }
    }

    /// `timeout = "2s"`. A bare number (`timeout = 2`) is refused as `--timeout 2` is: it
    /// could mean milliseconds or seconds.
    fn duration(&self, place: Place<'_>, value: &Spanned<DeValue<'t>>) -> Result<String> {
        if let DeValue::Integer(_) = value.get_ref() {
            let number = self.value::<i64>(place, "timeout", value)?;
            return Err(self
                .bad(value.span(), place, "timeout", "no unit")
                .value(number.to_string())
                .hint(format!("write timeout = \"{number}ms\" or \"{number}s\""))
                .into());
        }
        self.value(place, "timeout", value)
    }

    /// A list of name/value strings as the flags take them, or a table of them:
    /// `headers = ["X-A: 1"]` or `{ X-A = "1" }`; `query = ["OptPlatform=IOS"]` or
    /// `{ OptPlatform = "IOS" }`. `separator` joins a table's name and value.
    fn pairs(
        &self,
        place: Place<'_>,
        key: &str,
        value: &Spanned<DeValue<'_>>,
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
        value: &Spanned<DeValue<'_>>,
    ) -> Result<T> {
        T::deserialize(ValueDeserializer::from(value.clone())).map_err(|err| {
            // serde's message may quote the value: a detail, withheld if it holds a token.
            self.bad(err.span().unwrap_or_else(|| value.span()), place, key, "")
                .detail(err.message())
                .into()
        })
    }

    fn unknown_key(&self, place: Place<'_>, key: &Spanned<DeString<'_>>, known: &[&str]) -> Error {
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
        self.bad_place(key.span(), place, "is not a key grpcb knows")
            .value(name)
            .hint(format!("{hint}{what} takes {}", known.join(", ")))
            .into()
    }

    /// Where `span` is, in a case or at the top, and about which key: the subject of an error.
    fn subject(&self, span: Range<usize>, place: Place<'_>, key: Option<&str>) -> Subject {
        self.subject_in_file(self.in_file(span).start, place, key)
    }

    /// Keeps a note for the case being read (the top level's are said when the file is read).
    fn note(&self, subject: Subject, text: String) {
        self.notes.borrow_mut().push(Note { subject, text });
    }

    /// The subject of an error at this offset of the whole file.
    fn subject_in_file(&self, offset: usize, place: Place<'_>, key: Option<&str>) -> Subject {
        let (line, column) = input::line_column(self.text, offset);
        Subject::SuiteKey {
            file: self.file.to_string(),
            line,
            column,
            case: match place {
                Place::Top => None,
                Place::Case(name) => Some(name.to_string()),
            },
            key: key.map(str::to_string),
        }
    }

    /// An input error at this span of the file, outside any case.
    fn at(&self, span: Range<usize>, problem: impl Into<String>) -> Error {
        BadValue::new(self.subject(span, Place::Top, None), problem).into()
    }

    /// An input error at this span of a case (or the top level).
    fn bad_place(
        &self,
        span: Range<usize>,
        place: Place<'_>,
        problem: impl Into<String>,
    ) -> BadValue {
        BadValue::new(self.subject(span, place, None), problem)
    }

    /// An input error about one key (a name of ours: the key grpcb knows).
    fn bad(
        &self,
        span: Range<usize>,
        place: Place<'_>,
        key: &str,
        problem: impl Into<String>,
    ) -> BadValue {
        BadValue::new(self.subject(span, place, Some(key)), problem)
    }

    /// Whether a case's `set` gives `CallbackCommand` (then a fixture may name another).
    fn sets_command(&self, set: &Spanned<DeValue<'t>>) -> bool {
        matches!(set.get_ref(), DeValue::Table(table)
            if table.iter().any(|(key, _)| key.get_ref() == "CallbackCommand"))
    }

    /// A span of the piece as a span of the file.
    fn in_file(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }
}

impl Layer {
    /// Takes `key` if it is a request option, checking its value where it stands; false if
    /// it is not one.
    fn read<'t>(
        &mut self,
        source: &Source<'t>,
        place: Place<'_>,
        key: &Spanned<DeString<'_>>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<bool> {
        let name: &str = key.get_ref();
        let Ok(option) = name.parse::<OptionKey>() else {
            return Ok(false);
        };
        let mut given = RequestOptions::default();
        match option {
            OptionKey::Url => given.url = Some(source.value(place, name, value)?),
            OptionKey::Sdkappid => {
                given.sdkappid = Some(source.text_or_integer(place, name, value)?);
            }
            OptionKey::ClientIp => given.client_ip = Some(source.value(place, name, value)?),
            OptionKey::Platform => {
                let platform: String = source.value(place, name, value)?;
                if let Some(note) = crate::config::platform_note(&platform) {
                    let at = source.subject(value.span(), place, None);
                    source.note(at, format!("platform {note}"));
                }
                given.platform = Some(platform);
            }
            OptionKey::RequestTime => given.request_time = Some(source.value(place, name, value)?),
            OptionKey::Timeout => given.timeout = Some(source.duration(place, value)?),
            OptionKey::Headers => given.headers = source.pairs(place, name, value, ": ")?,
            OptionKey::Query => given.query = source.pairs(place, name, value, "=")?,
            OptionKey::Token | OptionKey::TokenEnv => {
                if let Some(earlier) = &self.token {
                    return Err(BadValue::new(
                        source.subject_in_file(earlier.span().start, place, None),
                        "give `token` or `token_env`, not both",
                    )
                    .into());
                }
                let text: String = source.value(place, name, value)?;
                if text.is_empty() {
                    return Err(source.bad(value.span(), place, name, "is empty").into());
                }
                let token = if option == OptionKey::Token {
                    TokenSource::Literal(crate::error::secret::token(text))
                } else {
                    TokenSource::Env(text)
                };
                // Where in the file, not in the piece: a case may use the top level's.
                self.token = Some(Spanned::new(source.in_file(value.span()), token));
                self.given = true;
                return Ok(true);
            }
        }
        given
            .check_given()
            .map_err(|err| err.about(source.subject(value.span(), place, Some(name))))?;
        self.options = given.or(std::mem::take(&mut self.options));
        self.given = true;
        Ok(true)
    }
}

/// The key of a typed field in a suite case: snake case, `group_id = "..."`. A case's own
/// `name` names the case, so the group's name is `group_name`.
pub fn suite_key(field: Flag) -> String {
    match field {
        Flag::Name => "group_name".into(),
        other => other.as_str().replace('-', "_"),
    }
}

/// The typed field a suite key fills, if it is one.
fn field_of_key(key: &str) -> Option<Flag> {
    Flag::VARIANTS
        .iter()
        .copied()
        .find(|field| suite_key(*field) == key)
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

/// Remembers every token a suite holds (`token`, or the variable `token_env` names) before
/// anything in it is checked, so that no error about the suite echoes one. Each piece is
/// parsed on its own (the top level, then each case section); a piece that does not parse
/// holds no token grpcb could use, and its error comes later, when it is checked.
fn remember_tokens(text: &str, sections: &[Range<usize>]) {
    let remember = |table: &DeTable<'_>| {
        for (key, value) in table {
            let DeValue::String(token) = value.get_ref() else {
                continue;
            };
            match key.get_ref().parse::<OptionKey>() {
                Ok(OptionKey::Token) => {
                    crate::error::secret::token(token.to_string());
                }
                Ok(OptionKey::TokenEnv) => {
                    if let Ok(token) = std::env::var(token.as_ref()) {
                        crate::error::secret::token(token);
                    }
                }
                _ => {}
            }
        }
    };
    let tables = |root: &DeTable<'_>| {
        remember(root);
        if let Some(cases) = root.get("case")
            && let DeValue::Array(tables) = cases.get_ref()
        {
            for table in tables {
                if let DeValue::Table(table) = table.get_ref() {
                    remember(table);
                }
            }
        }
    };
    // A piece holds a token key only if it spells `token`, bare or quoted, or escapes one
    // of its letters in a quoted key: the rest need no parse.
    let may_hold = |piece: &str| piece.contains("token") || piece.contains('\\');
    let top = sections::top_level(text, sections);
    if may_hold(&top)
        && let Ok(root) = DeTable::parse(&top)
    {
        tables(root.get_ref());
    }
    for section in sections {
        let piece = &text[section.clone()];
        if may_hold(piece)
            && let Ok(root) = DeTable::parse(piece)
        {
            tables(root.get_ref());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A payload key spelled like a case key or a request option could never be reached.
    #[test]
    fn payload_keys_collide_with_no_other_case_key() {
        for flag in Flag::VARIANTS.iter().copied() {
            let key = suite_key(flag);
            assert!(key.parse::<CaseKey>().is_err(), "{key}");
            assert!(key.parse::<OptionKey>().is_err(), "{key}");
            assert_eq!(field_of_key(&key), Some(flag));
        }
    }

    /// Whether the first pass kept the cases or not, the run gets the same cases.
    #[test]
    fn kept_cases_are_the_cases_built_again() {
        let suites = ["example.toml", "rules.toml"].map(|name| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/suites")
                .join(name)
        });
        let context = Context {
            flags: RequestOptions {
                url: Some("http://127.0.0.1:1/im".into()),
                ..RequestOptions::default()
            },
            ..Context::default()
        };
        let cases = |budget: usize| -> Vec<String> {
            let plan = RunPlan::load_keeping(&suites, context.clone(), None, budget)
                .expect("the example suites load");
            assert_eq!(plan.kept.borrow().is_some(), budget > 0);
            let cases: Vec<String> = plan
                .cases()
                .map(|case| format!("{:?}", case.expect("builds")))
                .collect();
            assert_eq!(cases.len(), plan.count);
            cases
        };
        let kept = cases(KEEP_UP_TO);
        assert_eq!(kept, cases(0));
        assert!(kept.len() > 30, "{}", kept.len());
    }

    #[test]
    fn positions_are_one_based_lines_and_character_columns() {
        let source = Source {
            file: "s.toml",
            dir: Path::new(""),
            text: "a = 1\nnäme = 2\n",
            offset: 0,
            notes: RefCell::default(),
        };
        let at = |span: Range<usize>| source.subject(span, Place::Top, None).to_string();
        assert_eq!(at(0..1), "s.toml:1:1");
        let equals = source.text.find("= 2").unwrap_or_default();
        assert_eq!(at(equals..equals + 1), "s.toml:2:6");
        assert_eq!(at(999..1000), "s.toml:3:1");
    }
}
