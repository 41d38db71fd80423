//! Pearson and Spearman correlation with their tests and intervals (R `cor.test`).

use crate::error::{level as check_level, Code, Error, Result};
use crate::stats::dist::z_two_sided;
use crate::stats::method::Method;
use crate::stats::rank::average_ranks;
use crate::stats::spearman_p;
use crate::stats::student_t;
use serde::{Deserialize, Serialize};

/// Options of [`pearson`] and [`spearman`].
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct CorrelationOptions {
    /// Confidence level of the interval, in (0, 1). Default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
    /// Spearman only (Pearson ignores it): `true` or absent — R's default, the exact p-value
    /// (n ≤ 9) or AS 89's Edgeworth series (10 ≤ n ≤ 1290) when there are no ties, else the t
    /// approximation; `false` — always the t approximation (R `exact = FALSE`, scipy).
    #[cfg_attr(test, ts(optional))]
    pub exact: Option<bool>,
}

impl Default for CorrelationOptions {
    fn default() -> Self {
        CorrelationOptions {
            level: 0.95,
            exact: None,
        }
    }
}

/// A correlation coefficient with its t test and an interval on the Fisher z scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Correlation {
    /// `"pearson"` or `"spearman"`.
    pub method: Method,
    /// `"fisher_z"` (SE 1/√(n − 3)) for Pearson, `"bonett_wright"` (SE √((1 + r²/2)/(n − 3)))
    /// for Spearman.
    pub interval: &'static str,
    /// Pairs given.
    pub n: usize,
    /// Pairs used (both values present).
    pub n_used: usize,
    /// The coefficient, in [−1, 1].
    pub r: f64,
    /// t = r √((n − 2) / (1 − r²)); `null` when |r| = 1.
    pub t: Option<f64>,
    /// Degrees of freedom, n − 2.
    pub df: f64,
    /// Two-sided p-value: of t on n − 2 df (0 when |r| = 1) when `pMethod` is `"t"`, else
    /// Spearman's S = Σ (rank x − rank y)² against its permutation distribution.
    pub p_value: f64,
    /// How `pValue` was computed: `"t"` (t approximation), `"exact"` (all n! permutations,
    /// Spearman without ties, n ≤ 9) or `"edgeworth"` (AS 89, Spearman without ties,
    /// 10 ≤ n ≤ 1290).
    #[cfg_attr(test, ts(type = "\"t\" | \"exact\" | \"edgeworth\""))]
    pub p_method: &'static str,
    /// Confidence level.
    pub level: f64,
    /// Lower bound; `null` with fewer than 4 pairs.
    pub lower: Option<f64>,
    /// Upper bound; `null` with fewer than 4 pairs.
    pub upper: Option<f64>,
}

