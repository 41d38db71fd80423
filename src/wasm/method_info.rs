//! Binding of [`crate::method_info`]: the citation and R call of a method tag, for the page's
//! method cards and the evaluation report (issue 18).

use super::encode;
use wasm_bindgen::prelude::*;

/// The reference of a method tag (`wilson`, `bootstrap_reviewers`, `cpm`, …): `{ method, area,
/// paper, rCall }`, or `null` for a tag no result carries. Throws `bad_input` when `method` is
/// not a string.
#[wasm_bindgen(js_name = methodInfo, unchecked_return_type = "MethodInfo | null")]
pub fn method_info(
    #[wasm_bindgen(unchecked_param_type = "string")] method: JsValue,
) -> Result<JsValue, JsValue> {
    let method = super::options::text("method", method)?;
    match crate::method_info::method_info(&method) {
        Some(info) => encode(&info),
        None => Ok(JsValue::NULL),
    }
}
