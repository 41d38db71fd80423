//! Bindings of the shift statistics (`crate::stats::{paired, rank, two_sample, contingency}`):
//! McNemar, Wilcoxon signed-rank, paired t, two proportions, Mann–Whitney and chi-square.
//!
//! Each export decodes its arguments, calls one core function and encodes the result; bulk
//! numbers arrive as `Float64Array` (`&[f64]`), where NaN marks a missing answer.

use super::{core, encode, floats, number, two_arrays};
use crate::stats;
use wasm_bindgen::prelude::*;

/// McNemar's test from the discordant counts `b` (yes → no) and `c` (no → yes); exact p-value,
/// chi-square with and without correction, and, given `options.a` and `options.d`, the change
/// in the share saying yes with Newcombe's paired interval.
#[wasm_bindgen(js_name = mcnemar, unchecked_return_type = "McNemar")]
pub fn mcnemar(
    #[wasm_bindgen(unchecked_param_type = "number")] b: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] c: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "McNemarOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let b = number("b", &b)?;
    let c = number("c", &c)?;
    let options: stats::McNemarOptions = super::options::options(options)?;
    encode(&core(stats::mcnemar(b, c, &options))?)
}

/// McNemar's test from paired answers coded 1 (yes) / 0 (no) / NaN (missing).
#[wasm_bindgen(js_name = mcnemarPairs, unchecked_return_type = "McNemar")]
pub fn mcnemar_pairs(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] after: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<stats::LevelOptions, _>(
        ("before", "after"),
        before,
        after,
        options,
        stats::mcnemar_pairs,
    )
}

/// Wilcoxon signed-rank test of `after − before` (NaN = missing pair).
#[wasm_bindgen(js_name = wilcoxonSignedRank, unchecked_return_type = "SignedRankTest")]
pub fn wilcoxon_signed_rank(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] after: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SignedRankOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<stats::SignedRankOptions, _>(
        ("before", "after"),
        before,
        after,
        options,
        stats::wilcoxon_signed_rank,
    )
}

/// Paired t-test of `after − before` with the interval for the mean change and Cohen's d_z.
#[wasm_bindgen(js_name = pairedT, unchecked_return_type = "PairedT")]
pub fn paired_t(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] after: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<stats::LevelOptions, _>(
        ("before", "after"),
        before,
        after,
        options,
        stats::paired_t,
    )
}

/// Two independent proportions (two survey waves): p2 − p1 with Newcombe's interval, the
/// chi-square test and Cohen's h.
#[wasm_bindgen(js_name = twoProportions, unchecked_return_type = "TwoProportions")]
pub fn two_proportions(
    #[wasm_bindgen(unchecked_param_type = "number")] x1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] x2: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n2: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TwoProportionsOptions | null")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let (x1, n1) = (number("x1", &x1)?, number("n1", &n1)?);
    let (x2, n2) = (number("x2", &x2)?, number("n2", &n2)?);
    let options: stats::TwoProportionsOptions = super::options::options(options)?;
    encode(&core(stats::two_proportions(x1, n1, x2, n2, &options))?)
}

/// Mann–Whitney U test of two independent samples (NaN = missing).
#[wasm_bindgen(js_name = mannWhitney, unchecked_return_type = "MannWhitney")]
pub fn mann_whitney(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] y: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MannWhitneyOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<stats::MannWhitneyOptions, _>(("x", "y"), x, y, options, stats::mann_whitney)
}

/// Chi-square test of independence on a table of counts (`table[row][column]`).
#[wasm_bindgen(js_name = chiSquare, unchecked_return_type = "ChiSquareTest")]
pub fn chi_square(
    #[wasm_bindgen(unchecked_param_type = "number[][]")] table: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChiSquareOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let table = super::options::table("table", table)?;
    let options: stats::ChiSquareOptions = super::options::options(options)?;
    encode(&core(stats::chi_square(&table, &options))?)
}

/// Chi-square goodness of fit of observed counts against probabilities that sum to 1.
#[wasm_bindgen(js_name = chiSquareGof, unchecked_return_type = "GoodnessOfFit")]
pub fn chi_square_gof(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] observed: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] probabilities: JsValue,
) -> Result<JsValue, JsValue> {
    let observed = floats("observed", &observed)?;
    let observed = observed.as_slice();
    let probabilities = floats("probabilities", &probabilities)?;
    let probabilities = probabilities.as_slice();
    encode(&core(stats::chi_square_gof(observed, probabilities))?)
}
