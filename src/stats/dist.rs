//! Guarded access to the distributions of statrs.
//!
//! statrs panics or returns NaN on some inputs; these wrappers check their arguments first and
//! return [`crate::Error`] instead.

use crate::error::{Code, Error, Result};
use statrs::distribution::{ContinuousCDF, Normal};

/// The standard normal distribution.
fn std_normal() -> Result<Normal> {
    Normal::new(0.0, 1.0).map_err(|e| Error::new(Code::Internal, format!("standard normal: {e}")))
}

/// Standard normal quantile Φ⁻¹(p) for `p` strictly inside (0, 1).
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
            format!("a probability strictly between 0 and 1 is required, got {p}"),
        )
        .with("p", p));
    }
    Ok(std_normal()?.inverse_cdf(p))
}

/// The two-sided critical value z such that P(|Z| ≤ z) = `level`.
///
/// # Errors
/// [`Code::LevelOutOfRange`] when `level` is not in (0, 1).
pub fn z_two_sided(level: f64) -> Result<f64> {
    let level = crate::error::level(level)?;
    normal_quantile((1.0 + level) / 2.0)
}
