//! The binomial distribution's tails and quantile, accurate in relative terms far into both
//! tails: P(X ≤ k) = I_{1−p}(n − k, k + 1) through the incomplete beta function of
//! [`crate::stats::incomplete_beta`] (statrs sums or subtracts and loses the small tail).

use crate::error::{Code, Error, Result};
use crate::stats::double_double as dd;
use crate::stats::incomplete_beta::{beta_reg_tails, front_dd, ln_beta};

/// The largest number of trials accepted (2⁵³: every whole number below it is a double).
pub const MAX_N: f64 = 9_007_199_254_740_992.0;

/// Checks the parameters: n a whole number in [0, 2⁵³], p in [0, 1].
pub(crate) fn check(n: f64, p: f64) -> Result<(f64, f64)> {
    if !(n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= MAX_N) {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            format!(
                "the number of trials must be a whole number from 0 to 2^53, got {n}",
                n = crate::error::num(n)
            ),
        )
        .with("name", "n")
        .with("value", n));
    }
    if !(p.is_finite() && (0.0..=1.0).contains(&p)) {
        return Err(Error::new(
            Code::ProbabilityOutOfRange,
            format!(
                "a binomial probability must lie in [0, 1], got {p}",
                p = crate::error::num(p)
            ),
        )
        .with("name", "p")
        .with("value", p));
    }
    Ok((n, p))
}

/// `(P(X ≤ k), P(X > k))` for X ~ Binomial(n, p) (checked by the caller) and any k that is not
/// NaN: k is rounded down first (R's `pbinom` does the same), k < 0 gives (0, 1), k ≥ n (1, 0).
///
/// # Formula
/// ```text
/// P(X ≤ k) = I_{1−p}(n − k, k + 1),  P(X > k) = I_p(k + 1, n − k)   for 0 ≤ k < n
/// ```
pub(crate) fn tails(k: f64, n: f64, p: f64) -> (f64, f64) {
    let k = k.floor();
    if k < 0.0 {
        return (0.0, 1.0);
    }
    if k >= n {
        return (1.0, 0.0);
    }
    // 0 ≤ k < n: the degenerate p put all mass at 0 or n.
    if p == 0.0 {
        return (1.0, 0.0);
    }
    if p == 1.0 {
        return (0.0, 1.0);
    }
    let (a, b) = (n - k, k + 1.0);
    let (ln_x, ln_y) = ((-p).ln_1p(), p.ln());
    // ln(1 − p) in double-double: 1 − p = h + e exactly, ln(h + e) = ln h + e/h
    let f = front_dd((a, b), (ln_x, ln_y, ln_beta(a, b)), || {
        (dd::ln_dd(dd::two_sum(1.0, -p)), dd::ln(p))
    });
    beta_reg_tails((a, b), (1.0 - p, p), f)
}

/// The binomial quantile: the smallest k with P(X ≤ k) ≥ `q` (R's `qbinom`), or with `upper`
/// the smallest k with P(X > k) ≤ `q` (scipy's `isf`); q ∈ [0, 1], checked by the caller.
/// A relative fuzz of 64 ε keeps a q that is a tail probability rounded in its last bits from
/// landing one step off (as R).
pub(crate) fn quantile(q: f64, n: f64, p: f64, upper: bool) -> f64 {
    // The predicate is monotone in k: false below the answer, true from it on.
    let fuzz = 64.0 * f64::EPSILON;
    let done = |k: f64| {
        let (lo, hi) = tails(k, n, p);
        if upper {
            hi <= q * (1.0 + fuzz)
        } else {
            lo >= q * (1.0 - fuzz)
        }
    };
    // Bisection on whole numbers in [0, n]: the answer is in (lo, hi].
    let (mut lo, mut hi) = (-1.0, n);
    while hi - lo > 1.0 {
        let mid = (0.5 * (lo + hi)).floor();
        if done(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cases_by_hand() {
        // Binomial(4, ½): P(X ≤ 1) = 5/16, P(X > 1) = 11/16.
        let (lo, hi) = tails(1.0, 4.0, 0.5);
        assert!((lo - 0.3125).abs() < 1e-15 && (hi - 0.6875).abs() < 1e-15);
        assert_eq!(tails(1.7, 4.0, 0.5), (lo, hi));
        assert_eq!(tails(-0.5, 4.0, 0.5), (0.0, 1.0));
        assert_eq!(tails(4.0, 4.0, 0.5), (1.0, 0.0));
        assert_eq!(tails(0.0, 4.0, 0.0), (1.0, 0.0));
        assert_eq!(tails(3.0, 4.0, 1.0), (0.0, 1.0));
        assert_eq!(tails(0.0, 0.0, 0.3), (1.0, 0.0));
        // P(X ≤ 0) = (1 − p)ⁿ.
        let (lo, _) = tails(0.0, 1000.0, 0.3);
        assert!((lo / (1000.0 * (-0.3f64).ln_1p()).exp() - 1.0).abs() < 1e-13);
        assert_eq!(quantile(0.3125, 4.0, 0.5, false), 1.0);
        assert_eq!(quantile(0.3126, 4.0, 0.5, false), 2.0);
        assert_eq!(quantile(0.0, 4.0, 0.5, false), 0.0);
        assert_eq!(quantile(1.0, 4.0, 0.5, false), 4.0);
        assert_eq!(quantile(0.6875, 4.0, 0.5, true), 1.0);
        assert_eq!(quantile(0.0, 4.0, 0.5, true), 4.0);
        assert_eq!(quantile(1.0, 4.0, 0.5, true), 0.0);
        assert!(check(2.5, 0.5).is_err() && check(3.0, 1.5).is_err() && check(-1.0, 0.5).is_err());
    }
}
