//! Distribution functions in bulk: the cdf, survival function, quantile and upper quantile of
//! the standard normal, Student t, chi-square, F and binomial distributions over a slice, with
//! one set of parameters and a coded error naming the index of the first bad value.
//!
//! Every tail is the engine's own accurate one (about 1e-14 relative error far into both
//! tails, checked against mpmath at 60 digits by `tests/stats_distribution.rs`):
//! [`crate::stats::normal`], [`crate::stats::student_t`], [`crate::stats::chi_square`],
//! [`crate::stats::f_dist`] and [`crate::stats::binomial`].
//!
//! | what | value | R | defined for |
//! |---|---|---|---|
//! | `cdf` | P(X ≤ x) | `p*(x, …)` | x any number but NaN |
//! | `sf` | P(X > x) | `p*(x, …, lower.tail = FALSE)` | as `cdf` |
//! | `quantile` | smallest x with P(X ≤ x) ≥ q | `q*(q, …)` | q ∈ [0, 1] |
//! | `isf` | the x with P(X > x) = q (binomial: smallest k with P(X > k) ≤ q) | `q*(q, …, lower.tail = FALSE)` | q ∈ [0, 1] |
//!
//! Outside the support the cdf is 0 or 1 (chi-square and F at x ≤ 0, binomial at k < 0 or
//! k ≥ n); the binomial rounds k down first, as R. Quantiles at q = 0 and 1 are the ends of the
//! support (±∞ for the normal and t, 0 and ∞ for the chi-square and F, 0 and n for the
//! binomial), and a t quantile beyond the largest double is ±∞.

use crate::error::{Code, Error, Result};
use crate::stats::{binomial, chi_square, f_dist, normal, student_t};
use serde::Deserialize;

/// Which function of the distribution to evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "DistWhat"))]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// The distribution function P(X ≤ x).
    #[default]
    Cdf,
    /// The survival function P(X > x), computed directly (not as 1 − cdf).
    Sf,
    /// The quantile (inverse cdf).
    Quantile,
    /// The inverse survival function (upper quantile), accurate for tiny upper tails.
    Isf,
}

/// A distribution with its parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Family {
    /// The standard normal.
    Normal,
    /// Student's t (any finite df).
    StudentT {
        /// Degrees of freedom, > 0.
        df: f64,
    },
    /// Chi-square.
    ChiSquare {
        /// Degrees of freedom, in (0, 1e9].
        df: f64,
    },
    /// Fisher's F.
    F {
        /// Numerator degrees of freedom, > 0.
        df1: f64,
        /// Denominator degrees of freedom, > 0.
        df2: f64,
    },
    /// Binomial.
    Binomial {
        /// Number of trials, a whole number in [0, 2⁵³].
        n: f64,
        /// Success probability in [0, 1].
        p: f64,
    },
}

impl Family {
    /// Checks the parameters.
    fn check(self) -> Result<Family> {
        match self {
            Family::Normal => {}
            Family::StudentT { df } => {
                student_t::check_df("df", df)?;
            }
            Family::ChiSquare { df } => {
                chi_square::check_df(df)?;
            }
            Family::F { df1, df2 } => {
                student_t::check_df("df1", df1)?;
                student_t::check_df("df2", df2)?;
            }
            Family::Binomial { n, p } => {
                binomial::check(n, p)?;
            }
        }
        Ok(self)
    }

    /// `(P(X ≤ x), P(X > x))` for an x that is not NaN.
    fn tails(self, x: f64) -> (f64, f64) {
        match self {
            Family::Normal => (normal::upper_tail(-x), normal::upper_tail(x)),
            Family::StudentT { df } => {
                let lo = student_t::cdf(x, df).unwrap_or(f64::NAN);
                let hi = student_t::sf(x, df).unwrap_or(f64::NAN);
                (lo, hi)
            }
            Family::ChiSquare { df } => chi_square::tails(x, df),
            Family::F { df1, df2 } => f_dist::tails(x, df1, df2),
            Family::Binomial { n, p } => binomial::tails(x, n, p),
        }
    }

    /// The x with lower (or, `upper`, upper) tail probability `q` ∈ [0, 1].
    fn quantile(self, q: f64, upper: bool) -> f64 {
        if let Family::Binomial { n, p } = self {
            return binomial::quantile(q, n, p, upper);
        }
        let (low_end, high_end) = match self {
            Family::Normal | Family::StudentT { .. } => (f64::NEG_INFINITY, f64::INFINITY),
            _ => (0.0, f64::INFINITY),
        };
        let at_low = if upper { q == 1.0 } else { q == 0.0 };
        let at_high = if upper { q == 0.0 } else { q == 1.0 };
        if at_low {
            return low_end;
        }
        if at_high {
            return high_end;
        }
        match self {
            Family::Normal => {
                let z = normal::quantile(q);
                if upper {
                    -z
                } else {
                    z
                }
            }
            Family::StudentT { df } => {
                let sign = if upper { -1.0 } else { 1.0 };
                match student_t::quantile(q, df) {
                    Ok(t) => sign * t,
                    // Only a quantile beyond the largest double fails (p and df are valid).
                    Err(_) => sign * if q < 0.5 { low_end } else { high_end },
                }
            }
            Family::ChiSquare { df } => chi_square::quantile(q, df, upper),
            Family::F { df1, df2 } => {
                let f = if upper {
                    f_dist::f_upper_quantile(q, df1, df2)
                } else {
                    f_dist::f_quantile(q, df1, df2)
                };
                f.unwrap_or(f64::NAN)
            }
            Family::Binomial { .. } => unreachable!("handled above"),
        }
    }
}

