//! Issue #16, "one way in": every structured input is decoded by its serde derive with unknown
//! fields refused at every depth, and the error names the JSON path of the stranger.
//!
//! For each input type an export takes, a valid sample is taken (the built-in rubric, round,
//! models and survey mapping; every field of each options struct), and at every object inside
//! it (the first element of each array) a misspelt key is added: decoding must fail, naming
//! that object's path plus the key, and the key as the field. Decoding goes through the
//! bindings' own tree deserializer (`waterline::tree`), as `decode` does; logic models are
//! also checked as JSON text (`parse_model`, `serde_json`).
#![cfg(all(feature = "survey", feature = "conditions", feature = "toc"))]

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use waterline::tree::{from_node, path_text, Node};
use waterline::{conditions as c, stats, survey, toc};

const TYPO: &str = "zzTypo";

/// serde_json's value as the bindings' tree (what `read` makes of a plain JavaScript value).
fn node(value: &Value) -> Node {
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Number(n) => Node::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => Node::String(s.clone()),
        Value::Array(items) => Node::Array(items.iter().map(node).collect()),
        Value::Object(entries) => {
            Node::Object(entries.iter().map(|(k, v)| (k.clone(), node(v))).collect())
        }
    }
}

/// Paths (as `.a[0].b`) of every object in `value`, descending into the first element of each
/// array, except below the paths in `maps` (free-form string maps, where any key is data).
fn objects(value: &Value, at: String, maps: &[&str], out: &mut Vec<String>) {
    match value {
        Value::Object(entries) if !maps.contains(&at.as_str()) => {
            for (k, v) in entries {
                objects(v, format!("{at}.{k}"), maps, out);
            }
            out.push(at);
        }
        Value::Array(items) => {
            if let Some(first) = items.first() {
                objects(first, format!("{at}[0]"), maps, out);
            }
        }
        _ => {}
    }
}

/// The object at `path` (as made by [`objects`]).
fn at<'a>(value: &'a mut Value, path: &str) -> &'a mut Value {
    let mut v = value;
    for part in path.split('.').skip(1) {
        let (key, index) = match part.split_once('[') {
            Some((k, _)) => (k, true),
            None => (part, false),
        };
        v = &mut v[key];
        if index {
            v = &mut v[0];
        }
    }
    v
}

/// Checks the valid sample decodes, then that a typo in each object is refused with its path.
/// Returns the deepest object depth checked (the sample itself is depth 0).
fn sweep<T: DeserializeOwned>(what: &str, sample: Value, maps: &[&str]) -> usize {
    if let Err(e) = from_node::<T>(node(&sample)) {
        panic!(
            "{what}: the valid sample does not decode: {e} at {}",
            path_text(&e.path)
        );
    }
    let mut paths = Vec::new();
    objects(&sample, String::new(), maps, &mut paths);
    let mut deepest = 0;
    for path in paths {
        let mut bad = sample.clone();
        at(&mut bad, &path)
            .as_object_mut()
            .unwrap()
            .insert(TYPO.into(), json!(1));
        let e = match from_node::<T>(node(&bad)) {
            Ok(_) => panic!("{what}: a misspelt field at `{path}` was accepted"),
            Err(e) => e,
        };
        assert_eq!(
            path_text(&e.path),
            format!("{path}.{TYPO}"),
            "{what}: {}",
            e.message
        );
        assert_eq!(e.field.as_deref(), Some(TYPO), "{what} at {path}");
        deepest = deepest.max(path.matches(['.', '[']).count());
    }
    deepest
}

#[test]
fn rubric_and_rubric_edits() {
    let rubric = serde_json::to_value(c::default_rubric()).unwrap();
    assert!(sweep::<c::Rubric>("rubric", rubric.clone(), &[]) >= 2);
    let condition = rubric["conditions"][0].clone();
    let add = json!({"op": "add", "condition": condition});
    assert!(sweep::<c::RubricEdit>("edit (add)", add, &[]) >= 2);
    let name = json!({"op": "rename", "id": "policies", "name": {"en": "P", "es": "P"}});
    assert!(sweep::<c::RubricEdit>("edit (rename)", name, &[]) >= 1);
    sweep::<c::RubricEdit>(
        "edit (reweight)",
        json!({"op": "reweight", "id": "policies", "weight": 2}),
        &[],
    );
    sweep::<c::RubricEdit>(
        "edit (remove)",
        json!({"op": "remove", "id": "policies"}),
        &[],
    );
}

