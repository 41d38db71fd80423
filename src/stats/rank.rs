//! Rank tests: the Wilcoxon signed-rank test for paired data, plus the ranking and the exact
//! null distributions that it and the Mann–Whitney test ([`crate::stats::two_sample`]) share.
//!
//! Conventions follow R's `wilcox.test`: average ranks for ties, the exact distribution only
//! when there are no ties and no zeros, otherwise the normal approximation with the tie
//! correction (and, optionally, the continuity correction).

use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::dist::normal_two_sided;
use crate::stats::method::Method;
use crate::stats::paired::{complete_pairs, PairShares};
use serde::{Deserialize, Serialize};

/// Largest number of ranked pairs for which the exact signed-rank distribution is computed on
/// request (`exact: true`); above it the normal approximation is used with a warning. The
/// default (`exact: null`) is exact only below 50, as in R.
pub const SIGNED_RANK_EXACT_MAX: usize = 400;

/// Largest `n_x · n_y` for which the exact rank-sum distribution is computed on request.
pub const RANK_SUM_EXACT_MAX_PRODUCT: usize = 10_000;

/// Average ranks (1-based) of finite `values`, with the sizes of the groups of tied values.
#[derive(Debug, Clone)]
pub(crate) struct Ranked {
    /// The rank of each value, in input order; ties get the mean of their positions.
    pub ranks: Vec<f64>,
    /// Sizes of the groups of equal values that have two or more members.
    pub tie_sizes: Vec<usize>,
}

/// Ranks `values` (which the caller has checked to be finite) as R's `rank()` does.
pub(crate) fn average_ranks(values: &[f64]) -> Ranked {
    let mut order: Vec<usize> = (0..values.len()).collect();
    let key = |i: &usize| values.get(*i).copied().unwrap_or(0.0);
    crate::sort::sort_order_by_value(&mut order, values);
    let mut ranks = vec![0.0; values.len()];
    let mut tie_sizes = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let value = order.get(start).map(key).unwrap_or(0.0);
        let mut end = start + 1;
        while end < order.len() && order.get(end).map(key) == Some(value) {
            end += 1;
        }
        // positions start+1 ..= end share the mean rank
        let rank = (start + 1 + end) as f64 / 2.0;
        for i in order.get(start..end).unwrap_or(&[]) {
            if let Some(r) = ranks.get_mut(*i) {
                *r = rank;
            }
        }
        if end - start > 1 {
            tie_sizes.push(end - start);
        }
        start = end;
    }
    Ranked { ranks, tie_sizes }
}

/// Σ (t³ − t) over tie groups, the quantity both tie corrections use.
pub(crate) fn tie_sum(tie_sizes: &[usize]) -> f64 {
    tie_sizes
        .iter()
        .map(|&t| {
            let t = t as f64;
            t * t * t - t
        })
        .sum()
}

/// Two-sided exact p-value from a table of null frequencies `counts[k]` (k = 0, 1, …) of an
/// integer statistic symmetric about `centre`, as R does it: the tail on the observed side,
/// doubled, at most 1.
fn exact_two_sided(counts: &[f64], statistic: f64, centre: f64) -> f64 {
    let total: f64 = counts.iter().sum();
    if total <= 0.0 {
        return 1.0;
    }
    let k = statistic.round().max(0.0) as usize;
    let tail: f64 = if statistic > centre {
        counts.get(k..).map(|s| s.iter().sum()).unwrap_or(0.0)
    } else {
        counts
            .get(..=k.min(counts.len().saturating_sub(1)))
            .map(|s| s.iter().sum())
            .unwrap_or(0.0)
    };
    (2.0 * tail / total).min(1.0)
}

/// Null frequencies of the signed-rank statistic V for `n` untied, non-zero differences:
/// `counts[v]` = number of the 2ⁿ sign patterns with V = v (R: `dsignrank(v, n) · 2^n`).
pub(crate) fn signed_rank_counts(n: usize) -> Vec<f64> {
    let max = n * (n + 1) / 2;
    let mut counts = vec![0.0; max + 1];
    if let Some(c) = counts.first_mut() {
        *c = 1.0;
    }
    for k in 1..=n {
        let top = k * (k + 1) / 2;
        for s in (k..=top).rev() {
            let add = counts.get(s - k).copied().unwrap_or(0.0);
            if let Some(c) = counts.get_mut(s) {
                *c += add;
            }
        }
    }
    counts
}

