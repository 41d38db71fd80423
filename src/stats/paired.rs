//! Paired (before/after) statistics: the pairing of two arrays shared by every paired test, the
//! improved / same / worse shares, and the paired t-test for scores.
//!
//! Every paired function takes two equally long slices `before` and `after`; the change is
//! always `after − before`. A pair with NaN on either side is a missing pair: it is dropped and
//! counted in `nExcluded`. McNemar's test lives in [`crate::stats::mcnemar()`], the Wilcoxon
//! signed-rank test in [`crate::stats::rank`].

use crate::error::{Code, Error, Result};
use crate::note::Note;
use crate::stats::limits::magnitudes;
use crate::stats::method::Method;
use crate::stats::student_t;
use serde::{Deserialize, Serialize};

/// Complete pairs of two equally long arrays, NaN pairs removed.
#[derive(Debug, Clone)]
pub(crate) struct Pairs {
    /// Pairs given.
    pub n: usize,
    /// Pairs dropped because either value was NaN.
    pub n_excluded: usize,
    /// The complete pairs as `(before, after)`.
    pub pairs: Vec<(f64, f64)>,
}

/// The error for paired arrays of different lengths.
fn length_mismatch(before: &[f64], after: &[f64]) -> Error {
    Error::new(
        Code::LengthMismatch,
        format!(
            "before and after must pair up, but before has {} values and after has {}",
            before.len(),
            after.len()
        ),
    )
    .with("before", before.len())
    .with("after", after.len())
}

/// The error for an infinite value at `index` of the array `name`.
fn not_finite(name: &str, index: usize, value: f64) -> Error {
    Error::new(
        Code::NotFinite,
        format!(
            "{name} at index {index} is {value}; use NaN for a missing answer",
            value = crate::error::num(value)
        ),
    )
    .with("name", name)
    .with("index", index)
    .with("value", value)
}

/// Pairs up `before` and `after`, dropping pairs with a NaN and rejecting infinite values.
pub(crate) fn complete_pairs(before: &[f64], after: &[f64]) -> Result<Pairs> {
    if before.len() != after.len() {
        return Err(length_mismatch(before, after));
    }
    magnitudes("before", before)?;
    magnitudes("after", after)?;
    let mut pairs = Vec::with_capacity(before.len());
    for (i, (&b, &a)) in before.iter().zip(after).enumerate() {
        if b.is_nan() || a.is_nan() {
            continue;
        }
        for (name, v) in [("before", b), ("after", a)] {
            if !v.is_finite() {
                return Err(not_finite(name, i, v));
            }
        }
        pairs.push((b, a));
    }
    if pairs.is_empty() {
        return Err(Error::new(
            Code::EmptySample,
            format!(
                "no complete pair: all {} pairs have a missing value",
                before.len()
            ),
        )
        .with("n", before.len()));
    }
    Ok(Pairs {
        n: before.len(),
        n_excluded: before.len() - pairs.len(),
        pairs,
    })
}

/// How many pairs improved (after > before), stayed the same or got worse, with their shares of
/// the complete pairs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PairShares {
    /// Pairs with after > before.
    pub improved: usize,
    /// Pairs with after = before.
    pub same: usize,
    /// Pairs with after < before.
    pub worse: usize,
    /// `improved / nUsed`, in [0, 1].
    pub improved_share: f64,
    /// `same / nUsed`, in [0, 1].
    pub same_share: f64,
    /// `worse / nUsed`, in [0, 1].
    pub worse_share: f64,
}

impl PairShares {
    /// Counts the signs of the differences `after − before`.
    pub(crate) fn from_differences(diffs: &[f64]) -> Self {
        let improved = diffs.iter().filter(|d| **d > 0.0).count();
        let worse = diffs.iter().filter(|d| **d < 0.0).count();
        let same = diffs.len() - improved - worse;
        let n = diffs.len().max(1) as f64;
        PairShares {
            improved,
            same,
            worse,
            improved_share: improved as f64 / n,
            same_share: same as f64 / n,
            worse_share: worse as f64 / n,
        }
    }
}

/// Options that carry only a confidence level.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct LevelOptions {
    /// Confidence level in (0, 1); default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
}

impl Default for LevelOptions {
    fn default() -> Self {
        LevelOptions { level: 0.95 }
    }
}

