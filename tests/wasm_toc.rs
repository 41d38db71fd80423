//! The theory-of-change bindings under WebAssembly, in Node
//! (`wasm-pack test --node -- --test wasm_toc`; add `--release` for the timing budgets).
//!
//! Every export gets good input, wrong types, missing fields, `null` and NaN, and must answer
//! with a result or a thrown `Error` carrying the right `code` — never a trap.
#![cfg(all(target_arch = "wasm32", feature = "toc"))]

mod toc_common;

mod wasm_support;

use js_sys::{Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wasm_support::*;
use waterline::wasm::toc as w;

fn path(value: &JsValue, keys: &[&str]) -> JsValue {
    keys.iter()
        .fold(value.clone(), |v, k| match k.parse::<u32>() {
            Ok(i) => Reflect::get_u32(&v, i).unwrap(),
            Err(_) => get(&v, k),
        })
}

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn now() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
fn examples_validate_schedule_and_export() {
    let pass = w::example_pass_model().unwrap();
    assert_eq!(get(&pass, "schemaVersion").as_f64(), Some(1.0));
    assert!(path(&pass, &["goals", "0", "durationDays"]).is_null()); // null, never undefined
    let v = w::validate_model(pass.clone()).unwrap();
    assert_eq!(get(&v, "valid").as_bool(), Some(true));
    assert_eq!(get(&v, "method").as_string().unwrap(), "toc_rules_v1");
    let s = w::schedule_model(pass.clone(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&s, "feasible").as_bool(), Some(true));
    assert_eq!(path(&s, &["criticalPath", "0"]).as_string().unwrap(), "g6");
    assert_eq!(
        path(&s, &["goals", "0", "earlyStart"]).as_string().unwrap(),
        "2021-02-01"
    );
    let o = object(&[("goalId", "g6".into()), ("delayDays", 30.0.into())]);
    let wi = w::what_if(pass.clone(), o).unwrap();
    assert_eq!(get(&wi, "projectShiftDays").as_f64(), Some(30.0));
    let p = w::progress(pass.clone(), object(&[("asOf", "2021-05-01".into())])).unwrap();
    assert_eq!(
        path(&p, &["phases", "1", "track"]).as_string().unwrap(),
        "not_yet_due"
    );
    let l = w::layout_model(pass.clone()).unwrap();
    assert_eq!(
        path(&l, &["columns", "0", "key"]).as_string().unwrap(),
        "inputs"
    );
    for format in ["json", "mermaid", "dot", "indicators_csv"] {
        let e = w::export_model(pass.clone(), object(&[("format", format.into())])).unwrap();
        assert!(get(&e, "text").as_string().unwrap().len() > 500, "{format}");
    }
    // JSON text works wherever a model object does, and parseModel reads it back.
    let text = get(
        &w::export_model(pass.clone(), object(&[("format", "json".into())])).unwrap(),
        "text",
    );
    let again = w::parse_model(text.clone()).unwrap();
    assert_eq!(
        JSON::stringify(&again).unwrap(),
        JSON::stringify(&pass).unwrap()
    );
    assert!(w::validate_model(text).is_ok());
    let alianza = w::example_alianza_model().unwrap();
    let s = w::schedule_model(alianza, JsValue::NULL).unwrap();
    assert_eq!(path(&s, &["goals", "length"]).as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn the_logic_model_class_decodes_once() {
    let m = w::LogicModel::new(w::example_pass_model().unwrap()).unwrap();
    assert_eq!(get(&m.validate().unwrap(), "errors").as_f64(), Some(0.0));
    assert!(m.schedule(JsValue::UNDEFINED).is_ok());
    assert!(m.layout().is_ok());
    assert!(m
        .export(object(&[("format", "dot".into()), ("lang", "es".into())]))
        .is_ok());
    assert!(m.progress(object(&[("asOf", "2022-01-01".into())])).is_ok());
    assert_eq!(
        code(m.what_if(object(&[
            ("goalId", "g99".into()),
            ("delayDays", 1.0.into())
        ]))),
        "unknown_id"
    );
    assert_eq!(
        get(&m.to_object().unwrap(), "id").as_string().unwrap(),
        "pass"
    );
    assert!(w::LogicModel::new(JsValue::NULL).is_err());
}

#[wasm_bindgen_test]
fn bad_models_throw_bad_input_or_unsupported_version() {
    for bad in [
        JsValue::NULL,
        JsValue::UNDEFINED,
        42.0.into(),
        "not json".into(),
        js("[1, 2]"),
    ] {
        assert_eq!(code(w::validate_model(bad)), "bad_input");
    }
    let typo = js(
        r#"{"schemaVersion": 1, "id": "x", "title": {"en": "X"}, "goals": [{"id": "g1", "title": {"en": "G"}, "dependOn": []}]}"#,
    );
    let err = w::validate_model(typo).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "bad_input");
    assert_eq!(
        path(&err, &["details", "path"]).as_string().unwrap(),
        "model.goals[0].dependOn"
    );
    assert_eq!(
        path(&err, &["details", "field"]).as_string().unwrap(),
        "dependOn"
    );
    let future = js(r#"{"schemaVersion": 9, "id": "x", "title": {"en": "X"}}"#);
    assert_eq!(code(w::validate_model(future)), "unsupported_version");
    // NaN becomes null in JSON: a required number is then missing.
    let nan = js(
        r#"{"schemaVersion": 1, "id": "x", "title": {"en": "X"}, "outputs": [{"id": "o", "title": {"en": "O"}}],
                     "indicators": [{"id": "k", "of": "o", "measure": {"en": "M"}, "target": {"value": 1}}]}"#,
    );
    Reflect::set(
        &path(&nan, &["indicators", "0", "target"]),
        &"value".into(),
        &f64::NAN.into(),
    )
    .unwrap();
    assert_eq!(code(w::validate_model(nan)), "bad_input");
    assert_eq!(code(w::parse_model(42.0.into())), "bad_input");
    assert_eq!(
        code(w::parse_model("{\"schemaVersion\": 1,".into())),
        "bad_input"
    );
    // A problem *in* a decodable model is a finding, not an exception.
    let cyclic = js(
        r#"{"schemaVersion": 1, "id": "x", "title": {"en": "X"}, "phases": [{"id": "p", "name": {"en": "P"}, "start": {"value": "2021-07-01"}}],
        "goals": [{"id": "a", "title": {"en": "A"}, "phase": "p", "durationDays": {"value": 1}, "dependsOn": [{"goal": "b"}]},
                  {"id": "b", "title": {"en": "B"}, "phase": "p", "durationDays": {"value": 1}, "dependsOn": [{"goal": "a"}]}]}"#,
    );
    let v = w::validate_model(cyclic.clone()).unwrap();
    assert_eq!(
        path(&v, &["findings", "0", "code"]).as_string().unwrap(),
        "dependency_cycle"
    );
    assert_eq!(
        code(w::schedule_model(cyclic, JsValue::UNDEFINED)),
        "dependency_cycle"
    );
}

#[wasm_bindgen_test]
fn bad_options_throw_bad_input() {
    let pass = w::example_pass_model().unwrap();
    let u = JsValue::UNDEFINED;
    assert_eq!(
        code(w::schedule_model(
            pass.clone(),
            object(&[("start", "2021-02-30".into())])
        )),
        "bad_input"
    );
    assert_eq!(
        code(w::schedule_model(
            pass.clone(),
            object(&[("dedline", "2023-06-30".into())])
        )),
        "bad_input"
    );
    assert_eq!(
        code(w::schedule_model(pass.clone(), 7.0.into())),
        "bad_input"
    );
    assert_eq!(code(w::what_if(pass.clone(), u.clone())), "bad_input");
    assert_eq!(
        code(w::what_if(
            pass.clone(),
            object(&[("goalId", "g1".into()), ("delayDays", "3".into())])
        )),
        "bad_input"
    );
    assert_eq!(
        code(w::what_if(
            pass.clone(),
            object(&[("goalId", "g1".into()), ("delayDays", f64::NAN.into())])
        )),
        "bad_input"
    );
    assert_eq!(
        code(w::what_if(
            pass.clone(),
            object(&[("goalId", "g1".into()), ("delayDays", (-1.0).into())])
        )),
        "parameter_out_of_range"
    );
    assert_eq!(code(w::progress(pass.clone(), object(&[]))), "bad_input");
    assert_eq!(code(w::progress(pass.clone(), JsValue::NULL)), "bad_input");
    assert_eq!(
        code(w::export_model(
            pass.clone(),
            object(&[("format", "pdf".into())])
        )),
        "bad_input"
    );
    assert_eq!(code(w::export_model(pass, u)), "bad_input");
}

fn encode<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

/// Milliseconds of the fastest of `runs` calls (after a warm-up): the test machine is shared,
/// and the minimum is the figure least disturbed by other work.
fn time(runs: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = now();
        f();
        best = best.min(now() - t);
    }
    best
}