#[test]
fn review_round() {
    let round: Value = serde_json::from_str(c::EXAMPLE_ROUND_JSON).unwrap();
    assert!(sweep::<c::Round>("round", round, &[]) >= 2);
}

#[test]
fn survey_mapping() {
    let s = survey::Survey::from_csv(survey::example::PARENTS_CSV, &Default::default()).unwrap();
    let mapping = serde_json::to_value(s.mapping()).unwrap();
    assert!(sweep::<survey::Mapping>("mapping", mapping, &[]) >= 2);
}

#[test]
fn logic_models_as_objects_and_as_text() {
    for text in [toc::PASS_JSON, toc::ALIANZA_JSON] {
        let model: Value = serde_json::from_str(text).unwrap();
        assert!(sweep::<toc::Model>("model", model.clone(), &[]) >= 3);
        // As text: the same paths, without the leading dot.
        let mut paths = Vec::new();
        objects(&model, String::new(), &[], &mut paths);
        for path in paths {
            let mut bad = model.clone();
            at(&mut bad, &path)
                .as_object_mut()
                .unwrap()
                .insert(TYPO.into(), json!(1));
            let e = toc::parse_model(&bad.to_string()).unwrap_err();
            assert_eq!(e.code, waterline::Code::BadInput);
            let expected = format!("{path}.{TYPO}");
            assert_eq!(
                format!("{:?}", e.details.get("path")),
                format!(
                    "{:?}",
                    Some(waterline::error::Detail::Text(
                        expected.trim_start_matches('.').into()
                    ))
                ),
                "{}",
                e.message
            );
        }
    }
}

/// A flat options object: valid as given, refused with a misspelt key at its top level.
fn flat<T: DeserializeOwned>(what: &str, sample: Value) {
    assert_eq!(sweep::<T>(what, sample, &[]), 0, "{what}");
}

#[test]
fn options_of_every_export() {
    flat::<c::AnalysisOptions>(
        "analysis",
        json!({"level": 0.9, "spreadThreshold": 1, "overallSpreadThreshold": 1, "calibratedSpread": true, "high": 3, "low": 1, "working": 2}),
    );
    flat::<c::BootstrapOptions>(
        "bootstrap",
        json!({"resamples": 10, "seed": 1, "topK": 3, "level": 0.9, "calibrated": false}),
    );
    flat::<c::FundingOptions>(
        "funding",
        json!({"budget": 10, "partial": true, "calibrated": false}),
    );
    flat::<survey::ReportOptions>("report", json!({"level": 0.9, "minCell": 5}));
    flat::<survey::ReadOptions>("read", json!({"delimiter": ",", "encoding": "utf-8"}));
    flat::<toc::ScheduleOptions>("schedule", json!({"start": "2021-01-04", "deadline": null}));
    flat::<toc::WhatIfOptions>("what-if", json!({"goalId": "g1", "delayDays": 3}));
    flat::<toc::ProgressOptions>("progress", json!({"asOf": "2021-01-04"}));
    flat::<toc::ExportOptions>("export", json!({"format": "json"}));
    flat::<stats::AlphaOptions>("alpha", json!({"level": 0.9}));
    flat::<stats::AdjustOptions>("adjust", json!({"method": "holm"}));
    flat::<stats::PowerOptions>("power", json!({"alpha": 0.05, "strict": true}));
    flat::<stats::McNemarOptions>("mcnemar", json!({"level": 0.9}));
    flat::<stats::TwoProportionsOptions>("two proportions", json!({"level": 0.9, "correct": true}));
    flat::<stats::ChiSquareOptions>("chi-square", json!({"correct": true}));
    flat::<stats::LevelOptions>("level", json!({"level": 0.9}));
    flat::<stats::MannWhitneyOptions>("mann-whitney", json!({}));
    flat::<stats::SignedRankOptions>("signed rank", json!({}));
    // Free-form maps (a share per level id) hold data keys, not field names.
    let maps = json!({"budget": 10, "minSharePerLevel": {"working": 0.5}});
    assert_eq!(
        sweep::<c::FundingOptions>("funding", maps, &[".minSharePerLevel"]),
        0
    );
}
