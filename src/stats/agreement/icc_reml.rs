//! Intraclass correlations of an **incomplete** subjects × raters design from the REML variance
//! components of the crossed random-effects model
//!
//! ```text
//! y_sr = μ + a_s + b_r + e_sr,   a_s ~ N(0, σ²_s), b_r ~ N(0, σ²_r), e_sr ~ N(0, σ²_e)
//! ICC(A,1) = σ²_s / (σ²_s + σ²_r + σ²_e)   (absolute agreement, one random rater: psych's ICC2)
//! ICC(C,1) = σ²_s / (σ²_s + σ²_e)          (consistency, rater offsets removed: psych's ICC3)
//! ```
//!
//! which is what R's `psych::ICC(x, lmer = TRUE)` fits with `lme4::lmer(values ~ 1 + (1 | id) +
//! (1 | items))`: every rating is used, so a review design in which each proposal is read by 3 of
//! 5 reviewers has an ICC although no row is complete. The fit follows lme4's formulation
//! (Bates, Mächler, Bolker & Walker 2015, *J. Stat. Softw.* 67(1), §3): the relative
//! covariance factor θ = (σ_s/σ_e, σ_r/σ_e), the penalized least squares problem solved for each
//! θ, σ²_e profiled out, and the REML criterion
//!
//! ```text
//! −2 ℓ_R(θ) = log det C(θ) + (n − 1) (1 + log(2π · pwrss(θ) / (n − 1)))
//! C(θ) = [ΛZ'ZΛ + I, ΛZ'1; 1'ZΛ, n]
//! ```
//!
//! minimized over θ (Nelder–Mead on θ; the criterion depends on θ² only, so |θ| keeps the
//! variances at or above zero without bounds). The subjects' block of C is diagonal, and its
//! Schur complement over the raters and the intercept depends on a subject only through its
//! number of ratings, so each evaluation costs O(g r²) for g distinct numbers of ratings and r
//! raters, whatever the number of subjects. Checked against lme4 1.1-31 through psych 2.2.9 in
//! `tests/data/icc_reml/` (script beside the fixture).

use crate::error::{Code, Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;

/// Most raters [`icc_reml`] fits: a dense r × r factorization in each of a few hundred steps of
/// the search, about 10⁷ operations at 50 (the page computes agreement on every edit).
pub const MAX_REML_RATERS: usize = 50;

/// The ICC from the variance components of the crossed model (see the module documentation).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct IccReml {
    /// Subjects with at least one rating.
    pub n: usize,
    /// Raters with at least one rating.
    pub raters: usize,
    /// Ratings used (every present cell).
    pub ratings: usize,
    /// σ²_s: variance between subjects (proposals).
    pub var_subjects: f64,
    /// σ²_r: variance between raters (reviewers' harshness).
    pub var_raters: f64,
    /// σ²_e: residual variance.
    pub var_error: f64,
    /// ICC(A,1) = σ²_s / (σ²_s + σ²_r + σ²_e): psych's ICC2 with `lmer = TRUE`.
    pub icc_agreement: f64,
    /// ICC(C,1) = σ²_s / (σ²_s + σ²_e): psych's ICC3 with `lmer = TRUE`.
    pub icc_consistency: f64,
    /// The REML criterion at the optimum (lme4's `REMLcrit`).
    pub reml_criterion: f64,
}

/// Subjects with the same number of ratings, summed (see the module documentation).
struct Group {
    /// Ratings per subject.
    k: f64,
    /// Σ N_s N_s' over the group's subjects (N_s: ratings of subject s by each rater), r × r.
    nn: Vec<f64>,
    /// Σ N_s.
    n_sum: Vec<f64>,
    /// Σ N_s t_s (t_s: the sum of subject s's centred ratings).
    nt: Vec<f64>,
    /// Σ t_s.
    t: f64,
    /// Σ t_s².
    tt: f64,
}

/// Sufficient statistics of the design for the REML criterion.
struct Design {
    groups: Vec<Group>,
    /// Ratings per rater.
    m: Vec<f64>,
    /// Σ of each rater's centred ratings.
    y_r: Vec<f64>,
    /// Number of ratings.
    n: f64,
    /// Σ of the centred ratings (0 up to rounding).
    y_sum: f64,
    /// Σ of the squared centred ratings.
    yy: f64,
}

