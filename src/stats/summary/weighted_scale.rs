//! A multi-item scale under survey weights (#19): the weighted scale mean with its
//! linearisation SE and R `survey::svycralpha`'s weighted Cronbach's alpha, merged piece by
//! piece.
//!
//! `svycralpha(~q1 + … + qK, design)` is K/(K − 1) · (1 − Σ Vᵢ / V_total) with Vᵢ the item
//! variances and V_total the variance of the item total, each from `svyvar` (weighted,
//! n⁺/(n⁺ − 1) · Σw(y − ȳ)²/Σw); the factor n⁺/(n⁺ − 1) and Σw cancel in the ratio, so alpha
//! is K/(K − 1) · (1 − Σ SSᵢ / SS_total) with SS = Σw(y − ȳ)². The package gives no interval.
//! The scale score is the mean of the items (the total over K), so SS_total = K² · SS_score.

use super::{Merge, WeightedSums};
use crate::error::{Code, Error, Result};
use crate::stats::weighted::WeightedMean;
use serde::{Deserialize, Serialize};

/// Reference of the weighted alpha.
pub const SVYCRALPHA_REF: &str = "R survey::svycralpha(~q1 + … + qK, svydesign(ids = ~1, \
weights = ~w)): K/(K − 1)(1 − Σ svyvar(qᵢ)/svyvar(Σqᵢ)); no interval";

/// Per-item and scale-score weighted sums of the complete respondents of a scale.
///
/// State: `items` (one [`WeightedSums`] per item, in scale order) and `score` (the
/// [`WeightedSums`] of the mean of the items).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeightedScale {
    /// One summary per item.
    pub items: Vec<WeightedSums>,
    /// The summary of the scale score (mean of the items).
    pub score: WeightedSums,
}

impl WeightedScale {
    /// An empty summary of `k` items.
    pub fn new(k: usize) -> Self {
        WeightedScale {
            items: vec![WeightedSums::new(); k],
            score: WeightedSums::new(),
        }
    }

    /// Adds one complete respondent: `row` holds the K item values (reversed items already
    /// flipped), `w` the weight.
    ///
    /// # Errors
    /// [`Code::LengthMismatch`] when `row` does not hold K values; [`Code::NotFinite`] for a
    /// missing or infinite value (the caller passes complete rows); [`Code::InvalidWeight`].
    /// The summary is unchanged on error.
    pub fn observe(&mut self, row: &[f64], w: f64) -> Result<()> {
        if row.len() != self.items.len() {
            return Err(Error::new(
                Code::LengthMismatch,
                "a scale row must hold one value per item",
            )
            .with("items", self.items.len())
            .with("values", row.len()));
        }
        for y in row {
            crate::error::finite("values", *y)?;
        }
        let score = row.iter().sum::<f64>() / row.len().max(1) as f64;
        self.score.observe(score, w)?;
        for (s, y) in self.items.iter_mut().zip(row) {
            s.observe(*y, w)?;
        }
        Ok(())
    }

    /// The weighted scale mean with its linearised SE and normal interval (R
    /// `svymean(~score, design)`).
    ///
    /// # Errors
    /// Those of [`WeightedSums::mean`].
    pub fn mean(&self, level: f64) -> Result<WeightedMean> {
        self.score.mean(level)
    }

    /// `svycralpha`; `None` under two items or two positive weights, or when the total does
    /// not vary.
    pub fn alpha(&self) -> Option<f64> {
        let k = self.items.len() as f64;
        let total = k * k * self.score.wss;
        if self.items.len() < 2
            || self.score.positive < 2
            || total.partial_cmp(&0.0)? != std::cmp::Ordering::Greater
        {
            return None;
        }
        let items: f64 = self.items.iter().map(|s| s.wss).sum();
        Some(k / (k - 1.0) * (1.0 - items / total))
    }
}

impl Merge for WeightedScale {
    fn merge(&mut self, o: &Self) -> Result<()> {
        if self.items.len() != o.items.len() {
            return Err(super::shape("items"));
        }
        for (a, b) in self.items.iter_mut().zip(&o.items) {
            a.merge(b)?;
        }
        self.score.merge(&o.score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_weights_give_cronbachs_alpha() {
        let rows = [
            [1.0, 2.0, 2.0],
            [3.0, 3.0, 4.0],
            [2.0, 2.0, 3.0],
            [4.0, 5.0, 4.0],
            [5.0, 4.0, 5.0],
        ];
        let mut s = WeightedScale::new(3);
        let mut flat = Vec::new();
        for r in &rows {
            s.observe(r, 1.7).unwrap();
            flat.extend_from_slice(r);
        }
        let a = crate::stats::cronbach_alpha(&flat, 3, &crate::stats::AlphaOptions { level: 0.95 })
            .unwrap();
        assert!((s.alpha().unwrap() - a.alpha).abs() < 1e-13);
    }

    #[test]
    fn merging_two_pieces_is_one_pass() {
        let rows = [[1.0, 2.0], [3.0, 3.0], [2.0, 1.0], [4.0, 5.0]];
        let w = [1.0, 2.5, 0.5, 3.0];
        let (mut one, mut a, mut b) = (
            WeightedScale::new(2),
            WeightedScale::new(2),
            WeightedScale::new(2),
        );
        for (i, (r, w)) in rows.iter().zip(w).enumerate() {
            one.observe(r, w).unwrap();
            if i < 2 {
                a.observe(r, w).unwrap()
            } else {
                b.observe(r, w).unwrap()
            }
        }
        a.merge(&b).unwrap();
        assert!((a.alpha().unwrap() - one.alpha().unwrap()).abs() < 1e-14);
        assert_eq!(
            a.merge(&WeightedScale::new(3)).unwrap_err().code,
            Code::LengthMismatch
        );
        assert_eq!(
            one.observe(&[1.0], 1.0).unwrap_err().code,
            Code::LengthMismatch
        );
    }
}
