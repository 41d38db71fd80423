//! Cohen's kappa (two raters; unweighted, linear and quadratic weights) and Fleiss' kappa
//! (m raters) on categorical codes.

use crate::error::{level as check_level, Code, Error, Result};
use crate::stats::dist::{normal_two_sided, z_two_sided};
use crate::stats::method::Method;
use serde::{Deserialize, Serialize};

/// The most categories the kappas accept (the agreement table is categories²).
pub const MAX_CATEGORIES: usize = 1000;

/// Options of [`cohens_kappa`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct KappaOptions {
    /// The categories in scale order; the weights use their positions. Default: every code that
    /// occurs, ascending.
    #[cfg_attr(test, ts(optional = nullable))]
    pub categories: Option<Vec<f64>>,
    /// Confidence level of the Wald intervals, in (0, 1). Default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
}

impl Default for KappaOptions {
    fn default() -> Self {
        KappaOptions {
            categories: None,
            level: 0.95,
        }
    }
}

/// One weighted or unweighted kappa with its asymptotic standard error and Wald interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KappaEstimate {
    /// `"unweighted"`, `"linear"` (vcd "Equal-Spacing") or `"quadratic"` ("Fleiss-Cicchetti").
    pub weights: &'static str,
    /// Kappa, (p_o − p_e) / (1 − p_e) with weighted agreement proportions.
    pub kappa: f64,
    /// Large-sample standard error (Fleiss, Cohen & Everitt 1969), not under the null.
    pub ase: f64,
    /// kappa − z·ase.
    pub lower: f64,
    /// kappa + z·ase.
    pub upper: f64,
}

/// Cohen's kappa of two raters over the listed categories.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CohensKappa {
    /// `"cohen_kappa"`.
    pub method: Method,
    /// Pairs given.
    pub n: usize,
    /// Pairs used (both codes present).
    pub n_used: usize,
    /// The categories, in the order the weights use.
    pub categories: Vec<f64>,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Unweighted, linear and quadratic, in that order.
    pub estimates: Vec<KappaEstimate>,
}

/// Fleiss' kappa of m raters with its z test.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FleissKappa {
    /// `"fleiss_kappa"`.
    pub method: Method,
    /// Subjects given.
    pub n: usize,
    /// Subjects used (rated by every rater).
    pub n_used: usize,
    /// Raters (columns).
    pub raters: usize,
    /// The categories that occur, ascending.
    pub categories: Vec<f64>,
    /// Kappa.
    pub kappa: f64,
    /// Standard error under the null of no agreement beyond chance (Fleiss, Nee & Landis 1979).
    pub se: f64,
    /// z = kappa / se.
    pub z: f64,
    /// Two-sided p-value of z.
    pub p_value: f64,
}

fn sorted_distinct(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.map(|x| x + 0.0).collect();
    crate::sort::sort_floats(&mut v);
    v.dedup();
    v
}

fn check_finite(name: &str, values: &[f64]) -> Result<()> {
    match values.iter().position(|x| x.is_infinite()) {
        Some(i) => Err(Error::new(
            Code::NotFinite,
            format!("{name}[{i}] is not a finite number"),
        )
        .with("field", name)
        .with("index", i)),
        None => Ok(()),
    }
}

fn too_many(categories: usize) -> Result<()> {
    if categories > MAX_CATEGORIES {
        return Err(Error::new(
            Code::TooLarge,
            format!("at most {MAX_CATEGORIES} categories"),
        )
        .with("limit", MAX_CATEGORIES)
        .with("actual", categories));
    }
    Ok(())
}

