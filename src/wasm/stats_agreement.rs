//! Bindings of the agreement, reliability and association statistics (#19): the six
//! Shrout–Fleiss ICCs, Krippendorff's alpha with a bootstrap interval, Cohen's and Fleiss' kappa,
//! Pearson and Spearman correlation, and the Kruskal–Wallis test.
//!
//! Matrices arrive row-major as one `Float64Array` (NaN = missing) with the length of a row.

use super::{core, encode, floats, number, two_arrays};
use crate::error::{count, Code, Error};
use crate::stats;
use wasm_bindgen::prelude::*;

/// A row-major matrix with `columns` columns read from `data`: its cells (`None` for NaN) and
/// its number of rows. `columns` must be a positive whole number dividing the length.
fn matrix(
    data: &JsValue,
    name: &str,
    columns: &JsValue,
) -> Result<(Vec<Option<f64>>, usize, usize), JsValue> {
    let data = floats("data", data)?;
    let k = core(count(name, number(name, columns)?))?;
    let k = core(usize::try_from(k).map_err(|_| Error::new(Code::TooLarge, "too many columns")))?;
    if k == 0 || data.len() % k != 0 {
        return Err(super::to_js_error(
            Error::new(
                Code::LengthMismatch,
                format!("{} values do not fill rows of {name} = {k}", data.len()),
            )
            .with(name, k)
            .with("actual", data.len()),
        ));
    }
    let cells = data.iter().map(|x| (!x.is_nan()).then_some(*x)).collect();
    Ok((cells, data.len() / k, k))
}

/// The six Shrout–Fleiss intraclass correlations of a subjects × raters matrix (row-major, NaN
/// = missing; subjects with a missing rating are left out), as R `psych::ICC`.
#[wasm_bindgen(js_name = icc, unchecked_return_type = "IccResult")]
pub fn icc(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] data: JsValue,
    #[wasm_bindgen(js_name = nRaters, unchecked_param_type = "number")] n_raters: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (cells, n, k) = matrix(&data, "nRaters", &n_raters)?;
    let options: stats::LevelOptions = super::options::options(options)?;
    let level = options.level;
    encode(&core(stats::icc(&cells, n, k, level))?)
}

/// Krippendorff's alpha of a **raters × units** matrix (row-major: rater r's rating of unit u at
/// `r * nUnits + u`, NaN = missing) at the nominal, ordinal, interval or ratio level, with a
/// seeded bootstrap interval over units.
#[wasm_bindgen(js_name = krippendorffAlpha, unchecked_return_type = "KrippendorffAlpha")]
pub fn krippendorff_alpha(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] data: JsValue,
    #[wasm_bindgen(js_name = nUnits, unchecked_param_type = "number")] n_units: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "KrippendorffOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (cells, raters, units) = matrix(&data, "nUnits", &n_units)?;
    let options: stats::KrippendorffOptions = super::options::options(options)?;
    // units × raters, as the core reads it
    let mut by_unit = Vec::with_capacity(cells.len());
    for u in 0..units {
        by_unit.extend((0..raters).map(|r| cells.get(r * units + u).copied().flatten()));
    }
    encode(&core(stats::krippendorff_alpha_interval(
        &by_unit, units, raters, &options,
    ))?)
}

/// Cohen's kappa of two raters' codes (NaN = missing), unweighted and with linear and quadratic
/// weights over the listed categories, with vcd's asymptotic SE and Wald intervals.
#[wasm_bindgen(js_name = cohensKappa, unchecked_return_type = "CohensKappa")]
pub fn cohens_kappa(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] b: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "KappaOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays(("a", "b"), a, b, options, stats::cohens_kappa)
}

/// Fleiss' kappa of a subjects × raters matrix of codes (row-major, NaN = missing; incomplete
/// subjects left out), with its z test, as R `irr::kappam.fleiss`.
#[wasm_bindgen(js_name = fleissKappa, unchecked_return_type = "FleissKappa")]
pub fn fleiss_kappa(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] data: JsValue,
    #[wasm_bindgen(js_name = nRaters, unchecked_param_type = "number")] n_raters: JsValue,
) -> Result<JsValue, JsValue> {
    let (cells, n, k) = matrix(&data, "nRaters", &n_raters)?;
    let codes: Vec<f64> = cells.iter().map(|c| c.unwrap_or(f64::NAN)).collect();
    encode(&core(stats::fleiss_kappa(&codes, n, k))?)
}

/// Pearson's correlation with its t test and Fisher-z interval (R `cor.test`); NaN = missing.
#[wasm_bindgen(js_name = pearsonCorrelation, unchecked_return_type = "Correlation")]
pub fn pearson_correlation(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] y: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CorrelationOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays(("x", "y"), x, y, options, stats::pearson)
}

/// Spearman's rank correlation with R's p-value (exact for n ≤ 9, AS 89 to n = 1290, else or
/// with ties the t approximation; `exact: false` forces it) and the Bonett–Wright interval;
/// NaN = missing.
#[wasm_bindgen(js_name = spearmanCorrelation, unchecked_return_type = "Correlation")]
pub fn spearman_correlation(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] y: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CorrelationOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays(("x", "y"), x, y, options, stats::spearman)
}

/// The Kruskal–Wallis test of `values` by numeric `groups` codes, tie-corrected (R
/// `kruskal.test`); NaN in either = missing.
#[wasm_bindgen(js_name = kruskalWallis, unchecked_return_type = "KruskalWallis")]
pub fn kruskal_wallis(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] groups: JsValue,
) -> Result<JsValue, JsValue> {
    let values = floats("values", &values)?;
    let groups = floats("groups", &groups)?;
    encode(&core(stats::kruskal_wallis(&values, &groups))?)
}
