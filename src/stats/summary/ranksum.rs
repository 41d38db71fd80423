//! Group × point counts on one scale: the tie table of the Mann–Whitney test on an ordinal
//! scale, the two-proportion comparison of a top box, and χ² of independence.

use super::{add, expand, position, same_points, shape, Merge, PointCounts};
use crate::error::{Code, Error, Result};
use crate::stats::{
    chi_square, mann_whitney, two_proportions, ChiSquareOptions, ChiSquareTest, MannWhitney,
    MannWhitneyOptions, TwoProportions, TwoProportionsOptions,
};
use serde::{Deserialize, Serialize};

/// Respondents per group and point.
///
/// State: `values` (the K points), `groups` (G), `cells` (G × K, row-major: row = group),
/// `missing` (no answer or no group), `unknown` (an answer that is not a point).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RankSumTable {
    /// The points' values, in scale order.
    pub values: Vec<f64>,
    /// Number of groups.
    pub groups: usize,
    /// G × K counts, row-major, group × point.
    pub cells: Vec<u64>,
    /// Respondents without an answer or outside the groups.
    pub missing: u64,
    /// Answers that are not one of the points.
    pub unknown: u64,
}

impl RankSumTable {
    /// An empty table of `groups` groups on a scale with these points.
    pub fn new(values: Vec<f64>, groups: usize) -> Self {
        let k = values.len();
        RankSumTable {
            values,
            groups,
            cells: vec![0; groups.saturating_mul(k)],
            missing: 0,
            unknown: 0,
        }
    }

    /// Counts one respondent of group `group` (0-based; `None` or out of range: `missing`)
    /// answering `v` (NaN: `missing`).
    pub fn observe(&mut self, group: Option<usize>, v: f64) {
        let Some(g) = group.filter(|g| *g < self.groups) else {
            self.missing += 1;
            return;
        };
        match position(&self.values, v) {
            Some(k) => {
                let at = g * self.values.len() + k;
                if let Some(c) = self.cells.get_mut(at) {
                    *c += 1;
                }
            }
            None if v.is_nan() => self.missing += 1,
            None => self.unknown += 1,
        }
    }

    /// Counts one answer given as the positions of its group and point (`unknown` when out of
    /// range).
    pub fn observe_point(&mut self, group: usize, point: usize) {
        let k = self.values.len();
        match self
            .cells
            .get_mut(group.saturating_mul(k).saturating_add(point))
        {
            Some(c) if group < self.groups && point < k => *c += 1,
            _ => self.unknown += 1,
        }
    }

    /// The counts of group `g` (empty when out of range).
    pub fn row(&self, g: usize) -> &[u64] {
        let k = self.values.len();
        self.cells.get(g * k..(g + 1) * k).unwrap_or(&[])
    }

    /// Group `g` as per-point counts.
    pub fn group(&self, g: usize) -> PointCounts {
        let mut p = PointCounts::new(self.values.clone());
        add(&mut p.counts, self.row(g));
        p
    }

    /// Mann–Whitney of group `x` against group `y` (R `wilcox.test(x, y)`), via
    /// [`mann_whitney`]: the ties come from the table, the same as from the values.
    ///
    /// # Errors
    /// Those of [`mann_whitney`].
    pub fn mann_whitney(
        &self,
        x: usize,
        y: usize,
        options: &MannWhitneyOptions,
    ) -> Result<MannWhitney> {
        let xs = expand(&self.values, self.row(x));
        let ys = expand(&self.values, self.row(y));
        mann_whitney(&xs, &ys, options)
    }

    /// The share answering one of `top` in group `x` against group `y`, via
    /// [`two_proportions`].
    ///
    /// # Errors
    /// Those of [`two_proportions`].
    pub fn two_proportions(
        &self,
        x: usize,
        y: usize,
        top: &[f64],
        options: &TwoProportionsOptions,
    ) -> Result<TwoProportions> {
        let (gx, gy) = (self.group(x), self.group(y));
        two_proportions(
            gx.count_of(top) as f64,
            gx.n() as f64,
            gy.count_of(top) as f64,
            gy.n() as f64,
            options,
        )
    }

    /// χ² of independence of group and point over the groups `rows` (e.g. the groups left
    /// after small-cell suppression; none gives an empty table, which [`chi_square`] refuses),
    /// points nobody in them chose left out, via [`chi_square`].
    ///
    /// # Errors
    /// Those of [`chi_square`]; [`Code::BadInput`] for a group out of range.
    pub fn chi_square(&self, rows: &[usize], options: &ChiSquareOptions) -> Result<ChiSquareTest> {
        if let Some(g) = rows.iter().find(|g| **g >= self.groups) {
            return Err(Error::new(Code::BadInput, "no such group").with("group", *g));
        }
        let k = self.values.len();
        let keep: Vec<usize> = (0..k)
            .filter(|&j| {
                rows.iter()
                    .any(|&g| self.row(g).get(j).is_some_and(|c| *c > 0))
            })
            .collect();
        let table: Vec<Vec<f64>> = rows
            .iter()
            .map(|&g| {
                let row = self.row(g);
                keep.iter()
                    .map(|&j| row.get(j).copied().unwrap_or(0) as f64)
                    .collect()
            })
            .collect();
        chi_square(&table, options)
    }
}

impl Merge for RankSumTable {
    fn merge(&mut self, other: &Self) -> Result<()> {
        if !same_points(&self.values, &other.values) {
            return Err(shape("points"));
        }
        if self.groups != other.groups {
            return Err(shape("groups"));
        }
        add(&mut self.cells, &other.cells);
        self.missing += other.missing;
        self.unknown += other.unknown;
        Ok(())
    }
}
