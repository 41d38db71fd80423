//! The bindings under WebAssembly, in Node (`wasm-pack test --node -- --test wasm`).
//!
//! Every export gets good input, wrong types, NaN, missing fields and `null`, and must answer
//! with a result or a thrown `Error` carrying the right `code` — never a trap.
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use waterline::wasm;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

/// The `code` of a thrown error (asserting it is an `Error` with `details`).
#[track_caller]
fn code(result: Result<JsValue, JsValue>) -> String {
    let err = result.expect_err("expected an error");
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "not an Error: {err:?}"
    );
    assert!(get(&err, "details").is_object(), "no details: {err:?}");
    get(&err, "code").as_string().unwrap()
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn wilson_returns_a_plain_object_naming_its_method() {
    let r = wasm::wilson(101.0.into(), 113.0.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, "method").as_string().unwrap(), "wilson");
    assert_eq!(get(&r, "level").as_f64().unwrap(), 0.95);
    let lower = get(&r, "lower").as_f64().unwrap();
    assert!((lower - 0.823_514_411_164_905_9).abs() < 1e-10);
    let r = wasm::wilson(48.0.into(), 100.0.into(), options(&[("level", 0.9.into())])).unwrap();
    assert_eq!(get(&r, "level").as_f64().unwrap(), 0.9);
    assert!(wasm::wilson(1.0.into(), 2.0.into(), JsValue::NULL).is_ok());
}

#[wasm_bindgen_test]
fn wilson_rejects_garbage_with_codes() {
    let u = JsValue::UNDEFINED;
    assert_eq!(
        code(wasm::wilson(120.0.into(), 113.0.into(), u.clone())),
        "count_exceeds_total"
    );
    assert_eq!(
        code(wasm::wilson(0.0.into(), 0.0.into(), u.clone())),
        "empty_sample"
    );
    assert_eq!(
        code(wasm::wilson((-1.0).into(), 5.0.into(), u.clone())),
        "invalid_count"
    );
    assert_eq!(
        code(wasm::wilson(f64::NAN.into(), 5.0.into(), u.clone())),
        "not_finite"
    );
    assert_eq!(
        code(wasm::wilson(f64::INFINITY.into(), 5.0.into(), u.clone())),
        "not_finite"
    );
    assert_eq!(
        code(wasm::wilson("3".into(), 5.0.into(), u.clone())),
        "bad_input"
    );
    assert_eq!(
        code(wasm::wilson(JsValue::NULL, 5.0.into(), u.clone())),
        "bad_input"
    );
    assert_eq!(
        code(wasm::wilson(1.0.into(), u.clone(), u.clone())),
        "bad_input"
    );
    let bad_level = options(&[("level", 1.5.into())]);
    assert_eq!(
        code(wasm::wilson(1.0.into(), 5.0.into(), bad_level)),
        "level_out_of_range"
    );
    let nan_level = options(&[("level", f64::NAN.into())]);
    assert_eq!(
        code(wasm::wilson(1.0.into(), 5.0.into(), nan_level)),
        "level_out_of_range"
    );
    let unknown = options(&[("confidence", 0.9.into())]);
    assert_eq!(
        code(wasm::wilson(1.0.into(), 5.0.into(), unknown)),
        "bad_input"
    );
    assert_eq!(
        code(wasm::wilson(1.0.into(), 5.0.into(), "0.95".into())),
        "bad_input"
    );
    // The module still works after every rejection.
    assert!(wasm::wilson(1.0.into(), 5.0.into(), u).is_ok());
}

#[wasm_bindgen_test]
fn bulk_arguments_must_be_number_arrays() {
    let typed: JsValue = js_sys::Float64Array::from(&[101.0, 0.0][..]).into();
    let plain: JsValue = js_sys::Array::of2(&113.0.into(), &10.0.into()).into();
    let bounds = wasm::wilson_many(typed.clone(), plain, JsValue::UNDEFINED).unwrap();
    assert_eq!(bounds.len(), 4);
    let words: JsValue = js_sys::Array::of1(&"ten".into()).into();
    assert_eq!(
        code(wasm::wilson_many(typed.clone(), words, JsValue::UNDEFINED).map(|_| JsValue::NULL)),
        "bad_input"
    );
    assert_eq!(
        code(wasm::wilson_many(typed, "113".into(), JsValue::UNDEFINED).map(|_| JsValue::NULL)),
        "bad_input"
    );
    assert_eq!(
        code(wasm::boundary_copy(JsValue::NULL, JsValue::UNDEFINED).map(JsValue::from)),
        "bad_input"
    );
}
