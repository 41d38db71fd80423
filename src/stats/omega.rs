//! McDonald's omega total of a multi-item scale from a one-factor model fitted by minimum
//! residual (minres, unweighted least squares on the off-diagonal correlations), following
//! R psych's `omega(x, nfactors = 1)` (which fits `fa(r, 1, fm = "minres")`).
//!
//! Where alpha assumes every item measures the idea equally well (tau-equivalence), omega lets
//! each item have its own loading λᵢ on one common factor and counts only the shared part of
//! the total score's variance as reliable.

use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::limits::at_most;
use crate::stats::method::Method;
use crate::stats::reliability::{complete_rows, MAX_WORK};
use serde::Serialize;

/// Most items of one omega (a sweep of the fit is k² multiply-adds).
pub const MAX_OMEGA_ITEMS: usize = 500;

/// Largest change of a loading in a whole sweep at which the fit has converged.
const STEP_TOL: f64 = 1e-14;

/// McDonald's omega total with the one-factor minres fit behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Omega {
    /// `"mcdonald_omega"`.
    pub method: Method,
    /// How the one-factor model was fitted: `"minres"` (psych `fa(fm = "minres")`, without
    /// psych's lower bound of 0.005 on uniquenesses: a Heywood case is withheld instead).
    pub fit: Method,
    /// The matrix the model was fitted to: `"correlation"` (psych `omega`'s default).
    pub matrix: &'static str,
    /// How missing answers were handled: `"listwise"`.
    pub missing: &'static str,
    /// Respondents (rows) given.
    pub n: usize,
    /// Respondents with every item answered, used in all statistics.
    pub n_used: usize,
    /// Respondents left out because of a missing answer.
    pub n_excluded: usize,
    /// Number of items.
    pub n_items: usize,
    /// Omega total, 1 − Σ(1 − λᵢ²) / V with V the sum of every cell of the correlation matrix
    /// (reversed items' signs flipped): psych `omega(x, 1)$omega.tot`. `None` (withheld, with
    /// the note `reliability_omega_heywood`) when a loading is at least 1 in absolute value.
    pub omega_total: Option<f64>,
    /// Loadings λᵢ on the one factor, in column order, signs as fitted (their sum positive).
    pub loadings: Vec<f64>,
    /// Uniquenesses 1 − λᵢ², in column order.
    pub uniquenesses: Vec<f64>,
    /// Items (0-based) with a negative loading, reversed before omega as psych's `flip = TRUE`.
    pub reversed: Vec<usize>,
    /// Coordinate sweeps the fit took.
    pub iterations: usize,
    /// Notes for the reader (excluded respondents, reversed items, a withheld Heywood case).
    pub warnings: Vec<Note>,
}

/// McDonald's omega total of a respondents × items matrix given row-major (`data[r * n_items
/// + j]`, NaN = missing, respondents with a missing item left out).
///
/// # Method
/// ```text
/// R      the items' correlation matrix over the complete respondents
/// λ      minimises Σ_{i<j} (r_ij − λᵢλⱼ)²   (minres; psych fa(R, 1, fm = "minres"))
/// s      sign(λᵢ) (items with λᵢ < 0 are reversed, psych omega's flip = TRUE)
/// V      Σ_ij sᵢ sⱼ r_ij
/// omega  1 − Σᵢ (1 − λᵢ²) / V
/// ```
/// The fit is coordinate descent ([`fit_one_factor`]) until no loading moves by 1e-14. psych
/// stops at R optim's L-BFGS-B default tolerance, so its loadings agree with this exact
/// minimum to about 1e-6 (`tests/stats_omega.rs`).
///
/// # Errors
/// [`Code::SampleTooSmall`] with fewer than 3 items (a one-factor model of 2 items has one
/// correlation for two loadings: omega is undefined) or fewer than 3 complete respondents;
/// [`Code::NoVariation`] when an item has one answer from everyone (`column`);
/// [`Code::TooLarge`] above [`MAX_OMEGA_ITEMS`] items or [`MAX_WORK`];
/// [`Code::NotConverged`] if the fit does not settle (not seen on real data);
/// the input errors of [`crate::stats::cronbach_alpha`].
///
/// # Examples
/// ```
/// use waterline::stats::mcdonald_omega;
/// let data = [4.0, 5.0, 4.0, 2.0, 3.0, 3.0, 5.0, 5.0, 4.0, 3.0, 2.0, 2.0, 4.0, 4.0, 5.0];
/// let o = mcdonald_omega(&data, 3).unwrap();
/// assert_eq!(o.n_used, 5);
/// assert!(o.omega_total.unwrap() > 0.8);
/// ```
///
/// # References
/// McDonald, R. P. (1999). *Test theory: A unified treatment*. Erlbaum. Revelle, W. & Zinbarg,
/// R. E. (2009). Coefficients alpha, beta, omega and the glb. *Psychometrika* 74, 145–154.
/// Checked against R psych 2.2.9 `omega(na.omit(x), nfactors = 1)` (`tests/data/omega.R`).
pub fn mcdonald_omega(data: &[f64], n_items: usize) -> Result<Omega> {
    let k = n_items;
    check_items(k)?;
    let (rows, n) = complete_rows(data, k)?;
    let n_used = rows.len();
    check_respondents(n, n_used)?;
    at_most(
        "scaleWork",
        MAX_WORK,
        n_used as f64 * (k * (k + 1) / 2) as f64,
    )?;
    let (means, c) = comoments(&rows, k);
    from_correlation(correlation(&means, &c, k, n_used)?, k, n, n_used)
}

