//! Estimators under survey weights (#19): weighted means and shares with linearisation
//! (Taylor) standard errors, the Kish effective sample size, design effects, a Wilson
//! interval on the effective size and the Korn–Graubard (beta) interval, and the weighted
//! paired shift.
//!
//! The design is the one R's `survey` package builds from weights alone,
//! `svydesign(ids = ~1, weights = ~w, data = d)`: every respondent its own cluster, sampled
//! with replacement, no strata, no finite-population correction. Rows with a missing value
//! are left out before the call (the design is built on the answering respondents), so `n`
//! below is the number of values given, zero weights included.
//!
//! # Formulas
//! ```text
//! ȳ = Σ wᵢyᵢ / Σ wᵢ
//! V(ȳ) = n/(n − 1) · Σ wᵢ² (yᵢ − ȳ)² / (Σ wᵢ)²                 svymean, ids = ~1
//! n_eff (Kish) = (Σ wᵢ)² / Σ wᵢ²,   deff_Kish = n / n_eff        (n = rows with wᵢ > 0)
//! deff = V(ȳ) / (s²_w / n⁺),  s²_w = n⁺/(n⁺ − 1) · Σ wᵢ(yᵢ − ȳ)² / Σ wᵢ
//!        (svymean(..., deff = "replace"); n⁺ = rows with wᵢ > 0)
//! ```
//!
//! # References
//! Kish, L. (1965). *Survey Sampling*, §11.7. Lumley, T. (2010). *Complex Surveys*, §2.2;
//! R `survey::svymean`, `survey::svyciprop(method = "beta")`. Korn, E. L. & Graubard, B. I.
//! (1998). Confidence intervals for proportions with small expected number of positive
//! counts estimated from survey data. *Survey Methodology* 24, 193–201.

use crate::error::{finite, level as check_level, Code, Error, Result};
use crate::stats::dist::z_two_sided;
use crate::stats::incomplete_beta::{beta_reg_tails, front, ln_beta};
use serde::{Deserialize, Serialize};

/// Reference of the weighted mean and its standard error.
pub const SVYMEAN_REF: &str = "Lumley (2010), Complex Surveys §2.2; R survey::svymean(~y, \
svydesign(ids = ~1, weights = ~w), deff = \"replace\")";
/// Reference of the Korn–Graubard interval.
pub const KORN_GRAUBARD_REF: &str = "Korn & Graubard (1998), Survey Methodology 24, 193–201; \
R survey::svyciprop(~y, design, method = \"beta\")";
/// Reference of the Wilson interval on the Kish effective sample size.
pub const WILSON_KISH_REF: &str = "Wilson (1927) on Kish's (1965) effective sample size \
n_eff = (Σw)²/Σw²";

/// The interval of a weighted share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "WeightedInterval"))]
#[serde(rename_all = "snake_case")]
pub enum ShareInterval {
    /// Wilson's score interval with n = the Kish effective sample size (the default).
    #[default]
    WilsonKish,
    /// Korn–Graubard: Clopper–Pearson on the design-based effective size p(1 − p)/V, as R
    /// `svyciprop(method = "beta")`.
    KornGraubard,
}

/// A weighted mean (or share) with its linearised standard error and design effects.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct WeightedMean {
    /// Σwy / Σw.
    pub estimate: f64,
    /// Linearisation standard error (svymean's `SE`).
    pub se: f64,
    /// Lower bound: for a mean, ȳ − z·SE (R `confint`); for a share, the chosen interval.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
    /// Confidence level.
    pub level: f64,
    /// Values used (unweighted count, zero weights included).
    pub n: u64,
    /// Σw.
    pub sum_weights: f64,
    /// Kish effective sample size (Σw)²/Σw².
    pub n_eff: f64,
    /// Kish's design effect of the weights, n⁺/n_eff (1 when all weights are equal).
    pub deff_kish: f64,
    /// svymean's `deff = "replace"`: V(ȳ) over the with-replacement simple random sampling
    /// variance; `null` when the values do not vary.
    pub deff: Option<f64>,
    /// Reference for the estimate, SE and interval.
    pub reference: &'static str,
}

/// Sums needed by every estimator, after validation.
struct Sums {
    n: usize,
    positive: usize,
    sw: f64,
    sw2: f64,
    mean: f64,
}

