//! Guarded access to the distributions of statrs.
//!
//! statrs panics or returns NaN on some inputs; these wrappers check their arguments first and
//! return [`crate::Error`] instead.

use crate::error::{Code, Error, Result};

/// Standard normal quantile Φ⁻¹(p) for `p` strictly inside (0, 1), to about 1e-15 relative
/// error (Newton's method on the accurate tail, [`crate::stats::normal`]).
///
/// # Errors
/// [`Code::ProbabilityOutOfRange`] when `p` is not in (0, 1).
///
/// # Examples
/// ```
/// let z = waterline::stats::dist::normal_quantile(0.975).unwrap();
/// assert!((z - 1.959963984540054).abs() < 1e-12);
/// ```
pub fn normal_quantile(p: f64) -> Result<f64> {
    if !(p.is_finite() && p > 0.0 && p < 1.0) {
        return Err(Error::new(
            Code::ProbabilityOutOfRange,
            format!(
                "a probability strictly between 0 and 1 is required, got {p}",
                p = crate::error::num(p)
            ),
        )
        .with("p", p));
    }
    Ok(crate::stats::normal::quantile(p))
}

/// The two-sided critical value z such that P(|Z| ≤ z) = `level`.
///
/// # Errors
/// [`Code::LevelOutOfRange`] when `level` is not in (0, 1).
pub fn z_two_sided(level: f64) -> Result<f64> {
    let level = crate::error::level(level)?;
    normal_quantile((1.0 + level) / 2.0)
}

// --- added for the shift statistics (McNemar, Wilcoxon, t, chi-square) -------------------------

use statrs::distribution::{Binomial, Discrete};

/// Checks that `x` is finite; `name` names it in the message.
fn finite_arg(name: &str, x: f64) -> Result<f64> {
    crate::error::finite(name, x)
}

/// Checks degrees of freedom: finite and strictly positive.
fn check_df(df: f64) -> Result<f64> {
    if df.is_finite() && df > 0.0 {
        Ok(df)
    } else {
        Err(Error::new(
            Code::ParameterOutOfRange,
            format!(
                "degrees of freedom must be a finite number above 0, got {df}",
                df = crate::error::num(df)
            ),
        )
        .with("df", df))
    }
}

/// Standard normal distribution function Φ(x) = P(Z ≤ x), about 1e-15 relative error in both
/// tails (see [`normal_sf`]).
///
/// # Errors
/// [`Code::NotFinite`] when `x` is NaN or infinite.
///
/// # Examples
/// ```
/// let p = waterline::stats::dist::normal_cdf(1.959963984540054).unwrap();
/// assert!((p - 0.975).abs() < 1e-11); // statrs: about 5e-11 relative in the tail
/// ```
pub fn normal_cdf(x: f64) -> Result<f64> {
    Ok(crate::stats::normal::upper_tail(-finite_arg("x", x)?))
}

/// Standard normal upper tail 1 − Φ(x) = P(Z > x), accurate far into the tail: about 1e-15
/// relative error in both tails (Cody's erfc, [`crate::stats::normal`]), where statrs' is
/// about 5e-11.
///
/// # Errors
/// [`Code::NotFinite`] when `x` is NaN or infinite.
///
/// # Examples
/// ```
/// let p = waterline::stats::dist::normal_sf(1.959963984540054).unwrap();
/// assert!((p - 0.025).abs() < 1e-11);
/// ```
pub fn normal_sf(x: f64) -> Result<f64> {
    Ok(crate::stats::normal::upper_tail(finite_arg("x", x)?))
}

/// Two-sided normal p-value 2·min(Φ(z), 1 − Φ(z)), in [0, 1] (R: `2 * pnorm(-abs(z))`).
///
/// # Errors
/// [`Code::NotFinite`] when `z` is NaN or infinite.
pub fn normal_two_sided(z: f64) -> Result<f64> {
    let tail = normal_sf(finite_arg("z", z)?.abs())?;
    Ok((2.0 * tail).min(1.0))
}

