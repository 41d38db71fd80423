//! Ranking with honest uncertainty: resample the reviewers, recompute every proposal's score,
//! and report where each proposal's rank falls and how often it makes the top k.
//!
//! Notes ([`BootstrapRanks::warnings`], warnings):
//!
//! | code | params |
//! |---|---|
//! | `ranking_not_drawn` | `n`: proposals with no reviewer drawn in some resamples |

mod order;

use super::calibration::{calibrate_design, fit_weighted};
use super::prng::Xoshiro256StarStar;
use super::round::{design, Design};
use super::scores::summarize;
use super::{Round, Rubric};
use crate::conditions::method::Method;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use order::Ranker;
use serde::{Deserialize, Serialize};

/// Most resamples × proposals [`bootstrap_ranks`] accepts (the drawn ranks it keeps: 20 MB).
pub const MAX_BOOTSTRAP_CELLS: usize = 5_000_000;

/// Most arithmetic of one bootstrap, resamples × the work of one resample (see
/// [`resample_work`]): a few seconds in WebAssembly, in the worker, cancellable. 10,000
/// resamples of 2,000 reviews × 8 conditions are 1.6e8; calibrated with 100 reviewers, 5e8.
pub const MAX_BOOTSTRAP_WORK: f64 = 1e9;

/// The work of one resample: draw the reviewers, reweigh every review's scores, rank the
/// proposals, and with calibration fit the additive model (a Cholesky factorization over
/// the reviewers, r³/3).
fn resample_work(d: &Design, calibrated: bool, complete: &[bool]) -> f64 {
    let (n_p, n_r) = (
        d.round.proposals.len() as f64,
        d.round.reviewers.len() as f64,
    );
    let n_c = d.rubric.conditions.len().max(1);
    let entries: f64 = d
        .by_proposal
        .iter()
        .zip(complete)
        .map(|(range, &c)| (range.len() * if c && !calibrated { 1 } else { n_c }) as f64)
        .sum();
    let rank = n_p * n_p.max(2.0).log2();
    let fit = if calibrated {
        n_r * n_r * n_r / 3.0 + n_r * n_r + entries
    } else {
        0.0
    };
    n_r + entries + rank + fit
}

/// Options of [`bootstrap_ranks`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct BootstrapOptions {
    /// Number of resamples, 1–100,000; default 1,000.
    #[cfg_attr(test, ts(as = "Option<usize>", optional))]
    pub resamples: usize,
    /// Seed of the generator: the same seed gives the same result everywhere; default 1.
    #[cfg_attr(test, ts(as = "Option<u64>", optional))]
    pub seed: u64,
    /// The k of "probability of being in the top k"; default 3.
    #[cfg_attr(test, ts(as = "Option<usize>", optional))]
    pub top_k: usize,
    /// Coverage of the rank interval; default 0.95 (2.5th to 97.5th percentile).
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
    /// Rank calibrated scores (the additive model refitted in every resample) instead of raw
    /// weighted scores; default false.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub calibrated: bool,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            resamples: 1000,
            seed: 1,
            top_k: 3,
            level: 0.95,
            calibrated: false,
        }
    }
}

/// One proposal's rank and its uncertainty.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RankInterval {
    /// The proposal's id.
    pub proposal_id: String,
    /// Its score on the full panel (raw or calibrated), 0–100.
    pub score: Option<f64>,
    /// Its rank on the full panel (1 = best; ties share the better rank).
    pub rank: Option<usize>,
    /// Median rank over the resamples.
    pub median_rank: Option<usize>,
    /// Expected rank: the mean rank over the resamples in which it was scored (Heyard et al.
    /// 2022's ER, here over the bootstrap rather than a posterior).
    pub expected_rank: Option<f64>,
    /// Lower end of the rank interval (the better rank).
    pub rank_lower: Option<usize>,
    /// Upper end of the rank interval (the worse rank).
    pub rank_upper: Option<usize>,
    /// Share of resamples in which it ranks in the top k, in [0, 1]: in which fewer than k
    /// proposals score strictly higher (competition ranks, ties share the better rank). With
    /// ties more than k proposals can be in one resample's top k, so the column can sum to
    /// more than k (see docs/api.md).
    pub p_top_k: Option<f64>,
    /// Resamples in which at least one of its reviewers was drawn (it had a score).
    pub resamples_scored: usize,
}

