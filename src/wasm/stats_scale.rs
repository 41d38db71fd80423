//! Bindings of the scale statistics (`crate::stats::{student_t, reliability, adjust, power}`):
//! bulk Student t p-values, Cronbach's alpha, McDonald's omega, p-value adjustment, and power
//! and sample size.
//!
//! Each export decodes its arguments, calls one core function and encodes the result; bulk
//! numbers arrive as `Float64Array` (`&[f64]`), where NaN marks a missing answer or p-value.

use super::{core, encode, floats, number};
use crate::error::{count, Code, Error};
use crate::stats::{self, power, student_t};
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

/// Decodes the numbers and options shared by the power exports.
fn design(
    names: [&str; 3],
    values: [&JsValue; 3],
    options: JsValue,
) -> Result<([f64; 3], stats::PowerOptions), JsValue> {
    let a = number(names[0], values[0])?;
    let b = number(names[1], values[1])?;
    let c = number(names[2], values[2])?;
    let options: stats::PowerOptions = super::options::options(options)?;
    Ok(([a, b, c], options))
}

/// People per group needed to detect p1 vs p2 in two independent groups (R `power.prop.test`).
#[wasm_bindgen(js_name = sampleSizeTwoProportions, unchecked_return_type = "SampleSize")]
pub fn sample_size_two_proportions(
    #[wasm_bindgen(unchecked_param_type = "number")] p1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] p2: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] power: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PowerOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let ([p1, p2, target], o) = design(["p1", "p2", "power"], [&p1, &p2, &power], options)?;
    encode(&core(power::sample_size_two_proportions(
        p1, p2, target, &o,
    ))?)
}

/// Power to detect p1 vs p2 with `n` per group (R `power.prop.test`).
#[wasm_bindgen(js_name = powerTwoProportions, unchecked_return_type = "Power")]
pub fn power_two_proportions(
    #[wasm_bindgen(unchecked_param_type = "number")] p1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] p2: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PowerOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let ([p1, p2, n], o) = design(["p1", "p2", "n"], [&p1, &p2, &n], options)?;
    encode(&core(power::power_two_proportions(p1, p2, n, &o))?)
}

/// Pairs needed for a paired t-test to detect a mean change `delta` with SD of changes `sd`
/// (R `power.t.test(type = "paired")`).
#[wasm_bindgen(js_name = sampleSizePairedMeans, unchecked_return_type = "SampleSize")]
pub fn sample_size_paired_means(
    #[wasm_bindgen(unchecked_param_type = "number")] delta: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] sd: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] power: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PowerOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let ([delta, sd, target], o) =
        design(["delta", "sd", "power"], [&delta, &sd, &power], options)?;
    encode(&core(power::sample_size_paired_means(
        delta, sd, target, &o,
    ))?)
}

/// Power of a paired t-test with `n` pairs (R `power.t.test(type = "paired")`).
#[wasm_bindgen(js_name = powerPairedMeans, unchecked_return_type = "Power")]
pub fn power_paired_means(
    #[wasm_bindgen(unchecked_param_type = "number")] delta: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] sd: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PowerOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let ([delta, sd, n], o) = design(["delta", "sd", "n"], [&delta, &sd, &n], options)?;
    encode(&core(power::power_paired_means(delta, sd, n, &o))?)
}

/// Pairs needed for McNemar's test from the discordant probabilities p10 (yes → no) and p01
/// (no → yes), Connor (1987).
#[wasm_bindgen(js_name = sampleSizePairedProportions, unchecked_return_type = "SampleSize")]
pub fn sample_size_paired_proportions(
    #[wasm_bindgen(unchecked_param_type = "number")] p10: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] p01: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] power: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PowerOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let ([p10, p01, target], o) = design(["p10", "p01", "power"], [&p10, &p01, &power], options)?;
    encode(&core(power::sample_size_paired_proportions(
        p10, p01, target, &o,
    ))?)
}

/// Power of McNemar's test with `n` pairs, Connor (1987).
#[wasm_bindgen(js_name = powerPairedProportions, unchecked_return_type = "Power")]
pub fn power_paired_proportions(
    #[wasm_bindgen(unchecked_param_type = "number")] p10: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] p01: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PowerOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let ([p10, p01, n], o) = design(["p10", "p01", "n"], [&p10, &p01, &n], options)?;
    encode(&core(power::power_paired_proportions(p10, p01, n, &o))?)
}
