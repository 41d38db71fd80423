//! Counts per scale point: shares with Wilson intervals, the top box, the median, the mean and
//! χ² goodness of fit.

use super::{add, expand, position, same_points, shape, Merge};
use crate::error::Result;
use crate::stats::contingency::{chi_square_gof, GoodnessOfFit};
use crate::stats::limits::MAX_MAGNITUDE;
use crate::stats::{wilson, ProportionInterval};
use serde::{Deserialize, Serialize};

/// Respondents per point of a scale (or per category, or per choice).
///
/// State: `values` (the points, in scale order), `counts` (one per point), `missing` (NaN:
/// no answer) and `unknown` (a value that is not a point).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PointCounts {
    /// The points' values, in scale order.
    pub values: Vec<f64>,
    /// Respondents per point.
    pub counts: Vec<u64>,
    /// Respondents without an answer.
    pub missing: u64,
    /// Answers that are not one of the points.
    pub unknown: u64,
}

impl PointCounts {
    /// An empty summary of a scale with these points.
    pub fn new(values: Vec<f64>) -> Self {
        let counts = vec![0; values.len()];
        PointCounts {
            values,
            counts,
            missing: 0,
            unknown: 0,
        }
    }

    /// Counts one answer: NaN is `missing`, a value that is not a point `unknown`.
    pub fn observe(&mut self, v: f64) {
        match position(&self.values, v) {
            Some(k) => self.observe_point(k),
            None if v.is_nan() => self.missing += 1,
            None => self.unknown += 1,
        }
    }

    /// Counts one answer given as the position of its point (`unknown` when out of range).
    #[inline(always)]
    pub fn observe_point(&mut self, k: usize) {
        match self.counts.get_mut(k) {
            Some(c) => *c += 1,
            None => self.unknown += 1,
        }
    }

    /// Respondents with an answer that is a point.
    pub fn n(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Each point's share with its Wilson interval (R `prop.test(x, n, correct = FALSE)`);
    /// `None` when nobody answered.
    pub fn shares(&self, level: f64) -> Option<Vec<ProportionInterval>> {
        let n = self.n() as f64;
        self.counts
            .iter()
            .map(|c| wilson(*c as f64, n, level).ok())
            .collect()
    }

    /// Respondents whose answer is one of `points` (values).
    pub fn count_of(&self, points: &[f64]) -> u64 {
        self.values
            .iter()
            .zip(&self.counts)
            .filter(|(v, _)| points.contains(v))
            .map(|(_, c)| *c)
            .sum()
    }

    /// The share answering one of `points` (the top box) with its Wilson interval.
    ///
    /// # Errors
    /// Those of [`wilson`] (no answers, a bad level).
    pub fn share_of(&self, points: &[f64], level: f64) -> Result<ProportionInterval> {
        wilson(self.count_of(points) as f64, self.n() as f64, level)
    }

    /// R's `median` of the answers (mean of the two middle values when n is even); `None`
    /// when nobody answered.
    pub fn median(&self) -> Option<f64> {
        let mut by_value: Vec<(f64, u64)> = self
            .values
            .iter()
            .copied()
            .zip(self.counts.iter().copied())
            .collect();
        crate::sort::sort_by(&mut by_value, |a, b| a.0.total_cmp(&b.0));
        let n = self.n();
        if n == 0 {
            return None;
        }
        let at = |k: u64| {
            let mut seen = 0;
            by_value
                .iter()
                .find(|(_, c)| {
                    seen += c;
                    seen > k
                })
                .map(|(v, _)| *v)
        };
        Some((at((n - 1) / 2)? + at(n / 2)?) / 2.0)
    }

    /// The mean of the answers; `None` when nobody answered or an answered point lies beyond
    /// ±10¹⁰⁰ ([`MAX_MAGNITUDE`]). A function of the counts alone, so the same after any
    /// merge; on whole points the sum is exact, so it equals the one-pass mean bit for bit.
    pub fn mean(&self) -> Option<f64> {
        let n = self.n();
        let answered = || {
            self.values
                .iter()
                .zip(&self.counts)
                .filter(|(_, c)| **c > 0)
        };
        if n == 0 || answered().any(|(v, _)| v.abs() > MAX_MAGNITUDE) {
            return None;
        }
        Some(answered().map(|(v, c)| v * *c as f64).sum::<f64>() / n as f64)
    }

    /// The sample standard deviation (n − 1 divisor) of the answers; `None` under 2 answers
    /// or when [`PointCounts::mean`] is `None`.
    pub fn sd(&self) -> Option<f64> {
        let n = self.n();
        let mean = self.mean()?;
        (n >= 2).then(|| {
            let ss: f64 = self
                .values
                .iter()
                .zip(&self.counts)
                .map(|(v, c)| (v - mean) * (v - mean) * *c as f64)
                .sum();
            (ss / (n - 1) as f64).sqrt()
        })
    }

    /// The answers in point order (for the statistics functions that take values).
    pub fn expand(&self) -> Vec<f64> {
        expand(&self.values, &self.counts)
    }

    /// Pearson's χ² goodness of fit of the counts to `probabilities` (R `chisq.test(x, p)`).
    ///
    /// # Errors
    /// Those of [`chi_square_gof`].
    pub fn goodness_of_fit(&self, probabilities: &[f64]) -> Result<GoodnessOfFit> {
        let observed: Vec<f64> = self.counts.iter().map(|c| *c as f64).collect();
        chi_square_gof(&observed, probabilities)
    }
}

impl Merge for PointCounts {
    fn merge(&mut self, other: &Self) -> Result<()> {
        if !same_points(&self.values, &other.values) {
            return Err(shape("points"));
        }
        add(&mut self.counts, &other.counts);
        self.missing += other.missing;
        self.unknown += other.unknown;
        Ok(())
    }
}
