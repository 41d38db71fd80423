//! Krippendorff's alpha at the nominal, ordinal, interval and ratio levels, with missing values
//! (its bootstrap interval: [`super::krippendorff_alpha_interval`]).

use super::check_matrix;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::method::Method;
use serde::{Deserialize, Serialize};

/// The level of measurement for Krippendorff's alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AlphaMetric {
    /// Any two different values disagree equally: δ²(c, k) = 1 when c ≠ k.
    Nominal,
    /// Squared rank distance through the pairable values' frequencies.
    Ordinal,
    /// Squared difference of the values: δ²(c, k) = (c − k)².
    Interval,
    /// Squared relative difference: δ²(c, k) = ((c − k) / (c + k))²; values must be ≥ 0.
    Ratio,
}

impl AlphaMetric {
    /// The snake_case name, e.g. `"ordinal"`.
    pub fn as_str(self) -> &'static str {
        match self {
            AlphaMetric::Nominal => "nominal",
            AlphaMetric::Ordinal => "ordinal",
            AlphaMetric::Interval => "interval",
            AlphaMetric::Ratio => "ratio",
        }
    }
}

/// The most distinct values the ratio metric accepts: its expected disagreement sums over every
/// pair of distinct values (about 8 million pairs at this size).
pub const RATIO_MAX_DISTINCT: usize = 4096;

/// The most bootstrap resamples [`super::krippendorff_alpha_interval`] accepts.
pub const MAX_RESAMPLES: usize = 100_000;

/// Options of [`super::krippendorff_alpha_interval`].
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct KrippendorffOptions {
    /// Level of measurement. Default `"interval"`.
    #[cfg_attr(test, ts(as = "Option<AlphaMetric>", optional))]
    pub metric: AlphaMetric,
    /// Confidence level of the bootstrap interval, in (0, 1). Default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
    /// Bootstrap resamples, 0 (no interval) to 100,000. Default 1000.
    #[cfg_attr(test, ts(as = "Option<u32>", optional))]
    pub resamples: u32,
    /// Seed of the xoshiro256** generator, so the interval is reproducible. Default 1.
    #[cfg_attr(test, ts(as = "Option<u32>", optional))]
    pub seed: u32,
}

impl Default for KrippendorffOptions {
    fn default() -> Self {
        KrippendorffOptions {
            metric: AlphaMetric::Interval,
            level: 0.95,
            resamples: 1000,
            seed: 1,
        }
    }
}

/// A percentile bootstrap interval for alpha, with what it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AlphaBootstrap {
    /// `"units_percentile"`: pairable units resampled with replacement, percentile interval
    /// (quantile type 7, as R's default and numpy's `linear`).
    pub convention: &'static str,
    /// Confidence level, e.g. 0.95.
    pub level: f64,
    /// Resamples drawn.
    pub resamples: usize,
    /// Resamples whose alpha was undefined (every value equal) and were left out.
    pub undefined: usize,
    /// The seed the generator started from.
    pub seed: u32,
    /// Lower bound; `null` when fewer than two resamples had an alpha.
    pub lower: Option<f64>,
    /// Upper bound; `null` when fewer than two resamples had an alpha.
    pub upper: Option<f64>,
}

/// Krippendorff's alpha with the sizes it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KrippendorffAlpha {
    /// `"krippendorff"`.
    pub method: Method,
    /// `"nominal"`, `"ordinal"`, `"interval"` or `"ratio"`.
    pub metric: &'static str,
    /// α = 1 − D_o / D_e, at most 1; 0 is chance agreement, negative is systematic disagreement.
    pub alpha: f64,
    /// Observed disagreement D_o (per pairable value).
    pub observed_disagreement: f64,
    /// Disagreement expected by chance D_e.
    pub expected_disagreement: f64,
    /// Units (subjects) given.
    pub n_units: usize,
    /// Units with at least two ratings (pairable).
    pub n_units_pairable: usize,
    /// Pairable values n (ratings in pairable units).
    pub n_pairable: usize,
    /// Raters (columns).
    pub raters: usize,
    /// The bootstrap interval, when one was asked for ([`super::krippendorff_alpha_interval`]).
    pub bootstrap: Option<AlphaBootstrap>,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
}

/// The pairable values, unit after unit: unit k is `values[ends[k-1]..ends[k]]`.
pub(super) struct Units {
    pub(super) values: Vec<f64>,
    pub(super) ends: Vec<usize>,
}

