//! Bindings of survey raking without a survey (#19): `rake(columns, margins, options)`. A
//! survey's own weights are declared in its mapping (`weight`, `raking`; see `Survey`).

use super::{core, decode, encode};
use crate::survey::weights::{rake_columns, RakeOptions};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// Rakes rows to known margins (iterative proportional fitting, R `survey::rake`):
/// `columns[i]` holds each row's category, `margins[i]` each category's population share (or
/// count, with `options.scale = "counts"`). Throws `length_mismatch`, `empty_sample`,
/// `invalid_weight`, `unknown_label` (a category without a target, with `row`),
/// `parameter_out_of_range`, `not_converged` or `bad_input`.
#[wasm_bindgen(js_name = rake, unchecked_return_type = "RakeResult")]
pub fn rake(
    #[wasm_bindgen(unchecked_param_type = "string[][]")] columns: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, number>[]")] margins: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RakeOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let columns: Vec<Vec<String>> = decode("columns", columns)?;
    let margins: Vec<BTreeMap<String, f64>> = decode("margins", margins)?;
    let options: Option<RakeOptions> = decode("options", options)?;
    encode(&core(rake_columns(
        &columns,
        &margins,
        &options.unwrap_or_default(),
    ))?)
}