/// Bootstrap ranks of a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BootstrapRanks {
    /// `Method::BootstrapReviewers`.
    pub method: Method,
    /// `"raw"` or `"calibrated"`.
    pub scores: &'static str,
    /// Resamples drawn.
    pub resamples: usize,
    /// The seed used.
    pub seed: u64,
    /// The k of `pTopK`.
    pub top_k: usize,
    /// Coverage of the rank intervals.
    pub level: f64,
    /// Reviewers resampled.
    pub reviewers: usize,
    /// Per proposal, in round order.
    pub proposals: Vec<RankInterval>,
    /// Notes, e.g. proposals left unscored in some resamples.
    pub warnings: Vec<Note>,
}

/// Every proposal's rank on the full panel, in round order, by raw and by calibrated score:
/// competition ranks ("1, 2, 2, 4": 1 + the number of proposals that score strictly higher,
/// so ties share the better rank); `null` for a proposal without a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Ranks {
    /// Ranks by raw weighted score.
    pub raw: Vec<Option<usize>>,
    /// Ranks by calibrated score.
    pub calibrated: Vec<Option<usize>>,
}

impl Ranks {
    /// Ranks of the raw and calibrated scores (each in round order).
    pub fn of(raw: &[Option<f64>], calibrated: &[Option<f64>]) -> Ranks {
        let mut ranker = Ranker::default();
        Ranks {
            raw: ranker.ranks(raw),
            calibrated: ranker.ranks(calibrated),
        }
    }
}

/// Type-1 quantile (inverse of the empirical cdf) of ranks, by selection rather than a sort
/// (#20): the order statistic is the same value, and the list's order does not matter to its
/// other uses (its length and its exact integer sum).
fn quantile(ranks: &mut [u32], q: f64) -> Option<usize> {
    let n = ranks.len();
    if n == 0 {
        return None;
    }
    let idx = ((q * n as f64).ceil() as usize).clamp(1, n) - 1;
    ranks.select_nth_unstable(idx);
    ranks.get(idx).map(|&r| r as usize)
}

pub(crate) fn check(options: &BootstrapOptions, n_p: usize, max_cells: usize) -> Result<()> {
    crate::error::level(options.level)?;
    if options.resamples == 0 || options.resamples > 100_000 {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            format!(
                "resamples must be between 1 and 100,000, got {}",
                options.resamples
            ),
        )
        .with("resamples", options.resamples));
    }
    if options.top_k == 0 {
        return Err(
            Error::new(Code::ParameterOutOfRange, "topK must be at least 1").with("topK", 0usize),
        );
    }
    if options.resamples.saturating_mul(n_p) > max_cells {
        return Err(Error::new(
            Code::TooLarge,
            format!("resamples × proposals must stay below {max_cells}: use fewer resamples"),
        )
        .with("resamples", options.resamples)
        .with("proposals", n_p)
        .with("what", "bootstrapCells")
        .with("limit", max_cells)
        .with("requested", options.resamples.saturating_mul(n_p)));
    }
    Ok(())
}

/// Proposals whose every review has a score on every condition of positive weight.
fn complete_proposals(d: &Design) -> Vec<bool> {
    d.by_proposal
        .iter()
        .map(|range| {
            d.reviews.get(range.clone()).unwrap_or(&[]).iter().all(|v| {
                d.scaled(v)
                    .iter()
                    .zip(&d.weights)
                    .all(|(s, w)| s.is_some() || *w <= 0.0)
            })
        })
        .collect()
}

/// The reviews that have an overall score, compact (reviewer index, overall score 0–100) and
/// grouped by proposal in review order, so that the shortcut of [`raw_scores`] streams 16 bytes
/// per review instead of a whole [`super::round::Review`] (#20: the W6 round's 200,000 reviews
/// are read in every resample).
struct Overall {
    reviews: Vec<(u32, f64)>,
    /// Proposal `p`'s reviews are `reviews[start[p]..start[p + 1]]`.
    start: Vec<usize>,
}

impl Overall {
    fn of(d: &Design) -> Overall {
        let mut reviews = Vec::with_capacity(d.reviews.len());
        let mut start = Vec::with_capacity(d.by_proposal.len() + 1);
        start.push(0);
        for range in &d.by_proposal {
            reviews.extend(
                d.reviews
                    .get(range.clone())
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|v| v.overall.map(|o| (v.r as u32, o))),
            );
            start.push(reviews.len());
        }
        Overall { reviews, start }
    }
}

