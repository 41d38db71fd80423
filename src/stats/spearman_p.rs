//! Spearman's small-sample p-value without ties, as R's `cor.test(method = "spearman")` computes
//! it by default: the null distribution of S = Σ (rank x − rank y)² counted over all n!
//! permutations for n ≤ 9, and the Edgeworth series of Best & Roberts (1975, AS 89) for
//! 10 ≤ n ≤ 1290.
//!
//! Written from the published algorithm (Best & Roberts 1975, *Appl. Statist.* 24, 377–379) and
//! R's documented conventions; checked against R in `tests/data/spearman_exact.R`.

use crate::stats::normal::upper_tail;

/// Largest n whose p-value is counted exactly (R's `n_small`).
pub const EXACT_MAX: usize = 9;
/// Largest n for which R uses AS 89 at all; above it, the t approximation.
pub const AS89_MAX: usize = 1290;

/// How many of the n! permutations π of 1..n have Σ (i − π(i))² ≥ `s`.
fn count_at_least(n: usize, s: i64) -> u64 {
    fn walk(n: usize, i: usize, used: &mut [bool], sum: i64, s: i64) -> u64 {
        if i == n {
            return u64::from(sum >= s);
        }
        let mut count = 0;
        for j in 0..n {
            if !used[j] {
                used[j] = true;
                let d = i as i64 - j as i64;
                count += walk(n, i + 1, used, sum + d * d, s);
                used[j] = false;
            }
        }
        count
    }
    walk(n, 0, &mut [false; EXACT_MAX][..n], 0, s)
}

/// AS 89: P(S ≥ `is`) (or P(S < `is`) when `lower`), for 2 ≤ n ≤ [`AS89_MAX`].
fn as89(n: usize, is: f64, lower: bool) -> f64 {
    let nf = n as f64;
    let max = nf * (nf * nf - 1.0) / 3.0;
    if is <= 0.0 {
        return if lower { 0.0 } else { 1.0 };
    }
    if is > max {
        return if lower { 1.0 } else { 0.0 };
    }
    if n <= EXACT_MAX {
        let total: u64 = (1..=n as u64).product();
        let at_least = count_at_least(n, is.ceil() as i64);
        let hits = if lower { total - at_least } else { at_least };
        return hits as f64 / total as f64;
    }
    // Edgeworth series (AS 89's coefficients); x = standardised rho·√(n − 1) with a
    // continuity step of 1 in S
    const C: [f64; 12] = [
        0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131,
        4.6e-4,
    ];
    let b = 1.0 / nf;
    let x = (6.0 * (is - 1.0) * b / (nf * nf - 1.0) - 1.0) * (nf - 1.0).sqrt();
    let y = x * x;
    let u = x
        * b
        * (C[0]
            + b * (C[1] + C[2] * b)
            + y * (-C[3] + b * (C[4] + C[5] * b)
                - y * b * (C[6] + C[7] * b - y * (C[8] - C[9] * b + y * b * (C[10] - C[11] * y)))));
    let correction = u / (y / 2.0).exp();
    let p = if lower {
        upper_tail(-x) - correction
    } else {
        upper_tail(x) + correction
    };
    p.clamp(0.0, 1.0)
}

/// Two-sided p-value of Spearman's S = Σ (rank x − rank y)² (an even integer, no ties) for
/// 2 ≤ n ≤ [`AS89_MAX`], R's way: twice the smaller tail, the upper P(S ≥ s) when
/// s > (n³ − n)/6, else the lower P(S ≤ s), capped at 1. Returns the p-value and `"exact"` or
/// `"edgeworth"`.
pub fn two_sided(n: usize, s: f64) -> (f64, &'static str) {
    let nf = n as f64;
    let p = if s > (nf * nf * nf - nf) / 6.0 {
        as89(n, s.round(), false)
    } else {
        // P(S < s + 2) = P(S ≤ s): S is even
        as89(n, s.round() + 2.0, true)
    };
    let how = if n <= EXACT_MAX { "exact" } else { "edgeworth" };
    ((2.0 * p).min(1.0), how)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exact_distribution_sums_to_n_factorial_and_is_symmetric() {
        for n in 2..=7usize {
            let total: u64 = (1..=n as u64).product();
            assert_eq!(count_at_least(n, 0), total);
            let max = (n * (n * n - 1) / 3) as i64;
            // S and max − S are equally likely (reverse one ranking)
            for s in (0..=max).step_by(2) {
                let eq = |v: i64| count_at_least(n, v) - count_at_least(n, v + 1);
                assert_eq!(eq(s), eq(max - s), "n = {n}, s = {s}");
            }
        }
        // perfect agreement: p = 2/n!; perfect reversal likewise
        assert_eq!(two_sided(5, 0.0).0, 2.0 / 120.0);
        assert_eq!(two_sided(5, 40.0).0, 2.0 / 120.0);
        assert_eq!(two_sided(3, 4.0).0, 1.0);
    }
}
