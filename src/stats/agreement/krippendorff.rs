//! Krippendorff's alpha for interval and ordinal ratings with missing values.

use super::check_matrix;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::method::Method;
use serde::Serialize;

/// The level of measurement for Krippendorff's alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AlphaMetric {
    /// Squared difference of the values: δ²(c, k) = (c − k)².
    Interval,
    /// Squared rank distance through the pairable values' frequencies.
    Ordinal,
}

impl AlphaMetric {
    fn as_str(self) -> &'static str {
        match self {
            AlphaMetric::Interval => "interval",
            AlphaMetric::Ordinal => "ordinal",
        }
    }
}

/// Krippendorff's alpha with the sizes it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KrippendorffAlpha {
    /// `"krippendorff"`.
    pub method: Method,
    /// `"interval"` or `"ordinal"`.
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
    /// Notes for the reader.
    pub warnings: Vec<Note>,
}

/// Krippendorff's alpha for interval or ordinal ratings, with missing ratings allowed.
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
/// interval δ²_ck = (c − k)²
/// ordinal  δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)² = (M_k − M_c)², M_c = Σ_{g≤c} n_g − n_c/2
/// computed as Σ_u 2 m_u SS_u / (m_u − 1) / n and 2 SS / (n − 1) on the values (interval) or their
/// midranks M (ordinal), so no values × values matrix is built
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`] for a wrong matrix size, [`Code::NotFinite`] for NaN or infinity,
/// [`Code::SampleTooSmall`] when no unit has two ratings, [`Code::NoVariation`] when every
/// pairable rating is the same value (α is undefined).
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
/// level_of_measurement="interval" | "ordinal")` (package krippendorff 0.9).
pub fn krippendorff_alpha(
    ratings: &[Option<f64>],
    n_units: usize,
    n_raters: usize,
    metric: AlphaMetric,
) -> Result<KrippendorffAlpha> {
    check_matrix(ratings, n_units, n_raters)?;
    // The pairable values, unit after unit: unit k is values[ends[k-1]..ends[k]].
    let mut values: Vec<f64> = Vec::with_capacity(ratings.len());
    let mut ends: Vec<usize> = Vec::new();
    for row in ratings.chunks(n_raters.max(1)) {
        let start = values.len();
        // `+ 0.0` turns −0 into +0, so that the two zeros are one value for the ordinal runs.
        values.extend(row.iter().flatten().map(|x| x + 0.0));
        match values.len() - start {
            0 => {}
            1 => values.truncate(start),
            _ => ends.push(values.len()),
        }
    }
    let n = values.len();
    if ends.is_empty() {
        return Err(Error::new(
            Code::SampleTooSmall,
            "Krippendorff's alpha needs at least one unit rated by two or more raters",
        )
        .with("units", n_units));
    }
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if low == high {
        return Err(Error::new(
            Code::NoVariation,
            "every pairable rating is the same value: Krippendorff's alpha is undefined",
        )
        .with("nPairable", n));
    }
    // The ordinal metric is the interval metric on midranks: with P_c the cumulative pairable
    // frequency up to value c, δ²_ck = (M_k − M_c)² where M_c = P_c − n_c / 2.
    if metric == AlphaMetric::Ordinal {
        // Each distinct value with its midrank, from the runs of the sorted values.
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let mut midranks: Vec<(f64, f64)> = Vec::new();
        let mut i = 0;
        while let Some(&x) = sorted.get(i) {
            let run = sorted
                .get(i..)
                .map_or(1, |r| r.iter().take_while(|&&y| y == x).count());
            midranks.push((x, i as f64 + run as f64 / 2.0));
            i += run.max(1);
        }
        for x in &mut values {
            let k = midranks.partition_point(|(v, _)| v.total_cmp(x).is_lt());
            if let Some(&(_, m)) = midranks.get(k) {
                *x = m;
            }
        }
    }
    // Σ over ordered pairs i ≠ j of (x_i − x_j)² = 2 m Σ (x − x̄)², within a unit and overall:
    // O(n log n) without the values × values coincidence matrix.
    let nf = n as f64;
    let mut observed = 0.0;
    let mut start = 0;
    for &end in &ends {
        let u = values.get(start..end).unwrap_or_default();
        let m = u.len() as f64;
        let mean = u.iter().sum::<f64>() / m;
        observed += 2.0 * m * u.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (m - 1.0);
        start = end;
    }
    let grand = values.iter().sum::<f64>() / nf;
    let total: f64 = values.iter().map(|x| (x - grand).powi(2)).sum();
    let d_o = observed / nf;
    let d_e = 2.0 * nf * total / (nf * (nf - 1.0));
    if d_e.is_nan() || d_e <= 0.0 {
        return Err(Error::new(
            Code::NoVariation,
            "no disagreement is expected by chance: Krippendorff's alpha is undefined",
        ));
    }
    let mut warnings = Vec::new();
    let dropped = n_units - ends.len();
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
        n_units_pairable: ends.len(),
        n_pairable: n,
        raters: n_raters,
        warnings,
    })
}

#[cfg(test)]
mod tests {
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
}
