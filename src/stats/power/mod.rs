//! Power and sample size for the designs evaluators plan: two independent survey waves (two
//! proportions), before/after scores of the same people (paired means) and before/after yes/no
//! answers of the same people (paired proportions, McNemar).
//!
//! Each design has a `power_*` function (power for a given n) and a `sample_size_*` function
//! (n for a given power), which returns the exact real n and n rounded up.

mod engine;
mod independent;

pub use independent::{
    power_one_proportion, power_rank_sum, power_two_means, sample_size_one_proportion,
    sample_size_rank_sum, sample_size_two_means, ARE_NORMAL,
};

use crate::error::{Code, Error, Result};
use crate::note::Note;
use crate::stats::method::Method;
use engine::{finish, out_of_range, probability, solve, NormalDesign, Test};
use serde::{Deserialize, Serialize};

/// The alternative hypothesis: a difference in either direction, or in the stated direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Alternative {
    /// Two-sided test at level α (α/2 in each tail). R: `alternative = "two.sided"`.
    #[default]
    #[serde(alias = "two.sided")]
    TwoSided,
    /// One-sided test at level α. R: `alternative = "one.sided"`.
    #[serde(alias = "one.sided")]
    OneSided,
}

/// Options shared by the power and sample-size functions.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct PowerOptions {
    /// Significance level α in (0, 1); default 0.05.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub alpha: f64,
    /// Default two-sided.
    #[cfg_attr(test, ts(as = "Option<Alternative>", optional))]
    pub alternative: Alternative,
    /// Two-sided tests only: also count rejections in the wrong tail (R's `strict = TRUE`).
    /// Default `false`, as R; the difference is negligible unless the power is small.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub strict: bool,
}

impl Default for PowerOptions {
    fn default() -> Self {
        PowerOptions {
            alpha: 0.05,
            alternative: Alternative::TwoSided,
            strict: false,
        }
    }
}

/// The n needed for a target power.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SampleSize {
    /// `Method::TwoProportions`, `Method::PairedT` or `Method::McnemarConnor`.
    pub method: Method,
    /// What n counts: `"per_group"` (two proportions) or `"pairs"`.
    pub unit: &'static str,
    /// The n to plan for: `n_exact` rounded up (at least 2 pairs for a paired t-test).
    pub n: u64,
    /// The real n at which the power equals the target exactly (R's `power.*.test()$n`).
    pub n_exact: f64,
    /// The target power, in (0, 1).
    pub power: f64,
    /// The power reached with `n`, at least the target.
    pub achieved_power: f64,
    /// Significance level α.
    pub alpha: f64,
    /// The alternative hypothesis.
    pub alternative: Alternative,
    /// Whether rejections in the wrong tail were counted (two-sided only).
    pub strict: bool,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
}

/// The power of a design with a given n.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Power {
    /// `Method::TwoProportions`, `Method::PairedT` or `Method::McnemarConnor`.
    pub method: Method,
    /// What n counts: `"per_group"` or `"pairs"`.
    pub unit: &'static str,
    /// The n given.
    pub n: f64,
    /// The probability of rejecting the null hypothesis, in [0, 1].
    pub power: f64,
    /// Significance level α.
    pub alpha: f64,
    /// The alternative hypothesis.
    pub alternative: Alternative,
    /// Whether rejections in the wrong tail were counted (two-sided only).
    pub strict: bool,
}

/// The two-proportions design of R's `power.prop.test`.
fn two_proportions_design(p1: f64, p2: f64) -> Result<NormalDesign> {
    let p1 = probability("p1", p1, true)?;
    let p2 = probability("p2", p2, true)?;
    let alt_var = p1 * (1.0 - p1) + p2 * (1.0 - p2);
    if p1 == p2 || alt_var <= 0.0 {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            format!(
                "p1 and p2 must differ and not both be 0 or 1, got {p1} and {p2}",
                p1 = crate::error::num(p1),
                p2 = crate::error::num(p2)
            ),
        )
        .with("p1", p1)
        .with("p2", p2));
    }
    Ok(NormalDesign {
        d: (p1 - p2).abs(),
        null_sd: ((p1 + p2) * (1.0 - (p1 + p2) / 2.0)).sqrt(),
        alt_sd: alt_var.sqrt(),
    })
}

