//! Moments of a sample: mean, variance, extremes, and the t-tests built on them.

use super::{merge_moments, Merge};
use crate::error::Result;
use crate::stats::limits::MAX_MAGNITUDE;
use crate::stats::means::{one_sample_from, two_sample_from, Sample, TTest, TTestOptions};
use serde::{Deserialize, Serialize};

/// Size, mean, sum of squared deviations and extremes of the values seen.
///
/// State: `n`, `mean`, `m2` = Σ(x − x̄)² (Welford's update per value, Chan et al.'s pairwise
/// update per merge), `min`, `max` (`null` before any value), `missing` (NaN) and `huge`
/// (values beyond ±10¹⁰⁰, [`MAX_MAGNITUDE`], or infinite: kept out of the mean, whose square
/// could overflow; their presence withholds the mean and variance, as the report does).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Moments {
    /// Values in the mean.
    pub n: u64,
    /// Their mean (0 when `n` is 0).
    pub mean: f64,
    /// Σ(x − x̄)².
    pub m2: f64,
    /// Smallest finite value seen.
    pub min: Option<f64>,
    /// Largest finite value seen.
    pub max: Option<f64>,
    /// Missing values (NaN).
    pub missing: u64,
    /// Values beyond ±10¹⁰⁰ or infinite.
    pub huge: u64,
}

impl Default for Moments {
    fn default() -> Self {
        Moments::new()
    }
}

impl Moments {
    /// An empty summary.
    pub fn new() -> Self {
        Moments {
            n: 0,
            mean: 0.0,
            m2: 0.0,
            min: None,
            max: None,
            missing: 0,
            huge: 0,
        }
    }

    /// Adds one value (NaN: `missing`).
    pub fn observe(&mut self, x: f64) {
        if x.is_nan() {
            self.missing += 1;
            return;
        }
        if x.is_finite() {
            self.min = Some(self.min.map_or(x, |m| m.min(x)));
            self.max = Some(self.max.map_or(x, |m| m.max(x)));
        }
        if !x.is_finite() || x.abs() > MAX_MAGNITUDE {
            self.huge += 1;
            return;
        }
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    /// The mean; `None` without values or with a huge one.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0 && self.huge == 0).then_some(self.mean)
    }

    /// The sample variance (n − 1 divisor); `None` under 2 values or with a huge one.
    pub fn variance(&self) -> Option<f64> {
        (self.n >= 2 && self.huge == 0).then(|| (self.m2 / (self.n - 1) as f64).max(0.0))
    }

    /// The sample standard deviation (n − 1 divisor).
    pub fn sd(&self) -> Option<f64> {
        self.variance().map(f64::sqrt)
    }

    fn sample(&self) -> Sample {
        Sample {
            n: self.n as usize,
            excluded: (self.missing + self.huge) as usize,
            mean: self.mean,
            var: if self.n > 1 {
                (self.m2 / (self.n - 1) as f64).max(0.0)
            } else {
                0.0
            },
        }
    }

    /// The one-sample t-test (R `t.test(x, mu =, conf.level =)`), via the same code as
    /// [`crate::stats::means::one_sample_t`].
    ///
    /// # Errors
    /// As [`crate::stats::means::one_sample_t`]; [`crate::Code::ValueOutOfRange`] with a huge
    /// value.
    pub fn one_sample_t(&self, options: &TTestOptions) -> Result<TTest> {
        self.sane()?;
        let mu = crate::error::finite("mu", options.mu)?;
        let level = crate::error::level(options.level)?;
        one_sample_from(self.sample(), mu, level)
    }

    /// The two-sample t-test of this sample against `other` (Welch's, or Student's with
    /// `varEqual`), via the same code as [`crate::stats::means::two_sample_t`].
    ///
    /// # Errors
    /// As [`crate::stats::means::two_sample_t`].
    pub fn two_sample_t(&self, other: &Moments, options: &TTestOptions) -> Result<TTest> {
        self.sane()?;
        other.sane()?;
        two_sample_from(self.sample(), other.sample(), options)
    }

    fn sane(&self) -> Result<()> {
        if self.huge > 0 {
            return Err(crate::Error::new(
                crate::error::Code::ValueOutOfRange,
                "a value lies beyond ±1e100: its square could overflow",
            )
            .with("count", self.huge));
        }
        Ok(())
    }
}

impl Merge for Moments {
    fn merge(&mut self, other: &Self) -> Result<()> {
        let (_, mean, m2) = merge_moments(
            (self.n as f64, self.mean, self.m2),
            (other.n as f64, other.mean, other.m2),
        );
        self.n += other.n;
        (self.mean, self.m2) = if self.n == 0 { (0.0, 0.0) } else { (mean, m2) };
        self.min = match (self.min, other.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.missing += other.missing;
        self.huge += other.huge;
        Ok(())
    }
}
