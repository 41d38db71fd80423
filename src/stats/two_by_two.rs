//! Two independent proportions as a 2×2 table (#19): the Wald interval for the difference with
//! and without continuity correction (R `prop.test(c(x1, x2), c(n1, n2))`), the risk ratio
//! (Katz log interval) and the odds ratio (Woolf log interval), as statsmodels' `Table2x2`.
//!
//! Group 1 against group 2, as R and statsmodels: difference p₁ − p₂, ratios p₁/p₂ and
//! odds₁/odds₂. (The older `twoProportions` reports p₂ − p₁, the change between two waves.)

use crate::error::Result;
use crate::note::{Note, NoteCode};
use crate::stats::dist::z_two_sided;
use crate::stats::one_proportion::counts;
use crate::stats::paired::LevelOptions;
use serde::Serialize;

/// An estimate with its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EstimateInterval {
    /// The point estimate.
    pub estimate: f64,
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
}

/// Result of [`compare_proportions`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProportionComparison {
    /// x₁ / n₁.
    pub p1: f64,
    /// x₂ / n₂.
    pub p2: f64,
    /// p₁ − p₂ with the Wald interval, clipped to [−1, 1].
    pub wald: EstimateInterval,
    /// p₁ − p₂ with the Wald interval with continuity correction (R `prop.test`'s interval).
    pub wald_corrected: EstimateInterval,
    /// p₁/p₂ with the Katz log interval; `null` when x₁ or x₂ is 0.
    pub risk_ratio: Option<EstimateInterval>,
    /// (x₁(n₂ − x₂))/(x₂(n₁ − x₁)) with the Woolf log interval; `null` with an empty cell.
    pub odds_ratio: Option<EstimateInterval>,
    /// Confidence level.
    pub level: f64,
    /// `risk_ratio_zero_cell`, `odds_ratio_zero_cell` when a ratio is withheld.
    pub warnings: Vec<Note>,
}

/// Compares x₁ of n₁ with x₂ of n₂.
///
/// # Formula
/// ```text
/// D = p₁ − p₂, se = √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂), z = Φ⁻¹((1 + level)/2)
/// wald: D ± z se;  wald_corrected: D ± (z se + c), c = min(½ (1/n₁ + 1/n₂), |D|)
/// risk ratio:  exp(ln(p₁/p₂) ± z √(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂))          (Katz et al. 1978)
/// odds ratio:  exp(ln OR ± z √(1/x₁ + 1/(n₁ − x₁) + 1/x₂ + 1/(n₂ − x₂)))  (Woolf 1955)
/// ```
/// A ratio with a zero in a cell it divides by or logs is withheld (no ½ added: that would be
/// a guess); its note says so.
///
/// # Errors
/// As [`crate::stats::one_proportion::proportion_interval`] for each (x, n) pair, and
/// [`crate::error::Code::LevelOutOfRange`].
///
/// # Examples
/// ```
/// use waterline::stats::{two_by_two::compare_proportions, LevelOptions};
/// let r = compare_proportions(15.0, 40.0, 8.0, 42.0, &LevelOptions::default()).unwrap();
/// assert!((r.wald_corrected.lower - -0.031222879747225152).abs() < 1e-12); // R prop.test's formula
/// ```
///
/// # References
/// Newcombe, R. G. (1998). EstimateInterval estimation for the difference between independent
/// proportions. *Stat. Med.* 17, 873–890 (methods 1 and 2). Matches R `prop.test` and
/// statsmodels `Table2x2(...).riskratio_confint()` / `oddsratio_confint()`.
pub fn compare_proportions(
    x1: f64,
    n1: f64,
    x2: f64,
    n2: f64,
    options: &LevelOptions,
) -> Result<ProportionComparison> {
    let (x1, n1) = counts(x1, n1).map_err(|e| e.with("group", 1usize))?;
    let (x2, n2) = counts(x2, n2).map_err(|e| e.with("group", 2usize))?;
    let level = options.level;
    let z = z_two_sided(level)?;
    let (x1, n1, x2, n2) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    let (p1, p2) = (x1 / n1, x2 / n2);
    let d = p1 - p2;
    let half = z * (p1 * (1.0 - p1) / n1 + p2 * (1.0 - p2) / n2).sqrt();
    let yates = (0.5 * (1.0 / n1 + 1.0 / n2)).min(d.abs());
    let clip = |h: f64| EstimateInterval {
        estimate: d,
        lower: (d - h).max(-1.0),
        upper: (d + h).min(1.0),
    };
    let log_interval = |estimate: f64, se: f64| EstimateInterval {
        estimate,
        lower: (estimate.ln() - z * se).exp(),
        upper: (estimate.ln() + z * se).exp(),
    };
    let mut warnings = Vec::new();
    let risk_ratio = if x1 > 0.0 && x2 > 0.0 {
        Some(log_interval(
            p1 / p2,
            (1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2).max(0.0).sqrt(),
        ))
    } else {
        warnings.push(Note::warning(NoteCode::RiskRatioZeroCell));
        None
    };
    let cells = [x1, n1 - x1, x2, n2 - x2];
    let odds_ratio = if cells.iter().all(|&c| c > 0.0) {
        Some(log_interval(
            x1 * cells[3] / (cells[1] * x2),
            cells.iter().map(|c| 1.0 / c).sum::<f64>().sqrt(),
        ))
    } else {
        warnings.push(Note::warning(NoteCode::OddsRatioZeroCell));
        None
    };
    Ok(ProportionComparison {
        p1,
        p2,
        wald: clip(half),
        wald_corrected: clip(half + yates),
        risk_ratio,
        odds_ratio,
        level,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_cells_withhold_the_ratios() {
        let r = compare_proportions(0.0, 10.0, 4.0, 10.0, &LevelOptions::default()).unwrap();
        assert!(r.risk_ratio.is_none() && r.odds_ratio.is_none());
        assert_eq!(r.warnings.len(), 2);
        let r = compare_proportions(10.0, 10.0, 4.0, 10.0, &LevelOptions::default()).unwrap();
        assert!(r.risk_ratio.is_some() && r.odds_ratio.is_none());
        assert_eq!(r.wald_corrected.upper, 1.0);
    }
}
