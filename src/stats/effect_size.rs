//! Standardized mean differences with intervals (#19): Cohen's d and Hedges' g for two
//! independent groups; d_z, g_z and g_av for paired data.
//!
//! Conventions (named because packages differ):
//! - d = (x̄ − ȳ)/sₚ with the pooled SD (n − 1 divisors): effectsize `cohens_d(x, y)`, pingouin
//!   `compute_effsize(x, y, eftype = "cohen")`.
//! - Hedges' g = d·J(df), df = n₁ + n₂ − 2, with J exact, Γ(df/2) / (√(df/2) Γ((df − 1)/2))
//!   (effectsize `hedges_g`), or approximate, 1 − 3/(4df − 1) (Hedges & Olkin 1985; pingouin's
//!   `1 − 3/(4(n₁ + n₂) − 9)` is the same number).
//! - Intervals for d and g: the noncentral t (Steiger & Fouladi 1997), as effectsize: the ncp
//!   whose t distribution puts the observed t at the (1 ± level)/2 quantiles, rescaled; the
//!   g bounds are the d bounds times J. pingouin's intervals use a normal approximation instead.
//! - Paired, on the differences after − before: d_z = mean/SD of the differences (interval by
//!   the noncentral t with df = n − 1), g_z = d_z·J(n − 1); g_av = mean difference over the
//!   average of the two SDs (Lakens 2013, eq. 10) times J(n − 1), with Algina & Keselman's
//!   (2003) approximate interval: the paired t's noncentral-t limits rescaled from the SD of the
//!   differences to the average SD, s_D/(√n·s_av)·[δ_lo, δ_hi], times J like g_z. (Cumming
//!   2012 and `itns::cohensd_rm` use the same rescaling with √((s₁² + s₂²)/2) for s_av; the
//!   two standardizers agree when the SDs do.)

use crate::error::{Code, Error, Result};
use crate::stats::incomplete_beta::ln_beta;
use crate::stats::means::{no_variation, sample};
use crate::stats::noncentral_t::noncentral_t_cdf;
use crate::stats::paired::{complete_pairs, LevelOptions};
use serde::Serialize;

/// An effect size with its interval (`null` bounds where none is defined).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EffectInterval {
    /// The point estimate (standard deviations).
    pub estimate: f64,
    /// Lower bound.
    pub lower: Option<f64>,
    /// Upper bound.
    pub upper: Option<f64>,
}

/// Effect sizes of two independent groups, x against y (positive when x is higher).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct IndependentEffects {
    /// Values used in x.
    pub n_x: usize,
    /// Values used in y.
    pub n_y: usize,
    /// Missing values (NaN) dropped.
    pub n_excluded: usize,
    /// Degrees of freedom n₁ + n₂ − 2.
    pub df: f64,
    /// The pooled standard deviation.
    pub sd_pooled: f64,
    /// Cohen's d with the noncentral-t interval.
    pub cohens_d: EffectInterval,
    /// Hedges' g with the exact correction J(df).
    pub hedges_g: EffectInterval,
    /// Hedges' g with the approximate correction 1 − 3/(4df − 1).
    pub hedges_g_approx: EffectInterval,
    /// Exact J(df).
    pub correction: f64,
    /// Confidence level.
    pub level: f64,
}

/// Effect sizes of paired data, on after − before.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PairedEffects {
    /// Complete pairs used.
    pub n_used: usize,
    /// Pairs dropped for a missing value.
    pub n_excluded: usize,
    /// d_z with the noncentral-t interval.
    pub dz: EffectInterval,
    /// g_z = d_z·J(n − 1), interval bounds times J.
    pub gz: EffectInterval,
    /// g_av = mean difference / ((SD before + SD after)/2) × J(n − 1), with the Algina–Keselman
    /// interval (the d_z limits × s_D/s_av × J).
    pub gav: EffectInterval,
    /// Exact J(n − 1).
    pub correction: f64,
    /// Confidence level.
    pub level: f64,
}

/// Hedges' exact small-sample correction J(df) = Γ(df/2) / (√(df/2) Γ((df − 1)/2)) for df > 1,
/// through ln Γ(a) − ln Γ(a − ½) = ½ ln π − ln B(a − ½, ½).
pub fn hedges_j(df: f64) -> f64 {
    let a = df / 2.0;
    (0.5 * std::f64::consts::PI.ln() - ln_beta(a - 0.5, 0.5)).exp() / a.sqrt()
}

