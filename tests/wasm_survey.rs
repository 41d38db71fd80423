//! The survey bindings under WebAssembly, in Node
//! (`wasm-pack test --node -- --test wasm_survey`): good input, wrong types, NaN, unknown
//! fields and `null` must give a result or a thrown `Error` with the right `code`, never a trap.
#![cfg(all(target_arch = "wasm32", feature = "survey"))]

mod wasm_support;

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wasm_support::*;
use waterline::wasm::survey as w;

#[wasm_bindgen_test]
fn the_example_reports_89_percent_of_113() {
    let s = w::Survey::new(w::example_survey_csv().into(), JsValue::UNDEFINED).unwrap();
    let r = s.report(JsValue::NULL).unwrap();
    assert_eq!(get(&r, "rows").as_f64(), Some(113.0));
    assert_eq!(get(&r, "synthetic").as_bool(), Some(true));
    let items: Array = get(&r, "items").into();
    let first_likert = items
        .iter()
        .find(|i| get(i, "kind").as_string().as_deref() == Some("likert"))
        .unwrap();
    let sentence = get(&get(&first_likert, "sentence"), "es")
        .as_string()
        .unwrap();
    assert!(
        sentence.contains("89% (IC 95% 82–94%) está de acuerdo"),
        "{sentence}"
    );
    let issues = s.issues().unwrap();
    assert_eq!(get(&issues, "shape").as_string().unwrap(), "one_header");
}

#[wasm_bindgen_test]
fn the_mapping_round_trips_and_bad_mappings_throw() {
    let mut s = w::Survey::new(w::example_staff_csv().into(), JsValue::NULL).unwrap();
    let m = s.mapping().unwrap();
    s.set_mapping(m.clone()).unwrap();
    assert_eq!(code(s.set_mapping(JsValue::NULL)), "bad_input");
    assert_eq!(code(s.set_mapping("mapping".into())), "bad_input");
    // Rename the item's column to one the file does not have.
    let items: Array = get(&get(&m, "instrument"), "items").into();
    Reflect::set(&items.get(0), &"column".into(), &"Nope".into()).unwrap();
    assert_eq!(code(s.set_mapping(m)), "unknown_column");
    // The previous mapping is still in force.
    assert!(s.report(JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn wrong_inputs_throw_with_codes() {
    assert_eq!(code(w::Survey::new(5.0.into(), JsValue::NULL)), "bad_input");
    assert_eq!(code(w::Survey::new("".into(), JsValue::NULL)), "csv_empty");
    let typo = object(&[("delimeter", ";".into())]);
    assert_eq!(code(w::Survey::new("a\n1\n".into(), typo)), "bad_input");
    let s = w::Survey::new(w::example_survey_csv().into(), JsValue::NULL).unwrap();
    assert_eq!(
        code(s.report(object(&[("level", 2.0.into())]))),
        "level_out_of_range"
    );
    assert_eq!(
        code(s.report(object(&[("level", f64::NAN.into())]))),
        "level_out_of_range"
    );
    assert_eq!(
        code(s.report(object(&[("minCell", 0.0.into())]))),
        "parameter_out_of_range"
    );
    assert_eq!(
        code(s.report(object(&[("adjust", "sidak".into())]))),
        "bad_input"
    );
}

#[wasm_bindgen_test]
fn wave_sensitivity_for_48_to_72() {
    let r = w::wave_sensitivity(0.48.into(), 0.72.into(), JsValue::UNDEFINED).unwrap();
    let rows: Array = r.into();
    assert_eq!(rows.length(), 5);
    assert_eq!(get(&rows.get(0), "nPerWave").as_f64(), Some(25.0));
    assert_eq!(
        code(w::wave_sensitivity(
            "0.48".into(),
            0.72.into(),
            JsValue::NULL
        )),
        "bad_input"
    );
    assert_eq!(
        code(w::wave_sensitivity(
            f64::NAN.into(),
            0.72.into(),
            JsValue::NULL
        )),
        "probability_out_of_range"
    );
}

#[wasm_bindgen_test]
fn from_bytes_detects_windows_1252_and_takes_options() {
    // "¿Participó?;Edad" / "Sí;30" / "No;41" as Excel's plain CSV writes them in es-ES.
    let bytes: &[u8] = b"\xbfParticip\xf3?;Edad\nS\xed;30\nNo;41\n";
    let array = js_sys::Uint8Array::from(bytes);
    let s = w::Survey::from_bytes(array.clone().into(), JsValue::UNDEFINED).unwrap();
    let info = s.issues().unwrap();
    let encoding = get(&info, "encoding");
    assert_eq!(get(&encoding, "name").as_string().unwrap(), "windows-1252");
    assert_eq!(get(&encoding, "source").as_string().unwrap(), "fallback");
    let headers: Array = get(&info, "headers").into();
    assert_eq!(
        get(&headers.get(0), "header").as_string().unwrap(),
        "¿Participó?"
    );
    // Forced UTF-8: the cells that are not UTF-8 are reported, never silent.
    let forced = object(&[
        ("encoding", "utf-8".into()),
        ("duplicates", "drop_all".into()),
    ]);
    let s = w::Survey::from_bytes(array.clone().into(), forced).unwrap();
    let info = s.issues().unwrap();
    assert_eq!(get(&info, "duplicates").as_string().unwrap(), "drop_all");
    let issues: Array = get(&info, "issues").into();
    assert!(issues
        .iter()
        .any(|i| get(&i, "code").as_string().as_deref() == Some("replacement_character")));
    // Wrong types and unknown options throw with codes.
    assert_eq!(
        code(w::Survey::from_bytes("text".into(), JsValue::NULL)),
        "bad_input"
    );
    let bad = object(&[("encoding", "ebcdic".into())]);
    assert_eq!(
        code(w::Survey::from_bytes(array.clone().into(), bad)),
        "bad_input"
    );
    let mut s = w::Survey::from_bytes(array.into(), JsValue::NULL).unwrap();
    s.set_duplicates("keep_first".into()).unwrap();
    assert_eq!(code(s.set_duplicates("first".into())), "bad_input");
}
