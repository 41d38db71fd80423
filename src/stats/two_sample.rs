//! Two independent samples: two proportions (two survey waves) and the Mann–Whitney test.

use crate::error::{count, Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::dist::{chi_square_sf, normal_two_sided};
use crate::stats::method::Method;
use crate::stats::proportion::wilson;
use crate::stats::rank::{
    average_ranks, rank_sum_exact_p, sign, tie_sum, RANK_SUM_EXACT_MAX_PRODUCT,
};
use serde::{Deserialize, Serialize};

/// Options of [`two_proportions`].
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct TwoProportionsOptions {
    /// Confidence level in (0, 1); default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
    /// Yates' continuity correction of the chi-square test; default `false`, so that the test
    /// agrees with z² of the uncorrected score test (R's `prop.test` defaults to `true`).
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub correct: bool,
}

impl Default for TwoProportionsOptions {
    fn default() -> Self {
        TwoProportionsOptions {
            level: 0.95,
            correct: false,
        }
    }
}

/// Result of [`two_proportions`]: wave 2 against wave 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TwoProportions {
    /// `Method::TwoProportions`.
    pub method: Method,
    /// `"newcombe"`: the interval method (Newcombe 1998, independent samples, method 10).
    pub interval_method: Method,
    /// `"chi_square"` or `Method::ChiSquareYates`: the test.
    pub test_method: Method,
    /// Successes in wave 1.
    pub x1: u64,
    /// Respondents in wave 1.
    pub n1: u64,
    /// Successes in wave 2.
    pub x2: u64,
    /// Respondents in wave 2.
    pub n2: u64,
    /// x1 / n1.
    pub p1: f64,
    /// x2 / n2.
    pub p2: f64,
    /// p2 − p1, in [−1, 1].
    pub difference: f64,
    /// Lower bound of the interval for p2 − p1.
    pub lower: f64,
    /// Upper bound of the interval for p2 − p1.
    pub upper: f64,
    /// Confidence level.
    pub level: f64,
    /// Pearson chi-square statistic of the 2×2 table (1 df).
    pub chi_square: f64,
    /// Degrees of freedom: 1.
    pub df: u32,
    /// Two-sided p-value of the chi-square test, in [0, 1].
    pub p_value: f64,
    /// Signed z = sign(p2 − p1)·√χ² (the pooled score z when `correct` is false).
    pub z: f64,
    /// Whether Yates' correction was applied.
    pub correct: bool,
    /// Cohen's h = 2·asin(√p2) − 2·asin(√p1), in [−π, π].
    pub cohens_h: f64,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
}

