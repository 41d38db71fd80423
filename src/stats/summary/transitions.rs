//! Paired K × K transitions (before × after on one scale): McNemar with Newcombe's interval,
//! the Wilcoxon signed-rank test (exact on a discrete scale), the paired t-test, and the shares
//! that moved up, stayed and moved down.

use super::{add, position, same_points, shape, Merge};
use crate::error::Result;
use crate::stats::limits::MAX_MAGNITUDE;
use crate::stats::{
    mcnemar_pairs, paired_t, wilcoxon_signed_rank, LevelOptions, McNemar, PairedT, PairedTable,
    SignedRankOptions, SignedRankTest,
};
use serde::{Deserialize, Serialize};

/// Respondents per (before, after) pair of points.
///
/// State: `values` (the K points), `cells` (K × K, row-major: row = the point before, column
/// = the point after), `beforeMissing` (no answer before), `afterMissing` (an answer before,
/// none after), `unknown` (an answer that is not a point).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transitions {
    /// The points' values, in scale order.
    pub values: Vec<f64>,
    /// K × K counts, row-major, before × after.
    pub cells: Vec<u64>,
    /// Pairs without the answer before.
    pub before_missing: u64,
    /// Pairs with the answer before but not after.
    pub after_missing: u64,
    /// Pairs with an answer that is not a point.
    pub unknown: u64,
}

/// How many respondents moved up the scale, stayed, and moved down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moves {
    /// After above before.
    pub up: u64,
    /// After equal to before.
    pub same: u64,
    /// After below before.
    pub down: u64,
}

impl Transitions {
    /// An empty summary of pairs on a scale with these points.
    pub fn new(values: Vec<f64>) -> Self {
        let k = values.len();
        Transitions {
            values,
            cells: vec![0; k * k],
            before_missing: 0,
            after_missing: 0,
            unknown: 0,
        }
    }

    /// Counts one respondent's pair of answers (NaN: missing).
    pub fn observe(&mut self, before: f64, after: f64) {
        if before.is_nan() {
            self.before_missing += 1;
        } else if after.is_nan() {
            self.after_missing += 1;
        } else {
            match (
                position(&self.values, before),
                position(&self.values, after),
            ) {
                (Some(i), Some(j)) => self.observe_points(i, j),
                _ => self.unknown += 1,
            }
        }
    }

    /// Counts one complete pair given as the positions of its points.
    pub fn observe_points(&mut self, before: usize, after: usize) {
        let k = self.values.len();
        match self
            .cells
            .get_mut(before.saturating_mul(k).saturating_add(after))
        {
            Some(c) if before < k && after < k => *c += 1,
            _ => self.unknown += 1,
        }
    }

    /// Complete pairs counted.
    pub fn n(&self) -> u64 {
        self.cells.iter().sum()
    }

    /// The cells with their values: (before, after, count).
    fn each(&self) -> impl Iterator<Item = (f64, f64, u64)> + '_ {
        let k = self.values.len().max(1);
        self.cells.iter().enumerate().map(move |(i, c)| {
            let b = self.values.get(i / k).copied().unwrap_or(f64::NAN);
            let a = self.values.get(i % k).copied().unwrap_or(f64::NAN);
            (b, a, *c)
        })
    }

    /// Respondents who moved up, stayed, moved down.
    pub fn moves(&self) -> Moves {
        let mut m = Moves {
            up: 0,
            same: 0,
            down: 0,
        };
        for (b, a, c) in self.each() {
            if a > b {
                m.up += c;
            } else if a < b {
                m.down += c;
            } else {
                m.same += c;
            }
        }
        m
    }

    /// The 2 × 2 table of the top box (`top`: the values counted as yes) before and after.
    pub fn paired_table(&self, top: &[f64]) -> PairedTable {
        let mut t = PairedTable {
            a: 0,
            b: 0,
            c: 0,
            d: 0,
        };
        for (b, a, c) in self.each() {
            match (top.contains(&b), top.contains(&a)) {
                (true, true) => t.a += c,
                (true, false) => t.b += c,
                (false, true) => t.c += c,
                (false, false) => t.d += c,
            }
        }
        t
    }

    /// Mean before and mean after (`None` when no pair is complete, or when a point lies
    /// beyond ±10¹⁰⁰). Sums of whole points are exact, so these equal the one-pass means bit
    /// for bit on the usual scales.
    pub fn means(&self) -> Option<(f64, f64)> {
        let n = self.n();
        if n == 0 || self.values.iter().any(|v| v.abs() > MAX_MAGNITUDE) {
            return None;
        }
        let (mut sb, mut sa) = (0.0, 0.0);
        for (b, a, c) in self.each() {
            sb += b * c as f64;
            sa += a * c as f64;
        }
        Some((sb / n as f64, sa / n as f64))
    }

    /// The complete pairs expanded in cell order (before, after), for the statistics functions
    /// that take values.
    pub fn expand(&self) -> (Vec<f64>, Vec<f64>) {
        let n = self.n() as usize;
        let (mut before, mut after) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for (b, a, c) in self.each() {
            before.extend(std::iter::repeat(b).take(c as usize));
            after.extend(std::iter::repeat(a).take(c as usize));
        }
        (before, after)
    }

    /// McNemar's test on 0/1 points (R `binom.test(b, b + c)`), via [`mcnemar_pairs`].
    ///
    /// # Errors
    /// Those of [`mcnemar_pairs`] (e.g. a point other than 0 or 1, no pairs).
    pub fn mcnemar(&self, level: f64) -> Result<McNemar> {
        let (b, a) = self.expand();
        mcnemar_pairs(&b, &a, &LevelOptions { level })
    }

    /// The Wilcoxon signed-rank test of after − before, via [`wilcoxon_signed_rank`]: the ties
    /// of a discrete scale come from the table, the same as from the values.
    ///
    /// # Errors
    /// Those of [`wilcoxon_signed_rank`].
    pub fn wilcoxon(&self, options: &SignedRankOptions) -> Result<SignedRankTest> {
        let (b, a) = self.expand();
        wilcoxon_signed_rank(&b, &a, options)
    }

    /// The paired t-test of after − before, via [`paired_t`].
    ///
    /// # Errors
    /// Those of [`paired_t`].
    pub fn paired_t(&self, level: f64) -> Result<PairedT> {
        let (b, a) = self.expand();
        paired_t(&b, &a, &LevelOptions { level })
    }
}

impl Merge for Transitions {
    fn merge(&mut self, other: &Self) -> Result<()> {
        if !same_points(&self.values, &other.values) {
            return Err(shape("points"));
        }
        add(&mut self.cells, &other.cells);
        self.before_missing += other.before_missing;
        self.after_missing += other.after_missing;
        self.unknown += other.unknown;
        Ok(())
    }
}