/// Result of [`paired_t`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PairedT {
    /// `Method::PairedT`.
    pub method: Method,
    /// Pairs given.
    pub n: usize,
    /// Complete pairs used.
    pub n_used: usize,
    /// Pairs dropped because a value was missing (NaN).
    pub n_excluded: usize,
    /// Mean of `before` over the complete pairs.
    pub mean_before: f64,
    /// Mean of `after` over the complete pairs.
    pub mean_after: f64,
    /// Mean of the differences `after − before`.
    pub mean_difference: f64,
    /// Standard deviation of the differences (n − 1 denominator).
    pub sd_difference: f64,
    /// Standard error of the mean difference, sd / √n.
    pub standard_error: f64,
    /// t statistic, mean difference / standard error.
    pub t: f64,
    /// Degrees of freedom, n − 1.
    pub df: f64,
    /// Two-sided p-value, in [0, 1].
    pub p_value: f64,
    /// Lower bound of the interval for the mean difference.
    pub lower: f64,
    /// Upper bound of the interval for the mean difference.
    pub upper: f64,
    /// Confidence level.
    pub level: f64,
    /// Cohen's d_z = mean difference / sd of the differences.
    pub cohens_dz: f64,
    /// How many pairs improved, stayed the same or got worse.
    pub shares: PairShares,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
}

/// Paired t-test on `after − before`, with the interval for the mean difference and Cohen's
/// d_z.
///
/// # Formula
/// ```text
/// d = after − before,  d̄ = mean(d),  s = sd(d),  se = s/√n,  df = n − 1
/// t = d̄ / se,  p = 2 · P(T_df > |t|)
/// interval: d̄ ∓ t_{df, (1+level)/2} · se;   d_z = d̄ / s
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`], [`Code::NotFinite`], [`Code::EmptySample`] when no complete pair
/// is left, [`Code::SampleTooSmall`] with fewer than 2 complete pairs,
/// [`Code::NoVariation`] when every difference is the same (sd = 0, e.g. everybody moved up by
/// exactly one point): t would be infinite, so no test is returned (R stops with "data are
/// essentially constant"; the criterion is the same: se < 10·ε·|d̄|),
/// [`Code::LevelOutOfRange`].
///
/// # Examples
/// ```
/// use waterline::stats::{paired_t, LevelOptions};
/// let before = [2.0, 3.0, 2.0, 4.0, 1.0, 3.0, 2.0, 3.0];
/// let after = [4.0, 4.0, 3.0, 4.0, 3.0, 5.0, 2.0, 4.0];
/// let t = paired_t(&before, &after, &LevelOptions::default()).unwrap();
/// assert_eq!(t.mean_difference, 1.125);
/// assert!((t.t - 3.8129334558134556).abs() < 1e-12); // R: t.test(after, before, paired = TRUE)
/// ```
///
/// # References
/// Student (1908). The probable error of a mean. *Biometrika* 6, 1–25. Cohen, J. (1988).
/// *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed. Matches R's
/// `t.test(after, before, paired = TRUE, conf.level = level)`.
pub fn paired_t(before: &[f64], after: &[f64], options: &LevelOptions) -> Result<PairedT> {
    let level = crate::error::level(options.level)?;
    if before.len() == after.len() {
        magnitudes("before", before)?;
        magnitudes("after", after)?;
    }
    // Two streaming passes over the inputs (no copies), each summing in four lanes so that a
    // million pairs stay cheap; the lanes change the summation order, not the result beyond
    // rounding (checked against R in tests/).
    let scan = PairScan::new(before, after)?;
    let n = scan.n_used;
    if n < 2 {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!("the paired t-test needs at least 2 complete pairs, got {n}"),
        )
        .with("nUsed", n));
    }
    let nf = n as f64;
    let mean = scan.sum_difference / nf;
    let ss = squares_about(before, after, mean, n == before.len());
    let sd = (ss / (nf - 1.0)).sqrt();
    let se = sd / nf.sqrt();
    if se.is_nan() || se <= 0.0 || se < 10.0 * f64::EPSILON * mean.abs() {
        return Err(Error::new(
            Code::NoVariation,
            format!(
                "every pair changed by the same amount ({mean}), so the differences have no \
                 spread and the t statistic is undefined; report the change itself instead",
                mean = crate::error::num(mean)
            ),
        )
        .with("meanDifference", mean)
        .with("nUsed", n));
    }
    let df = nf - 1.0;
    let t = mean / se;
    let p = student_t::two_sided_p(t, df)?;
    let q = student_t::quantile((1.0 + level) / 2.0, df)?;
    Ok(PairedT {
        method: Method::PairedT,
        n: before.len(),
        n_used: n,
        n_excluded: before.len() - n,
        mean_before: scan.sum_before / nf,
        mean_after: scan.sum_after / nf,
        mean_difference: mean,
        sd_difference: sd,
        standard_error: se,
        t,
        df,
        p_value: p,
        lower: mean - q * se,
        upper: mean + q * se,
        level,
        cohens_dz: mean / sd,
        shares: scan.shares(),
        warnings: Vec::new(),
    })
}