/// Checks `values` and `weights`: same length, at least one value, finite values, finite
/// weights ≥ 0 with a positive sum.
fn sums(values: &[f64], weights: &[f64]) -> Result<Sums> {
    if values.len() != weights.len() {
        return Err(Error::new(
            Code::LengthMismatch,
            format!(
                "{} values but {} weights: give one weight per value",
                values.len(),
                weights.len()
            ),
        )
        .with("values", values.len())
        .with("weights", weights.len()));
    }
    if values.is_empty() {
        return Err(Error::new(Code::EmptySample, "no values to weight"));
    }
    let (mut sw, mut sw2, mut swy, mut positive) = (0.0, 0.0, 0.0, 0);
    for (i, (&y, &w)) in values.iter().zip(weights).enumerate() {
        finite("values", y).map_err(|e| e.with("index", i))?;
        if !w.is_finite() || w < 0.0 {
            return Err(Error::new(
                Code::InvalidWeight,
                format!(
                    "weight {i} is {w}: weights must be finite numbers of 0 or more",
                    w = crate::error::num(w)
                ),
            )
            .with("index", i));
        }
        sw += w;
        sw2 += w * w;
        swy += w * y;
        positive += usize::from(w > 0.0);
    }
    if sw <= 0.0 || !sw.is_finite() {
        return Err(Error::new(
            Code::InvalidWeight,
            "every weight is 0: the weights must have a positive sum",
        ));
    }
    Ok(Sums {
        n: values.len(),
        positive,
        sw,
        sw2,
        mean: swy / sw,
    })
}

/// What every weighted estimator is computed from: sizes, Σw, Σw², the weighted mean and the
/// two centred sums. [`linearised`] builds it in two passes over the values; the mergeable
/// [`crate::stats::summary::WeightedSums`] builds it piece by piece.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WeightedParts {
    /// Values (zero weights included).
    pub n: usize,
    /// Values with a positive weight.
    pub positive: usize,
    /// Σw.
    pub sw: f64,
    /// Σw².
    pub sw2: f64,
    /// Σwy / Σw.
    pub mean: f64,
    /// Σw(y − ȳ)².
    pub wss: f64,
    /// Σw²(y − ȳ)².
    pub w2ss: f64,
}

/// The estimate with SE and design effects; bounds left at the estimate.
fn linearised(values: &[f64], weights: &[f64], level: f64) -> Result<WeightedMean> {
    check_level(level)?;
    let s = sums(values, weights)?;
    let (mut v, mut wss) = (0.0, 0.0);
    for (&y, &w) in values.iter().zip(weights) {
        let d = y - s.mean;
        v += w * w * d * d;
        wss += w * d * d;
    }
    from_parts(
        &WeightedParts {
            n: s.n,
            positive: s.positive,
            sw: s.sw,
            sw2: s.sw2,
            mean: s.mean,
            wss,
            w2ss: v,
        },
        level,
    )
}

/// The estimate with SE and design effects from its parts; bounds left at the estimate.
pub(crate) fn from_parts(p: &WeightedParts, level: f64) -> Result<WeightedMean> {
    check_level(level)?;
    if p.n == 0 {
        return Err(Error::new(Code::EmptySample, "no values to weight"));
    }
    if p.sw <= 0.0 || !p.sw.is_finite() {
        return Err(Error::new(
            Code::InvalidWeight,
            "every weight is 0: the weights must have a positive sum",
        ));
    }
    let n = p.n as f64;
    let var = if p.n > 1 {
        n / (n - 1.0) * p.w2ss / (p.sw * p.sw)
    } else {
        0.0
    };
    let np = p.positive as f64;
    let vsrs = if p.positive > 1 {
        np / (np - 1.0) * p.wss / p.sw / np
    } else {
        0.0
    };
    let n_eff = p.sw * p.sw / p.sw2;
    Ok(WeightedMean {
        estimate: p.mean,
        se: var.sqrt(),
        lower: p.mean,
        upper: p.mean,
        level,
        n: p.n as u64,
        sum_weights: p.sw,
        n_eff,
        deff_kish: np / n_eff,
        deff: (vsrs > 0.0).then(|| var / vsrs),
        reference: SVYMEAN_REF,
    })
}

/// Adds the normal interval ȳ ± z·SE of a weighted mean.
pub(crate) fn mean_interval(mut m: WeightedMean, level: f64) -> Result<WeightedMean> {
    let z = z_two_sided(level)?;
    m.lower = m.estimate - z * m.se;
    m.upper = m.estimate + z * m.se;
    Ok(m)
}

/// Adds the chosen interval of a weighted share.
pub(crate) fn share_interval(
    mut m: WeightedMean,
    level: f64,
    interval: ShareInterval,
) -> Result<WeightedMean> {
    let p = m.estimate;
    let z = z_two_sided(level)?;
    (m.lower, m.upper) = match interval {
        ShareInterval::WilsonKish => {
            m.reference = WILSON_KISH_REF;
            wilson_real(p, m.n_eff, z)
        }
        ShareInterval::KornGraubard => {
            m.reference = KORN_GRAUBARD_REF;
            let v = m.se * m.se;
            let n_star = if v > 0.0 { p * (1.0 - p) / v } else { m.n_eff };
            korn_graubard(p, n_star, 1.0 - level)?
        }
    };
    Ok(m)
}