impl Units {
    pub(super) fn of(ratings: &[Option<f64>], n_raters: usize) -> Units {
        let mut values: Vec<f64> = Vec::with_capacity(ratings.len());
        let mut ends: Vec<usize> = Vec::new();
        for row in ratings.chunks(n_raters.max(1)) {
            let start = values.len();
            // `+ 0.0` turns −0 into +0, so that the two zeros are one value.
            values.extend(row.iter().flatten().map(|x| x + 0.0));
            match values.len() - start {
                0 => {}
                1 => values.truncate(start),
                _ => ends.push(values.len()),
            }
        }
        Units { values, ends }
    }

    /// Unit `k`'s values.
    pub(super) fn unit(&self, k: usize) -> &[f64] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        self.values.get(start..self.ends[k]).unwrap_or_default()
    }

    /// Each unit's values in turn.
    fn each(&self) -> impl Iterator<Item = &[f64]> {
        (0..self.ends.len()).map(|k| self.unit(k))
    }
}

/// Distinct values with their counts, ascending.
pub(super) fn frequencies(values: &[f64]) -> Vec<(f64, usize)> {
    let mut sorted = values.to_vec();
    crate::sort::sort_floats(&mut sorted);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in sorted {
        match out.last_mut() {
            Some((v, n)) if *v == x => *n += 1,
            _ => out.push((x, 1)),
        }
    }
    out
}

fn ratio_delta(c: f64, k: f64) -> f64 {
    let s = c + k;
    if s == 0.0 {
        0.0
    } else {
        ((c - k) / s).powi(2)
    }
}

/// Observed and expected disagreement (D_o, D_e) of pairable units; `None` when every value is
/// the same (α undefined).
pub(super) fn disagreement(units: &Units, metric: AlphaMetric) -> Option<(f64, f64)> {
    let freq = frequencies(&units.values);
    if freq.len() < 2 {
        return None;
    }
    let nf = units.values.len() as f64;
    let (observed, expected) = match metric {
        AlphaMetric::Nominal => {
            let squares = |v: &[f64]| -> f64 {
                let f = frequencies(v);
                f.iter().map(|&(_, c)| (c * c) as f64).sum()
            };
            let o: f64 = units
                .each()
                .map(|u| {
                    let m = u.len() as f64;
                    (m * m - squares(u)) / (m - 1.0)
                })
                .sum();
            (o, nf * nf - squares(&units.values))
        }
        AlphaMetric::Ratio => {
            let o: f64 = units
                .each()
                .map(|u| {
                    let pairs: f64 = u
                        .iter()
                        .map(|&c| u.iter().map(|&k| ratio_delta(c, k)).sum::<f64>())
                        .sum();
                    pairs / (u.len() as f64 - 1.0)
                })
                .sum();
            let mut e = 0.0;
            for (i, &(c, nc)) in freq.iter().enumerate() {
                for &(k, nk) in freq.iter().skip(i + 1) {
                    e += 2.0 * (nc * nk) as f64 * ratio_delta(c, k);
                }
            }
            (o, e)
        }
        AlphaMetric::Interval | AlphaMetric::Ordinal => {
            // The ordinal metric is the interval metric on midranks: with P_c the cumulative
            // pairable frequency up to value c, δ²_ck = (M_k − M_c)² where M_c = P_c − n_c / 2.
            let mut scores = units.values.clone();
            if metric == AlphaMetric::Ordinal {
                let mut below = 0usize;
                let midranks: Vec<(f64, f64)> = freq
                    .iter()
                    .map(|&(v, c)| {
                        let m = below as f64 + c as f64 / 2.0;
                        below += c;
                        (v, m)
                    })
                    .collect();
                for x in &mut scores {
                    let k = midranks.partition_point(|(v, _)| v.total_cmp(x).is_lt());
                    if let Some(&(_, m)) = midranks.get(k) {
                        *x = m;
                    }
                }
            }
            // Σ over ordered pairs i ≠ j of (x_i − x_j)² = 2 m Σ (x − x̄)², within a unit and
            // overall: O(n log n) without the values × values coincidence matrix.
            let sum_sq = |u: &[f64]| {
                let mean = u.iter().sum::<f64>() / u.len() as f64;
                u.iter().map(|x| (x - mean).powi(2)).sum::<f64>()
            };
            let mut o = 0.0;
            let mut start = 0;
            for &end in &units.ends {
                let u = scores.get(start..end).unwrap_or_default();
                let m = u.len() as f64;
                o += 2.0 * m * sum_sq(u) / (m - 1.0);
                start = end;
            }
            (o, 2.0 * nf * sum_sq(&scores))
        }
    };
    let d_e = expected / (nf * (nf - 1.0));
    (d_e.is_finite() && d_e > 0.0).then_some((observed / nf, d_e))
}

