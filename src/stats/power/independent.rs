//! Power and sample size for two independent groups of scores (Student's two-sample t-test and
//! the Wilcoxon–Mann–Whitney rank-sum test) and for one proportion against a benchmark.
//!
//! - Two-sample t: the noncentral t of R's `power.t.test(type = "two.sample")`, n per group.
//! - Rank sum: the asymptotic relative efficiency (A.R.E.) method of G*Power for a normal
//!   parent: the t-test's power with n × 3/π per group (Lehmann 1975; Faul et al. 2007). It is
//!   an approximation that ignores ties and small-sample exactness.
//! - One proportion: the normal approximation on Cohen's arcsine h = 2 asin √p − 2 asin √p0
//!   (R `pwr.p.test`, statsmodels `NormalIndPower(ratio = 0)`), not the exact binomial test.
//!
//! # References
//! Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed., ch. 6.
//! Faul, F., Erdfelder, E., Lang, A.-G. & Buchner, A. (2007). G*Power 3. *Behavior Research
//! Methods* 39, 175–191 (the A.R.E. method for the Wilcoxon–Mann–Whitney test).

use super::engine::{finish, out_of_range, probability, solve, NormalDesign, Test};
use super::{Power, PowerOptions, SampleSize};
use crate::error::Result;
use crate::stats::method::Method;
use std::f64::consts::PI;

/// The A.R.E. of the Wilcoxon–Mann–Whitney test to the t-test for a normal parent: 3/π.
pub const ARE_NORMAL: f64 = 3.0 / PI;

/// Checked two-group design: δ finite, sd > 0; two-sided tests use |δ|.
fn means_design(delta: f64, sd: f64, test: &Test) -> Result<(f64, f64)> {
    if !delta.is_finite() {
        return Err(out_of_range("delta", delta, "a finite difference of means"));
    }
    if !(sd.is_finite() && sd > 0.0) {
        return Err(out_of_range("sd", sd, "a standard deviation above 0"));
    }
    Ok((
        if test.tails == 2.0 {
            delta.abs()
        } else {
            delta
        },
        sd,
    ))
}

/// Power of Student's two-sample t-test with `n` per group (a real n is allowed).
fn two_sample_power(n: f64, delta: f64, sd: f64, test: &Test) -> f64 {
    let nu = (2.0 * n - 2.0).max(1e-7);
    test.noncentral_t_power(nu, (n / 2.0).sqrt() * delta / sd)
}

/// Power of Student's two-sample t-test with `n` people in each group, difference of means
/// `delta` and common standard deviation `sd`.
///
/// # Formula
/// ```text
/// ν = 2n − 2, t* = t⁻¹(1 − α/2; ν) (1 − α one-sided), ncp = √(n/2) δ / sd
/// power = P(T'(ν, ncp) > t*)  (+ P(T'(ν, ncp) < −t*) when strict)
/// ```
///
/// # Errors
/// [`crate::error::Code::ParameterOutOfRange`] for non-finite `delta`, `sd` ≤ 0 or `n` < 2;
/// [`crate::error::Code::ProbabilityOutOfRange`] for α outside (0, 1).
///
/// # Examples
/// ```
/// use waterline::stats::power::{power_two_means, PowerOptions};
/// let p = power_two_means(0.5, 1.0, 64.0, &PowerOptions::default()).unwrap();
/// assert!((p.power - 0.8014586233679298).abs() < 1e-9); // scipy nct; R power.t.test(64, 0.5)
/// ```
///
/// # References
/// Matches R's `power.t.test(n, delta, sd, sig.level, type = "two.sample", alternative,
/// strict)`; with `strict`, statsmodels' `TTestIndPower().power(d, n, alpha)`.
pub fn power_two_means(delta: f64, sd: f64, n: f64, options: &PowerOptions) -> Result<Power> {
    let test = Test::new(options)?;
    let (delta, sd) = means_design(delta, sd, &test)?;
    if !(n.is_finite() && n >= 2.0) {
        return Err(out_of_range("n", n, "a number per group of at least 2"));
    }
    let power = two_sample_power(n, delta, sd, &test);
    Ok(test.power(Method::TwoSampleT, "per_group", n, power))
}

