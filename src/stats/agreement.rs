//! Inter-rater agreement: Shrout–Fleiss intraclass correlations and Krippendorff's alpha.
//!
//! Ratings come as a subjects × raters matrix in row-major order (`ratings[s * n_raters + r]`),
//! `None` where rater `r` did not rate subject `s`.
//!
//! - [`icc`] needs a **complete** matrix: the two-way ANOVA behind ICC(2,·) and ICC(3,·) has no
//!   closed form with holes. Rows (subjects) with any missing rating are dropped before the
//!   analysis, and the result says how many were used (`nUsed`) and dropped (`nExcluded`). This
//!   is R's `psych::ICC(na.omit(x), lmer = FALSE)`. In an incomplete review design (each proposal
//!   read by 3 of 5 reviewers) few or no rows are complete: use [`krippendorff_alpha`], which
//!   uses every pairable rating.
//! - [`krippendorff_alpha`] accepts missing ratings; units with fewer than two ratings are not
//!   pairable and do not count.

mod alpha_bootstrap;
mod icc_reml;
mod kappa;
mod krippendorff;

pub use alpha_bootstrap::krippendorff_alpha_interval;

pub use icc_reml::{icc_reml, IccReml, MAX_REML_RATERS};

pub use kappa::{
    cohens_kappa, fleiss_kappa, CohensKappa, FleissKappa, KappaEstimate, KappaOptions,
};

pub use krippendorff::{
    krippendorff_alpha, AlphaBootstrap, AlphaMetric, KrippendorffAlpha, KrippendorffOptions,
    MAX_RESAMPLES,
};

use crate::error::{level as check_level, Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::method::Method;
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, FisherSnedecor};
use statrs::function::beta::checked_beta_reg;

/// One of the six Shrout–Fleiss intraclass correlations, as `psych::ICC` reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct IccForm {
    /// `"ICC1"`, `"ICC2"`, `"ICC3"`, `"ICC1k"`, `"ICC2k"` or `"ICC3k"` (psych's names); Shrout &
    /// Fleiss write them ICC(1,1), ICC(2,1), ICC(3,1), ICC(1,k), ICC(2,k), ICC(3,k).
    pub form: &'static str,
    /// What the form assumes, e.g. `"single rater, absolute agreement, random raters"`.
    pub description: String,
    /// The intraclass correlation, at most 1 (it can be negative).
    pub icc: f64,
    /// The F statistic of the test that the ICC is 0; `null` when the error mean square is 0.
    pub f: Option<f64>,
    /// Numerator degrees of freedom of the F test.
    pub df1: f64,
    /// Denominator degrees of freedom of the F test.
    pub df2: f64,
    /// Upper-tail p-value of the F test; `null` when `f` is `null`.
    pub p_value: Option<f64>,
    /// Lower confidence bound; `null` when it cannot be computed (no error variance).
    pub lower: Option<f64>,
    /// Upper confidence bound; `null` when it cannot be computed.
    pub upper: Option<f64>,
}

/// The six intraclass correlations of a subjects × raters matrix with the ANOVA mean squares.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct IccResult {
    /// `Method::ShroutFleiss`.
    pub method: Method,
    /// Subjects (rows) given.
    pub n: usize,
    /// Complete rows used.
    pub n_used: usize,
    /// Rows dropped because at least one rating was missing.
    pub n_excluded: usize,
    /// Raters (columns), `k`.
    pub raters: usize,
    /// Confidence level of the intervals, e.g. 0.95.
    pub level: f64,
    /// Between-subjects mean square (MSB).
    pub ms_subjects: f64,
    /// Between-raters mean square (MSJ).
    pub ms_raters: f64,
    /// Residual mean square of the two-way model (MSE).
    pub ms_error: f64,
    /// Within-subjects mean square of the one-way model (MSW).
    pub ms_within: f64,
    /// ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k in that order.
    pub forms: Vec<IccForm>,
    /// Notes for the reader, e.g. how many incomplete rows were dropped.
    pub warnings: Vec<Note>,
}

