//! Reviewer calibration: some reviewers score harshly, some generously. An additive model
//! separates proposal quality from reviewer leniency over an incomplete design; per-reviewer
//! z-scores are offered as the simple alternative.
//!
//! Notes ([`Calibration::warnings`], warnings):
//!
//! | code | params |
//! |---|---|
//! | `calibration_no_z_scores` | `reviewer`: fewer than two reviews or no spread |
//! | `calibration_disconnected` | `groups` (count), `reviewerGroups` (a list of reviewer-id lists): offsets comparable only within a group |

use super::round::{design, Design};
use super::{Round, Rubric};
use crate::conditions::method::Method;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode, Param};
use serde::Serialize;

/// Most reviewers [`fit_additive`] accepts (the reviewer system is solved densely).
pub const MAX_REVIEWERS: usize = 2000;

/// The least-squares fit of `score = proposal effect + reviewer effect + noise`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AdditiveFit {
    /// Proposal effects (calibrated scores, on the scores' scale); `null` for a proposal with no
    /// observation.
    pub proposal_effects: Vec<Option<f64>>,
    /// Reviewer effects (offsets; positive = generous), summing to zero within each connected
    /// group; `null` for a reviewer with no observation.
    pub reviewer_effects: Vec<Option<f64>>,
    /// Connected group of each reviewer (reviewers linked through shared proposals); `null` for
    /// a reviewer with no observation.
    pub reviewer_group: Vec<Option<usize>>,
    /// Number of connected groups; more than one means the groups' scores are not comparable.
    pub groups: usize,
    /// Residual standard deviation; `null` when the residual degrees of freedom are 0.
    pub residual_sd: Option<f64>,
    /// Residual degrees of freedom: N − proposals − reviewers + groups.
    pub df_residual: f64,
}

/// Adds `x` to `v[i]` (ignored out of range).
fn add(v: &mut [f64], i: usize, x: f64) {
    if let Some(slot) = v.get_mut(i) {
        *slot += x;
    }
}

/// Sets `v[i] = x` (ignored out of range).
fn set<T>(v: &mut [T], i: usize, x: T) {
    if let Some(slot) = v.get_mut(i) {
        *slot = x;
    }
}

/// Union–find over reviewers.
fn find(parent: &mut [usize], mut x: usize) -> usize {
    while let Some(&p) = parent.get(x) {
        if p == x {
            break;
        }
        let gp = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(x) {
            *slot = gp;
        }
        x = gp;
    }
    x
}

/// Solves `a x = b` (dense, row-major `n × n`) by Gaussian elimination with partial pivoting.
fn solve_dense(mut a: Vec<f64>, mut b: Vec<f64>, n: usize) -> Option<Vec<f64>> {
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| {
            let x = a.get(i * n + col).map_or(0.0, |v| v.abs());
            let y = a.get(j * n + col).map_or(0.0, |v| v.abs());
            x.total_cmp(&y)
        })?;
        let p = *a.get(pivot * n + col)?;
        if p.abs() < 1e-12 {
            return None;
        }
        if pivot != col {
            for k in 0..n {
                a.swap(pivot * n + k, col * n + k);
            }
            b.swap(pivot, col);
        }
        for row in col + 1..n {
            let f = a.get(row * n + col)? / p;
            if f == 0.0 {
                continue;
            }
            for k in col..n {
                let v = *a.get(col * n + k)?;
                *a.get_mut(row * n + k)? -= f * v;
            }
            let bc = *b.get(col)?;
            *b.get_mut(row)? -= f * bc;
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let mut s = *b.get(row)?;
        for k in row + 1..n {
            s -= a.get(row * n + k)? * x.get(k)?;
        }
        *x.get_mut(row)? = s / a.get(row * n + row)?;
    }
    Some(x)
}

