//! Every build writes results to JavaScript from a tape (`src/wasm/encode.rs`; issue 19 for
//! `pkg/stats/`, issue 21 for the area builds, which used `serde_wasm_bindgen`'s serializer
//! before). The value built must be the one `serde_wasm_bindgen::Serializer::json_compatible()`
//! builds from the same core result: the same keys in the same order, numbers equal by
//! `Object.is` (NaN, −0), `null` for `None`, plain objects and arrays. Checked here on the
//! areas' largest results: both survey examples' mapping, import summary and report, the
//! example round's analysis, the PASS and Alianza models and their schedules, and an error's
//! details. (`wasm-pack test --node -- --test wasm_encode`)
#![cfg(all(
    target_arch = "wasm32",
    feature = "survey",
    feature = "conditions",
    feature = "toc"
))]

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use waterline::survey::{ReadOptions, ReportOptions, Survey};

/// The reference: what the area builds returned before.
fn reference<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

/// The first difference between `a` (the tape's) and `b` (the reference), or `None`.
fn difference(a: &JsValue, b: &JsValue, path: &str) -> Option<String> {
    if a.js_typeof() != b.js_typeof() {
        return Some(format!(
            "{path}: {:?} vs {:?}",
            a.js_typeof(),
            b.js_typeof()
        ));
    }
    if a.is_null() || b.is_null() || !a.is_object() {
        return (!Object::is(a, b)).then(|| format!("{path}: {a:?} vs {b:?}"));
    }
    if Array::is_array(a) != Array::is_array(b) {
        return Some(format!("{path}: an array and an object"));
    }
    let (proto_a, proto_b) = (Object::get_prototype_of(a), Object::get_prototype_of(b));
    if !Object::is(&proto_a, &proto_b) {
        return Some(format!("{path}: objects of different kinds"));
    }
    let (ka, kb) = (
        Object::keys(a.unchecked_ref::<Object>()),
        Object::keys(b.unchecked_ref::<Object>()),
    );
    if ka.join(",") != kb.join(",") {
        return Some(format!("{path}: keys {} vs {}", ka.join(","), kb.join(",")));
    }
    ka.iter().find_map(|k| {
        let key = k.as_string().unwrap_or_default();
        difference(
            &Reflect::get(a, &k).unwrap(),
            &Reflect::get(b, &k).unwrap(),
            &format!("{path}.{key}"),
        )
    })
}

#[track_caller]
fn same(tape: JsValue, reference: JsValue, what: &str) {
    if let Some(d) = difference(&tape, &reference, what) {
        panic!("the tape's value differs from serde_wasm_bindgen's: {d}");
    }
}

#[wasm_bindgen_test]
fn survey_examples_report_as_before() {
    use waterline::survey::example::{PARENTS_CSV, STAFF_CSV};
    for (name, csv) in [("parents", PARENTS_CSV), ("staff", STAFF_CSV)] {
        let bytes = js_sys::Uint8Array::from(csv.as_bytes());
        let page =
            waterline::wasm::survey::Survey::from_bytes(bytes.into(), JsValue::NULL).unwrap();
        let core = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
        same(page.mapping().unwrap(), reference(core.mapping()), name);
        same(page.issues().unwrap(), reference(&core.issues()), name);
        let report = core.report(&ReportOptions::default()).unwrap();
        assert!(!report.items.is_empty());
        same(
            page.report(JsValue::NULL).unwrap(),
            reference(&report),
            name,
        );
    }
}

#[wasm_bindgen_test]
fn round_analysis_as_before() {
    use waterline::conditions as c;
    let rubric = c::default_rubric();
    let round: c::Round = serde_json::from_str(c::EXAMPLE_ROUND_JSON).unwrap();
    let core = c::analyze_round(&rubric, &round, &c::AnalysisOptions::default()).unwrap();
    let page = waterline::wasm::conditions::analyze_round(
        waterline::wasm::conditions::default_rubric().unwrap(),
        waterline::wasm::conditions::example_round(JsValue::NULL).unwrap(),
        JsValue::NULL,
    )
    .unwrap();
    same(page, reference(&core), "analysis");
}

#[wasm_bindgen_test]
fn models_and_schedules_as_before() {
    use waterline::toc;
    use waterline::wasm::toc as w;
    for (name, model, page) in [
        ("pass", toc::example_pass_model(), w::example_pass_model()),
        (
            "alianza",
            toc::example_alianza_model(),
            w::example_alianza_model(),
        ),
    ] {
        let (model, page) = (model.unwrap(), page.unwrap());
        same(page.clone(), reference(&model), name);
        let schedule = toc::schedule(&model, &Default::default()).unwrap();
        same(
            w::schedule_model(page, JsValue::NULL).unwrap(),
            reference(&schedule),
            name,
        );
    }
}

#[wasm_bindgen_test]
fn error_details_as_before() {
    let err = waterline::wasm::survey::Survey::from_bytes(JsValue::from(3), JsValue::NULL)
        .err()
        .unwrap();
    let details = Reflect::get(&err, &"details".into()).unwrap();
    let expected = Object::new();
    Reflect::set(&expected, &"argument".into(), &"bytes".into()).unwrap();
    same(details, expected.into(), "details");
}
