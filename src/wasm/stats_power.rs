//! Bindings of power and sample size (`crate::stats::power`): R's `power.prop.test` and
//! `power.t.test(type = "paired")`, and Connor (1987) for paired proportions. In the whole
//! engine and `pkg/stats/`; the area builds leave them out (issue 21): the Survey's planning
//! card, below its report, fills in once the whole engine has arrived (`www/engine.js`
//! `provide`), and no other area's page calls them.
//!
//! Each export decodes its arguments, calls one core function and encodes the result.

use super::{core, encode, number};
use crate::stats::{self, power};
use wasm_bindgen::prelude::*;

/// Decodes the numbers and options shared by the power exports (these and `stats_dist.rs`'s).
pub(crate) fn design(
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