/// Weighted fit over observations `(proposal, reviewer, score, weight)` sorted by proposal.
/// Weights are multiplicities (the bootstrap draws a reviewer several times).
pub(crate) fn fit_weighted(
    n_p: usize,
    n_r: usize,
    obs: &[(usize, usize, f64, f64)],
) -> Result<AdditiveFit> {
    if n_r > MAX_REVIEWERS {
        return Err(Error::new(
            Code::TooLarge,
            format!("calibration handles at most {MAX_REVIEWERS} reviewers, got {n_r}"),
        )
        .with("reviewers", n_r)
        .with("what", "reviewers")
        .with("limit", MAX_REVIEWERS)
        .with("requested", n_r));
    }
    let mut parent: Vec<usize> = (0..n_r).collect();
    let mut active = vec![false; n_r];
    let mut l = vec![0.0; n_r * n_r];
    let mut c = vec![0.0; n_r];
    let mut effects_a = vec![None; n_p];
    let (mut n_obs, mut n_prop) = (0.0, 0usize);
    let mut start = 0;
    while start < obs.len() {
        let p = obs.get(start).map_or(0, |o| o.0);
        let len = obs
            .get(start..)
            .map_or(0, |rest| rest.iter().take_while(|o| o.0 == p).count());
        let group = obs.get(start..start + len).unwrap_or(&[]);
        start += len.max(1);
        let w_p: f64 = group.iter().map(|o| o.3).sum();
        if w_p <= 0.0 {
            continue;
        }
        n_prop += 1;
        let mean = group.iter().map(|o| o.3 * o.2).sum::<f64>() / w_p;
        set(&mut effects_a, p, Some(mean));
        let first = group.first().map_or(0, |o| o.1);
        for &(_, r, y, w) in group.iter().filter(|o| o.3 > 0.0) {
            n_obs += w;
            set(&mut active, r, true);
            let (ra, rb) = (find(&mut parent, first), find(&mut parent, r));
            set(&mut parent, ra, rb);
            add(&mut c, r, w * (y - mean));
            add(&mut l, r * n_r + r, w);
            for &(_, s, _, v) in group {
                add(&mut l, r * n_r + s, -(w * v / w_p));
            }
        }
    }
    // One linear system per connected group, with Σ b = 0 in the group: (L + 11ᵀ) b = c.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = vec![None; n_r];
    for r in (0..n_r).filter(|&r| active.get(r) == Some(&true)) {
        let root = find(&mut parent, r);
        let g = match group_of.get(root).copied().flatten() {
            Some(g) => g,
            None => {
                groups.push(Vec::new());
                let g = groups.len() - 1;
                set(&mut group_of, root, Some(g));
                g
            }
        };
        if let Some(m) = groups.get_mut(g) {
            m.push(r);
        }
    }
    let mut b: Vec<Option<f64>> = vec![None; n_r];
    let mut reviewer_group = vec![None; n_r];
    for (g, members) in groups.iter().enumerate() {
        let m = members.len();
        let mut a = vec![1.0; m * m];
        let mut rhs = vec![0.0; m];
        for (i, &r) in members.iter().enumerate() {
            for (j, &s) in members.iter().enumerate() {
                add(
                    &mut a,
                    i * m + j,
                    l.get(r * n_r + s).copied().unwrap_or(0.0),
                );
            }
            set(&mut rhs, i, c.get(r).copied().unwrap_or(0.0));
        }
        let x = solve_dense(a, rhs, m).ok_or_else(|| {
            Error::new(
                Code::Internal,
                "the reviewer system is singular (a bug in waterline)",
            )
        })?;
        for (&r, v) in members.iter().zip(x) {
            set(&mut b, r, Some(v));
            set(&mut reviewer_group, r, Some(g));
        }
    }
    // Proposal effects a_p = ȳ_p − Σ w b_r / W_p, then residuals.
    let mut shift = vec![(0.0, 0.0); n_p];
    for &(p, r, _, w) in obs {
        if let (Some(slot), Some(Some(br))) = (shift.get_mut(p), b.get(r)) {
            slot.0 += w * br;
            slot.1 += w;
        }
    }
    for (a, (s, w)) in effects_a.iter_mut().zip(&shift) {
        if let Some(a) = a {
            *a -= s / w;
        }
    }
    let mut rss = 0.0;
    for &(p, r, y, w) in obs {
        if let (Some(Some(a)), Some(Some(br))) = (effects_a.get(p), b.get(r)) {
            rss += w * (y - a - br).powi(2);
        }
    }
    let df =
        n_obs - n_prop as f64 - active.iter().filter(|&&x| x).count() as f64 + groups.len() as f64;
    Ok(AdditiveFit {
        proposal_effects: effects_a,
        reviewer_effects: b,
        reviewer_group,
        groups: groups.len(),
        residual_sd: (df > 0.5).then(|| (rss.max(0.0) / df).sqrt()),
        df_residual: df,
    })
}

