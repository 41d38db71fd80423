//! The bindings under WebAssembly, in Node (`wasm-pack test --node -- --test wasm`).
//!
//! Every export gets good input, wrong types, NaN, missing fields and `null`, and must answer
//! with a result or a thrown `Error` carrying the right `code` — never a trap.
#![cfg(target_arch = "wasm32")]

mod wasm_support;

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wasm_support::*;
use waterline::wasm;

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
    let r = wasm::wilson(48.0.into(), 100.0.into(), object(&[("level", 0.9.into())])).unwrap();
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
    let bad_level = object(&[("level", 1.5.into())]);
    assert_eq!(
        code(wasm::wilson(1.0.into(), 5.0.into(), bad_level)),
        "level_out_of_range"
    );
    let nan_level = object(&[("level", f64::NAN.into())]);
    assert_eq!(
        code(wasm::wilson(1.0.into(), 5.0.into(), nan_level)),
        "level_out_of_range"
    );
    let unknown = object(&[("confidence", 0.9.into())]);
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

#[wasm_bindgen_test]
fn bulk_wilson_matches_single_wilson_bit_for_bit() {
    // wilsonMany runs two pairs per SIMD instruction; every bound must equal wilson's, for odd
    // and even lengths, x = 0, x = n and large n.
    let pairs = [
        (101.0, 113.0),
        (0.0, 10.0),
        (10.0, 10.0),
        (1.0, 1.0),
        (0.0, 1.0),
        (3.0, 7.0),
        (123_456.0, 1_000_000.0),
        (5.0, 9.0e15 - 1.0),
        (42.0, 500.0),
    ];
    let x: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let n: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    for len in [pairs.len(), pairs.len() - 1] {
        let xs: JsValue = js_sys::Float64Array::from(&x[..len]).into();
        let ns: JsValue = js_sys::Float64Array::from(&n[..len]).into();
        let bounds = wasm::wilson_many(xs, ns, JsValue::UNDEFINED).unwrap();
        for (i, &(xi, ni)) in pairs[..len].iter().enumerate() {
            let one = waterline::stats::wilson(xi, ni, 0.95).unwrap();
            assert_eq!(
                bounds[i].to_bits(),
                one.lower.to_bits(),
                "lower of pair {i}"
            );
            assert_eq!(
                bounds[len + i].to_bits(),
                one.upper.to_bits(),
                "upper of pair {i}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn bulk_wilson_names_the_first_invalid_pair() {
    // An invalid pair in the first or the second lane of a SIMD step, or in the scalar tail.
    for (bad, index) in [(0usize, 0.0), (1, 1.0), (4, 4.0)] {
        let mut x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let n = [10.0; 5];
        x[bad] = 11.0; // more than n
        let err = wasm::wilson_many(
            js_sys::Float64Array::from(&x[..]).into(),
            js_sys::Float64Array::from(&n[..]).into(),
            JsValue::UNDEFINED,
        )
        .unwrap_err();
        assert_eq!(get(&get(&err, "details"), "index").as_f64(), Some(index));
        assert_eq!(code(Err::<JsValue, _>(err)), "count_exceeds_total");
    }
}

#[wasm_bindgen_test]
fn csv_scan_simd_masks_match_the_scalar_twin_bit_for_bit() {
    // survey::scan compares 64-byte blocks 16 bytes at a time with simd128; every mask must be
    // the scalar loop's, for every delimiter, bytes above 0x7f and blocks shorter than 64.
    use waterline::survey::scan::{block_mask, block_mask_scalar, Scanner, BLOCK};
    let alphabet = b",;\t|\"\n\rab \x80\xff\xe9\x00";
    let mut x: u32 = 0x9e37_79b9;
    let text: Vec<u8> = (0..64 * 97 + 13)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            alphabet[(x >> 24) as usize % alphabet.len()]
        })
        .collect();
    for delimiter in [b',', b';', b'\t', b'|'] {
        for start in (0..text.len()).step_by(29) {
            let block = &text[start..(start + BLOCK).min(text.len())];
            assert_eq!(
                block_mask(block, delimiter),
                block_mask_scalar(block, delimiter),
                "block at {start}, delimiter {delimiter}"
            );
        }
        let mut s = Scanner::new(&text, delimiter);
        let mut at = s.next(0);
        let mut found = 0;
        while at < text.len() {
            assert!(matches!(text[at], b'"' | b'\n' | b'\r') || text[at] == delimiter);
            found += 1;
            at = s.next(at + 1);
        }
        let want = text
            .iter()
            .filter(|&&b| matches!(b, b'"' | b'\n' | b'\r') || b == delimiter)
            .count();
        assert_eq!(found, want);
    }
}