/// Power to detect p1 vs p2 with `n` people in each of two independent groups (survey waves).
///
/// # Formula
/// ```text
/// power = Φ((√n |p1 − p2| − z √((p1 + p2)(1 − (p1 + p2)/2))) / √(p1(1 − p1) + p2(1 − p2)))
/// z = Φ⁻¹(1 − α/2) two-sided, Φ⁻¹(1 − α) one-sided; strict adds the wrong-tail term
/// ```
///
/// # Errors
/// [`Code::ProbabilityOutOfRange`] for p1, p2 outside [0, 1] or α outside (0, 1);
/// [`Code::ParameterOutOfRange`] when p1 = p2 (or both are 0 or 1) or n ≤ 0.
///
/// # Examples
/// Staff agreeing 48% → 72% with 60 respondents per wave:
/// ```
/// use waterline::stats::power::{power_two_proportions, PowerOptions};
/// let p = power_two_proportions(0.48, 0.72, 60.0, &PowerOptions::default()).unwrap();
/// assert!((p.power - 0.77217992286313575).abs() < 1e-12); // R: power.prop.test(60, 0.48, 0.72)$power
/// ```
///
/// # References
/// Matches R's `power.prop.test(n, p1, p2, sig.level, alternative, strict)$power`.
pub fn power_two_proportions(p1: f64, p2: f64, n: f64, options: &PowerOptions) -> Result<Power> {
    let design = two_proportions_design(p1, p2)?;
    let test = Test::new(options)?;
    if !(n.is_finite() && n > 0.0) {
        return Err(out_of_range("n", n, "a number of people per group above 0"));
    }
    let power = design.power(n, test.z()?, test.strict);
    Ok(test.power(Method::TwoProportions, "per_group", n, power))
}

/// People per group needed to detect p1 vs p2 between two independent groups with the target
/// `power`.
///
/// # Formula
/// ```text
/// n = ((z √((p1 + p2)(1 − (p1 + p2)/2)) + Φ⁻¹(power) √(p1(1 − p1) + p2(1 − p2))) / |p1 − p2|)²
/// (strict: the n where the strict power equals the target, by Brent's method)
/// ```
///
/// # Errors
/// As [`power_two_proportions`], plus [`Code::ProbabilityOutOfRange`] for a power outside
/// (0, 1) and [`Code::ParameterOutOfRange`] for a power reached with no data at all.
///
/// # Examples
/// ```
/// use waterline::stats::power::{sample_size_two_proportions, PowerOptions};
/// let s = sample_size_two_proportions(0.48, 0.72, 0.8, &PowerOptions::default()).unwrap();
/// assert_eq!(s.n, 65); // R: power.prop.test(p1 = 0.48, p2 = 0.72, power = 0.8)$n = 64.2…
/// ```
///
/// # References
/// Matches R's `power.prop.test(p1 = , p2 = , power = , ...)$n` (R solves numerically with
/// tolerance ≈ 1e-4; the closed form here is exact).
pub fn sample_size_two_proportions(
    p1: f64,
    p2: f64,
    power: f64,
    options: &PowerOptions,
) -> Result<SampleSize> {
    let design = two_proportions_design(p1, p2)?;
    let test = Test::new(options)?;
    let power = probability("power", power, false)?;
    design.sample_size(Method::TwoProportions, "per_group", power, &test)
}

/// Checked paired-means design: δ finite, sd > 0.
fn paired_design(delta: f64, sd: f64, test: &Test) -> Result<(f64, f64)> {
    if !delta.is_finite() {
        return Err(out_of_range("delta", delta, "a finite mean difference"));
    }
    if !(sd.is_finite() && sd > 0.0) {
        return Err(out_of_range(
            "sd",
            sd,
            "a standard deviation of the differences above 0",
        ));
    }
    // Two-sided: the direction does not matter (R takes |delta|).
    let delta = if test.tails == 2.0 {
        delta.abs()
    } else {
        delta
    };
    Ok((delta, sd))
}

/// Power of the paired t-test with `n` pairs, R's `power.t.test(type = "paired")`.
fn paired_power(n: f64, delta: f64, sd: f64, test: &Test) -> f64 {
    let nu = (n - 1.0).max(1e-7);
    test.noncentral_t_power(nu, n.sqrt() * delta / sd)
}