/// The noncentrality δ with P(T_df(δ) ≤ t) = `p` (decreasing in δ): bracketing, then bisection
/// to the last bit.
fn ncp_for(t: f64, df: f64, p: f64) -> Result<f64> {
    let f = |d: f64| noncentral_t_cdf(t, df, d, true).map(|c| c - p);
    let mut step = 1.0 + t.abs() / 4.0;
    let (mut lo, mut hi) = (t - step, t + step);
    for _ in 0..60 {
        if f(lo)? > 0.0 && f(hi)? < 0.0 {
            break;
        }
        step *= 2.0;
        (lo, hi) = (t - step, t + step);
    }
    if !(f(lo)? > 0.0 && f(hi)? < 0.0) {
        return Err(Error::new(
            Code::Internal,
            "no noncentrality brackets the interval",
        ));
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if f(mid)? > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(0.5 * (lo + hi))
}

/// The interval for a standardized effect `t·scale` from the noncentral t: `scale·[δ_lo, δ_hi]`.
fn nct_interval(t: f64, df: f64, scale: f64, level: f64) -> Result<(f64, f64)> {
    let lo = ncp_for(t, df, 0.5 + level / 2.0)?;
    let hi = ncp_for(t, df, 0.5 - level / 2.0)?;
    Ok((lo * scale, hi * scale))
}

/// Scales an effect and its bounds by `j`.
fn scaled(e: EffectInterval, j: f64) -> EffectInterval {
    EffectInterval {
        estimate: e.estimate * j,
        lower: e.lower.map(|v| v * j),
        upper: e.upper.map(|v| v * j),
    }
}

/// Cohen's d and Hedges' g (exact and approximate) of x against y with noncentral-t intervals.
///
/// # Formula
/// ```text
/// d = (x̄ − ȳ)/sₚ, t = d / √(1/n₁ + 1/n₂), df = n₁ + n₂ − 2
/// [δ_lo, δ_hi]: P(T_df(δ_lo) ≤ t) = (1 + level)/2, P(T_df(δ_hi) ≤ t) = (1 − level)/2
/// d interval = √(1/n₁ + 1/n₂)·[δ_lo, δ_hi]; g = J·d, bounds J·bounds
/// ```
///
/// # Errors
/// [`Code::SampleTooSmall`] (a group without values, or n₁ + n₂ < 4: J needs df ≥ 2),
/// [`Code::NoVariation`] (pooled SD 0), [`Code::NotFinite`], [`Code::LevelOutOfRange`].
///
/// # Examples
/// ```
/// use waterline::stats::{effect_size::cohens_d, LevelOptions};
/// let e = cohens_d(&[5.0, 6.0, 7.0, 9.0], &[3.0, 4.0, 6.0], &LevelOptions::default()).unwrap();
/// assert!((e.cohens_d.estimate - 1.4752969311961197).abs() < 1e-12);
/// ```
///
/// # References
/// Hedges, L. V. & Olkin, I. (1985). *Statistical Methods for Meta-Analysis*, ch. 5. Steiger,
/// J. H. & Fouladi, R. T. (1997). Noncentrality interval estimation. Ben-Shachar et al. (2020),
/// effectsize, *JOSS* 5, 2815.
pub fn cohens_d(x: &[f64], y: &[f64], options: &LevelOptions) -> Result<IndependentEffects> {
    let level = crate::error::level(options.level)?;
    let (a, b) = (sample("x", x, 1)?, sample("y", y, 1)?);
    let (n1, n2) = (a.n as f64, b.n as f64);
    let df = n1 + n2 - 2.0;
    if df < 2.0 {
        return Err(Error::new(
            Code::SampleTooSmall,
            "Hedges' correction needs at least 4 values in all (df ≥ 2)",
        )
        .with("n", a.n + b.n)
        .with("min", 4usize));
    }
    let sd = (((n1 - 1.0) * a.var + (n2 - 1.0) * b.var) / df).sqrt();
    if sd <= 0.0 {
        return Err(no_variation("x and y"));
    }
    let d = (a.mean - b.mean) / sd;
    let scale = (1.0 / n1 + 1.0 / n2).sqrt();
    let (lo, hi) = nct_interval(d / scale, df, scale, level)?;
    let cohen = EffectInterval {
        estimate: d,
        lower: Some(lo),
        upper: Some(hi),
    };
    let j = hedges_j(df);
    Ok(IndependentEffects {
        n_x: a.n,
        n_y: b.n,
        n_excluded: a.excluded + b.excluded,
        df,
        sd_pooled: sd,
        cohens_d: cohen,
        hedges_g: scaled(cohen, j),
        hedges_g_approx: scaled(cohen, 1.0 - 3.0 / (4.0 * df - 1.0)),
        correction: j,
        level,
    })
}

/// d_z, g_z and g_av of paired data (after − before; NaN drops the pair).
///
/// # Formula
/// ```text
/// D = after − before, d_z = D̄/s_D, t = d_z √n, df = n − 1, interval = [δ_lo, δ_hi]/√n
/// g_z = J(n − 1)·d_z;  g_av = J(n − 1)·D̄ / s_av, s_av = (s_before + s_after)/2
/// g_av interval (Algina & Keselman 2003) = J(n − 1)·s_D/(√n·s_av)·[δ_lo, δ_hi]
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`], [`Code::SampleTooSmall`] (fewer than 3 complete pairs: J needs
/// df ≥ 2), [`Code::NoVariation`] (all differences equal, or both SDs 0), [`Code::NotFinite`],
/// [`Code::LevelOutOfRange`].
///
/// # Examples
/// ```
/// use waterline::stats::{effect_size::paired_effects, LevelOptions};
/// let e = paired_effects(&[2.0, 3.0, 3.0, 4.0], &[3.0, 5.0, 4.0, 4.0], &LevelOptions::default()).unwrap();
/// assert!((e.dz.estimate - 1.224744871391589).abs() < 1e-12); // mean 1, SD √(2/3)
/// ```
pub fn paired_effects(
    before: &[f64],
    after: &[f64],
    options: &LevelOptions,
) -> Result<PairedEffects> {
    let level = crate::error::level(options.level)?;
    let pairs = complete_pairs(before, after)?;
    let diffs: Vec<f64> = pairs.pairs.iter().map(|(b, a)| a - b).collect();
    let firsts: Vec<f64> = pairs.pairs.iter().map(|p| p.0).collect();
    let seconds: Vec<f64> = pairs.pairs.iter().map(|p| p.1).collect();
    let d = sample("differences", &diffs, 3)?;
    let (s1, s2) = (sample("before", &firsts, 3)?, sample("after", &seconds, 3)?);
    let sd = d.var.sqrt();
    let sd_av = (s1.var.sqrt() + s2.var.sqrt()) / 2.0;
    if sd <= 0.0 {
        return Err(no_variation("the differences after − before"));
    }
    let n = d.n as f64;
    let df = n - 1.0;
    let dz = d.mean / sd;
    let (lo, hi) = nct_interval(dz * n.sqrt(), df, 1.0 / n.sqrt(), level)?;
    let dz = EffectInterval {
        estimate: dz,
        lower: Some(lo),
        upper: Some(hi),
    };
    let j = hedges_j(df);
    if sd_av <= 0.0 {
        return Err(no_variation("before and after"));
    }
    Ok(PairedEffects {
        n_used: d.n,
        n_excluded: pairs.n_excluded,
        dz,
        gz: scaled(dz, j),
        gav: EffectInterval {
            estimate: j * d.mean / sd_av,
            lower: Some(j * lo * sd / sd_av),
            upper: Some(j * hi * sd / sd_av),
        },
        correction: j,
        level,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_correction_matches_known_values() {
        // J(2) = Γ(1)/(1·Γ(½)) = 1/√π; J → 1 − 3/(4df − 1) for large df.
        assert!((hedges_j(2.0) - 1.0 / std::f64::consts::PI.sqrt()).abs() < 1e-14);
        assert!((hedges_j(1e4) - (1.0 - 3.0 / (4e4 - 1.0))).abs() < 1e-9);
    }

    #[test]
    fn edges_are_coded_errors() {
        let o = LevelOptions::default();
        assert_eq!(
            cohens_d(&[1.0, 2.0], &[3.0], &o).unwrap_err().code,
            Code::SampleTooSmall
        );
        assert_eq!(
            cohens_d(&[1.0, 1.0], &[1.0, 1.0], &o).unwrap_err().code,
            Code::NoVariation
        );
        assert_eq!(
            paired_effects(&[1.0, 2.0, 3.0], &[2.0, 3.0, 4.0], &o)
                .unwrap_err()
                .code,
            Code::NoVariation
        );
    }
}
