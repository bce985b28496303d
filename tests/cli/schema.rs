//! `grpcb schema`, judged by independent validators: Python `jsonschema` (draft 2020-12)
//! and `openapi-spec-validator` (OpenAPI 3.1), which `.ci/run` installs. Every sample,
//! variant and seed body validates against its callback's schema, every documented answer
//! against its answer schema, in the standalone document, the all-callbacks document and the
//! OpenAPI document alike; bodies and answers that break the contract do not, each for the
//! reason it was broken.
//!
//! Without the validators these tests say so on stderr and pass, unless
//! `GRPCB_REQUIRE_VALIDATORS=1` (set by `.ci/run`) says they must be there: then they fail.

use crate::support::{fixture, fixture_text, grpcb, run, run_cmd, tempdir};
use grpcb_contract::answer;
use grpcb_contract::catalog::{self, CALLBACKS, Callback, Codes, variants::VARIANTS};
use grpcb_contract::schema::{answer_name, body_name};
use grpcb_contract::verdict::{Decision, possible_decisions, requested};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const SCRIPT: &str = "tests/cli/schema_validators.py";

/// What a case must come to: valid, or invalid with an error that says this.
#[derive(Clone, Copy, Debug)]
enum Expect {
    Valid,
    Invalid(&'static str),
}

/// The documents `grpcb schema` printed, written once for every test.
struct Documents {
    dir: PathBuf,
}

fn documents() -> &'static Documents {
    static DOCUMENTS: OnceLock<Documents> = OnceLock::new();
    DOCUMENTS.get_or_init(|| {
        let dir = tempdir();
        let write = |name: &str, args: &[&str]| {
            let path = dir.join(format!("{name}.json"));
            let path_text = path.display().to_string();
            let mut all = vec!["schema"];
            all.extend_from_slice(args);
            all.extend(["-o", path_text.as_str()]);
            let run = run(&all);
            assert_eq!(
                (run.code, run.stdout.as_str()),
                (0, ""),
                "{all:?}: {}",
                run.stderr
            );
        };
        for callback in CALLBACKS {
            write(&format!("body-{}", callback.alias), &[callback.alias]);
            write(
                &format!("answer-{}", callback.alias),
                &[callback.alias, "--answer"],
            );
        }
        write("bodies", &[]);
        write("answers", &["--answer"]);
        write("openapi", &["--openapi"]);
        write("openapi-before-invite", &["before-invite", "--openapi"]);
        Documents { dir }
    })
}

impl Documents {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }
}

/// The cases one test hands the validators.
#[derive(Default)]
struct Cases {
    cases: Vec<Value>,
    expected: Vec<(String, Expect)>,
    openapi: Vec<(String, PathBuf, Expect)>,
}

impl Cases {
    fn add(&mut self, name: String, schema: &str, pointer: &str, instance: &Value, expect: Expect) {
        self.cases.push(json!({
            "name": name,
            "schema": schema,
            "pointer": pointer,
            "instance": instance,
        }));
        self.expected.push((name, expect));
    }

    /// A request body against its callback's schema in every document that has it.
    fn body(&mut self, what: &str, callback: &Callback, body: &Value, expect: Expect) {
        self.everywhere(what, callback, body_name(callback), "body", body, expect);
    }

    /// An answer against its callback's answer schema in every document that has it.
    fn answer(&mut self, what: &str, callback: &Callback, answer: &Value, expect: Expect) {
        self.everywhere(
            what,
            callback,
            answer_name(callback),
            "answer",
            answer,
            expect,
        );
    }

    fn everywhere(
        &mut self,
        what: &str,
        callback: &Callback,
        name: String,
        side: &str,
        instance: &Value,
        expect: Expect,
    ) {
        let alias = callback.alias;
        let all = if side == "body" { "bodies" } else { "answers" };
        self.add(
            format!("{alias} {what} (grpcb schema {alias})"),
            &format!("{side}-{alias}"),
            "",
            instance,
            expect,
        );
        self.add(
            format!("{alias} {what} (all {all})"),
            all,
            &format!("#/$defs/{name}"),
            instance,
            expect,
        );
        self.add(
            format!("{alias} {what} (OpenAPI)"),
            "openapi",
            &format!("#/components/schemas/{name}"),
            instance,
            expect,
        );
    }