/// Exact two-sided p-value of the signed-rank statistic `v` for `n` pairs (R:
/// `wilcox.test(x, y, paired = TRUE, exact = TRUE)`).
pub(crate) fn signed_rank_exact_p(v: f64, n: usize) -> f64 {
    let centre = (n * (n + 1)) as f64 / 4.0;
    exact_two_sided(&signed_rank_counts(n), v, centre)
}

/// Null frequencies of the rank-sum statistic W = U for samples of sizes `m` and `n` without
/// ties: `counts[u]` = number of the C(m + n, m) arrangements with U = u (R: `dwilcox`).
///
/// Uses the recurrence f(m, n; u) = f(m − 1, n; u − n) + f(m, n − 1; u), adding non-negative
/// numbers only, so the tails keep full relative precision.
pub(crate) fn rank_sum_counts(m: usize, n: usize) -> Vec<f64> {
    // prev[j] holds f(i − 1, j; ·), cur[j] holds f(i, j; ·).
    let mut prev: Vec<Vec<f64>> = (0..=n).map(|_| vec![1.0]).collect();
    for i in 1..=m {
        let mut cur: Vec<Vec<f64>> = Vec::with_capacity(n + 1);
        cur.push(vec![1.0]);
        for j in 1..=n {
            let mut f = vec![0.0; i * j + 1];
            // f(i, j − 1; u)
            if let Some(left) = cur.get(j - 1) {
                for (u, v) in left.iter().enumerate() {
                    if let Some(slot) = f.get_mut(u) {
                        *slot += v;
                    }
                }
            }
            // f(i − 1, j; u − j)
            if let Some(up) = prev.get(j) {
                for (u, v) in up.iter().enumerate() {
                    if let Some(slot) = f.get_mut(u + j) {
                        *slot += v;
                    }
                }
            }
            cur.push(f);
        }
        prev = cur;
    }
    prev.pop().unwrap_or_else(|| vec![1.0])
}

/// Exact two-sided p-value of the rank-sum statistic `w` for sizes `m`, `n` (R:
/// `wilcox.test(x, y, exact = TRUE)`).
pub(crate) fn rank_sum_exact_p(w: f64, m: usize, n: usize) -> f64 {
    let centre = (m * n) as f64 / 2.0;
    exact_two_sided(&rank_sum_counts(m, n), w, centre)
}

/// How zero differences (after = before) enter the signed-rank test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ZeroMethod {
    /// Wilcoxon's rule, as R: drop zero differences, then rank the rest.
    #[default]
    Wilcox,
    /// Pratt's rule, as scipy: rank all |differences| including the zeros (which take the
    /// lowest ranks), then drop the zeros' ranks; the normal approximation is adjusted
    /// (Cureton 1967).
    Pratt,
}

/// Options of [`wilcoxon_signed_rank`].
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct SignedRankOptions {
    /// How zero differences are handled; default [`ZeroMethod::Wilcox`] (R's rule).
    #[cfg_attr(test, ts(as = "Option<ZeroMethod>", optional))]
    pub zero_method: ZeroMethod,
    /// Continuity correction of the normal approximation; default `true` (as R).
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub correct: bool,
    /// `None` (default): exact when fewer than 50 pairs are ranked and there are no ties and no
    /// zeros (R's rule). `Some(true)`: exact whenever there are no ties and no zeros (up to
    /// [`SIGNED_RANK_EXACT_MAX`] pairs). `Some(false)`: always the normal approximation.
    #[cfg_attr(test, ts(optional = nullable))]
    pub exact: Option<bool>,
}

impl Default for SignedRankOptions {
    fn default() -> Self {
        SignedRankOptions {
            zero_method: ZeroMethod::Wilcox,
            correct: true,
            exact: None,
        }
    }
}