/// Krippendorff's alpha at the nominal, ordinal, interval or ratio level, with missing ratings
/// allowed.
///
/// `ratings` is row-major units × raters (`ratings[u * n_raters + r]`), `None` for missing.
/// Units rated fewer than twice are not pairable and are ignored. For the ordinal metric the
/// value domain is the set of distinct values that occur among pairable ratings (values that do
/// not occur carry no weight in the metric, so this equals using the full scale).
///
/// # Formula
/// ```text
/// o_ck = Σ_u (number of c–k pairs in unit u) / (m_u − 1),  n_c = Σ_k o_ck,  n = Σ_c n_c
/// D_o = Σ_{c,k} o_ck δ²_ck / n,   D_e = Σ_{c,k} n_c n_k δ²_ck / (n (n − 1)),  α = 1 − D_o / D_e
/// nominal  δ²_ck = [c ≠ k]          interval δ²_ck = (c − k)²
/// ordinal  δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)² = (M_k − M_c)², M_c = Σ_{g≤c} n_g − n_c/2
/// ratio    δ²_ck = ((c − k) / (c + k))²
/// interval and ordinal are computed as Σ_u 2 m_u SS_u / (m_u − 1) / n and 2 SS / (n − 1) on the
/// values or their midranks M, so no values × values matrix is built
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`] for a wrong matrix size, [`Code::NotFinite`] for NaN or infinity,
/// [`Code::SampleTooSmall`] when no unit has two ratings, [`Code::NoVariation`] when every
/// pairable rating is the same value (α is undefined: perfect agreement with no variation),
/// [`Code::ValueOutOfRange`] for a negative value at the ratio level, [`Code::TooLarge`] for
/// more than [`RATIO_MAX_DISTINCT`] distinct values at the ratio level.
///
/// # Examples
/// Krippendorff's (2011) example with missing data, interval metric.
/// ```
/// let m = [
///     [None, Some(1.), None, None], [None, None, None, None], [None, Some(2.), Some(2.), None],
///     [None, Some(1.), Some(1.), None], [None, Some(3.), Some(3.), None],
///     [Some(3.), Some(3.), Some(4.), None], [Some(4.), Some(4.), Some(4.), None],
///     [Some(1.), Some(3.), None, None], [Some(2.), None, Some(2.), None],
///     [Some(1.), None, Some(1.), None], [Some(1.), None, Some(1.), None],
///     [Some(3.), None, Some(3.), None], [Some(3.), None, Some(3.), None],
///     [None, None, None, None], [Some(3.), None, Some(4.), None],
/// ];
/// let flat: Vec<Option<f64>> = m.iter().flatten().copied().collect();
/// let a = waterline::stats::krippendorff_alpha(&flat, 15, 4,
///     waterline::stats::AlphaMetric::Interval).unwrap();
/// assert!((a.alpha - 0.810845).abs() < 1e-6);
/// ```
///
/// # References
/// Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
/// Communication. Matches Python `krippendorff.alpha(reliability_data=raters × units,
/// level_of_measurement=…)` (package krippendorff 0.9) and the independent coincidence-matrix
/// implementation in `tests/data/stats_agreement.py`.
pub fn krippendorff_alpha(
    ratings: &[Option<f64>],
    n_units: usize,
    n_raters: usize,
    metric: AlphaMetric,
) -> Result<KrippendorffAlpha> {
    check_matrix(ratings, n_units, n_raters)?;
    let units = Units::of(ratings, n_raters);
    if units.ends.is_empty() {
        return Err(Error::new(
            Code::SampleTooSmall,
            "Krippendorff's alpha needs at least one unit rated by two or more raters",
        )
        .with("units", n_units));
    }
    if metric == AlphaMetric::Ratio {
        check_ratio(ratings, &units.values, n_raters)?;
    }
    let n = units.values.len();
    let Some((d_o, d_e)) = disagreement(&units, metric) else {
        return Err(Error::new(
            Code::NoVariation,
            "every pairable rating is the same value: Krippendorff's alpha is undefined",
        )
        .with("nPairable", n));
    };
    let mut warnings = Vec::new();
    let dropped = n_units - units.ends.len();
    if dropped > 0 {
        warnings.push(
            Note::warning(NoteCode::KrippendorffUnitsUnpairable)
                .with("dropped", dropped)
                .with("units", n_units),
        );
    }
    Ok(KrippendorffAlpha {
        method: Method::Krippendorff,
        metric: metric.as_str(),
        alpha: 1.0 - d_o / d_e,
        observed_disagreement: d_o,
        expected_disagreement: d_e,
        n_units,
        n_units_pairable: units.ends.len(),
        n_pairable: n,
        raters: n_raters,
        bootstrap: None,
        warnings,
    })
}