/// Validates the shape of a ratings matrix and that every present rating is finite and within
/// ±10¹⁰⁰ ([`crate::stats::limits::MAX_MAGNITUDE`]).
pub(crate) fn check_matrix(
    ratings: &[Option<f64>],
    n_subjects: usize,
    n_raters: usize,
) -> Result<()> {
    let cells = n_subjects.checked_mul(n_raters).ok_or_else(|| {
        Error::new(Code::TooLarge, "the ratings matrix is too large")
            .with("subjects", n_subjects)
            .with("raters", n_raters)
    })?;
    if ratings.len() != cells {
        return Err(Error::new(
            Code::LengthMismatch,
            format!(
                "a {n_subjects} × {n_raters} ratings matrix needs {cells} cells, got {}",
                ratings.len()
            ),
        )
        .with("expected", cells)
        .with("actual", ratings.len()));
    }
    for (i, v) in ratings.iter().enumerate() {
        if let Some(x) = v {
            if !x.is_finite() {
                return Err(Error::new(
                    Code::NotFinite,
                    format!(
                        "the rating of subject {} by rater {} is not a finite number",
                        i / n_raters.max(1) + 1,
                        i % n_raters.max(1) + 1
                    ),
                )
                .with("subject", i / n_raters.max(1) + 1)
                .with("rater", i % n_raters.max(1) + 1));
            }
            crate::stats::limits::magnitude("ratings", i, *x)?;
        }
    }
    Ok(())
}

/// An F distribution, with its parameters checked first.
fn fisher(d1: f64, d2: f64) -> Result<FisherSnedecor> {
    FisherSnedecor::new(d1, d2).map_err(|e| {
        Error::new(
            Code::Internal,
            format!(
                "F({d1}, {d2}) distribution: {e}",
                d1 = crate::error::num(d1),
                d2 = crate::error::num(d2)
            ),
        )
        .with("df1", d1)
        .with("df2", d2)
    })
}

/// Upper-tail probability P(F > x) for F(d1, d2), computed as I_{d2/(d1 x + d2)}(d2/2, d1/2)
/// so that small p-values keep their precision.
fn f_upper_tail(x: f64, d1: f64, d2: f64) -> Option<f64> {
    if !(x.is_finite() && x >= 0.0 && d1 > 0.0 && d2 > 0.0 && d1.is_finite() && d2.is_finite()) {
        return None;
    }
    checked_beta_reg(d2 / 2.0, d1 / 2.0, d2 / (d1 * x + d2)).ok()
}

/// The quantile of F(d1, d2) at probability `p`, refined by Newton steps on the regularized
/// incomplete beta function (statrs' AS 109 starting value is good to about 1e-9).
fn f_quantile(p: f64, d1: f64, d2: f64) -> Result<f64> {
    if !(p.is_finite() && p > 0.0 && p < 1.0) {
        return Err(Error::new(
            Code::ProbabilityOutOfRange,
            format!(
                "a probability strictly between 0 and 1 is required, got {p}",
                p = crate::error::num(p)
            ),
        )
        .with("p", p));
    }
    let dist = fisher(d1, d2)?;
    let mut q = dist.inverse_cdf(p);
    if !q.is_finite() || q <= 0.0 {
        return Err(Error::new(
            Code::Internal,
            format!(
                "F quantile at {p} with df ({d1}, {d2}) is not finite",
                p = crate::error::num(p),
                d1 = crate::error::num(d1),
                d2 = crate::error::num(d2)
            ),
        ));
    }
    // Newton on u = d1 q / (d1 q + d2), the Beta(d1/2, d2/2) variable, where the cdf is smooth.
    let (a, b) = (d1 / 2.0, d2 / 2.0);
    let ln_beta = statrs::function::beta::checked_ln_beta(a, b)
        .map_err(|e| Error::new(Code::Internal, format!("ln beta: {e}")))?;
    let mut u = d1 * q / (d1 * q + d2);
    for _ in 0..4 {
        let Ok(cdf) = checked_beta_reg(a, b, u) else {
            break;
        };
        let ln_pdf = (a - 1.0) * u.ln() + (b - 1.0) * (1.0 - u).ln() - ln_beta;
        let pdf = ln_pdf.exp();
        if !(pdf.is_finite() && pdf > 0.0) {
            break;
        }
        let next = u - (cdf - p) / pdf;
        if !(next > 0.0 && next < 1.0) {
            break;
        }
        let done = (next - u).abs() <= 1e-15 * u;
        u = next;
        if done {
            break;
        }
    }
    q = d2 * u / (d1 * (1.0 - u));
    Ok(q)
}