/// Result of [`wilcoxon_signed_rank`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SignedRankTest {
    /// `Method::WilcoxonSignedRank`.
    pub method: Method,
    /// How the p-value was computed: `"exact"`, `"normal"` (normal approximation) or `"none"`
    /// (every difference is zero: p = 1 by convention).
    pub p_value_method: Method,
    /// The zero rule used.
    pub zero_method: ZeroMethod,
    /// Whether a continuity correction was applied (normal approximation only).
    pub correct: bool,
    /// Pairs given (array length).
    pub n: usize,
    /// Pairs with both values present.
    pub n_used: usize,
    /// Pairs dropped because a value was missing (NaN).
    pub n_excluded: usize,
    /// Complete pairs whose difference is zero.
    pub n_zero: usize,
    /// Pairs whose signed ranks enter V (the non-zero differences).
    pub n_ranked: usize,
    /// V: the sum of the ranks of the positive differences (after > before), as R reports it.
    pub statistic: f64,
    /// R⁺ = V, the rank sum of the improvements.
    pub rank_sum_positive: f64,
    /// R⁻, the rank sum of the declines.
    pub rank_sum_negative: f64,
    /// Standardized statistic of the normal approximation (after any correction); `null` for
    /// the exact test.
    pub z: Option<f64>,
    /// Two-sided p-value, in [0, 1].
    pub p_value: f64,
    /// Matched-pairs rank-biserial correlation (R⁺ − R⁻)/(R⁺ + R⁻), in [−1, 1]; positive when
    /// after tends to exceed before; 0 when every difference is zero.
    pub rank_biserial: f64,
    /// How many pairs improved, stayed the same or got worse.
    pub shares: PairShares,
    /// Notes for the reader (zeros, ties, fallbacks).
    pub warnings: Vec<Note>,
}