    /// Runs the validators and checks every outcome (nothing to check when they are not
    /// installed and not required: `validate` says so on stderr).
    fn check(self) {
        let Some(out) = validate(&self) else { return };
        let mut wrong = Vec::new();
        for (name, problem) in out["schemas"].as_object().expect("schemas") {
            if !problem.is_null() {
                wrong.push(format!(
                    "{name} is not a valid draft 2020-12 schema: {problem}"
                ));
            }
        }
        for (name, path, expect) in &self.openapi {
            let problem = &out["openapi"][name];
            judge(
                &mut wrong,
                &format!("{name} ({})", path.display()),
                problem,
                *expect,
            );
        }
        for (name, expect) in &self.expected {
            let problem = out["cases"].get(name).unwrap_or(&Value::Null);
            judge(&mut wrong, name, problem, *expect);
        }
        assert!(
            wrong.is_empty(),
            "{} of {} outcomes wrong:\n{}",
            wrong.len(),
            self.expected.len() + self.openapi.len(),
            wrong.join("\n")
        );
    }
}

fn judge(wrong: &mut Vec<String>, name: &str, problem: &Value, expect: Expect) {
    match (expect, problem.as_str()) {
        (Expect::Valid, None) => {}
        (Expect::Valid, Some(problem)) => wrong.push(format!("{name}: should validate: {problem}")),
        (Expect::Invalid(why), None) => {
            wrong.push(format!("{name}: validates, but should not ({why})"));
        }
        (Expect::Invalid(why), Some(problem)) if !problem.contains(why) => wrong.push(format!(
            "{name}: should fail for `{why}`, fails for: {problem}"
        )),
        (Expect::Invalid(_), Some(_)) => {}
    }
}

/// The validators' verdicts, or `None` (said on stderr) when Python or a validator is
/// missing and `GRPCB_REQUIRE_VALIDATORS` does not ask for them.
fn validate(cases: &Cases) -> Option<Value> {
    let docs = documents();
    let mut schemas = Map::new();
    for entry in std::fs::read_dir(&docs.dir).expect("documents") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        schemas.insert(name, path.display().to_string().into());
    }
    let openapi: Vec<Value> = cases
        .openapi
        .iter()
        .map(|(name, path, _)| json!({ "name": name, "document": path }))
        .collect();
    let manifest = json!({ "schemas": schemas, "openapi": openapi, "cases": cases.cases });
    let path = tempdir().join("manifest.json");
    std::fs::write(&path, manifest.to_string()).expect("manifest written");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCRIPT);
    let output = std::process::Command::new("python3")
        .arg(&script)
        .arg(&path)
        .output();
    let required = std::env::var("GRPCB_REQUIRE_VALIDATORS").is_ok_and(|value| value == "1");
    let missing = match &output {
        Err(err) => Some(format!("python3 cannot run: {err}")),
        Ok(out) if out.status.code() == Some(3) => {
            Some(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
        Ok(_) => None,
    };
    if let Some(missing) = missing {
        assert!(
            !required,
            "GRPCB_REQUIRE_VALIDATORS=1 but {missing}: pip install jsonschema==4.26.0 openapi-spec-validator==0.9.0"
        );
        eprintln!("schema tests skipped: {missing} (GRPCB_REQUIRE_VALIDATORS=1 makes this fail)");
        return None;
    }
    let output = output.expect("python3 ran");
    assert!(
        output.status.success(),
        "{SCRIPT} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out: Value = serde_json::from_slice(&output.stdout).expect("validators' JSON");
    if required {
        // CI runs the versions .ci/run pins.
        assert_eq!(out["versions"]["jsonschema"], "4.26.0");
        assert_eq!(out["versions"]["openapi-spec-validator"], "0.9.0");
    }
    Some(out)
}

fn find(alias: &str) -> &'static Callback {
    catalog::find(alias).expect("a known callback")
}

/// A copy of `value` with `edit` applied.
fn edited(value: &Value, edit: impl FnOnce(&mut Value)) -> Value {
    let mut copy = value.clone();
    edit(&mut copy);
    copy
}

#[test]
fn every_sample_variant_and_seed_validates_against_its_schema() {
    let mut cases = Cases::default();
    for callback in CALLBACKS {
        cases.body("sample", callback, &callback.sample_body(), Expect::Valid);
        // Fields IM may add are tolerated.
        let extended = edited(&callback.sample_body(), |body| {
            body["FieldFromTheFuture"] = json!({"any": [1, "thing"]});
        });
        cases.body("with an unknown field", callback, &extended, Expect::Valid);
    }
    for variant in VARIANTS {
        let what = format!("variant {}", variant.file);
        cases.body(&what, find(variant.alias), &variant.value(), Expect::Valid);
    }
    let seeds = std::fs::read_dir(fixture("seeds")).expect("seeds");
    let mut count = 0;
    for entry in seeds {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let body: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("seed"))
            .expect("a seed is JSON");
        let callback = catalog::by_command(body["CallbackCommand"].as_str().expect("command"))
            .expect("a known command");
        let what = format!("seed {}", path.file_name().expect("name").to_string_lossy());
        cases.body(&what, callback, &body, Expect::Valid);
        count += 1;
    }
    assert_eq!(count, 4, "the four seed documents' samples");
    cases.check();
}