impl Design {
    /// −2 ℓ_R at θ = (θ_s, θ_r) and the penalized residual sum of squares there; `None` where
    /// the system is singular.
    fn criterion(&self, theta: [f64; 2]) -> Option<(f64, f64)> {
        let (ts, tr) = (theta[0].abs(), theta[1].abs());
        let r = self.m.len();
        let q = r + 1; // the raters, then the intercept
        let mut s = vec![0.0; q * q];
        let mut c = vec![0.0; q];
        for j in 0..r {
            s[j * q + j] = tr * tr * self.m[j] + 1.0;
            s[j * q + r] = tr * self.m[j];
            s[r * q + j] = tr * self.m[j];
            c[j] = tr * self.y_r[j];
        }
        s[r * q + r] = self.n;
        c[r] = self.y_sum;
        let rhs2 = c.clone();
        let mut log_det = 0.0;
        // z'rhs's part from the subjects: Σ_s θ_s t_s u_s, accumulated as coefficients of x2.
        let mut zr_const = 0.0;
        let mut zr_lin = vec![0.0; q];
        for g in &self.groups {
            let d = ts * ts * g.k + 1.0;
            log_det += g_count(g) * d.ln();
            // b_s = [θ_s θ_r N_s, θ_s k]; S −= Σ b_s b_s' / d; c −= Σ b_s (θ_s t_s) / d.
            let (a, b) = (ts * tr, ts * g.k);
            for j in 0..r {
                for l in 0..r {
                    s[j * q + l] -= a * a * g.nn[j * r + l] / d;
                }
                let cross = a * b * g.n_sum[j] / d;
                s[j * q + r] -= cross;
                s[r * q + j] -= cross;
                c[j] -= a * ts * g.nt[j] / d;
                zr_lin[j] -= ts * a * g.nt[j] / d;
            }
            s[r * q + r] -= b * b * g_count(g) / d;
            c[r] -= b * ts * g.t / d;
            zr_lin[r] -= ts * b * g.t / d;
            zr_const += ts * ts * g.tt / d;
        }
        // Cholesky of S (lower, in place).
        for j in 0..q {
            let mut diag = s[j * q + j];
            for k in 0..j {
                diag -= s[j * q + k] * s[j * q + k];
            }
            if !(diag > 0.0 && diag.is_finite()) {
                return None;
            }
            let l = diag.sqrt();
            s[j * q + j] = l;
            log_det += 2.0 * l.ln();
            for i in j + 1..q {
                let mut x = s[i * q + j];
                for k in 0..j {
                    x -= s[i * q + k] * s[j * q + k];
                }
                s[i * q + j] = x / l;
            }
        }
        // x2 = S⁻¹ c.
        let mut x = c;
        for i in 0..q {
            for k in 0..i {
                x[i] -= s[i * q + k] * x[k];
            }
            x[i] /= s[i * q + i];
        }
        for i in (0..q).rev() {
            for k in i + 1..q {
                x[i] -= s[k * q + i] * x[k];
            }
            x[i] /= s[i * q + i];
        }
        // pwrss = y'y − z'rhs, z'rhs = Σ_s θ_s t_s u_s + x2·rhs2.
        let zr = zr_const
            + x.iter()
                .zip(&zr_lin)
                .zip(&rhs2)
                .map(|((x, l), r)| x * (l + r))
                .sum::<f64>();
        let pwrss = self.yy - zr;
        let df = self.n - 1.0;
        if !(pwrss > 0.0 && df > 0.0) {
            return None;
        }
        let value = log_det + df * (1.0 + (2.0 * std::f64::consts::PI * pwrss / df).ln());
        value.is_finite().then_some((value, pwrss))
    }
}

/// Number of subjects in a group: Σ_s k_s / k, kept as Σ N_s summed over raters.
fn g_count(g: &Group) -> f64 {
    g.n_sum.iter().sum::<f64>() / g.k
}