/// Wilcoxon signed-rank test on paired data, difference = `after − before`.
///
/// A pair with NaN on either side is missing: it is dropped and counted in `nExcluded`.
/// Zero differences follow `options.zero_method`:
/// - `wilcox` (default, R's `wilcox.test(after, before, paired = TRUE)`): zeros are dropped
///   before ranking;
/// - `pratt` (scipy's `wilcoxon(..., zero_method = "pratt")`): zeros are ranked with the others
///   (taking the lowest ranks), then their ranks are dropped; the normal approximation's mean
///   and variance are adjusted for them and they are left out of the tie correction.
///
/// The exact null distribution is used exactly where R uses it (fewer than 50 ranked pairs,
/// no ties, no zeros) unless `options.exact` says otherwise.
///
/// # Formula
/// ```text
/// d = after − before;  ranks r of |d| (average ranks for ties)
/// V = R⁺ = Σ r over d > 0,  R⁻ = Σ r over d < 0
/// exact: p = min(1, 2 · P(V ≤ v)) or min(1, 2 · P(V ≥ v)), whichever side v lies on
/// normal (wilcox): μ = n(n+1)/4,  σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48
/// normal (pratt, N = all complete pairs, n₀ zeros):
///   μ = [N(N+1) − n₀(n₀+1)]/4,  σ² = [N(N+1)(2N+1) − n₀(n₀+1)(2n₀+1) − Σ(t³ − t)/2]/24
/// z = (V − μ − sign(V − μ)·0.5·[correct]) / σ,  p = 2 · (1 − Φ(|z|))
/// rank-biserial r = (R⁺ − R⁻)/(R⁺ + R⁻)
/// ```
///
/// # Edge cases
/// When every complete pair has a zero difference, nothing can be ranked: R returns NaN;
/// here `pValue = 1`, `statistic = 0`, `rankBiserial = 0` and a warning says why. With one
/// ranked pair the exact p-value is 1.
///
/// # Errors
/// [`Code::LengthMismatch`] when the arrays differ in length, [`Code::NotFinite`] for an
/// infinite value, [`Code::EmptySample`] when no complete pair is left.
///
/// # Examples
/// Confidence on a 1–5 scale before and after a parent leadership training:
/// ```
/// use waterline::stats::{wilcoxon_signed_rank, SignedRankOptions};
/// let before = [2.0, 3.0, 2.0, 4.0, 1.0, 3.0, 2.0, 3.0];
/// let after = [4.0, 4.0, 3.0, 4.0, 3.0, 5.0, 2.0, 4.0];
/// let t = wilcoxon_signed_rank(&before, &after, &SignedRankOptions::default()).unwrap();
/// assert_eq!(t.n_zero, 2);
/// assert_eq!(t.statistic, 21.0); // every non-zero change is an improvement
/// assert_eq!(t.rank_biserial, 1.0);
/// assert!((t.p_value - 0.032015).abs() < 1e-6); // R: wilcox.test(after, before, paired = TRUE)
/// ```
///
/// # References
/// Wilcoxon, F. (1945). Individual comparisons by ranking methods. *Biometrics Bulletin* 1,
/// 80–83. Pratt, J. W. (1959). Remarks on zeros and ties in the Wilcoxon signed rank
/// procedures. *JASA* 54, 655–667. Cureton, E. E. (1967). The normal approximation to the
/// signed-rank sampling distribution when zero differences are present. *JASA* 62, 1068–1069.
/// Kerby, D. S. (2014). The simple difference formula: an approach to teaching nonparametric
/// correlation. *Comprehensive Psychology* 3, 11.IT.3.1. Matches R's
/// `wilcox.test(after, before, paired = TRUE, correct =, exact =)` and scipy's
/// `wilcoxon(after, before, zero_method = "pratt", method = "asymptotic")`.
pub fn wilcoxon_signed_rank(
    before: &[f64],
    after: &[f64],
    options: &SignedRankOptions,
) -> Result<SignedRankTest> {
    let pairs = complete_pairs(before, after)?;
    let diffs: Vec<f64> = pairs.pairs.iter().map(|(b, a)| a - b).collect();
    let n_used = diffs.len();
    let n_zero = diffs.iter().filter(|d| **d == 0.0).count();
    let shares = PairShares::from_differences(&diffs);
    let mut warnings = Vec::new();

    // What gets ranked: the non-zero differences (wilcox) or all of them (pratt).
    let ranked: Vec<f64> = match options.zero_method {
        ZeroMethod::Wilcox => diffs.iter().copied().filter(|d| *d != 0.0).collect(),
        ZeroMethod::Pratt => diffs.clone(),
    };
    let abs: Vec<f64> = ranked.iter().map(|d| d.abs()).collect();
    let Ranked { ranks, .. } = average_ranks(&abs);
    let mut r_plus = 0.0;
    let mut r_minus = 0.0;
    let mut nonzero_ranks = Vec::new();
    for (d, r) in ranked.iter().zip(&ranks) {
        if *d > 0.0 {
            r_plus += r;
        } else if *d < 0.0 {
            r_minus += r;
        }
        if *d != 0.0 {
            nonzero_ranks.push(*r);
        }
    }
    let n_ranked = n_used - n_zero;
    // Tie groups among the ranks of the non-zero differences (zeros never enter the correction).
    let ties = average_ranks(&nonzero_ranks).tie_sizes;
    let has_ties = !ties.is_empty();

    let base = |p_value: f64, p_method: Method, z: Option<f64>, correct: bool, w: Vec<Note>| {
        let total = r_plus + r_minus;
        SignedRankTest {
            method: Method::WilcoxonSignedRank,
            p_value_method: p_method,
            zero_method: options.zero_method,
            correct,
            n: pairs.n,
            n_used,
            n_excluded: pairs.n_excluded,
            n_zero,
            n_ranked,
            statistic: r_plus,
            rank_sum_positive: r_plus,
            rank_sum_negative: r_minus,
            z,
            p_value: p_value.clamp(0.0, 1.0),
            rank_biserial: if total > 0.0 {
                (r_plus - r_minus) / total
            } else {
                0.0
            },
            shares: shares.clone(),
            warnings: w,
        }
    };

    if n_ranked == 0 {
        warnings.push(Note::warning(NoteCode::SignedRankAllZero).with("n", n_used));
        return Ok(base(1.0, Method::None, None, false, warnings));
    }
    if n_zero > 0 {
        let code = match options.zero_method {
            ZeroMethod::Wilcox => NoteCode::SignedRankZerosDropped,
            ZeroMethod::Pratt => NoteCode::SignedRankZerosPratt,
        };
        warnings.push(Note::warning(code).with("zeros", n_zero).with("n", n_used));
    }

    let exact_possible = !has_ties && n_zero == 0;
    let want_exact = match options.exact {
        None => n_ranked < 50,
        Some(e) => e,
    };
    if want_exact && exact_possible {
        if n_ranked <= SIGNED_RANK_EXACT_MAX {
            let p = signed_rank_exact_p(r_plus, n_ranked);
            return Ok(base(p, Method::Exact, None, false, warnings));
        }
        warnings.push(
            Note::warning(NoteCode::SignedRankExactLimit)
                .with("max", SIGNED_RANK_EXACT_MAX)
                .with("n", n_ranked),
        );
    } else if want_exact && options.exact == Some(true) {
        warnings.push(Note::warning(NoteCode::SignedRankExactWithTies));
    }

    // Normal approximation.
    let (mean, var24) = match options.zero_method {
        ZeroMethod::Wilcox => {
            let n = n_ranked as f64;
            (
                n * (n + 1.0) / 4.0,
                n * (n + 1.0) * (2.0 * n + 1.0) - tie_sum(&ties) / 2.0,
            )
        }
        ZeroMethod::Pratt => {
            let n = n_used as f64;
            let z0 = n_zero as f64;
            (
                (n * (n + 1.0) - z0 * (z0 + 1.0)) / 4.0,
                n * (n + 1.0) * (2.0 * n + 1.0)
                    - z0 * (z0 + 1.0) * (2.0 * z0 + 1.0)
                    - tie_sum(&ties) / 2.0,
            )
        }
    };
    let sigma = (var24 / 24.0).sqrt();
    if !(sigma.is_finite() && sigma > 0.0) {
        return Err(Error::new(
            Code::Internal,
            "the signed-rank variance is not positive although some differences are non-zero",
        )
        .with("variance", var24 / 24.0));
    }
    let dev = r_plus - mean;
    let correction = if options.correct {
        0.5 * sign(dev)
    } else {
        0.0
    };
    let z = (dev - correction) / sigma;
    let p = normal_two_sided(z)?;
    Ok(base(p, Method::Normal, Some(z), options.correct, warnings))
}

