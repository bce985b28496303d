use super::model::{self, FieldSpec, Presence, Type};
use super::*;

/// The rows of `docs/protocol.md` §3.0's table: section, command, alias, family, kind, query.
fn documented() -> Vec<[String; 6]> {
    let text = include_str!("../../../docs/protocol.md");
    let start = text.find("### 3.0").expect("§3.0");
    text[start..]
        .lines()
        .skip_while(|line| !line.starts_with("| § |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<String> = line
                .split('|')
                .map(|cell| cell.trim().replace(['`', '*'], ""))
                .collect();
            [
                cells[1].clone(),
                cells[2].clone(),
                cells[3].clone(),
                cells[4].clone(),
                cells[5].clone(),
                cells[6].clone(),
            ]
        })
        .collect()
}

fn listed(callback: &Callback) -> [String; 6] {
    let query = match callback.query {
        QueryShape::Full => "full",
        QueryShape::FullIos => "full (IOS)",
        QueryShape::Alert => "alert",
        QueryShape::Short => "short",
    };
    [
        callback.section.to_string(),
        callback.command.to_string(),
        callback.alias.to_string(),
        callback.family.as_str().to_string(),
        callback.kind.as_str().to_string(),
        query.to_string(),
    ]
}

#[test]
fn the_catalog_is_the_documented_list() {
    let ours: Vec<[String; 6]> = CALLBACKS.iter().map(listed).collect();
    assert_eq!(ours, documented());
    assert_eq!(CALLBACKS.len(), 57);
    for family in Family::VARIANTS {
        assert!(of_family(*family).all(|c| c.section.starts_with(family.section())));
        assert!(of_family(*family).count() > 0, "{family}");
    }
}

#[test]
fn every_sample_names_its_command_where_its_envelope_puts_it() {
    for callback in CALLBACKS {
        let body: Value = serde_json::from_str(callback.sample)
            .unwrap_or_else(|err| panic!("{}: sample is not JSON: {err}", callback.alias));
        assert!(body.is_object(), "{}", callback.alias);
        let commands = callback.commands_in(&body);
        match callback.envelope {
            Envelope::Body | Envelope::Events => {
                assert!(!commands.is_empty(), "{}", callback.alias);
                assert!(
                    commands.iter().all(|c| *c == Some(callback.command)),
                    "{}: {commands:?}",
                    callback.alias
                );
            }
            Envelope::QueryOnly => assert!(commands.is_empty(), "{}", callback.alias),
        }
        if callback.envelope == Envelope::Events {
            assert!(body.get("CallbackCommand").is_none(), "{}", callback.alias);
        }
    }
}

#[test]
fn every_sample_keeps_its_model_and_every_field_is_described() {
    for callback in CALLBACKS {
        let body = callback.sample_body();
        let problems = model::check(callback.body, callback.constraints, &body);
        assert_eq!(problems, [], "{}", callback.alias);
        assert_eq!(
            model::undescribed(callback.body, &body),
            Vec::<String>::new(),
            "{}",
            callback.alias
        );
    }
}

#[test]
fn no_model_field_is_listed_twice_and_legacy_ones_are_not_in_the_sample() {
    fn walk(alias: &str, fields: &[FieldSpec]) {
        for (i, a) in fields.iter().enumerate() {
            assert!(
                fields[i + 1..].iter().all(|b| b.name != a.name),
                "{alias}: {} twice",
                a.name
            );
            assert!(!a.meaning.is_empty(), "{alias}: {} has no meaning", a.name);
            match a.ty {
                Type::Object(inner)
                | Type::Array {
                    items: &Type::Object(inner),
                    ..
                } => walk(alias, inner),
                _ => {}
            }
        }
    }
    for callback in CALLBACKS {
        walk(callback.alias, callback.body);
        let body = callback.sample_body();
        for spec in callback.body {
            if let Presence::Legacy(_) = spec.presence {
                assert!(body.get(spec.name).is_none(), "{}", callback.alias);
            }
        }
    }
}

#[test]
fn every_enumeration_is_listed_once_and_documents_its_values() {
    let mut seen: Vec<&str> = Vec::new();
    for values in values::ALL.iter().chain([&&elements::MSG_TYPE]) {
        assert!(!seen.contains(&values.name), "{} twice", values.name);
        seen.push(values.name);
        assert!(
            !values.values.is_empty() || values.prefix.is_some(),
            "{}",
            values.name
        );
        assert!(values.section.starts_with('§'), "{}", values.name);
    }
    for callback in CALLBACKS {
        for used in model::enumerations(callback.body) {
            assert!(
                values::ALL.iter().any(|known| known.name == used.name),
                "{}: {} is not in values::ALL",
                callback.alias,
                used.name
            );
        }
    }
    let platforms: Vec<Value> = values::OPT_PLATFORM
        .values
        .iter()
        .map(|choice| choice.value.to_json())
        .collect();
    assert_eq!(platforms, crate::query::PLATFORMS);
}