/// Power of a paired t-test (before/after scores of the same people) with `n` pairs, mean
/// change `delta` and standard deviation of the changes `sd`.
///
/// # Formula
/// ```text
/// ν = n − 1, t* = t⁻¹(1 − α/2; ν) (1 − α one-sided), ncp = √n δ / sd
/// power = P(T'(ν, ncp) > t*)  (+ P(T'(ν, ncp) < −t*) when strict)
/// ```
/// T' is the noncentral t ([`crate::stats::noncentral_t`]). Two-sided tests use |δ|; one-sided
/// tests keep the sign (a change in the wrong direction has power below α).
///
/// # Errors
/// [`Code::ParameterOutOfRange`] for non-finite `delta`, `sd` ≤ 0 or `n` < 2;
/// [`Code::ProbabilityOutOfRange`] for α outside (0, 1).
///
/// # Examples
/// ```
/// use waterline::stats::power::{power_paired_means, PowerOptions};
/// let p = power_paired_means(0.5, 1.0, 20.0, &PowerOptions::default()).unwrap();
/// assert!((p.power - 0.56448289667866192).abs() < 1e-12); // R: power.t.test(20, 0.5, type = "paired")
/// ```
///
/// # References
/// Matches R's `power.t.test(n, delta, sd, sig.level, type = "paired", alternative, strict)`.
pub fn power_paired_means(delta: f64, sd: f64, n: f64, options: &PowerOptions) -> Result<Power> {
    let test = Test::new(options)?;
    let (delta, sd) = paired_design(delta, sd, &test)?;
    if !(n.is_finite() && n >= 2.0) {
        return Err(out_of_range("n", n, "a number of pairs of at least 2"));
    }
    Ok(test.power(
        Method::PairedT,
        "pairs",
        n,
        paired_power(n, delta, sd, &test),
    ))
}

/// Pairs needed for a paired t-test to detect a mean change `delta` (standard deviation of the
/// changes `sd`) with the target `power`.
///
/// # Formula
/// ```text
/// n solves power(n) = target (see power_paired_means), by Brent's method on [2, 10⁷] —
/// extended below 2 (ν = max(n − 1, 10⁻⁷), as R) or above 10⁷ when needed
/// ```
///
/// # Errors
/// As [`power_paired_means`], plus [`Code::ParameterOutOfRange`] for δ = 0 (or δ ≤ 0
/// one-sided), [`Code::ProbabilityOutOfRange`] for a power outside (0, 1) and
/// [`Code::TooLarge`] beyond 10¹⁵ pairs.
///
/// # Examples
/// A half-point change on a 5-point item with SD of changes 1.2, 80% power:
/// ```
/// use waterline::stats::power::{sample_size_paired_means, PowerOptions};
/// let s = sample_size_paired_means(0.5, 1.2, 0.8, &PowerOptions::default()).unwrap();
/// assert_eq!(s.n, 48); // R: power.t.test(delta = 0.5, sd = 1.2, power = 0.8, type = "paired")$n = 47.2…
/// ```
///
/// # References
/// Matches R's `power.t.test(delta = , sd = , power = , type = "paired", ...)$n`, computed
/// with `tol = 1e-12` (R's default tolerance of 1.2e-4 leaves n uncertain in the 4th decimal).
pub fn sample_size_paired_means(
    delta: f64,
    sd: f64,
    power: f64,
    options: &PowerOptions,
) -> Result<SampleSize> {
    let test = Test::new(options)?;
    let (delta, sd) = paired_design(delta, sd, &test)?;
    let target = probability("power", power, false)?;
    if delta == 0.0 || (test.tails == 1.0 && delta < 0.0) {
        return Err(out_of_range(
            "delta",
            delta,
            "a change other than 0 (above 0 for a one-sided test)",
        ));
    }
    let f = |n: f64| paired_power(n, delta, sd, &test) - target;
    let n_exact = if f(2.0) >= 0.0 {
        solve(f, 1.0, 2.0)?
    } else {
        solve(f, 2.0, 1e7)?
    };
    finish(Method::PairedT, "pairs", n_exact, 2.0, target, &test, |n| {
        paired_power(n, delta, sd, &test)
    })
}