/// Checks that δ can be detected at all: not 0 (above 0 one-sided).
fn detectable(delta: f64, test: &Test) -> Result<()> {
    if delta == 0.0 || (test.tails == 1.0 && delta < 0.0) {
        return Err(out_of_range(
            "delta",
            delta,
            "a difference other than 0 (above 0 for a one-sided test)",
        ));
    }
    Ok(())
}

/// People per group needed by Student's two-sample t-test to detect `delta` (common standard
/// deviation `sd`) with the target `power`.
///
/// # Formula
/// n solves power(n) = target ([`power_two_means`]) by Brent's method from n = 2 (extended
/// below 2 with ν = max(2n − 2, 10⁻⁷), as R).
///
/// # Errors
/// As [`power_two_means`], plus δ = 0 (or δ ≤ 0 one-sided), a power outside (0, 1) and
/// [`crate::error::Code::TooLarge`] beyond 10¹⁵ per group.
///
/// # Examples
/// ```
/// use waterline::stats::power::{sample_size_two_means, PowerOptions};
/// let s = sample_size_two_means(0.5, 1.0, 0.8, &PowerOptions::default()).unwrap();
/// assert_eq!(s.n, 64); // R: power.t.test(delta = 0.5, power = 0.8)$n = 63.77
/// ```
pub fn sample_size_two_means(
    delta: f64,
    sd: f64,
    power: f64,
    options: &PowerOptions,
) -> Result<SampleSize> {
    let test = Test::new(options)?;
    let (delta, sd) = means_design(delta, sd, &test)?;
    let target = probability("power", power, false)?;
    detectable(delta, &test)?;
    let f = |n: f64| two_sample_power(n, delta, sd, &test) - target;
    let n_exact = if f(2.0) >= 0.0 {
        solve(f, 1.0, 2.0)?
    } else {
        solve(f, 2.0, 1e7)?
    };
    finish(
        Method::TwoSampleT,
        "per_group",
        n_exact,
        2.0,
        target,
        &test,
        |n| two_sample_power(n, delta, sd, &test),
    )
}

/// Power of the Wilcoxon–Mann–Whitney rank-sum test with `n` per group, by the A.R.E. method:
/// the two-sample t power ([`power_two_means`]) with n × 3/π per group.
///
/// # Formula
/// ```text
/// n' = n · 3/π;  ν = 2n' − 2, ncp = √(n'/2) δ / sd;  power = P(T'(ν, ncp) > t*(ν)) (+ strict)
/// ```
///
/// # Errors
/// As [`power_two_means`] (n' must be at least 2: n ≥ 2π/3).
///
/// # Examples
/// ```
/// use waterline::stats::power::{power_rank_sum, PowerOptions};
/// let p = power_rank_sum(0.5, 1.0, 67.0, &PowerOptions::default()).unwrap();
/// assert!(p.power > 0.79 && p.power < 0.81);
/// ```
///
/// # References
/// G*Power 3's "A.R.E." option for the Wilcoxon–Mann–Whitney test with a normal parent
/// distribution (Faul et al. 2007); with `strict`, statsmodels'
/// `TTestIndPower().power(d, n · 3/π, alpha)`.
pub fn power_rank_sum(delta: f64, sd: f64, n: f64, options: &PowerOptions) -> Result<Power> {
    let test = Test::new(options)?;
    let (delta, sd) = means_design(delta, sd, &test)?;
    if !(n.is_finite() && n * ARE_NORMAL >= 2.0) {
        return Err(out_of_range("n", n, "a number per group of at least 2π/3"));
    }
    let power = two_sample_power(n * ARE_NORMAL, delta, sd, &test);
    Ok(test.power(Method::RankSumAre, "per_group", n, power))
}

/// People per group needed by the Wilcoxon–Mann–Whitney test (A.R.E. method): the t-test's n
/// divided by 3/π.
///
/// # Errors
/// As [`sample_size_two_means`].
///
/// # Examples
/// ```
/// use waterline::stats::power::{sample_size_rank_sum, PowerOptions};
/// let s = sample_size_rank_sum(0.5, 1.0, 0.8, &PowerOptions::default()).unwrap();
/// assert_eq!(s.n, 67); // 63.77 · π/3 = 66.8
/// ```
pub fn sample_size_rank_sum(
    delta: f64,
    sd: f64,
    power: f64,
    options: &PowerOptions,
) -> Result<SampleSize> {
    let test = Test::new(options)?;
    let (delta, sd) = means_design(delta, sd, &test)?;
    let target = probability("power", power, false)?;
    detectable(delta, &test)?;
    let f = |n: f64| two_sample_power(n * ARE_NORMAL, delta, sd, &test) - target;
    let min = 2.0 / ARE_NORMAL;
    let n_exact = if f(min) >= 0.0 {
        solve(f, 1.0 / ARE_NORMAL, min)?
    } else {
        solve(f, min, 1e7)?
    };
    finish(
        Method::RankSumAre,
        "per_group",
        n_exact,
        min.ceil(),
        target,
        &test,
        |n| two_sample_power(n * ARE_NORMAL, delta, sd, &test),
    )
}