/// Cohen's kappa for two raters' codes `a` and `b` (NaN = missing; the pair is left out),
/// unweighted and with linear and quadratic weights over the categories.
///
/// # Formula
/// ```text
/// p_ij = share of pairs coded (i, j); r_i, c_j its margins; w_ij the agreement weight:
/// unweighted [i = j], linear 1 − |i − j|/(K − 1), quadratic 1 − (|i − j|/(K − 1))²
/// p_o = Σ w p,  p_e = Σ w r_i c_j,  κ = (p_o − p_e) / (1 − p_e)
/// ase² = [Σ p_ij (w_ij − (w̄_i + w̄_j)(1 − κ))² − (κ − p_e (1 − κ))²] / ((1 − p_e)² n)
///   with w̄_i = Σ_j w_ij c_j, w̄_j = Σ_i w_ij r_i;  interval κ ± z_{(1+level)/2} ase
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`] when `a` and `b` differ in length, [`Code::NotFinite`] for an
/// infinite code, [`Code::UnknownLabel`] for a code not in `categories` (with `index`),
/// [`Code::SampleTooSmall`] with no complete pair or fewer than two categories,
/// [`Code::NoVariation`] when chance agreement is 1 (both raters use one category),
/// [`Code::LevelOutOfRange`], [`Code::TooLarge`] over [`MAX_CATEGORIES`].
///
/// # Examples
/// ```
/// let a = [1., 1., 2., 2., 3., 3.];
/// let b = [1., 2., 2., 2., 3., 1.];
/// let k = waterline::stats::cohens_kappa(&a, &b, &Default::default()).unwrap();
/// assert!((k.estimates[0].kappa - 0.5).abs() < 1e-12);
/// ```
///
/// # References
/// Cohen, J. (1960, 1968); Fleiss, J. L., Cohen, J. & Everitt, B. S. (1969). Large sample
/// standard errors of kappa and weighted kappa. *Psychological Bulletin* 72, 323–327. Matches R
/// `vcd::Kappa(table)` (its Wald `confint`), transcribed in `tests/data/stats_agreement.py`.
pub fn cohens_kappa(a: &[f64], b: &[f64], options: &KappaOptions) -> Result<CohensKappa> {
    let level = check_level(options.level)?;
    if a.len() != b.len() {
        return Err(Error::new(
            Code::LengthMismatch,
            "the two raters need the same number of codes",
        )
        .with("expected", a.len())
        .with("actual", b.len()));
    }
    check_finite("a", a)?;
    check_finite("b", b)?;
    let pairs: Vec<(f64, f64)> = a
        .iter()
        .zip(b)
        .filter(|(x, y)| !x.is_nan() && !y.is_nan())
        .map(|(&x, &y)| (x + 0.0, y + 0.0))
        .collect();
    let categories = match &options.categories {
        Some(c) => {
            check_finite("categories", c)?;
            let mut sorted = c.clone();
            crate::sort::sort_floats(&mut sorted);
            if sorted.windows(2).any(|w| w[0] == w[1]) || c.iter().any(|x| x.is_nan()) {
                return Err(Error::new(
                    Code::BadInput,
                    "the listed categories must be distinct numbers",
                ));
            }
            c.iter().map(|x| x + 0.0).collect()
        }
        None => sorted_distinct(pairs.iter().flat_map(|&(x, y)| [x, y])),
    };
    too_many(categories.len())?;
    let k = categories.len();
    if pairs.is_empty() || k < 2 {
        return Err(Error::new(
            Code::SampleTooSmall,
            "Cohen's kappa needs at least one pair coded by both raters and two categories",
        )
        .with("nUsed", pairs.len())
        .with("categories", k));
    }
    let position = |x: f64, i: usize| {
        categories.iter().position(|&c| c == x).ok_or_else(|| {
            Error::new(
                Code::UnknownLabel,
                format!(
                    "code {x} at {i} is not a listed category",
                    x = crate::error::num(x)
                ),
            )
            .with("index", i)
            .with("code", x)
        })
    };
    let n = pairs.len() as f64;
    let mut p = vec![0.0; k * k];
    for (i, &(x, y)) in pairs.iter().enumerate() {
        p[position(x, i)? * k + position(y, i)?] += 1.0 / n;
    }
    let z = z_two_sided(level)?;
    let estimates = ["unweighted", "linear", "quadratic"]
        .into_iter()
        .map(|w| weighted(&p, k, n, w, z))
        .collect::<Result<Vec<_>>>()?;
    Ok(CohensKappa {
        method: Method::CohenKappa,
        n: a.len(),
        n_used: pairs.len(),
        categories,
        level,
        estimates,
    })
}