/// `(file, alias)` of every documented answer in `fixtures/answers/`.
fn documented_answers() -> Vec<(String, &'static Callback)> {
    let readme = fixture_text("answers/README.md");
    let rows: Vec<(String, &'static Callback)> = readme
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), find(cells[2]))
        })
        .collect();
    let files = std::fs::read_dir(fixture("answers"))
        .expect("answers")
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))
        })
        .count();
    assert_eq!(rows.len(), files, "one README row per documented answer");
    rows
}

#[test]
fn every_documented_answer_and_every_documented_code_validates() {
    let mut cases = Cases::default();
    for (file, callback) in documented_answers() {
        let answer: Value =
            serde_json::from_str(&fixture_text(&format!("answers/{file}"))).expect("JSON");
        cases.answer(
            &format!("documented {file}"),
            callback,
            &answer,
            Expect::Valid,
        );
    }
    for callback in CALLBACKS {
        let body = callback.sample_body();
        cases.answer(
            "allow",
            callback,
            &answer::allow(callback, &body),
            Expect::Valid,
        );
        if possible_decisions(callback).contains(&Decision::Deny) {
            let deny = answer::deny(callback, &body, "no");
            cases.answer("deny", callback, &deny, Expect::Valid);
        }
        if let Some(first) = requested(callback, &body).first() {
            let refuse = answer::refuse(callback, &body, &[first.to_string()], "no");
            cases.answer("refusing one user", callback, &refuse, Expect::Valid);
        }
        for codes in callback.answer.codes() {
            let (valid, beside): (Vec<i64>, Vec<i64>) = match &codes {
                Codes::One(code, _) => (vec![*code], vec![]),
                Codes::Range(range, _) => (
                    vec![*range.start(), *range.end()],
                    vec![range.start() - 1, range.end() + 1],
                ),
                Codes::Other(_) => (vec![3, 38001, -1], vec![]),
            };
            let with_code = |code: i64| {
                edited(&answer::allow(callback, &body), |answer| {
                    answer["ErrorCode"] = code.into();
                })
            };
            for code in valid {
                let what = format!("ErrorCode {code}");
                cases.answer(&what, callback, &with_code(code), Expect::Valid);
            }
            for code in beside {
                let what = format!("ErrorCode {code}, next to the documented range");
                cases.answer(
                    &what,
                    callback,
                    &with_code(code),
                    Expect::Invalid("ErrorCode"),
                );
            }
        }
    }
    cases.check();
}

