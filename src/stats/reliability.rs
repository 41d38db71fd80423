//! Internal-consistency reliability of a multi-item scale: Cronbach's alpha.
//!
//! A survey often measures one idea (e.g. parents' confidence engaging with the school) with
//! several Likert items; alpha says how consistently the items move together, so that summing
//! them into one score is defensible.

use crate::error::{level as check_level, Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::limits::{at_most, magnitude, MAX_MAGNITUDE};
use crate::stats::method::Method;
use crate::stats::student_t::f_quantile;

/// Most items in one scale: the survey's own limit on items (2,000), far beyond any real scale;
/// it bounds the k × k covariance matrix at 32 MB.
pub const MAX_ITEMS: usize = 2000;

/// Most multiply-adds of the covariance pass, complete respondents × k(k + 1)/2 (about a second
/// in WebAssembly): 500 respondents at 2,000 items, 800,000 at 50.
pub const MAX_WORK: f64 = 1e9;
use serde::{Deserialize, Serialize};

/// Options of [`cronbach_alpha`].
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AlphaOptions {
    /// Confidence level of the Feldt interval, in (0, 1). Default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
}

impl Default for AlphaOptions {
    fn default() -> Self {
        AlphaOptions { level: 0.95 }
    }
}

/// Statistics of one item of the scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ItemReliability {
    /// Column of the item in the data (0-based).
    pub index: usize,
    /// Mean of the item over the complete respondents.
    pub mean: f64,
    /// Standard deviation of the item (n − 1 denominator).
    pub sd: f64,
    /// Correlation of the item with the total score (R psych: `raw.r`); `None` when the item
    /// does not vary.
    pub r_total: Option<f64>,
    /// Corrected item-total correlation: the item with the sum of the other items (R psych:
    /// `r.drop`); `None` when the item or the rest does not vary.
    pub r_drop: Option<f64>,
    /// Raw alpha of the scale without this item (R psych: `alpha.drop$raw_alpha`); `None` with
    /// only two items (one left is no scale) or when the rest does not vary.
    pub alpha_if_deleted: Option<f64>,
}

/// Cronbach's alpha with its Feldt confidence interval and item statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CronbachAlpha {
    /// `"cronbach"`.
    pub method: Method,
    /// Method of the confidence interval: `"feldt"`.
    pub ci_method: Method,
    /// How missing answers were handled: `"listwise"` (a respondent with any missing item is
    /// left out).
    pub missing: &'static str,
    /// Respondents (rows) given.
    pub n: usize,
    /// Respondents with every item answered, used in all statistics.
    pub n_used: usize,
    /// Respondents left out because of a missing answer.
    pub n_excluded: usize,
    /// Number of items (columns).
    pub n_items: usize,
    /// Raw alpha from the covariance matrix; at most 1 and can be negative.
    pub alpha: f64,
    /// Standardized alpha from the mean inter-item correlation; `None` when an item does not
    /// vary.
    pub standardized_alpha: Option<f64>,
    /// Mean of the correlations between distinct items (R psych: `average_r`).
    pub mean_inter_item_r: Option<f64>,
    /// Lower bound of the Feldt interval for alpha.
    pub lower: f64,
    /// Upper bound of the Feldt interval for alpha.
    pub upper: f64,
    /// Confidence level of the interval, in (0, 1).
    pub level: f64,
    /// Per-item statistics, in column order.
    pub items: Vec<ItemReliability>,
    /// Notes for the reader (excluded respondents, items that do not vary, negative alpha).
    pub warnings: Vec<Note>,
}