/// One validating pass over paired arrays: counts and sums of the complete pairs.
struct PairScan {
    n_used: usize,
    sum_before: f64,
    sum_after: f64,
    sum_difference: f64,
    improved: usize,
    worse: usize,
}

impl PairScan {
    /// Same checks as [`complete_pairs`] (length, NaN = missing, no infinities, not all
    /// missing) without copying the pairs.
    fn new(before: &[f64], after: &[f64]) -> Result<PairScan> {
        if before.len() != after.len() {
            return Err(length_mismatch(before, after));
        }
        let mut scan = PairScan {
            n_used: 0,
            sum_before: 0.0,
            sum_after: 0.0,
            sum_difference: 0.0,
            improved: 0,
            worse: 0,
        };
        // Four pairs at a time into four lanes; a chunk holding anything but finite values
        // (NaN = missing, or an infinity to reject) is taken pair by pair.
        let mut lanes = [[0.0f64; 3]; LANES];
        let (mut improved, mut worse) = ([0usize; LANES], [0usize; LANES]);
        let chunks = before.len() / LANES;
        for c in 0..chunks {
            let (b, a) = (&before[c * LANES..][..LANES], &after[c * LANES..][..LANES]);
            let all_finite = (0..LANES).all(|j| (a[j] - b[j]).is_finite());
            if !all_finite {
                for j in 0..LANES {
                    scan.add(c * LANES + j, b[j], a[j])?;
                }
                continue;
            }
            for j in 0..LANES {
                let d = a[j] - b[j];
                lanes[j][0] += b[j];
                lanes[j][1] += a[j];
                lanes[j][2] += d;
                improved[j] += usize::from(d > 0.0);
                worse[j] += usize::from(d < 0.0);
            }
            scan.n_used += LANES;
        }
        for i in chunks * LANES..before.len() {
            scan.add(i, before[i], after[i])?;
        }
        for j in 0..LANES {
            scan.sum_before += lanes[j][0];
            scan.sum_after += lanes[j][1];
            scan.sum_difference += lanes[j][2];
            scan.improved += improved[j];
            scan.worse += worse[j];
        }
        if scan.n_used == 0 {
            return Err(Error::new(
                Code::EmptySample,
                format!(
                    "no complete pair: all {} pairs have a missing value",
                    before.len()
                ),
            )
            .with("n", before.len()));
        }
        Ok(scan)
    }

    /// Adds pair `i` with the full checks: NaN on either side = missing (skipped), an
    /// infinity = `not_finite` naming the side and index.
    fn add(&mut self, i: usize, b: f64, a: f64) -> Result<()> {
        if b.is_nan() || a.is_nan() {
            return Ok(());
        }
        if !b.is_finite() {
            return Err(not_finite("before", i, b));
        }
        if !a.is_finite() {
            return Err(not_finite("after", i, a));
        }
        let d = a - b;
        self.n_used += 1;
        self.sum_before += b;
        self.sum_after += a;
        self.sum_difference += d;
        self.improved += usize::from(d > 0.0);
        self.worse += usize::from(d < 0.0);
        Ok(())
    }

    fn shares(&self) -> PairShares {
        let same = self.n_used - self.improved - self.worse;
        let n = self.n_used.max(1) as f64;
        PairShares {
            improved: self.improved,
            same,
            worse: self.worse,
            improved_share: self.improved as f64 / n,
            same_share: same as f64 / n,
            worse_share: self.worse as f64 / n,
        }
    }
}

/// How many lanes the paired sums run in.
const LANES: usize = 4;