/// Raw weighted scores with reviewer multiplicities `m`.
///
/// A proposal whose every review scores every weighted condition ([`complete_proposals`]) takes
/// the shortcut `Σ_r m_r overall_r / Σ_r m_r`, equal to the per-condition formula because then
/// every condition has the same denominator `Σ_r m_r`.
fn raw_scores(
    d: &Design,
    m: &[f64],
    (complete, overall): (&[bool], &Overall),
    (num, den): (&mut [f64], &mut [f64]),
    out: &mut [Option<f64>],
) {
    for (p, range) in d.by_proposal.iter().enumerate() {
        if complete.get(p) == Some(&true) {
            let (mut sum, mut total) = (0.0, 0.0);
            let at = overall.start.get(p).copied().unwrap_or(0)
                ..overall.start.get(p + 1).copied().unwrap_or(0);
            // Branch-free (#20): a reviewer not drawn has w = 0 and adds exactly +0.0 to both
            // sums (o is finite), so the sums are those of the drawn reviewers, bit for bit,
            // without the mispredicted branch a third of the reviews took.
            for &(r, o) in overall.reviews.get(at).unwrap_or(&[]) {
                let w = m.get(r as usize).copied().unwrap_or(0.0);
                sum += w * o;
                total += w;
            }
            if let Some(slot) = out.get_mut(p) {
                *slot = (total > 0.0).then(|| sum / total);
            }
            continue;
        }
        num.iter_mut().for_each(|x| *x = 0.0);
        den.iter_mut().for_each(|x| *x = 0.0);
        for v in d.reviews.get(range.clone()).unwrap_or(&[]) {
            let w = m.get(v.r).copied().unwrap_or(0.0);
            if w == 0.0 {
                continue;
            }
            for ((s, n), dd) in d.scaled(v).iter().zip(num.iter_mut()).zip(den.iter_mut()) {
                if let Some(s) = s {
                    *n += w * s;
                    *dd += w;
                }
            }
        }
        let (mut sum, mut total) = (0.0, 0.0);
        for ((n, dd), w) in num.iter().zip(den.iter()).zip(&d.weights) {
            if *dd > 0.0 && *w > 0.0 {
                sum += w * n / dd;
                total += w;
            }
        }
        if let Some(slot) = out.get_mut(p) {
            *slot = (total > 0.0).then(|| sum / total);
        }
    }
}

/// Calibrated scores with reviewer multiplicities `m` (the additive model refitted).
fn calibrated_scores(d: &Design, m: &[f64], overall: &[Option<f64>]) -> Result<Vec<Option<f64>>> {
    let obs: Vec<(usize, usize, f64, f64)> = d
        .reviews
        .iter()
        .zip(overall)
        .filter_map(|(v, y)| {
            let w = m.get(v.r).copied().unwrap_or(0.0);
            y.filter(|_| w > 0.0).map(|y| (v.p, v.r, y, w))
        })
        .collect();
    Ok(fit_weighted(d.round.proposals.len(), d.round.reviewers.len(), &obs)?.proposal_effects)
}

/// Rank intervals by bootstrapping the reviewers: each resample draws as many reviewers as the
/// panel has, with replacement, and recomputes every proposal's score from the drawn reviewers'
/// reviews (a reviewer drawn twice counts twice). A proposal none of whose reviewers is drawn
/// has no score in that resample and is left out of its ranking (`resamplesScored` says how
/// often it was scored). Ranks are competition ranks among the scored proposals.
///
/// # Formula
/// ```text
/// for b = 1..B: m ~ Multinomial(R; 1/R, …, 1/R) reviewer counts (xoshiro256**, seed)
///   score_p^b = Σ_c w_c (Σ_r m_r s_prc / Σ_r m_r) / Σ_c w_c      (raw), or a_p of the
///   additive model weighted by m                                 (calibrated)
///   rank_p^b = 1 + #{q : score_q^b > score_p^b}
/// interval: type-1 quantiles of rank_p^b at (1 − level)/2 and (1 + level)/2
/// pTopK = #{b : rank_p^b ≤ k} / #{b : p scored}
/// ```
///
/// # Errors
/// Every error of [`super::validate_round`]; [`Code::ParameterOutOfRange`] for 0 or more than
/// 100,000 resamples or `topK = 0`; [`Code::LevelOutOfRange`]; [`Code::TooLarge`] above
/// [`MAX_BOOTSTRAP_CELLS`] resamples × proposals or [`MAX_BOOTSTRAP_WORK`] operations (with
/// `what`, `limit` and `requested`).
///
/// # References
/// Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*, ch. 6; Hall, P. &
/// Miller, H. (2009). Using the bootstrap to quantify the authority of an empirical ranking.
/// *Annals of Statistics* 37, 3929–3959.
pub fn bootstrap_ranks(
    rubric: &Rubric,
    round: &Round,
    options: &BootstrapOptions,
) -> Result<BootstrapRanks> {
    let d = design(rubric, round)?;
    check(options, round.proposals.len(), MAX_BOOTSTRAP_CELLS)?;
    bootstrap_design(&d, options, &mut |_, _| {})
}