/// The complete pairs of `x` and `y` (NaN = missing), checked.
fn pairs(x: &[f64], y: &[f64]) -> Result<(Vec<f64>, Vec<f64>)> {
    if x.len() != y.len() {
        return Err(
            Error::new(Code::LengthMismatch, "x and y need the same length")
                .with("expected", x.len())
                .with("actual", y.len()),
        );
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (i, (&u, &v)) in x.iter().zip(y).enumerate() {
        if u.is_infinite() || v.is_infinite() {
            return Err(
                Error::new(Code::NotFinite, format!("pair {i} is not finite")).with("index", i),
            );
        }
        crate::stats::limits::magnitude("x", i, u)?;
        crate::stats::limits::magnitude("y", i, v)?;
        if !u.is_nan() && !v.is_nan() {
            a.push(u);
            b.push(v);
        }
    }
    if a.len() < 3 {
        return Err(Error::new(
            Code::SampleTooSmall,
            "a correlation test needs at least three complete pairs",
        )
        .with("nUsed", a.len()));
    }
    Ok((a, b))
}

/// Pearson's r of two equal-length samples, centred (two passes).
fn pearson_r(x: &[f64], y: &[f64]) -> Result<f64> {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (u, v) in x.iter().zip(y) {
        let (du, dv) = (u - mx, v - my);
        sxy += du * dv;
        sxx += du * du;
        syy += dv * dv;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return Err(Error::new(
            Code::NoVariation,
            "one of the variables does not vary: the correlation is undefined",
        ));
    }
    Ok((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

fn test(
    method: Method,
    n: usize,
    r: f64,
    level: f64,
    se_z: impl Fn(f64, f64) -> f64,
) -> Result<Correlation> {
    let nf = n as f64;
    let df = nf - 2.0;
    let t = (r.abs() < 1.0).then(|| r * (df / (1.0 - r * r)).sqrt());
    let p_value = match t {
        Some(t) => student_t::two_sided_p(t, df)?,
        None => 0.0,
    };
    let z = z_two_sided(level)?;
    let bounds = (n > 3).then(|| {
        let centre = r.atanh();
        let half = z * se_z(r, nf);
        ((centre - half).tanh(), (centre + half).tanh())
    });
    let interval = if method == Method::Pearson {
        "fisher_z"
    } else {
        "bonett_wright"
    };
    Ok(Correlation {
        method,
        interval,
        n: 0,
        n_used: n,
        r,
        t,
        df,
        p_value,
        p_method: "t",
        level,
        lower: bounds.map(|b| b.0),
        upper: bounds.map(|b| b.1),
    })
}

/// Pearson's product-moment correlation with its t test and Fisher-z interval.
///
/// # Formula
/// ```text
/// r = Σ (x − x̄)(y − ȳ) / √(Σ (x − x̄)² Σ (y − ȳ)²),  t = r √((n − 2)/(1 − r²)) on n − 2 df
/// interval tanh(atanh r ± z_{(1+level)/2} / √(n − 3))   (n ≥ 4)
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`], [`Code::NotFinite`] (infinity; NaN is missing),
/// [`Code::SampleTooSmall`] under three complete pairs, [`Code::NoVariation`] when x or y is
/// constant, [`Code::LevelOutOfRange`].
///
/// # Examples
/// ```
/// let c = waterline::stats::pearson(&[1., 2., 3., 4.], &[2., 4., 5., 4.], &Default::default())
///     .unwrap();
/// assert!((c.r - 0.7181848464596079).abs() < 1e-12);
/// ```
///
/// # References
/// Matches R `cor.test(x, y)` (estimate, statistic, p.value, conf.int).
pub fn pearson(x: &[f64], y: &[f64], options: &CorrelationOptions) -> Result<Correlation> {
    let level = check_level(options.level)?;
    let (a, b) = pairs(x, y)?;
    let r = pearson_r(&a, &b)?;
    let mut c = test(Method::Pearson, a.len(), r, level, |_, n| {
        1.0 / (n - 3.0).sqrt()
    })?;
    c.n = x.len();
    Ok(c)
}

/// Spearman's rank correlation: Pearson's r on average ranks, with R's p-value and the
/// Bonett–Wright interval.
///
/// # Convention
/// Without ties and n ≤ 1290 (and `exact` not `false`), the two-sided p-value is R's default
/// `cor.test(method = "spearman")`: S = Σ (rank x − rank y)² against its permutation
/// distribution, counted exactly for n ≤ 9 and by AS 89's Edgeworth series above (Best &
/// Roberts 1975). With ties, n > 1290 or `exact: false` it is the t approximation
/// `pt(r √((n−2)/(1−r²)), n − 2)` (R `exact = FALSE`, scipy's `spearmanr` always). `pMethod`
/// says which. R gives no interval; ours is Fisher z with Bonett & Wright's (2000) SE
/// √((1 + r²/2)/(n − 3)).
///
/// # Errors
/// As [`pearson`]; [`Code::NoVariation`] when x or y is all ties.
///
/// # References
/// Bonett, D. G. & Wright, T. A. (2000). Sample size requirements for estimating Pearson,
/// Kendall and Spearman correlations. *Psychometrika* 65, 23–28. Matches R
/// `cor.test(x, y, method = "spearman", exact = FALSE)` and scipy `spearmanr`.
pub fn spearman(x: &[f64], y: &[f64], options: &CorrelationOptions) -> Result<Correlation> {
    let level = check_level(options.level)?;
    let (a, b) = pairs(x, y)?;
    let (ra, rb) = (average_ranks(&a).ranks, average_ranks(&b).ranks);
    let r = pearson_r(&ra, &rb)?;
    let mut c = test(Method::Spearman, a.len(), r, level, |r, n| {
        ((1.0 + r * r / 2.0) / (n - 3.0)).sqrt()
    })?;
    c.n = x.len();
    // average ranks are all whole numbers exactly when there are no ties
    let untied = |v: &[f64]| {
        let mut s = v.to_vec();
        crate::sort::sort_floats(&mut s);
        s.windows(2).all(|w| w[0] != w[1])
    };
    let n = a.len();
    if options.exact != Some(false) && n <= spearman_p::AS89_MAX && untied(&a) && untied(&b) {
        // integer ranks: S is exact in f64 (≤ (n³ − n)/3 < 2^53)
        let s: f64 = ra.iter().zip(&rb).map(|(u, v)| (u - v) * (u - v)).sum();
        (c.p_value, c.p_method) = spearman_p::two_sided(n, s);
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases_are_coded() {
        let o = CorrelationOptions::default();
        let code = |r: Result<Correlation>| r.unwrap_err().code;
        assert_eq!(
            code(pearson(&[1., 2.], &[1., 2.], &o)),
            Code::SampleTooSmall
        );
        assert_eq!(
            code(pearson(&[1., 1., 1.], &[1., 2., 3.], &o)),
            Code::NoVariation
        );
        assert_eq!(
            code(spearman(&[2., 2., 2.], &[1., 2., 3.], &o)),
            Code::NoVariation
        );
        assert_eq!(code(pearson(&[1., 2.], &[1.], &o)), Code::LengthMismatch);
        assert_eq!(
            code(pearson(&[1., f64::INFINITY, 3.], &[1., 2., 3.], &o)),
            Code::NotFinite
        );
        // a perfect line: r = 1 (to rounding), p ≈ 0; three pairs: no interval
        let c = pearson(&[1., 2., 3.], &[2., 4., 6.], &o).unwrap();
        assert!((c.r - 1.0).abs() < 1e-15 && c.p_value < 1e-6);
        assert!(c.lower.is_none());
        // NaN marks a missing pair
        let c = pearson(&[1., 2., f64::NAN, 3., 4.], &[1., 3., 5., 2., 4.], &o).unwrap();
        assert_eq!((c.n, c.n_used), (5, 4));
    }
}