/// Omega from item means and co-moments (`c`: k × k row-major, upper triangle read) of
/// `n_used` complete respondents out of `n`: what [`crate::stats::summary::ItemCovariance`]
/// holds, so a survey read in pieces gets the same omega as one read whole.
///
/// # Errors
/// As [`mcdonald_omega`].
pub(crate) fn from_comoments(
    means: &[f64],
    c: &[f64],
    k: usize,
    n: usize,
    n_used: usize,
) -> Result<Omega> {
    check_items(k)?;
    check_respondents(n, n_used)?;
    from_correlation(correlation(means, c, k, n_used)?, k, n, n_used)
}

/// A one-factor model needs 3 items (2 give one correlation for two loadings).
fn check_items(k: usize) -> Result<()> {
    if k < 3 {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!("omega needs at least 3 items for a one-factor model, got {k}"),
        )
        .with("items", k)
        .with("minimum", 3usize));
    }
    at_most("omegaItems", MAX_OMEGA_ITEMS as f64, k as f64)
}

/// At least 3 respondents who answered every item.
fn check_respondents(n: usize, n_used: usize) -> Result<()> {
    if n_used < 3 {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!("omega needs at least 3 respondents who answered every item, got {n_used}"),
        )
        .with("nUsed", n_used)
        .with("n", n)
        .with("minimum", 3usize));
    }
    Ok(())
}

/// Omega from the items' k × k correlation matrix `r` (row-major) of `n_used` complete
/// respondents out of `n`: the fit, the signs, the Heywood check (shared by
/// [`mcdonald_omega`] and the mergeable [`crate::stats::summary::ItemCovariance`]).
fn from_correlation(r: Vec<f64>, k: usize, n: usize, n_used: usize) -> Result<Omega> {
    let (mut lambda, iterations) = fit_one_factor(&r, k)?;
    if lambda.iter().sum::<f64>() < 0.0 {
        lambda.iter_mut().for_each(|l| *l = -*l);
    }
    let at = |i: usize, j: usize| r.get(i * k + j).copied().unwrap_or(0.0);
    let sign: Vec<f64> = lambda
        .iter()
        .map(|l| if *l < 0.0 { -1.0 } else { 1.0 })
        .collect();
    let reversed: Vec<usize> = (0..k)
        .filter(|&i| sign.get(i).is_some_and(|s| *s < 0.0))
        .collect();
    let mut v = 0.0;
    for (i, si) in sign.iter().enumerate() {
        for (j, sj) in sign.iter().enumerate() {
            v += si * sj * at(i, j);
        }
    }
    let uniquenesses: Vec<f64> = lambda.iter().map(|l| 1.0 - l * l).collect();
    let mut warnings = Vec::new();
    if n > n_used {
        warnings.push(
            Note::warning(NoteCode::ReliabilityRespondentsExcluded)
                .with("excluded", n - n_used)
                .with("n", n),
        );
    }
    if !reversed.is_empty() {
        warnings.push(
            Note::warning(NoteCode::ReliabilityOmegaReversed).with("items", reversed.clone()),
        );
    }
    let heywood: Vec<usize> = (0..k)
        .filter(|&i| lambda.get(i).is_some_and(|l| l.abs() >= 1.0))
        .collect();
    let omega_total = if heywood.is_empty() {
        Some(1.0 - uniquenesses.iter().sum::<f64>() / v)
    } else {
        warnings.push(Note::withheld(NoteCode::ReliabilityOmegaHeywood).with("items", heywood));
        None
    };
    Ok(Omega {
        method: Method::McdonaldOmega,
        fit: Method::Minres,
        matrix: "correlation",
        missing: "listwise",
        n,
        n_used,
        n_excluded: n - n_used,
        n_items: k,
        omega_total,
        loadings: lambda,
        uniquenesses,
        reversed,
        iterations,
        warnings,
    })
}

/// Item means and the k × k co-moments Σ(xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ) (upper triangle, row-major) of
/// the complete rows, in two passes.
fn comoments(rows: &[&[f64]], k: usize) -> (Vec<f64>, Vec<f64>) {
    let nf = rows.len() as f64;
    let mut means = vec![0.0; k];
    for row in rows {
        for (m, x) in means.iter_mut().zip(row.iter()) {
            *m += x / nf;
        }
    }
    let mut c = vec![0.0; k * k];
    let mut d = vec![0.0; k];
    for row in rows {
        for ((di, x), m) in d.iter_mut().zip(row.iter()).zip(means.iter()) {
            *di = x - m;
        }
        for (i, di) in d.iter().enumerate() {
            for (j, dj) in d.iter().enumerate().skip(i) {
                if let Some(s) = c.get_mut(i * k + j) {
                    *s += di * dj;
                }
            }
        }
    }
    (means, c)
}

