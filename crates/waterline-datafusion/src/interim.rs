//! Stand-in summaries until the core's mergeable summaries (`waterline::stats::summary`, issue
//! #22 item 1) are merged into this branch; then these go and the accumulators hold the core's.
//! Counts and transitions merge exactly; moments by Chan et al.'s pairwise update.

use serde::{Deserialize, Serialize};

/// Answers per point of a scale, and non-empty cells that are no point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointCounts {
    /// Respondents per point, in point order.
    pub counts: Vec<u64>,
}

impl PointCounts {
    pub fn new(points: usize) -> Self {
        PointCounts {
            counts: vec![0; points],
        }
    }
    pub fn observe(&mut self, point: usize) {
        if let Some(c) = self.counts.get_mut(point) {
            *c += 1;
        }
    }
    pub fn merge(&mut self, other: &PointCounts) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }
}

/// K×K table of (before, after) points, row-major by the point before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transitions {
    pub k: usize,
    pub counts: Vec<u64>,
}

impl Transitions {
    pub fn new(k: usize) -> Self {
        Transitions {
            k,
            counts: vec![0; k * k],
        }
    }
    pub fn observe(&mut self, before: usize, after: usize) {
        if let Some(c) = self.counts.get_mut(before * self.k + after) {
            *c += 1;
        }
    }
    pub fn merge(&mut self, other: &Transitions) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }
}

/// Count, mean and sum of squared deviations.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    pub n: u64,
    pub mean: f64,
    pub m2: f64,
}

impl Moments {
    pub fn observe(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }
    pub fn merge(&mut self, o: &Moments) {
        if o.n == 0 {
            return;
        }
        let n = (self.n + o.n) as f64;
        let d = o.mean - self.mean;
        self.mean += d * o.n as f64 / n;
        self.m2 += o.m2 + d * d * self.n as f64 * o.n as f64 / n;
        self.n += o.n;
    }
}
