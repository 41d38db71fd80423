//! Bindings of the distribution functions in bulk ([`crate::stats::distribution`]) and of the
//! power designs for independent groups and one proportion ([`crate::stats::power`], #19).
//!
//! One export per distribution, each with its own named parameters (so the types say which a
//! distribution takes), and a shared `what` option choosing `cdf`, `sf`, `quantile` or `isf`:
//! the four functions share one validated core path, and a page that needs both tails of one
//! distribution switches a string, not a function. Values arrive and leave as `Float64Array`.

use super::stats_power::design;
use super::{core, encode, floats, number};
use crate::stats::distribution::{evaluate, Family, What};
use crate::stats::power;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// Options of the distribution exports.
#[derive(Deserialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS, Debug))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DistOptions {
    /// `cdf` (default), `sf`, `quantile` or `isf`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub what: Option<What>,
}

/// Decodes the values and options, evaluates.
fn bulk(family: Family, x: JsValue, options: JsValue) -> Result<Vec<f64>, JsValue> {
    let x = floats("x", &x)?;
    let options: DistOptions = super::options::options(options)?;
    let what = options.what.unwrap_or_default();
    core(evaluate(family, what, &x))
}

/// Standard normal cdf, sf, quantile or isf at every value of `x`.
#[wasm_bindgen(js_name = distNormal)]
pub fn dist_normal(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DistOptions | null")] options: JsValue,
) -> Result<Vec<f64>, JsValue> {
    bulk(Family::Normal, x, options)
}

/// Student t with `df` > 0 degrees of freedom.
#[wasm_bindgen(js_name = distStudentT)]
pub fn dist_student_t(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] df: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DistOptions | null")] options: JsValue,
) -> Result<Vec<f64>, JsValue> {
    let df = number("df", &df)?;
    bulk(Family::StudentT { df }, x, options)
}

/// Chi-square with 0 < `df` ≤ 1e9 degrees of freedom.
#[wasm_bindgen(js_name = distChiSquare)]
pub fn dist_chi_square(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] df: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DistOptions | null")] options: JsValue,
) -> Result<Vec<f64>, JsValue> {
    let df = number("df", &df)?;
    bulk(Family::ChiSquare { df }, x, options)
}

/// F with `df1`, `df2` > 0 degrees of freedom.
#[wasm_bindgen(js_name = distF)]
pub fn dist_f(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] df1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] df2: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DistOptions | null")] options: JsValue,
) -> Result<Vec<f64>, JsValue> {
    let df1 = number("df1", &df1)?;
    let df2 = number("df2", &df2)?;
    bulk(Family::F { df1, df2 }, x, options)
}

/// Binomial with `n` trials and success probability `p` (k rounded down, as R).
#[wasm_bindgen(js_name = distBinomial)]
pub fn dist_binomial(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] p: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DistOptions | null")] options: JsValue,
) -> Result<Vec<f64>, JsValue> {
    let n = number("n", &n)?;
    let p = number("p", &p)?;
    bulk(Family::Binomial { n, p }, x, options)
}

/// Declares a power export and its sample-size export for one design.
macro_rules! power_pair {
    ($power_js:literal, $power_fn:ident, $size_js:literal, $size_fn:ident, $a:ident, $b:ident) => {
        #[doc = concat!("Power of the design with `", stringify!($a), "`, `", stringify!($b), "` and `n` (", stringify!($power_fn), ").")]
        #[wasm_bindgen(js_name = $power_js, unchecked_return_type = "Power")]
        pub fn $power_fn(
            #[wasm_bindgen(unchecked_param_type = "number")] $a: JsValue,
            #[wasm_bindgen(unchecked_param_type = "number")] $b: JsValue,
            #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
            #[wasm_bindgen(unchecked_optional_param_type = "PowerOptions | null")] options: JsValue,
        ) -> Result<JsValue, JsValue> {
            let ([a, b, n], o) = design([stringify!($a), stringify!($b), "n"], [&$a, &$b, &n], options)?;
            encode(&core(power::$power_fn(a, b, n, &o))?)
        }

        #[doc = concat!("Sample size of the design with `", stringify!($a), "`, `", stringify!($b), "` for a target `power` (", stringify!($size_fn), ").")]
        #[wasm_bindgen(js_name = $size_js, unchecked_return_type = "SampleSize")]
        pub fn $size_fn(
            #[wasm_bindgen(unchecked_param_type = "number")] $a: JsValue,
            #[wasm_bindgen(unchecked_param_type = "number")] $b: JsValue,
            #[wasm_bindgen(unchecked_param_type = "number")] power: JsValue,
            #[wasm_bindgen(unchecked_optional_param_type = "PowerOptions | null")] options: JsValue,
        ) -> Result<JsValue, JsValue> {
            let ([a, b, target], o) = design(
                [stringify!($a), stringify!($b), "power"],
                [&$a, &$b, &power],
                options,
            )?;
            encode(&core(power::$size_fn(a, b, target, &o))?)
        }
    };
}

power_pair!(
    "powerTwoMeans",
    power_two_means,
    "sampleSizeTwoMeans",
    sample_size_two_means,
    delta,
    sd
);
power_pair!(
    "powerRankSum",
    power_rank_sum,
    "sampleSizeRankSum",
    sample_size_rank_sum,
    delta,
    sd
);
power_pair!(
    "powerOneProportion",
    power_one_proportion,
    "sampleSizeOneProportion",
    sample_size_one_proportion,
    p,
    p0
);
