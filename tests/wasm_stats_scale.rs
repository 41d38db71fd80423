//! The scale-statistics bindings under WebAssembly, in Node
//! (`wasm-pack test --node -- --test wasm_stats_scale`): good input, wrong types, NaN, unknown
//! option fields and `null` give a result or an `Error` with the right `code`, never a trap.
#![cfg(all(target_arch = "wasm32", feature = "stats_api"))]

mod wasm_support;

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wasm_support::*;
use waterline::wasm::stats_power as p;
use waterline::wasm::stats_scale as w;

#[wasm_bindgen_test]
fn t_p_values_in_bulk() {
    let p = w::t_two_sided_p(fa(&[0.0, 2.5, -2.5]), fa(&[112.0; 3])).unwrap();
    assert_eq!(p[0], 1.0);
    assert!((p[1] / 0.013867963956353667 - 1.0).abs() < 1e-13); // mpmath
    assert_eq!(p[1], p[2]);
    let err = w::t_two_sided_p(fa(&[1.0, 2.0]), fa(&[5.0, -1.0])).unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().unwrap(),
        "parameter_out_of_range"
    );
    assert_eq!(get(&get(&err, "details"), "index").as_f64().unwrap(), 1.0);
    let err = w::t_two_sided_p(fa(&[f64::NAN]), fa(&[5.0])).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "not_finite");
    let err = w::t_two_sided_p(fa(&[1.0]), fa(&[])).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "length_mismatch");
}

#[wasm_bindgen_test]
fn cronbach_alpha_with_options_and_bad_input() {
    let data = [
        4.0,
        5.0,
        4.0,
        2.0,
        3.0,
        3.0,
        5.0,
        5.0,
        4.0,
        3.0,
        2.0,
        2.0,
        f64::NAN,
        1.0,
        1.0,
    ];
    let u = JsValue::UNDEFINED;
    let r = w::cronbach_alpha(fa(&data), 3.0.into(), u.clone()).unwrap();
    assert!((get(&r, "alpha").as_f64().unwrap() - 0.9121621621621622).abs() < 1e-12);
    assert_eq!(get(&r, "nExcluded").as_f64().unwrap(), 1.0);
    assert_eq!(get(&r, "ciMethod").as_string().unwrap(), "feldt");
    let r = w::cronbach_alpha(fa(&data), 3.0.into(), object(&[("level", 0.9.into())])).unwrap();
    assert_eq!(get(&r, "level").as_f64().unwrap(), 0.9);
    assert_eq!(
        code(w::cronbach_alpha(fa(&data), "3".into(), u.clone())),
        "bad_input"
    );
    assert_eq!(
        code(w::cronbach_alpha(fa(&data), 2.5.into(), u.clone())),
        "invalid_count"
    );
    assert_eq!(
        code(w::cronbach_alpha(fa(&data), 1.0.into(), u.clone())),
        "sample_too_small"
    );
    assert_eq!(
        code(w::cronbach_alpha(fa(&data), 4.0.into(), u.clone())),
        "length_mismatch"
    );
    let typo = object(&[("confidence", 0.9.into())]);
    assert_eq!(
        code(w::cronbach_alpha(fa(&data), 3.0.into(), typo)),
        "bad_input"
    );
    assert!(w::cronbach_alpha(fa(&data), 3.0.into(), JsValue::NULL).is_ok());
}

#[wasm_bindgen_test]
fn p_adjust_keeps_missing_as_null() {
    let r = w::p_adjust(fa(&[0.01, f64::NAN, 0.04, 0.03]), JsValue::NULL).unwrap();
    assert_eq!(get(&r, "method").as_string().unwrap(), "holm");
    let adjusted = get(&r, "adjusted");
    assert!(get(&adjusted, "1").is_null());
    assert!((get(&adjusted, "0").as_f64().unwrap() - 0.03).abs() < 1e-15);
    let r = w::p_adjust(fa(&[0.01, 0.04]), object(&[("method", "BH".into())])).unwrap();
    assert_eq!(get(&r, "method").as_string().unwrap(), "bh");
    let bad = object(&[("method", "sidak".into())]);
    assert_eq!(code(w::p_adjust(fa(&[0.01]), bad)), "bad_input");
    assert_eq!(
        code(w::p_adjust(fa(&[1.5]), JsValue::NULL)),
        "probability_out_of_range"
    );
}

#[wasm_bindgen_test]
fn power_and_sample_size() {
    let u = JsValue::UNDEFINED;
    let r =
        p::sample_size_two_proportions(0.48.into(), 0.72.into(), 0.8.into(), u.clone()).unwrap();
    assert_eq!(get(&r, "n").as_f64().unwrap(), 65.0);
    assert_eq!(get(&r, "unit").as_string().unwrap(), "per_group");
    let r = p::power_two_proportions(0.48.into(), 0.72.into(), 60.0.into(), u.clone()).unwrap();
    assert!((get(&r, "power").as_f64().unwrap() - 0.7721799228631357).abs() < 1e-12);
    let one = object(&[("alternative", "one.sided".into()), ("alpha", 0.1.into())]);
    let r = p::sample_size_paired_means(0.5.into(), 1.2.into(), 0.8.into(), one).unwrap();
    assert_eq!(get(&r, "alternative").as_string().unwrap(), "one_sided");
    let r = p::power_paired_means(0.5.into(), 1.0.into(), 20.0.into(), u.clone()).unwrap();
    assert!((get(&r, "power").as_f64().unwrap() - 0.5644828966786619).abs() < 1e-12);
    let r =
        p::sample_size_paired_proportions(0.05.into(), 0.45.into(), 0.8.into(), u.clone()).unwrap();
    assert_eq!(get(&r, "n").as_f64().unwrap(), 23.0);
    let strict = object(&[("strict", true.into())]);
    let r = p::power_paired_proportions(0.05.into(), 0.45.into(), 23.0.into(), strict).unwrap();
    assert!(get(&r, "strict").as_bool().unwrap());
    assert_eq!(
        code(p::power_two_proportions(
            0.5.into(),
            0.5.into(),
            10.0.into(),
            u.clone()
        )),
        "parameter_out_of_range"
    );
    assert_eq!(
        code(p::sample_size_paired_means(
            JsValue::NULL,
            1.0.into(),
            0.8.into(),
            u.clone()
        )),
        "bad_input"
    );
    let typo = object(&[("sides", 1.0.into())]);
    assert_eq!(
        code(p::power_paired_means(
            0.5.into(),
            1.0.into(),
            20.0.into(),
            typo
        )),
        "bad_input"
    );
    assert_eq!(
        code(p::sample_size_paired_proportions(
            0.1.into(),
            0.3.into(),
            f64::NAN.into(),
            u
        )),
        "probability_out_of_range"
    );
}