/// Least-squares fit of `score = proposal effect + reviewer effect + noise` over an incomplete
/// design, with the reviewer effects summing to zero (within each connected group of reviewers).
///
/// Observation `i` is proposal `proposal[i]` scored `score[i]` by reviewer `reviewer[i]`.
/// Proposal effects are eliminated analytically, leaving one small reviewer system (its Schur
/// complement), so 10,000 proposals × 20 reviewers is a 20 × 20 solve.
///
/// # Formula
/// ```text
/// minimize Σ (y_pr − a_p − b_r)²  subject to Σ_r b_r = 0 (per connected group)
/// a_p = ȳ_p − (1/n_p) Σ_{r∈R_p} b_r
/// L b = c:  L_rr = N_r − Σ_{p∈P_r} 1/n_p,  L_rs = −Σ_{p∈P_r∩P_s} 1/n_p,  c_r = Σ_{p∈P_r} (y_pr − ȳ_p)
/// solved as (L + 11ᵀ) b = c in each group
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`] when the three slices differ in length, [`Code::UnknownId`] for an
/// index out of range, [`Code::NotFinite`] for a non-finite score, [`Code::TooLarge`] above
/// [`MAX_REVIEWERS`].
///
/// # Examples
/// Two reviewers read the same two proposals; the second is 1 point more generous.
/// ```
/// let fit = waterline::conditions::fit_additive(2, 2, &[0, 0, 1, 1], &[0, 1, 0, 1],
///     &[2.0, 3.0, 1.0, 2.0]).unwrap();
/// assert!((fit.reviewer_effects[1].unwrap() - 0.5).abs() < 1e-12);
/// assert!((fit.proposal_effects[0].unwrap() - 2.5).abs() < 1e-12);
/// ```
///
/// # References
/// The additive two-way model without interaction for incomplete block designs (e.g. Searle,
/// *Linear Models for Unbalanced Data*, 1987, ch. 5); reviewer calibration as in Ge, Welling &
/// Ghahramani (2013), "A Bayesian model for calibrating conference review scores" (its
/// least-squares special case).
pub fn fit_additive(
    n_proposals: usize,
    n_reviewers: usize,
    proposal: &[usize],
    reviewer: &[usize],
    score: &[f64],
) -> Result<AdditiveFit> {
    if proposal.len() != reviewer.len() || proposal.len() != score.len() {
        return Err(Error::new(
            Code::LengthMismatch,
            format!(
                "proposal, reviewer and score must have the same length, got {}, {} and {}",
                proposal.len(),
                reviewer.len(),
                score.len()
            ),
        ));
    }
    let mut obs = Vec::with_capacity(score.len());
    for (i, ((&p, &r), &y)) in proposal.iter().zip(reviewer).zip(score).enumerate() {
        if p >= n_proposals || r >= n_reviewers {
            return Err(Error::new(
                Code::UnknownId,
                format!("observation {i} names proposal {p} or reviewer {r}, out of range"),
            )
            .with("index", i));
        }
        crate::error::finite("score", y)?;
        obs.push((p, r, y, 1.0));
    }
    obs.sort_by_key(|o| o.0);
    fit_weighted(n_proposals, n_reviewers, &obs)
}

/// One reviewer's calibration.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReviewerCalibration {
    /// The reviewer's id.
    pub reviewer_id: String,
    /// Reviews (proposals scored).
    pub reviews: usize,
    /// Offset in points on 0–100: positive = more generous than the average reviewer;
    /// `null` without reviews.
    pub offset: Option<f64>,
    /// Connected group (see [`AdditiveFit::reviewer_group`]).
    pub group: Option<usize>,
    /// Mean of the reviewer's weighted scores (0–100), the basis of the z-scores.
    pub mean: Option<f64>,
    /// Standard deviation of the reviewer's weighted scores; `null` with fewer than 2 reviews.
    pub sd: Option<f64>,
}

/// One proposal's calibrated scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CalibratedScore {
    /// The proposal's id.
    pub proposal_id: String,
    /// Mean of its reviewers' weighted scores, 0–100.
    pub raw: Option<f64>,
    /// Proposal effect of the additive model: the score an average reviewer would give (it can
    /// leave 0–100 slightly).
    pub calibrated: Option<f64>,
    /// Mean of its reviewers' z-scores (each review standardized by its reviewer's mean and sd).
    pub z: Option<f64>,
}

/// Reviewer calibration of a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Calibration {
    /// `Method::AdditiveLeastSquares` (with `"reviewer-z-score"` as the simple alternative).
    pub method: Method,
    /// Reviews used (reviewer × proposal weighted scores).
    pub n: usize,
    /// Connected groups of reviewers.
    pub groups: usize,
    /// Residual standard deviation of the additive model, in points.
    pub residual_sd: Option<f64>,
    /// Per reviewer, in round order.
    pub reviewers: Vec<ReviewerCalibration>,
    /// Per proposal, in round order.
    pub proposals: Vec<CalibratedScore>,
    /// Notes, e.g. a disconnected design.
    pub warnings: Vec<Note>,
}