/// Nelder–Mead on two parameters from `start`, to a simplex whose values agree within 1e-12.
fn nelder_mead(f: &dyn Fn([f64; 2]) -> f64, start: [f64; 2], step: f64) -> [f64; 2] {
    let mut pts = [
        start,
        [start[0] + step, start[1]],
        [start[0], start[1] + step],
    ];
    let mut vals = pts.map(f);
    for _ in 0..4000 {
        let mut idx = [0usize, 1, 2];
        crate::sort::sort_order_by_value(&mut idx, &vals);
        let (best, mid, worst) = (idx[0], idx[1], idx[2]);
        let spread = (vals[worst] - vals[best]).abs();
        let size = (0..2)
            .map(|i| (pts[worst][i] - pts[best][i]).abs() + (pts[mid][i] - pts[best][i]).abs())
            .fold(0.0, f64::max);
        if spread <= 1e-12 * (1.0 + vals[best].abs()) && size <= 1e-10 {
            break;
        }
        let centre = [
            (pts[best][0] + pts[mid][0]) / 2.0,
            (pts[best][1] + pts[mid][1]) / 2.0,
        ];
        let along = |t: f64| {
            [
                centre[0] + t * (pts[worst][0] - centre[0]),
                centre[1] + t * (pts[worst][1] - centre[1]),
            ]
        };
        let xr = along(-1.0);
        let fr = f(xr);
        if fr < vals[best] {
            let xe = along(-2.0);
            let fe = f(xe);
            if fe < fr {
                (pts[worst], vals[worst]) = (xe, fe);
            } else {
                (pts[worst], vals[worst]) = (xr, fr);
            }
        } else if fr < vals[mid] {
            (pts[worst], vals[worst]) = (xr, fr);
        } else {
            let xc = if fr < vals[worst] {
                along(-0.5)
            } else {
                along(0.5)
            };
            let fc = f(xc);
            if fc < vals[worst].min(fr) {
                (pts[worst], vals[worst]) = (xc, fc);
            } else {
                for i in [mid, worst] {
                    pts[i] = [
                        (pts[i][0] + pts[best][0]) / 2.0,
                        (pts[i][1] + pts[best][1]) / 2.0,
                    ];
                    vals[i] = f(pts[i]);
                }
            }
        }
    }
    let mut best = 0;
    for i in 1..3 {
        if vals[i] < vals[best] {
            best = i;
        }
    }
    pts[best]
}