#[test]
fn bodies_that_break_the_contract_do_not_validate() {
    let mut cases = Cases::default();
    let create = find("before-create");
    let sample = create.sample_body();
    let mut broken = |what: &str, callback: &'static Callback, body: Value, why: &'static str| {
        cases.body(what, callback, &body, Expect::Invalid(why));
    };
    broken(
        "without Operator_Account",
        create,
        edited(&sample, |b| {
            b.as_object_mut().map(|o| o.remove("Operator_Account"));
        }),
        "'Operator_Account' is a required property",
    );
    broken(
        "with MemberList a string",
        create,
        edited(&sample, |b| b["MemberList"] = "bob".into()),
        "MemberList: 'bob' is not of type 'array'",
    );
    broken(
        "with a member's account a number",
        create,
        edited(&sample, |b| b["MemberList"][0]["Member_Account"] = 7.into()),
        "MemberList/0/Member_Account: 7 is not of type 'string'",
    );
    broken(
        "with an undocumented group type",
        create,
        edited(&sample, |b| b["Type"] = "Secret".into()),
        "Type: 'Secret' is not one of",
    );
    broken(
        "with another command",
        create,
        edited(&sample, |b| {
            b["CallbackCommand"] = "Group.CallbackAfterCreateGroup".into();
        }),
        "CallbackCommand: 'Group.CallbackBeforeCreateGroup' was expected",
    );
    broken(
        "with EventTime a non-numeric string",
        create,
        edited(&sample, |b| b["EventTime"] = "1670574414123ms".into()),
        "EventTime",
    );
    broken(
        "with EventTime a fraction",
        create,
        edited(&sample, |b| b["EventTime"] = json!(1.5)),
        "EventTime",
    );
    let send = find("before-send");
    let message = send.sample_body();
    broken(
        "with an unknown message element type",
        send,
        edited(&message, |b| {
            b["MsgBody"][0]["MsgType"] = "TIMMarkdownElem".into();
        }),
        "MsgBody/0",
    );
    broken(
        "with an element without MsgContent",
        send,
        edited(&message, |b| {
            b["MsgBody"][0]
                .as_object_mut()
                .map(|o| o.remove("MsgContent"));
        }),
        "MsgBody/0",
    );
    broken(
        "with a text element whose Text is a number",
        send,
        edited(&message, |b| {
            b["MsgBody"] = json!([{ "MsgType": "TIMTextElem", "MsgContent": { "Text": 1 } }]);
        }),
        "MsgBody/0",
    );
    broken(
        "with two custom elements",
        send,
        edited(&message, |b| {
            let custom = json!({ "MsgType": "TIMCustomElem", "MsgContent": { "Data": "x" } });
            b["MsgBody"] = json!([custom, custom]);
        }),
        "MsgBody",
    );
    let push = find("push-offline");
    let events = push.sample_body();
    broken(
        "without an event",
        push,
        edited(&events, |b| b["Events"] = json!([])),
        "Events: [] should be non-empty",
    );
    broken(
        "with 101 events",
        push,
        edited(&events, |b| {
            let event = b["Events"][0].clone();
            b["Events"] = Value::Array(vec![event; 101]);
        }),
        "[maxItems] Events",
    );
    broken(
        "with an undocumented push platform",
        push,
        edited(&events, |b| b["Events"][0]["PushPlatform"] = 99.into()),
        "Events/0/PushPlatform: 99 is not one of",
    );
    let changed = find("after-member-field-change");
    broken(
        "without the changed member under either spelling",
        changed,
        edited(&changed.sample_body(), |b| {
            b.as_object_mut().map(|o| o.remove("Modified_Account"));
        }),
        "'Modified_Account' is a required property",
    );
    let profile = find("profile-portrait-set");
    broken(
        "with an undocumented profile tag",
        profile,
        edited(&profile.sample_body(), |b| {
            b["ProfileItem"][0]["Tag"] = "Tag_Profile_IM_Shoe".into();
        }),
        "ProfileItem/0/Tag",
    );
    cases.body(
        "with a custom profile tag",
        profile,
        &edited(&profile.sample_body(), |b| {
            b["ProfileItem"][0]["Tag"] = "Tag_Profile_Custom_Shoe".into();
        }),
        Expect::Valid,
    );
    cases.check();
}

