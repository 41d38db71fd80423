//! The reproductions of issue #15 items 2, 3 and 7 through the bindings, under WebAssembly in
//! Node (`wasm-pack test --node -- --test wasm_limits`), where usize is 32 bits: every one is a
//! finite result or an `Error` with a code naming the limit, never a trap.
#![cfg(target_arch = "wasm32")]
#![cfg(all(feature = "conditions", feature = "survey", feature = "stats_api"))]

mod wasm_support;

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wasm_support::*;
use waterline::wasm::{conditions as wc, stats_scale as ws, stats_shift as wt};

#[wasm_bindgen_test]
fn cronbach_alpha_of_5e6_items_is_too_large_not_a_capacity_overflow() {
    let data: JsValue = js_sys::Float64Array::new_with_length(10_000_000).into();
    let err = ws::cronbach_alpha(data, 5e6.into(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "too_large");
    let details = get(&err, "details");
    assert_eq!(get(&details, "limit").as_f64(), Some(2000.0));
    assert_eq!(get(&details, "requested").as_f64(), Some(5e6));
    // The engine still works afterwards.
    assert!(ws::t_two_sided_p(fa(&[2.0]), fa(&[10.0])).is_ok());
}

#[wasm_bindgen_test]
fn t_tails_at_huge_df() {
    let p = ws::t_two_sided_p(fa(&[10.0, 2.0]), fa(&[1e20, 1e308])).unwrap();
    assert!(
        (p[0] / 1.523_970_604_832_105_3e-23 - 1.0).abs() < 1e-12,
        "{}",
        p[0]
    );
    assert!(
        (p[1] / 0.045_500_263_896_358_41 - 1.0).abs() < 1e-12,
        "{}",
        p[1]
    );
}

#[wasm_bindgen_test]
fn paired_t_of_1e155_is_refused() {
    let err = wt::paired_t(
        fa(&[1e155, 0.0, 3.0]),
        fa(&[0.0, 1e155, 1.0]),
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "value_out_of_range");
    assert_eq!(get(&get(&err, "details"), "limit").as_f64(), Some(1e100));
}

#[wasm_bindgen_test]
fn a_weight_of_1e308_is_refused() {
    let rubric = wc::default_rubric().unwrap();
    let edit = object(&[
        ("op", "reweight".into()),
        ("id", "policies".into()),
        ("weight", 1e308.into()),
    ]);
    assert_eq!(code(wc::edit_rubric(rubric, edit)), "invalid_weight");
}
