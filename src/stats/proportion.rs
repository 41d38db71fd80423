//! Intervals for one proportion.

use crate::error::{count, Code, Error, Result};
use crate::stats::dist::z_two_sided;
use serde::Serialize;

/// A proportion `x / n` with a confidence interval, naming the method that produced it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProportionInterval {
    /// Number of successes (e.g. parents who agree or strongly agree).
    pub x: u64,
    /// Number of trials (respondents who answered).
    pub n: u64,
    /// The observed share `x / n`, in [0, 1].
    pub estimate: f64,
    /// Lower bound of the interval, in [0, 1].
    pub lower: f64,
    /// Upper bound of the interval, in [0, 1].
    pub upper: f64,
    /// Confidence level, in (0, 1), e.g. 0.95.
    pub level: f64,
    /// The interval method: `"wilson"`.
    pub method: &'static str,
}

/// The Wilson score interval for a binomial proportion (without continuity correction).
///
/// Inputs are JavaScript numbers, so they are validated here: `x` and `n` must be whole numbers
/// with `0 ≤ x ≤ n` and `n ≥ 1`; `level` must lie strictly between 0 and 1.
///
/// # Formula
/// ```text
/// p̂ = x / n,  z = Φ⁻¹((1 + level) / 2),  c = z² / (2n)
/// lower, upper = (p̂ + c ∓ z √(p̂(1 − p̂)/n + c/(2n))) / (1 + 2c)
/// lower = 0 when x = 0, upper = 1 when x = n
/// ```
///
/// # Errors
/// [`Code::InvalidCount`] / [`Code::NotFinite`] for a count that is not a whole number ≥ 0,
/// [`Code::EmptySample`] when `n = 0`, [`Code::CountExceedsTotal`] when `x > n`,
/// [`Code::LevelOutOfRange`] when `level ∉ (0, 1)`.
///
/// # Examples
/// Seed 000: 89% of n = 113 parents are confident talking with their children's teachers.
/// ```
/// let ci = waterline::stats::wilson(101.0, 113.0, 0.95).unwrap();
/// assert_eq!(ci.method, "wilson");
/// assert!((ci.lower - 0.8235).abs() < 1e-4 && (ci.upper - 0.9382).abs() < 1e-4);
/// ```
///
/// # References
/// Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
/// *JASA* 22, 209–212. Matches R's `prop.test(x, n, correct = FALSE)$conf.int`.
pub fn wilson(x: f64, n: f64, level: f64) -> Result<ProportionInterval> {
    let x = count("x", x)?;
    let n = count("n", n)?;
    if n == 0 {
        return Err(Error::new(
            Code::EmptySample,
            "n must be at least 1: there is no share of zero respondents",
        )
        .with("n", n));
    }
    if x > n {
        return Err(Error::new(
            Code::CountExceedsTotal,
            format!("x ({x}) cannot exceed n ({n}): more people agree than answered"),
        )
        .with("x", x)
        .with("n", n));
    }
    let z = z_two_sided(level)?;
    let nf = n as f64;
    let p = x as f64 / nf;
    let c = z * z / (2.0 * nf);
    let half = z * (p * (1.0 - p) / nf + c / (2.0 * nf)).sqrt();
    let lower = if x == 0 {
        0.0
    } else {
        (p + c - half) / (1.0 + 2.0 * c)
    };
    let upper = if x == n {
        1.0
    } else {
        (p + c + half) / (1.0 + 2.0 * c)
    };
    Ok(ProportionInterval {
        x,
        n,
        estimate: p,
        lower: lower.clamp(0.0, 1.0),
        upper: upper.clamp(0.0, 1.0),
        level,
        method: "wilson",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_impossible_counts() {
        assert_eq!(
            wilson(5.0, 4.0, 0.95).unwrap_err().code,
            Code::CountExceedsTotal
        );
        assert_eq!(wilson(0.0, 0.0, 0.95).unwrap_err().code, Code::EmptySample);
        assert_eq!(
            wilson(-1.0, 4.0, 0.95).unwrap_err().code,
            Code::InvalidCount
        );
        assert_eq!(
            wilson(f64::NAN, 4.0, 0.95).unwrap_err().code,
            Code::NotFinite
        );
        assert_eq!(
            wilson(1.0, 4.0, 1.0).unwrap_err().code,
            Code::LevelOutOfRange
        );
        assert_eq!(
            wilson(1.0, 4.0, 0.0).unwrap_err().code,
            Code::LevelOutOfRange
        );
    }

    #[test]
    fn extremes_touch_the_bounds() {
        let none = wilson(0.0, 10.0, 0.95).unwrap();
        assert_eq!(none.lower, 0.0);
        let all = wilson(10.0, 10.0, 0.95).unwrap();
        assert_eq!(all.upper, 1.0);
    }
}