#[test]
fn answers_that_break_the_contract_do_not_validate() {
    let mut cases = Cases::default();
    let mut broken = |what: &str, alias: &str, answer: Value, why: &'static str| {
        cases.answer(what, find(alias), &answer, Expect::Invalid(why));
    };
    let ok = answer::ok(0, "");
    broken(
        "with a misspelt refusal list",
        "before-invite",
        json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "RefusedMember_Account": ["jared"]}),
        "Additional properties are not allowed ('RefusedMember_Account'",
    );
    broken(
        "with ActionStatus in lower case",
        "before-create",
        edited(&ok, |a| a["ActionStatus"] = "ok".into()),
        "ActionStatus: 'ok' is not one of ['OK', 'FAIL']",
    );
    broken(
        "without ErrorInfo",
        "after-create",
        edited(&ok, |a| {
            a.as_object_mut().map(|o| o.remove("ErrorInfo"));
        }),
        "'ErrorInfo' is a required property",
    );
    broken(
        "with ErrorCode a string",
        "before-create",
        edited(&ok, |a| a["ErrorCode"] = "0".into()),
        "ErrorCode: '0' is not of type 'integer'",
    );
    broken(
        "with a group custom code on C2C",
        "c2c-before-send",
        edited(&ok, |a| a["ErrorCode"] = 10150.into()),
        "ErrorCode",
    );
    broken(
        "with a C2C custom code on a group",
        "before-create",
        edited(&ok, |a| a["ErrorCode"] = 120_001.into()),
        "ErrorCode",
    );
    broken(
        "with ErrorCode 1 on an after-callback",
        "after-create",
        edited(&ok, |a| a["ErrorCode"] = 1.into()),
        "ErrorCode",
    );
    broken(
        "with drop (2) where nothing can be dropped",
        "before-create",
        edited(&ok, |a| a["ErrorCode"] = 2.into()),
        "ErrorCode",
    );
    broken(
        "OK/0 without ResultItem",
        "sns-prev-friend-add",
        ok.clone(),
        "'ResultItem' is a required property",
    );
    broken(
        "with a ResultItem without ResultCode",
        "sns-prev-friend-add",
        edited(&ok, |a| {
            a["ResultItem"] = json!([{ "To_Account": "id1", "ResultInfo": "" }]);
        }),
        "'ResultCode' is a required property",
    );
    broken(
        "OK/0 without RspData",
        "chatbot-c2c-signal",
        ok.clone(),
        "'RspData' is a required property",
    );
    broken(
        "with an empty replacement MsgBody",
        "before-send",
        edited(&ok, |a| a["MsgBody"] = json!([])),
        "MsgBody: [] should be non-empty",
    );
    broken(
        "with a replacement of an unknown element type",
        "c2c-before-send",
        edited(&ok, |a| {
            a["MsgBody"] = json!([{ "MsgType": "TIMMarkdownElem", "MsgContent": {} }]);
        }),
        "MsgBody/0",
    );
    broken(
        "with a refusal list of objects",
        "oa-before-add-subscriber",
        edited(&ok, |a| {
            a["RefusedSubscribers_Account"] = json!([{ "Subscriber_Account": "jared" }]);
        }),
        "RefusedSubscribers_Account/0",
    );
    // A Sns receiver's failure needs no ResultItem: IM lets the request through.
    cases.answer(
        "FAIL/1 without ResultItem",
        find("sns-prev-friend-add"),
        &answer::fail(1, "backend down"),
        Expect::Valid,
    );
    cases.check();
}

