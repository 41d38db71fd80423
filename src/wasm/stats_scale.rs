//! Bindings of the scale statistics (`crate::stats::{student_t, reliability, adjust}`): bulk
//! Student t p-values, Cronbach's alpha, McDonald's omega, p-value adjustment. In the whole
//! engine and `pkg/stats/` (feature `stats_api`): no area's page calls them, so the area builds
//! leave them out (issue 21, README "Shipped size"). Power and sample size: [`super::stats_power`].
//!
//! Each export decodes its arguments, calls one core function and encodes the result; bulk
//! numbers arrive as `Float64Array` (`&[f64]`), where NaN marks a missing answer or p-value.

use super::{core, encode, floats, number};
use crate::error::{count, Code, Error};
use crate::stats::{self, student_t};
use wasm_bindgen::prelude::*;

/// Two-sided Student t p-values P(|T| ≥ |t|) for paired `t` and `df` arrays, accurate to 1e-12
/// relative error. Throws `length_mismatch`, or `not_finite` / `parameter_out_of_range` with
/// the `index` of the first bad value.
#[wasm_bindgen(js_name = tTwoSidedP)]
pub fn t_two_sided_p(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] t: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] df: JsValue,
) -> Result<Vec<f64>, JsValue> {
    let t = floats("t", &t)?;
    let t = t.as_slice();
    let df = floats("df", &df)?;
    let df = df.as_slice();
    core(student_t::two_sided_p_many(t, df))
}

/// Cronbach's alpha of a respondents × items matrix given row-major in `data` (NaN = missing;
/// respondents with a missing item are left out).
#[wasm_bindgen(js_name = cronbachAlpha, unchecked_return_type = "CronbachAlpha")]
pub fn cronbach_alpha(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] data: JsValue,
    #[wasm_bindgen(js_name = nItems, unchecked_param_type = "number")] n_items: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AlphaOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let data = floats("data", &data)?;
    let data = data.as_slice();
    let n_items = core(count("nItems", number("nItems", &n_items)?))?;
    let n_items =
        core(usize::try_from(n_items).map_err(|_| {
            Error::new(Code::TooLarge, "nItems is too large").with("nItems", n_items)
        }))?;
    let options: stats::AlphaOptions = super::options::options(options)?;
    encode(&core(stats::cronbach_alpha(data, n_items, &options))?)
}

/// McDonald's omega total of a respondents × items matrix given row-major in `data` (NaN =
/// missing, listwise), from a one-factor minres fit to the correlation matrix (R psych
/// `omega(x, nfactors = 1)`).
#[wasm_bindgen(js_name = mcdonaldOmega, unchecked_return_type = "Omega")]
pub fn mcdonald_omega(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] data: JsValue,
    #[wasm_bindgen(js_name = nItems, unchecked_param_type = "number")] n_items: JsValue,
) -> Result<JsValue, JsValue> {
    let data = floats("data", &data)?;
    let n_items = core(count("nItems", number("nItems", &n_items)?))?;
    let n_items =
        core(usize::try_from(n_items).map_err(|_| {
            Error::new(Code::TooLarge, "nItems is too large").with("nItems", n_items)
        }))?;
    encode(&core(stats::mcdonald_omega(data.as_slice(), n_items))?)
}

/// Adjusts p-values for multiple comparisons as R's `p.adjust` (default Holm).
#[wasm_bindgen(js_name = pAdjust, unchecked_return_type = "AdjustedPValues")]
pub fn p_adjust(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] p: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AdjustOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let p = floats("p", &p)?;
    let p = p.as_slice();
    let options: stats::AdjustOptions = super::options::options(options)?;
    encode(&core(stats::p_adjust(p, options.method))?)
}