/// The correlation matrix from [`comoments`]' form (`c`'s upper triangle read) of `n_used`
/// complete rows; an item with no variance is [`Code::NoVariation`] naming its `column`.
fn correlation(means: &[f64], c: &[f64], k: usize, n_used: usize) -> Result<Vec<f64>> {
    let nf = n_used as f64;
    let sd: Vec<f64> = (0..k)
        .map(|i| c.get(i * k + i).copied().unwrap_or(0.0).sqrt())
        .collect();
    for (j, (s, m)) in sd.iter().zip(means.iter()).enumerate() {
        // A spread below rounding of the values is no spread.
        if !s.is_finite() {
            return Err(Error::new(
                Code::NotFinite,
                "the answers are too large to square: rescale them (e.g. to 1–5) first",
            )
            .with("column", j));
        }
        if *s <= 1e-9 * m.abs() * nf.sqrt() {
            return Err(Error::new(
                Code::NoVariation,
                format!(
                    "item {j} has the same answer from everyone: its correlations are undefined"
                ),
            )
            .with("column", j));
        }
    }
    let mut r = vec![0.0; k * k];
    for i in 0..k {
        for j in i..k {
            let v = if i == j {
                1.0
            } else {
                let (si, sj) = (
                    sd.get(i).copied().unwrap_or(1.0),
                    sd.get(j).copied().unwrap_or(1.0),
                );
                (c.get(i * k + j).copied().unwrap_or(0.0) / si / sj).clamp(-1.0, 1.0)
            };
            if let Some(s) = r.get_mut(i * k + j) {
                *s = v;
            }
            if let Some(s) = r.get_mut(j * k + i) {
                *s = v;
            }
        }
    }
    Ok(r)
}

/// Most coordinate sweeps of the fit (each k² multiply-adds).
const MAX_SWEEPS: usize = 200_000;

/// Fits one factor by minres; returns the loadings and the number of sweeps.
///
/// Coordinate descent: each loading in turn is set to the exact minimiser of the loss with the
/// others fixed, λᵢ ← Σ_{j≠i} r_ij λⱼ / Σ_{j≠i} λⱼ², from λᵢ = √(largest |r_ij| of item i), until
/// a whole sweep moves no loading by more than 1e-14 (the loss never rises, so it settles at
/// a minimum; checked against R optim's minimum in `tests/stats_omega.rs`).
pub(crate) fn fit_one_factor(r: &[f64], k: usize) -> Result<(Vec<f64>, usize)> {
    let mut l: Vec<f64> = (0..k)
        .map(|i| {
            (0..k)
                .filter(|&j| j != i)
                .map(|j| r.get(i * k + j).copied().unwrap_or(0.0).abs())
                .fold(0.0, f64::max)
                .sqrt()
                .max(0.1)
        })
        .collect();
    for sweep in 1..=MAX_SWEEPS {
        let mut change: f64 = 0.0;
        for i in 0..k {
            let (mut num, mut den) = (0.0, 0.0);
            for (j, lj) in l.iter().enumerate() {
                if j != i {
                    num += r.get(i * k + j).copied().unwrap_or(0.0) * lj;
                    den += lj * lj;
                }
            }
            if den > 0.0 {
                let new = num / den;
                if let Some(li) = l.get_mut(i) {
                    change = change.max((new - *li).abs());
                    *li = new;
                }
            }
        }
        if change <= STEP_TOL {
            return Ok((l, sweep));
        }
    }
    Err(Error::new(
        Code::NotConverged,
        "the one-factor fit for omega did not converge",
    )
    .with("items", k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perfect_one_factor_matrix_is_recovered() {
        let lam = [0.8, 0.7, 0.6, 0.5];
        let mut r = vec![0.0; 16];
        for i in 0..4 {
            for j in 0..4 {
                r[i * 4 + j] = if i == j { 1.0 } else { lam[i] * lam[j] };
            }
        }
        let (l, _) = fit_one_factor(&r, 4).unwrap();
        let s = if l[0] < 0.0 { -1.0 } else { 1.0 };
        for (a, b) in l.iter().zip(lam.iter()) {
            assert!((s * a - b).abs() < 1e-12, "{l:?}");
        }
    }

    #[test]
    fn edge_cases_are_coded() {
        let two = [1.0, 2.0, 2.0, 3.0, 3.0, 3.0];
        assert_eq!(
            mcdonald_omega(&two, 2).unwrap_err().code,
            Code::SampleTooSmall
        );
        let constant = [1.0, 2.0, 3.0, 2.0, 3.0, 3.0, 3.0, 4.0, 3.0, 5.0, 4.0, 3.0];
        let e = mcdonald_omega(&constant, 3).unwrap_err();
        assert_eq!(
            (e.code, e.details["column"].clone()),
            (Code::NoVariation, 2usize.into())
        );
        let few = [1.0, 2.0, 3.0, f64::NAN, 3.0, 4.0, 2.0, 2.0, 2.0];
        assert_eq!(
            mcdonald_omega(&few, 3).unwrap_err().code,
            Code::SampleTooSmall
        );
    }
}