/// One kappa of the table of shares `p` (k × k) with the named weights.
fn weighted(p: &[f64], k: usize, n: f64, weights: &'static str, z: f64) -> Result<KappaEstimate> {
    let w = |i: usize, j: usize| {
        let d = i.abs_diff(j) as f64 / (k - 1) as f64;
        match weights {
            "linear" => 1.0 - d,
            "quadratic" => 1.0 - d * d,
            _ => f64::from(u8::from(i == j)),
        }
    };
    let at = |i: usize, j: usize| p.get(i * k + j).copied().unwrap_or(0.0);
    let rows: Vec<f64> = (0..k).map(|i| (0..k).map(|j| at(i, j)).sum()).collect();
    let cols: Vec<f64> = (0..k).map(|j| (0..k).map(|i| at(i, j)).sum()).collect();
    let (mut po, mut pe) = (0.0, 0.0);
    for (i, &r) in rows.iter().enumerate() {
        for (j, &c) in cols.iter().enumerate() {
            po += w(i, j) * at(i, j);
            pe += w(i, j) * r * c;
        }
    }
    if 1.0 - pe <= 0.0 {
        return Err(Error::new(
            Code::NoVariation,
            "agreement expected by chance is complete: kappa is undefined",
        ));
    }
    let kappa = (po - pe) / (1.0 - pe);
    let wi: Vec<f64> = (0..k)
        .map(|i| (0..k).map(|j| w(i, j) * cols[j]).sum())
        .collect();
    let wj: Vec<f64> = (0..k)
        .map(|j| (0..k).map(|i| w(i, j) * rows[i]).sum())
        .collect();
    let mut s = 0.0;
    for (i, &a) in wi.iter().enumerate() {
        for (j, &b) in wj.iter().enumerate() {
            s += at(i, j) * (w(i, j) - (a + b) * (1.0 - kappa)).powi(2);
        }
    }
    let var = (s - (kappa - pe * (1.0 - kappa)).powi(2)) / ((1.0 - pe).powi(2) * n);
    let ase = var.max(0.0).sqrt();
    Ok(KappaEstimate {
        weights,
        kappa,
        ase,
        lower: kappa - z * ase,
        upper: kappa + z * ase,
    })
}

