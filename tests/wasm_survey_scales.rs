//! The codebook bindings and the declared-scale fields under WebAssembly, in Node
//! (`wasm-pack test --node -- --test wasm_survey_scales`): codes stay codes until a codebook
//! (text or bytes) declares them; bad codebooks throw with a code and the line.
#![cfg(all(target_arch = "wasm32", feature = "survey"))]

mod wasm_support;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wasm_support::*;
use waterline::wasm::survey as w;

const CSV: &str = "id,Did you take part in Zumbas?\n1,1\n2,2\n3,1\n4,1\n";
const BOOK: &str = "column,code,label,label_es\nDid you take part in Zumbas?,1,Yes,Sí\nDid you take part in Zumbas?,2,No,No\n";

fn first_item(s: &w::Survey) -> JsValue {
    let r = s.report(JsValue::NULL).unwrap();
    let items: Array = get(&r, "items").into();
    items.get(0)
}

#[wasm_bindgen_test]
fn codes_are_withheld_until_a_codebook_declares_them() {
    let mut s = w::Survey::new(CSV.into(), JsValue::NULL).unwrap();
    let item = first_item(&s);
    assert_eq!(get(&item, "kind").as_string().as_deref(), Some("codes"));
    assert!(get(&item, "topBox").is_null());
    let notices: Array = get(&item, "notices").into();
    assert_eq!(
        get(&notices.get(0), "code").as_string().as_deref(),
        Some("codes_without_labels")
    );
    // The proposals cross the boundary with their reasons as codes.
    let m = s.mapping().unwrap();
    let items: Array = get(&get(&m, "instrument"), "items").into();
    let proposals: Array = get(&items.get(0), "proposals").into();
    assert_eq!(
        get(&proposals.get(0), "template").as_string().as_deref(),
        Some("yesNo")
    );
    s.set_mapping(m).unwrap();

    s.set_codebook(BOOK.into()).unwrap();
    let item = first_item(&s);
    assert_eq!(get(&item, "kind").as_string().as_deref(), Some("binary"));
    let top = get(&get(&item, "topBox"), "interval");
    assert_eq!(get(&top, "estimate").as_f64(), Some(0.75));
    assert!(s.codebook().contains(",1,Yes,Sí,"));
}

#[wasm_bindgen_test]
fn a_codebook_may_be_bytes_and_bad_ones_throw_with_the_line() {
    let mut s = w::Survey::new(CSV.into(), JsValue::NULL).unwrap();
    let bytes = Uint8Array::from(BOOK.as_bytes());
    s.set_codebook(bytes.into()).unwrap();
    assert_eq!(code(s.set_codebook(5.0.into())), "bad_input");
    let bad = "column,code,label\nDid you take part in Zumbas?,1,Yes\nDid you take part in Zumbas?,two,No\n";
    let e = s.set_codebook(bad.into()).unwrap_err();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("not_a_number"));
    assert_eq!(get(&get(&e, "details"), "line").as_f64(), Some(3.0));
    let unknown = "column,code,label\nNope,1,Yes\n";
    assert_eq!(code(s.set_codebook(unknown.into())), "unknown_column");
}