/// Cohen's h = 2 asin √p − 2 asin √p0 as a normal design (unit variance per observation).
fn arcsine_design(p: f64, p0: f64, test: &Test) -> Result<NormalDesign> {
    let p = probability("p", p, true)?;
    let p0 = probability("p0", p0, true)?;
    let h = 2.0 * p.sqrt().asin() - 2.0 * p0.sqrt().asin();
    let d = if test.tails == 2.0 { h.abs() } else { h };
    Ok(NormalDesign {
        d,
        null_sd: 1.0,
        alt_sd: 1.0,
    })
}

/// Power to tell a proportion `p` from the benchmark `p0` with `n` people, by the normal
/// approximation on Cohen's arcsine h (not the exact binomial test).
///
/// # Formula
/// ```text
/// h = 2 asin √p − 2 asin √p0;  power = Φ(√n |h| − z)  (+ Φ(−√n |h| − z) when strict)
/// z = Φ⁻¹(1 − α/2) two-sided, Φ⁻¹(1 − α) one-sided (then h keeps its sign)
/// ```
///
/// # Errors
/// [`crate::error::Code::ProbabilityOutOfRange`] for p, p0 outside [0, 1] or α outside (0, 1);
/// [`crate::error::Code::ParameterOutOfRange`] for n ≤ 0.
///
/// # Examples
/// ```
/// use waterline::stats::power::{power_one_proportion, PowerOptions};
/// let o = PowerOptions { strict: true, ..PowerOptions::default() };
/// let p = power_one_proportion(0.65, 0.5, 100.0, &o).unwrap();
/// assert!((p.power - 0.8614735974365455).abs() < 1e-9); // statsmodels NormalIndPower
/// ```
///
/// # References
/// Matches R's `pwr.p.test(h, n, sig.level, alternative)` (which counts both tails: set
/// `strict`) and statsmodels' `NormalIndPower().power(h, n, alpha, ratio = 0)`.
pub fn power_one_proportion(p: f64, p0: f64, n: f64, options: &PowerOptions) -> Result<Power> {
    let test = Test::new(options)?;
    let design = arcsine_design(p, p0, &test)?;
    if !(n.is_finite() && n > 0.0) {
        return Err(out_of_range("n", n, "a number of people above 0"));
    }
    let power = design.power(n, test.z()?, test.strict);
    Ok(test.power(Method::OneProportionArcsine, "people", n, power))
}

/// People needed to tell a proportion `p` from the benchmark `p0` with the target `power`, by
/// the arcsine approximation of [`power_one_proportion`].
///
/// # Formula
/// ```text
/// n = ((z + Φ⁻¹(power)) / |h|)²   (strict: solved by Brent's method)
/// ```
///
/// # Errors
/// As [`power_one_proportion`], plus p = p0 (h = 0, or h ≤ 0 one-sided), a power outside
/// (0, 1) or one reached without data.
///
/// # Examples
/// ```
/// use waterline::stats::power::{sample_size_one_proportion, PowerOptions};
/// let s = sample_size_one_proportion(0.65, 0.5, 0.8, &PowerOptions::default()).unwrap();
/// assert_eq!(s.n, 85); // statsmodels NormalIndPower(ratio = 0).solve_power: 84.54
/// ```
pub fn sample_size_one_proportion(
    p: f64,
    p0: f64,
    power: f64,
    options: &PowerOptions,
) -> Result<SampleSize> {
    let test = Test::new(options)?;
    let design = arcsine_design(p, p0, &test)?;
    let target = probability("power", power, false)?;
    if design.d <= 0.0 {
        return Err(out_of_range(
            "p",
            p,
            "a proportion other than p0 (above p0 for a one-sided test)",
        ));
    }
    design.sample_size(Method::OneProportionArcsine, "people", target, &test)
}