/// The paired-proportions design of Connor (1987) from the discordant probabilities.
fn mcnemar_design(p10: f64, p01: f64) -> Result<NormalDesign> {
    let p10 = probability("p10", p10, true)?;
    let p01 = probability("p01", p01, true)?;
    let psi = p10 + p01;
    let delta = p10 - p01;
    let alt_var = psi - delta * delta;
    if psi > 1.0 || delta == 0.0 || alt_var <= 0.0 {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            format!(
                "p10 and p01 must differ, add up to at most 1 and not be 0 and 1, got {p10} and {p01}", p10 = crate::error::num(p10), p01 = crate::error::num(p01)
            ),
        )
        .with("p10", p10)
        .with("p01", p01));
    }
    Ok(NormalDesign {
        d: delta.abs(),
        null_sd: psi.sqrt(),
        alt_sd: alt_var.sqrt(),
    })
}

/// Power of McNemar's test with `n` pairs, from the discordant probabilities `p10` (yes → no)
/// and `p01` (no → yes).
///
/// # Formula
/// ```text
/// ψ = p10 + p01, δ = p10 − p01
/// power = Φ((√n |δ| − z √ψ) / √(ψ − δ²))  (+ Φ((−√n |δ| − z √ψ) / √(ψ − δ²)) when strict)
/// ```
///
/// # Errors
/// [`Code::ProbabilityOutOfRange`] for p10, p01 outside [0, 1]; [`Code::ParameterOutOfRange`]
/// when p10 = p01, p10 + p01 > 1 or n ≤ 0.
///
/// # Examples
/// ```
/// use waterline::stats::power::{power_paired_proportions, PowerOptions};
/// let p = power_paired_proportions(0.05, 0.45, 23.0, &PowerOptions::default()).unwrap();
/// assert!(p.power > 0.8);
/// ```
///
/// # References
/// Connor, R. J. (1987). Sample size for testing differences in proportions for the
/// paired-sample design. *Biometrics* 43, 207–211 (p. 209).
pub fn power_paired_proportions(
    p10: f64,
    p01: f64,
    n: f64,
    options: &PowerOptions,
) -> Result<Power> {
    let design = mcnemar_design(p10, p01)?;
    let test = Test::new(options)?;
    if !(n.is_finite() && n > 0.0) {
        return Err(out_of_range("n", n, "a number of pairs above 0"));
    }
    let power = design.power(n, test.z()?, test.strict);
    Ok(test.power(Method::McnemarConnor, "pairs", n, power))
}