/// Weighted mean with its linearisation SE and a normal interval ȳ ± z·SE (R
/// `confint(svymean(~y, design))`).
///
/// # Errors
/// [`Code::LengthMismatch`], [`Code::EmptySample`], [`Code::NotFinite`] (a value),
/// [`Code::InvalidWeight`] (a weight negative or not finite, or all zero),
/// [`Code::LevelOutOfRange`].
pub fn weighted_mean(values: &[f64], weights: &[f64], level: f64) -> Result<WeightedMean> {
    mean_interval(linearised(values, weights, level)?, level)
}

/// Weighted share of `values` (each 0 or 1) with the chosen interval.
///
/// Wilson on Kish: the Wilson bounds with p̂ the weighted share and n = n_eff. Korn–Graubard:
/// n* = p̂(1 − p̂)/V(p̂), lower = qbeta(α/2, n*p̂, n*(1 − p̂) + 1), upper = qbeta(1 − α/2,
/// n*p̂ + 1, n*(1 − p̂)); R gives NaN when p̂ is 0 or 1 (V = 0), where this uses n* = n_eff.
///
/// # Errors
/// Those of [`weighted_mean`], and [`Code::ValueOutOfRange`] for a value other than 0 or 1.
pub fn weighted_share(
    values: &[f64],
    weights: &[f64],
    level: f64,
    interval: ShareInterval,
) -> Result<WeightedMean> {
    if let Some(i) = values.iter().position(|&y| y != 0.0 && y != 1.0) {
        return Err(Error::new(
            Code::ValueOutOfRange,
            format!("value {i} is not 0 or 1: a share counts yes (1) and no (0)"),
        )
        .with("index", i));
    }
    share_interval(linearised(values, weights, level)?, level, interval)
}

/// The weighted paired shift: the weighted mean of `after − before` for the same
/// respondents (for 0/1 answers, the difference of weighted shares), with its linearised SE
/// and a normal interval (R `svymean(~I(after - before), design)`, equivalently
/// `svycontrast(svymean(~after + before, design), c(1, -1))`).
///
/// # Errors
/// Those of [`weighted_mean`]; [`Code::LengthMismatch`] when `before` and `after` differ in
/// length.
pub fn weighted_shift(
    before: &[f64],
    after: &[f64],
    weights: &[f64],
    level: f64,
) -> Result<WeightedMean> {
    if before.len() != after.len() {
        return Err(Error::new(
            Code::LengthMismatch,
            "before and after must hold one value per respondent",
        )
        .with("before", before.len())
        .with("after", after.len()));
    }
    let d: Vec<f64> = before.iter().zip(after).map(|(b, a)| a - b).collect();
    weighted_mean(&d, weights, level)
}

/// Wilson bounds for a share `p` of a (real) size `n` at critical value `z`.
fn wilson_real(p: f64, n: f64, z: f64) -> (f64, f64) {
    let c = 0.5 * z * z / n;
    let half = z * ((p * (1.0 - p) + 0.5 * c) / n).sqrt();
    let d = 1.0 + 2.0 * c;
    let lower = if p <= 0.0 { 0.0 } else { (p + c - half) / d };
    let upper = if p >= 1.0 { 1.0 } else { (p + c + half) / d };
    (lower.clamp(0.0, 1.0), upper.clamp(0.0, 1.0))
}

/// Korn–Graubard bounds for share `p` on effective size `n` at `alpha`.
fn korn_graubard(p: f64, n: f64, alpha: f64) -> Result<(f64, f64)> {
    let lower = if p <= 0.0 {
        0.0
    } else {
        beta_quantile(alpha / 2.0, n * p, n * (1.0 - p) + 1.0)?
    };
    let upper = if p >= 1.0 {
        1.0
    } else {
        beta_quantile(1.0 - alpha / 2.0, n * p + 1.0, n * (1.0 - p))?
    };
    Ok((lower, upper))
}

/// Regularized incomplete beta Iₓ(a, b) for a, b > 0 and x in [0, 1].
fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let y = 1.0 - x;
    let f = front((a, b), (x.ln(), y.ln()), ln_beta(a, b));
    beta_reg_tails((a, b), (x, y), f).0
}

/// The `q` quantile of Beta(a, b) by bisection on [`beta_cdf`] (200 halvings reach the
/// spacing of f64 near every quantile in (0, 1)).
fn beta_quantile(q: f64, a: f64, b: f64) -> Result<f64> {
    if !(a > 0.0 && b > 0.0 && a.is_finite() && b.is_finite()) {
        return Err(Error::new(
            Code::Internal,
            "beta quantile needs positive finite shapes",
        ));
    }
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if beta_cdf(mid, a, b) < q {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(0.5 * (lo + hi))
}

#[cfg(test)]
#[path = "weighted_tests.rs"]
mod tests;