#[wasm_bindgen_test]
fn ten_thousand_elements_and_fifty_thousand_links_within_budget() {
    // 10,000 elements, 50,000 links, plus 2,000 goals with 10,000 dependencies.
    let m = toc_common::synthetic(10_000, 50_000, 2_000, 10_000);
    assert_eq!(m.links.len(), 50_000);
    let core_ms = time(5, || {
        let v = waterline::toc::validate(&m);
        assert!(v.valid);
        waterline::toc::schedule(&m, &Default::default()).unwrap();
    });
    let model = encode(&m);
    let class = w::LogicModel::new(model.clone()).unwrap();
    let class_ms = time(5, || {
        class.validate().unwrap();
        class.schedule(JsValue::UNDEFINED).unwrap();
    });
    let free_ms = time(3, || {
        w::validate_model(model.clone()).unwrap();
        w::schedule_model(model.clone(), JsValue::UNDEFINED).unwrap();
    });
    let small = toc_common::synthetic(500, 1_500, 0, 0);
    let layout_ms = time(5, || {
        waterline::toc::layout(&small);
    });
    web_sys_log(&format!(
        "validate + schedule (10k elements, 50k links): core {core_ms:.1} ms, LogicModel {class_ms:.1} ms, free functions with decoding {free_ms:.1} ms; layout of 500 elements {layout_ms:.1} ms"
    ));
    if !cfg!(debug_assertions) {
        assert!(core_ms < 100.0, "core {core_ms:.1} ms");
        assert!(class_ms < 100.0, "LogicModel {class_ms:.1} ms");
        assert!(layout_ms < 100.0, "layout {layout_ms:.1} ms");
    }
}

fn web_sys_log(s: &str) {
    wasm_bindgen_test::console_log!("{s}");
}