/// Cronbach's alpha of a scale from an item matrix (respondents × items).
///
/// `data` is row-major: respondent `r`'s answer to item `j` is `data[r * n_items + j]`. NaN marks
/// a missing answer; respondents with any missing answer are left out (listwise deletion) and
/// counted in `n_excluded`.
///
/// # Formula
/// ```text
/// k items, C their covariance matrix (n − 1 denominator), V = Σ_ij C_ij the total-score variance
/// alpha              = k / (k − 1) · (1 − Σ_i C_ii / V)
/// standardized alpha = k r̄ / (1 + (k − 1) r̄),  r̄ = mean correlation between distinct items
/// r_total(i)         = Σ_j C_ij / √(C_ii V)
/// r_drop(i)          = (Σ_j C_ij − C_ii) / √(C_ii V₋ᵢ),  V₋ᵢ = V − 2 Σ_j C_ij + C_ii
/// Feldt interval     = 1 − (1 − alpha) · F⁻¹((1 ± level) / 2; n − 1, (n − 1)(k − 1))
/// ```
///
/// # Errors
/// [`Code::SampleTooSmall`] with fewer than 2 items or fewer than 2 complete respondents,
/// [`Code::LengthMismatch`] when `data.len()` is not a multiple of `n_items`,
/// [`Code::NotFinite`] for an infinite value (naming `row` and `column`),
/// [`Code::ValueOutOfRange`] for a value beyond ±10¹⁰⁰ ([`crate::stats::limits`]),
/// [`Code::TooLarge`] above [`MAX_ITEMS`] items or [`MAX_WORK`] respondents × item pairs,
/// [`Code::NoVariation`] when the total score is the same for everyone,
/// [`Code::LevelOutOfRange`] for a level outside (0, 1).
///
/// # Examples
/// Four parents answer three 5-point items:
/// ```
/// use waterline::stats::{cronbach_alpha, AlphaOptions};
/// let data = [4.0, 5.0, 4.0,
///             2.0, 3.0, 3.0,
///             5.0, 5.0, 4.0,
///             3.0, 2.0, 2.0];
/// let a = cronbach_alpha(&data, 3, &AlphaOptions::default()).unwrap();
/// assert!((a.alpha - 0.91216216216216217).abs() < 1e-12); // R: psych::alpha(x)$total$raw_alpha
/// assert_eq!(a.n_used, 4);
/// ```
///
/// # References
/// Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
/// *Psychometrika* 16, 297–334. Feldt, L. S. (1965). The approximate sampling distribution of
/// Kuder-Richardson reliability coefficient twenty. *Psychometrika* 30, 357–370. Matches R
/// `psych::alpha(na.omit(x))` (`total$raw_alpha`, `total$std.alpha`, `item.stats$raw.r`,
/// `item.stats$r.drop`, `alpha.drop$raw_alpha`) and `psych::alpha.ci(alpha, n, k, p.val)`
/// with n the complete respondents (checked to 1e-10 in `tests/stats_scale.rs`). pingouin
/// 0.7's `cronbach_alpha(ci=...)` uses the same Feldt formula but, with
/// `nan_policy='listwise'`, the number of rows *before* deletion in its degrees of freedom; on
/// complete data the two agree.
pub fn cronbach_alpha(
    data: &[f64],
    n_items: usize,
    options: &AlphaOptions,
) -> Result<CronbachAlpha> {
    let level = check_level(options.level)?;
    let k = n_items;
    if k < 2 {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!("alpha needs at least 2 items, got {k}"),
        )
        .with("items", k));
    }
    at_most("scaleItems", MAX_ITEMS as f64, k as f64)?;
    let (rows, n) = complete_rows(data, k)?;
    let n_used = rows.len();
    if n_used < 2 {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!("alpha needs at least 2 respondents who answered every item, got {n_used}"),
        )
        .with("nUsed", n_used)
        .with("n", n));
    }
    // The covariance pass costs one multiply-add per respondent and pair of items.
    let work = n_used as f64 * (k * (k + 1) / 2) as f64;
    at_most("scaleWork", MAX_WORK, work)?;
    let nf = n_used as f64;
    let mut means = vec![0.0; k];
    for row in &rows {
        for (m, v) in means.iter_mut().zip(row.iter()) {
            *m += v;
        }
    }
    for m in &mut means {
        *m /= nf;
    }
    // Covariance matrix, row-major k × k, from centred values.
    let mut cov = vec![0.0; k * k];
    let mut centred = vec![0.0; k];
    for row in &rows {
        for ((c, v), m) in centred.iter_mut().zip(row.iter()).zip(means.iter()) {
            *c = v - m;
        }
        for (i, ci) in centred.iter().enumerate() {
            for (j, cj) in centred.iter().enumerate().skip(i) {
                if let Some(slot) = cov.get_mut(i * k + j) {
                    *slot += ci * cj;
                }
            }
        }
    }
    alpha_from_comoments(&means, cov, n, n_used, level)
}