/// Compares two independent proportions, x1/n1 (wave 1) and x2/n2 (wave 2): the difference
/// p2 − p1 with Newcombe's hybrid score interval, the chi-square test of R's `prop.test`, the
/// signed z and Cohen's h.
///
/// # Formula
/// ```text
/// (l_i, u_i) = Wilson interval of p_i
/// lower = (p2 − p1) − √((p2 − l2)² + (u1 − p1)²)
/// upper = (p2 − p1) + √((u2 − p2)² + (p1 − l1)²)
/// p̄ = (x1 + x2)/(n1 + n2),  E = expected counts n_i·p̄, n_i·(1 − p̄)
/// Y = 0, or min(0.5, |p1 − p2|/(1/n1 + 1/n2)) with Yates' correction
/// χ² = Σ (|O − E| − Y)² / E,  p = P(χ²₁ > χ²)
/// h = 2·asin(√p2) − 2·asin(√p1)
/// ```
/// When both waves are at 0% (or both at 100%) the test is undefined (R: NaN); here χ² = 0,
/// p = 1 with a warning.
///
/// # Errors
/// [`Code::InvalidCount`] / [`Code::NotFinite`], [`Code::EmptySample`] when a wave has no
/// respondents, [`Code::CountExceedsTotal`] when x > n, [`Code::LevelOutOfRange`].
///
/// # Examples
/// Seed 000, staff climate survey: 48% (2014-15) → 72% (2017-18) agree; wave sizes are not
/// published, here assumed 100 each.
/// ```
/// use waterline::stats::{two_proportions, TwoProportionsOptions};
/// let r = two_proportions(48.0, 100.0, 72.0, 100.0, &TwoProportionsOptions::default()).unwrap();
/// assert!((r.difference - 0.24).abs() < 1e-12);
/// assert!(r.lower > 0.10 && r.upper < 0.37);
/// assert!(r.p_value < 0.001);
/// ```
///
/// # References
/// Newcombe, R. G. (1998). Interval estimation for the difference between independent
/// proportions: comparison of eleven methods. *Statistics in Medicine* 17, 873–890 (method 10).
/// Cohen, J. (1988), ch. 6. Matches statsmodels'
/// `confint_proportions_2indep(x2, n2, x1, n1, method = "newcomb")`, R's `Epi::ci.pd` and
/// `prop.test(c(x1, x2), c(n1, n2), correct = FALSE / TRUE)`.
pub fn two_proportions(
    x1: f64,
    n1: f64,
    x2: f64,
    n2: f64,
    options: &TwoProportionsOptions,
) -> Result<TwoProportions> {
    let level = crate::error::level(options.level)?;
    let (x1c, n1c) = (count("x1", x1)?, count("n1", n1)?);
    let (x2c, n2c) = (count("x2", x2)?, count("n2", n2)?);
    for (x, n, wave) in [(x1c, n1c, 1), (x2c, n2c, 2)] {
        if n == 0 {
            return Err(Error::new(
                Code::EmptySample,
                format!("wave {wave} has no respondents (n{wave} = 0)"),
            )
            .with("wave", wave as u64));
        }
        if x > n {
            return Err(Error::new(
                Code::CountExceedsTotal,
                format!("x{wave} ({x}) cannot exceed n{wave} ({n})"),
            )
            .with("wave", wave as u64)
            .with("x", x)
            .with("n", n));
        }
    }
    let w1 = wilson(x1, n1, level)?;
    let w2 = wilson(x2, n2, level)?;
    let (p1, p2) = (w1.estimate, w2.estimate);
    let d = p2 - p1;
    let lower = d - ((p2 - w2.lower).powi(2) + (w1.upper - p1).powi(2)).sqrt();
    let upper = d + ((w2.upper - p2).powi(2) + (p1 - w1.lower).powi(2)).sqrt();

    let mut warnings = Vec::new();
    let (n1f, n2f) = (n1c as f64, n2c as f64);
    let pooled = (x1 + x2) / (n1f + n2f);
    let (chi, p_value) = if pooled <= 0.0 || pooled >= 1.0 {
        let percent: u32 = if pooled <= 0.0 { 0 } else { 100 };
        warnings.push(Note::warning(NoteCode::TwoProportionsAllSame).with("percent", percent));
        (0.0, 1.0)
    } else {
        let yates = if options.correct {
            (0.5f64).min((p1 - p2).abs() / (1.0 / n1f + 1.0 / n2f))
        } else {
            0.0
        };
        let cells = [
            (x1, n1f * pooled),
            (n1f - x1, n1f * (1.0 - pooled)),
            (x2, n2f * pooled),
            (n2f - x2, n2f * (1.0 - pooled)),
        ];
        let below = cells.iter().filter(|(_, e)| *e < 5.0).count();
        if below > 0 {
            let smallest = cells.iter().map(|(_, e)| *e).fold(f64::INFINITY, f64::min);
            warnings.push(crate::stats::contingency::small_expected(
                below,
                cells.len(),
                smallest,
            ));
        }
        let chi: f64 = cells
            .iter()
            .map(|(o, e)| ((o - e).abs() - yates).powi(2) / e)
            .sum();
        (chi, chi_square_sf(chi, 1.0)?)
    };
    Ok(TwoProportions {
        method: Method::TwoProportions,
        interval_method: Method::Newcombe,
        test_method: if options.correct {
            Method::ChiSquareYates
        } else {
            Method::ChiSquare
        },
        x1: x1c,
        n1: n1c,
        x2: x2c,
        n2: n2c,
        p1,
        p2,
        difference: d,
        lower: lower.max(-1.0).min(d),
        upper: upper.min(1.0).max(d),
        level,
        chi_square: chi,
        df: 1,
        p_value,
        z: sign(d) * chi.sqrt(),
        correct: options.correct,
        cohens_h: 2.0 * p2.sqrt().asin() - 2.0 * p1.sqrt().asin(),
        warnings,
    })
}

/// Options of [`mann_whitney`].
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct MannWhitneyOptions {
    /// Continuity correction of the normal approximation; default `true` (as R).
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub correct: bool,
    /// `None` (default): exact when both samples have fewer than 50 values and there are no
    /// ties (R's rule). `Some(true)`: exact whenever there are no ties (up to
    /// `n_x · n_y ≤ 10 000`). `Some(false)`: always the normal approximation.
    #[cfg_attr(test, ts(optional = nullable))]
    pub exact: Option<bool>,
}

