//! Weighted scores per proposal on 0–100, profiles by level and per-condition statistics.
//!
//! Notes ([`RoundScores::warnings`], warnings):
//!
//! | code | params |
//! |---|---|
//! | `scores_missing_conditions` | `proposal`, `conditions`: no score on these; the weighted score uses the others |

use super::round::{design, weighted, Design};
use super::{Round, Rubric};
use crate::conditions::method::Method;
use crate::error::Result;
use crate::note::{Note, NoteCode};
use serde::Serialize;

/// The reviewers' scores of one proposal on one condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ConditionSummary {
    /// The condition's id.
    pub condition_id: String,
    /// Reviewers who scored it.
    pub n: usize,
    /// Mean score on the condition's own scale; `null` when nobody scored it.
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1); `null` with fewer than two reviewers.
    pub sd: Option<f64>,
    /// Lowest score.
    pub min: Option<f64>,
    /// Highest score.
    pub max: Option<f64>,
    /// The mean rescaled to 0–100 of the scale's range.
    pub scaled: Option<f64>,
}

/// A proposal's score in one level (weighted over the level's conditions), 0–100.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LevelScore {
    /// The level's id.
    pub level_id: String,
    /// Weighted mean of the level's scaled condition means; `null` when none was scored.
    pub score: Option<f64>,
}

/// One proposal's scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProposalScore {
    /// The proposal's id.
    pub proposal_id: String,
    /// Weighted score on 0–100; `null` when the proposal has no scores.
    pub score: Option<f64>,
    /// Reviewers who scored the proposal.
    pub reviewers: usize,
    /// Profile by level, in rubric order.
    pub levels: Vec<LevelScore>,
    /// Per-condition statistics, in rubric order.
    pub conditions: Vec<ConditionSummary>,
    /// Conditions nobody scored for this proposal (left out of its weighted score).
    pub missing_conditions: Vec<String>,
}

/// Weighted scores of every proposal of a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoundScores {
    /// `Method::WeightedMeanOfConditionMeans`.
    pub method: Method,
    /// Proposals, in round order.
    pub proposals: Vec<ProposalScore>,
    /// Notes, e.g. proposals scored on only some conditions.
    pub warnings: Vec<Note>,
}

pub(crate) fn summarize(d: &Design) -> RoundScores {
    let mut warnings = Vec::new();
    let proposals = d
        .round
        .proposals
        .iter()
        .zip(&d.by_proposal)
        .map(|(proposal, range)| {
            let reviews = d.reviews.get(range.clone()).unwrap_or(&[]);
            let conditions: Vec<ConditionSummary> = d
                .rubric
                .conditions
                .iter()
                .enumerate()
                .map(|(c, condition)| {
                    let xs: Vec<f64> = reviews
                        .iter()
                        .filter_map(|v| d.raw(v).get(c).copied().flatten())
                        .collect();
                    let n = xs.len();
                    let mean = (n > 0).then(|| xs.iter().sum::<f64>() / n as f64);
                    let sd = mean.filter(|_| n > 1).map(|m| {
                        (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
                    });
                    ConditionSummary {
                        condition_id: condition.id.clone(),
                        n,
                        mean,
                        sd,
                        min: xs.iter().copied().reduce(f64::min),
                        max: xs.iter().copied().reduce(f64::max),
                        scaled: mean.map(|m| condition.rescale(m)),
                    }
                })
                .collect();
            let scaled: Vec<Option<f64>> = conditions.iter().map(|c| c.scaled).collect();
            let levels = d
                .rubric
                .levels
                .iter()
                .map(|level| {
                    let w: Vec<f64> = d
                        .rubric
                        .conditions
                        .iter()
                        .map(|c| {
                            if c.level_id == level.id {
                                c.weight
                            } else {
                                0.0
                            }
                        })
                        .collect();
                    LevelScore {
                        level_id: level.id.clone(),
                        score: weighted(&scaled, &w),
                    }
                })
                .collect();
            let missing_conditions: Vec<String> = conditions
                .iter()
                .filter(|c| c.n == 0)
                .map(|c| c.condition_id.clone())
                .collect();
            if !reviews.is_empty() && !missing_conditions.is_empty() {
                warnings.push(
                    Note::warning(NoteCode::ScoresMissingConditions)
                        .with("proposal", &proposal.id)
                        .with("conditions", missing_conditions.clone()),
                );
            }
            ProposalScore {
                proposal_id: proposal.id.clone(),
                score: weighted(&scaled, &d.weights),
                reviewers: reviews.len(),
                levels,
                conditions,
                missing_conditions,
            }
        })
        .collect();
    RoundScores {
        method: Method::WeightedMeanOfConditionMeans,
        proposals,
        warnings,
    }
}

/// Weighted score per proposal on 0–100, its profile by level and per-condition statistics.
///
/// # Formula
/// ```text
/// m_pc = mean of the reviewers' scores of proposal p on condition c
/// s_pc = 100 · (m_pc − min_c) / (max_c − min_c)
/// score_p = Σ_c w_c s_pc / Σ_c w_c      over the conditions scored for p
/// level profile: the same weighted mean over the level's conditions
/// ```
///
/// # Errors
/// Every error of [`super::validate_round`] (the first one found), e.g. [`crate::Code::UnknownId`]
/// naming the id.
///
/// # Examples
/// ```
/// use waterline::conditions::{default_rubric, score_round, Round, Reviewer, Proposal, Score};
/// let rubric = default_rubric();
/// let proposal = Proposal { id: "p1".into(), title: "Bus route".into(), applicant: "Riders".into(),
///     community: "North Shore".into(), amount_requested: 90000.0, minimum_amount: None,
///     toc_model_id: None, attributes: Default::default() };
/// let scores = rubric.conditions.iter().map(|c| Score { reviewer_id: "r1".into(),
///     proposal_id: "p1".into(), condition_id: c.id.clone(), value: 3.0, comment: None }).collect();
/// let round = Round { title: "t".into(), synthetic: true, note: None, proposals: vec![proposal],
///     reviewers: vec![Reviewer { id: "r1".into(), name: "Ana".into() }], conflicts: vec![], scores,
///     score_columns: None };
/// let s = score_round(&rubric, &round).unwrap();
/// assert_eq!(s.proposals[0].score, Some(75.0)); // 3 on a 0–4 scale everywhere
/// ```
pub fn score_round(rubric: &Rubric, round: &Round) -> Result<RoundScores> {
    Ok(summarize(&design(rubric, round)?))
}