/// The complete rows (no NaN) of the row-major matrix `data` of `k > 0` columns, and the
/// number of rows. Shared by [`cronbach_alpha`] and [`crate::stats::mcdonald_omega`].
///
/// # Errors
/// [`Code::LengthMismatch`] when `data.len()` is not a multiple of `k`, [`Code::NotFinite`]
/// for an infinite value (naming `row` and `column`), [`Code::ValueOutOfRange`] beyond ±10¹⁰⁰.
pub(crate) fn complete_rows(data: &[f64], k: usize) -> Result<(Vec<&[f64]>, usize)> {
    if k == 0 || data.len() % k != 0 {
        return Err(Error::new(
            Code::LengthMismatch,
            format!(
                "the data has {} values, which is not a whole number of rows of {k} items",
                data.len()
            ),
        )
        .with("values", data.len())
        .with("items", k));
    }
    let n = data.len() / k;
    let mut rows: Vec<&[f64]> = Vec::with_capacity(n);
    for (r, row) in data.chunks_exact(k).enumerate() {
        if let Some(j) = row.iter().position(|v| v.is_infinite()) {
            let value = row.get(j).copied().unwrap_or(f64::NAN);
            return Err(Error::new(
                Code::NotFinite,
                format!(
                    "the answer in row {r}, item {j} is {value}, not a number",
                    value = crate::error::num(value)
                ),
            )
            .with("row", r)
            .with("column", j)
            .with("value", value));
        }
        if !row.iter().any(|v| v.is_nan()) {
            if let Some(j) = row.iter().position(|v| v.abs() > MAX_MAGNITUDE) {
                magnitude("data", r * k + j, row.get(j).copied().unwrap_or(0.0))?;
            }
            rows.push(row);
        }
    }
    Ok((rows, n))
}