/// The sign of `x` as R's `sign()`: −1, 0 or 1.
pub(crate) fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_average_ties_like_r() {
        let r = average_ranks(&[3.0, 1.0, 3.0, 2.0, 3.0]);
        assert_eq!(r.ranks, vec![4.0, 1.0, 4.0, 2.0, 4.0]);
        assert_eq!(r.tie_sizes, vec![3]);
    }

    #[test]
    fn signed_rank_counts_sum_to_two_to_the_n() {
        for n in 0..20 {
            let c = signed_rank_counts(n);
            assert_eq!(c.iter().sum::<f64>(), 2f64.powi(n as i32));
            // symmetric about n(n+1)/4
            let m = c.len();
            for k in 0..m {
                assert_eq!(c[k], c[m - 1 - k]);
            }
        }
    }

    #[test]
    fn rank_sum_counts_sum_to_binomial_coefficient() {
        let c = rank_sum_counts(3, 4);
        assert_eq!(c.len(), 13);
        assert_eq!(c.iter().sum::<f64>(), 35.0);
        assert_eq!(
            c,
            vec![1.0, 1.0, 2.0, 3.0, 4.0, 4.0, 5.0, 4.0, 4.0, 3.0, 2.0, 1.0, 1.0]
        );
        assert_eq!(rank_sum_counts(0, 5), vec![1.0]);
        assert_eq!(rank_sum_counts(2, 0), vec![1.0]);
    }

    #[test]
    fn all_zero_differences_give_p_one_with_a_warning() {
        let x = [3.0, 4.0, 2.0];
        for zm in [ZeroMethod::Wilcox, ZeroMethod::Pratt] {
            let o = SignedRankOptions {
                zero_method: zm,
                ..Default::default()
            };
            let t = wilcoxon_signed_rank(&x, &x, &o).unwrap();
            assert_eq!(t.p_value, 1.0);
            assert_eq!(t.n_ranked, 0);
            assert_eq!(t.warnings[0].code, NoteCode::SignedRankAllZero);
        }
    }

    #[test]
    fn one_pair_is_exact_with_p_one() {
        let t = wilcoxon_signed_rank(&[1.0], &[2.0], &SignedRankOptions::default()).unwrap();
        assert_eq!(t.p_value_method, "exact");
        assert_eq!(t.p_value, 1.0);
        assert_eq!(t.rank_biserial, 1.0);
    }
}