#[test]
fn the_openapi_documents_are_valid_openapi_3_1() {
    let docs = documents();
    let mut cases = Cases::default();
    for name in ["openapi", "openapi-before-invite"] {
        cases
            .openapi
            .push((name.to_string(), docs.path(name), Expect::Valid));
    }
    // The validator does find a broken document: a parameter without `in`.
    let document: Value =
        serde_json::from_str(&std::fs::read_to_string(docs.path("openapi")).expect("written"))
            .expect("JSON");
    let broken = edited(&document, |d| {
        d["components"]["parameters"]["SdkAppid"]
            .as_object_mut()
            .map(|p| p.remove("in"));
    });
    let path = tempdir().join("broken-openapi.json");
    std::fs::write(&path, broken.to_string()).expect("written");
    cases
        .openapi
        .push(("broken".into(), path, Expect::Invalid("")));
    cases.check();
}

#[test]
fn each_webhook_names_its_command_query_and_schemas() {
    let run = run(&["schema", "--openapi"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document = run.json();
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
    let webhooks = document["webhooks"].as_object().expect("webhooks");
    assert_eq!(webhooks.len(), CALLBACKS.len());
    for callback in CALLBACKS {
        let post = &webhooks[callback.command]["post"];
        let parameters = post["parameters"].as_array().expect("parameters");
        let command = parameters
            .iter()
            .find(|param| param["name"] == "CallbackCommand")
            .expect("CallbackCommand");
        assert_eq!(command["schema"]["const"], callback.command);
        let refs: Vec<&str> = parameters
            .iter()
            .filter_map(|param| param["$ref"].as_str())
            .collect();
        assert_eq!(
            refs.contains(&"#/components/parameters/ClientIP"),
            callback.query.has_client_ip(),
            "{}",
            callback.alias
        );
        assert_eq!(
            refs.contains(&"#/components/parameters/OptPlatform"),
            callback.query.has_platform(),
            "{}",
            callback.alias
        );
        let body = &post["requestBody"]["content"]["application/json"]["schema"]["$ref"];
        assert_eq!(
            body,
            &format!("#/components/schemas/{}", body_name(callback))
        );
        let answer = &post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"];
        assert_eq!(
            answer,
            &format!("#/components/schemas/{}", answer_name(callback))
        );
    }
    for optional in ["Sign", "RequestTime"] {
        assert_eq!(
            document["components"]["parameters"][optional]["required"],
            false
        );
    }
}

#[test]
fn schema_output_usage_and_errors() {
    let body = run(&["schema", "CallbackBeforeCreateGroup"]);
    assert_eq!(body.code, 0);
    assert_eq!(body.json()["title"], "GroupCallbackBeforeCreateGroup");
    assert!(body.stdout.ends_with("}\n"));
    let dir = tempdir();
    let file = dir.join("schema.json");
    let written = run(&["schema", "before-create", "-o", &file.display().to_string()]);
    assert_eq!((written.code, written.stdout.as_str()), (0, ""));
    assert_eq!(
        std::fs::read_to_string(&file).expect("written"),
        body.stdout
    );
    let unknown = run(&["schema", "befor-create"]);
    assert_eq!(unknown.code, 4);
    assert!(
        unknown.stderr.contains("did you mean `before-create`"),
        "{}",
        unknown.stderr
    );
    assert_eq!(run(&["schema", "--answer", "--openapi"]).code, 2);
    let unwritable = run_cmd(grpcb().args([
        "schema",
        "-o",
        &dir.join("no/such/dir.json").display().to_string(),
    ]));
    assert_eq!(unwritable.code, 4, "{}", unwritable.stderr);
    assert!(
        unwritable.stderr.contains("cannot be written"),
        "{}",
        unwritable.stderr
    );
}