/// How many resamples a progress report covers: about fifty reports per bootstrap, each after
/// a whole chunk, so that a page can draw a progress bar without slowing the loop.
pub(crate) fn progress_chunk(resamples: usize) -> usize {
    resamples.div_ceil(50).max(1)
}

/// [`bootstrap_ranks`] on a design already built, its options checked against a cell limit
/// by the caller (see [`check`]). `progress(done, total)` is called after every
/// [`progress_chunk`] resamples and after the last one.
pub(crate) fn bootstrap_design(
    d: &Design,
    options: &BootstrapOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BootstrapRanks> {
    let (rubric, round) = (d.rubric, d.round);
    let n_p = round.proposals.len();
    let n_r = round.reviewers.len();
    let complete = complete_proposals(d);
    let compact = Overall::of(d);
    let work = options.resamples as f64 * resample_work(d, options.calibrated, &complete);
    crate::stats::limits::at_most("bootstrapWork", MAX_BOOTSTRAP_WORK, work)
        .map_err(|e| e.with("resamples", options.resamples))?;
    let point: Vec<Option<f64>> = if options.calibrated {
        calibrate_design(d)?
            .proposals
            .into_iter()
            .map(|p| p.calibrated)
            .collect()
    } else {
        summarize(d)
            .proposals
            .into_iter()
            .map(|p| p.score)
            .collect()
    };
    let mut ranker = Ranker::default();
    let point_ranks = ranker.ranks(&point);
    let overall: Vec<Option<f64>> = d.reviews.iter().map(|v| v.overall).collect();
    let mut rng = Xoshiro256StarStar::seed_from_u64(options.seed);
    // The drawn ranks, resample by resample (#20): one resample writes one row of n_p ranks
    // (0 = not scored), which stays in cache, instead of one value into each of n_p lists
    // (a cache miss per proposal per resample, ~15% of W6's time by perf). The rows are read
    // back per block of proposals below, in the same resample order.
    let mut drawn: Vec<u32> = vec![0; options.resamples.saturating_mul(n_p)];
    let mut top = vec![0usize; n_p];
    let n_c = rubric.conditions.len();
    let (mut num, mut den) = (vec![0.0; n_c], vec![0.0; n_c]);
    let mut scores = vec![None; n_p];
    let mut m = vec![0.0; n_r];
    let chunk = progress_chunk(options.resamples);
    for b in 0..options.resamples {
        if b > 0 && b % chunk == 0 {
            progress(b, options.resamples);
        }
        m.iter_mut().for_each(|x| *x = 0.0);
        for _ in 0..n_r {
            if let Some(x) = m.get_mut(rng.below(n_r as u64) as usize) {
                *x += 1.0;
            }
        }
        if options.calibrated {
            scores = calibrated_scores(d, &m, &overall)?;
        } else {
            raw_scores(
                d,
                &m,
                (&complete, &compact),
                (&mut num, &mut den),
                &mut scores,
            );
        }
        let row = drawn.get_mut(b * n_p..(b + 1) * n_p).unwrap_or_default();
        ranker.rank(&scores, |p, rank| {
            if let (Some(slot), Some(t)) = (row.get_mut(p), top.get_mut(p)) {
                *slot = rank as u32;
                if rank <= options.top_k {
                    *t += 1;
                }
            }
        });
    }
    progress(options.resamples, options.resamples);
    let (lo, hi) = ((1.0 - options.level) / 2.0, (1.0 + options.level) / 2.0);
    let mut short = 0usize;
    let mut interval = |p: usize, list: &mut Vec<u32>| {
        let n = list.len();
        if n < options.resamples && point.get(p).copied().flatten().is_some() {
            short += 1;
        }
        RankInterval {
            proposal_id: round
                .proposals
                .get(p)
                .map_or(String::new(), |x| x.id.clone()),
            score: point.get(p).copied().flatten(),
            rank: point_ranks.get(p).copied().flatten(),
            median_rank: quantile(list, 0.5),
            expected_rank: (n > 0)
                .then(|| list.iter().map(|&r| f64::from(r)).sum::<f64>() / n as f64),
            rank_lower: quantile(list, lo),
            rank_upper: quantile(list, hi),
            p_top_k: (n > 0).then(|| top.get(p).copied().unwrap_or(0) as f64 / n as f64),
            resamples_scored: n,
        }
    };
    // Each proposal's ranks in resample order, BLOCK proposals at a time: every row is read
    // as one short contiguous run.
    const BLOCK: usize = 64;
    let mut lists: Vec<Vec<u32>> = (0..BLOCK)
        .map(|_| Vec::with_capacity(options.resamples))
        .collect();
    let mut proposals = Vec::with_capacity(n_p);
    for start in (0..n_p).step_by(BLOCK) {
        let end = (start + BLOCK).min(n_p);
        lists.iter_mut().for_each(Vec::clear);
        for row in drawn.chunks_exact(n_p.max(1)) {
            for (list, &r) in lists
                .iter_mut()
                .zip(row.get(start..end).unwrap_or_default())
            {
                if r > 0 {
                    list.push(r);
                }
            }
        }
        for (p, list) in (start..end).zip(lists.iter_mut()) {
            proposals.push(interval(p, list));
        }
    }
    let mut warnings = Vec::new();
    if short > 0 {
        warnings.push(Note::warning(NoteCode::RankingNotDrawn).with("n", short));
    }
    Ok(BootstrapRanks {
        method: Method::BootstrapReviewers,
        scores: if options.calibrated {
            "calibrated"
        } else {
            "raw"
        },
        resamples: options.resamples,
        seed: options.seed,
        top_k: options.top_k,
        level: options.level,
        reviewers: n_r,
        proposals,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_the_better_rank_and_unscored_have_none() {
        let r = Ranker::default().ranks(&[Some(50.0), Some(80.0), None, Some(50.0), Some(10.0)]);
        assert_eq!(r, vec![Some(2), Some(1), None, Some(2), Some(4)]);
    }

    #[test]
    fn round_analysis_ranks_match_its_scores() {
        let rubric = crate::conditions::default_rubric();
        let round: Round = serde_json::from_str(crate::conditions::EXAMPLE_ROUND_JSON).unwrap();
        let a = crate::conditions::analyze_round(&rubric, &round, &Default::default()).unwrap();
        let raw: Vec<Option<f64>> = a.scores.proposals.iter().map(|p| p.score).collect();
        for (i, rank) in a.ranks.raw.iter().enumerate() {
            let s = raw[i].unwrap();
            let better = raw.iter().flatten().filter(|&&x| x > s).count();
            assert_eq!(*rank, Some(better + 1), "proposal {i}");
        }
        assert_eq!(a.ranks.calibrated.len(), round.proposals.len());
    }

    #[test]
    fn type_one_quantiles_are_observed_ranks() {
        let mut ranks = [5, 1, 9, 2, 3, 2, 1, 4, 2, 3];
        assert_eq!(quantile(&mut ranks, 0.025), Some(1));
        assert_eq!(quantile(&mut ranks, 0.5), Some(2));
        assert_eq!(quantile(&mut ranks, 0.975), Some(9));
        assert_eq!(quantile(&mut [], 0.5), None);
    }

    #[test]
    fn options_are_checked() {
        let bad = BootstrapOptions {
            resamples: 0,
            ..Default::default()
        };
        assert_eq!(
            check(&bad, 10, MAX_BOOTSTRAP_CELLS).unwrap_err().code,
            Code::ParameterOutOfRange
        );
        let bad = BootstrapOptions {
            top_k: 0,
            ..Default::default()
        };
        assert_eq!(
            check(&bad, 10, MAX_BOOTSTRAP_CELLS).unwrap_err().code,
            Code::ParameterOutOfRange
        );
        let big = BootstrapOptions {
            resamples: 100_000,
            ..Default::default()
        };
        assert_eq!(
            check(&big, 1000, MAX_BOOTSTRAP_CELLS).unwrap_err().code,
            Code::TooLarge
        );
    }

    #[test]
    fn ties_share_the_better_rank_so_top_k_can_hold_more_than_k() {
        let r = Ranker::default().ranks(&[Some(2.0), Some(3.0), Some(3.0), None, Some(1.0)]);
        assert_eq!(r, vec![Some(3), Some(1), Some(1), None, Some(4)]);
        // With k = 1 both tied proposals are in the top 1: P(top 1) sums to 2 here.
        assert_eq!(r.iter().flatten().filter(|&&x| x <= 1).count(), 2);
    }
}