/// Shrout–Fleiss intraclass correlations — all six forms, with F tests and confidence intervals
/// — for a subjects × raters matrix, using only the complete rows.
///
/// `ratings` is row-major (`ratings[s * n_raters + r]`), `None` for a missing rating. `level` is
/// the confidence level of the intervals (psych's `alpha = 1 − level`).
///
/// # Formula
/// ```text
/// n complete rows, k raters; two-way ANOVA without interaction:
/// MSB = k Σ_s (ȳ_s − ȳ)² / (n − 1)          MSJ = n Σ_r (ȳ_r − ȳ)² / (k − 1)
/// MSE = Σ (y − ȳ_s − ȳ_r + ȳ)² / ((n − 1)(k − 1))
/// MSW = (SS_raters + SS_error) / (n (k − 1))                       (one-way model)
/// ICC1  = (MSB − MSW) / (MSB + (k − 1) MSW)        ICC1k = (MSB − MSW) / MSB
/// ICC2  = (MSB − MSE) / (MSB + (k − 1) MSE + k (MSJ − MSE) / n)
/// ICC2k = (MSB − MSE) / (MSB + (MSJ − MSE) / n)
/// ICC3  = (MSB − MSE) / (MSB + (k − 1) MSE)        ICC3k = (MSB − MSE) / MSB
/// F1 = MSB / MSW on (n − 1, n(k − 1));  F2 = F3 = MSB / MSE on (n − 1, (n − 1)(k − 1))
/// ICC1, ICC3 bounds: FL = F / F_{1−α/2}(df1, df2), FU = F · F_{1−α/2}(df2, df1),
///   (FL − 1) / (FL + k − 1) … ; ICC1k, ICC3k bounds: 1 − 1/FL, 1 − 1/FU
/// ICC2 bounds: Satterthwaite df v (Shrout & Fleiss 1979, eq. for case 2), then the k-form by
///   Spearman–Brown.
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`] when `ratings.len() ≠ n_subjects × n_raters`,
/// [`Code::NotFinite`] for a NaN or infinite rating, [`Code::SampleTooSmall`] with fewer than two
/// raters or fewer than two complete rows, [`Code::NoVariation`] when every used rating is equal,
/// [`Code::LevelOutOfRange`] for `level ∉ (0, 1)`.
///
/// # Examples
/// Shrout & Fleiss (1979), Table 2: six subjects, four judges.
/// ```
/// let sf: Vec<Option<f64>> = [
///     9., 2., 5., 8., 6., 1., 3., 2., 8., 4., 6., 8.,
///     7., 1., 2., 6., 10., 5., 6., 9., 6., 2., 4., 7.,
/// ].iter().map(|&x| Some(x)).collect();
/// let r = waterline::stats::icc(&sf, 6, 4, 0.95).unwrap();
/// assert!((r.forms[0].icc - 0.1657).abs() < 1e-4); // ICC(1,1)
/// assert!((r.forms[1].icc - 0.2898).abs() < 1e-4); // ICC(2,1)
/// assert!((r.forms[2].icc - 0.7148).abs() < 1e-4); // ICC(3,1)
/// ```
///
/// # References
/// Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
/// reliability. *Psychological Bulletin* 86, 420–428. Matches R
/// `psych::ICC(na.omit(x), lmer = FALSE, alpha = 1 - level)$results` (psych 2.2.9).
pub fn icc(
    ratings: &[Option<f64>],
    n_subjects: usize,
    n_raters: usize,
    level: f64,
) -> Result<IccResult> {
    let level = check_level(level)?;
    check_matrix(ratings, n_subjects, n_raters)?;
    if n_raters < 2 {
        return Err(Error::new(
            Code::SampleTooSmall,
            "an intraclass correlation needs at least two raters",
        )
        .with("raters", n_raters));
    }
    let k = n_raters;
    let rows: Vec<&[Option<f64>]> = ratings
        .chunks(k)
        .filter(|row| row.iter().all(Option::is_some))
        .collect();
    let n = rows.len();
    if n < 2 {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!(
                "an intraclass correlation needs at least two subjects rated by every rater; \
                 {n} of {n_subjects} are complete (use Krippendorff's alpha for incomplete designs)"
            ),
        )
        .with("nUsed", n)
        .with("n", n_subjects));
    }
    let value = |row: &[Option<f64>], r: usize| row.get(r).copied().flatten().unwrap_or(0.0);
    let (nf, kf) = (n as f64, k as f64);
    let grand = rows
        .iter()
        .flat_map(|row| row.iter().flatten())
        .sum::<f64>()
        / (nf * kf);
    let row_means: Vec<f64> = rows
        .iter()
        .map(|row| row.iter().flatten().sum::<f64>() / kf)
        .collect();
    let col_means: Vec<f64> = (0..k)
        .map(|r| rows.iter().map(|row| value(row, r)).sum::<f64>() / nf)
        .collect();
    let ss_rows = kf * row_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let ss_cols = nf * col_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let mut ss_err = 0.0;
    for (row, rm) in rows.iter().zip(&row_means) {
        for (r, cm) in col_means.iter().enumerate() {
            ss_err += (value(row, r) - rm - cm + grand).powi(2);
        }
    }
    let (df_b, df_j, df_e) = (nf - 1.0, kf - 1.0, (nf - 1.0) * (kf - 1.0));
    let msb = ss_rows / df_b;
    let msj = ss_cols / df_j;
    let mse = ss_err / df_e;
    let msw = (ss_cols + ss_err) / (nf * (kf - 1.0));
    if msb <= 0.0 && msw <= 0.0 {
        return Err(Error::new(
            Code::NoVariation,
            "every rating used is the same: agreement cannot be measured",
        )
        .with("nUsed", n));
    }
    if msb <= 0.0 {
        return Err(Error::new(
            Code::NoVariation,
            "every subject has the same mean rating: the intraclass correlation is undefined",
        )
        .with("nUsed", n));
    }
    let icc1 = (msb - msw) / (msb + (kf - 1.0) * msw);
    // psych's msb + (k − 1) mse + k (msj − mse)/n, regrouped so that no term is subtracted
    // (k − 1 − k/n ≥ 0 for n, k ≥ 2): the denominator stays positive in floating point too.
    let icc2 = (msb - mse) / (msb + kf * msj / nf + (kf - 1.0 - kf / nf) * mse);
    let icc3 = (msb - mse) / (msb + (kf - 1.0) * mse);
    let icc1k = (msb - msw) / msb;
    let icc2k = (msb - mse) / (msb + (msj - mse) / nf);
    let icc3k = (msb - mse) / msb;
    if !icc2k.is_finite() {
        // msb + (msj − mse)/n = 0: the error variance swamps everything else.
        return Err(Error::new(
            Code::NoVariation,
            "the ratings vary too little between subjects, relative to their error, for an \
             intraclass correlation",
        )
        .with("nUsed", n));
    }

    let alpha = 1.0 - level;
    let q = 1.0 - alpha / 2.0;
    let df11d = nf * (kf - 1.0);
    let f1 = (msw > 0.0).then(|| msb / msw);
    let f2 = (mse > 0.0).then(|| msb / mse);
    let p1 = f1.and_then(|f| f_upper_tail(f, df_b, df11d));
    let p2 = f2.and_then(|f| f_upper_tail(f, df_b, df_e));

    let mut b1 = None;
    if let Some(f) = f1 {
        let fl = f / f_quantile(q, df_b, df11d)?;
        let fu = f * f_quantile(q, df11d, df_b)?;
        b1 = Some((fl, fu));
    }
    let mut b3 = None;
    if let Some(f) = f2 {
        let fl = f / f_quantile(q, df_b, df_e)?;
        let fu = f * f_quantile(q, df_e, df_b)?;
        b3 = Some((fl, fu));
    }
    // ICC(2,1): Satterthwaite's approximate df for the denominator (psych's code verbatim).
    let mut b2 = None;
    if mse > 0.0 {
        let fj = msj / mse;
        let vn = (kf - 1.0)
            * (nf - 1.0)
            * (kf * icc2 * fj + nf * (1.0 + (kf - 1.0) * icc2) - kf * icc2).powi(2);
        let vd = (nf - 1.0) * kf * kf * icc2 * icc2 * fj * fj
            + (nf * (1.0 + (kf - 1.0) * icc2) - kf * icc2).powi(2);
        let v = vn / vd;
        // A tiny Satterthwaite df (e.g. 0.005 with near-identical ratings) can put the F
        // quantile beyond the largest number: then there is no interval, not an error.
        let quantiles = (v.is_finite() && v > 0.0)
            .then(|| f_quantile(q, df_b, v).ok().zip(f_quantile(q, v, df_b).ok()))
            .flatten();
        if let Some((fu, fl)) = quantiles {
            let common = kf * msj + (kf * nf - kf - nf) * mse;
            let l = nf * (msb - fu * mse) / (fu * common + nf * msb);
            let u = nf * (fl * msb - mse) / (common + nf * fl * msb);
            if l.is_finite() && u.is_finite() {
                b2 = Some((l, u));
            }
        }
    }
    let single = |b: Option<(f64, f64)>| {
        b.map(|(fl, fu)| ((fl - 1.0) / (fl + kf - 1.0), (fu - 1.0) / (fu + kf - 1.0)))
    };
    let average = |b: Option<(f64, f64)>| b.map(|(fl, fu)| (1.0 - 1.0 / fl, 1.0 - 1.0 / fu));
    let spearman_brown = |b: Option<(f64, f64)>| {
        b.map(|(l, u)| {
            (
                l * kf / (1.0 + l * (kf - 1.0)),
                u * kf / (1.0 + u * (kf - 1.0)),
            )
        })
    };
    const ONE_WAY: &str = "absolute agreement, one-way random";
    const RANDOM: &str = "absolute agreement, random raters";
    const FIXED: &str = "consistency, fixed raters";
    #[rustfmt::skip]
    let table = [
        ("ICC1", "single rater", ONE_WAY, icc1, f1, df11d, p1, single(b1)),
        ("ICC2", "single rater", RANDOM, icc2, f2, df_e, p2, b2),
        ("ICC3", "single rater", FIXED, icc3, f2, df_e, p2, single(b3)),
        ("ICC1k", "mean of k raters", ONE_WAY, icc1k, f1, df11d, p1, average(b1)),
        ("ICC2k", "mean of k raters", RANDOM, icc2k, f2, df_e, p2, spearman_brown(b2)),
        ("ICC3k", "mean of k raters", FIXED, icc3k, f2, df_e, p2, average(b3)),
    ];
    let forms = table
        .into_iter()
        .map(|(form, raters, model, icc, f, df2, p_value, b)| IccForm {
            form,
            description: format!("{raters}, {model}"),
            icc,
            f,
            df1: df_b,
            df2,
            p_value,
            lower: b.map(|x| x.0).filter(|x| x.is_finite()),
            upper: b.map(|x| x.1).filter(|x| x.is_finite()),
        })
        .collect();
    let mut warnings = Vec::new();
    if n < n_subjects {
        warnings.push(
            Note::warning(NoteCode::IccSubjectsExcluded)
                .with("excluded", n_subjects - n)
                .with("subjects", n_subjects)
                .with("raters", k),
        );
    }
    if mse <= 0.0 {
        warnings.push(Note::warning(NoteCode::IccExactAgreement));
    }
    Ok(IccResult {
        method: Method::ShroutFleiss,
        n: n_subjects,
        n_used: n,
        n_excluded: n_subjects - n,
        raters: k,
        level,
        ms_subjects: msb,
        ms_raters: msj,
        ms_error: mse,
        ms_within: msw,
        forms,
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
    fn icc_needs_two_complete_rows_and_two_raters() {
        let m = [Some(1.0), None, Some(2.0), Some(3.0)];
        assert_eq!(icc(&m, 2, 2, 0.95).unwrap_err().code, Code::SampleTooSmall);
        assert_eq!(
            icc(&some(&[1., 2.]), 2, 1, 0.95).unwrap_err().code,
            Code::SampleTooSmall
        );
        assert_eq!(
            icc(&some(&[1., 2., 3.]), 2, 2, 0.95).unwrap_err().code,
            Code::LengthMismatch
        );
        assert_eq!(
            icc(&some(&[2.; 6]), 3, 2, 0.95).unwrap_err().code,
            Code::NoVariation
        );
        assert_eq!(
            icc(&some(&[1., f64::NAN, 2., 3.]), 2, 2, 0.95)
                .unwrap_err()
                .code,
            Code::NotFinite
        );
    }

    #[test]
    fn perfect_agreement_gives_one_without_f_test() {
        let r = icc(&some(&[1., 1., 3., 3., 4., 4.]), 3, 2, 0.95).unwrap();
        for f in &r.forms {
            assert!((f.icc - 1.0).abs() < 1e-12, "{}", f.form);
        }
        assert!(r.forms[1].f.is_none() && r.forms[1].lower.is_none());
    }

    #[test]
    fn f_quantile_inverts_the_upper_tail() {
        for &(d1, d2) in &[(5.0, 15.0), (1.0, 1.0), (3.7, 120.0), (40.0, 2.0)] {
            let q = f_quantile(0.975, d1, d2).unwrap();
            let p = f_upper_tail(q, d1, d2).unwrap();
            assert!((p - 0.025).abs() < 1e-13, "df ({d1}, {d2}): {p}");
        }
    }
}