/// Fleiss' kappa of a subjects × raters matrix of codes (row-major, NaN = missing; subjects
/// with a missing code are left out, as irr's `na.omit`), with its z test.
///
/// # Formula
/// ```text
/// n_ij raters putting subject i in category j, N subjects, m raters, p_j = Σ_i n_ij / (N m)
/// P̄ = Σ_i (Σ_j n_ij² − m) / (m (m − 1)) / N,  P̄_e = Σ p_j²,  κ = (P̄ − P̄_e) / (1 − P̄_e)
/// se² = 2 / ((Σ p_j q_j)² N m (m − 1)) · ((Σ p_j q_j)² − Σ p_j q_j (q_j − p_j)),  q = 1 − p
/// z = κ / se, p = 2 P(Z > |z|)
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`] for a wrong matrix size, [`Code::NotFinite`] for an infinite code,
/// [`Code::SampleTooSmall`] with fewer than two raters or no complete subject,
/// [`Code::NoVariation`] when every code is the same (κ undefined), [`Code::TooLarge`].
///
/// # References
/// Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. *Psychological
/// Bulletin* 76, 378–382; Fleiss, Nee & Landis (1979) for the SE. Matches R
/// `irr::kappam.fleiss(x)` (irr 0.84), transcribed in `tests/data/stats_agreement.py`; the
/// p-value is the exact normal tail where irr's `2 * (1 - pnorm(|z|))` underflows past z ≈ 8.
pub fn fleiss_kappa(codes: &[f64], n_subjects: usize, n_raters: usize) -> Result<FleissKappa> {
    let cells = n_subjects.checked_mul(n_raters);
    if cells != Some(codes.len()) {
        return Err(Error::new(
            Code::LengthMismatch,
            "the codes must fill a subjects × raters matrix",
        )
        .with("expected", cells.unwrap_or(usize::MAX))
        .with("actual", codes.len()));
    }
    check_finite("codes", codes)?;
    let rows: Vec<&[f64]> = codes
        .chunks(n_raters.max(1))
        .filter(|r| r.iter().all(|x| !x.is_nan()))
        .collect();
    if n_raters < 2 || rows.is_empty() {
        return Err(Error::new(
            Code::SampleTooSmall,
            "Fleiss' kappa needs two raters and at least one subject coded by all of them",
        )
        .with("raters", n_raters)
        .with("nUsed", rows.len()));
    }
    let categories = sorted_distinct(rows.iter().flat_map(|r| r.iter().copied()));
    too_many(categories.len())?;
    if categories.len() < 2 {
        return Err(Error::new(
            Code::NoVariation,
            "every code is the same: Fleiss' kappa is undefined",
        ));
    }
    let (nf, m) = (rows.len() as f64, n_raters as f64);
    let mut totals = vec![0.0; categories.len()];
    let mut agree = 0.0;
    for row in &rows {
        let mut counts = vec![0.0; categories.len()];
        for &x in row.iter() {
            let j = categories.partition_point(|c| c.total_cmp(&(x + 0.0)).is_lt());
            if let Some(c) = counts.get_mut(j) {
                *c += 1.0;
            }
        }
        agree += (counts.iter().map(|c| c * c).sum::<f64>() - m) / (m * (m - 1.0));
        for (t, c) in totals.iter_mut().zip(&counts) {
            *t += c;
        }
    }
    let agree = agree / nf;
    let pj: Vec<f64> = totals.iter().map(|t| t / (nf * m)).collect();
    let chance: f64 = pj.iter().map(|p| p * p).sum();
    let kappa = (agree - chance) / (1.0 - chance);
    let pq: f64 = pj.iter().map(|p| p * (1.0 - p)).sum();
    let pqqp: f64 = pj.iter().map(|p| p * (1.0 - p) * (1.0 - 2.0 * p)).sum();
    let se = (2.0 / (pq * pq * nf * m * (m - 1.0)) * (pq * pq - pqqp)).sqrt();
    let z = kappa / se;
    Ok(FleissKappa {
        method: Method::FleissKappa,
        n: n_subjects,
        n_used: rows.len(),
        raters: n_raters,
        categories,
        kappa,
        se,
        z,
        p_value: normal_two_sided(z)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases_are_coded() {
        let o = KappaOptions::default();
        // both raters use one category: chance agreement is complete
        let e = cohens_kappa(&[1., 1.], &[1., 1.], &o).unwrap_err();
        assert_eq!(e.code, Code::SampleTooSmall);
        let listed = KappaOptions {
            categories: Some(vec![1., 2.]),
            level: 0.95,
        };
        assert_eq!(
            cohens_kappa(&[1., 1.], &[1., 1.], &listed)
                .unwrap_err()
                .code,
            Code::NoVariation
        );
        assert_eq!(
            cohens_kappa(&[1., 3.], &[1., 1.], &listed)
                .unwrap_err()
                .code,
            Code::UnknownLabel
        );
        // perfect agreement over two categories: kappa 1, ase 0
        let k = cohens_kappa(&[1., 2., 1.], &[1., 2., 1.], &o).unwrap();
        assert!(k.estimates.iter().all(|e| (e.kappa - 1.0).abs() < 1e-12));
        assert_eq!(
            fleiss_kappa(&[2.; 6], 3, 2).unwrap_err().code,
            Code::NoVariation
        );
        assert_eq!(
            fleiss_kappa(&[1., 2.], 2, 1).unwrap_err().code,
            Code::SampleTooSmall
        );
        assert_eq!(
            fleiss_kappa(&[1., 2., 3.], 2, 2).unwrap_err().code,
            Code::LengthMismatch
        );
    }
}