/// The ratio level needs values ≥ 0 and a bounded number of distinct values.
fn check_ratio(ratings: &[Option<f64>], values: &[f64], n_raters: usize) -> Result<()> {
    if let Some(i) = ratings.iter().position(|v| v.is_some_and(|x| x < 0.0)) {
        let k = n_raters.max(1);
        return Err(Error::new(
            Code::ValueOutOfRange,
            format!(
                "the ratio level needs values of 0 or more; unit {} rater {} is negative",
                i / k + 1,
                i % k + 1
            ),
        )
        .with("unit", i / k + 1)
        .with("rater", i % k + 1));
    }
    let distinct = frequencies(values).len();
    if distinct > RATIO_MAX_DISTINCT {
        return Err(Error::new(
            Code::TooLarge,
            format!("the ratio level handles at most {RATIO_MAX_DISTINCT} distinct values"),
        )
        .with("limit", RATIO_MAX_DISTINCT)
        .with("actual", distinct));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::alpha_bootstrap::krippendorff_alpha_interval;
    use super::*;

    fn some(x: &[f64]) -> Vec<Option<f64>> {
        x.iter().map(|&v| Some(v)).collect()
    }

    #[test]
    fn negative_zero_is_zero() {
        let plus = some(&[0., 0., 0., 1., 1., 1.]);
        let mixed = some(&[-0., 0., 0., 1., 1., 1.]);
        for metric in [AlphaMetric::Interval, AlphaMetric::Ordinal] {
            let a = krippendorff_alpha(&plus, 3, 2, metric).unwrap().alpha;
            let b = krippendorff_alpha(&mixed, 3, 2, metric).unwrap().alpha;
            assert_eq!(a, b, "{metric:?}");
            assert!((a - 4.0 / 9.0).abs() < 1e-12, "{metric:?}: {a}");
        }
    }

    #[test]
    fn alpha_rejects_constant_and_unpairable_data() {
        let one_each = [Some(1.0), None, None, Some(2.0)];
        assert_eq!(
            krippendorff_alpha(&one_each, 2, 2, AlphaMetric::Interval)
                .unwrap_err()
                .code,
            Code::SampleTooSmall
        );
        assert_eq!(
            krippendorff_alpha(&some(&[3.; 4]), 2, 2, AlphaMetric::Ordinal)
                .unwrap_err()
                .code,
            Code::NoVariation
        );
    }

    #[test]
    fn four_levels_and_bootstrap_edges() {
        // one unit, two raters who disagree: alpha defined at every level
        let one = some(&[1., 2.]);
        for m in [
            AlphaMetric::Nominal,
            AlphaMetric::Ordinal,
            AlphaMetric::Interval,
            AlphaMetric::Ratio,
        ] {
            assert!(krippendorff_alpha(&one, 1, 2, m).is_ok(), "{m:?}");
        }
        let o = KrippendorffOptions::default();
        // one unit: every resample is that unit, alpha is the same each time
        let a = krippendorff_alpha_interval(&one, 1, 2, &o).unwrap();
        let b = a.bootstrap.unwrap();
        assert_eq!((b.lower, b.upper), (Some(a.alpha), Some(a.alpha)));
        // ratio needs values of 0 or more
        let neg = some(&[-1., 2., 3., 3.]);
        let e = krippendorff_alpha(&neg, 2, 2, AlphaMetric::Ratio).unwrap_err();
        assert_eq!(e.code, Code::ValueOutOfRange);
        // resamples where every rating is equal are counted, not averaged in
        let m = some(&[1., 1., 1., 1., 1., 2.]);
        let a = krippendorff_alpha_interval(&m, 3, 2, &o).unwrap();
        assert!(a.bootstrap.unwrap().undefined > 0);
        let many = KrippendorffOptions {
            resamples: 200_000,
            ..o
        };
        let e = krippendorff_alpha_interval(&m, 3, 2, &many).unwrap_err();
        assert_eq!(e.code, Code::TooLarge);
    }
}