pub(crate) fn calibrate_design(d: &Design) -> Result<Calibration> {
    let n_p = d.round.proposals.len();
    let n_r = d.round.reviewers.len();
    let obs: Vec<(usize, usize, f64, f64)> = d
        .reviews
        .iter()
        .filter_map(|v| v.overall.map(|y| (v.p, v.r, y, 1.0)))
        .collect();
    let fit = fit_weighted(n_p, n_r, &obs)?;
    let mut warnings = Vec::new();
    // z-scores per reviewer.
    let mut stats = vec![(0usize, 0.0, 0.0); n_r];
    for &(_, r, y, _) in &obs {
        if let Some(s) = stats.get_mut(r) {
            s.0 += 1;
            s.1 += y;
        }
    }
    for &(_, r, y, _) in &obs {
        if let Some(s) = stats.get_mut(r) {
            let m = s.1 / s.0 as f64;
            s.2 += (y - m).powi(2);
        }
    }
    let moments: Vec<(Option<f64>, Option<f64>)> = stats
        .iter()
        .map(|&(n, sum, ss)| {
            let mean = (n > 0).then(|| sum / n as f64);
            let sd = (n > 1)
                .then(|| (ss / (n - 1) as f64).sqrt())
                .filter(|s| *s > 0.0);
            (mean, sd)
        })
        .collect();
    let mut z = vec![(0.0, 0usize); n_p];
    let mut raw = vec![(0.0, 0usize); n_p];
    for &(p, r, y, _) in &obs {
        if let Some(x) = raw.get_mut(p) {
            *x = (x.0 + y, x.1 + 1);
        }
        if let (Some(slot), Some((Some(m), Some(s)))) = (z.get_mut(p), moments.get(r)) {
            *slot = (slot.0 + (y - m) / s, slot.1 + 1);
        }
    }
    let mean_of = |(s, n): (f64, usize)| (n > 0).then(|| s / n as f64);
    let reviewers: Vec<ReviewerCalibration> = d
        .round
        .reviewers
        .iter()
        .enumerate()
        .map(|(r, reviewer)| {
            let (mean, sd) = moments.get(r).copied().unwrap_or((None, None));
            let reviews = stats.get(r).map_or(0, |s| s.0);
            if reviews > 0 && sd.is_none() {
                warnings.push(
                    Note::warning(NoteCode::CalibrationNoZScores).with("reviewer", &reviewer.id),
                );
            }
            ReviewerCalibration {
                reviewer_id: reviewer.id.clone(),
                reviews,
                offset: fit.reviewer_effects.get(r).copied().flatten(),
                group: fit.reviewer_group.get(r).copied().flatten(),
                mean,
                sd,
            }
        })
        .collect();
    if fit.groups > 1 {
        let listing: Vec<Param> = (0..fit.groups)
            .map(|g| {
                let ids: Vec<&str> = reviewers
                    .iter()
                    .filter(|r| r.group == Some(g))
                    .map(|r| r.reviewer_id.as_str())
                    .collect();
                Param::from(ids)
            })
            .collect();
        warnings.push(
            Note::warning(NoteCode::CalibrationDisconnected)
                .with("groups", fit.groups)
                .with("reviewerGroups", listing),
        );
    }
    let proposals = d
        .round
        .proposals
        .iter()
        .enumerate()
        .map(|(p, proposal)| CalibratedScore {
            proposal_id: proposal.id.clone(),
            raw: raw.get(p).copied().and_then(mean_of),
            calibrated: fit.proposal_effects.get(p).copied().flatten(),
            z: z.get(p).copied().and_then(mean_of),
        })
        .collect();
    Ok(Calibration {
        method: Method::AdditiveLeastSquares,
        n: obs.len(),
        groups: fit.groups,
        residual_sd: fit.residual_sd,
        reviewers,
        proposals,
        warnings,
    })
}

/// Reviewer calibration of a round on the reviewers' weighted 0–100 scores: offsets and
/// calibrated proposal scores from [`fit_additive`], plus per-reviewer z-scores.
///
/// # Formula
/// ```text
/// y_pr = reviewer r's weighted score of proposal p (0–100, over the conditions r scored)
/// additive: y_pr = a_p + b_r + e, Σ b_r = 0;   calibrated_p = a_p,  offset_r = b_r
/// z-score: z_pr = (y_pr − mean_r) / sd_r;  z_p = mean of z_pr over p's reviewers
/// ```
///
/// # Errors
/// Every error of [`super::validate_round`] (the first found); [`Code::TooLarge`] above
/// [`MAX_REVIEWERS`] reviewers.
pub fn calibrate(rubric: &Rubric, round: &Round) -> Result<Calibration> {
    calibrate_design(&design(rubric, round)?)
}
