//! The shift-statistics bindings under WebAssembly, in Node
//! (`wasm-pack test --node -- --test wasm_stats_shift`).
#![cfg(all(target_arch = "wasm32", feature = "stats_api"))]

mod wasm_support;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wasm_support::*;
use waterline::wasm::stats_shift as w;

#[wasm_bindgen_test]
fn mcnemar_with_and_without_the_table() {
    let u = JsValue::UNDEFINED;
    let r = w::mcnemar(3.0.into(), 12.0.into(), u.clone()).unwrap();
    assert_eq!(get(&r, "method").as_string().unwrap(), "mcnemar");
    assert!(get(&r, "difference").is_null());
    assert!((get(&r, "pValue").as_f64().unwrap() - 0.03515625).abs() < 1e-12);
    let o = object(&[("a", 14.0.into()), ("d", 22.0.into())]);
    let r = w::mcnemar(5.0.into(), 0.0.into(), o).unwrap();
    let d = get(&r, "difference");
    assert_eq!(get(&d, "method").as_string().unwrap(), "newcombe_paired");
    assert_eq!(
        code(w::mcnemar("3".into(), 1.0.into(), u.clone())),
        "bad_input"
    );
    assert_eq!(
        code(w::mcnemar(1.5.into(), 1.0.into(), u.clone())),
        "invalid_count"
    );
    let typo = object(&[("levels", 0.9.into())]);
    assert_eq!(code(w::mcnemar(1.0.into(), 1.0.into(), typo)), "bad_input");
    let only_a = object(&[("a", 1.0.into())]);
    assert_eq!(
        code(w::mcnemar(1.0.into(), 1.0.into(), only_a)),
        "bad_input"
    );
    let nulls = object(&[("a", JsValue::NULL), ("d", JsValue::NULL)]);
    assert!(w::mcnemar(1.0.into(), 1.0.into(), nulls).is_ok());
}

#[wasm_bindgen_test]
fn paired_exports_take_float64_arrays_with_nan_as_missing() {
    let before = [1.0, 0.0, 0.0, 1.0, f64::NAN];
    let after = [1.0, 1.0, 1.0, 0.0, 1.0];
    let r = w::mcnemar_pairs(fa(&before), fa(&after), JsValue::NULL).unwrap();
    assert_eq!(get(&r, "nExcluded").as_f64().unwrap(), 1.0);
    assert_eq!(
        code(w::mcnemar_pairs(fa(&[2.0]), fa(&[1.0]), JsValue::NULL)),
        "code_out_of_range"
    );
    assert_eq!(
        code(w::mcnemar_pairs(fa(&[1.0]), fa(&[]), JsValue::NULL)),
        "length_mismatch"
    );

    let b = [2.0, 3.0, 2.0, 4.0, 1.0, 3.0, 2.0, 3.0];
    let a = [4.0, 4.0, 3.0, 4.0, 3.0, 5.0, 2.0, 4.0];
    let o = object(&[
        ("zeroMethod", "pratt".into()),
        ("correct", false.into()),
        ("exact", JsValue::NULL),
    ]);
    let r = w::wilcoxon_signed_rank(fa(&b), fa(&a), o).unwrap();
    assert_eq!(get(&r, "zeroMethod").as_string().unwrap(), "pratt");
    assert!(get(&r, "z").as_f64().is_some());
    let bad = object(&[("zeroMethod", "zsplit".into())]);
    assert_eq!(
        code(w::wilcoxon_signed_rank(fa(&b), fa(&a), bad)),
        "bad_input"
    );
    let r = w::paired_t(fa(&b), fa(&a), object(&[("level", 0.9.into())])).unwrap();
    assert_eq!(get(&r, "level").as_f64().unwrap(), 0.9);
    assert_eq!(
        code(w::paired_t(fa(&[1.0, 2.0]), fa(&[2.0, 3.0]), JsValue::NULL)),
        "no_variation"
    );
}

#[wasm_bindgen_test]
fn two_samples_and_tables() {
    let u = JsValue::UNDEFINED;
    let r = w::two_proportions(
        24.0.into(),
        50.0.into(),
        36.0.into(),
        50.0.into(),
        u.clone(),
    )
    .unwrap();
    assert!((get(&r, "difference").as_f64().unwrap() - 0.24).abs() < 1e-12);
    assert_eq!(
        code(w::two_proportions(
            6.0.into(),
            5.0.into(),
            1.0.into(),
            5.0.into(),
            u.clone()
        )),
        "count_exceeds_total"
    );
    let r = w::mann_whitney(fa(&[1.1, 2.3, 3.5, 4.2]), fa(&[0.5, 0.9, 1.0]), u.clone()).unwrap();
    assert_eq!(get(&r, "pValueMethod").as_string().unwrap(), "exact");
    let table: JsValue = Array::of2(
        &Array::of2(&20.0.into(), &23.0.into()),
        &Array::of2(&12.0.into(), &8.0.into()),
    )
    .into();
    let r = w::chi_square(table, object(&[("correct", true.into())])).unwrap();
    assert!(get(&r, "correct").as_bool().unwrap());
    assert!(get(&get(&r, "expected"), "0").is_object());
    assert_eq!(code(w::chi_square("nope".into(), u.clone())), "bad_input");
    let ragged: JsValue = Array::of2(
        &Array::of2(&1.0.into(), &2.0.into()),
        &Array::of1(&3.0.into()),
    )
    .into();
    assert_eq!(code(w::chi_square(ragged, u.clone())), "length_mismatch");
    let r = w::chi_square_gof(fa(&[38.0, 18.0, 16.0, 14.0]), fa(&[0.25; 4])).unwrap();
    assert_eq!(get(&r, "df").as_f64().unwrap(), 3.0);
    assert_eq!(
        code(w::chi_square_gof(fa(&[1.0, 2.0]), fa(&[0.5, 0.6]))),
        "probability_out_of_range"
    );
}
