//! The Kruskal–Wallis rank-sum test of k independent groups (R `kruskal.test`).

use crate::error::{Code, Error, Result};
use crate::stats::dist::chi_square_sf;
use crate::stats::method::Method;
use crate::stats::rank::{average_ranks, tie_sum};
use serde::Serialize;

/// The Kruskal–Wallis test with the group sizes and mean ranks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KruskalWallis {
    /// `"kruskal_wallis"`.
    pub method: Method,
    /// Values given.
    pub n: usize,
    /// Values used (value and group present).
    pub n_used: usize,
    /// The group codes, ascending.
    pub groups: Vec<f64>,
    /// Size of each group.
    pub sizes: Vec<usize>,
    /// Mean rank of each group.
    pub mean_ranks: Vec<f64>,
    /// H corrected for ties (the chi-squared statistic).
    pub statistic: f64,
    /// Degrees of freedom, groups − 1.
    pub df: f64,
    /// Upper-tail chi-square p-value.
    pub p_value: f64,
}

/// Kruskal–Wallis test of `values` split by `groups` (numeric codes; NaN in either = missing),
/// with the correction for ties.
///
/// # Formula
/// ```text
/// R_g rank sum of group g (average ranks), N values, C = 1 − Σ (t³ − t) / (N³ − N)
/// H = (12 / (N (N + 1)) Σ R_g² / n_g − 3 (N + 1)) / C,  p = P(χ²_{k−1} > H)
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`], [`Code::NotFinite`] for infinity, [`Code::SampleTooSmall`] with
/// fewer than two groups, [`Code::NoVariation`] when every value is tied (H undefined, as R).
///
/// # Examples
/// ```
/// let k = waterline::stats::kruskal_wallis(&[1., 2., 3., 4., 5., 6.], &[0., 0., 1., 1., 2., 2.])
///     .unwrap();
/// assert!((k.statistic - 32.0 / 7.0).abs() < 1e-12);
/// ```
///
/// # References
/// Kruskal, W. H. & Wallis, W. A. (1952). *JASA* 47, 583–621. Matches R `kruskal.test(x, g)` and
/// scipy `kruskal`.
pub fn kruskal_wallis(values: &[f64], groups: &[f64]) -> Result<KruskalWallis> {
    if values.len() != groups.len() {
        return Err(Error::new(
            Code::LengthMismatch,
            "values and groups need the same length",
        )
        .with("expected", values.len())
        .with("actual", groups.len()));
    }
    let mut used = Vec::new();
    for (i, (&v, &g)) in values.iter().zip(groups).enumerate() {
        if v.is_infinite() || g.is_infinite() {
            return Err(
                Error::new(Code::NotFinite, format!("value {i} is not finite")).with("index", i),
            );
        }
        if !v.is_nan() && !g.is_nan() {
            used.push((v, g + 0.0));
        }
    }
    let mut codes: Vec<f64> = used.iter().map(|p| p.1).collect();
    crate::sort::sort_floats(&mut codes);
    codes.dedup();
    if codes.len() < 2 {
        return Err(Error::new(
            Code::SampleTooSmall,
            "the Kruskal–Wallis test needs at least two groups with values",
        )
        .with("groups", codes.len()));
    }
    let x: Vec<f64> = used.iter().map(|p| p.0).collect();
    let ranked = average_ranks(&x);
    let k = codes.len();
    let (mut sums, mut sizes) = (vec![0.0; k], vec![0usize; k]);
    for ((_, g), r) in used.iter().zip(&ranked.ranks) {
        let j = codes.partition_point(|c| c.total_cmp(g).is_lt());
        if let (Some(s), Some(n)) = (sums.get_mut(j), sizes.get_mut(j)) {
            *s += r;
            *n += 1;
        }
    }
    let nf = x.len() as f64;
    let correction = 1.0 - tie_sum(&ranked.tie_sizes) / (nf * nf * nf - nf);
    if correction <= 0.0 {
        return Err(Error::new(
            Code::NoVariation,
            "every value is tied: the Kruskal–Wallis statistic is undefined",
        ));
    }
    let spread: f64 = sums
        .iter()
        .zip(&sizes)
        .map(|(s, &n)| s * s / n as f64)
        .sum();
    let h = ((12.0 / (nf * (nf + 1.0)) * spread - 3.0 * (nf + 1.0)) / correction).max(0.0);
    let df = (k - 1) as f64;
    Ok(KruskalWallis {
        method: Method::KruskalWallis,
        n: values.len(),
        n_used: x.len(),
        mean_ranks: sums
            .iter()
            .zip(&sizes)
            .map(|(s, &n)| s / n as f64)
            .collect(),
        groups: codes,
        sizes,
        statistic: h,
        df,
        p_value: chi_square_sf(h, df)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases_are_coded() {
        let k = kruskal_wallis(&[3., 3., 3., 3.], &[1., 1., 2., 2.]);
        assert_eq!(k.unwrap_err().code, Code::NoVariation);
        let k = kruskal_wallis(&[1., 2., 3.], &[1., 1., 1.]);
        assert_eq!(k.unwrap_err().code, Code::SampleTooSmall);
        let k = kruskal_wallis(&[1., 2.], &[1.]);
        assert_eq!(k.unwrap_err().code, Code::LengthMismatch);
        // one value per group is allowed (R gives H = n − 1 without ties)
        let k = kruskal_wallis(&[1., 2., 3.], &[1., 2., 3.]).unwrap();
        assert!((k.statistic - 2.0).abs() < 1e-12);
    }
}