impl Default for MannWhitneyOptions {
    fn default() -> Self {
        MannWhitneyOptions {
            correct: true,
            exact: None,
        }
    }
}

/// Result of [`mann_whitney`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MannWhitney {
    /// `Method::MannWhitney`.
    pub method: Method,
    /// `"exact"`, `"normal"` or `"none"` (every value tied: p = 1 by convention).
    pub p_value_method: Method,
    /// Whether a continuity correction was applied (normal approximation only).
    pub correct: bool,
    /// Values of x used.
    pub n_x: usize,
    /// Values of y used.
    pub n_y: usize,
    /// Values of x dropped as missing (NaN).
    pub n_excluded_x: usize,
    /// Values of y dropped as missing (NaN).
    pub n_excluded_y: usize,
    /// R's W = U of x: the number of pairs (x_i, y_j) with x_i > y_j, ties counting ½.
    pub statistic: f64,
    /// U of y = n_x·n_y − W.
    pub u_y: f64,
    /// Standardized statistic of the normal approximation; `null` for the exact test or when
    /// all values are tied.
    pub z: Option<f64>,
    /// Two-sided p-value, in [0, 1].
    pub p_value: f64,
    /// Rank-biserial correlation 2W/(n_x·n_y) − 1, in [−1, 1]: positive when x tends to be
    /// larger than y.
    pub rank_biserial: f64,
    /// Common-language effect size W/(n_x·n_y) = P(X > Y) + ½·P(X = Y), in [0, 1].
    pub common_language: f64,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
}

/// Drops NaN (missing) values and rejects infinite ones.
fn present(name: &str, values: &[f64]) -> Result<(Vec<f64>, usize)> {
    let mut kept = Vec::with_capacity(values.len());
    for (i, &v) in values.iter().enumerate() {
        if v.is_nan() {
            continue;
        }
        if !v.is_finite() {
            return Err(Error::new(
                Code::NotFinite,
                format!(
                    "{name} at index {i} is {v}; use NaN for a missing answer",
                    v = crate::error::num(v)
                ),
            )
            .with("name", name)
            .with("index", i)
            .with("value", v));
        }
        kept.push(v);
    }
    if kept.is_empty() {
        return Err(Error::new(
            Code::EmptySample,
            format!("{name} has no non-missing values"),
        )
        .with("name", name)
        .with("n", values.len()));
    }
    let dropped = values.len() - kept.len();
    Ok((kept, dropped))
}

/// Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples `x` and `y`, with the
/// rank-biserial and common-language effect sizes. NaN values are missing and dropped.
///
/// # Formula
/// ```text
/// ranks r of x ∪ y (average ranks for ties),  W = Σ_{x} r − n_x(n_x + 1)/2
/// exact: p = min(1, 2 · P(W ≤ w)) or min(1, 2 · P(W ≥ w)), on the observed side
/// normal: z = (W − n_x n_y/2 − sign(·)·0.5·[correct]) / σ
///         σ² = (n_x n_y / 12) · ((N + 1) − Σ(t³ − t)/(N(N − 1))),  N = n_x + n_y
/// rank-biserial = 2W/(n_x n_y) − 1,  common language = W/(n_x n_y)
/// ```
/// When every value is tied σ = 0 (R: NaN); here p = 1 with a warning.
///
/// # Errors
/// [`Code::NotFinite`] for an infinite value, [`Code::EmptySample`] when a sample has no
/// non-missing value.
///
/// # Examples
/// ```
/// use waterline::stats::{mann_whitney, MannWhitneyOptions};
/// let x = [1.1, 2.3, 3.5, 4.2];
/// let y = [0.5, 0.9, 1.0];
/// let r = mann_whitney(&x, &y, &MannWhitneyOptions::default()).unwrap();
/// assert_eq!(r.statistic, 12.0); // every x exceeds every y
/// assert_eq!(r.rank_biserial, 1.0);
/// assert!((r.p_value - 2.0 / 35.0).abs() < 1e-12); // R: wilcox.test(x, y)
/// ```
///
/// # References
/// Mann, H. B. & Whitney, D. R. (1947). *Ann. Math. Statist.* 18, 50–60. Kerby, D. S. (2014).
/// *Comprehensive Psychology* 3, 11.IT.3.1. McGraw, K. O. & Wong, S. P. (1992). A common
/// language effect size statistic. *Psychological Bulletin* 111, 361–365. Matches R's
/// `wilcox.test(x, y, correct =, exact =)`.
pub fn mann_whitney(x: &[f64], y: &[f64], options: &MannWhitneyOptions) -> Result<MannWhitney> {
    let (x, n_excluded_x) = present("x", x)?;
    let (y, n_excluded_y) = present("y", y)?;
    let (nx, ny) = (x.len(), y.len());
    let all: Vec<f64> = x.iter().chain(&y).copied().collect();
    let ranked = average_ranks(&all);
    let (nxf, nyf) = (nx as f64, ny as f64);
    let rank_sum_x: f64 = ranked
        .ranks
        .get(..nx)
        .map(|r| r.iter().sum())
        .unwrap_or(0.0);
    let w = rank_sum_x - nxf * (nxf + 1.0) / 2.0;
    let pairs = nxf * nyf;
    let has_ties = !ranked.tie_sizes.is_empty();
    let mut warnings = Vec::new();

    let result = |p_value: f64, p_method: Method, z: Option<f64>, correct: bool, w_: Vec<Note>| {
        MannWhitney {
            method: Method::MannWhitney,
            p_value_method: p_method,
            correct,
            n_x: nx,
            n_y: ny,
            n_excluded_x,
            n_excluded_y,
            statistic: w,
            u_y: pairs - w,
            z,
            p_value: p_value.clamp(0.0, 1.0),
            rank_biserial: 2.0 * w / pairs - 1.0,
            common_language: w / pairs,
            warnings: w_,
        }
    };

    let want_exact = options.exact.unwrap_or(nx < 50 && ny < 50);
    if want_exact && !has_ties {
        if nx.saturating_mul(ny) <= RANK_SUM_EXACT_MAX_PRODUCT {
            return Ok(result(
                rank_sum_exact_p(w, nx, ny),
                Method::Exact,
                None,
                false,
                warnings,
            ));
        }
        warnings.push(
            Note::warning(NoteCode::RankSumExactLimit).with("max", RANK_SUM_EXACT_MAX_PRODUCT),
        );
    } else if want_exact && options.exact == Some(true) {
        warnings.push(Note::warning(NoteCode::RankSumExactWithTies));
    }
    let big_n = nxf + nyf;
    let tie_term = if big_n > 1.0 {
        tie_sum(&ranked.tie_sizes) / (big_n * (big_n - 1.0))
    } else {
        0.0
    };
    let variance = pairs / 12.0 * ((big_n + 1.0) - tie_term);
    if variance.is_nan() || variance <= 0.0 {
        warnings.push(Note::warning(NoteCode::RankSumAllTied));
        return Ok(result(1.0, Method::None, None, false, warnings));
    }
    let dev = w - pairs / 2.0;
    let correction = if options.correct {
        0.5 * sign(dev)
    } else {
        0.0
    };
    let z = (dev - correction) / variance.sqrt();
    Ok(result(
        normal_two_sided(z)?,
        Method::Normal,
        Some(z),
        options.correct,
        warnings,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_waves_at_zero_percent_is_p_one() {
        let r = two_proportions(0.0, 10.0, 0.0, 20.0, &TwoProportionsOptions::default()).unwrap();
        assert_eq!((r.chi_square, r.p_value, r.difference), (0.0, 1.0, 0.0));
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].code, NoteCode::TwoProportionsAllSame);
        assert_eq!(r.warnings[0].param("percent"), Some(&0u32.into()));
    }

    #[test]
    fn rejects_impossible_waves() {
        let o = TwoProportionsOptions::default();
        assert_eq!(
            two_proportions(5.0, 4.0, 1.0, 2.0, &o).unwrap_err().code,
            Code::CountExceedsTotal
        );
        assert_eq!(
            two_proportions(0.0, 0.0, 1.0, 2.0, &o).unwrap_err().code,
            Code::EmptySample
        );
    }

    #[test]
    fn all_tied_samples_give_p_one() {
        let r = mann_whitney(
            &[3.0, 3.0],
            &[3.0, 3.0, 3.0],
            &MannWhitneyOptions::default(),
        )
        .unwrap();
        assert_eq!(r.p_value, 1.0);
        assert_eq!(r.rank_biserial, 0.0);
        assert_eq!(r.common_language, 0.5);
    }

    #[test]
    fn missing_values_are_dropped() {
        let r = mann_whitney(&[1.0, f64::NAN], &[2.0], &MannWhitneyOptions::default()).unwrap();
        assert_eq!((r.n_x, r.n_excluded_x), (1, 1));
        assert_eq!(
            mann_whitney(&[f64::NAN], &[2.0], &MannWhitneyOptions::default())
                .unwrap_err()
                .code,
            Code::EmptySample
        );
    }
}
