//! Bindings of the #19 statistics (`crate::stats::{one_proportion, two_by_two, fisher,
//! paired_binary, means, effect_size}`): one proportion, two proportions as a 2×2 table,
//! Fisher's exact test, paired yes/no, t-tests and standardized effect sizes.
//!
//! Each export decodes its arguments, calls one core function and encodes the result; bulk
//! numbers arrive as `Float64Array` (`&[f64]`), where NaN marks a missing answer.

use super::{core, encode, floats, number, two_arrays};
use crate::stats::{effect_size, fisher, means, one_proportion as one, LevelOptions};
use wasm_bindgen::prelude::*;

/// Decodes optional options (defaults when absent).
fn options<O: super::options::FromOptions>(value: JsValue) -> Result<O, JsValue> {
    super::options::options(value)
}

/// An interval for `x` of `n` by `options.method` (`wilson`, `wilson_cc`, `clopper_pearson`,
/// `agresti_coull`, `jeffreys`).
#[wasm_bindgen(js_name = proportionInterval, unchecked_return_type = "OneProportion")]
pub fn proportion_interval(
    #[wasm_bindgen(unchecked_param_type = "number")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "IntervalOptions | null")] options_: JsValue,
) -> Result<JsValue, JsValue> {
    let (x, n) = (number("x", &x)?, number("n", &n)?);
    let o: one::IntervalOptions = options(options_)?;
    encode(&core(one::proportion_interval(x, n, &o))?)
}

/// The exact binomial test of `x` of `n` against `options.p0` (R `binom.test`).
#[wasm_bindgen(js_name = binomTest, unchecked_return_type = "BinomTest")]
pub fn binom_test(
    #[wasm_bindgen(unchecked_param_type = "number")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BinomTestOptions | null")] options_: JsValue,
) -> Result<JsValue, JsValue> {
    let (x, n) = (number("x", &x)?, number("n", &n)?);
    let o: one::BinomTestOptions = options(options_)?;
    encode(&core(one::binom_test(x, n, &o))?)
}

/// Group 1 against group 2: Wald intervals for p₁ − p₂, risk ratio and odds ratio.
#[wasm_bindgen(js_name = compareProportions, unchecked_return_type = "ProportionComparison")]
pub fn compare_proportions(
    #[wasm_bindgen(unchecked_param_type = "number")] x1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] x2: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n2: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | null")] options_: JsValue,
) -> Result<JsValue, JsValue> {
    let (x1, n1) = (number("x1", &x1)?, number("n1", &n1)?);
    let (x2, n2) = (number("x2", &x2)?, number("n2", &n2)?);
    let o: LevelOptions = options(options_)?;
    encode(&core(crate::stats::two_by_two::compare_proportions(
        x1, n1, x2, n2, &o,
    ))?)
}

/// Fisher's exact test on a table of counts (`table[row][column]`, 2×2 or r×c).
#[wasm_bindgen(js_name = fisherExact, unchecked_return_type = "FisherExact")]
pub fn fisher_exact(
    #[wasm_bindgen(unchecked_param_type = "number[][]")] table: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | null")] options_: JsValue,
) -> Result<JsValue, JsValue> {
    let table = super::options::table("table", table)?;
    let o: LevelOptions = options(options_)?;
    encode(&core(fisher::fisher_exact(&table, o.level))?)
}

/// Paired yes/no from the full table (a yes–yes, b yes–no, c no–yes, d no–no): mid-p McNemar,
/// Wald, Wald with correction and Newcombe intervals for after − before.
#[wasm_bindgen(js_name = pairedProportions, unchecked_return_type = "PairedProportions")]
pub fn paired_proportions(
    #[wasm_bindgen(unchecked_param_type = "number")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] b: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] c: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] d: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | null")] options_: JsValue,
) -> Result<JsValue, JsValue> {
    let (a, b) = (number("a", &a)?, number("b", &b)?);
    let (c, d) = (number("c", &c)?, number("d", &d)?);
    let o: LevelOptions = options(options_)?;
    encode(&core(crate::stats::paired_binary::paired_proportions(
        a, b, c, d, &o,
    ))?)
}

/// One-sample t-test of the mean of `x` against `options.mu` (NaN = missing).
#[wasm_bindgen(js_name = oneSampleT, unchecked_return_type = "TTest")]
pub fn one_sample_t(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TTestOptions | null")] options_: JsValue,
) -> Result<JsValue, JsValue> {
    let x = floats("x", &x)?;
    let o: means::TTestOptions = options(options_)?;
    encode(&core(means::one_sample_t(&x, &o))?)
}

/// Welch's (default) or Student's two-sample t-test of mean(x) − mean(y).
#[wasm_bindgen(js_name = twoSampleT, unchecked_return_type = "TTest")]
pub fn two_sample_t(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] y: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TTestOptions | null")] options_: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<means::TTestOptions, _>(("x", "y"), x, y, options_, means::two_sample_t)
}

/// Cohen's d and Hedges' g (exact and approximate) of x against y with noncentral-t intervals.
#[wasm_bindgen(js_name = cohensD, unchecked_return_type = "IndependentEffects")]
pub fn cohens_d(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] y: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | null")] options_: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<LevelOptions, _>(("x", "y"), x, y, options_, effect_size::cohens_d)
}

/// d_z, g_z and g_av of paired data (after − before; NaN drops the pair).
#[wasm_bindgen(js_name = pairedEffects, unchecked_return_type = "PairedEffects")]
pub fn paired_effects(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] after: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | null")] options_: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<LevelOptions, _>(
        ("before", "after"),
        before,
        after,
        options_,
        effect_size::paired_effects,
    )
}
