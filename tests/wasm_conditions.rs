//! The condition-scoring bindings under WebAssembly, in Node
//! (`wasm-pack test --node -- --test wasm_conditions`): good input, wrong types, NaN, missing
//! fields and `null` give a result or a thrown `Error` with the right `code` — never a trap.
#![cfg(all(target_arch = "wasm32", feature = "conditions", feature = "deferred"))]

mod wasm_support;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wasm_support::*;
use waterline::wasm::conditions as w;
use waterline::wasm::round_setup::parse_reviews_csv;

fn example() -> (JsValue, JsValue) {
    (
        w::default_rubric().unwrap(),
        w::example_round(JsValue::UNDEFINED).unwrap(),
    )
}

#[wasm_bindgen_test]
fn the_example_round_analyses_end_to_end() {
    let (rubric, round) = example();
    let v = w::validate_round(rubric.clone(), round.clone()).unwrap();
    assert!(get(&v, "valid").as_bool().unwrap());
    let a = w::analyze_round(rubric.clone(), round.clone(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&a, "method").as_string().unwrap(), "round_analysis");
    let flags = Array::from(&get(&a, "depthFlags"));
    assert!(flags
        .iter()
        .any(|f| get(&f, "proposalId").as_string().unwrap() == "p11"));
    // ICC is null (no complete row) rather than undefined or NaN.
    let first = Array::from(&get(&get(&a, "agreement"), "conditions")).get(0);
    assert!(get(&first, "icc").is_null());
    let options = object(&[
        ("resamples", 200.0.into()),
        ("seed", 42.0.into()),
        ("topK", 3.0.into()),
    ]);
    let b1 = w::bootstrap_ranks(rubric.clone(), round.clone(), options.clone()).unwrap();
    let b2 = w::bootstrap_ranks(rubric.clone(), round.clone(), options).unwrap();
    assert_eq!(
        js_sys::JSON::stringify(&b1).unwrap(),
        js_sys::JSON::stringify(&b2).unwrap()
    );
    let f = w::fund_within_budget(
        rubric.clone(),
        round.clone(),
        object(&[("budget", 800_000.0.into())]),
    )
    .unwrap();
    assert!(get(&f, "optimal").as_bool().unwrap());
    assert!(get(&f, "totalFunded").as_f64().unwrap() <= 800_000.0);
}

#[wasm_bindgen_test]
fn bad_input_is_a_coded_error() {
    let (rubric, round) = example();
    let u = JsValue::UNDEFINED;
    assert_eq!(
        code(w::validate_round(rubric.clone(), JsValue::NULL)),
        "bad_input"
    );
    assert_eq!(
        code(w::validate_round(JsValue::from("rubric"), round.clone())),
        "bad_input"
    );
    assert_eq!(
        code(w::analyze_round(
            rubric.clone(),
            round.clone(),
            object(&[("levl", 0.9.into())])
        )),
        "bad_input"
    );
    assert_eq!(
        code(w::analyze_round(
            rubric.clone(),
            round.clone(),
            object(&[("level", 1.5.into())])
        )),
        "level_out_of_range"
    );
    assert_eq!(
        code(w::bootstrap_ranks(
            rubric.clone(),
            round.clone(),
            object(&[("seed", 1.5.into())])
        )),
        "bad_input"
    );
    assert_eq!(
        code(w::bootstrap_ranks(
            rubric.clone(),
            round.clone(),
            object(&[("resamples", 0.0.into())])
        )),
        "parameter_out_of_range"
    );
    assert_eq!(
        code(w::fund_within_budget(
            rubric.clone(),
            round.clone(),
            u.clone()
        )),
        "bad_input"
    );
    assert_eq!(
        code(w::fund_within_budget(
            rubric.clone(),
            round.clone(),
            object(&[("budget", f64::NAN.into())])
        )),
        "invalid_budget"
    );
    assert_eq!(
        code(w::fund_within_budget(
            rubric.clone(),
            round.clone(),
            object(&[("budget", "lots".into())])
        )),
        "bad_input"
    );
    assert_eq!(
        code(parse_reviews_csv(rubric.clone(), 42.0.into())),
        "bad_input"
    );
    assert_eq!(
        code(w::edit_rubric(
            rubric.clone(),
            object(&[("op", "remove".into()), ("id", "water".into())])
        )),
        "unknown_id"
    );
    assert_eq!(
        code(w::edit_rubric(
            rubric.clone(),
            object(&[("op", "explode".into())])
        )),
        "bad_input"
    );
    // A NaN score and an unknown reviewer are listed, each naming its ids.
    let scores = Array::from(&get(&round, "scores"));
    set(&scores.get(0), "value", f64::NAN.into());
    set(&scores.get(1), "reviewerId", "r99".into());
    let v = w::validate_round(rubric.clone(), round.clone()).unwrap();
    assert!(!get(&v, "valid").as_bool().unwrap());
    let errors = Array::from(&get(&v, "errors"));
    let codes: Vec<String> = errors
        .iter()
        .map(|e| get(&e, "code").as_string().unwrap())
        .collect();
    assert!(codes.contains(&"not_finite".into()) && codes.contains(&"unknown_id".into()));
    assert!(errors.iter().any(|e| get(&get(&e, "details"), "reviewerId")
        .as_string()
        .as_deref()
        == Some("r99")));
    // Analyses refuse the invalid round with the first problem's code.
    assert_eq!(
        code(w::analyze_round(rubric.clone(), round.clone(), u)),
        "not_finite"
    );
}