/// Σ (after − before − mean)² over the complete pairs; `complete` says that no pair has a NaN
/// (then no pair needs checking).
fn squares_about(before: &[f64], after: &[f64], mean: f64, complete: bool) -> f64 {
    let square = |b: f64, a: f64| {
        let d = a - b - mean;
        d * d
    };
    if !complete {
        return before
            .iter()
            .zip(after)
            .filter(|(b, a)| !b.is_nan() && !a.is_nan())
            .map(|(&b, &a)| square(b, a))
            .sum();
    }
    let mut lanes = [0.0f64; LANES];
    let (b4, a4) = (before.chunks_exact(LANES), after.chunks_exact(LANES));
    let tail: f64 = b4
        .remainder()
        .iter()
        .zip(a4.remainder())
        .map(|(&b, &a)| square(b, a))
        .sum();
    for (b, a) in b4.zip(a4) {
        for j in 0..LANES {
            lanes[j] += square(b[j], a[j]);
        }
    }
    lanes.iter().sum::<f64>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_pairs_anywhere_in_a_lane_block_are_dropped() {
        // The scan sums four pairs at a time; NaN pairs inside a block, in the tail, or a whole
        // missing block must give the same test as the complete pairs alone.
        let before: Vec<f64> = (0..23).map(|i| f64::from(i % 5) + 1.0).collect();
        let mut after: Vec<f64> = (0..23).map(|i| f64::from((i * 7) % 5) + 1.5).collect();
        for i in [1, 8, 9, 10, 11, 21] {
            after[i] = f64::NAN;
        }
        let kept: Vec<usize> = (0..23).filter(|i| !after[*i].is_nan()).collect();
        let b: Vec<f64> = kept.iter().map(|&i| before[i]).collect();
        let a: Vec<f64> = kept.iter().map(|&i| after[i]).collect();
        let with_gaps = paired_t(&before, &after, &LevelOptions::default()).unwrap();
        let complete = paired_t(&b, &a, &LevelOptions::default()).unwrap();
        assert_eq!(with_gaps.n_used, 17);
        assert_eq!(with_gaps.n_excluded, 6);
        assert!((with_gaps.t - complete.t).abs() < 1e-12);
        assert!((with_gaps.sd_difference - complete.sd_difference).abs() < 1e-12);
        assert_eq!(with_gaps.shares, complete.shares);
    }

    #[test]
    fn an_infinity_is_reported_at_its_own_index() {
        // Index 6 sits in the second block, after a NaN in the same block.
        let before = [1.0, 2.0, 3.0, 4.0, f64::NAN, 2.0, f64::INFINITY, 3.0, 1.0];
        let after = [2.0; 9];
        let e = paired_t(&before, &after, &LevelOptions::default()).unwrap_err();
        assert_eq!(e.code, Code::NotFinite);
        assert!(e.message.contains("before at index 6"), "{}", e.message);
    }

    #[test]
    fn t_quantile_matches_r_qt() {
        // R: qt(0.975, c(1, 2, 5, 10, 30, 100, 1000))
        let r = [
            (1.0, 12.706204736174694),
            (2.0, 4.302652729749462),
            (5.0, 2.5705818356363137),
            (10.0, 2.228138851986274),
            (30.0, 2.042272456301238),
            (100.0, 1.9839715185235516),
            (1000.0, 1.9623390808264076),
        ];
        for (df, q) in r {
            let got = student_t::quantile(0.975, df).unwrap();
            assert!(((got - q) / q).abs() < 1e-12, "df {df}: {got} vs {q}");
        }
    }

    #[test]
    fn pairs_drop_nan_and_reject_infinity() {
        let p = complete_pairs(&[1.0, f64::NAN, 3.0], &[2.0, 2.0, f64::NAN]).unwrap();
        assert_eq!((p.n, p.n_excluded, p.pairs.len()), (3, 2, 1));
        let e = complete_pairs(&[1.0, f64::INFINITY], &[1.0, 2.0]).unwrap_err();
        assert_eq!(e.code, Code::NotFinite);
        assert_eq!(
            complete_pairs(&[1.0], &[]).unwrap_err().code,
            Code::LengthMismatch
        );
        assert_eq!(
            complete_pairs(&[f64::NAN], &[1.0]).unwrap_err().code,
            Code::EmptySample
        );
    }

    #[test]
    fn huge_values_are_refused_not_overflowed() {
        // Issue #15: the squares of 1e155 overflowed to an infinite sd and t = −0.
        let e = paired_t(
            &[1e155, 0.0, 3.0],
            &[0.0, 1e155, 1.0],
            &LevelOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.code, Code::ValueOutOfRange);
        assert_eq!(e.details["name"], "before".into());
        assert_eq!(e.details["index"], 0usize.into());
        let e = complete_pairs(&[1.0, 2.0], &[3.0, -1e101]).unwrap_err();
        assert_eq!(
            (e.code, e.details["index"].clone()),
            (Code::ValueOutOfRange, 1usize.into())
        );
        // At the limit every field is finite.
        let r = paired_t(
            &[1e100, 0.0, 3.0],
            &[0.0, 1e100, 1.0],
            &LevelOptions::default(),
        )
        .unwrap();
        for v in [
            r.sd_difference,
            r.standard_error,
            r.t,
            r.p_value,
            r.lower,
            r.upper,
            r.cohens_dz,
        ] {
            assert!(v.is_finite(), "{r:?}");
        }
        assert!(r.t != 0.0 && r.p_value > 0.99);
    }

    #[test]
    fn constant_differences_are_no_variation() {
        let e = paired_t(&[1.0, 2.0, 3.0], &[2.0, 3.0, 4.0], &LevelOptions::default()).unwrap_err();
        assert_eq!(e.code, Code::NoVariation);
        let e = paired_t(&[1.0], &[2.0], &LevelOptions::default()).unwrap_err();
        assert_eq!(e.code, Code::SampleTooSmall);
    }
}
