//! Weighted sums under survey weights: the weighted mean or share with its linearised SE, the
//! Kish effective sample size and the design effects (R `survey::svymean`).

use super::{merge_moments, Merge};
use crate::error::{Code, Error, Result};
use crate::stats::weighted::{
    from_parts, mean_interval, share_interval, ShareInterval, WeightedMean, WeightedParts,
};
use serde::{Deserialize, Serialize};

/// The sums [`crate::stats::weighted::weighted_mean`] needs, merged piece by piece.
///
/// State: `n` (values, zero weights included), `positive` (values with a positive weight),
/// `missing` (NaN values, left out), `nonBinary` (values other than 0 and 1: no share),
/// `sw` = Σw, `sw2` = Σw², `mean` = Σwy/Σw and `wss` = Σw(y − ȳ)² (West's weighted update),
/// `mean2` = Σw²y/Σw² and `w2ss` = Σw²(y − ȳ₂)² (the same update under the weights w²).
/// Σw²(y − ȳ)², which the linearised variance needs, is `w2ss` + Σw²(ȳ₂ − ȳ)².
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct WeightedSums {
    /// Values, zero weights included.
    pub n: u64,
    /// Values with a positive weight.
    pub positive: u64,
    /// Missing values (NaN), left out.
    pub missing: u64,
    /// Values other than 0 and 1.
    pub non_binary: u64,
    /// Σw.
    pub sw: f64,
    /// Σw².
    pub sw2: f64,
    /// Σwy / Σw (0 while Σw is 0).
    pub mean: f64,
    /// Σw(y − mean)².
    pub wss: f64,
    /// Σw²y / Σw² (0 while Σw² is 0).
    pub mean2: f64,
    /// Σw²(y − mean2)².
    pub w2ss: f64,
}

impl WeightedSums {
    /// An empty summary.
    pub fn new() -> Self {
        WeightedSums::default()
    }

    /// Adds the value `y` (NaN: `missing`) with weight `w`.
    ///
    /// # Errors
    /// [`Code::InvalidWeight`] for a weight that is negative or not finite, [`Code::NotFinite`]
    /// for an infinite value; the summary is unchanged.
    pub fn observe(&mut self, y: f64, w: f64) -> Result<()> {
        if !w.is_finite() || w < 0.0 {
            return Err(Error::new(
                Code::InvalidWeight,
                format!("a weight is {w}: weights must be finite numbers of 0 or more"),
            ));
        }
        if y.is_nan() {
            self.missing += 1;
            return Ok(());
        }
        crate::error::finite("values", y)?;
        self.n += 1;
        self.non_binary += u64::from(y != 0.0 && y != 1.0);
        if w == 0.0 {
            return Ok(());
        }
        self.positive += 1;
        let w2 = w * w;
        self.sw += w;
        self.sw2 += w2;
        let d = y - self.mean;
        self.mean += d * (w / self.sw);
        self.wss += w * d * (y - self.mean);
        let d2 = y - self.mean2;
        self.mean2 += d2 * (w2 / self.sw2);
        self.w2ss += w2 * d2 * (y - self.mean2);
        Ok(())
    }

    fn parts(&self) -> WeightedParts {
        let gap = self.mean2 - self.mean;
        WeightedParts {
            n: self.n as usize,
            positive: self.positive as usize,
            sw: self.sw,
            sw2: self.sw2,
            mean: self.mean,
            wss: self.wss,
            w2ss: self.w2ss + self.sw2 * gap * gap,
        }
    }

    /// The weighted mean with its linearisation SE and normal interval, as
    /// [`crate::stats::weighted::weighted_mean`].
    ///
    /// # Errors
    /// [`Code::EmptySample`], [`Code::InvalidWeight`] (every weight 0),
    /// [`Code::LevelOutOfRange`].
    pub fn mean(&self, level: f64) -> Result<WeightedMean> {
        mean_interval(from_parts(&self.parts(), level)?, level)
    }

    /// The weighted share of 0/1 values with the chosen interval, as
    /// [`crate::stats::weighted::weighted_share`].
    ///
    /// # Errors
    /// Those of [`WeightedSums::mean`]; [`Code::ValueOutOfRange`] when a value was not 0 or 1.
    pub fn share(&self, level: f64, interval: ShareInterval) -> Result<WeightedMean> {
        if self.non_binary > 0 {
            return Err(Error::new(
                Code::ValueOutOfRange,
                "a value is not 0 or 1: a share counts yes (1) and no (0)",
            )
            .with("count", self.non_binary));
        }
        share_interval(from_parts(&self.parts(), level)?, level, interval)
    }
}

impl Merge for WeightedSums {
    fn merge(&mut self, o: &Self) -> Result<()> {
        let (sw, mean, wss) = merge_moments((self.sw, self.mean, self.wss), (o.sw, o.mean, o.wss));
        let (sw2, mean2, w2ss) =
            merge_moments((self.sw2, self.mean2, self.w2ss), (o.sw2, o.mean2, o.w2ss));
        (self.sw, self.mean, self.wss) = (sw, mean, wss);
        (self.sw2, self.mean2, self.w2ss) = (sw2, mean2, w2ss);
        self.n += o.n;
        self.positive += o.positive;
        self.missing += o.missing;
        self.non_binary += o.non_binary;
        Ok(())
    }
}