#[wasm_bindgen_test]
fn csv_import_reports_rows_and_columns() {
    let rubric = w::default_rubric().unwrap();
    let r = parse_reviews_csv(
        rubric,
        "reviewerId,proposalId,policies\nr1,p01,3\nr2,p01,x\n".into(),
    )
    .unwrap();
    assert_eq!(Array::from(&get(&r, "scores")).length(), 1);
    let e = Array::from(&get(&r, "errors")).get(0);
    assert_eq!(get(&get(&e, "details"), "row").as_f64(), Some(3.0));
    assert_eq!(
        get(&get(&e, "details"), "column").as_string().as_deref(),
        Some("policies")
    );
}

/// The example round's scores as `scoreColumns`: typed arrays, or plain arrays when `plain`.
fn example_in_columns(plain: bool) -> JsValue {
    use waterline::conditions::{Round, ScoreColumns, EXAMPLE_ROUND_JSON};
    let core: Round = serde_json::from_str(EXAMPLE_ROUND_JSON).unwrap();
    let c = ScoreColumns::from_scores(&core.scores);
    let ids = |v: &[String]| -> JsValue { v.iter().map(JsValue::from).collect::<Array>().into() };
    let index = |v: &[u32]| -> JsValue {
        if plain {
            v.iter()
                .map(|&x| JsValue::from(x))
                .collect::<Array>()
                .into()
        } else {
            js_sys::Uint32Array::from(v).into()
        }
    };
    let value: JsValue = if plain {
        c.value
            .iter()
            .map(|&x| JsValue::from(x))
            .collect::<Array>()
            .into()
    } else {
        js_sys::Float64Array::from(&c.value[..]).into()
    };
    let columns = object(&[
        ("reviewerIds", ids(&c.reviewer_ids)),
        ("proposalIds", ids(&c.proposal_ids)),
        ("conditionIds", ids(&c.condition_ids)),
        ("reviewer", index(&c.reviewer)),
        ("proposal", index(&c.proposal)),
        ("condition", index(&c.condition)),
        ("value", value),
    ]);
    let round = w::example_round(JsValue::UNDEFINED).unwrap();
    set(&round, "scores", Array::new().into());
    set(&round, "scoreColumns", columns);
    round
}

#[wasm_bindgen_test]
fn scores_in_typed_arrays_give_the_same_analysis_as_score_objects() {
    let (rubric, round) = example();
    let json = |v: JsValue| js_sys::JSON::stringify(&v).unwrap().as_string().unwrap();
    let objects = json(w::analyze_round(rubric.clone(), round, JsValue::UNDEFINED).unwrap());
    for plain in [false, true] {
        let columns = example_in_columns(plain);
        let a =
            json(w::analyze_round(rubric.clone(), columns.clone(), JsValue::UNDEFINED).unwrap());
        assert_eq!(a, objects, "plain arrays: {plain}");
        let v = w::validate_round(rubric.clone(), columns).unwrap();
        assert!(get(&v, "valid").as_bool().unwrap());
    }
}

#[wasm_bindgen_test]
fn bad_score_columns_are_coded_errors_naming_the_field() {
    let rubric = w::default_rubric().unwrap();
    let error =
        |round: JsValue| w::validate_round(rubric.clone(), round).expect_err("expected an error");
    let message = |e: &JsValue| get(e, "message").as_string().unwrap();
    // A misspelt field, a missing one, a wrong type, an index that is not whole.
    let round = example_in_columns(false);
    set(&get(&round, "scoreColumns"), "values", Array::new().into());
    let e = error(round);
    assert_eq!(get(&e, "code").as_string().unwrap(), "bad_input");
    assert!(
        message(&e).contains("unknown field `values`"),
        "{}",
        message(&e)
    );

    let round = example_in_columns(false);
    Reflect::delete_property(
        &get(&round, "scoreColumns").unchecked_into::<Object>(),
        &"value".into(),
    )
    .unwrap();
    assert!(message(&error(round)).contains("missing field `value`"));

    let round = example_in_columns(false);
    set(&get(&round, "scoreColumns"), "reviewer", "0,1".into());
    let e = error(round);
    assert_eq!(
        message(&e),
        "round.scoreColumns.reviewer must be a Uint32Array or an array of numbers, got string"
    );

    let round = example_in_columns(true);
    let proposal = get(&get(&round, "scoreColumns"), "proposal");
    Reflect::set(&proposal, &3.into(), &1.5.into()).unwrap();
    let e = error(round);
    assert!(message(&e).starts_with("round.scoreColumns.proposal[3] must be a whole number"));
    assert_eq!(get(&get(&e, "details"), "index").as_f64(), Some(3.0));

    // Another typed array is refused rather than converted.
    let round = example_in_columns(false);
    set(
        &get(&round, "scoreColumns"),
        "condition",
        js_sys::Int32Array::new_with_length(3).into(),
    );
    assert!(message(&error(round))
        .starts_with("round.scoreColumns.condition must be a Uint32Array or an array of numbers"));

    // `scoreColumns: null` is no columns, as an absent field is.
    let round = w::example_round(JsValue::UNDEFINED).unwrap();
    set(&round, "scoreColumns", JsValue::NULL);
    let v = w::validate_round(rubric.clone(), round).unwrap();
    assert!(get(&v, "valid").as_bool().unwrap());

    // NaN in a Float64Array is listed by validation with the entry, like a NaN score object.
    let round = example_in_columns(false);
    let value: js_sys::Float64Array = get(&get(&round, "scoreColumns"), "value").unchecked_into();
    value.set_index(2, f64::NAN);
    let v = w::validate_round(rubric.clone(), round).unwrap();
    let first = Array::from(&get(&v, "errors")).get(0);
    assert_eq!(get(&first, "code").as_string().unwrap(), "not_finite");
    assert!(message(&first).starts_with("scoreColumns entry 2 "));
}
