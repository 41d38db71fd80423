//! Mergeable summaries (#22): every statistic of the survey report reduces to a summary that
//! can be computed on a piece of the respondents and merged with the summary of another piece.
//!
//! One type per family, each with `observe` (one respondent), [`Merge::merge`] (another
//! piece's summary of the same shape), and `finish`-style methods that hand the merged state to
//! the existing statistics functions of [`crate::stats`] — the statistics are written once.
//! Every type is `Clone` and serde `Serialize`/`Deserialize`; the serialized state (the
//! fields below, by these names) is the layout a distributed aggregate carries between its
//! partial and final stages, and it is stable: fields are only ever added, with a default.
//!
//! | type | state | finishes into | merge |
//! |---|---|---|---|
//! | [`PointCounts`] | point values, count per point, `missing`, `unknown` | shares with Wilson intervals, top box, median, mean, χ² goodness of fit | exact |
//! | [`Transitions`] | point values, K × K before × after counts, `beforeMissing`, `afterMissing`, `unknown` | exact McNemar with Newcombe's interval, Wilcoxon signed-rank (exact on a discrete scale), paired t, moved up / same / down | exact |
//! | [`RankSumTable`] | point values, G × K group × point counts, `missing`, `unknown` | Mann–Whitney (ties from the table), two proportions, χ² of independence | exact |
//! | [`Moments`] | n, mean, M₂ = Σ(x − x̄)², min, max, `missing`, `huge` | mean, sd, t interval, one- and two-sample t | Chan et al. pairwise update, ~1e-15 relative |
//! | [`ItemCovariance`] | k, n, `incomplete`, item means, co-moments (upper triangle) | Cronbach's alpha with Feldt's interval and item statistics | pairwise update, ~1e-15 relative |
//! | [`WeightedSums`] | n, n⁺, Σw, Σw², weighted means and centred sums under w and w² | weighted mean / share with linearised SE, Kish n_eff and design effects | pairwise update, ~1e-15 relative |
//! | [`WeightedScale`] | one [`WeightedSums`] per item and one of the scale score | weighted scale mean, `svycralpha` | as [`WeightedSums`] |
//!
//! "Exact" means integer counts: any partition of the respondents, merged in any order, gives
//! the same state, bit for bit, as one pass. Moments use the pairwise (Chan, Golub & LeVeque
//! 1979) update, whose result depends on the order of merges only in the last bits: the
//! property tests (`tests/stats_summary_props.rs`) require 1e-12 relative agreement with one
//! pass over random partitions in random order.
//!
//! The finishing methods of the counting summaries expand the counts back into values (in
//! point order) and call the statistics functions on them: O(n) memory at the end, never per
//! piece. Small-cell suppression belongs after the last merge, never per piece: no summary
//! suppresses anything.
//!
//! A summary that cannot take a value does not fail: a value that is not one of the points is
//! counted in `unknown`, a missing one in `missing`; [`Merge::merge`] fails only when the two
//! summaries have different shapes (points, items, groups), with [`Code::LengthMismatch`].
//!
//! References: Chan, T. F., Golub, G. H. & LeVeque, R. J. (1979). Updating formulae and a
//! pairwise algorithm for computing sample variances. Stanford CS-TR-79-773. West, D. H. D.
//! (1979). Updating mean and variance estimates: an improved method. *CACM* 22, 532–535.

mod counts;
mod covariance;
mod moments;
mod ranksum;
mod transitions;
mod weighted;
mod weighted_scale;

pub use counts::PointCounts;
pub use covariance::ItemCovariance;
pub use moments::Moments;
pub use ranksum::RankSumTable;
pub use transitions::{Moves, Transitions};
pub use weighted::WeightedSums;
pub use weighted_scale::{WeightedScale, SVYCRALPHA_REF};

use crate::error::{Code, Error, Result};

/// A summary that merges with another of the same shape.
pub trait Merge {
    /// Adds `other`'s respondents to `self`.
    ///
    /// # Errors
    /// [`Code::LengthMismatch`] when the shapes differ (points, items or groups).
    fn merge(&mut self, other: &Self) -> Result<()>;
}

/// The error of a merge of summaries of different shapes.
pub(crate) fn shape(what: &'static str) -> Error {
    Error::new(
        Code::LengthMismatch,
        format!("cannot merge summaries with different {what}"),
    )
    .with("what", what)
}

/// The position of `v` among `values`, `None` for NaN or a value that is not there.
pub(crate) fn position(values: &[f64], v: f64) -> Option<usize> {
    if v.is_nan() {
        return None;
    }
    values.iter().position(|x| *x == v)
}

/// True when two summaries have the same points, bit for bit.
pub(crate) fn same_points(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// Adds `b` to `a` cell by cell (same length checked by the caller).
pub(crate) fn add(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// The values of `counts` expanded in point order: `values[k]` repeated `counts[k]` times.
pub(crate) fn expand(values: &[f64], counts: &[u64]) -> Vec<f64> {
    let mut out = Vec::with_capacity(counts.iter().sum::<u64>() as usize);
    for (v, c) in values.iter().zip(counts) {
        out.extend(std::iter::repeat(*v).take(*c as usize));
    }
    out
}

/// Pairwise merge of (n, mean, M₂) (Chan, Golub & LeVeque 1979), with real weights.
#[inline]
pub(crate) fn merge_moments(a: (f64, f64, f64), b: (f64, f64, f64)) -> (f64, f64, f64) {
    let (na, ma, sa) = a;
    let (nb, mb, sb) = b;
    if nb == 0.0 {
        return a;
    }
    if na == 0.0 {
        return b;
    }
    let n = na + nb;
    let d = mb - ma;
    (n, ma + d * (nb / n), sa + sb + d * d * (na * nb / n))
}