/// Alpha and its item statistics from the item means and the k × k row-major matrix of
/// co-moments Σ(xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ) over the `n_used` complete respondents (upper triangle
/// read, the rest overwritten) of `n` rows. [`cronbach_alpha`] computes them in two passes;
/// [`crate::stats::summary::ItemCovariance`] merges them piece by piece.
pub(crate) fn alpha_from_comoments(
    means: &[f64],
    mut cov: Vec<f64>,
    n: usize,
    n_used: usize,
    level: f64,
) -> Result<CronbachAlpha> {
    let level = check_level(level)?;
    let k = means.len();
    if k < 2 || cov.len() != k * k {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!("alpha needs at least 2 items, got {k}"),
        )
        .with("items", k));
    }
    if n_used < 2 {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!("alpha needs at least 2 respondents who answered every item, got {n_used}"),
        )
        .with("nUsed", n_used)
        .with("n", n));
    }
    let nf = n_used as f64;
    for i in 0..k {
        for j in i..k {
            let v = cov.get(i * k + j).copied().unwrap_or(0.0) / (nf - 1.0);
            if let Some(slot) = cov.get_mut(i * k + j) {
                *slot = v;
            }
            if let Some(slot) = cov.get_mut(j * k + i) {
                *slot = v;
            }
        }
    }
    let c = |i: usize, j: usize| cov.get(i * k + j).copied().unwrap_or(0.0);
    let row_sums: Vec<f64> = (0..k).map(|i| (0..k).map(|j| c(i, j)).sum()).collect();
    let total_var: f64 = row_sums.iter().sum();
    let trace: f64 = (0..k).map(|i| c(i, i)).sum();
    // Scale of the total score, to tell a true zero variance from rounding.
    let mean_total: f64 = means.iter().sum();
    let scale = mean_total * mean_total + trace;
    if !(total_var.is_finite() && scale.is_finite()) {
        return Err(Error::new(
            Code::NotFinite,
            "the answers are too large to square: rescale them (e.g. to 1–5) first",
        )
        .with("nUsed", n_used));
    }
    if total_var <= 1e-12 * scale {
        return Err(Error::new(
            Code::NoVariation,
            "every respondent has the same total score: alpha is undefined",
        )
        .with("nUsed", n_used));
    }
    let kf = k as f64;
    let alpha = kf / (kf - 1.0) * (1.0 - trace / total_var);

    let mut warnings = Vec::new();
    let n_excluded = n - n_used;
    if n_excluded > 0 {
        warnings.push(
            Note::warning(NoteCode::ReliabilityRespondentsExcluded)
                .with("excluded", n_excluded)
                .with("n", n),
        );
    }
    let tiny = |v: f64| v <= 1e-12 * scale;
    let constant: Vec<usize> = (0..k).filter(|&i| tiny(c(i, i))).collect();
    if !constant.is_empty() {
        warnings.push(
            Note::warning(NoteCode::ReliabilityConstantItems).with("items", constant.clone()),
        );
    }
    if alpha < 0.0 {
        warnings.push(Note::warning(NoteCode::ReliabilityNegativeAlpha));
    }

    let (mean_r, standardized_alpha) = if constant.is_empty() {
        let mut sum = 0.0;
        for i in 0..k {
            for j in (i + 1)..k {
                sum += c(i, j) / (c(i, i) * c(j, j)).sqrt();
            }
        }
        let r = sum / (kf * (kf - 1.0) / 2.0);
        let denom = 1.0 + (kf - 1.0) * r;
        (
            Some(r),
            if denom != 0.0 {
                Some(kf * r / denom)
            } else {
                None
            },
        )
    } else {
        (None, None)
    };

    let items = (0..k)
        .map(|i| {
            let vi = c(i, i);
            let si = row_sums.get(i).copied().unwrap_or(0.0);
            let rest_var = total_var - 2.0 * si + vi;
            let r_total = (!tiny(vi)).then(|| si / (vi * total_var).sqrt());
            let r_drop = (!tiny(vi) && !tiny(rest_var)).then(|| (si - vi) / (vi * rest_var).sqrt());
            let alpha_if_deleted = (k >= 3 && !tiny(rest_var)).then(|| {
                let kr = kf - 1.0;
                kr / (kr - 1.0) * (1.0 - (trace - vi) / rest_var)
            });
            ItemReliability {
                index: i,
                mean: means.get(i).copied().unwrap_or(0.0),
                sd: vi.max(0.0).sqrt(),
                r_total,
                r_drop,
                alpha_if_deleted,
            }
        })
        .collect();

    let df1 = nf - 1.0;
    let df2 = df1 * (kf - 1.0);
    let tail = (1.0 - level) / 2.0;
    let lower = 1.0 - (1.0 - alpha) * f_quantile(1.0 - tail, df1, df2)?;
    let upper = 1.0 - (1.0 - alpha) * f_quantile(tail, df1, df2)?;

    Ok(CronbachAlpha {
        method: Method::Cronbach,
        ci_method: Method::Feldt,
        missing: "listwise",
        n,
        n_used,
        n_excluded,
        n_items: k,
        alpha,
        standardized_alpha,
        mean_inter_item_r: mean_r,
        lower,
        upper,
        level,
        items,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alpha(data: &[f64], k: usize) -> Result<CronbachAlpha> {
        cronbach_alpha(data, k, &AlphaOptions::default())
    }

    #[test]
    fn rejects_scales_that_cannot_have_an_alpha() {
        assert_eq!(
            alpha(&[1.0, 2.0], 1).unwrap_err().code,
            Code::SampleTooSmall
        );
        assert_eq!(
            alpha(&[1.0, 2.0], 0).unwrap_err().code,
            Code::SampleTooSmall
        );
        assert_eq!(
            alpha(&[1.0, 2.0, 3.0], 2).unwrap_err().code,
            Code::LengthMismatch
        );
        // One complete respondent.
        assert_eq!(
            alpha(&[1.0, 2.0, f64::NAN, 3.0], 2).unwrap_err().code,
            Code::SampleTooSmall
        );
        // Everyone has the same total.
        assert_eq!(
            alpha(&[1.0, 3.0, 2.0, 2.0, 3.0, 1.0], 2).unwrap_err().code,
            Code::NoVariation
        );
        let e = alpha(&[1.0, 2.0, 3.0, f64::INFINITY], 2).unwrap_err();
        assert_eq!(
            (
                e.code,
                e.details["row"].clone(),
                e.details["column"].clone()
            ),
            (Code::NotFinite, 1usize.into(), 1usize.into())
        );
        let bad = AlphaOptions { level: 1.0 };
        assert_eq!(
            cronbach_alpha(&[1.0, 2.0, 3.0, 3.0], 2, &bad)
                .unwrap_err()
                .code,
            Code::LevelOutOfRange
        );
    }

    #[test]
    fn sizes_and_magnitudes_are_bounded() {
        // Issue #15: cronbachAlpha(new Float64Array(1e7), 5e6) panicked with "capacity overflow"
        // (5e6² covariance cells); now a coded error naming the limit and the count.
        let e = alpha(&vec![0.0; 10_000_000], 5_000_000).unwrap_err();
        assert_eq!(e.code, Code::TooLarge);
        assert_eq!(e.details["limit"], 2000usize.into());
        assert_eq!(e.details["requested"], 5e6.into());
        // 2,000 items × 1,000 respondents is 2e9 multiply-adds: over the work cap.
        let e = alpha(&vec![1.0; 2_000_000], 2000).unwrap_err();
        assert_eq!(
            (e.code, e.details["limit"].clone()),
            (Code::TooLarge, 1e9.into())
        );
        let e = alpha(&[1.0, 2.0, 3.0, 1e101], 2).unwrap_err();
        assert_eq!(
            (e.code, e.details["index"].clone()),
            (Code::ValueOutOfRange, 3usize.into())
        );
        // At the magnitude limit everything is finite.
        let a = alpha(&[1e100, -1e100, -1e100, 1e100, 0.0, 1e99], 2).unwrap();
        assert!(
            a.alpha.is_finite() && a.lower.is_finite() && a.upper.is_finite(),
            "{a:?}"
        );
    }

    #[test]
    fn listwise_deletion_is_counted() {
        let data = [4.0, 5.0, 2.0, 3.0, f64::NAN, 1.0, 5.0, 4.0];
        let a = alpha(&data, 2).unwrap();
        assert_eq!((a.n, a.n_used, a.n_excluded), (4, 3, 1));
        assert_eq!(a.warnings.len(), 1);
        assert_eq!(a.warnings[0].code, NoteCode::ReliabilityRespondentsExcluded);
        assert_eq!(a.warnings[0].param("excluded"), Some(&1usize.into()));
        assert!(a.items.iter().all(|i| i.alpha_if_deleted.is_none()));
    }

    #[test]
    fn a_constant_item_leaves_raw_alpha_but_not_standardized() {
        let data = [4.0, 5.0, 3.0, 2.0, 3.0, 3.0, 5.0, 5.0, 3.0, 3.0, 2.0, 3.0];
        let a = alpha(&data, 3).unwrap();
        assert!(a.standardized_alpha.is_none());
        let third = &a.items[2];
        assert!(third.r_total.is_none() && third.r_drop.is_none());
        assert!(third.alpha_if_deleted.is_some());
        assert!(a.alpha <= 1.0);
    }
}