#[test]
fn every_variant_is_a_tolerable_body_of_its_callback() {
    let readme = include_str!("../../../fixtures/variants/README.md");
    for variant in variants::VARIANTS {
        let callback = find(variant.alias).expect(variant.alias);
        let body: Value = serde_json::from_str(variant.body).expect(variant.file);
        let problems = model::check(callback.body, callback.constraints, &body);
        assert!(
            problems.iter().all(model::Problem::is_tolerable),
            "{}: {problems:?}",
            variant.file
        );
        assert!(
            readme.contains(&format!("| `{}` |", variant.file)),
            "{} has no README row",
            variant.file
        );
    }
    let rows = readme
        .lines()
        .filter(|line| line.starts_with("| `") && line.contains(".json`"))
        .count();
    assert_eq!(rows, variants::VARIANTS.len());
}

#[test]
fn typed_fields_go_where_the_model_has_a_field() {
    for callback in CALLBACKS {
        for place in callback.fields {
            let mut fields = callback.body;
            let mut found = None;
            for segment in place.path.split('.') {
                if segment == "*" {
                    continue;
                }
                let spec = fields.iter().find(|spec| spec.name == segment);
                let spec = spec.unwrap_or_else(|| {
                    panic!("{}: {} has no {}", callback.alias, place.field, place.path)
                });
                fields = match spec.ty {
                    Type::Object(inner) => inner,
                    Type::Array {
                        items: Type::Object(inner),
                        ..
                    } => inner,
                    _ => &[],
                };
                found = Some(spec);
            }
            assert!(found.is_some(), "{} {}", callback.alias, place.path);
        }
    }
}

#[test]
fn every_flag_is_used_by_some_callback() {
    for field in Field::VARIANTS.iter().copied() {
        assert!(
            CALLBACKS
                .iter()
                .any(|callback| callback.path_of(field).is_some()),
            "{field} fills nothing"
        );
    }
}

#[test]
fn names_and_aliases_are_unique() {
    for (i, a) in CALLBACKS.iter().enumerate() {
        for b in &CALLBACKS[i + 1..] {
            assert_ne!(a.alias, b.alias);
            assert_ne!(a.command, b.command);
        }
    }
}

#[test]
fn kinds_agree_with_answers_and_refusal_lists_are_in_the_sample() {
    for callback in CALLBACKS {
        match &callback.answer {
            AnswerSemantics::Decides(decides) => {
                assert!(callback.kind.decides(), "{}", callback.alias);
                if let Some(refusal) = &decides.refusal {
                    let list = &callback.sample_body()[refusal.request];
                    let users: Vec<&str> = list
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|item| item[refusal.user].as_str())
                        .collect();
                    assert!(users.len() >= 2, "{}", callback.alias);
                    assert!(
                        decides
                            .extra
                            .iter()
                            .any(|spec| spec.name == refusal.how.field()),
                        "{}",
                        callback.alias
                    );
                }
                if let Some(reply) = decides.reply {
                    assert!(decides.extra.iter().any(|spec| spec.name == reply));
                }
            }
            AnswerSemantics::Ignored => assert!(!callback.kind.decides(), "{}", callback.alias),
        }
    }
}

#[test]
fn documented_codes_are_the_ones_the_verdict_takes() {
    use crate::exchange::Response;
    use crate::verdict::{Code, Expectations, judge};
    for callback in CALLBACKS {
        for codes in callback.answer.codes() {
            let samples = match codes {
                Codes::One(code, _) => vec![code],
                Codes::Range(range, _) => vec![*range.start(), *range.end()],
                Codes::Other(_) => vec![3, 38001],
            };
            for code in samples {
                let mut answer = crate::answer::allow(callback, &callback.sample_body());
                answer["ErrorCode"] = code.into();
                answer["ErrorInfo"] = "why".into();
                let response = Response::new(200, answer.to_string());
                let verdict = judge(
                    callback,
                    &callback.sample_body(),
                    &Ok(response),
                    &Expectations::default(),
                );
                assert!(
                    !verdict
                        .findings
                        .iter()
                        .any(|finding| finding.code == Code::UnknownErrorCode),
                    "{} {code}",
                    callback.alias
                );
            }
        }
    }
}

#[test]
fn finds_by_every_spelling() {
    for name in [
        "Group.CallbackBeforeCreateGroup",
        "group.callbackbeforecreategroup",
        "CallbackBeforeCreateGroup",
        "before-create",
        "BEFORE-CREATE",
    ] {
        assert_eq!(find(name).map(|c| c.alias).ok(), Some("before-create"));
    }
}

#[test]
fn suggests_the_closest_alias() {
    let err = find("befor-create").unwrap_err();
    assert_eq!(err.suggestion, Some("before-create"));
    assert_eq!(
        find("BeforeCreateGroup").unwrap_err().suggestion,
        Some("before-create")
    );
    assert_eq!(
        find("AfterSendMsg").unwrap_err().suggestion,
        Some("after-send")
    );
    assert!(
        find("zzzzzzzzzzzzzzzzzzzz")
            .unwrap_err()
            .suggestion
            .is_none()
    );
}

#[test]
fn query_shapes_list_their_parameters_in_order() {
    assert_eq!(QueryShape::Alert.params()[2], "OptPlatform");
    assert!(!QueryShape::Alert.has_client_ip() && QueryShape::Alert.has_platform());
    assert!(!QueryShape::Short.has_platform());
    assert_eq!(QueryShape::FullIos.spell_platform("iOS"), "IOS");
    assert_eq!(QueryShape::Full.spell_platform("iOS"), "iOS");
    assert_eq!(
        Family::parse(" Official-Account"),
        Some(Family::OfficialAccount)
    );
    assert_eq!(Family::C2c.as_str(), "c2c");
}
