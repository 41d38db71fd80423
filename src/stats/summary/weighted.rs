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
/// `sw` = Σw, `sw2` = Σw², `swy` = Σwy, `sw2y` = Σw²y, `wss` = Σw(y − ȳ)² with ȳ = swy/sw
/// (West's weighted update), `w2ss` = Σw²(y − ȳ₂)² with ȳ₂ = sw2y/sw2 (the same update under
/// the weights w²). Σw²(y − ȳ)², which the linearised variance needs, is
/// `w2ss` + Σw²(ȳ₂ − ȳ)². The estimate is the ratio of sums swy/sw, so one pass in row order
/// gives the two-pass estimate bit for bit.
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
    /// Σwy.
    pub swy: f64,
    /// Σw²y.
    pub sw2y: f64,
    /// Σw(y − swy/sw)².
    pub wss: f64,
    /// Σw²(y − sw2y/sw2)².
    pub w2ss: f64,
}

/// `s / w`, 0 while `w` is 0.
fn ratio(s: f64, w: f64) -> f64 {
    if w > 0.0 {
        s / w
    } else {
        0.0
    }
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
                format!(
                    "a weight is {w}: weights must be finite numbers of 0 or more",
                    w = crate::error::num(w)
                ),
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
        let before = ratio(self.swy, self.sw);
        self.sw += w;
        self.swy += w * y;
        self.wss += w * (y - before) * (y - ratio(self.swy, self.sw));
        let before2 = ratio(self.sw2y, self.sw2);
        self.sw2 += w2;
        self.sw2y += w2 * y;
        self.w2ss += w2 * (y - before2) * (y - ratio(self.sw2y, self.sw2));
        Ok(())
    }

    /// The parts the estimators of [`crate::stats::weighted`] are finished from.
    pub(crate) fn parts(&self) -> WeightedParts {
        let mean = ratio(self.swy, self.sw);
        let gap = ratio(self.sw2y, self.sw2) - mean;
        WeightedParts {
            n: self.n as usize,
            positive: self.positive as usize,
            sw: self.sw,
            sw2: self.sw2,
            mean,
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

    /// R `svyvar`'s standard deviation, √(n⁺/(n⁺ − 1) · Σw(y − ȳ)²/Σw); `None` under two
    /// positive weights.
    pub fn sd(&self) -> Option<f64> {
        let p = self.positive as f64;
        (self.positive >= 2 && self.sw > 0.0).then(|| (p / (p - 1.0) * self.wss / self.sw).sqrt())
    }

    /// Kish's effective sample size (Σw)²/Σw² and design effect n⁺/n_eff; `None` while every
    /// weight is 0.
    pub fn kish(&self) -> Option<(f64, f64)> {
        (self.sw > 0.0).then(|| {
            let n_eff = self.sw * self.sw / self.sw2;
            (n_eff, self.positive as f64 / n_eff)
        })
    }
}

impl Merge for WeightedSums {
    fn merge(&mut self, o: &Self) -> Result<()> {
        let (_, _, wss) = merge_moments(
            (self.sw, ratio(self.swy, self.sw), self.wss),
            (o.sw, ratio(o.swy, o.sw), o.wss),
        );
        let (_, _, w2ss) = merge_moments(
            (self.sw2, ratio(self.sw2y, self.sw2), self.w2ss),
            (o.sw2, ratio(o.sw2y, o.sw2), o.w2ss),
        );
        self.wss = wss;
        self.w2ss = w2ss;
        self.sw += o.sw;
        self.sw2 += o.sw2;
        self.swy += o.swy;
        self.sw2y += o.sw2y;
        self.n += o.n;
        self.positive += o.positive;
        self.missing += o.missing;
        self.non_binary += o.non_binary;
        Ok(())
    }
}