/// Pairs needed for McNemar's test to detect discordant probabilities `p10` vs `p01` with the
/// target `power`.
///
/// # Formula
/// ```text
/// n = (z √ψ + Φ⁻¹(power) √(ψ − δ²))² / δ²,  ψ = p10 + p01, δ = p10 − p01
/// ```
///
/// # Errors
/// As [`power_paired_proportions`], plus [`Code::ProbabilityOutOfRange`] for a power outside
/// (0, 1).
///
/// # Examples
/// Connor's worked example as published by powerandsamplesize.com (p01 = 0.45, p10 = 0.05,
/// α = 0.05 two-sided, 80% power): 23 pairs.
/// ```
/// use waterline::stats::power::{sample_size_paired_proportions, PowerOptions};
/// let s = sample_size_paired_proportions(0.05, 0.45, 0.8, &PowerOptions::default()).unwrap();
/// assert_eq!(s.n, 23);
/// assert!((s.n_exact - 22.011324427435788).abs() < 1e-10);
/// ```
///
/// # References
/// Connor, R. J. (1987). Sample size for testing differences in proportions for the
/// paired-sample design. *Biometrics* 43, 207–211, eq. (3) on p. 209.
pub fn sample_size_paired_proportions(
    p10: f64,
    p01: f64,
    power: f64,
    options: &PowerOptions,
) -> Result<SampleSize> {
    let design = mcnemar_design(p10, p01)?;
    let test = Test::new(options)?;
    let power = probability("power", power, false)?;
    design.sample_size(Method::McnemarConnor, "pairs", power, &test)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_designs_are_named() {
        let o = PowerOptions::default();
        assert_eq!(
            sample_size_two_proportions(0.5, 0.5, 0.8, &o)
                .unwrap_err()
                .code,
            Code::ParameterOutOfRange
        );
        assert_eq!(
            sample_size_two_proportions(0.5, 1.2, 0.8, &o)
                .unwrap_err()
                .code,
            Code::ProbabilityOutOfRange
        );
        assert_eq!(
            sample_size_two_proportions(0.4, 0.5, 1.0, &o)
                .unwrap_err()
                .code,
            Code::ProbabilityOutOfRange
        );
        assert_eq!(
            power_two_proportions(0.4, 0.5, 0.0, &o).unwrap_err().code,
            Code::ParameterOutOfRange
        );
        assert_eq!(
            sample_size_paired_means(0.0, 1.0, 0.8, &o)
                .unwrap_err()
                .code,
            Code::ParameterOutOfRange
        );
        assert_eq!(
            sample_size_paired_means(0.5, 0.0, 0.8, &o)
                .unwrap_err()
                .code,
            Code::ParameterOutOfRange
        );
        assert_eq!(
            power_paired_means(0.5, 1.0, 1.5, &o).unwrap_err().code,
            Code::ParameterOutOfRange
        );
        assert_eq!(
            sample_size_paired_proportions(0.3, 0.3, 0.8, &o)
                .unwrap_err()
                .code,
            Code::ParameterOutOfRange
        );
        assert_eq!(
            sample_size_paired_proportions(0.6, 0.5, 0.8, &o)
                .unwrap_err()
                .code,
            Code::ParameterOutOfRange
        );
        let bad_alpha = PowerOptions { alpha: 0.0, ..o };
        assert_eq!(
            power_paired_proportions(0.1, 0.3, 50.0, &bad_alpha)
                .unwrap_err()
                .code,
            Code::ProbabilityOutOfRange
        );
        let one = PowerOptions {
            alternative: Alternative::OneSided,
            ..o
        };
        assert_eq!(
            sample_size_paired_means(-0.5, 1.0, 0.8, &one)
                .unwrap_err()
                .code,
            Code::ParameterOutOfRange
        );
    }

    #[test]
    fn a_power_reached_without_data_is_refused() {
        // Power 0.01 is below what n → 0 already gives (α/2-ish).
        let e = sample_size_two_proportions(0.4, 0.5, 0.01, &PowerOptions::default()).unwrap_err();
        assert_eq!(e.code, Code::ParameterOutOfRange);
    }

    #[test]
    fn huge_effects_need_the_minimum_number_of_pairs() {
        let s = sample_size_paired_means(100.0, 1.0, 0.8, &PowerOptions::default()).unwrap();
        assert_eq!(s.n, 2);
        assert_eq!(s.warnings.len(), 1);
        let w = &s.warnings[0];
        assert_eq!(w.code, crate::note::NoteCode::PowerBelowMinimum);
        assert_eq!(w.param("unit"), Some(&"pairs".into()));
        assert_eq!(w.param("min"), Some(&2.0.into()));
        assert!(s.n_exact <= 2.0);
    }

    #[test]
    fn tiny_differences_are_too_large() {
        let e = sample_size_paired_means(1e-9, 1.0, 0.8, &PowerOptions::default()).unwrap_err();
        assert_eq!(e.code, Code::TooLarge);
    }

    #[test]
    fn achieved_power_meets_the_target_and_round_trips() {
        let o = PowerOptions::default();
        let s = sample_size_paired_proportions(0.1, 0.25, 0.9, &o).unwrap();
        assert!(s.achieved_power >= 0.9);
        let back = power_paired_proportions(0.1, 0.25, s.n_exact, &o).unwrap();
        assert!((back.power - 0.9).abs() < 1e-12);
        let strict = PowerOptions { strict: true, ..o };
        let s = sample_size_two_proportions(0.3, 0.4, 0.8, &strict).unwrap();
        let back = power_two_proportions(0.3, 0.4, s.n_exact, &strict).unwrap();
        assert!((back.power - 0.8).abs() < 1e-12);
    }

    #[test]
    fn alternatives_decode_with_r_spellings() {
        let a: Alternative = serde_json::from_str("\"one.sided\"").unwrap();
        assert_eq!(a, Alternative::OneSided);
        let a: Alternative = serde_json::from_str("\"two_sided\"").unwrap();
        assert_eq!(a, Alternative::TwoSided);
    }
}