/// The coded error for a bad value at `index`.
fn bad_value(code: Code, index: usize, value: f64, needs: &str) -> Error {
    Error::new(
        code,
        format!(
            "x[{index}] must be {needs}, got {value}",
            value = crate::error::num(value)
        ),
    )
    .with("argument", "x")
    .with("index", index)
    .with("value", value)
}

/// Evaluates `what` of `family` at every value of `xs`.
///
/// # Errors
/// [`Code::ParameterOutOfRange`] or [`Code::ProbabilityOutOfRange`] for bad parameters (with
/// `name` and `value`); [`Code::NotFinite`] for a NaN x (`index`); for quantiles,
/// [`Code::ProbabilityOutOfRange`] for a q outside [0, 1] or NaN (`index`).
///
/// # Examples
/// ```
/// use waterline::stats::distribution::{evaluate, Family, What};
/// let p = evaluate(Family::Normal, What::Sf, &[37.0]).unwrap();
/// assert!((p[0] / 5.725571222524e-300 - 1.0).abs() < 1e-12); // mpmath: erfc(37/√2)/2
/// let q = evaluate(Family::ChiSquare { df: 1.0 }, What::Isf, &[0.05]).unwrap();
/// assert!((q[0] - 3.841458820694124).abs() < 1e-13); // R: qchisq(0.95, 1)
/// ```
pub fn evaluate(family: Family, what: What, xs: &[f64]) -> Result<Vec<f64>> {
    let family = family.check()?;
    let mut out = Vec::with_capacity(xs.len());
    for (i, &x) in xs.iter().enumerate() {
        let value = match what {
            What::Cdf | What::Sf => {
                if x.is_nan() {
                    return Err(bad_value(Code::NotFinite, i, x, "a number"));
                }
                let (lo, hi) = family.tails(x);
                if what == What::Cdf {
                    lo
                } else {
                    hi
                }
            }
            What::Quantile | What::Isf => {
                if !(0.0..=1.0).contains(&x) {
                    return Err(bad_value(
                        Code::ProbabilityOutOfRange,
                        i,
                        x,
                        "a probability in [0, 1]",
                    ));
                }
                family.quantile(x, what == What::Isf)
            }
        };
        out.push(value);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_index() {
        let e = evaluate(Family::Normal, What::Cdf, &[0.0, f64::NAN]).unwrap_err();
        assert_eq!(e.code, Code::NotFinite);
        assert_eq!(e.details["index"], 1usize.into());
        let e = evaluate(Family::Normal, What::Quantile, &[0.5, 0.1, 1.5]).unwrap_err();
        assert_eq!(e.code, Code::ProbabilityOutOfRange);
        assert_eq!(e.details["index"], 2usize.into());
        for bad in [
            Family::StudentT { df: 0.0 },
            Family::ChiSquare { df: -1.0 },
            Family::F {
                df1: 1.0,
                df2: f64::NAN,
            },
            Family::Binomial { n: 2.5, p: 0.5 },
        ] {
            let e = evaluate(bad, What::Cdf, &[1.0]).unwrap_err();
            assert_eq!(e.code, Code::ParameterOutOfRange, "{bad:?}");
        }
        let e = evaluate(Family::Binomial { n: 3.0, p: -0.1 }, What::Sf, &[1.0]).unwrap_err();
        assert_eq!(e.code, Code::ProbabilityOutOfRange);
    }

    #[test]
    fn ends_of_the_support() {
        let ends = |f: Family, what: What| evaluate(f, what, &[0.0, 1.0]).unwrap();
        let inf = f64::INFINITY;
        assert_eq!(ends(Family::Normal, What::Quantile), [-inf, inf]);
        assert_eq!(ends(Family::Normal, What::Isf), [inf, -inf]);
        assert_eq!(ends(Family::StudentT { df: 3.0 }, What::Isf), [inf, -inf]);
        assert_eq!(
            ends(Family::ChiSquare { df: 3.0 }, What::Quantile),
            [0.0, inf]
        );
        let f = Family::F { df1: 2.0, df2: 3.0 };
        assert_eq!(ends(f, What::Isf), [inf, 0.0]);
        let b = Family::Binomial { n: 7.0, p: 0.3 };
        assert_eq!(ends(b, What::Quantile), [0.0, 7.0]);
        let cdf = evaluate(b, What::Cdf, &[-inf, -1.0, 7.0, inf]).unwrap();
        assert_eq!(cdf, [0.0, 0.0, 1.0, 1.0]);
        let sf = evaluate(Family::ChiSquare { df: 2.0 }, What::Sf, &[-inf, -1.0, inf]).unwrap();
        assert_eq!(sf, [1.0, 1.0, 0.0]);
        // A t quantile beyond f64::MAX is infinite: (1e-100)^(−1/0.3) ≈ 1e333.
        let t = evaluate(Family::StudentT { df: 0.3 }, What::Quantile, &[1e-100]).unwrap();
        assert_eq!(t, [-inf]);
    }
}