/// ICC(A,1) and ICC(C,1) of a subjects × raters matrix (row-major, `None` = not rated) from the
/// REML variance components of the crossed model (see the module documentation). Every present
/// rating is used; subjects or raters without any rating drop out, as in lme4.
///
/// # Errors
/// [`Code::SampleTooSmall`] with fewer than two subjects or two raters with ratings, or no more
/// ratings than subjects + raters (nothing left for the residual); [`Code::TooLarge`] above
/// [`MAX_REML_RATERS`] raters; [`Code::NoVariation`] when the ratings do not vary or the
/// fit fails; and those of the matrix check (shape, finite values).
pub fn icc_reml(ratings: &[Option<f64>], n_subjects: usize, n_raters: usize) -> Result<IccReml> {
    super::check_matrix(ratings, n_subjects, n_raters)?;
    let present: Vec<(usize, usize, f64)> = ratings
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.map(|x| (i / n_raters.max(1), i % n_raters.max(1), x)))
        .collect();
    // Raters with ratings, renumbered.
    let mut rater_index = vec![usize::MAX; n_raters];
    let mut r = 0;
    for &(_, j, _) in &present {
        if let Some(slot) = rater_index.get_mut(j) {
            if *slot == usize::MAX {
                *slot = r;
                r += 1;
            }
        }
    }
    let mut subjects_seen = vec![false; n_subjects];
    for &(s, _, _) in &present {
        if let Some(x) = subjects_seen.get_mut(s) {
            *x = true;
        }
    }
    let n_s = subjects_seen.iter().filter(|&&x| x).count();
    let n = present.len();
    if n_s < 2 || r < 2 || n <= n_s + r {
        return Err(Error::new(
            Code::SampleTooSmall,
            "the variance components need at least two subjects and two raters, and more \
             ratings than subjects + raters",
        )
        .with("n", n_s)
        .with("raters", r)
        .with("ratings", n));
    }
    if r > MAX_REML_RATERS {
        return Err(Error::new(
            Code::TooLarge,
            format!("the variance components are fitted for at most {MAX_REML_RATERS} raters"),
        )
        .with("what", "remlRaters")
        .with("limit", MAX_REML_RATERS)
        .with("requested", r));
    }
    let mean = present.iter().map(|x| x.2).sum::<f64>() / n as f64;
    let mut m = vec![0.0; r];
    let mut y_r = vec![0.0; r];
    let (mut y_sum, mut yy) = (0.0, 0.0);
    let mut groups: BTreeMap<usize, Group> = BTreeMap::new();
    let mut row: Vec<(usize, f64)> = Vec::new();
    let mut flush = |row: &mut Vec<(usize, f64)>| {
        if row.is_empty() {
            return;
        }
        let k = row.len();
        let g = groups.entry(k).or_insert_with(|| Group {
            k: k as f64,
            nn: vec![0.0; r * r],
            n_sum: vec![0.0; r],
            nt: vec![0.0; r],
            t: 0.0,
            tt: 0.0,
        });
        let t: f64 = row.iter().map(|x| x.1).sum();
        for &(j, _) in row.iter() {
            for &(l, _) in row.iter() {
                g.nn[j * r + l] += 1.0;
            }
            g.n_sum[j] += 1.0;
            g.nt[j] += t;
        }
        g.t += t;
        g.tt += t * t;
        row.clear();
    };
    let mut current = usize::MAX;
    for &(s, j, x) in &present {
        if s != current {
            flush(&mut row);
            current = s;
        }
        let (j, y) = (rater_index.get(j).copied().unwrap_or(0), x - mean);
        row.push((j, y));
        m[j] += 1.0;
        y_r[j] += y;
        y_sum += y;
        yy += y * y;
    }
    flush(&mut row);
    let degenerate = |what: &str| {
        Error::new(
            Code::NoVariation,
            format!("the variance components cannot be estimated: {what}"),
        )
    };
    if yy <= 0.0 || yy.is_nan() {
        return Err(degenerate("the ratings do not vary"));
    }
    let design = Design {
        groups: groups.into_values().collect(),
        m,
        y_r,
        n: n as f64,
        y_sum,
        yy,
    };
    let f = |t: [f64; 2]| design.criterion(t).map_or(f64::INFINITY, |x| x.0);
    // lme4 starts at θ = 1; a second search from the first's end makes a collapsed simplex
    // unlikely to stop short.
    let first = nelder_mead(&f, [1.0, 1.0], 0.5);
    let theta = nelder_mead(&f, first, 0.05);
    let (reml_criterion, pwrss) = design
        .criterion(theta)
        .ok_or_else(|| degenerate("the fit did not converge"))?;
    let var_error = pwrss / (design.n - 1.0);
    let (ts, tr) = (theta[0].abs(), theta[1].abs());
    let (var_subjects, var_raters) = (ts * ts * var_error, tr * tr * var_error);
    Ok(IccReml {
        n: n_s,
        raters: r,
        ratings: n,
        var_subjects,
        var_raters,
        var_error,
        icc_agreement: var_subjects / (var_subjects + var_raters + var_error),
        icc_consistency: var_subjects / (var_subjects + var_error),
        reml_criterion,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_balanced_design_gives_the_anova_iccs() {
        // With every row complete and positive ANOVA components, REML = ANOVA, so ICC(A,1) and
        // ICC(C,1) are Shrout–Fleiss ICC2 and ICC3.
        let x = [
            9.0, 2.0, 5.0, 8.0, 6.0, 1.0, 3.0, 2.0, 8.0, 4.0, 6.0, 8.0, 7.0, 1.0, 2.0, 6.0, 10.0,
            5.0, 6.0, 9.0, 6.0, 2.0, 4.0, 7.0,
        ];
        let m: Vec<Option<f64>> = x.iter().map(|&v| Some(v)).collect();
        let anova = super::super::icc(&m, 6, 4, 0.95).unwrap();
        let reml = icc_reml(&m, 6, 4).unwrap();
        let form = |name: &str| anova.forms.iter().find(|f| f.form == name).unwrap().icc;
        assert!((reml.icc_agreement - form("ICC2")).abs() < 1e-7, "{reml:?}");
        assert!(
            (reml.icc_consistency - form("ICC3")).abs() < 1e-7,
            "{reml:?}"
        );
    }

    #[test]
    fn too_small_or_flat_designs_are_errors() {
        let m = [Some(1.0), None, None, Some(2.0)];
        assert_eq!(icc_reml(&m, 2, 2).unwrap_err().code, Code::SampleTooSmall);
        let flat = [Some(1.0); 12];
        assert_eq!(icc_reml(&flat, 4, 3).unwrap_err().code, Code::NoVariation);
    }
}
