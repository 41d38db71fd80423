//! Bindings of the weighted estimators (`crate::stats::weighted`, #19): weighted shares,
//! means and paired shifts with linearised standard errors, Kish's effective sample size and
//! design effects. In the statistics-only build too.

use super::{core, encode, floats};
use crate::stats::weighted::{self, ShareInterval};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// Options of the weighted estimators.
#[derive(Deserialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS, Debug), ts(rename = "WeightedOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WeightedOptions {
    /// Confidence level in (0, 1); default 0.95.
    #[cfg_attr(test, ts(optional = nullable))]
    pub level: Option<f64>,
    /// Shares only: `"wilson_kish"` (default) or `"korn_graubard"`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub interval: Option<ShareInterval>,
}

fn options(value: JsValue) -> Result<WeightedOptions, JsValue> {
    super::options::options(value)
}

/// Weighted share of `values` (each 0 or 1) under `weights` (≥ 0, positive sum): estimate,
/// linearised SE (R `svymean`), interval (Wilson on Kish's n_eff, or Korn–Graubard as R
/// `svyciprop(method = "beta")`), n_eff and design effects. Throws `length_mismatch`,
/// `empty_sample`, `not_finite`, `invalid_weight`, `value_out_of_range`,
/// `level_out_of_range` or `bad_input`.
#[wasm_bindgen(js_name = weightedShare, unchecked_return_type = "WeightedMean")]
pub fn weighted_share(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] weights: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "WeightedOptions | null")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    let (y, w) = (floats("values", &values)?, floats("weights", &weights)?);
    let o = options(opts)?;
    encode(&core(weighted::weighted_share(
        &y,
        &w,
        o.level.unwrap_or(0.95),
        o.interval.unwrap_or_default(),
    ))?)
}

/// Weighted mean with its linearised SE and normal interval (R `svymean` on a design of
/// weights only), n_eff and design effects. Throws as `weightedShare` (but any finite value).
#[wasm_bindgen(js_name = weightedMean, unchecked_return_type = "WeightedMean")]
pub fn weighted_mean(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] weights: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "WeightedOptions | null")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    let (y, w) = (floats("values", &values)?, floats("weights", &weights)?);
    let o = options(opts)?;
    encode(&core(weighted::weighted_mean(
        &y,
        &w,
        o.level.unwrap_or(0.95),
    ))?)
}

/// Weighted paired shift: the weighted mean of `after − before` for the same respondents,
/// with its linearised SE. Throws as `weightedMean`.
#[wasm_bindgen(js_name = weightedShift, unchecked_return_type = "WeightedMean")]
pub fn weighted_shift(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] after: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] weights: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "WeightedOptions | null")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    let b = floats("before", &before)?;
    let a = floats("after", &after)?;
    let w = floats("weights", &weights)?;
    let o = options(opts)?;
    encode(&core(weighted::weighted_shift(
        &b,
        &a,
        &w,
        o.level.unwrap_or(0.95),
    ))?)
}
