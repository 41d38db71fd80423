//! Regression tests for issue 15 ("the engine can be broken for good from JavaScript"), in
//! Node (`wasm-pack test --node -- --test wasm_poison`): deep nests, cycles, JavaScript
//! exceptions while an argument is read, detached typed arrays and exotic objects as options
//! each give a coded `Error`, and the instance keeps working afterwards — also after 5,000
//! such errors in a row. (The same reproductions through the generated JavaScript glue, a freed
//! `Survey` included, are in tests/node/poison.test.mjs; 20,000 errors in a row and every
//! export in tests/node/battery.test.mjs.)
#![cfg(all(target_arch = "wasm32", feature = "conditions", feature = "stats_api"))]

mod wasm_support;

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wasm_support::*;
use waterline::wasm;
use waterline::wasm::conditions as w;

/// Evaluates a JavaScript function body with no arguments (test fixtures only).
fn js(body: &str) -> JsValue {
    Function::new_no_args(body).call0(&JsValue::NULL).unwrap()
}

/// The thrown error's `details[key]` as text (numbers formatted), after checking the code.
fn detail(result: Result<JsValue, JsValue>, code_: &str, key: &str) -> String {
    let err = result.clone().expect_err("expected an error");
    assert_eq!(code(result), code_, "{err:?}");
    let v = get(&get(&err, "details"), key);
    v.as_string()
        .or_else(|| v.as_f64().map(|x| x.to_string()))
        .unwrap_or_default()
}

/// The instance still answers a plain call correctly.
#[track_caller]
fn healthy() {
    let r = wasm::wilson(1.0.into(), 2.0.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, "estimate").as_f64(), Some(0.5));
}

fn edit_rubric(edit: JsValue) -> Result<JsValue, JsValue> {
    w::edit_rubric(w::default_rubric().unwrap(), edit)
}

#[wasm_bindgen_test]
fn a_deep_edit_is_bad_input_naming_the_depth_and_the_path() {
    let deep = js("let e = {}; for (let i = 0; i < 5000; i++) e = { a: e }; return e;");
    let result = edit_rubric(deep.clone());
    assert_eq!(detail(result.clone(), "bad_input", "reason"), "too_deep");
    assert_eq!(detail(result.clone(), "bad_input", "depth"), "64");
    let path = detail(result, "bad_input", "path");
    assert!(path.starts_with("edit.a.a.a"), "{path}");
    assert_eq!(path.matches(".a").count(), 64);
    healthy();
    // A valid reweight edit carrying a deep `extra` field, and deep arrays.
    let extra = js("let e = []; for (let i = 0; i < 100000; i++) e = [e]; \
                    return { op: 'reweight', id: 'policies', weight: 2, extra: e };");
    assert_eq!(
        detail(edit_rubric(extra), "bad_input", "reason"),
        "too_deep"
    );
    healthy();
    // 64 levels are fine for the reader (the edit is then refused for its shape).
    let ok = js("let e = 1; for (let i = 0; i < 63; i++) e = [e]; \
                 return { op: 'reweight', id: 'policies', weight: 2, extra: e };");
    assert_eq!(detail(edit_rubric(ok), "bad_input", "field"), "extra");
    healthy();
}

#[wasm_bindgen_test]
fn a_cyclic_edit_is_bad_input() {
    let cyclic =
        js("const e = { op: 'reweight', id: 'policies', weight: 2 }; e.self = e; return e;");
    let result = edit_rubric(cyclic);
    assert_eq!(detail(result.clone(), "bad_input", "reason"), "cycle");
    assert_eq!(detail(result, "bad_input", "path"), "edit.self");
    // A shared (not cyclic) object is fine.
    let shared = js("const s = { en: 'x' }; return [s, s];");
    assert!(w::validate_rubric(shared).is_err());
    healthy();
}

#[wasm_bindgen_test]
fn javascript_exceptions_while_reading_are_coded_and_leak_nothing() {
    let getter = js("return { get level() { throw new Error('boom'); } };");
    let keys = js("return new Proxy({}, { ownKeys() { throw new Error('keys'); } });");
    let revoked = js("const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy;");
    let detached = js("const a = new Float64Array(4); structuredClone(a.buffer, { transfer: [a.buffer] }); return a;");
    let array_proxy =
        js("return new Proxy([1, 2], { get(t, k) { if (k === '1') throw 7; return t[k]; } });");
    let rubric = w::default_rubric().unwrap();
    for i in 0..5_000 {
        let result = match i % 5 {
            0 => wasm::wilson(1.0.into(), 2.0.into(), getter.clone()),
            1 => wasm::wilson(1.0.into(), 2.0.into(), keys.clone()),
            2 => wasm::wilson(1.0.into(), 2.0.into(), revoked.clone()),
            3 => wasm::wilson_many(fa(&[1.0]), array_proxy.clone(), JsValue::UNDEFINED)
                .map(JsValue::from),
            _ => w::edit_rubric(rubric.clone(), getter.clone()),
        };
        assert_eq!(
            detail(result, "bad_input", "reason"),
            "exception",
            "case {i}"
        );
    }
    let thrown = detail(
        wasm::wilson(1.0.into(), 2.0.into(), getter),
        "bad_input",
        "thrown",
    );
    assert_eq!(thrown, "boom");
    // A detached Float64Array reads as empty (its length is 0): a coded error, not a throw.
    let result = wasm::wilson_many(detached.clone(), detached, JsValue::UNDEFINED);
    assert!(result.is_ok() || !code(result).is_empty());
    healthy();
}

#[wasm_bindgen_test]
fn options_of_the_wrong_type_are_refused_and_inherited_ones_ignored() {
    for (source, kind) in [
        ("return [0.5];", ""),
        ("return new Map([['level', 0.5]]);", "Map"),
        ("return new Date(0);", "Date"),
        ("return function level() {};", "function"),
        ("return Symbol('x');", "symbol"),
        ("return 10n;", "bigint"),
        ("return /x/;", "RegExp"),
    ] {
        let result = wasm::wilson(1.0.into(), 2.0.into(), js(source));
        assert_eq!(code(result.clone()), "bad_input", "{source}");
        if !kind.is_empty() {
            assert_eq!(detail(result, "bad_input", "type"), kind, "{source}");
        }
    }
    let inherited = js("return Object.create({ level: 0.5 });");
    let r = wasm::wilson(1.0.into(), 2.0.into(), inherited).unwrap();
    assert_eq!(get(&r, "level").as_f64(), Some(0.95));
    healthy();
}