/// Student t distribution function P(T ≤ t) with `df` degrees of freedom (R: `pt(t, df)`).
///
/// The same tail as every t tail of the engine: [`crate::stats::student_t::cdf`], accurate to
/// 1e-12 relative for any finite df.
///
/// # Errors
/// [`Code::NotFinite`] for a non-finite `t`, [`Code::ParameterOutOfRange`] unless `df > 0`.
///
/// # Examples
/// ```
/// let p = waterline::stats::dist::t_cdf(2.0, 10.0).unwrap();
/// assert!((p - 0.963305982614).abs() < 1e-10); // R: pt(2, 10)
/// ```
pub fn t_cdf(t: f64, df: f64) -> Result<f64> {
    let df = check_df(df)?;
    crate::stats::student_t::cdf(finite_arg("t", t)?, df)
}

/// Student t upper tail P(T > t) (R: `pt(t, df, lower.tail = FALSE)`).
///
/// # Errors
/// As [`t_cdf`].
pub fn t_sf(t: f64, df: f64) -> Result<f64> {
    let df = check_df(df)?;
    crate::stats::student_t::sf(finite_arg("t", t)?, df)
}

/// Chi-square upper tail P(X² > x) with `df` degrees of freedom (R: `pchisq(x, df,
/// lower.tail = FALSE)`). `x ≤ 0` gives 1. Accurate far into the tail
/// ([`crate::stats::chi_square`]); df at most 1e9.
///
/// # Errors
/// [`Code::NotFinite`] for a non-finite `x`, [`Code::ParameterOutOfRange`] unless `df > 0`.
///
/// # Examples
/// ```
/// let p = waterline::stats::dist::chi_square_sf(3.841458820694124, 1.0).unwrap();
/// assert!((p - 0.05).abs() < 1e-12);
/// ```
pub fn chi_square_sf(x: f64, df: f64) -> Result<f64> {
    let x = finite_arg("x", x)?;
    let df = check_df(df)?;
    let df = crate::stats::chi_square::check_df(df)?;
    Ok(crate::stats::chi_square::tails(x, df).1)
}

/// The binomial distribution with `n` trials and success probability `p`.
fn binomial(n: u64, p: f64) -> Result<Binomial> {
    if !(p.is_finite() && (0.0..=1.0).contains(&p)) {
        return Err(Error::new(
            Code::ProbabilityOutOfRange,
            format!(
                "a binomial probability must lie in [0, 1], got {p}",
                p = crate::error::num(p)
            ),
        )
        .with("p", p));
    }
    Binomial::new(p, n).map_err(|e| {
        Error::new(
            Code::Internal,
            format!("binomial(n = {n}, p = {p}): {e}", p = crate::error::num(p)),
        )
    })
}

/// Binomial probability P(X = k) for `n` trials with success probability `p`
/// (R: `dbinom(k, n, p)`); 0 when `k > n`.
///
/// # Errors
/// [`Code::ProbabilityOutOfRange`] unless `p ∈ [0, 1]`.
///
/// # Examples
/// ```
/// let p = waterline::stats::dist::binomial_pmf(2, 4, 0.5).unwrap();
/// assert!((p - 0.375).abs() < 1e-14);
/// ```
pub fn binomial_pmf(k: u64, n: u64, p: f64) -> Result<f64> {
    Ok(binomial(n, p)?.pmf(k))
}

/// Binomial distribution function P(X ≤ k) (R: `pbinom(k, n, p)`); 1 when `k ≥ n`. Through
/// the incomplete beta function ([`crate::stats::binomial`]), accurate far into the tail.
///
/// # Errors
/// [`Code::ProbabilityOutOfRange`] unless `p ∈ [0, 1]`.
///
/// # Examples
/// ```
/// let p = waterline::stats::dist::binomial_cdf(1, 4, 0.5).unwrap();
/// assert!((p - 0.3125).abs() < 1e-14);
/// ```
pub fn binomial_cdf(k: u64, n: u64, p: f64) -> Result<f64> {
    binomial(n, p)?;
    Ok(crate::stats::binomial::tails(k as f64, n as f64, p).0)
}
